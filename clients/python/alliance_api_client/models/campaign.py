from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.campaign_kind_enum import CampaignKindEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="Campaign")


@_attrs_define
class Campaign:
    """
    Attributes:
        id (int):
        merchant (int):
        merchant_name (str):
        name (str):
        rate (str):
        created_at (datetime.datetime):
        kind (CampaignKindEnum | Unset): * `general` - General (open to every promoter)
            * `targeted` - Targeted (approved promoters only)
            * `event` - Event (time-limited)
        applies_to_all_products (bool | Unset): Covers the whole store instead of the listed products.
        products (list[int] | Unset):
        starts_at (datetime.datetime | None | Unset):
        ends_at (datetime.datetime | None | Unset):
        is_active (bool | Unset):
        description (str | Unset):
    """

    id: int
    merchant: int
    merchant_name: str
    name: str
    rate: str
    created_at: datetime.datetime
    kind: CampaignKindEnum | Unset = UNSET
    applies_to_all_products: bool | Unset = UNSET
    products: list[int] | Unset = UNSET
    starts_at: datetime.datetime | None | Unset = UNSET
    ends_at: datetime.datetime | None | Unset = UNSET
    is_active: bool | Unset = UNSET
    description: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        merchant = self.merchant

        merchant_name = self.merchant_name

        name = self.name

        rate = self.rate

        created_at = self.created_at.isoformat()

        kind: str | Unset = UNSET
        if not isinstance(self.kind, Unset):
            kind = self.kind.value

        applies_to_all_products = self.applies_to_all_products

        products: list[int] | Unset = UNSET
        if not isinstance(self.products, Unset):
            products = self.products

        starts_at: None | str | Unset
        if isinstance(self.starts_at, Unset):
            starts_at = UNSET
        elif isinstance(self.starts_at, datetime.datetime):
            starts_at = self.starts_at.isoformat()
        else:
            starts_at = self.starts_at

        ends_at: None | str | Unset
        if isinstance(self.ends_at, Unset):
            ends_at = UNSET
        elif isinstance(self.ends_at, datetime.datetime):
            ends_at = self.ends_at.isoformat()
        else:
            ends_at = self.ends_at

        is_active = self.is_active

        description = self.description

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "merchant": merchant,
                "merchant_name": merchant_name,
                "name": name,
                "rate": rate,
                "created_at": created_at,
            }
        )
        if kind is not UNSET:
            field_dict["kind"] = kind
        if applies_to_all_products is not UNSET:
            field_dict["applies_to_all_products"] = applies_to_all_products
        if products is not UNSET:
            field_dict["products"] = products
        if starts_at is not UNSET:
            field_dict["starts_at"] = starts_at
        if ends_at is not UNSET:
            field_dict["ends_at"] = ends_at
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if description is not UNSET:
            field_dict["description"] = description

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        merchant = d.pop("merchant")

        merchant_name = d.pop("merchant_name")

        name = d.pop("name")

        rate = d.pop("rate")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        _kind = d.pop("kind", UNSET)
        kind: CampaignKindEnum | Unset
        if isinstance(_kind, Unset):
            kind = UNSET
        else:
            kind = CampaignKindEnum(_kind)

        applies_to_all_products = d.pop("applies_to_all_products", UNSET)

        products = cast(list[int], d.pop("products", UNSET))

        def _parse_starts_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                starts_at_type_0 = datetime.datetime.fromisoformat(data)

                return starts_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        starts_at = _parse_starts_at(d.pop("starts_at", UNSET))

        def _parse_ends_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                ends_at_type_0 = datetime.datetime.fromisoformat(data)

                return ends_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        ends_at = _parse_ends_at(d.pop("ends_at", UNSET))

        is_active = d.pop("is_active", UNSET)

        description = d.pop("description", UNSET)

        campaign = cls(
            id=id,
            merchant=merchant,
            merchant_name=merchant_name,
            name=name,
            rate=rate,
            created_at=created_at,
            kind=kind,
            applies_to_all_products=applies_to_all_products,
            products=products,
            starts_at=starts_at,
            ends_at=ends_at,
            is_active=is_active,
            description=description,
        )

        campaign.additional_properties = d
        return campaign

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
