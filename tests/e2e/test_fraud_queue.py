"""The admin's fraud queue in a real browser, in English and in Chinese: the admin opens the
queue, filters it by rule, opens a flag, reads its evidence and confirms it (suspending the
promoter); then clears two flags at once from the queue."""

import pytest
from playwright.sync_api import expect

from alliance.models import ReviewStatus
from commissions.models import Commission
from fraud.models import Flag, Rule
from tests import factories
from tests.fraud.review_data import flag_on, sale

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_an_admin_filters_opens_confirms_and_clears_in_bulk(visits, language):
    shop = factories.MerchantFactory(hold_days=0, name="Tea House")
    brusher = factories.PromoterFactory(display_name="Brushing Ring")
    honest = factories.PromoterFactory(display_name="Quick Buyers")
    order, clicks = sale(shop, brusher, "RING-1", clicks=2)
    ring = flag_on(order, rule=Rule.CLICK_REUSE, clicks=clicks)
    quick = [flag_on(sale(shop, honest, f"QUICK-{n}")[0]) for n in range(2)]
    admin = factories.AdminFactory()

    visit = visits(language=language, journey="fraud-review", who="admin")
    t = visit.t
    visit.login(admin.username, factories.PASSWORD)
    page = visit.page
    page.goto("/console/")
    page.get_by_role("link", name=t("Fraud review"), exact=True).first.click()
    for flag in (ring, *quick):
        expect(page.locator(f"#flag-{flag.pk}")).to_be_visible()
    visit.shot("queue")

    # Filter: only the click-reuse flag is left.
    page.get_by_label(t("Rule"), exact=True).select_option(Rule.CLICK_REUSE.value)
    page.get_by_role("button", name=t("Filter"), exact=True).click()
    expect(page.locator(f"#flag-{ring.pk}")).to_be_visible()
    expect(page.locator(f"#flag-{quick[0].pk}")).to_have_count(0)
    visit.shot("filtered")

    # The flag's page: the evidence against its threshold, the clicks, the history.
    page.locator(f"#flag-{ring.pk}").get_by_role("link", name=str(ring.pk), exact=True).click()
    expect(page.locator("#evidence")).to_contain_text(t("Threshold"))
    expect(page.locator("#evidence tbody tr")).to_have_count(2 + len(clicks))
    expect(page.locator("#history")).to_contain_text(t("Unique clicks"))
    visit.shot("flag")

    # Confirm without a reason: the page says so and nothing changes.
    confirm = page.locator("form", has=page.get_by_label(t("Suspend the promoter too")))
    confirm.get_by_role("button", name=t("Confirm as fraud"), exact=True).click()
    expect(page.locator("#decision")).to_contain_text(t("A reason is required."))
    assert Flag.objects.get(pk=ring.pk).status == "open"

    confirm = page.locator("form", has=page.get_by_label(t("Suspend the promoter too")))
    confirm.get_by_label(t("Reason"), exact=True).fill("One click, many orders")
    confirm.get_by_label(t("Suspend the promoter too")).check()
    confirm.get_by_role("button", name=t("Confirm as fraud"), exact=True).click()
    expect(page.locator(".message.success")).to_contain_text(
        t("Flag %(id)s confirmed: its commissions are void.") % {"id": ring.pk}
    )
    visit.shot("confirmed")
    assert Flag.objects.get(pk=ring.pk).status == "confirmed"
    assert Commission.objects.get(order=order).invalid_reason == "fraud"
    brusher.refresh_from_db()
    assert brusher.status == ReviewStatus.SUSPENDED

    # Back to the queue: clear the two others at once.
    page.goto("/console/fraud/")
    for flag in quick:
        page.get_by_label(t("Select flag %(id)s") % {"id": flag.pk}).check()
    page.get_by_label(t("Decision"), exact=True).select_option("clear")
    page.get_by_label(t("Note"), exact=True).fill("Known quick buyers")
    page.get_by_role("button", name=t("Apply"), exact=True).click()
    expect(page.locator(".message.success")).to_contain_text(
        t("%(count)d flags decided.") % {"count": 2}
    )
    expect(page.get_by_text(t("No flags match."))).to_be_visible()
    visit.shot("cleared")
    assert {f.status for f in Flag.objects.filter(pk__in=[f.pk for f in quick])} == {"cleared"}
    assert not Commission.objects.filter(promoter=honest, review_hold=True).exists()
