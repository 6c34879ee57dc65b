"""Every page in Chromium: the Content-Security-Policy refuses nothing on any page of any role,
the admin or the API docs; chart labels stay inside their drawing; on a phone the earnings cards
hold their amounts."""

from decimal import Decimal

import pytest

from tests import factories
from tests.dashboards.walk import world
from tests.payouts.money import earn, fund

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

# Violations reach the page as `securitypolicyviolation` events; the list survives until the
# next navigation, so each page is read right after it loads.
WATCH_VIOLATIONS = """
window.__violations = [];
document.addEventListener("securitypolicyviolation", function (event) {
  window.__violations.push(event.violatedDirective + " " + (event.blockedURI || "inline")
    + " " + (event.sourceFile || "") + ":" + (event.lineNumber || ""));
});
"""
ROLES = {"merchant": "merchant_user", "promoter": "promoter_user", "admin": "admin_user"}


def _open(visits, role: str, place, **options):
    visit = visits(language="en", journey="csp", who=role, **options)
    visit.page.add_init_script(WATCH_VIOLATIONS)
    console = []
    visit.page.on(
        "console",
        lambda message: (
            console.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    if role in ROLES:
        visit.login(getattr(place, ROLES[role]).username, factories.PASSWORD)
    return visit, console


def _violations(visit, path: str) -> list[str]:
    visit.page.goto(path)
    visit.page.wait_for_load_state("networkidle")
    return visit.page.evaluate("window.__violations")


def test_no_page_breaks_the_content_security_policy(visits):
    place = world()
    found = {}
    for role in ("public", "merchant", "promoter", "admin"):
        visit, console = _open(visits, role, place)
        paths = list(place.pages[role])
        if role == "admin":
            paths += ["/api/docs/", "/admin/", "/admin/commissions/settlementrun/"]
        for path in paths:
            if violations := _violations(visit, path):
                found[f"{role} {path}"] = violations
        if console:
            found[f"{role} console"] = console

    assert found == {}


def test_the_api_docs_run_under_the_policy(visits):
    place = world()
    visit, console = _open(visits, "admin", place)

    assert _violations(visit, "/api/docs/") == []
    # Swagger UI started: its start-up script (a file of its own) drew the operations.
    visit.page.locator(".opblock").first.wait_for()
    assert console == []


def test_chart_labels_stay_inside_the_drawing(visits):
    place = world()
    # A sale of 10,000.00 earns 1,800.00 in one day: the money axis reads up to CN¥2,000.00.
    earn(place.promoter_user.promoter, sales=["10000.00"], settle=False)
    visit, _console = _open(visits, "promoter", place)
    visit.page.goto("/promoter/?days=30")
    assert visit.page.locator("text.tick", has_text="CN¥2,000.00").count() == 1

    outside = visit.page.evaluate(
        """() => Array.from(document.querySelectorAll(".chart-drawing")).flatMap(svg => {
          const box = svg.getBoundingClientRect();
          return Array.from(svg.querySelectorAll("text.tick"))
            .filter(t => { const r = t.getBoundingClientRect();
                           return r.left < box.left - 0.5 || r.right > box.right + 0.5; })
            .map(t => t.textContent);
        })"""
    )

    assert outside == []


def test_on_a_phone_the_earnings_cards_hold_their_amounts(visits):
    place = world()
    fund(place.promoter_user.promoter, Decimal("1234567.89"))
    visit, _console = _open(visits, "promoter", place, phone=True)
    visit.page.goto("/promoter/")

    overflowing = visit.page.evaluate(
        """() => Array.from(document.querySelectorAll(".card")).filter(card =>
          card.scrollWidth > card.clientWidth + 1 ||
          Array.from(card.querySelectorAll(".card-value")).some(value =>
            value.getBoundingClientRect().right > card.getBoundingClientRect().right + 0.5)
        ).map(card => card.textContent.trim().slice(0, 40))"""
    )

    assert overflowing == []
    assert visit.page.evaluate("document.documentElement.scrollWidth") <= 390
    visit.shot("earnings cards")


def test_typing_in_a_picker_offers_matching_rows(visits):
    place = world()
    visit, console = _open(visits, "promoter", place)
    product = place.promoter_user.promoter.links.first().product
    visit.page.goto("/promoter/links/new/")

    picker = visit.page.get_by_label("Product")
    picker.fill(product.title[:5])
    options = visit.page.locator(f"#{picker.get_attribute('list')} option")
    options.first.wait_for(state="attached")

    assert options.evaluate_all("list => list.map(o => [o.value, o.label])") == [
        [f"{product.sku} · {product.merchant.name}", product.title]
    ]
    assert console == []
