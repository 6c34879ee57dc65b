"""One datetime format everywhere in the API: UTC, whole seconds, `Z` (`2026-12-02T04:49:08Z`),
whatever the installation's time zone (alliance/api/fields.py, docs/api.md "Datetimes").

The walk reads the live schema and GETs every JSON operation as an admin, a merchant owner and a
promoter, over a world with a row in every collection, and checks each value the schema declares
`format: date-time` (and every other value that looks like a moment) against the one format.
Inputs keep accepting any ISO 8601 moment; one without an offset is read in TIME_ZONE.
"""

import csv
import io
import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from commissions.models import Commission, Order
from fraud.models import Flag, Rule
from fraud.services.flags import Finding, flag_appeal, flag_raise
from payouts.models import PayoutBatch
from promoters.models import Click, Link
from statements.models import Statement

from .. import factories
from ..commissions.orders import event, store
from ..conftest import client_for
from ..payouts.money import earn

API = "/api/v1/"
SHANGHAI = ZoneInfo("Asia/Shanghai")
THE_FORMAT = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$")
# Anything a client could take for a moment: a date with a time after it.
LOOKS_LIKE_A_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# Free-form values recorded as they were given, not fields of the API's own: an audit record's
# `data` keeps the arguments of the action it records (alliance/audit.py).
RECORDED_AS_GIVEN = {("AuditLog", "data")}


def local(*args) -> datetime:
    return datetime(*args, tzinfo=SHANGHAI)


# --- Reading the schema -------------------------------------------------------------------------


class Walk:
    """Checks JSON answers against the live schema's datetime declarations, and remembers which
    declared datetime fields were seen with a value, so that a field no answer carried fails the
    walk instead of passing unchecked."""

    def __init__(self, schema: dict):
        self.schema = schema
        self.components = schema["components"]["schemas"]
        self.declared: set[tuple[str, str]] = set()
        self.seen: set[tuple[str, str]] = set()
        # Literal paths first: /statements/current/ is not /statements/{id}/.
        self.routes = [
            (re.compile("^" + re.sub(r"\{[^}]+\}", "[^/]+", path) + "$"), path)
            for path in sorted(schema["paths"], key=lambda path: path.count("{"))
        ]

    def operation(self, method: str, url: str) -> dict:
        path = url.split("?")[0]
        for pattern, template in self.routes:
            if pattern.match(path) and method in self.schema["paths"][template]:
                return self.schema["paths"][template][method]
        raise AssertionError(f"{method.upper()} {path} is not in the schema")

    def answer_schema(self, operation: dict, status: int) -> dict | None:
        response = operation["responses"].get(str(status))
        assert response is not None, f"{operation['operationId']}: {status} is not declared"
        content = response.get("content", {})
        return content["application/json"]["schema"] if "application/json" in content else None

    def check(self, value, node: dict, where: str, owner=(None, None)) -> list[str]:
        """The faults of `value` against `node`: datetimes not in the one format."""
        if "$ref" in node:
            name = node["$ref"].rsplit("/", 1)[1]
            return self.check(value, self.components[name], where, (name, owner[1]))
        if "allOf" in node:
            return [f for sub in node["allOf"] for f in self.check(value, sub, where, owner)]
        branches = node.get("oneOf") or node.get("anyOf")
        if branches:
            if value is None and node.get("nullable"):
                return []
            discriminator = node.get("discriminator")
            if discriminator and isinstance(value, dict):
                ref = discriminator["mapping"][value[discriminator["propertyName"]]]
                return self.check(value, {"$ref": ref}, where, owner)
            # The first branch the value fits; the faults of all of them when none does.
            trials = []
            for branch in branches:
                before = set(self.declared), set(self.seen)
                faults = self.check(value, branch, where, owner)
                if not faults:
                    return []
                self.declared, self.seen = before
                trials.extend(faults)
            return trials
        if node.get("format") == "date-time":
            self.declared.add(owner)
            if value is None:
                return [] if node.get("nullable") else [f"{where}: null, declared not nullable"]
            if not isinstance(value, str) or not THE_FORMAT.match(value):
                return [f"{where}: {value!r} is not YYYY-MM-DDTHH:MM:SSZ"]
            self.seen.add(owner)
            return []
        if isinstance(value, dict) and "properties" in node:
            faults = []
            properties = node["properties"]
            for key, sub in properties.items():
                if self._is_moment(sub):
                    self.declared.add((owner[0], key))
            for key, item in value.items():
                if key not in properties:
                    faults += self.sweep(item, f"{where}.{key}")
                elif (owner[0], key) in RECORDED_AS_GIVEN:
                    continue
                else:
                    faults += self.check(item, properties[key], f"{where}.{key}", (owner[0], key))
            return faults
        if isinstance(value, list) and "items" in node:
            return [
                f
                for i, item in enumerate(value)
                for f in self.check(item, node["items"], f"{where}[{i}]", owner)
            ]
        return self.sweep(value, where)

    def _is_moment(self, node: dict) -> bool:
        if "$ref" in node:
            return self._is_moment(self.components[node["$ref"].rsplit("/", 1)[1]])
        return node.get("format") == "date-time" or any(
            self._is_moment(sub) for sub in node.get("allOf", [])
        )

    def sweep(self, value, where: str) -> list[str]:
        """A value the schema gives no datetime type (free-form objects, plain strings): a
        moment in it is written in the one format too."""
        if isinstance(value, dict):
            return [f for k, v in value.items() for f in self.sweep(v, f"{where}.{k}")]
        if isinstance(value, list):
            return [f for i, v in enumerate(value) for f in self.sweep(v, f"{where}[{i}]")]
        moment = isinstance(value, str) and LOOKS_LIKE_A_MOMENT.match(value)
        if moment and not THE_FORMAT.match(value):
            return [f"{where}: {value!r} is not YYYY-MM-DDTHH:MM:SSZ"]
        return []

    def answer(self, response, method: str, url: str) -> dict | list | None:
        """Check one answer; its JSON body (None for files)."""
        schema = self.answer_schema(self.operation(method, url), response.status_code)
        if schema is None or not response["Content-Type"].startswith("application/json"):
            return None
        body = response.json()
        faults = self.check(body, schema, f"{method.upper()} {url}")
        assert not faults, "\n".join(faults)
        return body


