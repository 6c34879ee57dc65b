from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PatchedLinkUpdateRequest")


@_attrs_define
class PatchedLinkUpdateRequest:
    """A link's target never changes after it is shared; only its state and sub_id do.

    Attributes:
        is_active (bool | Unset):
        sub_id (str | Unset):
    """

    is_active: bool | Unset = UNSET
    sub_id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        is_active = self.is_active

        sub_id = self.sub_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if is_active is not UNSET:
            field_dict["is_active"] = is_active
        if sub_id is not UNSET:
            field_dict["sub_id"] = sub_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        is_active = d.pop("is_active", UNSET)

        sub_id = d.pop("sub_id", UNSET)

        patched_link_update_request = cls(
            is_active=is_active,
            sub_id=sub_id,
        )

        patched_link_update_request.additional_properties = d
        return patched_link_update_request

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
