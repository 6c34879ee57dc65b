"""The generated Python client (clients/python, `make clients`) against a live server, as a
mobile team would use it: a promoter's flow and a merchant's flow, every API call through the
client's `sync_detailed` functions, every answer decoded into its generated model.

A failure here is a break in the contract: an answer the schema does not describe (a status,
a field, an enum value, a shape) fails the decoding, and an object with a field the schema does
not declare fails `assert_exact`. Only the redirect `GET /t/<code>`, which is not in the API,
goes through httpx directly. The store's order events and the settlement run are set up on the
server's side, as the store's webhook and the beat schedule would do them."""

import datetime as dt
import importlib
import pkgutil
from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import alliance_api_client
import attrs
import httpx
import pytest
from alliance_api_client import AuthenticatedClient, Client
from alliance_api_client.api.auth import (
    auth_me_retrieve,
    auth_token_create,
    auth_token_refresh_create,
)
from alliance_api_client.api.balances import balances_retrieve
from alliance_api_client.api.campaigns import campaigns_create
from alliance_api_client.api.commissions import commissions_list
from alliance_api_client.api.links import (
    links_create,
    links_qr_png_retrieve,
    links_qr_svg_retrieve,
    links_retrieve,
)
from alliance_api_client.api.merchants import merchants_me_webhook_secret_create
from alliance_api_client.api.orders import orders_list
from alliance_api_client.api.payout_methods import payout_methods_create
from alliance_api_client.api.payouts import payouts_create
from alliance_api_client.api.products import products_create, products_list
from alliance_api_client.api.sync import sync_commissions_retrieve, sync_orders_retrieve
from alliance_api_client.models import (
    AttributionEnum,
    Balances,
    Campaign,
    CampaignKindEnum,
    CampaignRequest,
    CommissionsListOrderingItem,
    CommissionsListStatus,
    CommissionStatusEnum,
    CommissionSyncPage,
    ErrorResponse,
    InvalidReasonEnum,
    Link,
    LinkToProductRequest,
    Me,
    MerchantOrder,
    OrdersListOrderingItem,
    OrderStatusEnum,
    OrderSyncPage,
    PaginatedCommissionList,
    PaginatedOrderList,
    PaginatedProductList,
    Payout,
    PayoutMethod,
    PayoutMethodKindEnum,
    PayoutMethodRequest,
    PayoutRequestRequest,
    PayoutStatusEnum,
    Product,
    ProductRequest,
    ProductsListOrderingItem,
    PromoterOrder,
    RoleEnum,
    TokenObtainPair,
    TokenObtainPairRequest,
    TokenRefresh,
    TokenRefreshRequest,
    WebhookSecret,
)
from alliance_api_client.types import File, Response
from django.utils import timezone

from commissions.services.settlement import settlement_run
from promoters.models import Click

from .. import factories
from ..commissions.orders import event, lifecycle, store

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

D = Decimal
Status = CommissionStatusEnum
STORE = "https://tea.example.com"
BROWSER = (
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148"
)


def answer(response: Response, status: int, model: type):
    """The decoded body of a `sync_detailed` answer, which must have `status` and decode into
    `model` with nothing the schema does not declare."""
    assert response.status_code == status, (response.status_code, response.content[:500])
    assert isinstance(response.parsed, model), (type(response.parsed), response.content[:500])
    assert_exact(response.parsed)
    return response.parsed


