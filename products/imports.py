"""Bulk product import and export for merchants, as CSV (UTF-8) or XLSX.

An import is all or nothing: every row is validated first, and only when no row has an error are
the products written, upserted by (merchant, sku) in one transaction. Errors name the row as the
spreadsheet shows it (the header is row 1) and the column. An export writes the same columns, so
an exported file imports back unchanged.
"""

import csv
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import OperationalError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

from alliance.errors import AllianceError, InvalidTransition
from alliance.models import ReviewStatus, User
from alliance.queue import enqueue_after_commit
from alliance.services import lock

from .models import (
    PRODUCT_IMPORT_TRANSITIONS,
    URL_SCHEMES,
    Category,
    InvalidHost,
    Merchant,
    Product,
    ProductImport,
    StoreDomain,
    host_covers,
    host_of_url,
)
from .services import url_domain_message, url_scheme_message
from .tasks import run_product_import

logger = logging.getLogger(__name__)

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
FINISHED = {Status.SUCCEEDED, Status.FAILED}

# Rows validated between two progress writes: about a hundred small UPDATEs for the largest file.
PROGRESS_EVERY = 200
# Rows per INSERT ... ON CONFLICT statement and SKUs per lookup: 500 rows of 11 columns stay well
# under every backend's parameter limit.
BATCH_SIZE = 500
# A file where every cell is wrong would otherwise store (and send) megabytes of messages; past
# this many the user has enough to fix before trying again.
MAX_REPORTED_ERRORS = 2000

# A text cell starting with one of these is run as a formula by spreadsheet programs, so a CSV
# export prefixes it with an apostrophe (as spreadsheets themselves do) and the import drops it.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
TRUE_WORDS = {"true", "1", "yes", "y"}
FALSE_WORDS = {"false", "0", "no", "n"}


class ImportFileError(AllianceError):
    """The upload cannot be read as the format it claims to be."""

    code = "invalid_file"


class _Rejected(Exception):
    """The file as a whole cannot be imported (missing columns, no rows, too many rows)."""

    def __init__(self, message: str, *, row: int | None = None, field: str | None = None):
        super().__init__(message)
        self.error = _error(row=row, field=field, message=message)


def _error(*, row: int | None, field: str | None, message: str) -> dict:
    return {"row": row, "field": field, "message": message}


# --- Reading files ---------------------------------------------------------------------------


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


def _column_name(text: str) -> str:
    return text.strip().lower().replace(" ", "_").replace("-", "_")


