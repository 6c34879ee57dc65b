"""The click id proves itself: a token carrying the link and the click time under a MAC."""

import base64
import uuid
from datetime import UTC, datetime

import pytest

from promoters.models import (
    CLICK_TOKEN_LENGTH,
    ClickIdRefusal,
    ClickIdRefused,
    ClickReference,
    click_id,
    click_keys,
    click_reference,
    click_token,
)

pytestmark = [pytest.mark.embedded]

# 2026-11-30 08:15:42.123 UTC
MILLIS = 1_796_026_542_123
CLICKED_AT = datetime(2026, 11, 30, 8, 15, 42, 123000, tzinfo=UTC)


@pytest.fixture
def click_uuid():
    return click_id(MILLIS)


def test_a_token_carries_its_link_and_click_time(click_uuid):
    token = click_token(link_id=4242, click_uuid=click_uuid)

    assert len(token) == CLICK_TOKEN_LENGTH == 48
    assert set(token) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert click_reference(token) == ClickReference(
        click_uuid=click_uuid, link_id=4242, clicked_at=CLICKED_AT
    )


def test_the_click_uuid_is_the_row_key_of_the_uuid7_layout(click_uuid):
    assert click_uuid.version == 7
    assert int.from_bytes(click_uuid.bytes[:6], "big") == MILLIS


def _altered(token: str, byte_index: int) -> str:
    raw = bytearray(base64.urlsafe_b64decode(token))
    raw[byte_index] ^= 0x01
    return base64.urlsafe_b64encode(bytes(raw)).decode()


@pytest.mark.parametrize(
    ("where", "byte_index"),
    [("link id", 6), ("click time", 10), ("random part", 20), ("MAC", 30)],
)
def test_any_altered_byte_is_refused_as_forged(click_uuid, where, byte_index):
    token = click_token(link_id=7, click_uuid=click_uuid)

    with pytest.raises(ClickIdRefused) as refused:
        click_reference(_altered(token, byte_index))

    assert refused.value.reason == "forged"


def test_a_token_signed_with_another_key_is_forged_until_that_key_is_accepted(settings, click_uuid):
    settings.ALLIANCE_CLICK_KEY = "the-old-key"
    old_token = click_token(link_id=7, click_uuid=click_uuid)
    settings.ALLIANCE_CLICK_KEY = "the-new-key"

    with pytest.raises(ClickIdRefused):
        click_reference(old_token)

    settings.ALLIANCE_CLICK_KEY_FALLBACKS = ["the-old-key"]
    assert click_reference(old_token).link_id == 7
    # New ids are signed with the new key only.
    assert click_keys()[0] == b"the-new-key"


def test_rotating_secret_key_keeps_ids_valid_through_secret_key_fallbacks(settings, click_uuid):
    settings.ALLIANCE_CLICK_KEY = ""
    token = click_token(link_id=7, click_uuid=click_uuid)
    old_secret = settings.SECRET_KEY
    settings.SECRET_KEY = "a-brand-new-secret-key-for-the-rotation-test"
    settings.SECRET_KEY_FALLBACKS = [old_secret]

    assert click_reference(token).link_id == 7


def test_old_plain_uuid_ids_still_read_without_link_or_time():
    old = uuid.UUID("01a2022f-2a25-7302-9676-11d10837b9c0")

    for spelling in (old.hex, str(old), old.hex.upper()):
        assert click_reference(spelling) == ClickReference(click_uuid=old)


@pytest.mark.parametrize(
    "value",
    [
        "not-a-uuid",
        "01a2022f2a257302967611d10837b9c",  # one hex digit short
        "x" * 48,  # the token's length, not its content
        "A" * 47 + "=",
        "{01a2022f-2a25-7302-9676-11d10837b9c0}",
        "\x00",
    ],
)
def test_anything_else_is_refused_as_unreadable(value):
    with pytest.raises(ClickIdRefused) as refused:
        click_reference(value)

    assert refused.value.reason == "unreadable"


def test_a_token_of_an_unknown_version_is_unreadable(click_uuid):
    raw = bytearray(base64.urlsafe_b64decode(click_token(link_id=7, click_uuid=click_uuid)))
    raw[0] = 2

    with pytest.raises(ClickIdRefused) as refused:
        click_reference(base64.urlsafe_b64encode(bytes(raw)).decode())

    assert refused.value.reason == "unreadable"


def test_no_id_is_no_reference():
    assert click_reference("") is None
    assert click_reference("  ") is None


@pytest.mark.django_db
def test_the_admin_lists_refused_click_ids_by_reason(client, admin_user, merchant):
    ClickIdRefusal.objects.create(
        merchant=merchant, order_id="F-1", click_id="x" * 48, reason="forged"
    )
    ClickIdRefusal.objects.create(
        merchant=merchant, order_id="F-2", click_id="nope", reason="unreadable"
    )
    client.force_login(admin_user)

    response = client.get("/admin/promoters/clickidrefusal/?reason=forged")

    assert response.status_code == 200
    assert response.context["cl"].result_count == 1
    assert b"F-1" in response.content
