from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.product_file_format_enum import ProductFileFormatEnum
from ..models.product_import_status_enum import ProductImportStatusEnum

T = TypeVar("T", bound="ProductImportSummary")


@_attrs_define
class ProductImportSummary:
    """
    Attributes:
        id (int):
        file_name (str):
        file_format (ProductFileFormatEnum): * `csv` - CSV
            * `xlsx` - XLSX
        status (ProductImportStatusEnum): * `pending` - Pending
            * `running` - Running
            * `succeeded` - Succeeded
            * `failed` - Failed
        total_rows (int):
        processed_rows (int):
        created_count (int):
        updated_count (int):
        error_count (int):
        created_by (int | None):
        created_at (datetime.datetime):
        started_at (datetime.datetime | None):
        finished_at (datetime.datetime | None):
    """

    id: int
    file_name: str
    file_format: ProductFileFormatEnum
    status: ProductImportStatusEnum
    total_rows: int
    processed_rows: int
    created_count: int
    updated_count: int
    error_count: int
    created_by: int | None
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        file_name = self.file_name

        file_format = self.file_format.value

        status = self.status.value

        total_rows = self.total_rows

        processed_rows = self.processed_rows

        created_count = self.created_count

        updated_count = self.updated_count

        error_count = self.error_count

        created_by: int | None
        created_by = self.created_by

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "file_name": file_name,
                "file_format": file_format,
                "status": status,
                "total_rows": total_rows,
                "processed_rows": processed_rows,
                "created_count": created_count,
                "updated_count": updated_count,
                "error_count": error_count,
                "created_by": created_by,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        id = d.pop("id")

        file_name = d.pop("file_name")

        file_format = ProductFileFormatEnum(d.pop("file_format"))

        status = ProductImportStatusEnum(d.pop("status"))

        total_rows = d.pop("total_rows")

        processed_rows = d.pop("processed_rows")

        created_count = d.pop("created_count")

        updated_count = d.pop("updated_count")

        error_count = d.pop("error_count")

        def _parse_created_by(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        created_by = _parse_created_by(d.pop("created_by"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        product_import_summary = cls(
            id=id,
            file_name=file_name,
            file_format=file_format,
            status=status,
            total_rows=total_rows,
            processed_rows=processed_rows,
            created_count=created_count,
            updated_count=updated_count,
            error_count=error_count,
            created_by=created_by,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
        )

        product_import_summary.additional_properties = d
        return product_import_summary

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
