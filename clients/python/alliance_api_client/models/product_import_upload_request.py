from __future__ import annotations

from collections.abc import Mapping
from io import BytesIO
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from .. import types
from ..models.blank_enum import BlankEnum
from ..models.product_file_format_enum import ProductFileFormatEnum
from ..types import UNSET, File, Unset

T = TypeVar("T", bound="ProductImportUploadRequest")


@_attrs_define
class ProductImportUploadRequest:
    """
    Attributes:
        file (File): CSV (UTF-8) or XLSX with the columns sku, title, url, price and optionally image_url, category,
            commission_rate, is_active, stock_status.
        format_ (BlankEnum | ProductFileFormatEnum | Unset): Defaults to the file name's extension.

            * `csv` - CSV
            * `xlsx` - XLSX
    """

    file: File
    format_: BlankEnum | ProductFileFormatEnum | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        file = self.file.to_tuple()

        format_: str | Unset
        if isinstance(self.format_, Unset):
            format_ = UNSET
        elif isinstance(self.format_, ProductFileFormatEnum):
            format_ = self.format_.value
        else:
            format_ = self.format_.value

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "file": file,
            }
        )
        if format_ is not UNSET:
            field_dict["format"] = format_

        return field_dict

    def to_multipart(self) -> types.RequestFiles:
        files: types.RequestFiles = []

        files.append(("file", self.file.to_tuple()))

        if not isinstance(self.format_, Unset):
            if isinstance(self.format_, ProductFileFormatEnum):
                files.append(("format", (None, str(self.format_.value).encode(), "text/plain")))
            else:
                files.append(("format", (None, str(self.format_.value).encode(), "text/plain")))

        for prop_name, prop in self.additional_properties.items():
            files.append((prop_name, (None, str(prop).encode(), "text/plain")))

        return files

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        file = File(payload=BytesIO(d.pop("file")))

        def _parse_format_(data: object) -> BlankEnum | ProductFileFormatEnum | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                format_type_0 = ProductFileFormatEnum(data)

                return format_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, str):
                raise TypeError()
            format_type_1 = BlankEnum(data)

            return format_type_1

        format_ = _parse_format_(d.pop("format", UNSET))

        product_import_upload_request = cls(
            file=file,
            format_=format_,
        )

        product_import_upload_request.additional_properties = d
        return product_import_upload_request

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
