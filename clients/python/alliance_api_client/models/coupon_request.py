from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CouponRequest")


@_attrs_define
class CouponRequest:
    """
    Attributes:
        code (str):
        description (str): What the discount is.
        valid_from (datetime.datetime):
        valid_until (datetime.datetime):
        quantity (int | None | Unset): Empty: unlimited.
        exclusive_promoter (int | None | Unset):
        is_active (bool | Unset):
    """

    code: str
    description: str
    valid_from: datetime.datetime
    valid_until: datetime.datetime
    quantity: int | None | Unset = UNSET
    exclusive_promoter: int | None | Unset = UNSET
    is_active: bool | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        code = self.code

        description = self.description

        valid_from = self.valid_from.isoformat()

        valid_until = self.valid_until.isoformat()

        quantity: int | None | Unset
        if isinstance(self.quantity, Unset):
            quantity = UNSET
        else:
            quantity = self.quantity

        exclusive_promoter: int | None | Unset
        if isinstance(self.exclusive_promoter, Unset):
            exclusive_promoter = UNSET
        else:
            exclusive_promoter = self.exclusive_promoter

        is_active = self.is_active

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "description": description,
                "valid_from": valid_from,
                "valid_until": valid_until,
            }
        )
        if quantity is not UNSET:
            field_dict["quantity"] = quantity
        if exclusive_promoter is not UNSET:
            field_dict["exclusive_promoter"] = exclusive_promoter
        if is_active is not UNSET:
            field_dict["is_active"] = is_active

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        code = d.pop("code")

        description = d.pop("description")

        valid_from = datetime.datetime.fromisoformat(d.pop("valid_from"))

        valid_until = datetime.datetime.fromisoformat(d.pop("valid_until"))

        def _parse_quantity(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        quantity = _parse_quantity(d.pop("quantity", UNSET))

        def _parse_exclusive_promoter(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        exclusive_promoter = _parse_exclusive_promoter(d.pop("exclusive_promoter", UNSET))

        is_active = d.pop("is_active", UNSET)

        coupon_request = cls(
            code=code,
            description=description,
            valid_from=valid_from,
            valid_until=valid_until,
            quantity=quantity,
            exclusive_promoter=exclusive_promoter,
            is_active=is_active,
        )

        coupon_request.additional_properties = d
        return coupon_request

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
