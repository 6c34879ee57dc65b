import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_healthz_reports_database_and_broker(client, settings):
    response = client.get("/healthz")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"]["ok"] is True
    assert body["broker"]["ok"] is True
    expected_mode = "broker" if settings.CELERY_BROKER_URL else "eager"
    assert body["broker"]["mode"] == expected_mode


def test_healthz_is_503_when_the_broker_is_unreachable(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"

    response = client.get("/healthz")

    assert response.status_code == 503
    assert response.json()["broker"] == {
        "ok": False,
        "mode": "broker",
        "error": response.json()["broker"]["error"],
    }
    assert response.json()["status"] == "unavailable"
