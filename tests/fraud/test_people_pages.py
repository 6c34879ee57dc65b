"""The promoter's "On hold and penalised" page and the merchant's orders page with its
review marks and report form (docs/dashboards.md)."""

from decimal import Decimal

import pytest
from django.test import Client

from fraud.models import Flag
from fraud.services.flags import flag_confirm

from .. import factories
from .people import flag, sale

pytestmark = pytest.mark.django_db
PAGE = "/promoter/on-hold/"


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def shop():
    return factories.MerchantFactory(hold_days=0, name="Tea House")


@pytest.fixture
def promoter():
    return factories.PromoterFactory(display_name="Lily")


def test_the_promoter_sees_what_is_held_by_kind_and_its_penalised_orders(shop, promoter):
    held = sale(shop, promoter, "HELD-0001")
    voided = sale(shop, promoter, "VOID-0001")
    sale(shop, promoter, "FINE-0001")
    flag(held)
    flag_confirm(flag=flag(voided), actor=factories.AdminFactory(), note="Brushing")

    response = _client(promoter.user).get(PAGE)

    assert response.status_code == 200
    holds = response.context["holds"]
    assert (holds.total, holds.count, holds.payouts_held) == (Decimal("9.00"), 1, True)
    assert [(k.kind, k.amount) for k in holds.by_kind] == [("abnormal_orders", Decimal("9.00"))]
    rows = {row["order"].pk: row for row in response.context["rows"]}
    assert set(rows) == {held.pk, voided.pk}
    assert rows[held.pk]["form"] is not None and rows[voided.pk]["form"] is None
    text = response.content.decode()
    assert "HEL****01" in text and "HELD-0001" not in text
    assert "Abnormal orders" in text
    assert "min_seconds" not in text and "Paid 2 s after" not in text


def test_an_appeal_from_the_page_reaches_the_flag(shop, promoter):
    order = sale(shop, promoter, "APPEAL-01")
    raised = flag(order)

    response = _client(promoter.user).post(
        f"{PAGE}{order.pk}/appeal/", {f"appeal-{order.pk}-note": "Our group buys at 8 pm."}
    )

    assert response.status_code == 302
    raised.refresh_from_db()
    assert raised.appeal_note == "Our group buys at 8 pm."


def test_a_blank_appeal_or_one_on_a_decided_review_says_why(shop, promoter):
    order = sale(shop, promoter, "APPEAL-02")
    decided = sale(shop, promoter, "APPEAL-03")
    raised = flag(order)
    flag_confirm(flag=flag(decided), actor=factories.AdminFactory(), note="Brushing")
    client = _client(promoter.user)

    blank = client.post(f"{PAGE}{order.pk}/appeal/", {f"appeal-{order.pk}-note": "  "})
    late = client.post(f"{PAGE}{decided.pk}/appeal/", {f"appeal-{decided.pk}-note": "Hi"})
    theirs = _client(factories.PromoterFactory().user).post(
        f"{PAGE}{order.pk}/appeal/", {f"appeal-{order.pk}-note": "Hi"}
    )

    assert blank.status_code == 400
    assert "This field is required." in blank.content.decode()
    assert late.status_code == 400
    assert "Nothing on this order is waiting for review." in late.content.decode()
    assert theirs.status_code == 400
    raised.refresh_from_db()
    assert raised.appeal_note == ""


def test_the_merchant_orders_page_marks_held_and_penalised_orders(shop, promoter):
    owner = factories.MerchantMemberFactory(merchant=shop).user
    held = sale(shop, promoter, "HELD-0002")
    voided = sale(shop, promoter, "VOID-0002")
    fine = sale(shop, promoter, "FINE-0002")
    flag(held)
    flag_confirm(flag=flag(voided), actor=factories.AdminFactory(), note="Brushing")

    response = _client(owner).get("/merchant/orders/")

    assert response.status_code == 200
    marks = {o.pk: str(o.penalty_label) for o in response.context["page_obj"]}
    assert marks == {held.pk: "Held for review", voided.pk: "Penalised", fine.pk: ""}
    summary = response.context["fraud"]
    assert (summary.held_count, summary.held_commission, summary.open_flags) == (
        1,
        Decimal("10.00"),
        1,
    )
    assert f'action="/merchant/orders/{fine.pk}/report/"' in response.content.decode()


def test_the_merchant_reports_an_order_from_the_page(shop, promoter):
    owner = factories.MerchantMemberFactory(merchant=shop).user
    order = sale(shop, promoter, "REPORT-01")
    client = _client(owner)

    blank = client.post(f"/merchant/orders/{order.pk}/report/", {f"report-{order.pk}-note": ""})
    sent = client.post(
        f"/merchant/orders/{order.pk}/report/?status=paid",
        {f"report-{order.pk}-note": "40 orders to one address"},
    )
    other = _client(factories.MerchantMemberFactory().user).post(
        f"/merchant/orders/{order.pk}/report/", {f"report-{order.pk}-note": "x"}
    )

    assert blank.status_code == 400
    assert "This field is required." in blank.content.decode()
    assert (sent.status_code, sent["Location"]) == (302, "/merchant/orders/?status=paid")
    assert other.status_code == 404
    (report,) = Flag.objects.all()
    assert (report.rule, report.severity, report.report_note) == (
        "merchant_report",
        "low",
        "40 orders to one address",
    )
    marks = {o.pk: o.penalty for o in client.get("/merchant/orders/").context["page_obj"]}
    assert marks[order.pk] == "marked"


def test_the_orders_page_query_count_does_not_grow_with_flags(
    shop, promoter, django_assert_max_num_queries
):
    merchant_client = _client(factories.MerchantMemberFactory(merchant=shop).user)
    promoter_client = _client(promoter.user)
    for number in range(5):
        flag(sale(shop, promoter, f"MANY-{number:04d}"))

    with django_assert_max_num_queries(11):
        merchant_client.get("/merchant/orders/")
    with django_assert_max_num_queries(9):
        promoter_client.get(PAGE)
