"""Rate limits and the login lockout: tokens, login pages, the admin login, sign-ups, the
webhook and the redirect (alliance/auth.py)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt

from alliance.auth import LocalCounter
from promoters import clicks
from promoters.models import Click

from .. import factories
from ..assertions import assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

TOKEN = "/api/v1/auth/token/"


@pytest.fixture(autouse=True)
def _frozen_window(monkeypatch):
    """Every request of a test falls in one rate window, whatever the clock says."""
    monkeypatch.setattr("alliance.auth.time.time", lambda: 1_800_000_030.0)


def rates(settings, **changes):
    settings.ALLIANCE_THROTTLE_RATES = {**settings.ALLIANCE_THROTTLE_RATES, **changes}


def token(api, username, password, address="127.0.0.1"):
    return api.post(
        TOKEN, {"username": username, "password": password}, format="json", REMOTE_ADDR=address
    )


def test_failed_token_logins_lock_the_username_out_from_that_address_only(api, promoter):
    username = promoter.user.username
    for _attempt in range(4):
        assert token(api, username, "wrong-password").status_code == 401
    # The fifth failure locks the pair out; then even the right password is refused.
    assert token(api, username, "wrong-password").status_code == 429

    locked = token(api, username, factories.PASSWORD)

    assert_error(locked, 429, code="login_locked")
    assert locked["Retry-After"] == "900"
    # The real user, from its own address, still logs in.
    assert token(api, username, factories.PASSWORD, address="10.0.0.2").status_code == 200


def test_a_lockout_ends_after_the_cool_off(api, promoter):
    username = promoter.user.username
    for _attempt in range(5):
        token(api, username, "wrong-password")
    assert token(api, username, factories.PASSWORD).status_code == 429

    # Sixteen minutes later (the attempts are dated back rather than the clock moved on).
    for attempt in AccessAttempt.objects.all():
        attempt.attempt_time -= timedelta(minutes=16)
        attempt.save()

    assert token(api, username, factories.PASSWORD).status_code == 200


def test_the_login_page_locks_out_with_a_readable_page(client, promoter):
    username = promoter.user.username
    for _attempt in range(4):
        response = client.post("/login/", {"username": username, "password": "wrong-password"})
        assert response.status_code == 200  # the form again, with its error
    client.post("/login/", {"username": username, "password": "wrong-password"})

    response = client.post("/login/", {"username": username, "password": factories.PASSWORD})

    assert response.status_code == 429
    assert response["Retry-After"] == "900"
    assert "Too many failed logins. Try again in 15 minutes." in response.text
    assert "_auth_user_id" not in client.session


def test_the_admin_login_locks_out_too(client, admin_user):
    for _attempt in range(5):
        client.post(
            "/admin/login/", {"username": admin_user.username, "password": "wrong-password"}
        )

    response = client.post(
        "/admin/login/", {"username": admin_user.username, "password": factories.PASSWORD}
    )

    assert response.status_code == 429
    assert "Too many failed logins" in response.text
    assert "_auth_user_id" not in client.session


def test_login_attempts_are_limited_per_address_across_usernames(api, client, settings):
    rates(settings, login="3/min")
    assert token(api, "alice", "x").status_code == 401
    assert client.post("/login/", {"username": "bob", "password": "x"}).status_code == 200
    assert client.post("/admin/login/", {"username": "carol", "password": "x"}).status_code == 200

    over = token(api, "dave", "x")
    page = client.post("/login/", {"username": "erin", "password": "x"})

    assert_error(over, 429, code="throttled")
    assert over["Retry-After"] == "30"
    assert page.status_code == 429
    assert page["Retry-After"] == "30"
    assert "Too many attempts from your network" in page.text
    # Another address is counted on its own.
    assert token(api, "dave", "x", address="10.0.0.9").status_code == 401


def test_token_refresh_is_limited_per_address(api, promoter, settings):
    rates(settings, token_refresh="2/min")
    refresh = token(api, promoter.user.username, factories.PASSWORD).json()["refresh"]
    for _attempt in range(2):
        response = api.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")
        refresh = response.json()["refresh"]

    over = api.post("/api/v1/auth/token/refresh/", {"refresh": refresh}, format="json")

    assert_error(over, 429, code="throttled")


def test_sign_ups_are_limited_per_address_on_the_api_and_the_pages(api, client, settings):
    from alliance.models import User

    rates(settings, signup="2/hour")
    body = {"password": "a-long-enough-secret", "display_name": "Lily"}
    assert (
        api.post("/api/v1/signup/promoter/", {**body, "username": "one"}, format="json")
    ).status_code == 201
    assert (
        client.post("/signup/promoter/", {**body, "username": "two", "fans_count": 0})
    ).status_code == 302

    over_api = api.post("/api/v1/signup/promoter/", {**body, "username": "three"}, format="json")
    over_page = client.post("/signup/promoter/", {**body, "username": "four", "fans_count": 0})

    assert_error(over_api, 429, code="throttled")
    assert over_page.status_code == 429
    assert sorted(User.objects.values_list("username", flat=True)) == ["one", "two"]


def test_webhook_deliveries_are_limited_per_merchant_and_per_address(api, settings):
    rates(settings, webhook_merchant="2/min", webhook_ip="3/min")
    shop, other = factories.MerchantFactory(), factories.MerchantFactory()

    def deliver(merchant, address="10.1.0.1"):
        return api.post(
            f"/api/v1/webhooks/merchants/{merchant.pk}/order-events/",
            "{}",
            content_type="application/json",
            REMOTE_ADDR=address,
        )

    assert [deliver(shop, f"10.1.0.{n}").status_code for n in range(2)] == [401, 401]
    over = deliver(shop, "10.1.0.7")
    assert_error(over, 429, code="throttled")
    assert over["Retry-After"] == "30"
    # Another merchant has its own count; one address sending for many merchants is limited too.
    assert [deliver(other, "10.2.0.1").status_code for _n in range(2)] == [401, 401]
    assert deliver(factories.MerchantFactory(), "10.2.0.1").status_code == 401
    assert deliver(factories.MerchantFactory(), "10.2.0.1").status_code == 429


def test_an_over_limit_visitor_is_redirected_without_recording_a_click(client, link, settings):
    rates(settings, redirect="2/min")
    for _visit in range(2):
        assert client.get(f"/t/{link.code}").status_code == 302
    clicks.queue.flush()
    assert Click.objects.count() == 2

    over = client.get(f"/t/{link.code}")
    clicks.queue.flush()

    assert over.status_code == 302
    assert over["Location"] == link.product.url
    assert Click.objects.count() == 2
    # Another visitor is counted on its own.
    assert client.get(f"/t/{link.code}", REMOTE_ADDR="10.3.0.1").status_code == 302
    clicks.queue.flush()
    assert Click.objects.count() == 3


def test_a_cache_outage_lets_requests_through_uncounted(client, api, link, monkeypatch, settings):
    """The limits live in the cache; when it is down logins still work, uncounted. The
    redirect's limit never asks the cache (it is counted in the process), so it still holds."""
    rates(settings, redirect="1/min", login="1/min")

    def down(key, period):
        raise ConnectionError("cache down")

    monkeypatch.setattr("alliance.auth._count", down)
    visits = [client.get(f"/t/{link.code}") for _visit in range(3)]
    clicks.queue.flush()

    assert [visit.status_code for visit in visits] == [302, 302, 302]
    # The first visit is recorded; the two over the limit go on without a click id.
    assert Click.objects.count() == 1
    assert [visit["Location"] == link.product.url for visit in visits] == [False, True, True]
    assert [token(api, "nobody", "x").status_code for _attempt in range(3)] == [401, 401, 401]