# --- A world with a row in every collection ------------------------------------------------------


def csv_bytes(rows) -> bytes:
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


class Actor:
    """A role's client whose every answer is checked against the schema as it comes."""

    def __init__(self, user, walk: Walk):
        self.client = client_for(user)
        self.walk = walk

    def call(self, method: str, url: str, body=None, *, status: int = 200, **kwargs):
        response = getattr(self.client, method)(url, body, **kwargs)
        assert response.status_code == status, (method, url, response.status_code, response.content)
        return self.walk.answer(response, method, url)


@pytest.fixture
def world(settings):
    settings.TIME_ZONE = "Asia/Shanghai"
    now = timezone.now()
    admin_user = factories.AdminFactory()
    merchant = factories.MerchantFactory(reviewed_at=now)
    owner = factories.MerchantMemberFactory(merchant=merchant).user
    promoter = factories.PromoterFactory(reviewed_at=now)
    factories.upline(promoter=promoter, upline=factories.PromoterFactory())
    factories.upline(promoter=factories.PromoterFactory(), upline=promoter)
    schema = client_for(admin_user).get("/api/schema/?format=json").json()
    walk = Walk(schema)
    admin, shop, seller = (Actor(user, walk) for user in (admin_user, owner, promoter.user))

    # Catalog, written as the merchant writes it: window bounds in the store's own offset, with
    # fractions, and one without an offset (read in TIME_ZONE).
    product = factories.ProductFactory(merchant=merchant, category=factories.CategoryFactory())
    campaign = shop.call(
        "post",
        f"{API}campaigns/",
        {
            "name": "Double eleven",
            "kind": "targeted",
            "rate": "30.00",
            "starts_at": "2030-11-11T00:00:00.250+08:00",
            "ends_at": "2030-11-12T00:00:00",
            "products": [product.pk],
            "applies_to_all_products": False,
        },
        status=201,
    )
    assert (campaign["starts_at"], campaign["ends_at"]) == (
        "2030-11-10T16:00:00Z",
        "2030-11-11T16:00:00Z",
    )
    factories.CouponFactory(merchant=merchant)
    sheet = csv_bytes(
        [["sku", "title", "url", "price"], ["IMP-1", "Tea", "https://e.com/t", "9.90"]]
    )
    shop.call(
        "post",
        f"{API}product-imports/",
        {"file": SimpleUploadedFile("products.csv", sheet)},
        format="multipart",
        status=202,
    )
    first = shop.call("post", f"{API}merchants/me/webhook-secret/")
    assert first["previous_secret_expires_at"] is None
    rotated = shop.call("post", f"{API}merchants/me/webhook-secret/")
    assert rotated["previous_secret_expires_at"] is not None

    # Promotion.
    application = seller.call(
        "post", f"{API}campaign-applications/", {"campaign": campaign["id"]}, status=201
    )
    shop.call("post", f"{API}campaign-applications/{application['id']}/approve/", {})
    seller.call(
        "post", f"{API}channels/", {"name": "Tea lovers", "kind": "wechat_group"}, status=201
    )
    link = seller.call("post", f"{API}links/", {"product": product.pk}, status=201)
    click = factories.ClickFactory(
        link=Link.objects.get(pk=link["id"]), created_at=now - timedelta(hours=1)
    )
    factories.OwnCustomerFactory(promoter=promoter, merchant=merchant)

    # Sales: settled (a settlement run, ledger entries, balance), and one only paid (pending).
    earn(promoter, sales=["500.00"], shop=merchant)
    paid = event("order.paid", "ONLY-PAID", items=[(product.sku, "80.00")], paid_at=now)
    store(merchant, {**paid, "click_id": str(click.pk)})
    # The merchant reports it: a penalised order (a low flag) for every role to read.
    only_paid = merchant.orders.get(order_id="ONLY-PAID")
    shop.call("post", f"{API}order-reports/", {"order": only_paid.pk, "note": "Odd."}, status=201)
    admin.call("post", f"{API}settlement-runs/", status=202)

    # Payouts in every end state, a batch, a released hold.
    method = seller.call(
        "post",
        f"{API}payout-methods/",
        {"kind": "alipay", "account_name": "张三", "account": "13800138000"},
        status=201,
    )
    for end in ("mark-paid", "mark-failed", "reject"):
        payout = seller.call(
            "post", f"{API}payouts/", {"method": method["id"], "amount": "20.00"}, status=201
        )
        if end == "reject":
            admin.call("post", f"{API}payouts/{payout['id']}/reject/", {"reason": "No."})
            continue
        admin.call("post", f"{API}payouts/{payout['id']}/approve/", {})
        if end == "mark-paid":
            admin.call("post", f"{API}payouts/export/?kind=alipay")
            admin.call("post", f"{API}payouts/{payout['id']}/mark-paid/", {"reference": "A-1"})
        else:
            admin.call("post", f"{API}payouts/{payout['id']}/mark-failed/", {"reason": "Closed."})
    hold = admin.call(
        "post", f"{API}payout-holds/", {"promoter": promoter.pk, "reason": "Check."}, status=201
    )
    admin.call("post", f"{API}payout-holds/{hold['id']}/release/", {})

    # Statements: one paid, and the running month.
    statement = Statement.objects.create(
        merchant=merchant, month=now.date().replace(day=1), currency="CNY", issued_at=now
    )
    admin.call("post", f"{API}statements/{statement.pk}/mark-paid/", {"reference": "B-2"})
    shop.call("get", f"{API}statements/current/")

    # Fraud flags (low: they hold nothing): one open with the promoter's appeal and the click it
    # names, one cleared, which the queue shows only when asked for every status.
    def flag_on(order, **extra):
        return flag_raise(
            Finding(
                rule=Rule.FAST_PAY,
                severity=Flag.Severity.LOW,
                key=f"fast_pay:order:{order.pk}",
                promoter_id=promoter.pk,
                merchant_id=merchant.pk,
                summary="Paid soon after the click",
                evidence={"measured": {"seconds": 2}, "threshold": {"min_seconds": 10}, **extra},
                order_ids=[order.pk],
            )
        )

    cleared = flag_on(Order.objects.exclude(order_id="ONLY-PAID").first())
    admin.call("post", f"{API}fraud-flags/{cleared.pk}/clear/", {"note": "Fine."})
    appealed = flag_on(Order.objects.get(order_id="ONLY-PAID"), clicks=[str(click.pk)])
    flag_appeal(flag=appealed, promoter=promoter, note="A real buyer.")

    return {
        "walk": walk,
        "admin": admin,
        "merchant": shop,
        "promoter": seller,
        "row": promoter,
        # What only a filter or another row than the list's first shows, read by an admin.
        "also": [
            f"{API}fraud-flags/?status=any",
            f"{API}fraud-flags/{cleared.pk}/",
            f"{API}fraud-flags/{appealed.pk}/",
        ],
    }