def read_sheet(*, content: bytes, file_format: str, max_rows: int) -> tuple[set, list[SheetRow]]:
    """The known columns the header names and the non-blank rows below it. The header is the
    first non-blank row; unknown columns are ignored, so merchants may keep notes beside the data.
    Raises _Rejected for a file that cannot be imported as a whole."""
    records = _records(content=content, file_format=file_format)
    try:
        header_number, header = 0, None
        for number, cells in enumerate(records, start=1):
            if any(cells):
                header_number, header = number, cells
                break
        if header is None:
            raise _Rejected(_("The file is empty: it needs a header row and product rows."))
        positions: dict[str, int] = {}
        for position, cell in enumerate(header):
            name = _column_name(cell)
            if name not in COLUMNS:
                continue
            if name in positions:
                raise _Rejected(
                    _("Column “%(name)s” appears twice.") % {"name": name},
                    row=header_number,
                    field=name,
                )
            positions[name] = position
        missing = [name for name in REQUIRED_COLUMNS if name not in positions]
        if missing:
            raise _Rejected(
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
                raise _Rejected(
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
        raise _Rejected(_("The file has no product rows below the header."))
    return set(positions), rows


# --- Validating rows -------------------------------------------------------------------------


class _Categories:
    """Every category by slug and by name; there are few, so one query serves a whole file."""

    def __init__(self) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for pk, slug, name in Category.objects.values_list("pk", "slug", "name"):
            self.by_slug[slug.casefold()] = pk
            self.by_name[name.casefold()] = pk

    def find(self, text: str) -> int | None:
        key = text.casefold()
        return self.by_slug.get(key, self.by_name.get(key))


class _Domains:
    """The merchant's approved store domains, read once for a whole file."""

    def __init__(self, merchant: Merchant) -> None:
        self.hosts = list(
            StoreDomain.objects.filter(merchant=merchant, status=ReviewStatus.APPROVED).values_list(
                "host", flat=True
            )
        )

    def problem(self, url: str) -> str | None:
        """Why a product may not point at `url`, or None when it may: the same rule as
        products.services.url_domain_check."""
        if url.split(":", 1)[0].lower() not in URL_SCHEMES:
            return url_scheme_message()
        try:
            host = host_of_url(url)
        except InvalidHost:
            return url_domain_message(url)
        if any(host_covers(domain, host) for domain in self.hosts):
            return None
        return url_domain_message(host)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(_("Enter a plain number, such as 12.50."))
    return value


def _boolean(text: str) -> bool:
    word = text.casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Enter true or false (also accepted: yes/no, 1/0)."))


def _stock_status(text: str) -> str:
    # Accept the value (in_stock) and the label as shown in the dashboard (In stock).
    return _column_name(text) if text else Product.StockStatus.IN_STOCK


def clean_row(
    *,
    row: SheetRow,
    merchant: Merchant,
    existing: Product | None,
    categories: _Categories,
    domains: _Domains,
) -> tuple[Product, list[dict]]:
    """The product a row describes and the row's errors. A blank commission_rate means the
    merchant's default, a blank is_active means active; a column absent from the file keeps an
    existing product's value (and the model default for a new one). A new or changed URL must
    be on one of the merchant's approved store domains."""
    values = row.values
    problems: dict[str, list[str]] = {
        # PostgreSQL refuses NUL in text, and no one means to type it.
        name: [_("Remove the NUL character from this cell.")]
        for name, text in values.items()
        if "\x00" in text
    }
    product = Product(merchant=merchant, sku=values["sku"])
    if existing is not None:
        for name in COLUMNS:
            if name not in values:
                field = Product._meta.get_field(name)
                setattr(product, field.attname, getattr(existing, field.attname))

    def parse(name: str, convert) -> None:
        if name not in values or name in problems:
            return
        try:
            setattr(product, name, convert(values[name]))
        except ValidationError as exc:
            problems[name] = exc.messages

    def required_decimal(text: str) -> Decimal:
        if not text:
            raise ValidationError(_("This field is required."))
        return _decimal(text)

    def category(text: str) -> int | None:
        if not text:
            return None
        pk = categories.find(text)
        if pk is None:
            raise ValidationError(
                _("Unknown category “%(category)s”: use a category's slug or name.")
                % {"category": text}
            )
        return pk

    for name in ("title", "url", "image_url"):
        parse(name, str)
    parse("price", required_decimal)
    parse("commission_rate", lambda text: _decimal(text) if text else None)
    parse("is_active", lambda text: _boolean(text) if text else True)
    parse("stock_status", _stock_status)
    if "category" in values and "category" not in problems:
        try:
            product.category_id = category(values["category"])
        except ValidationError as exc:
            problems["category"] = exc.messages
    try:
        # Foreign keys are resolved above and (merchant, sku) is the upsert's key, so skip the
        # per-row queries full_clean would make for them.
        product.full_clean(
            exclude=["merchant", "category", *problems],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            problems.setdefault(name, []).extend(messages)
    if "url" not in problems and (existing is None or product.url != existing.url):
        problem = domains.problem(product.url)
        if problem:
            problems["url"] = [problem]
    errors = [
        _error(row=row.number, field=None if name == NON_FIELD_ERRORS else name, message=message)
        for name in sorted(problems, key=_column_order)
        for message in problems[name]
    ]
    return product, errors


def _column_order(name: str) -> int:
    return COLUMNS.index(name) if name in COLUMNS else len(COLUMNS)


def _existing_products(*, merchant: Merchant, skus: Iterable[str]) -> dict[str, Product]:
    skus = list(skus)
    found: dict[str, Product] = {}
    for start in range(0, len(skus), BATCH_SIZE):
        batch = skus[start : start + BATCH_SIZE]
        for product in Product.objects.filter(merchant=merchant, sku__in=batch):
            found[product.sku] = product
    return found


def _existing_skus(*, merchant: Merchant, skus: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(skus), BATCH_SIZE):
        batch = skus[start : start + BATCH_SIZE]
        found.update(
            Product.objects.filter(merchant=merchant, sku__in=batch).values_list("sku", flat=True)
        )
    return found


def _validate(*, product_import: ProductImport) -> tuple[list[Product], set, list[dict]]:
    """Every row's product and error; progress is written as rows are checked."""
    columns, rows = read_sheet(
        content=bytes(product_import.content),
        file_format=product_import.file_format,
        max_rows=settings.ALLIANCE_IMPORT_MAX_ROWS,
    )
    progress = ProductImport.objects.filter(pk=product_import.pk)
    progress.update(total_rows=len(rows), processed_rows=0)
    existing = _existing_products(
        merchant=product_import.merchant, skus={row.values["sku"] for row in rows}
    )
    categories = _Categories()
    domains = _Domains(product_import.merchant)
    first_row_of: dict[str, int] = {}
    products: list[Product] = []
    errors: list[dict] = []
    for done, row in enumerate(rows, start=1):
        product, row_errors = clean_row(
            row=row,
            merchant=product_import.merchant,
            existing=existing.get(row.values["sku"]),
            categories=categories,
            domains=domains,
        )
        sku = row.values["sku"]
        if sku and sku in first_row_of:
            row_errors.insert(
                0,
                _error(
                    row=row.number,
                    field="sku",
                    message=_("SKU “%(sku)s” is already in row %(row)s.")
                    % {"sku": sku, "row": first_row_of[sku]},
                ),
            )
        elif sku:
            first_row_of[sku] = row.number
        errors.extend(row_errors)
        if not row_errors:
            products.append(product)
        if done % PROGRESS_EVERY == 0:
            progress.update(processed_rows=done)
    progress.update(processed_rows=len(rows))
    return products, columns, errors


# --- Running an import -----------------------------------------------------------------------


def _move(product_import: ProductImport, status: str) -> None:
    if status not in PRODUCT_IMPORT_TRANSITIONS[product_import.status]:
        raise InvalidTransition(
            _("Cannot move an import from %(old)s to %(new)s.")
            % {"old": product_import.status, "new": status}
        )
    product_import.status = status


def _finish(
    product_import: ProductImport,
    *,
    status: str,
    errors: list[dict] | None = None,
    created_count: int = 0,
    updated_count: int = 0,
) -> ProductImport:
    """Record the outcome; the caller holds the import's row lock."""
    _move(product_import, status)
    errors = errors or []
    product_import.error_count = len(errors)
    if len(errors) > MAX_REPORTED_ERRORS:
        hidden = len(errors) - MAX_REPORTED_ERRORS
        errors = [
            *errors[:MAX_REPORTED_ERRORS],
            _error(
                row=None,
                field=None,
                message=_("%(count)s more errors are not shown; fix the rows above first.")
                % {"count": hidden},
            ),
        ]
    product_import.errors = errors
    product_import.created_count = created_count
    product_import.updated_count = updated_count
    product_import.finished_at = timezone.now()
    product_import.save(
        update_fields=[
            "status",
            "errors",
            "error_count",
            "created_count",
            "updated_count",
            "finished_at",
        ]
    )
    return product_import


def _fail(product_import: ProductImport, errors: list[dict]) -> ProductImport:
    with transaction.atomic():
        locked = lock(product_import)
        if locked.status in FINISHED:
            return locked
        return _finish(locked, status=Status.FAILED, errors=errors)


@transaction.atomic
def _claim(product_import: ProductImport) -> ProductImport | None:
    locked = lock(product_import)
    if locked.status in FINISHED:
        return None
    _move(locked, Status.RUNNING)
    locked.started_at = timezone.now()
    locked.save(update_fields=["status", "started_at"])
    return locked


@transaction.atomic
def _write(*, product_import: ProductImport, products: list[Product], columns: set):
    locked = lock(product_import)
    if locked.status != Status.RUNNING:
        return locked  # another delivery of the same task got here first
    before = _existing_skus(merchant=locked.merchant, skus=[p.sku for p in products])
    # Rows in SKU order, so that two imports touching the same products lock them in one order.
    products = sorted(products, key=lambda product: product.sku)
    # Columns the file leaves out keep their stored values on existing products.
    update_fields = [name for name in COLUMNS if name in columns and name != "sku"]
    Product.objects.bulk_create(
        products,
        batch_size=BATCH_SIZE,
        update_conflicts=True,
        unique_fields=["merchant", "sku"],
        update_fields=[*update_fields, "updated_at"],
    )
    return _finish(
        locked,
        status=Status.SUCCEEDED,
        created_count=len(products) - len(before),
        updated_count=len(before),
    )


def product_import_run(*, product_import: ProductImport) -> ProductImport:
    """Apply an import all or nothing: when any row has an error nothing is written and the
    import fails listing every row's errors; otherwise every row is upserted by (merchant, sku)
    in one transaction. Running a finished import again changes nothing."""
    claimed = _claim(product_import)
    if claimed is None:
        product_import.refresh_from_db()
        return product_import
    try:
        products, columns, errors = _validate(product_import=claimed)
        if errors:
            return _fail(claimed, errors)
        return _write(product_import=claimed, products=products, columns=columns)
    except _Rejected as exc:
        return _fail(claimed, [exc.error])
    except ImportFileError as exc:
        return _fail(claimed, [_error(row=None, field=None, message=exc.message)])
    except OperationalError:
        raise  # transient: the task retries, and the import starts over from its rows
    except Exception:
        _fail(
            claimed,
            [
                _error(
                    row=None,
                    field=None,
                    message=_("The import stopped on an unexpected error; nothing was written."),
                )
            ],
        )
        raise


def product_import_start(
    *,
    merchant: Merchant,
    user: User | None,
    file_format: str,
    content: bytes,
    file_name: str = "",
) -> ProductImport:
    """Store an upload and queue its import. A file that cannot be read at all (empty, too large,
    not UTF-8, not a workbook) is refused here; problems inside it are the import's to report."""
    if file_format not in FileFormat.values:
        raise AllianceError(_("Choose csv or xlsx."), field="format", code="invalid_format")
    if not content:
        raise AllianceError(_("The file is empty."), field="file", code="empty_file")
    limit = settings.ALLIANCE_IMPORT_MAX_BYTES
    if len(content) > limit:
        raise AllianceError(
            _("The file is larger than %(limit)s bytes; split it into smaller files.")
            % {"limit": limit},
            field="file",
            code="file_too_large",
        )
    check_readable(content=content, file_format=file_format)
    with transaction.atomic():
        product_import = ProductImport.objects.create(
            merchant=merchant,
            created_by=user,
            file_name=file_name[:255],
            file_format=file_format,
            content=content,
        )
        enqueue_after_commit(run_product_import, product_import.pk)
    return product_import


# --- Export ----------------------------------------------------------------------------------


def _export_rows(merchant: Merchant) -> Iterator[dict]:
    products = (
        Product.objects.filter(merchant=merchant).select_related("category").order_by("sku", "pk")
    )
    for product in products.iterator(chunk_size=BATCH_SIZE):
        yield {
            "sku": product.sku,
            "title": product.title,
            "url": product.url,
            "image_url": product.image_url,
            "price": product.price,
            "category": product.category.slug if product.category else "",
            "commission_rate": product.commission_rate,
            "is_active": "true" if product.is_active else "false",
            "stock_status": product.stock_status,
        }


def _csv_cell(name: str, value) -> str:
    if value is None:
        return ""
    text = str(value)
    if name in TEXT_COLUMNS and text.lstrip("'").startswith(FORMULA_TRIGGERS):
        return "'" + text
    return text


def _csv_bytes(rows: Iterable[dict]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([_csv_cell(name, row[name]) for name in COLUMNS])
    # With the byte order mark, Excel opens the file as UTF-8 (Chinese titles stay readable).
    return buffer.getvalue().encode("utf-8-sig")


def _xlsx_bytes(rows: Iterable[dict]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("products")
    for letter, width in zip("ABCDEFGHI", (16, 40, 40, 40, 12, 16, 16, 10, 14), strict=True):
        sheet.column_dimensions[letter].width = width
    sheet.append(list(COLUMNS))
    for row in rows:
        cells = []
        for name in COLUMNS:
            value = row[name]
            if isinstance(value, str):
                # A worksheet cannot hold most control characters (a title may carry them);
                # left in, they fail the whole file.
                value = ILLEGAL_CHARACTERS_RE.sub("", value)
            cell = WriteOnlyCell(sheet, value=value)
            if isinstance(value, Decimal):
                cell.number_format = "0.00"
            elif isinstance(value, str):
                # A string cell, never a formula, whatever the text starts with.
                cell.data_type = "s"
            cells.append(cell)
        sheet.append(cells)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def products_export(*, merchant: Merchant, file_format: str) -> bytes:
    """The merchant's catalog in the import's columns, ordered by SKU, amounts as plain decimals,
    so the file imports back unchanged."""
    rows = _export_rows(merchant)
    if file_format == FileFormat.XLSX:
        return _xlsx_bytes(rows)
    return _csv_bytes(rows)


def export_file_name(*, merchant: Merchant, file_format: str) -> str:
    return f"products-{merchant.pk}-{timezone.localdate():%Y%m%d}.{file_format}"
