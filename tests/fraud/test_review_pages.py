"""The console's fraud queue and flag pages (docs/dashboards.md): staff only, filters, the
evidence and history side by side, clear and confirm with their errors on the page, and bulk
decisions reported per flag."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from alliance.models import AuditLog, ReviewStatus
from commissions.models import Commission
from fraud.models import Flag, Rule, Sighting

from .. import factories
from .review_data import flag_on, sale

pytestmark = pytest.mark.django_db
QUEUE = "/console/fraud/"


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def console(admin_user):
    return browser(admin_user)


@pytest.fixture
def shop():
    return factories.MerchantFactory(hold_days=0, name="Tea House")


@pytest.fixture
def flagged(shop, promoter):
    order, clicks = sale(shop, promoter, "F-1", clicks=2)
    return flag_on(order, clicks=clicks)


def test_the_pages_are_for_staff_only(promoter, flagged):
    assert Client().get(QUEUE).status_code == 302
    page = browser(promoter.user)
    assert page.get(QUEUE).status_code == 403
    assert page.get(f"{QUEUE}{flagged.pk}/").status_code == 403
    assert page.post(f"{QUEUE}{flagged.pk}/clear/").status_code == 403
    assert page.post(f"{QUEUE}bulk/", {"ids": [flagged.pk], "decision": "clear"}).status_code == 403
    assert Flag.objects.get(pk=flagged.pk).status == "open"


def test_the_queue_lists_open_flags_and_filters(console, shop, flagged):
    other = flag_on(sale(shop, factories.PromoterFactory(), "O-1")[0], rule=Rule.CLICK_REUSE)
    Flag.objects.filter(pk=other.pk).update(created_at=timezone.now() - timedelta(days=9))
    done = flag_on(sale(shop, factories.PromoterFactory(), "D-1")[0], rule=Rule.CUSTOMER_REPEAT)
    Flag.objects.filter(pk=done.pk).update(status=Flag.Status.CLEARED)

    html = console.get(QUEUE).content.decode()
    assert f'id="flag-{flagged.pk}"' in html and f'id="flag-{other.pk}"' in html
    assert f'id="flag-{done.pk}"' not in html
    assert html.index(f'id="flag-{other.pk}"') < html.index(f'id="flag-{flagged.pk}"')
    assert "Tea House" in html and "Paid implausibly soon after the click" in html

    by_rule = console.get(QUEUE, {"rule": "click_reuse"}).content.decode()
    assert f'id="flag-{other.pk}"' in by_rule and f'id="flag-{flagged.pk}"' not in by_rule
    by_age = console.get(QUEUE, {"older_than_days": "7"}).content.decode()
    assert f'id="flag-{other.pk}"' in by_age and f'id="flag-{flagged.pk}"' not in by_age
    cleared = console.get(QUEUE, {"status": "cleared"}).content.decode()
    assert f'id="flag-{done.pk}"' in cleared and f'id="flag-{flagged.pk}"' not in cleared


def test_a_bad_filter_says_so_instead_of_failing(console, flagged):
    response = console.get(QUEUE, {"older_than_days": "many", "rule": "nope"})

    assert response.status_code == 200
    html = response.content.decode()
    assert "Enter a whole number." in html
    assert "No flags match." in html


def test_the_flag_page_shows_evidence_history_similar_and_appeal(console, flagged, promoter):
    twin = factories.PromoterFactory(display_name="Twin Account")
    Sighting.objects.create(user=promoter.user, ip_hash="net-1")
    Sighting.objects.create(user=twin.user, ip_hash="net-1")
    Flag.objects.filter(pk=flagged.pk).update(appeal_note="My buyers pay fast")
    commission = Commission.objects.get(order__order_id="F-1")

    response = console.get(f"{QUEUE}{flagged.pk}/")

    assert response.status_code == 200
    html = response.content.decode()
    assert '<th scope="row">Seconds</th><td class="num">2</td><td class="num"></td>' in html
    assert '<th scope="row">Min seconds</th><td class="num"></td><td class="num">10</td>' in html
    assert "F-1" in html and "CN¥100.00" in html and "CN¥9.00" in html
    assert f"target_type=commissions.commission&amp;target_id={commission.pk}" in html
    assert "Twin Account" in html and "sign-in network" in html
    assert "My buyers pay fast" in html
    assert "Unique clicks" in html
    assert html.count("<td>unique") == 2


def test_an_unknown_flag_is_a_404_page(console):
    assert console.get(f"{QUEUE}999999/").status_code == 404


def test_clear_from_the_page_lifts_the_hold(console, admin_user, flagged):
    response = console.post(f"{QUEUE}{flagged.pk}/clear/", {"note": "Known buyer"}, follow=True)

    assert response.redirect_chain[-1][0] == f"{QUEUE}{flagged.pk}/"
    html = response.content.decode()
    assert f"Flag {flagged.pk} cleared" in html and "Known buyer" in html
    assert Commission.objects.get(order__order_id="F-1").review_hold is False
    assert AuditLog.objects.get(action="fraud_flag.clear").actor == admin_user


def test_confirm_without_a_reason_shows_the_error_and_keeps_the_flag_open(console, flagged):
    response = console.post(f"{QUEUE}{flagged.pk}/confirm/", {"note": "  ", "suspend": "on"})

    assert response.status_code == 400
    assert "A reason is required." in response.content.decode()
    assert Flag.objects.get(pk=flagged.pk).status == "open"


def test_confirm_voids_and_suspends(console, flagged, promoter):
    response = console.post(
        f"{QUEUE}{flagged.pk}/confirm/", {"note": "Brushing ring", "suspend": "on"}, follow=True
    )

    assert f"Flag {flagged.pk} confirmed" in response.content.decode()
    commission = Commission.objects.get(order__order_id="F-1")
    assert (commission.status, commission.invalid_reason) == ("void", "fraud")
    promoter.refresh_from_db()
    assert promoter.status == ReviewStatus.SUSPENDED


def test_deciding_a_decided_flag_is_a_message_not_a_crash(console, flagged):
    console.post(f"{QUEUE}{flagged.pk}/clear/", {})

    response = console.post(f"{QUEUE}{flagged.pk}/confirm/", {"note": "Late"})

    assert response.status_code == 400
    assert "This flag was already decided." in response.content.decode()


def test_bulk_reports_each_flag_and_keeps_the_filters(console, shop, flagged):
    second = flag_on(sale(shop, factories.PromoterFactory(), "B-2")[0])
    Flag.objects.filter(pk=second.pk).update(status=Flag.Status.CLEARED)

    response = console.post(
        f"{QUEUE}bulk/?severity=high",
        {"ids": [flagged.pk, second.pk], "decision": "clear", "note": "Fine"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"{QUEUE}?severity=high"
    html = response.content.decode()
    assert "1 flags decided." in html
    assert f"Flag {second.pk}: This flag was already decided." in html
    assert Flag.objects.get(pk=flagged.pk).status == "cleared"


def test_bulk_confirm_needs_a_note_and_a_selection(console, flagged):
    no_note = console.post(f"{QUEUE}bulk/", {"ids": [flagged.pk], "decision": "confirm"})
    nothing = console.post(f"{QUEUE}bulk/", {"decision": "clear"})

    assert no_note.status_code == 400 and "A reason is required." in no_note.content.decode()
    assert nothing.status_code == 400 and "This field is required." in nothing.content.decode()
    assert Flag.objects.get(pk=flagged.pk).status == "open"


def test_the_console_menu_links_the_queue(console):
    html = console.get("/console/").content.decode()

    assert f'href="{QUEUE}"' in html and "Fraud review" in html
