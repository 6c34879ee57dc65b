"""Bad input on every write endpoint: a 4xx whose body is exactly the single error shape, naming
the offending field, and nothing written.

Each case starts from a valid body (the `*_succeeds` tests prove it is valid) and changes one
thing: `change` is merged into it, and a value of MISSING removes the key.
"""

from datetime import timedelta
from unittest import mock

import pytest
from django.utils import timezone

from alliance.errors import AllianceError
from alliance.models import ReviewStatus
from payouts.models import PayoutMethod
from products import services as catalog
from products.models import Campaign, Category, Coupon, Product
from promoters.models import CampaignApplication

from .. import factories
from ..assertions import assert_error, row_counts, row_state
from ..conftest import client_for

pytestmark = pytest.mark.django_db

API = "/api/v1/"
MISSING = object()
UNKNOWN_ID = 987654321
STRONG_PASSWORD = "Plum-blossom-2046!"


def changed(body: dict, change: dict) -> dict:
    merged = {**body, **change}
    return {key: value for key, value in merged.items() if value is not MISSING}


def assert_refused(client, method, url, body, fields, *, status=400, code=None, rows=()):
    """The request is refused naming exactly `fields` (none when the refusal is not about a
    field), and no row count or given row changed."""
    before = row_counts(), [row_state(row) for row in rows]

    response = getattr(client, method)(url, body, format="json")

    assert_error(response, status, code=code, fields=set(fields) if fields else None)
    assert (row_counts(), [row_state(row) for row in rows]) == before


def case(change, *fields, id):
    return pytest.param(change, fields, id=id)


# --- Sign-up -------------------------------------------------------------------------------------

MERCHANT_SIGNUP = {
    "username": "teahouse",
    "password": STRONG_PASSWORD,
    "email": "owner@teahouse.example.com",
    "name": "Tea House",
    "store_url": "https://teahouse.example.com/",
}
SIGNUP_CASES = [
    case({"username": MISSING}, "username", id="username missing"),
    case({"username": ""}, "username", id="username blank"),
    case({"username": "tea house"}, "username", id="username with a space"),
    case({"username": "u" * 151}, "username", id="username too long"),
    case({"username": ["teahouse"]}, "username", id="username not a string"),
    case({"password": MISSING}, "password", id="password missing"),
    case({"password": "12345678"}, "password", id="password weak"),
    case({"password": "short"}, "password", id="password too short"),
    case({"email": "not-an-email"}, "email", id="email invalid"),
    case({"email": "a" * 250 + "@example.com"}, "email", id="email too long"),
]


@pytest.mark.parametrize(("change", "fields"), [
    *SIGNUP_CASES,
    case({"name": MISSING}, "name", id="name missing"),
    case({"name": "n" * 121}, "name", id="name too long"),
    case({"store_url": MISSING}, "store_url", id="store_url missing"),
    case({"store_url": "teahouse"}, "store_url", id="store_url not a URL"),
    case({"store_url": "javascript:alert(1)"}, "store_url", id="store_url bad scheme"),
])  # fmt: skip
def test_merchant_signup_refuses(api, change, fields):
    assert_refused(api, "post", f"{API}signup/merchant/", changed(MERCHANT_SIGNUP, change), fields)


def test_merchant_signup_refuses_a_taken_username_whatever_its_case(api):
    factories.UserFactory(username="teahouse")
    body = {**MERCHANT_SIGNUP, "username": "TeaHouse"}

    assert_refused(api, "post", f"{API}signup/merchant/", body, {"username"}, code="username_taken")


@pytest.mark.parametrize(
    ("page", "body"),
    [
        ("/signup/merchant/", {"name": "Tea House", "store_url": "https://teahouse.example.com/"}),
        ("/signup/promoter/", {"display_name": "Lily"}),
    ],
)
def test_signup_pages_refuse_an_email_the_database_cannot_hold(client, page, body):
    before = row_counts()
    form = {"username": "someone", "password": STRONG_PASSWORD, "email": "a" * 250 + "@x.com"}

    response = client.post(page, {**form, **body})

    assert response.status_code == 400
    assert row_counts() == before


