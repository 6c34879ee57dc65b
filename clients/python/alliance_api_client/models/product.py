from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.stock_status_enum import StockStatusEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Product")


@_attrs_define
class Product:
    """
    Attributes:
        id (int):
        merchant (int):
        merchant_name (str):
        sku (str):
        title (str):
        url (str):
        price (str):
        category_name (None | str):
        effective_rate (str): The rate that applies: the product's own or its merchant's default; for a promoter, the
            highest of that and every campaign open to it now.
        created_at (datetime.datetime):
        updated_at (datetime.datetime):
        image_url (str | Unset):
        category (int | None | Unset):
        commission_rate (None | str | Unset): Empty means the merchant's default rate.
        is_active (bool | Unset):
        stock_status (StockStatusEnum | Unset): * `in_stock` - In stock
            * `low_stock` - Low stock
            * `out_of_stock` - Out of stock
    """

    id: int
    merchant: int
    merchant_name: str
    sku: str
    title: str
    url: str
    price: str
    category_name: None | str
    effective_rate: str
    created_at: datetime.datetime
    updated_at: datetime.datetime
    image_url: str | Unset = UNSET
    category: int | None | Unset = UNSET
    commission_rate: None | str | Unset = UNSET
    is_active: bool | Unset = UNSET
    stock_status: StockStatusEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        merchant = self.merchant

        merchant_name = self.merchant_name

        sku = self.sku

        title = self.title

        url = self.url

        price = self.price

        category_name: None | str
        category_name = self.category_name

        effective_rate = self.effective_rate

        created_at = self.created_at.isoformat()

        updated_at = self.updated_at.isoformat()

        image_url: str | Unset
        if isinstance(self.image_url, Unset):
            image_url = UNSET
        else:
            image_url = self.image_url

        category: int | None | Unset
        if isinstance(self.category, Unset):
            category = UNSET
        else:
            category = self.category

        commission_rate: None | str | Unset
        if isinstance(self.commission_rate, Unset):
            commission_rate = UNSET
        else:
            commission_rate = self.commission_rate

        is_active = self.is_active

        stock_status: str | Unset = UNSET
        if not isinstance(self.stock_status, Unset):
            stock_status = self.stock_status.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "sku": sku,
                "title": title,
                "url": url,
                "price": price,
                "category_name": category_name,
                "effective_rate": effective_rate,
                "created_at": created_at,
                "updated_at": updated_at,
            }
        )
        if image_url is not UNSET:
            field_dict["image_url"] = image_url
        if category is not UNSET:
            field_dict["category"] = category
        if commission_rate is not UNSET:
            field_dict["commission_rate"] = commission_rate
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if stock_status is not UNSET:
            field_dict["stock_status"] = stock_status

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        merchant = d.pop("merchant")

        merchant_name = d.pop("merchant_name")

        sku = d.pop("sku")

        title = d.pop("title")

        url = d.pop("url")

        price = d.pop("price")

        def _parse_category_name(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        category_name = _parse_category_name(d.pop("category_name"))

        effective_rate = d.pop("effective_rate")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        updated_at = datetime.datetime.fromisoformat(d.pop("updated_at"))

        def _parse_image_url(data: object) -> str | Unset:
            if isinstance(data, Unset):
                return data
            return cast(str | Unset, data)

        image_url = _parse_image_url(d.pop("image_url", UNSET))

        def _parse_category(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        category = _parse_category(d.pop("category", UNSET))

        def _parse_commission_rate(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        commission_rate = _parse_commission_rate(d.pop("commission_rate", UNSET))

        is_active = d.pop("is_active", UNSET)

        _stock_status = d.pop("stock_status", UNSET)
        stock_status: StockStatusEnum | Unset
        if isinstance(_stock_status, Unset):
            stock_status = UNSET
        else:
            stock_status = StockStatusEnum(_stock_status)

        product = cls(
            id=id,
            merchant=merchant,
            merchant_name=merchant_name,
            sku=sku,
            title=title,
            url=url,
            price=price,
            category_name=category_name,
            effective_rate=effective_rate,
            created_at=created_at,
            updated_at=updated_at,
            image_url=image_url,
            category=category,
            commission_rate=commission_rate,
            is_active=is_active,
            stock_status=stock_status,
        )

        product.additional_properties = d
        return product

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
