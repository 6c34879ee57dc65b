"""What promoters and merchants see of fraud review, in a real browser, in English and in
Chinese: a promoter finds its held order on the On hold and penalised page and appeals; the
merchant sees the order marked on its orders page and reports another one."""

import re

import pytest
from django.utils import translation
from playwright.sync_api import expect

from alliance.templatetags.ui import money
from fraud.models import Flag
from tests import factories
from tests.factories import PASSWORD
from tests.fraud.people import flag, sale

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_promoter_appeals_a_held_order_and_a_merchant_reports_one(visits, language):
    shop = factories.MerchantFactory(hold_days=0, name="Tea House")
    owner = factories.MerchantMemberFactory(merchant=shop).user
    promoter = factories.PromoterFactory(display_name="Lily")
    held = sale(shop, promoter, "HELD-20261")
    other = sale(shop, promoter, "FINE-20262")
    raised = flag(held)

    promoter_visit = visits(language=language, journey="fraud-review", who="promoter")
    t = promoter_visit.t
    promoter_visit.login(promoter.user.username, PASSWORD)
    page = promoter_visit.page
    page.get_by_role("link", name=t("On hold and penalised")).click()
    with translation.override(language):
        amount = money(held.commissions.get().promoter_amount)
    expect(page.locator("#held-total")).to_have_text(amount)
    row = page.get_by_role("row").filter(has_text="HEL*****61")
    expect(row).to_contain_text(t("Abnormal orders"))
    expect(row).to_contain_text(t("Held for review"))
    promoter_visit.shot("held order")
    row.get_by_role("button", name=t("Send appeal")).click()
    expect(page.locator(".error").first).to_be_visible()  # the note is required
    row = page.get_by_role("row").filter(has_text="HEL*****61")
    row.get_by_label(re.compile(re.escape(t("Your explanation")))).fill("My group buys at 8 pm.")
    row.get_by_role("button", name=t("Send appeal")).click()
    expect(page.locator(".message.success")).to_contain_text(
        t("Your appeal was sent. A reviewer will read it.")
    )
    promoter_visit.shot("appeal sent")
    raised.refresh_from_db()
    assert raised.appeal_note == "My group buys at 8 pm."

    merchant_visit = visits(language=language, journey="fraud-review", who="merchant")
    merchant_visit.login(owner.username, PASSWORD)
    page = merchant_visit.page
    page.goto("/merchant/orders/")
    expect(page.get_by_role("row").filter(has_text="HELD-20261")).to_contain_text(
        t("Held for review")
    )
    row = page.get_by_role("row").filter(has_text="FINE-20262")
    row.get_by_text(t("Report suspicious")).click()
    row.get_by_label(re.compile(re.escape(t("What looks wrong?")))).fill("Same address x40")
    row.get_by_role("button", name=t("Report"), exact=True).click()
    expect(page.locator(".message.success")).to_be_visible()
    merchant_visit.shot("order reported")
    report = Flag.objects.get(rule="merchant_report")
    assert (report.severity, report.report_note, list(report.orders.all())) == (
        "low",
        "Same address x40",
        [other],
    )
    expect(page.get_by_role("row").filter(has_text="FINE-20262")).to_contain_text(t("Under review"))