def test_merchant_signup_succeeds(api):
    response = api.post(f"{API}signup/merchant/", MERCHANT_SIGNUP, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["status"] == ReviewStatus.PENDING


PROMOTER_SIGNUP = {
    "username": "lily",
    "password": STRONG_PASSWORD,
    "display_name": "Lily's tea notes",
    "platforms": ["douyin", "blog"],
    "fans_count": 1200,
    "audience_tags": ["tea"],
}


@pytest.mark.parametrize(("change", "fields"), [
    *SIGNUP_CASES,
    case({"display_name": MISSING}, "display_name", id="display_name missing"),
    case({"display_name": "d" * 81}, "display_name", id="display_name too long"),
    case({"invite_code": "NOSUCH01"}, "invite_code", id="invite_code unknown"),
    case({"invite_code": "X" * 17}, "invite_code", id="invite_code too long"),
    case({"platforms": ["myspace"]}, "platforms.0", id="platform unknown"),
    case({"platforms": "douyin"}, "platforms", id="platforms not a list"),
    case({"fans_count": -1}, "fans_count", id="fans_count negative"),
    case({"fans_count": "many"}, "fans_count", id="fans_count not a number"),
    case({"fans_count": 1.5}, "fans_count", id="fans_count not whole"),
    case({"audience_tags": ["t" * 41]}, "audience_tags.0", id="audience tag too long"),
])  # fmt: skip
def test_promoter_signup_refuses(api, change, fields):
    assert_refused(api, "post", f"{API}signup/promoter/", changed(PROMOTER_SIGNUP, change), fields)


@pytest.mark.parametrize("status", [ReviewStatus.PENDING, ReviewStatus.SUSPENDED])
def test_promoter_signup_refuses_the_invite_code_of_an_inactive_promoter(api, status):
    inviter = factories.PromoterFactory(status=status)
    body = {**PROMOTER_SIGNUP, "invite_code": inviter.invite_code}

    assert_refused(
        api, "post", f"{API}signup/promoter/", body, {"invite_code"}, code="invalid_invite_code"
    )


def test_promoter_signup_succeeds_with_an_invite_code(api, promoter):
    body = {**PROMOTER_SIGNUP, "invite_code": promoter.invite_code.lower()}

    response = api.post(f"{API}signup/promoter/", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["upline"]["display_name"] == promoter.display_name


@pytest.mark.parametrize("endpoint", ["merchant", "promoter"])
@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        pytest.param("[1, 2]", "application/json", id="a list"),
        pytest.param('"text"', "application/json", id="a string"),
    ],
)
def test_signup_refuses_a_body_that_is_not_an_object(api, endpoint, body, content_type):
    before = row_counts()

    response = api.post(f"{API}signup/{endpoint}/", body, content_type=content_type)

    assert_error(response, 400, fields={"non_field_errors"})
    assert row_counts() == before


def test_signup_refuses_malformed_json(api):
    response = api.post(f"{API}signup/merchant/", "{not json", content_type="application/json")

    assert_error(response, 400, code="parse_error")


# --- The merchant's own settings -----------------------------------------------------------------


@pytest.mark.parametrize(("change", "fields"), [
    case({"name": ""}, "name", id="name blank"),
    case({"name": None}, "name", id="name null"),
    case({"store_url": "not a url"}, "store_url", id="store_url not a URL"),
    case({"default_commission_rate": "100.01"}, "default_commission_rate", id="rate over 100"),
    case({"default_commission_rate": "-1.00"}, "default_commission_rate", id="rate negative"),
    case({"default_commission_rate": "12.345"}, "default_commission_rate", id="rate 3 places"),
    case({"default_commission_rate": "abc"}, "default_commission_rate", id="rate not a number"),
    case({"default_commission_rate": "NaN"}, "default_commission_rate", id="rate NaN"),
    case({"attribution_window_days": 0}, "attribution_window_days", id="window 0 days"),
    case({"attribution_window_days": 91}, "attribution_window_days", id="window 91 days"),
    case({"hold_days": -1}, "hold_days", id="hold negative"),
    case({"hold_days": "week"}, "hold_days", id="hold not a number"),
    case({"customer_binding_days": 366}, "customer_binding_days", id="binding 366 days"),
    case({"click_param": "has space"}, "click_param", id="click_param with a space"),
    case({"click_param": "点击"}, "click_param", id="click_param not ASCII"),
    case({"click_param": ""}, "click_param", id="click_param blank"),
    case({"click_param": "p" * 41}, "click_param", id="click_param too long"),
    case({"allow_self_purchase": "perhaps"}, "allow_self_purchase", id="flag not a boolean"),
])  # fmt: skip
def test_merchant_settings_refuse(merchant_api, merchant, change, fields):
    assert_refused(merchant_api, "patch", f"{API}merchants/me/", change, fields, rows=[merchant])


def test_merchant_settings_change(merchant_api, merchant):
    response = merchant_api.patch(
        f"{API}merchants/me/", {"hold_days": 10, "click_param": "aff-id"}, format="json"
    )

    assert response.status_code == 200, response.content
    merchant.refresh_from_db()
    assert (merchant.hold_days, merchant.click_param) == (10, "aff-id")


def test_merchant_staff_member_cannot_change_settings(merchant):
    staff = factories.MerchantMemberFactory(merchant=merchant, role="staff").user

    assert_refused(
        client_for(staff),
        "patch",
        f"{API}merchants/me/",
        {"hold_days": 10},
        (),
        status=403,
        code="not_allowed",
        rows=[merchant],
    )


