"""The lists' query parameters (docs/api.md "Lists: pagination, filtering, search, ordering"):
ordering among enumerated fields only, rates ordered as they are earned, strict pages, and a
schema whose parameters and decimal patterns say exactly what the server accepts."""

import math
import re
from datetime import timedelta
from decimal import Decimal as D

import pytest
from django.test import Client
from django.utils import timezone

from alliance.models import ReviewStatus
from commissions.services.rates import RateBook
from products.models import Campaign, Product
from promoters.models import CampaignApplication

from .. import factories
from ..assertions import assert_error
from ..conftest import client_for

pytestmark = pytest.mark.django_db

PRODUCTS = "/api/v1/products/"


@pytest.fixture
def schema():
    return Client().get("/api/schema/?format=json").json()


def titles(response) -> list[str]:
    assert response.status_code == 200, response.content
    return [row["title"] for row in response.json()["results"]]


def ordering_refused(client, value: str) -> str:
    error = assert_error(
        client.get(PRODUCTS, {"ordering": value}), 400, code="validation_error", fields={"ordering"}
    )
    return error["fields"]["ordering"][0]


# --- Ordering: enumerated fields, unknown ones refused -------------------------------------------


def test_an_unknown_ordering_field_answers_400_naming_it_and_the_allowed_ones(admin_api):
    factories.ProductFactory()

    message = ordering_refused(admin_api, "popularity")

    assert "'popularity'" in message
    for allowed in ["price", "created_at", "title", "commission_rate", "effective_rate", "sku"]:
        assert allowed in message
    # One bad term among good ones, an empty term, a doubled minus: refused the same way.
    assert "'bogus'" in ordering_refused(admin_api, "price,bogus")
    assert "''" in ordering_refused(admin_api, "price,")
    assert "'--price'" in ordering_refused(admin_api, "--price")


def test_several_ordering_fields_comma_separated_sort_in_turn(admin_api):
    merchant = factories.MerchantFactory()
    for title, price in [("B", "5.00"), ("A", "5.00"), ("C", "9.00"), ("D", "1.00")]:
        factories.ProductFactory(merchant=merchant, title=title, price=D(price))

    assert titles(admin_api.get(PRODUCTS, {"ordering": "-price,title"})) == ["C", "A", "B", "D"]
    assert titles(admin_api.get(PRODUCTS, {"ordering": "price,-title"})) == ["D", "B", "A", "C"]


def test_a_list_without_ordering_fields_refuses_any_ordering(admin_api):
    response = admin_api.get("/api/v1/payout-batches/", {"ordering": "created_at"})

    assert_error(response, 400, code="validation_error", fields={"ordering"})


def test_rows_equal_on_the_ordering_field_keep_one_order_across_pages(admin_api):
    merchant = factories.MerchantFactory()
    made = [factories.ProductFactory(merchant=merchant, price=D("5.00")) for _ in range(5)]

    seen = []
    for page in (1, 2, 3):
        response = admin_api.get(PRODUCTS, {"ordering": "price", "page_size": 2, "page": page})
        seen += [row["id"] for row in response.json()["results"]]

    # Ties keep the model's order (newest first), so no row is skipped or repeated.
    assert seen == [product.pk for product in reversed(made)]


# --- Ordering by rates ---------------------------------------------------------------------------


