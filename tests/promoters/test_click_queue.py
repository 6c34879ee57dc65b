"""The batched click recorder: what the redirect answers is what the flush stores, once."""

import logging
import time
from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import OperationalError

from promoters import clicks
from promoters.models import Click, click_reference

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


@pytest.fixture(autouse=True)
def batched(settings):
    settings.ALLIANCE_CLICK_RECORDING = "batched"


def follow(client, link):
    return client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")


def test_click_waits_in_the_queue_until_flushed(client, link):
    response = follow(client, link)
    token = parse_qs(urlsplit(response["Location"]).query)["alliance_click"][0]

    assert len(clicks.queue.items) == 1
    assert Click.objects.count() == 0
    assert clicks.queue.flush() == 1
    stored = Click.objects.get()
    assert (stored.token, stored.link_id, stored.is_unique) == (token, link.pk, True)
    assert stored.is_unique_checked is True
    assert not clicks.queue.items


def test_uniqueness_is_decided_per_batch_in_arrival_order(client, link, promoter):
    other = factories.LinkFactory(promoter=promoter)
    for target in (link, link, other, link):
        follow(client, target)

    assert clicks.queue.flush() == 4

    rows = Click.objects.order_by("created_at").values_list("link_id", "is_unique")
    assert list(rows) == [(link.pk, True), (link.pk, False), (other.pk, True), (link.pk, False)]


def test_a_refused_batch_stays_queued_and_is_stored_once_later(client, link, monkeypatch):
    for _ in range(3):
        follow(client, link)

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(clicks, "_insert", database_down)
    with pytest.raises(OperationalError):
        clicks.queue.flush()
    monkeypatch.undo()
    assert len(clicks.queue.items) == 3

    assert clicks.queue.flush() == 3
    assert clicks.queue.flush() == 0
    assert Click.objects.count() == 3


def test_the_queue_is_bounded(client, link, monkeypatch, settings, caplog):
    settings.ALLIANCE_CLICK_QUEUE_MAX = 2
    for _ in range(3):
        follow(client, link)

    def database_down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(clicks, "_insert", database_down)

    with pytest.raises(OperationalError):
        clicks.queue.flush()

    assert len(clicks.queue.items) == 2
    assert "dropped the 1 newest clicks" in caplog.text


def test_click_of_a_link_deleted_before_the_flush_is_dropped(client, link, promoter):
    other = factories.LinkFactory(promoter=promoter)
    follow(client, link)
    follow(client, other)
    other.delete()

    assert clicks.queue.flush() == 1

    assert list(Click.objects.values_list("link_id", flat=True)) == [link.pk]


def test_storing_the_same_batch_twice_stores_it_once(link):
    item = clicks.PendingClick(
        clicks.click_id().hex, link.pk, link.created_at, "v", "Mozilla/5.0", "", ""
    )

    assert clicks.clicks_store([item]) == 1
    clicks.clicks_store([item])

    assert Click.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_flusher_thread_stores_clicks_on_its_own(client, settings):
    """The real path: the first click starts the process's flusher thread, which stores the
    queue on its own database connection within a flush interval."""
    settings.ALLIANCE_CLICK_FLUSH_MS = 50
    link = factories.LinkFactory()
    clicks.queue.background = True
    try:
        response = follow(client, link)
        token = parse_qs(urlsplit(response["Location"]).query)["alliance_click"][0]
        click_uuid = click_reference(token).click_uuid
        deadline = time.monotonic() + 10
        while not Click.objects.filter(pk=click_uuid).exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert Click.objects.filter(pk=click_uuid).exists()
        assert clicks.queue.thread is not None and clicks.queue.thread.is_alive()
    finally:
        clicks.queue.background = False
        clicks.queue.stop()
    assert clicks.queue.thread is None


# --- The flush itself -------------------------------------------------------------------------


def queued(link, user_agent="Mozilla/5.0", sub_id=""):
    """A click put straight into the queue, as if capture had not cleaned it."""
    return clicks.PendingClick(
        clicks.click_id().hex, link.pk, link.created_at, "0" * 32, user_agent, "", sub_id
    )


def test_one_bad_row_is_dropped_and_logged_the_others_are_stored(link, caplog):
    good = [queued(link) for _ in range(6)]
    # Past capture, so only the flush's own guard is left: a lone surrogate, which no database
    # driver can encode (PostgreSQL's would refuse a NUL too; SQLite stores that one).
    bad = queued(link, sub_id="a\ud800b")
    for item in [*good[:3], bad, *good[3:]]:
        clicks.queue.items.append(item)

    with caplog.at_level(logging.ERROR, logger="promoters.clicks"):
        assert clicks.queue.flush() == 6

    assert {pk.hex for pk in Click.objects.values_list("pk", flat=True)} == {
        item.id_hex for item in good
    }
    assert not clicks.queue.items
    assert f"Dropped a click the database refuses: id={bad.id_hex} link={link.pk}" in caplog.text


def test_a_flush_failing_for_any_reason_keeps_the_batch_and_retries_it(client, link, monkeypatch):
    for _ in range(3):
        client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")

    def broken(rows):
        raise RuntimeError("not a database error")

    monkeypatch.setattr(clicks, "_insert", broken)
    with pytest.raises(RuntimeError):
        clicks.queue.flush()
    monkeypatch.undo()

    assert len(clicks.queue.items) == 3
    assert clicks.queue.flush() == 3
    # Uniqueness was decided on the first try and kept: the retry does not see its own keys.
    rows = Click.objects.order_by("created_at").values_list("is_unique", flat=True)
    assert list(rows) == [True, False, False]


def test_a_database_outage_keeps_the_batch_even_when_it_is_split(client, link, monkeypatch):
    for _ in range(4):
        client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")

    def down(rows):
        raise OperationalError("connection refused")

    monkeypatch.setattr(clicks, "_insert", down)
    with pytest.raises(OperationalError):
        clicks.queue.flush()
    monkeypatch.undo()

    assert len(clicks.queue.items) == 4
    assert Click.objects.count() == 0