# --- The walk ---------------------------------------------------------------------------------

# Values for the query parameters an operation requires. An admin names the promoter whose
# balances it reads, a rule of one role that the schema does not express as `required`.
REQUIRED_QUERY = {
    "promoter": lambda world: world["row"].pk,
    "batch": lambda world: PayoutBatch.objects.get().pk,
}
REQUIRED_OF_ADMINS = {"promoter"}


def json_get_operations(schema: dict):
    for path, operations in schema["paths"].items():
        operation = operations.get("get")
        if operation is None or not path.startswith(API):
            continue
        content = operation["responses"].get("200", {}).get("content", {})
        if "application/json" in content:
            yield path, operation


def query_for(operation: dict, world, role: str) -> str:
    parts = []
    for parameter in operation.get("parameters", []):
        if parameter["in"] != "query":
            continue
        if parameter["name"] == "page_size":
            parts.append("page_size=200")
        elif parameter.get("required") or (
            role == "admin" and parameter["name"] in REQUIRED_OF_ADMINS
        ):
            assert parameter["name"] in REQUIRED_QUERY, (
                f"{operation['operationId']} requires ?{parameter['name']}: give it a value here"
            )
            parts.append(f"{parameter['name']}={REQUIRED_QUERY[parameter['name']](world)}")
    return "?" + "&".join(parts) if parts else ""