@pytest.fixture
def rate_catalog(promoter):
    """Products whose rate for `promoter` comes from different rules; two have no rate of their
    own, one on a default above the others' rates and one on a default among them."""
    on_default = factories.MerchantFactory(default_commission_rate=D("4.50"))
    high_default = factories.MerchantFactory(default_commission_rate=D("20.00"))
    with_campaign = factories.MerchantFactory(default_commission_rate=D("10.00"))
    not_admitted = factories.MerchantFactory(default_commission_rate=D("10.00"))
    admitted = factories.MerchantFactory(default_commission_rate=D("10.00"))
    rates = {
        "default 4.5": (on_default, None),
        "own 3": (on_default, D("3.00")),
        "own 8": (on_default, D("8.00")),
        "default 20": (high_default, None),
        "own 5, campaign 25": (with_campaign, D("5.00")),
        "own 4, targeted 50 not admitted": (not_admitted, D("4.00")),
        "own 6, targeted 30 admitted": (admitted, D("6.00")),
    }
    products = {
        title: factories.ProductFactory(merchant=merchant, title=title, commission_rate=rate)
        for title, (merchant, rate) in rates.items()
    }
    factories.CampaignFactory(merchant=with_campaign, rate=D("25.00"))
    # An event campaign that has ended does not count.
    factories.CampaignFactory(
        merchant=on_default,
        kind=Campaign.Kind.EVENT,
        rate=D("90.00"),
        starts_at=timezone.now() - timedelta(days=10),
        ends_at=timezone.now() - timedelta(days=1),
    )
    factories.CampaignFactory(merchant=not_admitted, kind=Campaign.Kind.TARGETED, rate=D("50.00"))
    targeted = factories.CampaignFactory(
        merchant=admitted, kind=Campaign.Kind.TARGETED, rate=D("30.00")
    )
    CampaignApplication.objects.create(
        campaign=targeted, promoter=promoter, status=ReviewStatus.APPROVED
    )
    return {title: Product.objects.get(pk=product.pk) for title, product in products.items()}


def test_a_promoter_orders_by_the_rate_it_would_earn_campaigns_included(
    promoter, promoter_api, rate_catalog
):
    response = promoter_api.get(PRODUCTS, {"ordering": "-effective_rate"})

    assert titles(response) == [
        "own 6, targeted 30 admitted",
        "own 5, campaign 25",
        "default 20",
        "own 8",
        "default 4.5",
        "own 4, targeted 50 not admitted",
        "own 3",
    ]
    shown = {row["title"]: D(row["effective_rate"]) for row in response.json()["results"]}
    assert list(shown.values()) == [D(r) for r in ["30", "25", "20", "8", "4.5", "4", "3"]]
    # The rate shown and sorted by is the rate the commission would be computed at.
    book, now = RateBook(), timezone.now()
    for title, product in rate_catalog.items():
        rate = book.rate(
            merchant=product.merchant, product=product, promoter_id=promoter.pk, moment=now
        )
        assert shown[title] == rate, title
    ascending = titles(promoter_api.get(PRODUCTS, {"ordering": "effective_rate"}))
    assert ascending == list(reversed(titles(response)))


def test_a_products_detail_shows_the_promoters_rate_too(promoter_api, rate_catalog):
    product = rate_catalog["own 5, campaign 25"]

    response = promoter_api.get(f"{PRODUCTS}{product.pk}/")

    assert D(response.json()["effective_rate"]) == D("25.00")


def test_commission_rate_orders_products_on_the_default_by_that_default(
    admin_api, promoter_api, rate_catalog
):
    by_base_rate = [
        "default 20",
        "own 8",
        "own 6, targeted 30 admitted",
        "own 5, campaign 25",
        "default 4.5",
        "own 4, targeted 50 not admitted",
        "own 3",
    ]

    assert titles(admin_api.get(PRODUCTS, {"ordering": "-commission_rate"})) == by_base_rate
    assert titles(admin_api.get(PRODUCTS, {"ordering": "commission_rate"})) == by_base_rate[::-1]
    # For everyone but a promoter, effective_rate is that same rate: the one the list shows.
    assert titles(admin_api.get(PRODUCTS, {"ordering": "-effective_rate"})) == by_base_rate
    # A promoter's commission_rate ordering leaves campaigns out, as the field does.
    assert titles(promoter_api.get(PRODUCTS, {"ordering": "-commission_rate"})) == by_base_rate