@pytest.mark.parametrize(("change", "fields"), [
    case({"display_name": ""}, "display_name", id="display_name blank"),
    case({"display_name": "d" * 81}, "display_name", id="display_name too long"),
    case({"platforms": ["myspace"]}, "platforms.0", id="platform unknown"),
    case({"platforms": None}, "platforms", id="platforms null"),
    case({"fans_count": -5}, "fans_count", id="fans_count negative"),
    case({"audience_tags": "tea"}, "audience_tags", id="audience_tags not a list"),
    case({"audience_tags": ["tea", 7]}, "audience_tags.1", id="audience tag a number"),
    case({"display_name": 12.5}, "display_name", id="display_name a number"),
])  # fmt: skip
def test_promoter_profile_refuses(promoter_api, promoter, change, fields):
    assert_refused(promoter_api, "patch", f"{API}promoters/me/", change, fields, rows=[promoter])


# --- Categories (admins) -------------------------------------------------------------------------


@pytest.fixture
def tea(db):
    return Category.objects.create(name="Tea", slug="tea")


@pytest.mark.parametrize(("change", "fields"), [
    case({"name": MISSING}, "name", id="name missing"),
    case({"name": "Tea"}, "name", id="name taken"),
    case({"name": "n" * 81}, "name", id="name too long"),
    case({"slug": MISSING}, "slug", id="slug missing"),
    case({"slug": "tea"}, "slug", id="slug taken"),
    case({"slug": "not a slug!"}, "slug", id="slug invalid"),
    case({"parent": UNKNOWN_ID}, "parent", id="parent unknown"),
    case({"parent": "tea"}, "parent", id="parent not an id"),
])  # fmt: skip
def test_category_create_refuses(admin_api, tea, change, fields):
    body = changed({"name": "Green tea", "slug": "green-tea", "parent": tea.pk}, change)

    assert_refused(admin_api, "post", f"{API}categories/", body, fields)


def test_category_cannot_be_its_own_ancestor(admin_api, tea):
    green = Category.objects.create(name="Green tea", slug="green-tea", parent=tea)
    longjing = Category.objects.create(name="Longjing", slug="longjing", parent=green)

    for parent in (tea, green, longjing):
        assert_refused(
            admin_api,
            "patch",
            f"{API}categories/{tea.pk}/",
            {"parent": parent.pk},
            {"parent"},
            code="category_cycle",
            rows=[tea],
        )


def test_category_with_subcategories_is_not_deleted(admin_api, tea):
    Category.objects.create(name="Green tea", slug="green-tea", parent=tea)

    assert_refused(
        admin_api,
        "delete",
        f"{API}categories/{tea.pk}/",
        None,
        (),
        status=409,
        code="category_in_use",
    )


def test_category_without_subcategories_is_deleted_and_its_products_kept(admin_api, tea, product):
    product.category = tea
    product.save()

    response = admin_api.delete(f"{API}categories/{tea.pk}/")

    assert response.status_code == 204
    product.refresh_from_db()
    assert product.category is None


@pytest.mark.parametrize(("client", "status"), [("merchant_api", 403), ("promoter_api", 403)])
def test_only_admins_write_categories(request, client, status):
    assert_refused(
        request.getfixturevalue(client),
        "post",
        f"{API}categories/",
        {"name": "Tea", "slug": "tea"},
        (),
        status=status,
        code="permission_denied",
    )


# --- Products ------------------------------------------------------------------------------------

PRODUCT = {
    "sku": "LJ-2025",
    "title": "West Lake Longjing, 250 g",
    "url": "https://teahouse.example.com/item/lj-2025",
    "image_url": "https://img.teahouse.example.com/lj-2025.jpg",
    "price": "369.90",
    "commission_rate": "15.00",
    "stock_status": "in_stock",
    "is_active": True,
}
PRODUCT_CASES = [
    case({"title": "t" * 201}, "title", id="title too long"),
    case({"url": "not-a-url"}, "url", id="url not a URL"),
    case({"url": "https://" + "u" * 500 + ".example.com/"}, "url", id="url too long"),
    case({"image_url": "picture"}, "image_url", id="image_url not a URL"),
    case({"price": "-0.01"}, "price", id="price negative"),
    case({"price": "12.345"}, "price", id="price 3 places"),
    case({"price": "cheap"}, "price", id="price not a number"),
    case({"price": "1e20"}, "price", id="price too many digits"),
    case({"price": "Infinity"}, "price", id="price infinite"),
    case({"price": None}, "price", id="price null"),
    case({"price": [1]}, "price", id="price a list"),
    case({"price": 369.9}, "price", id="price a number"),
    case({"commission_rate": 15}, "commission_rate", id="rate a number"),
    case({"sku": 2025}, "sku", id="sku a number"),
    case({"commission_rate": "100.01"}, "commission_rate", id="rate over 100"),
    case({"commission_rate": "-5"}, "commission_rate", id="rate negative"),
    case({"commission_rate": "9.999"}, "commission_rate", id="rate 3 places"),
    case({"category": UNKNOWN_ID}, "category", id="category unknown"),
    case({"stock_status": "plenty"}, "stock_status", id="stock_status unknown"),
    case({"is_active": "perhaps"}, "is_active", id="is_active not a boolean"),
    case({"is_active": 1}, "is_active", id="is_active a number"),
    case({"is_active": "true"}, "is_active", id="is_active a string"),
]


