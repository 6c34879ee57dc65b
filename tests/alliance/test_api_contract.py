"""The API's contract as a generated client reads it (docs/api.md): JSON request bodies, every
error answer documented with the one error component, JSON 404 under /api/, file answers
whatever the Accept header, and one shape per row told apart by `shape` where roles differ."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from alliance.auth_tokens import TokenObtainPairSerializer
from commissions.models import Commission

from .. import factories
from ..commissions.test_api import _world
from ..conftest import client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def schema():
    return Client().get("/api/schema/?format=json").json()


def operations(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            if method in {"get", "post", "put", "patch", "delete"}:
                yield method.upper(), path, operation


def error_ref(answer) -> str | None:
    return answer.get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")


# --- Request bodies -------------------------------------------------------------------------


def test_request_bodies_are_declared_json_except_the_uploads(schema):
    uploads = {
        ("POST", "/api/v1/product-imports/"),
        ("POST", "/api/v1/order-events/backfill/"),
    }
    for method, path, operation in operations(schema):
        media = set(operation.get("requestBody", {}).get("content", {}))
        if not media:
            continue
        expected = {"multipart/form-data"} if (method, path) in uploads else {"application/json"}
        assert media == expected, (method, path, media)


def test_a_form_encoded_body_is_refused_with_415_and_nothing_is_made():
    promoter = factories.PromoterFactory()
    product = factories.ProductFactory()
    client = client_for(promoter.user)

    for content_type, body in [
        ("application/x-www-form-urlencoded", f"product={product.pk}"),
        (
            "multipart/form-data; boundary=x",
            '--x\r\nContent-Disposition: form-data; name="product"\r\n\r\n'
            f"{product.pk}\r\n--x--\r\n",
        ),
    ]:
        response = client.post("/api/v1/links/", body, content_type=content_type)
        assert response.status_code == 415
        assert response.json()["error"]["code"] == "unsupported_media_type"
    assert not promoter.links.exists()


def test_an_upload_takes_multipart_only():
    merchant = factories.MerchantFactory()
    member = factories.MerchantMemberFactory(merchant=merchant).user
    client = client_for(member)

    refused = client.post("/api/v1/product-imports/", {"file": "sku,title"}, format="json")
    assert refused.status_code == 415

    upload = SimpleUploadedFile("p.csv", b"sku,title,price,url\n", content_type="text/csv")
    accepted = client.post("/api/v1/product-imports/", {"file": upload}, format="multipart")
    assert accepted.status_code == 202


def test_a_body_over_the_limit_answers_413_in_the_error_shape(settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    promoter = factories.PromoterFactory()
    response = client_for(promoter.user).post(
        "/api/v1/links/", json.dumps({"sub_id": "x" * 2000}), content_type="application/json"
    )
    assert response.status_code == 413
    assert response.json() == {
        "error": {"code": "too_large", "message": "The request body is too large."}
    }


# --- Error answers --------------------------------------------------------------------------


def test_every_operation_documents_its_error_answers_with_the_one_component(schema):
    component = "#/components/schemas/ErrorResponse"
    assert schema["components"]["schemas"]["ErrorDetail"]["required"] == ["code", "message"]
    for method, path, operation in operations(schema):
        answers = operation["responses"]
        errors = {code: answer for code, answer in answers.items() if code >= "400"}
        assert "401" in errors, (method, path)
        for code, answer in errors.items():
            assert error_ref(answer) == component, (method, path, code)
        if any(p["in"] == "path" for p in operation.get("parameters", [])):
            assert "404" in errors, (method, path)
        if method != "GET":
            assert {"400", "409", "413"} <= set(errors), (method, path)
        if "requestBody" in operation:
            assert "415" in errors, (method, path)


def test_the_rate_limited_operations_document_429_with_retry_after(schema):
    token = schema["paths"]["/api/v1/auth/token/"]["post"]["responses"]["429"]
    assert token["headers"]["Retry-After"]["schema"]["type"] == "integer"
    webhook = schema["paths"]["/api/v1/webhooks/merchants/{merchant_id}/order-events/"]["post"]
    assert "429" in webhook["responses"]
    assert "429" not in schema["paths"]["/api/v1/links/"]["get"]["responses"]


def test_idempotent_writes_document_the_header_and_422(schema):
    create_link = schema["paths"]["/api/v1/links/"]["post"]
    headers = [p["name"] for p in create_link["parameters"] if p["in"] == "header"]
    assert headers == ["Idempotency-Key"]
    assert "422" in create_link["responses"]
    token = schema["paths"]["/api/v1/auth/token/"]["post"]
    assert "422" not in token["responses"]


@pytest.mark.parametrize(
    "method, path",
    [
        ("get", "/api/v1/no-such-thing/"),
        ("get", "/api/v2/links/"),
        ("post", "/api/v1/links"),
        ("delete", "/api/"),
        ("get", "/api/v1/links/1/nothing/"),
    ],
)
def test_paths_under_api_that_name_no_endpoint_answer_json_404(method, path):
    promoter = factories.PromoterFactory()
    response = getattr(client_for(promoter.user), method)(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert response.json()["error"]["code"] == "not_found"


def test_an_unknown_path_answers_json_404_to_a_write_without_csrf_too():
    # A bearer client sends no CSRF token; Django's CSRF check would answer an HTML 403.
    promoter = factories.PromoterFactory()
    token = str(TokenObtainPairSerializer.get_token(promoter.user).access_token)
    client = Client(enforce_csrf_checks=True, HTTP_AUTHORIZATION=f"Bearer {token}")
    response = client.delete("/api/v1/campaigns/0.5/")
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "not_found"


def test_a_get_without_its_trailing_slash_is_sent_on():
    promoter = factories.PromoterFactory()
    response = client_for(promoter.user).get("/api/v1/links?page=2")
    assert response.status_code == 301
    assert response["Location"] == "/api/v1/links/?page=2"


def test_a_method_an_endpoint_does_not_take_answers_json_405():
    promoter = factories.PromoterFactory()
    response = client_for(promoter.user).delete("/api/v1/balances/")
    assert response.status_code == 405
    assert response.json()["error"]["code"] == "method_not_allowed"


# --- Files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix, media", [("qr.svg", "image/svg+xml"), ("qr.png", "image/png")])
def test_a_file_answers_when_the_client_asks_for_its_media_type(suffix, media, schema):
    declared = schema["paths"][f"/api/v1/links/{{id}}/{suffix}/"]["get"]["responses"]["200"]
    assert set(declared["content"]) == {media}
    promoter = factories.PromoterFactory()
    link = factories.LinkFactory(promoter=promoter)
    client = client_for(promoter.user)

    found = client.get(f"/api/v1/links/{link.pk}/{suffix}/", HTTP_ACCEPT=media)
    assert found.status_code == 200
    assert found["Content-Type"] == media

    missing = client.get(f"/api/v1/links/{link.pk + 1000}/{suffix}/", HTTP_ACCEPT=media)
    assert missing.status_code == 404
    assert missing.json()["error"]["code"] == "not_found"


def test_the_payout_export_is_declared_as_csv(schema):
    for method in ("get", "post"):
        answer = schema["paths"]["/api/v1/payouts/export/"][method]["responses"]["200"]
        assert set(answer["content"]) == {"text/csv"}, method
        assert answer["content"]["text/csv"]["schema"] == {"type": "string", "format": "binary"}


# --- Shapes ---------------------------------------------------------------------------------


def test_orders_have_one_shape_per_role_told_apart_by_shape(schema):
    union = schema["components"]["schemas"]["Order"]
    assert union["discriminator"]["propertyName"] == "shape"
    assert set(union["discriminator"]["mapping"]) == {"merchant", "promoter"}
    shops, promoters = _world()
    merchant_member = factories.MerchantMemberFactory(merchant=shops[0]).user
    components = schema["components"]["schemas"]

    for user, shape, component in [
        (promoters[0].user, "promoter", "PromoterOrder"),
        (merchant_member, "merchant", "MerchantOrder"),
        (factories.AdminFactory(), "merchant", "MerchantOrder"),
    ]:
        client = client_for(user)
        declared = set(components[component]["properties"])
        required = set(components[component]["required"])
        rows = client.get("/api/v1/orders/").json()["results"]
        rows += client.get("/api/v1/sync/orders/").json()["results"]
        rows.append(client.get(f"/api/v1/orders/{rows[0]['id']}/").json())
        for row in rows:
            assert row["shape"] == shape
            assert required <= set(row) <= declared, (shape, set(row) ^ declared)


def test_merchants_have_one_shape_per_role_told_apart_by_shape(schema):
    merchant = factories.MerchantFactory()
    member = factories.MerchantMemberFactory(merchant=merchant).user
    components = schema["components"]["schemas"]
    for user, shape, component in [
        (factories.PromoterFactory().user, "public", "MerchantPublic"),
        (member, "member", "MerchantMember"),
    ]:
        row = client_for(user).get(f"/api/v1/merchants/{merchant.pk}/").json()
        assert row["shape"] == shape
        assert set(row) == set(components[component]["properties"])


def test_a_commission_that_earns_has_a_null_invalid_reason(schema):
    _shops, promoters = _world()
    commission = Commission.objects.filter(promoter=promoters[0]).first()
    rows = client_for(promoters[0].user).get("/api/v1/commissions/").json()["results"]
    assert {row["invalid_reason"] for row in rows} == {None}
    orders = client_for(promoters[0].user).get("/api/v1/orders/").json()["results"]
    assert {row["invalid_reason"] for row in orders} == {None}

    Commission.objects.filter(pk=commission.pk).update(
        status=Commission.Status.VOID, invalid_reason=Commission.InvalidReason.FRAUD
    )
    row = client_for(promoters[0].user).get(f"/api/v1/commissions/{commission.pk}/").json()
    assert row["invalid_reason"] == "fraud"
    declared = schema["components"]["schemas"]["Commission"]["properties"]["invalid_reason"]
    assert declared["nullable"] is True
    assert "" not in schema["components"]["schemas"]["InvalidReasonEnum"]["enum"]


def test_free_strings_are_enumerated_and_objects_typed(schema):
    components = schema["components"]["schemas"]
    assert components["RoleEnum"]["enum"] == ["admin", "merchant", "promoter", "none"]
    assert "settlement" in components["BalanceEntryKindEnum"]["enum"]
    upline = components["Promoter"]["properties"]["upline"]
    assert upline["allOf"] == [{"$ref": "#/components/schemas/Upline"}]
    assert components["Upline"]["required"] == ["display_name", "expires_at"]
    for name in ("short_url", "qr_svg_url", "qr_png_url", "target_url"):
        assert components["Link"]["properties"][name]["format"] == "uri", name

    invited = factories.PromoterFactory()
    factories.upline(promoter=invited, upline=factories.PromoterFactory(display_name="Lin"))
    profile = client_for(invited.user).get("/api/v1/promoters/me/").json()
    assert set(profile["upline"]) == {"display_name", "expires_at"}
    assert profile["upline"]["display_name"] == "Lin"


@pytest.mark.parametrize("limit", ["", "1.0", "+5", "0", "501", "ten"])
def test_the_sync_limit_is_a_whole_number_within_its_bounds(limit):
    promoter = factories.PromoterFactory()
    response = client_for(promoter.user).get("/api/v1/sync/orders/", {"limit": limit})
    assert response.status_code == 400
    assert list(response.json()["error"]["fields"]) == ["limit"]


def test_the_sync_limit_takes_its_bounds():
    promoter = factories.PromoterFactory()
    for limit in ("1", "500"):
        response = client_for(promoter.user).get("/api/v1/sync/orders/", {"limit": limit})
        assert response.status_code == 200
