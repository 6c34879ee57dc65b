"""The status table (alliance.roles.STATUS_RIGHTS, docs/domain.md "Who may do what") on every
page and every API route: for each status of a merchant and of a promoter, every page of the
merchant, promoter and console dashboards and every route of the API answers what the table
says. The pages and routes are read from the URLconf, so a page added later is walked too."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from alliance.api.permissions import STATUS_OPEN_ROUTES
from config import api_urls

from .. import factories

pytestmark = pytest.mark.django_db

MISSING = "999999"
STATUSES = ["pending", "rejected", "suspended", "approved"]
# Pages under a role's prefix that anyone may open (the integration guide).
PUBLIC_PAGES = {"/merchant/webhook/guide/"}


def _pages(patterns, prefix: str = "") -> list[str]:
    """Every page path of the URLconf, with each path argument filled in."""
    found = []
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            found.extend(_pages(pattern.url_patterns, route))
        elif isinstance(pattern, URLPattern):
            route = re.sub(r"<str:fmt>", "svg", route)
            found.append("/" + re.sub(r"<[^>]+>", MISSING, route))
    return found


def pages_of(prefix: str) -> list[str]:
    pages = sorted(
        {p for p in _pages(get_resolver().url_patterns) if p.startswith(prefix)} - PUBLIC_PAGES
    )
    assert pages, prefix
    return pages


def api_routes() -> list[tuple[str, str]]:
    """(url name, path) of every API route of the router and of the views beside it."""
    routes = []
    for pattern in api_urls.router.urls:
        path = pattern.pattern.regex.pattern.strip("^$")
        path = re.sub(r"\(\?P<[^>]+>[^)]+\)", MISSING, path).replace("\\.", ".")
        routes.append((pattern.name, "/api/v1/" + path))
    routes.append(("balances", "/api/v1/balances/"))
    return routes


MERCHANT_PAGES = pages_of("/merchant/")
PROMOTER_PAGES = pages_of("/promoter/")
CONSOLE_PAGES = pages_of("/console/")
# Pages that change things even when read: the backfill upload form.
ACT_PAGES = {"/merchant/orders/backfill/"}


def merchant_user(status: str):
    return factories.MerchantMemberFactory(merchant=factories.MerchantFactory(status=status)).user


def promoter_user(status: str):
    return factories.PromoterFactory(status=status).user


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _templates(response) -> set[str]:
    return {t.name for t in response.templates if t.name}


def _check_pages(client, pages: list[str], status: str) -> list[str]:
    """The pages that do not answer as the table says for `status`."""
    wrong = []
    for page in pages:
        read = client.get(page)
        change = client.post(page, {})
        if status in {"pending", "rejected"}:
            expected = all(
                r.status_code == 403 and "review_state.html" in _templates(r)
                for r in (read, change)
            )
        elif status == "suspended":
            read_ok = (
                read.status_code == 403 and "forbidden.html" in _templates(read)
                if page in ACT_PAGES
                else read.status_code in {200, 404, 405}
            )
            expected = (
                read_ok and change.status_code == 403 and "forbidden.html" in _templates(change)
            )
        else:
            expected = read.status_code in {200, 404, 405} and change.status_code != 403
        if not expected:
            wrong.append(f"{page}: GET {read.status_code} POST {change.status_code}")
    return wrong


@pytest.mark.parametrize("status", STATUSES)
def test_every_merchant_page_obeys_the_status_table(status):
    client = _client(merchant_user(status))

    assert _check_pages(client, MERCHANT_PAGES, status) == []
    # Another role's pages and the console stay closed, whatever the status.
    for page in PROMOTER_PAGES + CONSOLE_PAGES:
        assert client.get(page).status_code in {403, 405}, page


@pytest.mark.parametrize("status", STATUSES)
def test_every_promoter_page_obeys_the_status_table(status):
    client = _client(promoter_user(status))

    assert _check_pages(client, PROMOTER_PAGES, status) == []
    for page in MERCHANT_PAGES + CONSOLE_PAGES:
        assert client.get(page).status_code in {403, 405}, page


def test_the_pages_named_in_the_issue_are_among_those_walked():
    assert {"/merchant/statements/", "/merchant/orders/backfill/"} <= set(MERCHANT_PAGES)
    assert "/promoter/payouts/" in PROMOTER_PAGES


def test_a_pending_promoter_sees_no_balance_and_no_payout_method_form():
    client = _client(promoter_user("pending"))

    response = client.get("/promoter/payouts/")

    assert response.status_code == 403
    assert _templates(response) >= {"review_state.html"}
    assert "payouts/promoter.html" not in _templates(response)
    assert b'name="method-account"' not in response.content


def _code(response) -> str:
    try:
        return response.json()["error"]["code"]
    except (ValueError, KeyError, TypeError):
        return ""


def _check_routes(client, status: str) -> list[str]:
    wrong = []
    for name, path in api_routes():
        read = client.get(path)
        change = client.post(path, {}, content_type="application/json")
        codes = (_code(read), _code(change))
        if name in STATUS_OPEN_ROUTES:
            expected = not {"account_not_approved", "account_suspended"} & set(codes)
        elif status in {"pending", "rejected"}:
            expected = all(
                r.status_code == 403 and _code(r) == "account_not_approved" for r in (read, change)
            )
        elif status == "suspended":
            expected = (
                _code(read) not in {"account_not_approved", "account_suspended"}
                and change.status_code == 403
                and _code(change) == "account_suspended"
            )
        else:
            expected = not {"account_not_approved", "account_suspended"} & set(codes)
        if not expected or read.status_code >= 500 or change.status_code >= 500:
            wrong.append(
                f"{name} {path}: GET {read.status_code} {codes[0]} POST "
                f"{change.status_code} {codes[1]}"
            )
    return wrong


@pytest.mark.parametrize("status", STATUSES)
def test_every_api_route_obeys_the_status_table_for_a_merchant(status):
    assert _check_routes(_client(merchant_user(status)), status) == []


@pytest.mark.parametrize("status", STATUSES)
def test_every_api_route_obeys_the_status_table_for_a_promoter(status):
    assert _check_routes(_client(promoter_user(status)), status) == []


def test_the_walk_covers_the_routes_of_both_roles():
    names = {name for name, _path in api_routes()}
    assert {"product-list", "coupon-list", "order-event-backfill", "link-list"} <= names
    assert {"payout-list", "payout-method-list", "statement-list", "balances"} <= names


@pytest.mark.parametrize("status", ["pending", "suspended"])
def test_the_api_refuses_with_a_bearer_token_too(status):
    """The check runs in the JWT authentication as well as the session one."""
    user = promoter_user(status)
    user.set_password("pw-12345678")
    user.save()
    token = Client().post(
        "/api/v1/auth/token/",
        {"username": user.username, "password": "pw-12345678"},
        content_type="application/json",
    )
    assert token.status_code == 200, token.content
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {token.json()['access']}"}

    read = Client().get("/api/v1/links/", **bearer)
    change = Client().post(
        "/api/v1/channels/", {"name": "x"}, content_type="application/json", **bearer
    )

    if status == "pending":
        assert (read.status_code, _code(read)) == (403, "account_not_approved")
        assert (change.status_code, _code(change)) == (403, "account_not_approved")
    else:
        assert read.status_code == 200
        assert (change.status_code, _code(change)) == (403, "account_suspended")


@pytest.mark.parametrize("status", ["pending", "rejected", "suspended"])
def test_a_merchant_that_is_not_approved_changes_no_money_setting(status):
    """The services refuse, whichever page or route calls them: rates, hold days, campaigns
    and coupons (an exclusive one would attribute orders) are for approved merchants."""
    from alliance.errors import NotAllowed
    from products.models import Campaign, Coupon
    from products.services import campaign_save, coupon_save, merchant_update

    shop = factories.MerchantFactory(status=status)
    owner = factories.MerchantMemberFactory(merchant=shop).user
    promoter = factories.PromoterFactory()
    expected = "account_suspended" if status == "suspended" else "account_not_approved"
    before = (shop.hold_days, shop.default_commission_rate)

    refusals = []
    for attempt in (
        lambda: merchant_update(merchant=shop, actor=owner, hold_days=0),
        lambda: merchant_update(merchant=shop, actor=owner, default_commission_rate="90.00"),
        lambda: coupon_save(
            coupon=factories.CouponFactory.build(merchant=shop, exclusive_promoter=promoter)
        ),
        lambda: campaign_save(
            campaign=factories.CampaignFactory.build(merchant=shop), products=None
        ),
    ):
        with pytest.raises(NotAllowed) as refused:
            attempt()
        refusals.append(refused.value.code)

    assert refusals == [expected] * 4
    shop.refresh_from_db()
    assert (shop.hold_days, shop.default_commission_rate) == before
    assert (Coupon.objects.count(), Campaign.objects.count()) == (0, 0)
    # Its profile stays its own to edit.
    assert merchant_update(merchant=shop, actor=owner, name="Renamed").name == "Renamed"
