from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.public_shape_enum import PublicShapeEnum

T = TypeVar("T", bound="MerchantPublic")


@_attrs_define
class MerchantPublic:
    """What promoters see of a merchant.

    Attributes:
        shape (PublicShapeEnum): * `public` - public
        id (int):
        name (str):
        store_url (str):
        default_commission_rate (str):
        attribution_window_days (int):
    """

    shape: PublicShapeEnum
    id: int
    name: str
    store_url: str
    default_commission_rate: str
    attribution_window_days: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        shape = self.shape.value

        id = self.id

        name = self.name

        store_url = self.store_url

        default_commission_rate = self.default_commission_rate

        attribution_window_days = self.attribution_window_days

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "shape": shape,
                "id": id,
                "name": name,
                "store_url": store_url,
                "default_commission_rate": default_commission_rate,
                "attribution_window_days": attribution_window_days,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        shape = PublicShapeEnum(d.pop("shape"))

        id = d.pop("id")

        name = d.pop("name")

        store_url = d.pop("store_url")

        default_commission_rate = d.pop("default_commission_rate")

        attribution_window_days = d.pop("attribution_window_days")

        merchant_public = cls(
            shape=shape,
            id=id,
            name=name,
            store_url=store_url,
            default_commission_rate=default_commission_rate,
            attribution_window_days=attribution_window_days,
        )

        merchant_public.additional_properties = d
        return merchant_public

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