@pytest.mark.parametrize(("change", "fields"), [
    *PRODUCT_CASES,
    case({"sku": MISSING}, "sku", id="sku missing"),
    case({"sku": ""}, "sku", id="sku blank"),
    case({"sku": "s" * 65}, "sku", id="sku too long"),
    case({"title": MISSING}, "title", id="title missing"),
    case({"url": MISSING}, "url", id="url missing"),
    case({"price": MISSING}, "price", id="price missing"),
])  # fmt: skip
def test_product_create_refuses(merchant_api, change, fields):
    assert_refused(merchant_api, "post", f"{API}products/", changed(PRODUCT, change), fields)


def test_product_create_refuses_a_sku_the_merchant_already_has(merchant_api, product):
    body = {**PRODUCT, "sku": product.sku}

    assert_refused(merchant_api, "post", f"{API}products/", body, {"sku"})


def test_a_duplicate_sku_that_slips_past_the_check_is_refused_on_its_field(merchant, product):
    """Two requests at once both find the SKU free; the unique constraint decides."""
    twin = Product(merchant=merchant, sku=product.sku, title="Twin", url=product.url, price=1)
    before = row_counts()

    with mock.patch.object(Product, "validate_constraints"), pytest.raises(AllianceError) as error:
        catalog.product_save(product=twin)

    assert (error.value.field, error.value.code) == ("sku", "sku_taken")
    assert row_counts() == before


def test_a_duplicate_sku_past_the_rule_and_the_model_is_refused_by_the_constraint(
    merchant, product
):
    """The rule (products.rules) and full_clean both miss the clash when another request saves
    the same SKU between them and the insert; the unique constraint still answers on the field."""
    twin = Product(merchant=merchant, sku=product.sku, title="Twin", url=product.url, price=1)
    before = row_counts()

    with (
        mock.patch("products.services.catalog.product_sku_check"),
        mock.patch.object(Product, "validate_constraints"),
        pytest.raises(AllianceError) as error,
    ):
        catalog.product_save(product=twin)

    assert (error.value.field, error.value.code) == ("sku", "sku_taken")
    assert row_counts() == before


def test_product_create_accepts_a_sku_another_merchant_has(merchant_api, other_merchant):
    theirs = factories.ProductFactory(merchant=other_merchant)

    response = merchant_api.post(f"{API}products/", {**PRODUCT, "sku": theirs.sku}, format="json")

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize(("change", "fields"), PRODUCT_CASES)
def test_product_update_refuses(merchant_api, product, method, change, fields):
    body = changed(PRODUCT, change) if method == "put" else change

    assert_refused(
        merchant_api, method, f"{API}products/{product.pk}/", body, fields, rows=[product]
    )


def test_product_update_refuses_the_sku_of_another_own_product(merchant_api, merchant, product):
    other = factories.ProductFactory(merchant=merchant)

    assert_refused(
        merchant_api,
        "patch",
        f"{API}products/{product.pk}/",
        {"sku": other.sku},
        {"sku"},
        rows=[product],
    )


def test_product_delete_refuses_a_product_with_links(merchant_api, link):
    assert_refused(
        merchant_api,
        "delete",
        f"{API}products/{link.product_id}/",
        None,
        (),
        status=409,
        code="product_in_use",
        rows=[link.product],
    )


# --- Campaigns -----------------------------------------------------------------------------------

CAMPAIGN = {"name": "Spring tea", "kind": "general", "rate": "18.50", "description": "New leaves"}
CAMPAIGN_CASES = [
    case({"name": ""}, "name", id="name blank"),
    case({"rate": "100.01"}, "rate", id="rate over 100"),
    case({"rate": "-1"}, "rate", id="rate negative"),
    case({"rate": "18.555"}, "rate", id="rate 3 places"),
    case({"rate": "high"}, "rate", id="rate not a number"),
    case({"kind": "flash"}, "kind", id="kind unknown"),
    case({"kind": "event"}, "starts_at", "ends_at", id="event without a window"),
    case(
        {"kind": "event", "starts_at": "2030-01-01T00:00:00Z"}, "ends_at", id="event without an end"
    ),
    case(
        {"starts_at": "2030-02-01T00:00:00Z", "ends_at": "2030-01-01T00:00:00Z"},
        "ends_at",
        id="ends before it starts",
    ),
    case(
        {"starts_at": "2030-01-01T00:00:00Z", "ends_at": "2030-01-01T00:00:00Z"},
        "ends_at",
        id="ends as it starts",
    ),
    case({"starts_at": "next monday"}, "starts_at", id="starts_at not a datetime"),
    case({"starts_at": "0001-01-01T00:00:00Z"}, "starts_at", id="starts_at year 1"),
    case({"ends_at": "9999-12-31T23:59:59Z"}, "ends_at", id="ends_at year 9999"),
    case({"products": [UNKNOWN_ID]}, "products", id="product unknown"),
    case({"products": ["tea"]}, "products", id="product not an id"),
    case({"products": 1}, "products", id="products not a list"),
    case({"applies_to_all_products": "all"}, "applies_to_all_products", id="flag not a boolean"),
]


