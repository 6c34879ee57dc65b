"""Details of the pages people reported: the period selector shows the period counted, one date
format per page, Approve and Reject look different, KPI explanations fold into a help toggle,
chart margins fit their labels, and promoters are picked by name in the console."""

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client

from alliance import charts
from alliance.templatetags.ui import money, number
from payouts.models import Payout, PayoutHold
from payouts.services.payouts import payout_request

from .. import factories
from ..payouts.money import alipay, fund
from .walk import world

pytestmark = pytest.mark.django_db


def browser(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def selected_period(html: str) -> str:
    select = re.search(r'<select name="days".*?</select>', html, re.S).group(0)
    return re.search(r'<option value="(\d+)" selected>', select).group(1)


@pytest.mark.parametrize(("query", "shown"), [("", "30"), ("?days=7", "7"), ("?days=12", "30")])
def test_the_promoter_period_selector_shows_the_period_counted(promoter, query, shown):
    response = browser(promoter.user).get(f"/promoter/{query}")

    assert len(response.context["window"].days) == int(shown)
    assert selected_period(response.content.decode()) == shown


# Django's formats for "en": DATE_FORMAT "N j, Y", SHORT_DATE_FORMAT "m/d/Y"; and ISO dates.
DATE_SHAPES = {
    "long": re.compile(
        r"\b(?:Jan|Feb|March|April|May|June|July|Aug|Sept|Oct|Nov|Dec)\.? \d{1,2}, \d{4}"
    ),
    "short": re.compile(r"\b\d{2}/\d{2}/\d{4}\b"),
    "iso": re.compile(r"\b\d{4}-\d{2}-\d{2}\b"),
}


def test_the_date_finder_tells_the_shapes_apart():
    text = "Nov. 3, 2026 · 11/03/2026 · 2026-11-03"

    assert {name for name, shape in DATE_SHAPES.items() if shape.search(text)} == {
        "long",
        "short",
        "iso",
    }


@pytest.mark.parametrize("role", ["merchant", "promoter", "admin"])
def test_each_page_writes_its_dates_one_way(role):
    place = world()
    client = place.client(role)
    mixed = {}
    for path in place.pages[role]:
        html = client.get(path).content.decode()
        # Form values and links may carry ISO dates for machines; people read the text.
        text = re.sub(r"<[^>]+>", " ", html)
        shapes = {name for name, shape in DATE_SHAPES.items() if shape.search(text)}
        if len(shapes) > 1:
            mixed[path] = shapes

    assert mixed == {}


def test_approve_and_reject_have_different_button_styles(admin_user):
    factories.PromoterFactory(display_name="Waiting", status="pending")
    someone = factories.PromoterFactory()
    fund(someone, "50.00")
    payout_request(promoter=someone, method=alipay(someone), amount=Decimal("20.00"))
    console = browser(admin_user)

    for path in ("/console/promoters/", "/console/payouts/"):
        html = console.get(path).content.decode()
        approve = re.findall(r'<button[^>]*class="([^"]*)"[^>]*>[^<]*Approve</button>', html)
        reject = re.findall(r'<button[^>]*class="([^"]*)"[^>]*>[^<]*Reject</button>', html)
        assert approve and set(approve) == {"button small primary"}, path
        assert reject and set(reject) == {"button small danger"}, path


@pytest.mark.parametrize("path", ["/merchant/", "/promoter/"])
def test_kpi_explanations_fold_into_a_help_toggle(path, merchant_owner, promoter):
    user = merchant_owner if path == "/merchant/" else promoter.user

    html = browser(user).get(path).content.decode()

    cards = re.findall(r'<div class="card">(.*?)</div>', html, re.S)
    assert cards
    for card in cards:
        # A card shows its label, its figure and at most a one-line note with data or a link;
        # sentences of explanation sit in a closed <details>.
        notes = re.findall(r'<p class="card-note">(.*?)</p>', card, re.S)
        assert all(len(re.sub(r"<[^>]+>", "", note)) <= 40 for note in notes), notes
    assert html.count('<details class="card-help"><summary>What it counts</summary>') >= 4
    assert "Every click on your promoters' links, and apart" in html or (
        "Orders per unique click" in html
    )


def test_chart_margins_fit_the_longest_axis_label():
    chart = charts.Chart(
        title="Earnings",
        labels=[date(2026, 11, day) for day in range(1, 8)],
        series=[charts.Series(name="Earnings", values=[Decimal("1800.00")] + [Decimal(0)] * 6)],
        kind="bar",
        value_format="money",
    )

    svg = charts.render(chart, number_format=number, money_format=money)

    ticks = re.findall(
        r'<text class="tick" x="([\d.]+)" y="[\d.]+" text-anchor="end">([^<]+)<', svg
    )
    assert [label for _x, label in ticks] == [
        "CN¥0.00",
        "CN¥500.00",
        "CN¥1,000.00",
        "CN¥1,500.00",
        "CN¥2,000.00",
    ]
    for x, label in ticks:
        assert float(x) - charts.text_width(label) >= 0, label
    # The old fixed 64-unit margin left "CN¥2,000.00" (about 75 units wide) cut at the edge.
    assert charts.text_width("CN¥2,000.00") > 64 - 6


def test_the_payout_filter_and_hold_form_find_a_promoter_by_name(admin_user):
    lily = factories.PromoterFactory(display_name="Lily Tea Notes", user__username="lily")
    factories.PromoterFactory(display_name="Lily Silk", user__username="silk")
    other = factories.PromoterFactory(display_name="Kai")
    for someone in (lily, other):
        fund(someone, "50.00")
        payout_request(promoter=someone, method=alipay(someone), amount=Decimal("20.00"))
    console = browser(admin_user)

    by_username = console.get("/console/payouts/", {"promoter": "lily"})
    by_name = console.get("/console/payouts/", {"promoter": "tea notes"})
    by_number = console.get("/console/payouts/", {"promoter": str(lily.pk)})
    vague = console.get("/console/payouts/", {"promoter": "li"})

    mine = [Payout.objects.get(promoter=lily)]
    for response in (by_username, by_name, by_number):
        assert list(response.context["page"].object_list) == mine
    assert (
        '<p class="error" id="id_promoter_error">'
        "Several match “li”: silk, lily. Type more of it or pick one.</p>"
    ) in vague.content.decode()
    held = console.post("/console/payouts/", {"form": "hold", "promoter": "Kai", "reason": "x"})
    assert held.status_code == 302
    assert PayoutHold.objects.get().promoter == other


def test_the_promoter_lookup_suggests_by_name_for_admins_only(admin_user, promoter):
    factories.PromoterFactory(display_name="Lily Tea Notes", user__username="lily")

    answer = browser(admin_user).get("/console/promoters/lookup/", {"q": "tea"})

    assert answer.json() == {"results": [{"value": "lily", "label": "Lily Tea Notes"}]}
    assert browser(promoter.user).get("/console/promoters/lookup/", {"q": "tea"}).status_code == 403
