"""Sign-ins record the network they came from (docs/fraud.md, self_purchase): the pages' login
and the API's token, one row per user and network, and a failure never stops the sign-in."""

from unittest import mock

import pytest

from fraud.models import Sighting
from promoters.services import visitor_hash

from .. import factories

pytestmark = pytest.mark.django_db


def _rows():
    return list(Sighting.objects.values_list("user_id", "ip_hash"))


def test_a_login_on_the_pages_records_its_network_once(client, promoter):
    credentials = {"username": promoter.user.username, "password": factories.PASSWORD}

    assert client.post("/login/", credentials, REMOTE_ADDR="203.0.113.7").status_code == 302
    first = Sighting.objects.get()
    client.logout()
    client.post("/login/", credentials, REMOTE_ADDR="203.0.113.7")

    assert _rows() == [(promoter.user.pk, visitor_hash("203.0.113.7"))]
    assert Sighting.objects.get().last_seen > first.last_seen


def test_a_token_obtained_on_the_api_records_its_network(api, promoter):
    response = api.post(
        "/api/v1/auth/token/",
        {"username": promoter.user.username, "password": factories.PASSWORD},
        format="json",
        REMOTE_ADDR="198.51.100.4",
    )

    assert response.status_code == 200
    assert _rows() == [(promoter.user.pk, visitor_hash("198.51.100.4"))]


def test_a_failed_login_records_nothing(api, client, promoter):
    wrong = {"username": promoter.user.username, "password": "wrong-password"}
    client.post("/login/", wrong)
    api.post("/api/v1/auth/token/", wrong, format="json")

    assert _rows() == []


def test_a_sighting_that_cannot_be_written_does_not_stop_the_sign_in(api, promoter):
    with mock.patch(
        "fraud.services.sightings.sighting_record", side_effect=RuntimeError("disk full")
    ):
        response = api.post(
            "/api/v1/auth/token/",
            {"username": promoter.user.username, "password": factories.PASSWORD},
            format="json",
        )

    assert response.status_code == 200
    assert _rows() == []