@pytest.mark.parametrize(("change", "fields"), [
    *CAMPAIGN_CASES,
    case({"name": MISSING}, "name", id="name missing"),
    case({"rate": MISSING}, "rate", id="rate missing"),
])  # fmt: skip
def test_campaign_create_refuses(merchant_api, change, fields):
    assert_refused(merchant_api, "post", f"{API}campaigns/", changed(CAMPAIGN, change), fields)


def test_campaign_create_succeeds_for_an_event_with_its_window(merchant_api, product):
    body = {
        **CAMPAIGN,
        "kind": "event",
        "starts_at": "2030-01-01T00:00:00+08:00",
        "ends_at": "2030-01-08T00:00:00+08:00",
        "products": [product.pk],
    }

    response = merchant_api.post(f"{API}campaigns/", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["products"] == [product.pk]


@pytest.fixture
def campaign(merchant):
    return factories.CampaignFactory(merchant=merchant)


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize(("change", "fields"), CAMPAIGN_CASES)
def test_campaign_update_refuses(merchant_api, campaign, method, change, fields):
    body = changed(CAMPAIGN, change) if method == "put" else change

    assert_refused(
        merchant_api, method, f"{API}campaigns/{campaign.pk}/", body, fields, rows=[campaign]
    )


def test_campaign_update_checks_the_window_against_the_stored_start(merchant_api, merchant):
    starts = timezone.now() + timedelta(days=10)
    campaign = factories.CampaignFactory(
        merchant=merchant, kind=Campaign.Kind.EVENT, starts_at=starts, ends_at=starts + timedelta(1)
    )

    assert_refused(
        merchant_api,
        "patch",
        f"{API}campaigns/{campaign.pk}/",
        {"ends_at": (starts - timedelta(days=1)).isoformat()},
        {"ends_at"},
        rows=[campaign],
    )


# --- Coupons -------------------------------------------------------------------------------------

COUPON = {
    "code": "SPRING20",
    "description": "20 off 200",
    "valid_from": "2030-03-01T00:00:00+08:00",
    "valid_until": "2030-04-01T00:00:00+08:00",
    "quantity": 500,
}
COUPON_CASES = [
    case({"code": ""}, "code", id="code blank"),
    case({"code": "C" * 41}, "code", id="code too long"),
    case({"description": ""}, "description", id="description blank"),
    case({"valid_from": "soon"}, "valid_from", id="valid_from not a datetime"),
    case({"valid_until": "2030-02-01T00:00:00+08:00"}, "valid_until", id="ends before it starts"),
    case({"valid_until": "2030-03-01T00:00:00+08:00"}, "valid_until", id="ends as it starts"),
    case({"valid_from": "1900-01-01T00:00:00Z"}, "valid_from", id="valid_from year 1900"),
    case({"quantity": -1}, "quantity", id="quantity negative"),
    case({"quantity": 2.5}, "quantity", id="quantity not whole"),
    case({"quantity": "plenty"}, "quantity", id="quantity not a number"),
    case({"exclusive_promoter": UNKNOWN_ID}, "exclusive_promoter", id="promoter unknown"),
    case({"is_active": "maybe"}, "is_active", id="is_active not a boolean"),
]


@pytest.mark.parametrize(("change", "fields"), [
    *COUPON_CASES,
    case({"code": MISSING}, "code", id="code missing"),
    case({"description": MISSING}, "description", id="description missing"),
    case({"valid_from": MISSING}, "valid_from", id="valid_from missing"),
    case({"valid_until": MISSING}, "valid_until", id="valid_until missing"),
])  # fmt: skip
def test_coupon_create_refuses(merchant_api, change, fields):
    assert_refused(merchant_api, "post", f"{API}coupons/", changed(COUPON, change), fields)


def test_coupon_create_refuses_a_code_the_merchant_already_has(merchant_api, merchant):
    factories.CouponFactory(merchant=merchant, code="SPRING20")

    assert_refused(merchant_api, "post", f"{API}coupons/", COUPON, {"code"})


def test_a_duplicate_code_that_slips_past_the_check_is_refused_on_its_field(merchant):
    existing = factories.CouponFactory(merchant=merchant)
    twin = factories.CouponFactory.build(merchant=merchant, code=existing.code)
    before = row_counts()

    with mock.patch.object(Coupon, "validate_constraints"), pytest.raises(AllianceError) as error:
        catalog.coupon_save(coupon=twin)

    assert (error.value.field, error.value.code) == ("code", "code_taken")
    assert row_counts() == before


def test_a_duplicate_code_past_the_rule_and_the_model_is_refused_by_the_constraint(merchant):
    existing = factories.CouponFactory(merchant=merchant)
    twin = factories.CouponFactory.build(merchant=merchant, code=existing.code)
    before = row_counts()

    with (
        mock.patch("products.services.campaigns.coupon_code_check"),
        mock.patch.object(Coupon, "validate_constraints"),
        pytest.raises(AllianceError) as error,
    ):
        catalog.coupon_save(coupon=twin)

    assert (error.value.field, error.value.code) == ("code", "code_taken")
    assert row_counts() == before


def test_coupon_create_succeeds_exclusive_to_an_approved_promoter(merchant_api, promoter):
    body = {**COUPON, "exclusive_promoter": promoter.pk}

    response = merchant_api.post(f"{API}coupons/", body, format="json")

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize(("change", "fields"), COUPON_CASES)
def test_coupon_update_refuses(merchant_api, merchant, method, change, fields):
    coupon = factories.CouponFactory(merchant=merchant)
    body = changed(COUPON, change) if method == "put" else change
    if method == "patch" and "valid_until" in change and "valid_from" not in change:
        body = {**body, "valid_from": COUPON["valid_from"]}

    assert_refused(merchant_api, method, f"{API}coupons/{coupon.pk}/", body, fields, rows=[coupon])


def test_coupon_update_refuses_the_code_of_another_own_coupon(merchant_api, merchant):
    coupon, other = factories.CouponFactory.create_batch(2, merchant=merchant)

    assert_refused(
        merchant_api,
        "patch",
        f"{API}coupons/{coupon.pk}/",
        {"code": other.code},
        {"code"},
        rows=[coupon],
    )


# --- Channels ------------------------------------------------------------------------------------

CHANNEL_CASES = [
    case({"name": ""}, "name", id="name blank"),
    case({"name": "Default"}, "name", id="name taken"),
    case({"name": "n" * 81}, "name", id="name too long"),
    case({"kind": "television"}, "kind", id="kind unknown"),
    case({"name": {"zh": "群"}}, "name", id="name not a string"),
    case({"name": 2046}, "name", id="name a number"),
]


@pytest.mark.parametrize(("change", "fields"), [
    *CHANNEL_CASES,
    case({"name": MISSING}, "name", id="name missing"),
])  # fmt: skip
def test_channel_create_refuses(promoter_api, change, fields):
    body = changed({"name": "Tea lovers group", "kind": "wechat_group"}, change)

    assert_refused(promoter_api, "post", f"{API}channels/", body, fields)


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize(("change", "fields"), CHANNEL_CASES)
def test_channel_update_refuses(promoter_api, promoter, method, change, fields):
    channel = factories.ChannelFactory(promoter=promoter)
    body = changed({"name": channel.name, "kind": channel.kind}, change)

    assert_refused(
        promoter_api, method, f"{API}channels/{channel.pk}/", body, fields, rows=[channel]
    )


def test_channel_name_may_repeat_across_promoters(promoter_api, other_promoter):
    factories.ChannelFactory(promoter=other_promoter, name="Tea lovers group")

    response = promoter_api.post(f"{API}channels/", {"name": "Tea lovers group"}, format="json")

    assert response.status_code == 201, response.content


@pytest.mark.parametrize("which", ["default", "with links"])
def test_channel_delete_refuses(promoter_api, link, which):
    channel = link.channel if which == "with links" else link.promoter.channels.get(is_default=True)
    if which == "default":
        link.channel = factories.ChannelFactory(promoter=link.promoter)
        link.save()

    assert_refused(
        promoter_api, "delete", f"{API}channels/{channel.pk}/", None, (), status=409, rows=[channel]
    )


# --- Links ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "fields"), [
    case({"product": MISSING}, "product", id="neither product nor merchant"),
    case({"product": None}, "product", id="product null and no merchant"),
    case({"product": UNKNOWN_ID}, "product", id="product unknown"),
    case({"product": "tea"}, "product", id="product not an id"),
    case({"product": True}, "product", id="product a boolean"),
    case({"merchant": UNKNOWN_ID}, "merchant", id="merchant unknown"),
    case({"channel": UNKNOWN_ID}, "channel", id="channel unknown"),
    case({"coupon": UNKNOWN_ID}, "coupon", id="coupon unknown"),
    case({"sub_id": "summer post"}, "sub_id", id="sub_id with a space"),
    case({"sub_id": "s" * 65}, "sub_id", id="sub_id too long"),
])  # fmt: skip
def test_link_create_refuses(promoter_api, product, change, fields):
    body = changed({"product": product.pk, "sub_id": "post-0618"}, change)

    assert_refused(promoter_api, "post", f"{API}links/", body, fields)