def test_a_login_without_a_request_is_not_counted_or_refused(promoter):
    """The shell, scripts and the test client log in without a request: nothing to lock out."""
    from django.contrib.auth import authenticate

    for _attempt in range(6):
        assert authenticate(username=promoter.user.username, password="wrong-password") is None

    assert authenticate(username=promoter.user.username, password=factories.PASSWORD) == (
        promoter.user
    )
    assert not AccessAttempt.objects.exists()


def test_attempts_during_a_lockout_do_not_extend_it(api, promoter):
    username = promoter.user.username
    for _attempt in range(5):
        token(api, username, "wrong-password")
    locked_at = AccessAttempt.objects.get().attempt_time

    for _attempt in range(3):
        assert token(api, username, "wrong-password").status_code == 429

    attempt = AccessAttempt.objects.get()
    assert (attempt.attempt_time, attempt.failures_since_start) == (locked_at, 5)


def test_the_redirect_counts_in_the_process_and_forgets_past_windows():
    counter = LocalCounter()
    assert [counter.hit("10.0.0.1", scope="redirect", window=7) for _n in range(3)] == [1, 2, 3]
    assert counter.hit("10.0.0.2", scope="redirect", window=7) == 1
    # A new window starts every count again and drops the old window's keys.
    assert counter.hit("10.0.0.1", scope="redirect", window=8) == 1
    assert counter.counts == {"10.0.0.1": 1}


def test_the_redirect_counter_keeps_a_bounded_number_of_addresses(monkeypatch):
    monkeypatch.setattr(LocalCounter, "MAX_KEYS", 2)
    counter = LocalCounter()
    counter.hit("a", scope="redirect", window=1)
    counter.hit("b", scope="redirect", window=1)
    # A third address is let through uncounted rather than growing the table.
    assert [counter.hit("c", scope="redirect", window=1) for _n in range(3)] == [1, 1, 1]
    assert set(counter.counts) == {"a", "b"}
    assert counter.hit("a", scope="redirect", window=1) == 2
