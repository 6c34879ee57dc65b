from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="LinkToStoreRequest")


@_attrs_define
class LinkToStoreRequest:
    """
    Attributes:
        merchant (int):
        channel (int | None | Unset):
        product (int | None | Unset):
        coupon (int | None | Unset):
        sub_id (str | Unset):
    """

    merchant: int
    channel: int | None | Unset = UNSET
    product: int | None | Unset = UNSET
    coupon: int | None | Unset = UNSET
    sub_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        merchant = self.merchant

        channel: int | None | Unset
        if isinstance(self.channel, Unset):
            channel = UNSET
        else:
            channel = self.channel

        product: int | None | Unset
        if isinstance(self.product, Unset):
            product = UNSET
        else:
            product = self.product

        coupon: int | None | Unset
        if isinstance(self.coupon, Unset):
            coupon = UNSET
        else:
            coupon = self.coupon

        sub_id = self.sub_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "merchant": merchant,
            }
        )
        if channel is not UNSET:
            field_dict["channel"] = channel
        if product is not UNSET:
            field_dict["product"] = product
        if coupon is not UNSET:
            field_dict["coupon"] = coupon
        if sub_id is not UNSET:
            field_dict["sub_id"] = sub_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        merchant = d.pop("merchant")

        def _parse_channel(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        channel = _parse_channel(d.pop("channel", UNSET))

        def _parse_product(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        product = _parse_product(d.pop("product", UNSET))

        def _parse_coupon(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        coupon = _parse_coupon(d.pop("coupon", UNSET))

        sub_id = d.pop("sub_id", UNSET)

        link_to_store_request = cls(
            merchant=merchant,
            channel=channel,
            product=product,
            coupon=coupon,
            sub_id=sub_id,
        )

        link_to_store_request.additional_properties = d
        return link_to_store_request

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