def test_link_create_refuses_an_expired_coupon(promoter_api, product):
    coupon = factories.CouponFactory(
        merchant=product.merchant, valid_until=timezone.now() - timedelta(seconds=1)
    )
    body = {"product": product.pk, "coupon": coupon.pk}

    assert_refused(promoter_api, "post", f"{API}links/", body, {"coupon"})


@pytest.mark.parametrize("method", ["patch", "put"])
@pytest.mark.parametrize(("change", "fields"), [
    case({"sub_id": "bad id!"}, "sub_id", id="sub_id with punctuation"),
    case({"sub_id": "s" * 65}, "sub_id", id="sub_id too long"),
    case({"is_active": "perhaps"}, "is_active", id="is_active not a boolean"),
    case({"is_active": None}, "is_active", id="is_active null"),
])  # fmt: skip
def test_link_update_refuses(promoter_api, link, method, change, fields):
    assert_refused(promoter_api, method, f"{API}links/{link.pk}/", change, fields, rows=[link])


def test_link_update_ignores_its_target_and_answers_the_whole_link(promoter_api, link, merchant):
    other_product = factories.ProductFactory(merchant=merchant)

    response = promoter_api.patch(
        f"{API}links/{link.pk}/",
        {"is_active": False, "product": other_product.pk, "sub_id": "retired"},
        format="json",
    )

    assert response.status_code == 200, response.content
    assert response.json()["product"] == link.product_id
    assert response.json()["code"] == link.code
    link.refresh_from_db()
    assert (link.is_active, link.sub_id, link.product_id) == (False, "retired", link.product_id)


