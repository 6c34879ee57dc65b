from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.fraud_decision_enum import FraudDecisionEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="FlagBulkRequest")


@_attrs_define
class FlagBulkRequest:
    """
    Attributes:
        ids (list[int]):
        decision (FraudDecisionEnum): * `clear` - clear
            * `confirm` - confirm
        note (str | Unset): Required to confirm. Default: ''.
        suspend (bool | Unset): Suspend the promoter too. Default: False.
    """

    ids: list[int]
    decision: FraudDecisionEnum
    note: str | Unset = ""
    suspend: bool | Unset = False
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        ids = self.ids

        decision = self.decision.value

        note = self.note

        suspend = self.suspend

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "ids": ids,
                "decision": decision,
            }
        )
        if note is not UNSET:
            field_dict["note"] = note
        if suspend is not UNSET:
            field_dict["suspend"] = suspend

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        ids = cast(list[int], d.pop("ids"))

        decision = FraudDecisionEnum(d.pop("decision"))

        note = d.pop("note", UNSET)

        suspend = d.pop("suspend", UNSET)

        flag_bulk_request = cls(
            ids=ids,
            decision=decision,
            note=note,
            suspend=suspend,
        )

        flag_bulk_request.additional_properties = d
        return flag_bulk_request

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
