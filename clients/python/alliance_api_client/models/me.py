from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.role_enum import RoleEnum

T = TypeVar("T", bound="Me")


@_attrs_define
class Me:
    """
    Attributes:
        id (int):
        username (str):
        role (RoleEnum): * `admin` - admin
            * `merchant` - merchant
            * `promoter` - promoter
            * `none` - none
        merchant_id (int | None):
        promoter_id (int | None):
    """

    id: int
    username: str
    role: RoleEnum
    merchant_id: int | None
    promoter_id: int | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        username = self.username

        role = self.role.value

        merchant_id: int | None
        merchant_id = self.merchant_id

        promoter_id: int | None
        promoter_id = self.promoter_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "username": username,
                "role": role,
                "merchant_id": merchant_id,
                "promoter_id": promoter_id,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        username = d.pop("username")

        role = RoleEnum(d.pop("role"))

        def _parse_merchant_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        merchant_id = _parse_merchant_id(d.pop("merchant_id"))

        def _parse_promoter_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        promoter_id = _parse_promoter_id(d.pop("promoter_id"))

        me = cls(
            id=id,
            username=username,
            role=role,
            merchant_id=merchant_id,
            promoter_id=promoter_id,
        )

        me.additional_properties = d
        return me

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