def test_a_merchant_orders_its_own_products_by_the_rate_they_earn(rate_catalog):
    merchant = rate_catalog["own 3"].merchant
    merchant_api = client_for(factories.MerchantMemberFactory(merchant=merchant).user)

    for ordering in ["-commission_rate", "-effective_rate"]:
        response = merchant_api.get(PRODUCTS, {"ordering": ordering})
        rows = response.json()["results"]
        assert titles(response) == ["own 8", "default 4.5", "own 3"]
        assert [row["effective_rate"] for row in rows] == ["8.00", "4.50", "3.00"]
        assert [row["commission_rate"] for row in rows] == ["8.00", None, "3.00"]


def test_the_promoters_product_list_takes_the_same_queries_for_more_rows(
    promoter, promoter_api, rate_catalog, django_assert_max_num_queries
):
    def queries() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            assert promoter_api.get(PRODUCTS, {"ordering": "-effective_rate"}).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(6):
        factories.ProductFactory(merchant=rate_catalog["own 3"].merchant)

    with django_assert_max_num_queries(few):
        promoter_api.get(PRODUCTS, {"ordering": "-effective_rate"})


# --- Pages ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["false", "0", "201", "", "-1", "1.0", " 5", "abc", "1e2"])
def test_a_page_size_that_is_not_1_to_200_answers_400_naming_it(admin_api, value):
    factories.ProductFactory()

    response = admin_api.get(PRODUCTS, {"page_size": value})

    assert_error(response, 400, code="validation_error", fields={"page_size"})


@pytest.mark.parametrize("value", ["0", "", "-1", "last", "1.0", "x", "9223372036854775808"])
def test_a_page_that_is_not_a_whole_number_from_1_answers_400_naming_it(admin_api, value):
    response = admin_api.get(PRODUCTS, {"page": value})

    assert_error(response, 400, code="validation_error", fields={"page"})


def test_both_bad_page_parameters_are_named_at_once(admin_api):
    response = admin_api.get(PRODUCTS, {"page": "0", "page_size": "500"})

    assert_error(response, 400, code="validation_error", fields={"page", "page_size"})


def test_pages_within_the_bounds_answer_and_a_page_past_the_end_is_404(admin_api):
    merchant = factories.MerchantFactory()
    for _ in range(3):
        factories.ProductFactory(merchant=merchant)

    assert len(admin_api.get(PRODUCTS, {"page_size": 1}).json()["results"]) == 1
    assert len(admin_api.get(PRODUCTS, {"page_size": 200}).json()["results"]) == 3
    assert len(admin_api.get(PRODUCTS, {"page": 2, "page_size": 2}).json()["results"]) == 1
    assert_error(admin_api.get(PRODUCTS, {"page": 3, "page_size": 2}), 404, code="not_found")


# --- Filters -------------------------------------------------------------------------------------


def test_an_id_filter_takes_ids_from_1_and_does_not_look_them_up(admin_api, schema):
    product = factories.ProductFactory()
    merchant = next(
        p for p in schema["paths"][PRODUCTS]["get"]["parameters"] if p["name"] == "merchant"
    )
    assert merchant["schema"]["minimum"] == 1

    for value in ["0", "-3", "", "x", str(2**63)]:
        assert_error(admin_api.get(PRODUCTS, {"merchant": value}), 400, fields={"merchant"})
    assert admin_api.get(PRODUCTS, {"merchant": 987654321}).json()["count"] == 0
    assert admin_api.get(PRODUCTS, {"merchant": 2**63 - 1}).json()["count"] == 0
    assert admin_api.get(PRODUCTS, {"merchant": product.merchant_id}).json()["count"] == 1


def test_a_boolean_filter_takes_true_or_false_only(admin_api):
    factories.ProductFactory(is_active=False)

    assert admin_api.get(PRODUCTS, {"is_active": "false"}).json()["count"] == 1
    assert admin_api.get(PRODUCTS, {"is_active": "true"}).json()["count"] == 0
    for value in ["yes", "True", "1", ""]:
        assert_error(admin_api.get(PRODUCTS, {"is_active": value}), 400, fields={"is_active"})


