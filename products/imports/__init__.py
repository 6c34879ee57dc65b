"""Bulk product import and export for merchants, as CSV (UTF-8) or XLSX.

An import is all or nothing: every row is validated first, and only when no row has an error are
the products written, upserted by (merchant, sku) in one transaction. Errors name the row as the
spreadsheet shows it (the header is row 1) and the column. An export writes the same columns, so
an exported file imports back unchanged.

The modules follow an import's life: ``read`` (the file into rows), ``clean`` (each row into a
product and its errors), ``run`` (the import job, all or nothing) and ``export``; ``columns``
holds what they share. The names other code uses are re-exported here.
"""

from alliance.errors import AllianceError

from .clean import clean_row
from .columns import COLUMNS, CONTENT_TYPES, FORMULA_TRIGGERS, FileFormat, ImportFileError, Status
from .export import export_file_name, products_export
from .read import SheetRow, check_readable, read_sheet
from .run import FINISHED, product_import_run, product_import_start

__all__ = [
    "COLUMNS",
    "CONTENT_TYPES",
    "FINISHED",
    "FORMULA_TRIGGERS",
    "AllianceError",
    "FileFormat",
    "ImportFileError",
    "SheetRow",
    "Status",
    "check_readable",
    "clean_row",
    "export_file_name",
    "product_import_run",
    "product_import_start",
    "products_export",
    "read_sheet",
]
