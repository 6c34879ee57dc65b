from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.action_enum import ActionEnum
from ..types import UNSET, Unset

T = TypeVar("T", bound="BulkRequest")


@_attrs_define
class BulkRequest:
    """
    Attributes:
        action (ActionEnum): * `approve` - approve
            * `reject` - reject
            * `mark_paid` - mark_paid
            * `mark_failed` - mark_failed
        ids (list[int]):
        reason (str | Unset):  Default: ''.
        reference (str | Unset):  Default: ''.
    """

    action: ActionEnum
    ids: list[int]
    reason: str | Unset = ""
    reference: str | Unset = ""
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        action = self.action.value

        ids = self.ids

        reason = self.reason

        reference = self.reference

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "action": action,
                "ids": ids,
            }
        )
        if reason is not UNSET:
            field_dict["reason"] = reason
        if reference is not UNSET:
            field_dict["reference"] = reference

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        action = ActionEnum(d.pop("action"))

        ids = cast(list[int], d.pop("ids"))

        reason = d.pop("reason", UNSET)

        reference = d.pop("reference", UNSET)

        bulk_request = cls(
            action=action,
            ids=ids,
            reason=reason,
            reference=reference,
        )

        bulk_request.additional_properties = d
        return bulk_request

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
