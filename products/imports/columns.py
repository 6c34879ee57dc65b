"""The columns of an import or export file, and the errors that name a row and a column."""

from alliance.errors import AllianceError

from ..models import ProductImport

FileFormat = ProductImport.FileFormat
Status = ProductImport.Status

COLUMNS = (
    "sku",
    "title",
    "url",
    "image_url",
    "price",
    "category",
    "commission_rate",
    "is_active",
    "stock_status",
)
REQUIRED_COLUMNS = ("sku", "title", "url", "price")
TEXT_COLUMNS = ("sku", "title", "url", "image_url", "category")
CONTENT_TYPES = {
    FileFormat.CSV: "text/csv; charset=utf-8",
    FileFormat.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# Rows per INSERT ... ON CONFLICT statement and SKUs per lookup: 500 rows of 11 columns stay well
# under every backend's parameter limit.
BATCH_SIZE = 500

# A text cell starting with one of these is run as a formula by spreadsheet programs, so a CSV
# export prefixes it with an apostrophe (as spreadsheets themselves do) and the import drops it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = {"true", "1", "yes", "y"}
FALSE_WORDS = {"false", "0", "no", "n"}


class ImportFileError(AllianceError):
    """The upload cannot be read as the format it claims to be."""

    code = "invalid_file"


class Rejected(Exception):
    """The file as a whole cannot be imported (missing columns, no rows, too many rows)."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.error = row_error(row=row, field=field, message=message)


def row_error(*, row: int | None, field: str | None, message: str) -> dict:
    return {"row": row, "field": field, "message": message}


def column_name(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")
