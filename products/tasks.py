"""Celery tasks for the catalog. Each takes ids, loads rows and calls a service."""

from celery import shared_task
from django.conf import settings

from alliance.queue import RETRY_ON_DATABASE_ERRORS, enqueue_now

from .models import ProductImport

# Imports are few; a sweep re-enqueues at most this many and the next sweep takes the rest.
SWEEP_BATCH = 100


@shared_task(
    acks_late=True,
    # A lost database connection is worth another try; the import starts over from its rows,
    # which is safe because nothing is written before the final transaction.
    **RETRY_ON_DATABASE_ERRORS,
    max_retries=5,
    # The largest file (ALLIANCE_IMPORT_MAX_ROWS rows) validates and writes well within this.
    soft_time_limit=540,
    time_limit=600,
)
def run_product_import(import_id: int) -> None:
    """Apply a merchant's product import. An import that no longer exists is skipped."""
    # products.imports enqueues this task, so it is imported here rather than at the top.
    from .imports import product_import_run

    product_import = ProductImport.objects.select_related("merchant").filter(pk=import_id).first()
    if product_import is None:
        return
    product_import_run(product_import=product_import)


@shared_task(acks_late=True, soft_time_limit=50, time_limit=60)
def sweep_stale_product_imports() -> int:
    """Enqueue again the imports whose publish was lost. Running one twice is harmless: the
    import's status moves make a second run of a finished import a no-op."""
    from .selectors import product_imports_stale

    stale = list(
        product_imports_stale(
            older_than_seconds=settings.ALLIANCE_IMPORT_SWEEP_SECONDS
        ).values_list("pk", flat=True)[:SWEEP_BATCH]
    )
    for import_id in stale:
        enqueue_now(run_product_import, import_id)
    return len(stale)
