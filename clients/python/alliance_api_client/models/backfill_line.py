from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.backfill_line_status_enum import BackfillLineStatusEnum

if TYPE_CHECKING:
    from ..models.backfill_line_fields import BackfillLineFields


T = TypeVar("T", bound="BackfillLine")


@_attrs_define
class BackfillLine:
    """
    Attributes:
        line (int):
        status (BackfillLineStatusEnum): * `accepted` - accepted
            * `duplicate` - duplicate
            * `error` - error
        event_id (int | None):
        webhook_id (str):
        code (str):
        message (str):
        fields (BackfillLineFields):
    """

    line: int
    status: BackfillLineStatusEnum
    event_id: int | None
    webhook_id: str
    code: str
    message: str
    fields: BackfillLineFields
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        line = self.line

        status = self.status.value

        event_id: int | None
        event_id = self.event_id

        webhook_id = self.webhook_id

        code = self.code

        message = self.message

        fields = self.fields.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "line": line,
                "status": status,
                "event_id": event_id,
                "webhook_id": webhook_id,
                "code": code,
                "message": message,
                "fields": fields,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backfill_line_fields import BackfillLineFields  # noqa: PLC0415

        d = dict(src_dict)
        line = d.pop("line")

        status = BackfillLineStatusEnum(d.pop("status"))

        def _parse_event_id(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        event_id = _parse_event_id(d.pop("event_id"))

        webhook_id = d.pop("webhook_id")

        code = d.pop("code")

        message = d.pop("message")

        fields = BackfillLineFields.from_dict(d.pop("fields"))

        backfill_line = cls(
            line=line,
            status=status,
            event_id=event_id,
            webhook_id=webhook_id,
            code=code,
            message=message,
            fields=fields,
        )

        backfill_line.additional_properties = d
        return backfill_line

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
