from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.flag_bulk_result import FlagBulkResult


T = TypeVar("T", bound="FlagBulkAnswer")


@_attrs_define
class FlagBulkAnswer:
    """
    Attributes:
        done (int):
        failed (int):
        results (list[FlagBulkResult]):
    """

    done: int
    failed: int
    results: list[FlagBulkResult]
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        done = self.done

        failed = self.failed

        results = []
        for results_item_data in self.results:
            results_item = results_item_data.to_dict()
            results.append(results_item)

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "done": done,
                "failed": failed,
                "results": results,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.flag_bulk_result import FlagBulkResult  # noqa: PLC0415

        d = dict(src_dict)
        done = d.pop("done")

        failed = d.pop("failed")

        results = []
        _results = d.pop("results")
        for results_item_data in _results:
            results_item = FlagBulkResult.from_dict(results_item_data)

            results.append(results_item)

        flag_bulk_answer = cls(
            done=done,
            failed=failed,
            results=results,
        )

        flag_bulk_answer.additional_properties = d
        return flag_bulk_answer

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
