from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

T = TypeVar("T", bound="Downline")


@_attrs_define
class Downline:
    """What an upline sees of the promoters it invited: public fields only.

    Attributes:
        display_name (str):
        status (str):
        joined_at (datetime.datetime):
        expires_at (datetime.datetime):
    """

    display_name: str
    status: str
    joined_at: datetime.datetime
    expires_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        display_name = self.display_name

        status = self.status

        joined_at = self.joined_at.isoformat()

        expires_at = self.expires_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "display_name": display_name,
                "status": status,
                "joined_at": joined_at,
                "expires_at": expires_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        display_name = d.pop("display_name")

        status = d.pop("status")

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        expires_at = datetime.datetime.fromisoformat(d.pop("expires_at"))

        downline = cls(
            display_name=display_name,
            status=status,
            joined_at=joined_at,
            expires_at=expires_at,
        )

        downline.additional_properties = d
        return downline

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
