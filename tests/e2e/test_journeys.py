"""Each role's main journey in a real browser, in English and in Chinese.

A merchant signs up, is approved, imports products (a bad file first: its rows' errors are
shown, nothing is written) and sets a campaign; a promoter signs up with an invite code, finds a
product, builds a link and follows it (the click is counted); the store sends signed order
events; the promoter sees the estimated earning; the admin runs settlement; the promoter asks
for a payout; the admin approves it. A real Celery worker does the background work (the import,
applying the order events, the settlement run) as it does in production."""

import json
import re
import time
import urllib.request
from datetime import timedelta
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect
from standardwebhooks import Webhook

from alliance.templatetags.ui import money
from commissions.models import Commission
from ledger.checks import ledger_check
from payouts.models import Payout
from products.models import Merchant, Product
from promoters.models import Click, Promoter
from tests import factories
from tests.celery_worker import celery_worker  # noqa: F401 (a fixture)

pytestmark = [
    pytest.mark.slow,
    pytest.mark.celery_worker,
    pytest.mark.django_db(transaction=True),
]

PASSWORD = "long-enough-secret"
WORKER_SECONDS = 30_000  # milliseconds: how long a page may wait for the worker

GOOD_FILE = (
    "sku,title,url,price,commission_rate\r\n"
    "OOLONG-1,Tieguanyin oolong 250 g,https://tea.example.com/p/oolong,200.00,\r\n"
    "PUER-1,Pu'er cake 357 g,https://tea.example.com/p/puer,368.00,15\r\n"
)
# Row 3 has a price that is no number: the report names the row and the column.
BAD_FILE = GOOD_FILE.replace("368.00", "three hundred")


def wait_for(condition, *, seconds: float = WORKER_SECONDS / 1000):
    """What the worker writes in the background: poll until it is there."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        result = condition()
        if result:
            return result
        time.sleep(0.2)
    raise AssertionError("the worker did not get there in time")


def exactly(text: str) -> re.Pattern:
    """A label's whole text, allowing for the required-field mark after it."""
    return re.compile(rf"^\s*{re.escape(text)}\s*\*?\s*$")


def in_language(language: str, value) -> str:
    with translation.override(language):
        return money(value)


