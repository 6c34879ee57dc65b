"""Running an import: claim it, validate every row, then write all or nothing."""

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.audit import audit_record
from alliance.errors import AllianceError
from alliance.models import User
from alliance.queue import DATABASE_ERRORS, enqueue_after_commit
from alliance.status import StatusTable, lock

from ..models import PRODUCT_IMPORT_TRANSITIONS, Merchant, Product, ProductImport
from ..tasks import run_product_import
from .clean import validate
from .columns import BATCH_SIZE, COLUMNS, FileFormat, ImportFileError, Rejected, Status, row_error
from .read import check_readable

FINISHED = {Status.SUCCEEDED, Status.FAILED}
# A file where every cell is wrong would otherwise store (and send) megabytes of messages; past
# this many the user has enough to fix before trying again.
MAX_REPORTED_ERRORS = 2000


def _existing_skus(*, merchant: Merchant, skus: list[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(skus), BATCH_SIZE):
        batch = skus[start : start + BATCH_SIZE]
        found.update(
            Product.objects.filter(merchant=merchant, sku__in=batch).values_list("sku", flat=True)
        )
    return found


PRODUCT_IMPORT_STATUS = StatusTable(
    moves=PRODUCT_IMPORT_TRANSITIONS,
    refused=gettext_lazy("Cannot move an import from %(old)s to %(new)s."),
)


def _move(product_import: ProductImport, status: str) -> None:
    """Move a locked import to `status` (the caller saves it), recorded in the audit log as the
    worker's action ("product_import.running", "product_import.succeeded", ...)."""
    PRODUCT_IMPORT_STATUS.move(
        product_import,
        status,
        record=lambda old: audit_record(
            actor=None,
            action=f"product_import.{status}",
            target=product_import,
            old_status=old,
            status=status,
        ),
    )


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
            row_error(
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
        products, columns, errors = validate(product_import=claimed)
        if errors:
            return _fail(claimed, errors)
        return _write(product_import=claimed, products=products, columns=columns)
    except Rejected as exc:
        return _fail(claimed, [exc.error])
    except ImportFileError as exc:
        return _fail(claimed, [row_error(row=None, field=None, message=exc.message)])
    except DATABASE_ERRORS:
        raise  # transient: the task retries, and the import starts over from its rows
    except Exception:
        _fail(
            claimed,
            [
                row_error(
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