def test_link_create_ignores_is_active(promoter_api, product):
    response = promoter_api.post(
        f"{API}links/", {"product": product.pk, "is_active": False}, format="json"
    )

    assert response.status_code == 201, response.content
    assert response.json()["is_active"] is True


# --- Own customers -------------------------------------------------------------------------------


@pytest.mark.parametrize(("change", "fields"), [
    case({"merchant": MISSING}, "merchant", id="merchant missing"),
    case({"merchant": UNKNOWN_ID}, "merchant", id="merchant unknown"),
    case({"merchant": "store"}, "merchant", id="merchant not an id"),
    case({"customer_id": MISSING}, "customer_id", id="customer_id missing"),
    case({"customer_id": ""}, "customer_id", id="customer_id blank"),
    case({"customer_id": "c" * 129}, "customer_id", id="customer_id too long"),
])  # fmt: skip
def test_own_customer_create_refuses(promoter_api, merchant, change, fields):
    body = changed({"merchant": merchant.pk, "customer_id": "buyer-42"}, change)

    assert_refused(promoter_api, "post", f"{API}own-customers/", body, fields)


def test_own_customer_cannot_be_declared_twice(promoter_api, promoter, merchant):
    factories.OwnCustomerFactory(promoter=promoter, merchant=merchant, customer_id="buyer-42")
    body = {"merchant": merchant.pk, "customer_id": "buyer-42"}

    assert_refused(promoter_api, "post", f"{API}own-customers/", body, {"customer_id"})


# --- Campaign applications -----------------------------------------------------------------------


@pytest.fixture
def targeted(merchant):
    return factories.CampaignFactory(merchant=merchant, kind=Campaign.Kind.TARGETED)


@pytest.mark.parametrize(("change", "fields"), [
    case({"campaign": MISSING}, "campaign", id="campaign missing"),
    case({"campaign": UNKNOWN_ID}, "campaign", id="campaign unknown"),
    case({"campaign": "spring"}, "campaign", id="campaign not an id"),
    case({"message": "m" * 2001}, "message", id="message too long"),
])  # fmt: skip
def test_campaign_application_refuses(promoter_api, targeted, change, fields):
    body = changed({"campaign": targeted.pk, "message": "I write about tea."}, change)

    assert_refused(promoter_api, "post", f"{API}campaign-applications/", body, fields)


@pytest.mark.parametrize(
    "campaign_change",
    [{"kind": Campaign.Kind.GENERAL}, {"is_active": False}],
    ids=["not targeted", "inactive"],
)
def test_campaign_application_refuses_a_campaign_that_takes_none(
    promoter_api, targeted, campaign_change
):
    Campaign.objects.filter(pk=targeted.pk).update(**campaign_change)
    body = {"campaign": targeted.pk}

    assert_refused(promoter_api, "post", f"{API}campaign-applications/", body, {"campaign"})


@pytest.fixture
def application(targeted, promoter):
    return CampaignApplication.objects.create(campaign=targeted, promoter=promoter)


@pytest.mark.parametrize(("action", "body", "fields"), [
    pytest.param("reject", {}, {"reason"}, id="reject without a reason"),
    pytest.param("reject", {"reason": "   "}, {"reason"}, id="reject with a blank reason"),
    pytest.param("reject", {"reason": ["no"]}, {"reason"}, id="reason not a string"),
    pytest.param("approve", {"reason": "r" * 2001}, {"reason"}, id="reason too long"),
    pytest.param("approve", [], {"non_field_errors"}, id="body a list"),
])  # fmt: skip
def test_application_review_refuses(merchant_api, application, action, body, fields):
    assert_refused(
        merchant_api,
        "post",
        f"{API}campaign-applications/{application.pk}/{action}/",
        body,
        fields,
        rows=[application],
    )