def post_order_event(base_url: str, merchant: Merchant, secret: str, body: dict, msg_id: str):
    text = json.dumps(body)
    moment = timezone.now()
    request = urllib.request.Request(
        f"{base_url}/api/v1/webhooks/merchants/{merchant.pk}/order-events/",
        data=text.encode(),
        method="POST",
        headers={
            "Content-Type": "application/json",
            "webhook-id": msg_id,
            "webhook-timestamp": str(int(moment.timestamp())),
            "webhook-signature": Webhook(secret).sign(msg_id, moment, text),
        },
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        assert response.status == 202, response.read()


def order_body(kind: str, *, click_id: str, paid_at, completed_at=None) -> dict:
    return {
        "type": kind,
        "order_id": "E2E-1001",
        "occurred_at": (completed_at or paid_at).isoformat(),
        "paid_at": paid_at.isoformat(),
        "completed_at": completed_at.isoformat() if completed_at else None,
        "click_id": click_id,
        "customer_id": "buyer-7",
        "items": [
            {"sku": "OOLONG-1", "quantity": 1, "amount": "200.00", "refunded_amount": "0.00"}
        ],
    }


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_from_sign_ups_to_an_approved_payout(visits, live_server, celery_worker, language):  # noqa: F811
    admin = factories.AdminFactory(username=f"admin-{language}")
    admin.set_password(PASSWORD)
    admin.save()
    upline = factories.PromoterFactory(display_name="Upline Mei")
    journey = "sign-up-to-payout"
    merchant_visit = visits(language=language, journey=journey, who="merchant")
    admin_visit = visits(language=language, journey=journey, who="admin")
    promoter_visit = visits(language=language, journey=journey, who="promoter")
    t = merchant_visit.t

    # A merchant signs up and waits for review.
    page = merchant_visit.page
    page.goto("/signup/merchant/")
    page.get_by_label(t("Username")).fill(f"tea-{language}")
    page.get_by_label(t("Email")).fill("owner@tea.example.com")
    page.get_by_label(t("Password")).fill(PASSWORD)
    page.get_by_label(t("Store name")).fill(f"Tea House {language}")
    page.get_by_label(t("Store URL")).fill("https://tea.example.com/")
    page.get_by_role("button", name=t("Sign up")).click()
    expect(page.locator(".message")).to_be_visible()
    merchant_visit.shot("signed up")
    merchant = Merchant.objects.get(name=f"Tea House {language}")
    assert merchant.status == "pending"

    # The admin approves it from the console's queue.
    admin_visit.login(admin.username, PASSWORD)
    admin_page = admin_visit.page
    admin_page.goto("/console/merchants/")
    row = admin_page.get_by_role("row").filter(has_text=f"Tea House {language}")
    row.get_by_role("button", name=t("Approve")).click()
    admin_page.wait_for_load_state()
    admin_visit.shot("merchant approved")
    merchant.refresh_from_db()
    assert merchant.status == "approved"

    # The merchant imports products: a bad file first, then the corrected one.
    merchant_visit.login(f"tea-{language}", PASSWORD)
    assert page.url.endswith("/merchant/")
    merchant_visit.shot("overview")
    for content, name in ((BAD_FILE, "bad.csv"), (GOOD_FILE, "products.csv")):
        page.goto("/merchant/imports/")
        page.get_by_label(t("Product file (CSV or XLSX)")).set_input_files(
            {"name": name, "mimeType": "text/csv", "buffer": content.encode()}
        )
        page.get_by_role("button", name=t("Upload and import")).click()
        page.wait_for_url("**/merchant/imports/*/")
        if name == "bad.csv":
            errors = page.get_by_role("row").filter(
                has=page.get_by_role("cell", name="3", exact=True)
            )
            expect(errors).to_contain_text("price", timeout=WORKER_SECONDS)
            merchant_visit.shot("import errors by row")
            assert not Product.objects.filter(merchant=merchant).exists()
        else:
            expect(page.get_by_text(t("Every row was imported."))).to_be_visible(
                timeout=WORKER_SECONDS
            )
            merchant_visit.shot("import done")
    assert sorted(Product.objects.filter(merchant=merchant).values_list("sku", flat=True)) == [
        "OOLONG-1",
        "PUER-1",
    ]

    # ... and sets a campaign of 20% on all products.
    page.goto("/merchant/campaigns/")
    page.get_by_label(exactly(t("Name"))).fill("Autumn tea")
    page.get_by_label(t("Commission rate (%)")).fill("20")
    page.get_by_label(t("All products")).check()
    page.get_by_role("button", name=t("Create campaign")).click()
    page.wait_for_load_state()
    merchant_visit.shot("campaign created")
    expect(page.get_by_role("heading", level=1)).to_have_text("Autumn tea")

    # The store's webhook secret is shown once, on the page that issued it.
    page.goto("/merchant/webhook/")
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name=t("Create secret")).click()
    secret = page.locator("#new-secret").inner_text().strip()
    assert secret.startswith("whsec_")
    merchant_visit.shot("webhook secret")
    # This store keeps no return window, so that the order can settle within the test.
    Merchant.objects.filter(pk=merchant.pk).update(hold_days=0)

    # A promoter signs up with an invite code and is approved.
    page = promoter_visit.page
    page.goto(f"/signup/promoter/?invite={upline.invite_code}")
    expect(page.get_by_label(t("Invite code"))).to_have_value(upline.invite_code)
    page.get_by_label(t("Username")).fill(f"lily-{language}")
    page.get_by_label(t("Password")).fill(PASSWORD)
    page.get_by_label(t("Display name")).fill(f"Lily {language}")
    page.get_by_role("button", name=t("Sign up")).click()
    expect(page.locator(".message")).to_be_visible()
    promoter = Promoter.objects.get(display_name=f"Lily {language}")
    assert promoter.upline_link.upline == upline
    admin_page.goto("/console/promoters/")
    row = admin_page.get_by_role("row").filter(has_text=f"Lily {language}")
    row.get_by_role("button", name=t("Approve")).click()
    admin_page.wait_for_load_state()
    promoter.refresh_from_db()
    assert promoter.status == "approved"

    # The promoter finds the oolong, builds a link and follows it.
    promoter_visit.login(f"lily-{language}", PASSWORD)
    assert page.url.endswith("/promoter/")
    page.goto("/promoter/products/")
    page.get_by_label(t("Search")).fill("oolong")
    page.get_by_role("button", name=t("Search")).click()
    product_row = page.get_by_role("row").filter(has_text="Tieguanyin oolong")
    expect(product_row).to_contain_text(in_language(language, Decimal("40.00")))
    promoter_visit.shot("product found")
    product_row.get_by_role("link", name=t("Promote")).click()
    create_channel = page.get_by_role("button", name=t("Create a default channel"))
    if create_channel.count():
        create_channel.click()
    page.get_by_label(t("Sub ID")).fill("group-7")
    page.get_by_role("button", name=t("Create link")).click()
    page.wait_for_url("**/promoter/links/*/")
    short_url = page.locator("#short-url").input_value()
    promoter_visit.shot("link built")

    followed = promoter_visit.context.request.get(short_url, max_redirects=0)
    assert followed.status == 302
    target = urlsplit(followed.headers["location"])
    assert target.netloc == "tea.example.com"
    click_id = parse_qs(target.query)[merchant.click_param][0]
    assert Click.objects.filter(link__promoter=promoter).count() == 1
    page.reload()
    expect(page.locator("#link-clicks")).to_have_text("1")

    # The store reports the order, paid, then completed; the worker applies the events.
    # A person reads the page before paying; the robot would pay within seconds of its click,
    # which the fast_pay rule holds (docs/fraud.md): the click is dated two minutes back.
    Click.objects.filter(link__promoter=promoter).update(
        created_at=timezone.now() - timedelta(minutes=2)
    )
    paid_at = timezone.now()
    post_order_event(
        live_server.url,
        merchant,
        secret,
        order_body("order.paid", click_id=click_id, paid_at=paid_at),
        "e2e-1",
    )
    commission = wait_for(
        lambda: Commission.objects.filter(order__order_id="E2E-1001", promoter=promoter).first()
    )
    page.goto("/promoter/orders/")
    order_row = page.get_by_role("row").filter(has_text="E2E")
    expect(order_row).to_contain_text(in_language(language, commission.promoter_amount))
    promoter_visit.shot("estimated earning")

    completed_at = paid_at + timedelta(seconds=1)
    post_order_event(
        live_server.url,
        merchant,
        secret,
        order_body(
            "order.completed", click_id=click_id, paid_at=paid_at, completed_at=completed_at
        ),
        "e2e-2",
    )

    # The admin runs settlement and watches it finish.
    wait_for(lambda: Commission.objects.filter(pk=commission.pk, status="confirmed").exists())
    commission.refresh_from_db()
    # Due the moment the order completed (no return window): a run started after that settles it.
    wait_for(lambda: timezone.now() > commission.available_at)
    admin_page.goto("/console/settlement/")
    admin_page.get_by_role("button", name=t("Run settlement now")).click()
    admin_page.wait_for_url("**/console/settlement/*/")
    expect(admin_page.locator(".badge").first).to_have_text(t("Finished"), timeout=WORKER_SECONDS)
    admin_visit.shot("settlement finished")
    commission.refresh_from_db()
    assert commission.status == "settled"

    # The promoter adds an Alipay account and asks for the whole available balance.
    page.goto("/promoter/payouts/")
    available = commission.promoter_amount
    expect(page.locator("#available")).to_contain_text(in_language(language, available))
    page.get_by_label(t("Kind")).select_option("alipay")
    page.get_by_label(t("Account holder's real name")).fill("李丽")
    page.get_by_label(exactly(t("Account"))).fill("13800138000")
    page.get_by_role("button", name=t("Add"), exact=True).click()
    page.get_by_label(t("Amount")).fill(str(available))
    page.get_by_role("button", name=t("Request payout")).click()
    page.wait_for_load_state()
    promoter_visit.shot("payout requested")
    payout = Payout.objects.get(promoter=promoter)
    assert (payout.status, payout.amount) == ("requested", available)

    # The admin approves it.
    admin_page.goto("/console/payouts/")
    row = admin_page.get_by_role("row").filter(has_text=f"Lily {language}")
    row.get_by_role("button", name=t("Approve")).click()
    admin_page.wait_for_load_state()
    admin_visit.shot("payout approved")
    payout.refresh_from_db()
    assert payout.status == "approved"
    assert ledger_check().problems == []