@pytest.mark.django_db(transaction=True)
def test_every_datetime_the_api_writes_is_utc_whole_seconds_z(world):
    walk: Walk = world["walk"]
    answered: dict[str, list[str]] = {}
    for path, operation in json_get_operations(walk.schema):
        for role in ("admin", "merchant", "promoter"):
            actor: Actor = world[role]
            url = path
            if "{id}" in path:
                # A row of this role's own: the first of the list the detail belongs to.
                listing = actor.client.get(path.split("{id}")[0])
                if listing.status_code != 200:
                    continue
                rows = listing.json()
                rows = rows["results"] if isinstance(rows, dict) else rows
                if not rows:
                    continue
                url = path.replace("{id}", str(rows[0]["id"]))
            assert "{" not in url, f"fill the path parameters of {path}"
            url += query_for(operation, world, role)
            response = actor.client.get(url)
            if response.status_code in (403, 404):
                continue
            assert response.status_code == 200, (role, url, response.content)
            walk.answer(response, "get", url)
            answered.setdefault(operation["operationId"], []).append(role)

    for url in world["also"]:
        response = world["admin"].client.get(url)
        assert response.status_code == 200, (url, response.content)
        walk.answer(response, "get", url)
    unanswered = {op["operationId"] for _p, op in json_get_operations(walk.schema)} - set(answered)
    assert not unanswered, f"no role got an answer from {sorted(unanswered)}"
    # Every declared datetime carried a value in some answer (else its format went unchecked).
    assert walk.declared - walk.seen == set(), sorted(walk.declared - walk.seen)
    assert {
        ("CurrentStatement", "as_of"),
        ("WebhookSecret", "previous_secret_expires_at"),
        ("SettlementRun", "cutoff"),
        ("Downline", "joined_at"),
        ("BalanceEntry", "created_at"),
    } <= walk.seen


# --- Rendering ---------------------------------------------------------------------------------


def test_a_moment_is_written_in_utc_with_its_fraction_dropped_not_rounded():
    from alliance.api.fields import DateTimeField

    field = DateTimeField()

    assert field.to_representation(local(2026, 12, 2, 12, 49, 8, 999999)) == "2026-12-02T04:49:08Z"
    # Across a day and a year in UTC, and a moment before 1000 keeps four year digits.
    assert field.to_representation(local(2027, 1, 1, 7, 59, 59, 1)) == "2026-12-31T23:59:59Z"
    assert field.to_representation(datetime(999, 5, 1, tzinfo=ZoneInfo("UTC"))) == (
        "0999-05-01T00:00:00Z"
    )
    assert field.to_representation(None) is None


def test_the_format_does_not_follow_the_installation_time_zone(settings, merchant_api, merchant):
    factories.ProductFactory(merchant=merchant)
    for zone in ("Asia/Shanghai", "America/New_York", "UTC"):
        settings.TIME_ZONE = zone
        created = merchant_api.get(f"{API}products/").json()["results"][0]["created_at"]
        assert THE_FORMAT.match(created), (zone, created)
        stored = merchant.products.get().created_at
        assert created == stored.astimezone(ZoneInfo("UTC")).strftime("%Y-%m-%dT%H:%M:%SZ")