def test_search_is_bounded_and_refuses_control_characters(admin_api):
    factories.ProductFactory(title="West Lake Longjing")

    assert admin_api.get(PRODUCTS, {"search": "longjing"}).json()["count"] == 1
    assert admin_api.get(PRODUCTS, {"search": "x" * 200}).json()["count"] == 0
    for value in ["x" * 201, "long\x00jing", "long\tjing"]:
        assert_error(admin_api.get(PRODUCTS, {"search": value}), 400, fields={"search"})


# --- The schema says what the server accepts ------------------------------------------------------

RFC3339 = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]+)?(?:[Zz]|[+-][0-9]{2}:[0-9]{2})"
)


def value_valid(schema: dict, raw: str) -> bool:
    """Whether the schema admits `raw`, a query string value."""
    kind = schema.get("type")
    if kind == "integer":
        if not re.fullmatch(r"-?[0-9]+", raw):
            return False
        return schema.get("minimum", -math.inf) <= int(raw) <= schema.get("maximum", math.inf)
    if kind == "boolean":
        return raw in {"true", "false"}
    assert kind == "string", schema
    if "enum" in schema and raw not in schema["enum"]:
        return False
    if len(raw) > schema.get("maxLength", math.inf):
        return False
    if "pattern" in schema and not re.search(schema["pattern"], raw):
        return False
    if schema.get("format") == "date-time":
        return RFC3339.fullmatch(raw) is not None
    return True


def parameter_valid(parameter: dict, raw: str) -> bool:
    schema = parameter["schema"]
    if schema.get("type") == "array":
        # style form, explode false: comma-separated; nothing at all is the empty list.
        return all(value_valid(schema["items"], item) for item in (raw.split(",") if raw else []))
    return value_valid(schema, raw)


def candidates(parameter: dict) -> list[str]:
    """Values a client might send: valid ones from the schema and near misses."""
    schema = parameter["schema"]
    if schema.get("type") == "array":
        terms = schema["items"]["enum"]
        return [*terms[:4], f"{terms[0]},{terms[-1]}", "bogus", f"{terms[0]},", ""]
    kind = schema["type"]
    if kind == "integer":
        values = ["1", "0", "-1", "x", "", "1.0", " 1"]
        if "maximum" in schema:
            values += [str(schema["maximum"]), str(schema["maximum"] + 1)]
        return values
    if kind == "boolean":
        return ["true", "false", "True", "1", "yes", ""]
    if schema.get("format") == "date-time":
        return ["2026-01-01T00:00:00+08:00", "2026-01-01T08:30:00Z", "soon", ""]
    if "enum" in schema:
        return [*schema["enum"][:3], "bogus", ""]
    if schema.get("format") == "decimal":
        return ["12", "12.50", "0", "-1", "", "12.505", "1,5", "x", "999999999999.99"]
    values = ["tea", "", "a\x00b", "2026-10", "2026-13", "2026-10-01"]
    if "maxLength" in schema:
        values += ["x" * schema["maxLength"], "x" * (schema["maxLength"] + 1)]
    return values


def list_operations(schema):
    for path, item in schema["paths"].items():
        operation = item.get("get")
        if operation and any(p["name"] == "page" for p in operation.get("parameters", [])):
            yield path, operation


