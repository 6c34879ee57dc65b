"""Tenancy by id guessing: a merchant reaches only its own catalog, a promoter only its own links,
clicks, channels, customers and profile. Another tenant's id is answered exactly like an id that
does not exist (404), lists hold only the tenant's rows, and foreign keys in writes are checked.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from alliance.models import ReviewStatus
from products.models import Campaign
from promoters.models import CampaignApplication, Link

from .. import factories
from ..assertions import assert_error, assert_not_found, row_counts, row_state
from ..conftest import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/"
UNKNOWN_ID = 987654321


def catalog_of(merchant, applicant):
    """One row of each kind a merchant owns, and the rows whose state a write could touch."""
    product = factories.ProductFactory(merchant=merchant)
    campaign = factories.CampaignFactory(merchant=merchant, kind=Campaign.Kind.TARGETED)
    campaign.products.set([product])
    coupon = factories.CouponFactory(merchant=merchant)
    application = CampaignApplication.objects.create(campaign=campaign, promoter=applicant)
    ids = {
        "merchant": merchant.pk,
        "product": product.pk,
        "campaign": campaign.pk,
        "coupon": coupon.pk,
        "application": application.pk,
    }
    return ids, [merchant, product, campaign, coupon, application]


def promotion_of(promoter, product):
    """One row of each kind a promoter owns."""
    link = factories.LinkFactory(promoter=promoter, product=product)
    click = factories.ClickFactory(link=link)
    channel = factories.ChannelFactory(promoter=promoter)
    own_customer = factories.OwnCustomerFactory(promoter=promoter, merchant=product.merchant)
    campaign = factories.CampaignFactory(merchant=product.merchant, kind=Campaign.Kind.TARGETED)
    application = CampaignApplication.objects.create(campaign=campaign, promoter=promoter)
    ids = {
        "promoter": promoter.pk,
        "link": link.pk,
        "click": click.pk,
        "channel": channel.pk,
        "own_customer": own_customer.pk,
        "application": application.pk,
    }
    return ids, [promoter, link, click, channel, own_customer, application]


@pytest.fixture
def ours(merchant, promoter):
    return catalog_of(merchant, promoter)


@pytest.fixture
def theirs(other_merchant, other_promoter):
    return catalog_of(other_merchant, other_promoter)


@pytest.fixture
def mine(promoter, product):
    return promotion_of(promoter, product)


@pytest.fixture
def someone_elses(other_promoter, product):
    return promotion_of(other_promoter, product)


def call(client, method, route, ids, body=None):
    return getattr(client, method)(API + route.format(**ids), body, format="json")


def ids_in(response) -> set:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# --- A merchant and another merchant's rows ------------------------------------------------------

PRODUCT_BODY = {
    "sku": "GUESSED-1",
    "title": "Overwritten",
    "url": "https://evil.example.com/item",
    "price": "1.00",
}
CAMPAIGN_BODY = {"name": "Overwritten", "kind": "general", "rate": "99.00"}
COUPON_BODY = {
    "code": "GUESSED",
    "description": "Overwritten",
    "valid_from": "2030-01-01T00:00:00Z",
    "valid_until": "2030-02-01T00:00:00Z",
}

# (method, route, body, status when the row is the merchant's own)
MERCHANT_DETAIL_ROUTES = [
    ("get", "products/{product}/", None, 200),
    ("put", "products/{product}/", PRODUCT_BODY, 200),
    ("patch", "products/{product}/", {"title": "Overwritten"}, 200),
    ("delete", "products/{product}/", None, 204),
    ("get", "campaigns/{campaign}/", None, 200),
    ("put", "campaigns/{campaign}/", CAMPAIGN_BODY, 200),
    ("patch", "campaigns/{campaign}/", {"rate": "99.00"}, 200),
    ("delete", "campaigns/{campaign}/", None, 204),
    ("get", "coupons/{coupon}/", None, 200),
    ("put", "coupons/{coupon}/", COUPON_BODY, 200),
    ("patch", "coupons/{coupon}/", {"description": "Overwritten"}, 200),
    ("get", "campaign-applications/{application}/", None, 200),
    ("post", "campaign-applications/{application}/approve/", {}, 200),
    ("post", "campaign-applications/{application}/reject/", {"reason": "Not a fit."}, 200),
    ("get", "merchants/{merchant}/", None, 200),
]
ROUTE_IDS = [
    f"{method.upper()} {route}" for method, route, _body, _status in MERCHANT_DETAIL_ROUTES
]


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), MERCHANT_DETAIL_ROUTES, ids=ROUTE_IDS
)
def test_merchant_gets_404_for_another_merchants_row_and_nothing_changes(
    merchant_api, theirs, method, route, body, own_status
):
    ids, rows = theirs
    before = row_counts(), [row_state(row) for row in rows]

    response = call(merchant_api, method, route, ids, body)

    assert_not_found(response)
    assert (row_counts(), [row_state(row) for row in rows]) == before


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), MERCHANT_DETAIL_ROUTES, ids=ROUTE_IDS
)
def test_merchant_gets_404_for_an_id_that_does_not_exist(
    merchant_api, method, route, body, own_status
):
    ids = dict.fromkeys(["merchant", "product", "campaign", "coupon", "application"], UNKNOWN_ID)

    assert_not_found(call(merchant_api, method, route, ids, body))


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), MERCHANT_DETAIL_ROUTES, ids=ROUTE_IDS
)
def test_the_same_request_on_the_merchants_own_row_succeeds(
    merchant_api, ours, method, route, body, own_status
):
    ids, _rows = ours

    response = call(merchant_api, method, route, ids, body)

    assert response.status_code == own_status, response.content


@pytest.mark.parametrize("action", ["approve", "reject", "suspend"])
@pytest.mark.parametrize("whose", ["own", "other", "unknown"])
def test_merchant_cannot_review_any_merchant(merchant_api, merchant, other_merchant, action, whose):
    pk = {"own": merchant.pk, "other": other_merchant.pk, "unknown": UNKNOWN_ID}[whose]

    response = merchant_api.post(f"{API}merchants/{pk}/{action}/", {"reason": "x"}, format="json")

    # Refused before any lookup, so the answer says nothing about the id.
    assert_error(response, 403, code="permission_denied")
    merchant.refresh_from_db()
    other_merchant.refresh_from_db()
    assert merchant.status == other_merchant.status == ReviewStatus.APPROVED


def test_merchant_lists_hold_only_its_own_rows(merchant_api, ours, theirs):
    ids, _rows = ours

    assert ids_in(merchant_api.get(f"{API}products/")) == {ids["product"]}
    assert ids_in(merchant_api.get(f"{API}campaigns/")) == {ids["campaign"]}
    assert ids_in(merchant_api.get(f"{API}coupons/")) == {ids["coupon"]}
    assert ids_in(merchant_api.get(f"{API}campaign-applications/")) == {ids["application"]}
    assert ids_in(merchant_api.get(f"{API}merchants/")) == {ids["merchant"]}


@pytest.mark.parametrize(
    "query",
    [
        "products/?merchant={merchant}",
        "campaigns/?merchant={merchant}",
        "coupons/?merchant={merchant}",
        "campaign-applications/?campaign={campaign}",
    ],
)
def test_merchant_filter_by_another_merchants_id_answers_like_an_unknown_id(
    merchant_api, theirs, query
):
    ids, _rows = theirs
    unknown = dict.fromkeys(ids, UNKNOWN_ID)

    foreign_answer = merchant_api.get(API + query.format(**ids))
    unknown_answer = merchant_api.get(API + query.format(**unknown))

    assert foreign_answer.status_code == unknown_answer.status_code == 200
    assert (
        foreign_answer.json()
        == unknown_answer.json()
        == {
            "count": 0,
            "next": None,
            "previous": None,
            "results": [],
        }
    )


# --- Merchants never see promoters' private data -------------------------------------------------


def test_merchant_sees_no_promoter_profiles(merchant_api, promoter, ours):
    response = merchant_api.get(f"{API}promoters/")

    assert response.status_code == 200
    assert response.json()["count"] == 0
    assert_not_found(merchant_api.get(f"{API}promoters/{promoter.pk}/"))


@pytest.mark.parametrize(
    "route",
    [
        "links/",
        "clicks/",
        "channels/",
        "own-customers/",
        "promoters/me/",
        "promoters/downlines/",
    ],
)
def test_merchant_is_refused_promoters_own_lists(merchant_api, mine, route):
    assert_error(merchant_api.get(API + route), 403)


def test_merchant_sees_an_applicant_by_display_name_only(merchant_api, ours, promoter):
    ids, _rows = ours

    application = merchant_api.get(f"{API}campaign-applications/{ids['application']}/").json()

    assert application["promoter_name"] == promoter.display_name
    assert set(application) == {
        "id",
        "campaign",
        "campaign_name",
        "promoter",
        "promoter_name",
        "message",
        "status",
        "review_reason",
        "reviewed_at",
        "created_at",
    }


# --- A promoter and another promoter's rows ------------------------------------------------------

# (method, route, body, status when the row is the promoter's own)
PROMOTER_DETAIL_ROUTES = [
    ("get", "links/{link}/", None, 200),
    ("put", "links/{link}/", {"is_active": False, "sub_id": "guessed"}, 200),
    ("patch", "links/{link}/", {"is_active": False}, 200),
    ("get", "links/{link}/qr.svg/", None, 200),
    ("get", "links/{link}/qr.png/", None, 200),
    ("get", "clicks/{click}/", None, 200),
    ("get", "channels/{channel}/", None, 200),
    ("put", "channels/{channel}/", {"name": "Guessed", "kind": "blog"}, 200),
    ("patch", "channels/{channel}/", {"name": "Guessed"}, 200),
    ("delete", "channels/{channel}/", None, 204),
    ("get", "own-customers/{own_customer}/", None, 200),
    ("delete", "own-customers/{own_customer}/", None, 204),
    ("get", "promoters/{promoter}/", None, 200),
    ("get", "campaign-applications/{application}/", None, 200),
]
PROMOTER_ROUTE_IDS = [f"{m.upper()} {route}" for m, route, _body, _status in PROMOTER_DETAIL_ROUTES]


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), PROMOTER_DETAIL_ROUTES, ids=PROMOTER_ROUTE_IDS
)
def test_promoter_gets_404_for_another_promoters_row_and_nothing_changes(
    promoter_api, someone_elses, method, route, body, own_status
):
    ids, rows = someone_elses
    before = row_counts(), [row_state(row) for row in rows]

    response = call(promoter_api, method, route, ids, body)

    assert_not_found(response)
    assert (row_counts(), [row_state(row) for row in rows]) == before


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), PROMOTER_DETAIL_ROUTES, ids=PROMOTER_ROUTE_IDS
)
def test_promoter_gets_404_for_an_id_that_does_not_exist(
    promoter_api, method, route, body, own_status
):
    ids = dict.fromkeys(["promoter", "link", "channel", "own_customer", "application"], UNKNOWN_ID)
    ids["click"] = "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b"

    assert_not_found(call(promoter_api, method, route, ids, body))


@pytest.mark.parametrize(
    ("method", "route", "body", "own_status"), PROMOTER_DETAIL_ROUTES, ids=PROMOTER_ROUTE_IDS
)
def test_the_same_request_on_the_promoters_own_row_succeeds(
    promoter_api, mine, method, route, body, own_status
):
    ids, _rows = mine

    response = call(promoter_api, method, route, ids, body)

    assert response.status_code == own_status, response.content


@pytest.mark.parametrize("action", ["approve", "reject"])
def test_promoter_cannot_decide_applications(promoter_api, mine, action):
    ids, _rows = mine

    response = promoter_api.post(
        f"{API}campaign-applications/{ids['application']}/{action}/", {"reason": "x"}
    )

    assert_error(response, 403, code="permission_denied")
    assert CampaignApplication.objects.get(pk=ids["application"]).status == ReviewStatus.PENDING


@pytest.mark.parametrize("action", ["approve", "reject", "suspend"])
def test_promoter_cannot_review_promoters(promoter_api, promoter, other_promoter, action):
    for pk in (promoter.pk, other_promoter.pk, UNKNOWN_ID):
        response = promoter_api.post(f"{API}promoters/{pk}/{action}/", {"reason": "x"})
        assert_error(response, 403, code="permission_denied")


def test_promoter_lists_hold_only_its_own_rows(promoter_api, promoter, mine, someone_elses):
    ids, _rows = mine
    default_channel = promoter.channels.get(is_default=True).pk

    assert ids_in(promoter_api.get(f"{API}links/")) == {ids["link"]}
    assert ids_in(promoter_api.get(f"{API}clicks/")) == {str(ids["click"])}
    assert ids_in(promoter_api.get(f"{API}channels/")) == {default_channel, ids["channel"]}
    assert ids_in(promoter_api.get(f"{API}own-customers/")) == {ids["own_customer"]}
    assert ids_in(promoter_api.get(f"{API}promoters/")) == {ids["promoter"]}
    assert ids_in(promoter_api.get(f"{API}campaign-applications/")) == {ids["application"]}


@pytest.mark.parametrize(
    "query",
    [
        "links/?channel={channel}",
        "clicks/?link={link}",
        "clicks/?channel={channel}",
        "own-customers/?merchant={merchant}",
    ],
)
def test_promoter_filter_by_another_promoters_id_answers_like_an_unknown_id(
    promoter_api, someone_elses, other_merchant, query
):
    ids, (owner, *_rows) = someone_elses
    factories.OwnCustomerFactory(promoter=owner, merchant=other_merchant)
    ids = {**ids, "merchant": other_merchant.pk}
    unknown = dict.fromkeys(ids, UNKNOWN_ID)

    foreign_answer = promoter_api.get(API + query.format(**ids))
    unknown_answer = promoter_api.get(API + query.format(**unknown))

    assert foreign_answer.status_code == unknown_answer.status_code == 200
    assert foreign_answer.json()["results"] == unknown_answer.json()["results"] == []


# --- What promoters see of the catalog -----------------------------------------------------------


@pytest.fixture
def catalog(merchant):
    pending = factories.MerchantFactory(status=ReviewStatus.PENDING)
    suspended = factories.MerchantFactory(status=ReviewStatus.SUSPENDED)
    return {
        "visible": factories.ProductFactory(merchant=merchant),
        "inactive": factories.ProductFactory(merchant=merchant, is_active=False),
        "of_pending_merchant": factories.ProductFactory(merchant=pending),
        "of_suspended_merchant": factories.ProductFactory(merchant=suspended),
    }


def test_promoter_sees_only_approved_merchants_active_products(promoter_api, catalog):
    assert ids_in(promoter_api.get(f"{API}products/")) == {catalog["visible"].pk}


@pytest.mark.parametrize("hidden", ["inactive", "of_pending_merchant", "of_suspended_merchant"])
def test_promoter_gets_404_for_a_product_it_may_not_promote(promoter_api, catalog, hidden):
    assert_not_found(promoter_api.get(f"{API}products/{catalog[hidden].pk}/"))


def test_promoter_sees_approved_merchants_public_fields_only(promoter_api, merchant):
    pending = factories.MerchantFactory(status=ReviewStatus.PENDING)

    response = promoter_api.get(f"{API}merchants/")

    assert ids_in(response) == {merchant.pk}
    assert set(response.json()["results"][0]) == {
        "shape",
        "id",
        "name",
        "store_url",
        "default_commission_rate",
        "attribution_window_days",
    }
    assert_not_found(promoter_api.get(f"{API}merchants/{pending.pk}/"))


def test_promoter_sees_coupons_it_may_use_only(promoter_api, promoter, other_promoter, merchant):
    pending = factories.MerchantFactory(status=ReviewStatus.PENDING)
    open_coupon = factories.CouponFactory(merchant=merchant)
    its_own = factories.CouponFactory(merchant=merchant, exclusive_promoter=promoter)
    someone_elses = factories.CouponFactory(merchant=merchant, exclusive_promoter=other_promoter)
    factories.CouponFactory(merchant=merchant, is_active=False)
    factories.CouponFactory(merchant=pending)

    assert ids_in(promoter_api.get(f"{API}coupons/")) == {open_coupon.pk, its_own.pk}
    assert_not_found(promoter_api.get(f"{API}coupons/{someone_elses.pk}/"))


def test_promoter_sees_no_campaign_of_an_unapproved_merchant(promoter_api, merchant):
    visible = factories.CampaignFactory(merchant=merchant)
    hidden = factories.CampaignFactory(
        merchant=factories.MerchantFactory(status=ReviewStatus.PENDING)
    )

    assert ids_in(promoter_api.get(f"{API}campaigns/")) == {visible.pk}
    assert_not_found(promoter_api.get(f"{API}campaigns/{hidden.pk}/"))


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("post", "products/"),
        ("patch", "products/{product}/"),
        ("delete", "products/{product}/"),
        ("post", "campaigns/"),
        ("post", "coupons/"),
    ],
)
def test_promoter_cannot_write_the_catalog(promoter_api, product, method, route):
    before = row_counts(), row_state(product)

    response = call(promoter_api, method, route, {"product": product.pk}, {"title": "x"})

    assert_error(response, 403, code="permission_denied")
    assert (row_counts(), row_state(product)) == before


# --- Foreign keys in writes ----------------------------------------------------------------------


def link_refused(client, body, field):
    before = row_counts()
    assert_error(client.post(f"{API}links/", body, format="json"), 400, fields={field})
    assert row_counts() == before


def test_promoter_cannot_link_through_another_promoters_channel(
    promoter_api, other_promoter, product
):
    channel = factories.ChannelFactory(promoter=other_promoter)

    link_refused(promoter_api, {"product": product.pk, "channel": channel.pk}, "channel")


def test_promoter_cannot_use_a_coupon_exclusive_to_another_promoter(
    promoter_api, other_promoter, product
):
    coupon = factories.CouponFactory(merchant=product.merchant, exclusive_promoter=other_promoter)

    link_refused(promoter_api, {"product": product.pk, "coupon": coupon.pk}, "coupon")


def test_promoter_cannot_use_another_merchants_coupon_even_if_exclusive_to_it(
    promoter_api, promoter, other_merchant, product
):
    coupon = factories.CouponFactory(merchant=other_merchant, exclusive_promoter=promoter)

    link_refused(promoter_api, {"product": product.pk, "coupon": coupon.pk}, "coupon")


def test_promoter_cannot_use_a_coupon_not_valid_yet(promoter_api, product):
    coupon = factories.CouponFactory(
        merchant=product.merchant,
        valid_from=timezone.now() + timedelta(days=1),
    )

    link_refused(promoter_api, {"product": product.pk, "coupon": coupon.pk}, "coupon")


@pytest.mark.parametrize("hidden", ["inactive", "of_pending_merchant", "of_suspended_merchant"])
def test_promoter_cannot_link_to_a_product_it_may_not_promote(promoter_api, catalog, hidden):
    link_refused(promoter_api, {"product": catalog[hidden].pk}, "product")


@pytest.mark.parametrize("status", [ReviewStatus.PENDING, ReviewStatus.REJECTED])
def test_promoter_cannot_link_to_an_unapproved_merchants_store(promoter_api, status):
    store = factories.MerchantFactory(status=status)

    link_refused(promoter_api, {"merchant": store.pk}, "merchant")


def test_promoter_cannot_pair_a_product_with_another_merchant(
    promoter_api, product, other_merchant
):
    link_refused(promoter_api, {"product": product.pk, "merchant": other_merchant.pk}, "merchant")


def test_pending_promoter_cannot_create_links(product):
    pending = factories.PromoterFactory(status=ReviewStatus.PENDING)
    client = client_for(pending.user)

    response = client.post(f"{API}links/", {"product": product.pk}, format="json")

    assert_error(response, 403, code="promoter_not_approved")
    assert not Link.objects.exists()


def test_the_control_link_is_created(promoter_api, promoter, product):
    channel = factories.ChannelFactory(promoter=promoter)
    coupon = factories.CouponFactory(merchant=product.merchant, exclusive_promoter=promoter)

    response = promoter_api.post(
        f"{API}links/",
        {"product": product.pk, "channel": channel.pk, "coupon": coupon.pk},
        format="json",
    )

    assert response.status_code == 201, response.content
    link = Link.objects.get()
    assert (link.promoter, link.channel, link.coupon) == (promoter, channel, coupon)


def test_merchant_cannot_put_another_merchants_product_in_a_new_campaign(
    merchant_api, other_merchant
):
    foreign = factories.ProductFactory(merchant=other_merchant)
    before = row_counts()

    response = merchant_api.post(
        f"{API}campaigns/",
        {"name": "Mine", "kind": "general", "rate": "20.00", "products": [foreign.pk]},
        format="json",
    )

    assert_error(response, 400, code="validation_error", fields={"products"})
    assert row_counts() == before


def test_merchant_cannot_add_another_merchants_product_to_its_campaign(
    merchant_api, merchant, product, other_merchant
):
    campaign = factories.CampaignFactory(merchant=merchant)
    campaign.products.set([product])
    foreign = factories.ProductFactory(merchant=other_merchant)

    response = merchant_api.patch(
        f"{API}campaigns/{campaign.pk}/", {"products": [product.pk, foreign.pk]}, format="json"
    )

    assert_error(response, 400, fields={"products"})
    assert list(campaign.products.all()) == [product]


def test_merchant_cannot_make_a_coupon_exclusive_to_an_unapproved_promoter(merchant_api):
    pending = factories.PromoterFactory(status=ReviewStatus.PENDING)
    before = row_counts()

    response = merchant_api.post(
        f"{API}coupons/", {**COUPON_BODY, "exclusive_promoter": pending.pk}, format="json"
    )

    assert_error(response, 400, fields={"exclusive_promoter"})
    assert row_counts() == before


def test_promoter_cannot_declare_customers_at_an_unapproved_merchant(promoter_api):
    pending = factories.MerchantFactory(status=ReviewStatus.PENDING)
    before = row_counts()

    response = promoter_api.post(
        f"{API}own-customers/", {"merchant": pending.pk, "customer_id": "c-1"}, format="json"
    )

    assert_error(response, 400, fields={"merchant"})
    assert row_counts() == before


def test_promoter_cannot_apply_to_an_unapproved_merchants_campaign(promoter_api):
    campaign = factories.CampaignFactory(
        merchant=factories.MerchantFactory(status=ReviewStatus.PENDING),
        kind=Campaign.Kind.TARGETED,
    )

    response = promoter_api.post(
        f"{API}campaign-applications/", {"campaign": campaign.pk}, format="json"
    )

    assert_error(response, 400, fields={"campaign"})
    assert not CampaignApplication.objects.exists()


# --- Statements: the merchant's and the platform's business ----------------------------------


def _statement(merchant):
    from statements.models import Statement

    return Statement.objects.create(
        merchant=merchant, month="2026-10-01", currency="CNY", issued_at=timezone.now()
    )


@pytest.mark.parametrize(
    "route", ["statements/{pk}/", "statements/{pk}/lines.csv/", "statements/{unknown}/"]
)
def test_merchant_gets_404_for_another_merchants_statement(merchant_api, other_merchant, route):
    statement = _statement(other_merchant)

    response = merchant_api.get(API + route.format(pk=statement.pk, unknown=UNKNOWN_ID))

    assert_not_found(response)


def test_merchant_lists_only_its_own_statements(merchant_api, merchant, other_merchant):
    own = _statement(merchant)
    _statement(other_merchant)

    assert ids_in(merchant_api.get(f"{API}statements/")) == {own.pk}
    assert ids_in(merchant_api.get(f"{API}statements/?merchant={other_merchant.pk}")) == set()


@pytest.mark.parametrize(
    ("method", "route"),
    [
        ("get", "statements/"),
        ("get", "statements/{pk}/"),
        ("get", "statements/{pk}/lines.csv/"),
        ("get", "statements/current/"),
        ("post", "statements/{pk}/mark-paid/"),
    ],
)
def test_promoter_is_refused_statements(promoter_api, merchant, method, route):
    statement = _statement(merchant)

    response = getattr(promoter_api, method)(
        API + route.format(pk=statement.pk), {"reference": "R"}
    )

    assert_error(response, 403, code="permission_denied")
    statement.refresh_from_db()
    assert statement.status == "issued"