# --- Reading -----------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("given", "written"),
    [
        ("2030-01-01T08:00:00+08:00", "2030-01-01T00:00:00Z"),
        ("2030-01-01T00:00:00Z", "2030-01-01T00:00:00Z"),
        ("2030-01-01T00:00:00.123456Z", "2030-01-01T00:00:00Z"),
        ("2029-12-31T19:00:00.5-05:00", "2030-01-01T00:00:00Z"),
        # Without an offset: a time in TIME_ZONE.
        ("2030-01-01T08:00:00", "2030-01-01T00:00:00Z"),
        ("2030-01-01 08:00", "2030-01-01T00:00:00Z"),
    ],
)
def test_an_input_moment_may_take_any_offset_and_fraction(settings, merchant_api, given, written):
    settings.TIME_ZONE = "Asia/Shanghai"
    body = {"name": "Window", "kind": "event", "rate": "30.00", "starts_at": given}
    body["ends_at"] = "2030-02-01T00:00:00Z"

    response = merchant_api.post(f"{API}campaigns/", body, format="json")

    assert response.status_code == 201, response.content
    assert response.json()["starts_at"] == written


@pytest.mark.django_db
def test_a_filter_moment_without_an_offset_is_read_in_the_installation_time_zone(
    settings, promoter_api, link
):
    settings.TIME_ZONE = "Asia/Shanghai"
    factories.ClickFactory(link=link, created_at=local(2026, 5, 1, 9, 30))

    def count(query):
        response = promoter_api.get(f"{API}clicks/?{query}")
        assert response.status_code == 200, response.content
        return response.json()["count"]

    # 09:30 in Shanghai is 01:30 UTC.
    assert count("created_after=2026-05-01T09:30:00") == 1
    assert count("created_after=2026-05-01T09:30:01") == 0
    assert count("created_after=2026-05-01T01:30:00Z") == 1
    assert count("created_after=2026-05-01T01:30:00.000001Z") == 0


# --- Sending a written moment back ---------------------------------------------------------------


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("feed", ["orders", "commissions"])
def test_since_a_rows_written_updated_at_returns_that_row(feed, promoter, promoter_api):
    """`since=` is inclusive and a written moment is never later than the stored one: a client
    that keeps a row's `updated_at` and asks `since=` it gets that row again, even when the
    stored moment has a fraction of a second (here .999999, which rounding would carry into the
    next second)."""
    shop = factories.MerchantFactory()
    earn(promoter, sales=["100.00", "60.00"], shop=shop, settle=False)
    model = Order if feed == "orders" else Commission
    kept, earlier = model.objects.order_by("pk")
    model.objects.filter(pk=kept.pk).update(updated_at=local(2026, 12, 2, 12, 49, 8, 999999))
    model.objects.filter(pk=earlier.pk).update(updated_at=local(2026, 12, 2, 12, 49, 7, 999999))

    everything = promoter_api.get(f"{API}sync/{feed}/").json()["results"]
    written = next(row["updated_at"] for row in everything if row["id"] == kept.pk)
    since = promoter_api.get(f"{API}sync/{feed}/?since={written}")

    assert written == "2026-12-02T04:49:08Z"
    assert since.status_code == 200, since.content
    assert [row["id"] for row in since.json()["results"]] == [kept.pk]


@pytest.mark.django_db
def test_a_written_moment_bounds_a_window_that_holds_its_row(promoter_api, link):
    """`..._after` is inclusive and `..._before` exclusive: a row falls in the window whose
    bounds are its own written second and the next one."""
    factories.ClickFactory(link=link, created_at=local(2026, 5, 1, 9, 30, 0, 500000))
    written = promoter_api.get(f"{API}clicks/").json()["results"][0]["created_at"]
    next_second = "2026-05-01T01:30:01Z"

    def ids(query):
        return [row["id"] for row in promoter_api.get(f"{API}clicks/?{query}").json()["results"]]

    click = Click.objects.get()
    assert written == "2026-05-01T01:30:00Z"
    assert ids(f"created_after={written}&created_before={next_second}") == [str(click.pk)]
    assert ids(f"created_before={written}") == []
