from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.backfill_line import BackfillLine


T = TypeVar("T", bound="BackfillResult")


@_attrs_define
class BackfillResult:
    """
    Attributes:
        accepted (int):
        duplicates (int):
        errors (int):
        lines (list[BackfillLine]):
    """

    accepted: int
    duplicates: int
    errors: int
    lines: list[BackfillLine]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        accepted = self.accepted

        duplicates = self.duplicates

        errors = self.errors

        lines = []
        for lines_item_data in self.lines:
            lines_item = lines_item_data.to_dict()
            lines.append(lines_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "accepted": accepted,
                "duplicates": duplicates,
                "errors": errors,
                "lines": lines,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.backfill_line import BackfillLine  # noqa: PLC0415

        d = dict(src_dict)
        accepted = d.pop("accepted")

        duplicates = d.pop("duplicates")

        errors = d.pop("errors")

        lines = []
        _lines = d.pop("lines")
        for lines_item_data in _lines:
            lines_item = BackfillLine.from_dict(lines_item_data)

            lines.append(lines_item)

        backfill_result = cls(
            accepted=accepted,
            duplicates=duplicates,
            errors=errors,
            lines=lines,
        )

        backfill_result.additional_properties = d
        return backfill_result

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
