from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.similar_account_reason_enum import SimilarAccountReasonEnum

T = TypeVar("T", bound="FlagSimilar")


@_attrs_define
class FlagSimilar:
    """
    Attributes:
        promoter (int):
        display_name (str):
        status (str):
        joined_at (datetime.datetime):
        reasons (list[SimilarAccountReasonEnum]):
        minutes_apart (int): Between the two accounts' creation.
        open_flags (int):
        orders (int):
    """

    promoter: int
    display_name: str
    status: str
    joined_at: datetime.datetime
    reasons: list[SimilarAccountReasonEnum]
    minutes_apart: int
    open_flags: int
    orders: int
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        promoter = self.promoter

        display_name = self.display_name

        status = self.status

        joined_at = self.joined_at.isoformat()

        reasons = []
        for reasons_item_data in self.reasons:
            reasons_item = reasons_item_data.value
            reasons.append(reasons_item)

        minutes_apart = self.minutes_apart

        open_flags = self.open_flags

        orders = self.orders

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "promoter": promoter,
                "display_name": display_name,
                "status": status,
                "joined_at": joined_at,
                "reasons": reasons,
                "minutes_apart": minutes_apart,
                "open_flags": open_flags,
                "orders": orders,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        promoter = d.pop("promoter")

        display_name = d.pop("display_name")

        status = d.pop("status")

        joined_at = datetime.datetime.fromisoformat(d.pop("joined_at"))

        reasons = []
        _reasons = d.pop("reasons")
        for reasons_item_data in _reasons:
            reasons_item = SimilarAccountReasonEnum(reasons_item_data)

            reasons.append(reasons_item)

        minutes_apart = d.pop("minutes_apart")

        open_flags = d.pop("open_flags")

        orders = d.pop("orders")

        flag_similar = cls(
            promoter=promoter,
            display_name=display_name,
            status=status,
            joined_at=joined_at,
            reasons=reasons,
            minutes_apart=minutes_apart,
            open_flags=open_flags,
            orders=orders,
        )

        flag_similar.additional_properties = d
        return flag_similar

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
