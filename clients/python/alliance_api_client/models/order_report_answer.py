from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.flag_severity_enum import FlagSeverityEnum
from ..models.flag_status_enum import FlagStatusEnum

T = TypeVar("T", bound="OrderReportAnswer")


@_attrs_define
class OrderReportAnswer:
    """The flag the report opened (or updated): low, open, for an admin to review.

    Attributes:
        id (int):
        order (int):
        status (FlagStatusEnum): * `open` - Open
            * `cleared` - Cleared
            * `confirmed` - Confirmed as fraud
        severity (FlagSeverityEnum): * `low` - Low: marked for review
            * `high` - High: money held until review
        report_note (str):
        created_at (datetime.datetime):
    """

    id: int
    order: int
    status: FlagStatusEnum
    severity: FlagSeverityEnum
    report_note: str
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        order = self.order

        status = self.status.value

        severity = self.severity.value

        report_note = self.report_note

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "order": order,
                "status": status,
                "severity": severity,
                "report_note": report_note,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        order = d.pop("order")

        status = FlagStatusEnum(d.pop("status"))

        severity = FlagSeverityEnum(d.pop("severity"))

        report_note = d.pop("report_note")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        order_report_answer = cls(
            id=id,
            order=order,
            status=status,
            severity=severity,
            report_note=report_note,
            created_at=created_at,
        )

        order_report_answer.additional_properties = d
        return order_report_answer

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
