"""The CSV batch export of approved payouts, for the bank's or Alipay's batch transfer. This is
the one place the full account number leaves the platform."""

import csv
import io

from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record, audit_records
from alliance.errors import AllianceError, Conflict
from alliance.money import amount_text, currency, quantize

from ..models import MethodKind, Payout, PayoutBatch

CSV_COLUMNS = ["payout_id", "account_name", "account", "bank_name", "amount", "currency", "memo"]
# Cells a spreadsheet would run as a formula start with one of these.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(FORMULA_STARTS) else value


def payouts_export(*, kind: str, actor) -> PayoutBatch:
    """Put every approved payout of `kind` that was not exported yet into a new batch and mark
    it exported. Two exports at once never put a payout in two batches: the rows are locked and
    re-read under the lock."""
    if kind not in MethodKind.values:
        raise AllianceError(_("Choose alipay or bank."), field="kind", code="invalid_kind")
    with transaction.atomic():
        payouts = list(
            Payout.objects.select_for_update(of=("self",))
            .filter(status=Payout.Status.APPROVED, exported_at__isnull=True, kind=kind)
            .order_by("pk")
        )
        if not payouts:
            raise Conflict(
                _("There are no approved payouts of this kind left to export."),
                code="nothing_to_export",
            )
        batch = PayoutBatch.objects.create(
            kind=kind,
            created_by=actor,
            count=len(payouts),
            total=quantize(sum(p.amount for p in payouts)),
            currency=currency(),
        )
        Payout.objects.filter(pk__in=[p.pk for p in payouts]).update(
            exported_at=timezone.now(), batch=batch
        )
        audit_record(
            actor=actor,
            action="payout_batch.export",
            target=batch,
            kind=kind,
            count=batch.count,
            amount=batch.total,
        )
        audit_records(
            actor=actor,
            action="payout.export",
            targets=payouts,
            batch=batch.pk,
        )
    return batch


def batch_csv(batch: PayoutBatch) -> str:
    """The batch's file: one row per payout, in id order, from the snapshots taken at request
    time, so the same batch always gives the same file. UTF-8 with a byte order mark, which
    spreadsheet programs need to read Chinese names."""
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for payout in batch.payouts.order_by("pk"):
        writer.writerow(
            [
                payout.pk,
                _cell(payout.account_name),
                _cell(payout.account),
                _cell(payout.bank_name),
                amount_text(payout.amount),
                payout.currency,
                f"Alliance payout {payout.pk} batch {batch.pk}",
            ]
        )
    return out.getvalue()


def batch_filename(batch: PayoutBatch) -> str:
    return f"payouts-{batch.kind}-batch-{batch.pk}.csv"


def batch_download(batch: PayoutBatch) -> HttpResponse:
    """A batch's file as a download, the one answer of the API's export and the console's."""
    response = HttpResponse(batch_csv(batch), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{batch_filename(batch)}"'
    response["X-Payout-Batch"] = str(batch.pk)
    return response
