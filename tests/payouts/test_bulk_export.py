"""Bulk review (one bad row does not stop the rest) and the CSV batch export."""

import csv
import io

import pytest

from alliance.models import AuditLog
from ledger.models import LedgerTransaction
from payouts.models import Payout, PayoutBatch
from payouts.services import payouts as services
from payouts.services.holds import hold_set

from .. import factories
from ..assertions import assert_error
from .money import D, alipay, bank, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/payouts/"


def requested(amount="50.00", method=alipay, **method_kwargs):
    promoter = factories.PromoterFactory()
    fund(promoter, "100.00")
    return services.payout_request(
        promoter=promoter, method=method(promoter, **method_kwargs), amount=D(amount)
    )


def test_bulk_approve_reports_each_row_and_one_failure_stops_nothing(admin_api, admin_user):
    good = [requested(), requested("70.00")]
    held = requested()
    hold_set(promoter=held.promoter, reason="Fraud check", actor=admin_user)

    response = admin_api.post(
        f"{API}bulk/",
        {"action": "approve", "ids": [good[0].pk, held.pk, good[1].pk, 987654321]},
        format="json",
    )

    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["done"], body["failed"]) == (2, 2)
    by_id = {row["id"]: row for row in body["results"]}
    assert by_id[good[0].pk]["ok"] and by_id[good[0].pk]["status"] == "approved"
    assert by_id[held.pk]["ok"] is False and by_id[held.pk]["code"] == "payout_held"
    assert by_id[987654321]["code"] == "not_found"
    assert set(Payout.objects.filter(status="approved").values_list("pk", flat=True)) == {
        p.pk for p in good
    }
    assert LedgerTransaction.objects.filter(kind="payout").count() == 2
    assert AuditLog.objects.filter(action="payout.approve").count() == 2


def test_bulk_reject_needs_a_reason_and_records_it(admin_api):
    payouts = [requested(), requested()]

    assert_error(
        admin_api.post(
            f"{API}bulk/", {"action": "reject", "ids": [p.pk for p in payouts]}, format="json"
        ),
        400,
        code="reason_required",
        fields={"reason"},
    )
    response = admin_api.post(
        f"{API}bulk/",
        {"action": "reject", "ids": [p.pk for p in payouts], "reason": "Duplicate accounts"},
        format="json",
    )

    assert response.json()["done"] == 2
    assert set(Payout.objects.values_list("status", "reason")) == {
        ("rejected", "Duplicate accounts")
    }


def test_bulk_mark_paid_with_a_paid_row_in_it(admin_api, admin_user):
    first, second = requested(), requested()
    for payout in (first, second):
        services.payout_approve(payout=payout, reviewer=admin_user)
    services.payout_mark_paid(payout=first, actor=admin_user, reference="EARLY")

    body = admin_api.post(
        f"{API}bulk/",
        {"action": "mark_paid", "ids": [first.pk, second.pk], "reference": "BATCH-9"},
        format="json",
    ).json()

    assert [(r["id"], r["ok"], r["code"]) for r in body["results"]] == [
        (first.pk, False, "invalid_transition"),
        (second.pk, True, ""),
    ]
    assert Payout.objects.get(pk=second.pk).reference == "BATCH-9"


def rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:])))


def test_export_writes_full_accounts_marks_exported_and_reexports_the_same_file(
    admin_api, admin_user
):
    first = requested("50.00", method=bank, account="6222 0212 3456 7890 123")
    second = requested("70.00", method=bank, account="6217000010001234")
    ali = requested("30.00")
    not_approved = requested("20.00", method=bank)
    for payout in (first, second, ali):
        services.payout_approve(payout=payout, reviewer=admin_user)

    response = admin_api.post(f"{API}export/?kind=bank")

    assert response.status_code == 200, response.content
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    batch = PayoutBatch.objects.get()
    assert (
        response["Content-Disposition"]
        == f'attachment; filename="payouts-bank-batch-{batch.pk}.csv"'
    )
    assert rows(response.content) == [
        ["payout_id", "account_name", "account", "bank_name", "amount", "currency", "memo"],
        [
            str(first.pk),
            "Li Wei",
            "6222021234567890123",
            "招商银行",
            "50.00",
            "CNY",
            f"Alliance payout {first.pk} batch {batch.pk}",
        ],
        [
            str(second.pk),
            "Li Wei",
            "6217000010001234",
            "招商银行",
            "70.00",
            "CNY",
            f"Alliance payout {second.pk} batch {batch.pk}",
        ],
    ]
    assert (batch.count, batch.total, batch.kind) == (2, D("120.00"), "bank")
    assert set(Payout.objects.filter(batch=batch).values_list("pk", flat=True)) == {
        first.pk,
        second.pk,
    }
    assert Payout.objects.get(pk=ali.pk).exported_at is None
    assert Payout.objects.get(pk=not_approved.pk).exported_at is None
    assert AuditLog.objects.filter(action="payout.export").count() == 2

    # Exported payouts are not exported again; the batch's file is the same, even after a
    # payout in it was paid.
    assert_error(admin_api.post(f"{API}export/?kind=bank"), 409, code="nothing_to_export")
    services.payout_mark_paid(payout=first, actor=admin_user, reference="R1")
    again = admin_api.get(f"{API}export/?batch={batch.pk}")
    assert again.status_code == 200
    assert again.content == response.content

    listed = admin_api.get(f"{API}?batch={batch.pk}").json()
    assert {row["id"] for row in listed["results"]} == {first.pk, second.pk}
    assert admin_api.get("/api/v1/payout-batches/").json()["results"][0]["count"] == 2


def test_alipay_export_has_no_bank_name(admin_api, admin_user):
    payout = requested("30.00", account="li.wei@example.com")
    services.payout_approve(payout=payout, reviewer=admin_user)

    content = admin_api.post(f"{API}export/", {"kind": "alipay"}, format="json").content

    assert rows(content)[1][:5] == [str(payout.pk), "张三", "li.wei@example.com", "", "30.00"]


def test_export_input_and_permissions(admin_api, promoter_api, merchant_api):
    assert_error(admin_api.post(f"{API}export/?kind=wechat"), 400, fields={"kind"})
    assert_error(admin_api.get(f"{API}export/"), 400, fields={"batch"})
    assert_error(admin_api.get(f"{API}export/?batch=987654"), 404)
    for client in (promoter_api, merchant_api):
        assert_error(client.post(f"{API}export/?kind=bank"), 403)
        assert_error(client.get(f"{API}export/?batch=1"), 403)
        assert_error(
            client.post(f"{API}bulk/", {"action": "approve", "ids": [1]}, format="json"), 403
        )
