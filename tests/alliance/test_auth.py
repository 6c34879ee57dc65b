import pytest

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_mobile_client_gets_jwt_and_sees_its_role(api, promoter):
    response = api.post(
        "/api/v1/auth/token/",
        {"username": promoter.user.username, "password": factories.PASSWORD},
        format="json",
    )
    assert response.status_code == 200
    tokens = response.json()

    api.credentials(HTTP_AUTHORIZATION=f"Bearer {tokens['access']}")
    me = api.get("/api/v1/auth/me/").json()

    assert me == {
        "id": promoter.user.pk,
        "username": promoter.user.username,
        "role": "promoter",
        "merchant_id": None,
        "promoter_id": promoter.pk,
    }
    refreshed = api.post(
        "/api/v1/auth/token/refresh/", {"refresh": tokens["refresh"]}, format="json"
    )
    assert refreshed.status_code == 200 and "access" in refreshed.json()


def test_wrong_password_is_401_with_the_error_shape(api, promoter):
    response = api.post(
        "/api/v1/auth/token/",
        {"username": promoter.user.username, "password": "wrong"},
        format="json",
    )

    assert response.status_code == 401
    assert set(response.json()["error"]) >= {"code", "message"}


def test_anonymous_api_request_is_401(api):
    response = api.get("/api/v1/products/")

    assert response.status_code == 401
    assert response.json()["error"]["code"] == "not_authenticated"


def test_session_auth_works_for_the_browser(client, merchant_owner):
    client.force_login(merchant_owner)

    assert client.get("/api/v1/auth/me/").json()["role"] == "merchant"


def test_schema_and_docs_are_served(client):
    schema = client.get("/api/schema/")
    docs = client.get("/api/docs/")

    assert schema.status_code == 200 and b"/api/v1/links/" in schema.content
    assert docs.status_code == 200


def test_invalid_bearer_token_is_401_with_a_readable_message(api):
    api.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    response = api.get("/api/v1/auth/me/")

    assert response.status_code == 401
    assert response.json() == {
        "error": {"code": "token_not_valid", "message": "Given token not valid for any token type"}
    }