def assert_exact(value, path: str = "answer") -> None:
    """No object carries a field its schema does not declare: the generated models keep such
    fields aside in `additional_properties` (except where the schema declares a map)."""
    if attrs.has(type(value)):
        extra_field = attrs.fields_dict(type(value)).get("additional_properties")
        if extra_field is not None and extra_field.type == "dict[str, Any]":
            assert value.additional_properties == {}, (
                f"{path} ({type(value).__name__}) has fields the schema does not declare: "
                f"{sorted(value.additional_properties)}"
            )
        for name, field in attrs.fields_dict(type(value)).items():
            if name != "additional_properties" and field.init:
                assert_exact(getattr(value, name), f"{path}.{name}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            assert_exact(item, f"{path}[{index}]")
    elif isinstance(value, dt.datetime):
        assert value.tzinfo is not None, f"{path} is a datetime without its offset: {value}"


def masked(order_id: str) -> str:
    """A merchant's order id as a promoter sees it: the first 3 and the last 2 characters."""
    return order_id[:3] + "*" * (len(order_id) - 5) + order_id[-2:]


@dataclass
class World:
    merchant: object
    owner: object
    promoter: object
    longjing: object
    oolong: object
    teapot: object
    settled_order_id: str
    unattributed_order_id: str


@pytest.fixture
def world(settings) -> World:
    """An approved tea merchant with three live products and a retired one, a second merchant,
    an approved promoter with one settled sale (so its balance can pay out) and an order of the
    merchant that no promoter brought."""
    # Each click is stored before the redirect answers: the flow reads it at once.
    settings.ALLIANCE_CLICK_RECORDING = "direct"
    merchant = factories.MerchantFactory(
        name="Mingqian Tea House", store_url=f"{STORE}/", default_commission_rate=D("10.00")
    )
    owner = factories.MerchantMemberFactory(
        merchant=merchant, user=factories.UserFactory(username="teahouse-owner")
    ).user
    product = factories.ProductFactory
    longjing = product(
        merchant=merchant,
        sku="LJ-250",
        title="West Lake Longjing 250 g",
        url=f"{STORE}/p/longjing?ref=shop",
        price=D("369.90"),
        commission_rate=D("5.00"),
    )
    oolong = product(
        merchant=merchant,
        sku="OL-250",
        title="Tieguanyin oolong 250 g",
        url=f"{STORE}/p/oolong",
        price=D("199.00"),
        commission_rate=None,
    )
    teapot = product(
        merchant=merchant,
        sku="POT-1",
        title="Yixing clay teapot",
        url=f"{STORE}/p/teapot?ref=shop",
        price=D("59.00"),
        commission_rate=D("20.00"),
    )
    product(merchant=merchant, sku="OLD-1", price=D("80.00"), is_active=False)
    product(merchant=factories.MerchantFactory(), sku="ELSE-1", price=D("120.00"))
    promoter = factories.PromoterFactory(
        user=factories.UserFactory(username="lily-app"), display_name="Lily"
    )

    # A sale three weeks ago through one of the promoter's links, completed the next day, past
    # the 7-day hold and settled: 590.00 at 20 % is C 118.00, fee 11.80, the promoter's 106.20.
    old_link = factories.LinkFactory(promoter=promoter, product=teapot, code="oldlink01")
    paid_at = timezone.now() - timedelta(days=21)
    click = factories.ClickFactory(link=old_link, created_at=paid_at - timedelta(hours=1))
    for body in lifecycle(
        "TEA-20250601-001", "POT-1", "590.00", click_id=click.pk, paid_at=paid_at
    ):
        store(merchant, body)
    run = settlement_run()
    assert run.settled_count == 1

    # Bought without any promoter: the merchant sees it, the promoter does not.
    store(
        merchant,
        event(
            "order.paid",
            "TEA-20250602-002",
            items=[("OL-250", "199.00")],
            paid_at=timezone.now() - timedelta(days=2),
            customer_id="walk-in",
        ),
    )
    return World(
        merchant=merchant,
        owner=owner,
        promoter=promoter,
        longjing=longjing,
        oolong=oolong,
        teapot=teapot,
        settled_order_id="TEA-20250601-001",
        unattributed_order_id="TEA-20250602-002",
    )


def log_in(base_url: str, username: str) -> tuple[AuthenticatedClient, TokenObtainPair]:
    anonymous = Client(base_url=base_url, raise_on_unexpected_status=True)
    tokens = answer(
        auth_token_create.sync_detailed(
            client=anonymous,
            body=TokenObtainPairRequest(username=username, password=factories.PASSWORD),
        ),
        200,
        TokenObtainPair,
    )
    client = AuthenticatedClient(
        base_url=base_url, token=tokens.access, raise_on_unexpected_status=True
    )
    return client, tokens


def follow_cursor(feed, client: AuthenticatedClient, page_model: type) -> list:
    """Every row of a sync feed, two at a time, following next_cursor until has_more is false."""
    rows: list = []
    page = answer(feed.sync_detailed(client=client, limit=2), 200, page_model)
    rows += page.results
    for _ in range(20):
        if not page.has_more:
            return rows
        page = answer(
            feed.sync_detailed(client=client, cursor=page.next_cursor, limit=2), 200, page_model
        )
        rows += page.results
    raise AssertionError("the feed never ended")


def test_a_promoters_flow_through_the_generated_client(live_server, world):
    base = live_server.url
    promoter, merchant, teapot = world.promoter, world.merchant, world.teapot

    # Token, then a refresh: the rotated refresh token is the one to keep, the spent one is
    # refused with the error body.
    client, tokens = log_in(base, "lily-app")
    refreshed = answer(
        auth_token_refresh_create.sync_detailed(
            client=client, body=TokenRefreshRequest(refresh=tokens.refresh)
        ),
        200,
        TokenRefresh,
    )
    assert refreshed.refresh != tokens.refresh
    spent = answer(
        auth_token_refresh_create.sync_detailed(
            client=client, body=TokenRefreshRequest(refresh=tokens.refresh)
        ),
        401,
        ErrorResponse,
    )
    assert spent.error.code == "token_not_valid"
    client = AuthenticatedClient(
        base_url=base, token=refreshed.access, raise_on_unexpected_status=True
    )

    me = answer(auth_me_retrieve.sync_detailed(client=client), 200, Me)
    assert (me.username, me.role, me.promoter_id, me.merchant_id) == (
        "lily-app",
        RoleEnum.PROMOTER,
        promoter.pk,
        None,
    )

    # Products of one merchant up to 200.00, dearest first: the retired product, the other
    # merchant's and the dearer Longjing are left out; the oolong earns the merchant's default.
    page = answer(
        products_list.sync_detailed(
            client=client,
            merchant=merchant.pk,
            max_price="200.00",
            ordering=[ProductsListOrderingItem("-price")],
        ),
        200,
        PaginatedProductList,
    )
    assert page.count == 2
    assert [(p.sku, p.price, p.effective_rate) for p in page.results] == [
        ("OL-250", "199.00", "10.00"),
        ("POT-1", "59.00", "20.00"),
    ]
    assert all(isinstance(p, Product) for p in page.results)
    assert page.results[0].merchant_name == "Mingqian Tea House"

    link = answer(
        links_create.sync_detailed(
            client=client, body=LinkToProductRequest(product=teapot.pk, sub_id="post-0618")
        ),
        201,
        Link,
    )
    assert (link.product, link.merchant, link.sub_id, link.is_active) == (
        teapot.pk,
        merchant.pk,
        "post-0618",
        True,
    )
    assert len(link.code) >= 8
    assert link.short_url.endswith(f"/t/{link.code}")
    assert link.share_text.splitlines()[0] == "Yixing clay teapot"
    assert link.share_text.splitlines()[-1] == link.short_url

    png = links_qr_png_retrieve.sync_detailed(id=link.id, client=client)
    assert png.status_code == 200
    assert isinstance(png.parsed, File)
    assert png.headers["content-type"] == "image/png"
    assert png.parsed.payload.read().startswith(b"\x89PNG\r\n\x1a\n")
    svg = links_qr_svg_retrieve.sync_detailed(id=link.id, client=client)
    assert svg.status_code == 200
    assert isinstance(svg.parsed, File)
    assert svg.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in svg.parsed.payload.read()

    # The short URL (not part of the API): 302 to the product with the click id appended,
    # keeping the product URL's own query.
    redirect = httpx.get(
        f"{base}/t/{link.code}", headers={"User-Agent": BROWSER}, follow_redirects=False
    )
    assert redirect.status_code == 302
    target = urlsplit(redirect.headers["location"])
    assert f"{target.scheme}://{target.netloc}{target.path}" == f"{STORE}/p/teapot"
    query = parse_qs(target.query)
    assert query["ref"] == ["shop"]
    (click_id,) = query["alliance_click"]
    counted = answer(links_retrieve.sync_detailed(id=link.id, client=client), 200, Link)
    assert (counted.clicks_count, counted.unique_clicks_count) == (1, 1)

    # The store reports three orders that carry the click, paid a second apart after it: one
    # paid (pending), one completed (confirmed, in its hold), one cancelled (reversed, invalid).
    clicked_at = Click.objects.get(link_id=link.id).created_at
    paid = {n: clicked_at + timedelta(seconds=n) for n in (1, 2, 3)}
    ids = {n: f"TEA-20250610-10{n}" for n in (1, 2, 3)}
    sales = [
        event("order.paid", ids[1], items=[("POT-1", "118.00")], paid_at=paid[1]),
        event("order.paid", ids[2], items=[("POT-1", "59.00")], paid_at=paid[2]),
        event(
            "order.completed",
            ids[2],
            items=[("POT-1", "59.00")],
            paid_at=paid[2],
            completed_at=paid[2],
        ),
        event("order.paid", ids[3], items=[("POT-1", "177.00")], paid_at=paid[3]),
        event("order.cancelled", ids[3], items=[("POT-1", "177.00")], paid_at=paid[3]),
    ]
    for body in sales:
        store(merchant, {**body, "click_id": click_id})

    commissions = answer(
        commissions_list.sync_detailed(
            client=client, ordering=[CommissionsListOrderingItem("paid_at")], page_size=50
        ),
        200,
        PaginatedCommissionList,
    )
    assert [
        (
            c.order_id,
            c.status,
            c.invalid_reason,
            c.commission,
            c.promoter_amount,
            c.estimated_amount,
        )
        for c in commissions.results
    ] == [
        (masked(world.settled_order_id), Status.SETTLED, None, "118.00", "106.20", "106.20"),
        (masked(ids[1]), Status.PENDING, None, "23.60", "21.24", "21.24"),
        (masked(ids[2]), Status.CONFIRMED, None, "11.80", "10.62", "10.62"),
        (masked(ids[3]), Status.REVERSED, InvalidReasonEnum.CANCELLED, "35.40", "31.86", "0.00"),
    ]
    assert commissions.results[0].settled_amount == "106.20"
    settled_only = answer(
        commissions_list.sync_detailed(client=client, status=CommissionsListStatus.SETTLED),
        200,
        PaginatedCommissionList,
    )
    assert [c.order_id for c in settled_only.results] == [masked(world.settled_order_id)]

    orders = answer(
        orders_list.sync_detailed(client=client, ordering=[OrdersListOrderingItem("-paid_at")]),
        200,
        PaginatedOrderList,
    )
    assert all(isinstance(order, PromoterOrder) for order in orders.results)
    assert [(o.order_id, o.status, o.merchant_name) for o in orders.results] == [
        (masked(ids[3]), OrderStatusEnum.CANCELLED, "Mingqian Tea House"),
        (masked(ids[2]), OrderStatusEnum.COMPLETED, "Mingqian Tea House"),
        (masked(ids[1]), OrderStatusEnum.PAID, "Mingqian Tea House"),
        (masked(world.settled_order_id), OrderStatusEnum.COMPLETED, "Mingqian Tea House"),
    ]

    synced_orders = follow_cursor(sync_orders_retrieve, client, OrderSyncPage)
    assert all(isinstance(order, PromoterOrder) for order in synced_orders)
    assert sorted(order.order_id for order in synced_orders) == sorted(
        o.order_id for o in orders.results
    )
    synced_commissions = follow_cursor(sync_commissions_retrieve, client, CommissionSyncPage)
    assert sorted(c.id for c in synced_commissions) == sorted(c.id for c in commissions.results)

    balances = answer(balances_retrieve.sync_detailed(client=client), 200, Balances)
    assert (
        balances.pending,
        balances.confirmed,
        balances.available,
        balances.min_payout,
        balances.currency,
        balances.open_payout,
    ) == ("21.24", "10.62", "106.20", "10.00", "CNY", None)

    method = answer(
        payout_methods_create.sync_detailed(
            client=client,
            body=PayoutMethodRequest(
                kind=PayoutMethodKindEnum.ALIPAY, account_name="张三", account="13800138000"
            ),
        ),
        201,
        PayoutMethod,
    )
    assert method.kind == PayoutMethodKindEnum.ALIPAY
    assert "13800138000" not in method.account_masked
    payout = answer(
        payouts_create.sync_detailed(
            client=client, body=PayoutRequestRequest(amount="100.00", method=method.id)
        ),
        201,
        Payout,
    )
    assert (payout.amount, payout.currency, payout.status, payout.method) == (
        "100.00",
        "CNY",
        PayoutStatusEnum.REQUESTED,
        method.id,
    )
    # The money leaves the available balance when an admin approves the request.
    after = answer(balances_retrieve.sync_detailed(client=client), 200, Balances)
    assert after.available == "106.20"
    assert isinstance(after.open_payout, Payout)
    assert after.open_payout.id == payout.id


def test_a_merchants_flow_through_the_generated_client(live_server, world):
    base = live_server.url
    merchant, promoter = world.merchant, world.promoter
    client, _tokens = log_in(base, "teahouse-owner")

    me = answer(auth_me_retrieve.sync_detailed(client=client), 200, Me)
    assert (me.role, me.merchant_id, me.promoter_id) == (RoleEnum.MERCHANT, merchant.pk, None)

    # Its own catalog only, the live products cheapest first.
    page = answer(
        products_list.sync_detailed(
            client=client, is_active=True, ordering=[ProductsListOrderingItem("price")]
        ),
        200,
        PaginatedProductList,
    )
    assert [(p.sku, p.commission_rate, p.effective_rate) for p in page.results] == [
        ("POT-1", "20.00", "20.00"),
        ("OL-250", None, "10.00"),
        ("LJ-250", "5.00", "5.00"),
    ]

    # A product on the merchant's default rate: the rate goes out as null and comes back null.
    puer = answer(
        products_create.sync_detailed(
            client=client,
            body=ProductRequest(
                sku="PUER-357",
                title="Pu'er cake 357 g",
                url=f"{STORE}/p/puer",
                price="368.00",
                commission_rate=None,
            ),
        ),
        201,
        Product,
    )
    assert (puer.merchant, puer.price, puer.commission_rate, puer.effective_rate) == (
        merchant.pk,
        "368.00",
        None,
        "10.00",
    )
    assert puer.is_active is True

    starts_at = timezone.now().replace(microsecond=0) + timedelta(days=1)
    campaign = answer(
        campaigns_create.sync_detailed(
            client=client,
            body=CampaignRequest(
                name="Spring tea week",
                rate="25.00",
                kind=CampaignKindEnum.EVENT,
                applies_to_all_products=False,
                products=[puer.id, world.longjing.pk],
                starts_at=starts_at,
                ends_at=starts_at + timedelta(days=7),
            ),
        ),
        201,
        Campaign,
    )
    assert (campaign.merchant, campaign.kind, campaign.rate) == (
        merchant.pk,
        CampaignKindEnum.EVENT,
        "25.00",
    )
    assert sorted(campaign.products) == sorted([puer.id, world.longjing.pk])
    assert (campaign.starts_at, campaign.ends_at) == (starts_at, starts_at + timedelta(days=7))

    # Its orders, attributed or not, with the promoter's display name and the whole order id.
    orders = answer(
        orders_list.sync_detailed(client=client, ordering=[OrdersListOrderingItem("paid_at")]),
        200,
        PaginatedOrderList,
    )
    assert all(isinstance(order, MerchantOrder) for order in orders.results)
    assert [
        (o.order_id, o.attribution, o.promoter, o.promoter_name, o.estimated_commission)
        for o in orders.results
    ] == [
        (world.settled_order_id, AttributionEnum.CLICK, promoter.pk, "Lily", "106.20"),
        (world.unattributed_order_id, AttributionEnum.NONE, None, None, "0.00"),
    ]
    synced = follow_cursor(sync_orders_retrieve, client, OrderSyncPage)
    assert all(isinstance(order, MerchantOrder) for order in synced)
    assert sorted(o.order_id for o in synced) == sorted(
        [world.settled_order_id, world.unattributed_order_id]
    )

    # The webhook secret, shown once; a rotation keeps the previous one valid for a while.
    first = answer(
        merchants_me_webhook_secret_create.sync_detailed(client=client), 200, WebhookSecret
    )
    assert first.secret.startswith("whsec_")
    second = answer(
        merchants_me_webhook_secret_create.sync_detailed(client=client), 200, WebhookSecret
    )
    assert second.secret.startswith("whsec_")
    assert second.secret != first.secret
    assert isinstance(second.previous_secret_expires_at, dt.datetime)
    assert second.previous_secret_expires_at > timezone.now()
    merchant.refresh_from_db()
    assert merchant.webhook_secret == second.secret


def test_an_ordering_by_two_fields_through_the_generated_client(live_server, world):
    """The client sends a list parameter as it is generated to: two fields, best rate first and,
    between equal rates, dearest first."""
    client, _tokens = log_in(live_server.url, "lily-app")
    page = answer(
        products_list.sync_detailed(
            client=client,
            ordering=[
                ProductsListOrderingItem("-effective_rate"),
                ProductsListOrderingItem("-price"),
            ],
        ),
        200,
        PaginatedProductList,
    )
    assert [(p.sku, p.effective_rate, p.price) for p in page.results] == [
        ("ELSE-1", "20.00", "120.00"),
        ("POT-1", "20.00", "59.00"),
        ("OL-250", "10.00", "199.00"),
        ("LJ-250", "5.00", "369.90"),
    ]


def test_the_generated_client_imports_whole():
    """Every module of the generated package imports: none was generated broken."""
    package = Path(alliance_api_client.__file__).parent
    names = [
        module.name for module in pkgutil.walk_packages([str(package)], "alliance_api_client.")
    ]
    failures = {}
    for name in names:
        try:
            importlib.import_module(name)
        except Exception as error:  # every failure is reported, not only the first
            failures[name] = repr(error)
    assert failures == {}
    files = [p for p in package.rglob("*.py") if p.name != "__init__.py"]
    packages = [p for p in package.rglob("__init__.py") if p.parent != package]
    assert len(names) == len(files) + len(packages)
    # Every operation module offers the four ways to call it.
    operations = [n for n in names if n.count(".") == 3]
    assert len(operations) > 100
    for name in operations:
        module = importlib.import_module(name)
        for function in ("sync", "sync_detailed", "asyncio", "asyncio_detailed"):
            assert callable(getattr(module, function, None)), f"{name}.{function}"