def test_every_query_parameter_has_a_type_and_ordering_is_enumerated(schema):
    ordered = 0
    for item in schema["paths"].values():
        for method, operation in item.items():
            for parameter in operation.get("parameters", []) if method != "parameters" else []:
                if parameter["in"] != "query":
                    continue
                where = (method, operation["operationId"], parameter["name"])
                assert parameter["schema"].get("type") in {
                    "integer",
                    "boolean",
                    "string",
                    "array",
                }, where
                if parameter["name"] == "ordering":
                    ordered += 1
                    assert parameter["schema"]["type"] == "array", where
                    assert parameter["schema"]["items"]["type"] == "string", where
                    assert parameter["schema"]["items"]["enum"], where
                    assert (parameter["style"], parameter["explode"]) == ("form", False), where
    assert ordered >= 20


def test_every_list_parameter_accepts_exactly_what_its_schema_admits(schema):
    """For each query parameter of each list, values the schema admits answer 200 (404 for a
    page past the end) and values it does not admit answer 400 naming the parameter."""
    promoter = factories.PromoterFactory()
    merchant = factories.MerchantFactory()
    clients = [
        client_for(factories.AdminFactory()),
        client_for(factories.MerchantMemberFactory(merchant=merchant).user),
        client_for(promoter.user),
    ]
    mismatches, checked = [], 0
    for path, operation in list_operations(schema):
        client = next(c for c in clients if c.get(path).status_code == 200)
        for parameter in operation["parameters"]:
            if parameter["in"] != "query":
                continue
            name = parameter["name"]
            for raw in candidates(parameter):
                checked += 1
                response = client.get(path, {name: raw})
                expected = parameter_valid(parameter, raw)
                if expected:
                    ok = response.status_code == 200 or (
                        name == "page" and response.status_code == 404
                    )
                else:
                    ok = response.status_code == 400 and name in response.json()["error"].get(
                        "fields", {}
                    )
                if not ok:
                    mismatches.append((path, name, raw, expected, response.status_code))
    assert mismatches == [], "\n".join(map(str, mismatches))
    assert checked > 500


# --- Decimals in request bodies -----------------------------------------------------------------

DECIMALS = [
    "", "-", ".", "+", "-.", "12", "12.", ".5", "-.5", "+.5", "12.5", "12.50", "12.505",
    "12.500", "0", "-0", "-0.00", "+5", "-5", "100", "100.00", "100.01", "101", "99.99",
    "0099.99", "000000000000000000012.5", "999999999999.99", "1000000000000", "abc", "1,5",
    "12.5.1", "--1", "1 2",
]  # fmt: skip


@pytest.mark.parametrize("field", ["price", "commission_rate"])
def test_a_decimal_pattern_in_the_schema_matches_exactly_what_the_server_accepts(
    merchant, merchant_api, schema, field
):
    product = factories.ProductFactory(merchant=merchant)
    pattern = schema["components"]["schemas"]["PatchedProductRequest"]["properties"][field][
        "pattern"
    ]
    for refused in ["", "-", "."] if field == "price" else ["-", "."]:
        assert not re.search(pattern, refused)

    mismatches = []
    for value in DECIMALS:
        response = merchant_api.patch(f"{PRODUCTS}{product.pk}/", {field: value}, format="json")
        accepted = response.status_code == 200
        if not accepted:
            assert_error(response, 400, fields={field})
        if accepted != bool(re.search(pattern, value)):
            mismatches.append((value, accepted))
    assert mismatches == []


# --- A link needs a target ------------------------------------------------------------------------


def test_a_new_link_needs_a_product_or_a_merchant_in_the_schema_and_the_server(
    promoter_api, schema
):
    components = schema["components"]["schemas"]
    choices = [ref["$ref"].rsplit("/", 1)[1] for ref in components["LinkRequest"]["anyOf"]]
    assert [components[name]["required"] for name in choices] == [["product"], ["merchant"]]
    for name, target in zip(choices, ["product", "merchant"], strict=True):
        assert components[name]["properties"][target] == {"type": "integer"}

    for body in [{}, {"product": None}, {"merchant": None, "sub_id": "x"}]:
        response = promoter_api.post("/api/v1/links/", body, format="json")
        assert_error(response, 400, fields={"product"})
