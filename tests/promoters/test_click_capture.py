"""What a visitor sends cannot poison the click recorder: fields are cleaned at capture, odd
codes answer 404, a flush keeps what it could not store and drops only a row the database
refuses, and a Redis outage still stores every click."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import OperationalError

from promoters import clicks
from promoters.models import Click, click_reference

from .. import factories
from .visits import visit

pytestmark = [pytest.mark.django_db, pytest.mark.embedded, pytest.mark.usefixtures("click_mode")]


def token_of(response) -> str:
    return parse_qs(urlsplit(response["Location"]).query)["alliance_click"][0]


def test_a_nul_in_sub_is_removed_and_the_batch_around_it_is_stored(client, link, click_mode):
    """The finding: `?sub=a%00b` made the next flush fail with a ValueError and lose the whole
    batch. Now the NUL is gone at capture and every click of the batch is stored."""
    other = factories.LinkFactory()  # another promoter's click in the same batch
    client.get(f"/t/{other.code}", HTTP_USER_AGENT="Mozilla/5.0")
    response = client.get(f"/t/{link.code}?sub=a%00b", HTTP_USER_AGENT="Mozilla/5.0")
    client.get(f"/t/{other.code}", HTTP_USER_AGENT="Mozilla/5.0")

    assert response.status_code == 302
    assert clicks.queue.flush() == (3 if click_mode == "batched" else 0)
    assert Click.objects.count() == 3
    assert Click.objects.get(link=link).sub_id == "ab"
    assert Click.objects.get(link=link).pk == click_reference(token_of(response)).click_uuid


def test_control_characters_and_lone_surrogates_are_removed_from_every_field(client, link):
    visit(
        client,
        f"/t/{link.code}?sub=g%01r%1Fo%7Fu%C2%85p%ED%A0%80",
        HTTP_USER_AGENT="Mozilla/5.0\x00 (iPhone\x1b[31m)\x7f",
        HTTP_REFERER="https://weibo.com/\x00p\ud800ost",
    )

    click = Click.objects.get()
    assert (click.sub_id, click.user_agent, click.referer) == (
        "group\ufffd\ufffd\ufffd",  # %ED%A0%80 is an encoded surrogate: not UTF-8, replaced
        "Mozilla/5.0 (iPhone[31m)",
        "https://weibo.com/post",
    )


def test_lengths_are_bounded_to_the_columns(client, link):
    visit(
        client,
        f"/t/{link.code}?sub={'s' * 100}",
        HTTP_USER_AGENT="M" * 1000,
        HTTP_REFERER="https://example.com/" + "r" * 1000,
    )

    click = Click.objects.get()
    assert (len(click.sub_id), len(click.user_agent), len(click.referer)) == (64, 400, 500)


def test_a_utf8_header_is_stored_as_the_text_the_browser_sent(client, link):
    # WSGI hands header bytes over decoded as Latin-1; the browser sent UTF-8.
    agent = "Mozilla/5.0 (iPhone) 微信/8.0 Weibo__微博"
    visit(client, f"/t/{link.code}", HTTP_USER_AGENT=agent.encode().decode("latin-1"))

    assert Click.objects.get().user_agent == agent


@pytest.mark.parametrize(
    "path",
    [
        "/t/%00",
        "/t/abc%00def",
        "/t/%FF%FE",
        "/t/%ED%A0%80",
        "/t/" + "a" * 25,
        "/t/%E9%93%BE%E6%8E%A5",
        "/t/a%20b",
        "/t/a.b",
        "/t/%0A",
    ],
)
def test_any_odd_code_answers_404_without_touching_the_database(
    client, db, path, django_assert_num_queries
):
    with django_assert_num_queries(0):
        response = client.get(path, HTTP_USER_AGENT="Mozilla/5.0")

    assert response.status_code == 404
    assert b"Link not found" in response.content


def test_redis_down_still_stores_the_click_as_unique_and_unchecked(
    client, link, settings, promoter_api
):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there

    response = visit(client, f"/t/{link.code}")
    visit(client, f"/t/{link.code}")

    assert response.status_code == 302
    rows = Click.objects.order_by("created_at").values_list("is_unique", "is_unique_checked")
    assert list(rows) == [(True, False), (True, False)]
    listed = promoter_api.get("/api/v1/clicks/").json()["results"]
    assert [(c["is_unique"], c["is_unique_checked"]) for c in listed] == [(True, False)] * 2


def test_redis_back_again_checks_uniqueness_again(client, link, settings):
    redis_url = settings.REDIS_URL
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    visit(client, f"/t/{link.code}")
    settings.REDIS_URL = redis_url

    visit(client, f"/t/{link.code}")

    rows = Click.objects.order_by("created_at").values_list("is_unique_checked", flat=True)
    assert list(rows) == [False, True]


def test_the_database_down_at_capture_still_sends_the_visitor_on_with_a_valid_id(
    client, link, monkeypatch
):
    def down(rows):
        raise OperationalError("connection refused")

    monkeypatch.setattr(clicks, "_insert", down)

    response = client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")

    assert response.status_code == 302
    assert click_reference(token_of(response)).link_id == link.pk
    assert Click.objects.count() == 0
