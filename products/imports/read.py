"""Reading an uploaded file (CSV as UTF-8, or XLSX) into the rows of its known columns."""

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import (
    COLUMNS,
    FORMULA_TRIGGERS,
    REQUIRED_COLUMNS,
    FileFormat,
    ImportFileError,
    Rejected,
    column_name,
)


def _csv_records(content: bytes) -> Iterator[list[str]]:
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(
            _("The file is not UTF-8 text. Save it as “CSV UTF-8” and upload it again."),
            field="file",
            code="invalid_encoding",
        ) from exc
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        for record in reader:
            yield [_csv_text(value) for value in record]
    except csv.Error as exc:
        raise ImportFileError(
            _("The CSV file cannot be read near line %(line)s: %(error)s")
            % {"line": reader.line_num, "error": exc},
            field="file",
        ) from exc


def _csv_text(value: str) -> str:
    value = value.strip()
    if value.startswith("'") and value.lstrip("'").startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def _xlsx_records(content: bytes) -> Iterator[list[str]]:
    not_a_workbook = _("The file is not a readable XLSX workbook.")
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as exc:
        # openpyxl raises anything from BadZipFile to KeyError on a file that is not a workbook.
        raise ImportFileError(not_a_workbook, field="file") from exc
    try:
        if not workbook.worksheets:
            raise ImportFileError(not_a_workbook, field="file")
        sheet = workbook.worksheets[0]
        # min_row=1 so that the n-th record is the spreadsheet's row n even when the sheet's
        # recorded dimensions start lower down.
        for row in sheet.iter_rows(min_row=1, min_col=1, values_only=True):
            yield [_xlsx_text(value) for value in row]
    except ImportFileError:
        raise
    except Exception as exc:
        raise ImportFileError(not_a_workbook, field="file") from exc
    finally:
        workbook.close()


def _xlsx_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        # Spreadsheets store every number as a float: 12.5 comes back as 12.5 and a numeric SKU
        # 10023 as 10023.0. repr() is the shortest text that reads back as the same float.
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    return str(value).strip()


def _records(*, content: bytes, file_format: str) -> Iterator[list[str]]:
    """The file's rows as lists of stripped text, the n-th being the spreadsheet's row n."""
    if file_format == FileFormat.XLSX:
        return _xlsx_records(content)
    return _csv_records(content)


def check_readable(*, content: bytes, file_format: str) -> None:
    """Raise ImportFileError unless the file opens as `file_format` (decodes as UTF-8, or is an
    XLSX workbook). What is inside is checked by the import itself."""
    records = _records(content=content, file_format=file_format)
    try:
        next(records, None)
    finally:
        records.close()


@dataclass(frozen=True)
class SheetRow:
    number: int  # as the spreadsheet shows it; the header is row 1
    values: dict[str, str]  # column -> text, for the known columns the header names


def read_sheet(*, content: bytes, file_format: str, max_rows: int) -> tuple[set, list[SheetRow]]:
    """The known columns the header names and the non-blank rows below it. The header is the
    first non-blank row; unknown columns are ignored, so merchants may keep notes beside the data.
    Raises Rejected for a file that cannot be imported as a whole."""
    records = _records(content=content, file_format=file_format)
    try:
        header_number, header = 0, None
        for number, cells in enumerate(records, start=1):
            if any(cells):
                header_number, header = number, cells
                break
        if header is None:
            raise Rejected(_("The file is empty: it needs a header row and product rows."))
        positions: dict[str, int] = {}
        for position, cell in enumerate(header):
            name = column_name(cell)
            if name not in COLUMNS:
                continue
            if name in positions:
                raise Rejected(
                    _("Column “%(name)s” appears twice.") % {"name": name},
                    row=header_number,
                    field=name,
                )
            positions[name] = position
        missing = [name for name in REQUIRED_COLUMNS if name not in positions]
        if missing:
            raise Rejected(
                _("Missing required columns: %(missing)s. The header row needs %(required)s.")
                % {"missing": ", ".join(missing), "required": ", ".join(REQUIRED_COLUMNS)},
                row=header_number,
                field=missing[0],
            )
        rows = []
        for number, cells in enumerate(records, start=header_number + 1):
            if not any(cells):
                continue
            if len(rows) == max_rows:
                raise Rejected(
                    _("The file has more than %(max)s product rows; split it into smaller files.")
                    % {"max": max_rows}
                )
            values = {
                name: cells[position] if position < len(cells) else ""
                for name, position in positions.items()
            }
            rows.append(SheetRow(number=number, values=values))
    finally:
        records.close()
    if not rows:
        raise Rejected(_("The file has no product rows below the header."))
    return set(positions), rows
