from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.payout_hold_source_enum import PayoutHoldSourceEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="PayoutHold")


@_attrs_define
class PayoutHold:
    """
    Attributes:
        id (int):
        promoter (int):
        source (PayoutHoldSourceEnum): * `admin` - Set by an admin
            * `fraud` - Open fraud flag
        is_active (bool):
        created_at (datetime.datetime):
        created_by (None | str):
        released_at (datetime.datetime | None):
        released_by (None | str):
        reason (str | Unset):  Default: ''.
    """

    id: int
    promoter: int
    source: PayoutHoldSourceEnum
    is_active: bool
    created_at: datetime.datetime
    created_by: None | str
    released_at: datetime.datetime | None
    released_by: None | str
    reason: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        promoter = self.promoter

        source = self.source.value

        is_active = self.is_active

        created_at = self.created_at.isoformat()

        created_by: None | str
        created_by = self.created_by

        released_at: None | str
        if isinstance(self.released_at, datetime.datetime):
            released_at = self.released_at.isoformat()
        else:
            released_at = self.released_at

        released_by: None | str
        released_by = self.released_by

        reason = self.reason

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "promoter": promoter,
                "source": source,
                "is_active": is_active,
                "created_at": created_at,
                "created_by": created_by,
                "released_at": released_at,
                "released_by": released_by,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        promoter = d.pop("promoter")

        source = PayoutHoldSourceEnum(d.pop("source"))

        is_active = d.pop("is_active")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_created_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        created_by = _parse_created_by(d.pop("created_by"))

        def _parse_released_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                released_at_type_0 = datetime.datetime.fromisoformat(data)

                return released_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        released_at = _parse_released_at(d.pop("released_at"))

        def _parse_released_by(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        released_by = _parse_released_by(d.pop("released_by"))

        reason = d.pop("reason", UNSET)

        payout_hold = cls(
            id=id,
            promoter=promoter,
            source=source,
            is_active=is_active,
            created_at=created_at,
            created_by=created_by,
            released_at=released_at,
            released_by=released_by,
            reason=reason,
        )

        payout_hold.additional_properties = d
        return payout_hold

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
