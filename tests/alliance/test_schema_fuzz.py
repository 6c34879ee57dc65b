"""Property-based fuzz of every operation in the OpenAPI schema, against the WSGI app and the
real database: whatever a signed-in merchant owner or approved promoter sends, the API never
answers with a server error, and what it answers matches the schema.

Ids in paths and foreign keys in bodies are drawn partly from rows that exist (both tenants'),
so the fuzzer reaches the services behind the lookups, not only the 404 and 400 paths.
"""

from datetime import timedelta

import pytest
import schemathesis
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
)

from alliance.auth_tokens import TokenObtainPairSerializer
from alliance.models import ReviewStatus
from alliance.wsgi import application
from payouts.models import Payout, PayoutHold, PayoutMethod
from products.models import Campaign, Category, Coupon, Merchant, Product
from promoters.models import CampaignApplication, Channel, Click, Link, OwnCustomer, Promoter
from statements.models import Statement

from .. import factories

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

schema = schemathesis.openapi.from_wsgi(
    "/api/schema/",
    application,
    # The coverage phase sends every boundary value of the schema; its negative half (a wrong
    # type for each field in turn) is most of its requests, and test_bad_input.py covers that
    # ground with exact assertions. Keeping it positive holds the file to about two minutes.
    # The fuzzing phase still generates both valid and invalid input.
    config=schemathesis.Config.from_dict(
        {"phases": {"coverage": {"generation": {"mode": "positive"}}}}
    ),
)

# The first path segment after /api/v1/ -> the model its `{id}` names.
MODEL_BY_RESOURCE = {
    "merchants": Merchant,
    "categories": Category,
    "products": Product,
    "campaigns": Campaign,
    "coupons": Coupon,
    "promoters": Promoter,
    "campaign-applications": CampaignApplication,
    "channels": Channel,
    "links": Link,
    "clicks": Click,
    "own-customers": OwnCustomer,
    "statements": Statement,
    "payouts": Payout,
    "payout-methods": PayoutMethod,
    "payout-holds": PayoutHold,
}
# Body fields that hold foreign keys -> the model they point at.
MODEL_BY_BODY_FIELD = {
    "merchant": Merchant,
    "category": Category,
    "parent": Category,
    "product": Product,
    "products": Product,
    "campaign": Campaign,
    "coupon": Coupon,
    "channel": Channel,
    "exclusive_promoter": Promoter,
    "method": PayoutMethod,
}

# Bounded so the whole file runs in a few minutes on 2 cores.
FUZZ_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    database=None,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.filter_too_much,
        HealthCheck.data_too_large,
    ],
)


# Ids of the rows the `world` fixture made, taken once per test: Hypothesis replays a failing
# example, so the choices it draws from must not change when the fuzzer deletes a row.
known_ids: dict[type, list] = {}


def sometimes_existing(model, original):
    """The generated value, or the id of a row that exists (any tenant's)."""
    ids = known_ids.get(model)
    if not ids:
        return st.just(original)
    return st.one_of(st.just(original), st.sampled_from(ids))


@schema.hook
def flatmap_path_parameters(context, path_parameters):
    if not path_parameters or "id" not in path_parameters:
        return st.just(path_parameters)
    resource = context.operation.path.removeprefix("/api/v1/").split("/")[0]
    model = MODEL_BY_RESOURCE.get(resource)
    if model is None:
        return st.just(path_parameters)
    return sometimes_existing(model, path_parameters["id"]).map(
        lambda pk: {**path_parameters, "id": pk}
    )


@schema.hook
def flatmap_body(context, body):
    if not isinstance(body, dict):
        return st.just(body)
    fields = {}
    for name, value in body.items():
        model = MODEL_BY_BODY_FIELD.get(name)
        if model is None:
            fields[name] = st.just(value)
        elif name == "products":
            ids = known_ids.get(model, [])
            fields[name] = st.one_of(st.just(value), st.lists(st.sampled_from(ids), max_size=4))
        else:
            fields[name] = sometimes_existing(model, value)
    return st.fixed_dictionaries(fields)


@pytest.fixture
def world():
    """Two tenants of each kind, and rows in every state a reviewer or a merchant can leave."""
    now = timezone.now()
    merchant, other_merchant = factories.MerchantFactory(), factories.MerchantFactory()
    pending_merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    factories.MerchantMemberFactory(merchant=other_merchant)

    parent = factories.CategoryFactory()
    child = Category.objects.create(name="Child", slug="child", parent=parent)
    promoter, other_promoter = factories.PromoterFactory(), factories.PromoterFactory()
    factories.PromoterFactory(status=ReviewStatus.PENDING)
    factories.upline(promoter=other_promoter, upline=promoter)

    for shop in (merchant, other_merchant, pending_merchant):
        product = factories.ProductFactory(merchant=shop, category=child)
        factories.ProductFactory(merchant=shop, is_active=False, commission_rate=None)
        targeted = factories.CampaignFactory(merchant=shop, kind=Campaign.Kind.TARGETED)
        targeted.products.set([product])
        factories.CampaignFactory(
            merchant=shop,
            kind=Campaign.Kind.EVENT,
            starts_at=now - timedelta(days=1),
            ends_at=now + timedelta(days=1),
        )
        factories.CouponFactory(merchant=shop)
        factories.CouponFactory(merchant=shop, exclusive_promoter=promoter)
        factories.CouponFactory(merchant=shop, exclusive_promoter=other_promoter)
        for someone in (promoter, other_promoter):
            if shop.is_approved:
                link = factories.LinkFactory(promoter=someone, product=product)
                factories.ClickFactory(link=link)
                CampaignApplication.objects.create(campaign=targeted, promoter=someone)
            factories.OwnCustomerFactory(promoter=someone, merchant=shop)
    factories.ChannelFactory(promoter=promoter)
    factories.ChannelFactory(promoter=other_promoter)
    for someone in (promoter, other_promoter):
        method = PayoutMethod.objects.create(
            promoter=someone,
            kind="alipay",
            account_name="张三",
            account="13800138000",
            is_default=True,
        )
        Payout.objects.create(
            promoter=someone,
            method=method,
            kind="alipay",
            account_name="张三",
            account="13800138000",
            amount="20.00",
            currency="CNY",
        )
    for shop in (merchant, other_merchant):
        Statement.objects.create(
            merchant=shop, month=now.date().replace(day=1), currency="CNY", issued_at=now
        )

    known_ids.clear()
    for model in {*MODEL_BY_RESOURCE.values(), *MODEL_BY_BODY_FIELD.values()}:
        ids = model.objects.order_by("pk").values_list("pk", flat=True)
        known_ids[model] = [str(pk) if model is Click else pk for pk in ids]
    yield {"merchant": owner, "promoter": promoter.user}
    known_ids.clear()


def bearer_token(user) -> str:
    # Issued as the token endpoint issues it, without logging in for each of the hundreds of
    # examples: that would trip the per-address login limit (docs/security.md).
    return str(TokenObtainPairSerializer.get_token(user).access_token)


@pytest.mark.parametrize("role", ["merchant", "promoter"])
@schema.parametrize()
@FUZZ_SETTINGS
def test_api_never_answers_server_error(case, world, role):
    token = bearer_token(world[role])
    response = case.call(headers={"Authorization": f"Bearer {token}"})
    # status_code_conformance is left out: the schema documents each operation's success
    # answers only, and the 400/401/403/404/409 error answers (one shape, docs/api.md) would
    # all count as undocumented.
    case.validate_response(
        response,
        checks=[not_a_server_error, response_schema_conformance, content_type_conformance],
    )