@pytest.mark.parametrize(
    ("action", "body", "status"),
    [
        ("approve", {}, ReviewStatus.APPROVED),
        ("approve", {"reason": "Welcome."}, ReviewStatus.APPROVED),
        ("reject", {"reason": "Not a fit."}, ReviewStatus.REJECTED),
    ],
)
def test_application_review_succeeds(merchant_api, application, action, body, status):
    response = merchant_api.post(
        f"{API}campaign-applications/{application.pk}/{action}/", body, format="json"
    )

    assert response.status_code == 200, response.content
    application.refresh_from_db()
    assert application.status == status


# --- Reviews of sign-ups (admins) ----------------------------------------------------------------


@pytest.fixture
def signups(db):
    return {
        "merchants": {
            ReviewStatus.PENDING: factories.MerchantFactory(status=ReviewStatus.PENDING),
            ReviewStatus.APPROVED: factories.MerchantFactory(status=ReviewStatus.APPROVED),
        },
        "promoters": {
            ReviewStatus.PENDING: factories.PromoterFactory(status=ReviewStatus.PENDING),
            ReviewStatus.APPROVED: factories.PromoterFactory(status=ReviewStatus.APPROVED),
        },
    }


@pytest.mark.parametrize("kind", ["merchants", "promoters"])
@pytest.mark.parametrize(("current", "action", "body", "fields"), [
    pytest.param("pending", "reject", {}, {"reason"}, id="reject without a reason"),
    pytest.param("pending", "reject", {"reason": " "}, {"reason"}, id="reject blank reason"),
    pytest.param("approved", "suspend", {}, {"reason"}, id="suspend without a reason"),
    pytest.param("approved", "suspend", {"reason": ["x"]}, {"reason"}, id="reason a list"),
    pytest.param("pending", "approve", {"reason": {"a": 1}}, {"reason"}, id="reason an object"),
    pytest.param("pending", "approve", {"reason": "r" * 2001}, {"reason"}, id="reason too long"),
])  # fmt: skip
def test_review_refuses(admin_api, signups, kind, current, action, body, fields):
    row = signups[kind][current]

    assert_refused(admin_api, "post", f"{API}{kind}/{row.pk}/{action}/", body, fields, rows=[row])


@pytest.mark.parametrize("kind", ["merchants", "promoters"])
@pytest.mark.parametrize(("current", "action"), [
    ("pending", "suspend"),
    ("approved", "approve"),
    ("approved", "reject"),
])  # fmt: skip
def test_review_refuses_a_move_outside_the_table(admin_api, signups, kind, current, action):
    row = signups[kind][current]

    assert_refused(
        admin_api,
        "post",
        f"{API}{kind}/{row.pk}/{action}/",
        {"reason": "Because."},
        (),
        status=409,
        code="invalid_transition",
        rows=[row],
    )


@pytest.mark.parametrize("kind", ["merchants", "promoters"])
@pytest.mark.parametrize(("current", "action", "body", "status"), [
    ("pending", "approve", {}, ReviewStatus.APPROVED),
    ("pending", "approve", {"reason": "Looks good."}, ReviewStatus.APPROVED),
    ("pending", "reject", {"reason": "The store does not open."}, ReviewStatus.REJECTED),
    ("approved", "suspend", {"reason": "Fake orders."}, ReviewStatus.SUSPENDED),
])  # fmt: skip
def test_review_succeeds(admin_api, signups, kind, current, action, body, status):
    row = signups[kind][current]

    response = admin_api.post(f"{API}{kind}/{row.pk}/{action}/", body, format="json")

    assert response.status_code == 200, response.content
    row.refresh_from_db()
    assert row.status == status


def test_review_of_an_unknown_id_is_404(admin_api):
    assert_error(
        admin_api.post(f"{API}merchants/{UNKNOWN_ID}/approve/", {}, format="json"),
        404,
        code="not_found",
    )


def test_the_schema_states_the_click_param_rule(api):
    member = api.get("/api/schema/?format=json").json()["components"]["schemas"]
    field = member["PatchedMerchantMemberRequest"]["properties"]["click_param"]

    assert (field["pattern"], field["maxLength"]) == ("^[A-Za-z0-9_-]+$", 40)


def test_a_replace_without_a_body_is_refused_where_every_field_is_optional(
    promoter_api, promoter, link
):
    method = PayoutMethod.objects.create(
        promoter=promoter,
        kind="alipay",
        account_name="张三",
        account="13800138000",
        is_default=True,
    )
    for url in (f"{API}links/{link.pk}/", f"{API}payout-methods/{method.pk}/"):
        assert_refused(promoter_api, "put", url, None, (), code="parse_error", rows=[link, method])
        assert promoter_api.put(url, {}, format="json").status_code == 200
        assert promoter_api.patch(url).status_code == 200
