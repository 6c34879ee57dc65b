"""The promoter's payouts page and the admin console: forms keep input and show errors next to
fields, actions work, and the console is staff only."""

import pytest
from django.test import Client

from alliance.masking import mask_order_id
from commissions.models import Commission
from payouts.models import Payout, PayoutBatch, PayoutHold, PayoutMethod
from payouts.services import payouts as services

from .. import factories
from ..payouts.money import D, alipay, earn, fund

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def promoter_page(promoter):
    return browser(promoter.user)


@pytest.fixture
def console(admin_user):
    return browser(admin_user)


def test_the_promoter_page_shows_balances_and_masked_methods(promoter, promoter_page):
    fund(promoter, "123.45")
    alipay(promoter, account="13800138000")

    response = promoter_page.get("/promoter/payouts/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "CN¥123.45" in html
    assert "138****8000" in html and "13800138000" not in html
    assert "At least CN¥10.00" in html


def test_the_promoter_page_shows_the_settlement_history(promoter, promoter_page):
    earn(promoter, sales=["10.00", "10.00"])  # settled: P = 1.80 each
    commission = Commission.objects.filter(promoter=promoter).order_by("pk").first()

    html = promoter_page.get("/promoter/payouts/").content.decode()

    assert "Settlement history" in html
    assert html.count("CN¥1.80") == 2
    # Each line names its order as the promoter sees it, never an internal commission number.
    assert f"Settlement · order {mask_order_id(commission.order.order_id)}" in html
    assert f"commission {commission.pk}" not in html


def test_a_bad_method_keeps_the_input_and_shows_errors(promoter_page):
    response = promoter_page.post(
        "/promoter/payouts/",
        {
            "form": "method",
            "method-kind": "bank",
            "method-account_name": "Li Wei",
            "method-account": "6222 0212",
            "method-bank_name": "",
        },
    )

    assert response.status_code == 400
    html = response.content.decode()
    assert 'value="6222 0212"' in html and 'value="Li Wei"' in html
    assert "A bank account number has 12 to 19 digits." in html
    assert "Enter the bank&#x27;s name." in html
    assert not PayoutMethod.objects.exists()


def test_adding_a_method_and_requesting(promoter, promoter_page):
    fund(promoter, "100.00")
    added = promoter_page.post(
        "/promoter/payouts/",
        {
            "form": "method",
            "method-kind": "alipay",
            "method-account_name": "张三",
            "method-account": "li@example.com",
        },
    )
    assert added.status_code == 302
    method = PayoutMethod.objects.get()

    too_much = promoter_page.post(
        "/promoter/payouts/",
        {"form": "request", "request-amount": "150.00", "request-method": method.pk},
    )
    assert too_much.status_code == 400
    assert 'value="150.00"' in too_much.content.decode()
    assert "You can withdraw at most 100.00 CNY." in too_much.content.decode()

    done = promoter_page.post(
        "/promoter/payouts/",
        {"form": "request", "request-amount": "60.00", "request-method": method.pk},
    )
    assert done.status_code == 302
    assert Payout.objects.get().amount == D("60.00")
    assert "li***@example.com" in promoter_page.get("/promoter/payouts/").content.decode()


def test_removing_a_method(promoter, promoter_page):
    method = alipay(promoter)

    assert (
        promoter_page.post(
            "/promoter/payouts/", {"form": "remove_method", "method": method.pk}
        ).status_code
        == 302
    )
    assert not PayoutMethod.objects.exists()


@pytest.mark.parametrize("chosen", ["abc", "", "999999", "-1"])
def test_removing_a_method_that_is_not_one_says_so(promoter, promoter_page, chosen):
    alipay(promoter)

    response = promoter_page.post("/promoter/payouts/", {"form": "remove_method", "method": chosen})

    assert response.status_code == 400
    assert "That payout method does not exist." in response.content.decode()
    assert PayoutMethod.objects.filter(is_active=True).count() == 1


def test_the_promoter_page_is_for_promoters(merchant_owner):
    assert browser(merchant_owner).get("/promoter/payouts/").status_code == 403
    assert Client().get("/promoter/payouts/").status_code == 302  # to the login


@pytest.mark.parametrize(
    "path", ["/console/payouts/", "/console/audit/", "/console/payouts/batches/1.csv"]
)
def test_the_console_is_staff_only(path, promoter, merchant_owner):
    for user in (promoter.user, merchant_owner):
        response = browser(user).get(path)
        assert response.status_code == 403
        assert "Only platform admins" in response.content.decode()
    assert Client().get(path).status_code == 302


@pytest.fixture
def queue(promoter, other_promoter):
    made = []
    for someone, amount in ((promoter, "40.00"), (other_promoter, "80.00")):
        fund(someone, "100.00")
        made.append(
            services.payout_request(promoter=someone, method=alipay(someone), amount=D(amount))
        )
    return made


def test_the_console_lists_and_filters(console, queue):
    html = console.get("/console/payouts/").content.decode()
    assert all(f'id="payout-{p.pk}"' in html for p in queue)

    html = console.get("/console/payouts/?min_amount=50").content.decode()
    assert f'id="payout-{queue[1].pk}"' in html and f'id="payout-{queue[0].pk}"' not in html
    html = console.get(
        f"/console/payouts/?promoter={queue[0].promoter_id}&status=requested"
    ).content.decode()
    assert f'id="payout-{queue[0].pk}"' in html and f'id="payout-{queue[1].pk}"' not in html


def test_a_row_reject_without_reason_keeps_the_row_and_says_why(console, queue):
    response = console.post(
        "/console/payouts/",
        {"form": "row", "payout": queue[0].pk, "action": "mark_paid", "reference": "R-1"},
    )
    assert response.status_code == 400
    assert "cannot move from requested to paid" in response.content.decode()

    response = console.post(
        "/console/payouts/",
        {"form": "row", "payout": queue[0].pk, "action": "reject", "reason": "  "},
    )
    assert response.status_code == 400
    assert "A reason is required." in response.content.decode()
    assert Payout.objects.get(pk=queue[0].pk).status == "requested"


def test_row_actions_through_a_full_cycle_and_export(console, queue):
    payout = queue[0]
    assert (
        console.post(
            "/console/payouts/", {"form": "row", "payout": payout.pk, "action": "approve"}
        ).status_code
        == 302
    )

    exported = console.post("/console/payouts/", {"form": "export", "kind": "alipay"})
    assert exported.status_code == 200
    assert exported["Content-Type"] == "text/csv; charset=utf-8"
    assert "13800138000" in exported.content.decode()
    batch = PayoutBatch.objects.get()
    assert console.get(f"/console/payouts/batches/{batch.pk}.csv").content == exported.content

    nothing = console.post("/console/payouts/", {"form": "export", "kind": "alipay"}, follow=True)
    assert "no approved payouts of this kind left to export" in nothing.content.decode()

    paid = console.post(
        "/console/payouts/",
        {"form": "row", "payout": payout.pk, "action": "mark_paid", "reference": "ALI-1"},
    )
    assert paid.status_code == 302
    assert Payout.objects.get(pk=payout.pk).status == "paid"


def test_bulk_from_the_console_keeps_the_selection_on_error(console, queue):
    response = console.post(
        "/console/payouts/",
        {"form": "bulk", "action": "reject", "ids": [queue[0].pk, queue[1].pk], "reason": ""},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "A reason is required." in html
    assert html.count("checked") == 2

    done = console.post(
        "/console/payouts/",
        {"form": "bulk", "action": "approve", "ids": [queue[0].pk, queue[1].pk]},
        follow=True,
    )
    assert "2 payouts updated." in done.content.decode()
    assert set(Payout.objects.values_list("status", flat=True)) == {"approved"}


def test_holds_from_the_console(console, queue, promoter):
    bad = console.post("/console/payouts/", {"form": "hold", "promoter": promoter.pk, "reason": ""})
    assert bad.status_code == 400
    assert f'value="{promoter.pk}"' in bad.content.decode()
    assert "A reason is required." in bad.content.decode()
    assert (
        console.post(
            "/console/payouts/", {"form": "hold", "promoter": 987654, "reason": "x"}
        ).status_code
        == 400
    )

    assert (
        console.post(
            "/console/payouts/", {"form": "hold", "promoter": promoter.pk, "reason": "Chargebacks"}
        ).status_code
        == 302
    )
    assert Payout.objects.get(pk=queue[0].pk).status == "held"
    hold = PayoutHold.objects.get()
    assert (
        console.post("/console/payouts/", {"form": "release", "hold": hold.pk}).status_code == 302
    )
    assert Payout.objects.get(pk=queue[0].pk).status == "requested"


def test_the_audit_page_filters(console, queue, admin_user):
    services.payout_approve(payout=queue[0], reviewer=admin_user)
    factories.PromoterFactory()

    html = console.get("/console/audit/?action=payout.approve").content.decode()

    assert "payout.approve" in html and "payout.request" not in html
    html = console.get(f"/console/audit/?actor={admin_user.username}").content.decode()
    assert "payout.approve" in html and "payout.request" not in html
