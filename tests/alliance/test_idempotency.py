"""Safe retries (docs/api.md "Safe retries: Idempotency-Key"): a POST sent again with the same
Idempotency-Key gets the first answer and does nothing twice; the same key with another request
is refused; the key is the user's own; answers that mean "did not run" are not kept; records
expire after ALLIANCE_IDEMPOTENCY_TTL_HOURS and are purged by the beat task."""

import csv
import io
import threading
import time
from datetime import timedelta

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.http import StreamingHttpResponse
from django.utils import timezone
from rest_framework.test import APIClient

from alliance import idempotency
from alliance.auth_tokens import TokenObtainPairSerializer
from alliance.models import AuditLog, IdempotencyRecord, ReviewStatus
from alliance.tasks import purge_idempotency_records
from config.celery import app as celery_app
from ledger.models import LedgerTransaction
from payouts.models import Payout, PayoutBatch
from payouts.services import payouts as payout_services
from products.models import ProductImport
from promoters import services as promoter_services
from promoters.models import Link

from .. import factories
from ..assertions import assert_error
from ..conftest import client_for
from ..payouts.money import D, alipay, bank, fund

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

LINKS = "/api/v1/links/"
PAYOUTS = "/api/v1/payouts/"


def post(client, url, data=None, *, key, **kwargs):
    kwargs.setdefault("format", "json")
    return client.post(url, data, HTTP_IDEMPOTENCY_KEY=key, **kwargs)


def bearer(user) -> APIClient:
    client = APIClient()
    access = TokenObtainPairSerializer.get_token(user).access_token
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {access}")
    return client


def test_which_requests_the_header_applies_to():
    assert idempotency.applies_to("POST", "/api/v1/links/")
    assert idempotency.applies_to("post", "/api/v1/payouts/{id}/approve/")
    assert idempotency.applies_to("POST", "/api/v1/payouts/export/")
    assert not idempotency.applies_to("GET", "/api/v1/links/")
    assert not idempotency.applies_to("PATCH", "/api/v1/links/1/")
    assert not idempotency.applies_to("POST", "/api/v1/auth/token/")
    assert not idempotency.applies_to("POST", "/api/v1/auth/token/refresh/")
    assert not idempotency.applies_to("POST", "/api/v1/webhooks/merchants/1/order-events/")
    assert not idempotency.applies_to("POST", "/api/v1/signup/promoter/")
    assert not idempotency.applies_to("POST", "/login/")


def test_a_retried_link_create_answers_the_same_link_and_creates_one(promoter_api, product):
    first = post(promoter_api, LINKS, {"product": product.pk}, key="link-1")
    again = post(promoter_api, LINKS, {"product": product.pk}, key="link-1")

    assert first.status_code == 201, first.content
    assert "Idempotent-Replayed" not in first
    assert again.status_code == 201
    assert again["Idempotent-Replayed"] == "true"
    assert again.content == first.content
    assert again["Content-Type"] == first["Content-Type"] == "application/json"
    assert again.json()["id"] == first.json()["id"]
    assert Link.objects.count() == 1
    record = IdempotencyRecord.objects.get()
    assert (record.key, record.method, record.path, record.status_code) == (
        "link-1",
        "POST",
        LINKS,
        201,
    )


def test_without_a_key_every_post_runs(promoter_api, product):
    post_plain = promoter_api.post(LINKS, {"product": product.pk}, format="json")
    post_again = promoter_api.post(LINKS, {"product": product.pk}, format="json")

    assert post_plain.json()["id"] != post_again.json()["id"]
    assert Link.objects.count() == 2
    assert not IdempotencyRecord.objects.exists()


def test_a_retried_payout_request_makes_one_payout_and_moves_money_once(promoter, promoter_api):
    fund(promoter, "100.00")
    method = alipay(promoter)
    body = {"amount": "60.00", "method": method.pk}
    postings_before = LedgerTransaction.objects.count()

    first = post(promoter_api, PAYOUTS, body, key="payout-1")
    postings_after_first = LedgerTransaction.objects.count()
    again = post(promoter_api, PAYOUTS, body, key="payout-1")

    assert first.status_code == 201, first.content
    assert (again.status_code, again.content) == (201, first.content)
    assert again["Idempotent-Replayed"] == "true"
    assert Payout.objects.filter(promoter=promoter).count() == 1
    assert AuditLog.objects.filter(action="payout.request").count() == 1
    assert LedgerTransaction.objects.count() == postings_after_first
    assert postings_after_first - postings_before <= 1


def test_the_same_key_with_another_body_is_refused_and_creates_nothing(promoter_api, product):
    other = factories.ProductFactory(merchant=product.merchant)
    first = post(promoter_api, LINKS, {"product": product.pk}, key="k")

    refused = post(promoter_api, LINKS, {"product": other.pk}, key="k")

    assert first.status_code == 201
    assert_error(refused, 422, code="idempotency_key_reused")
    assert "Idempotent-Replayed" not in refused
    assert Link.objects.count() == 1
    # Another path or query string is another request too.
    assert_error(post(promoter_api, "/api/v1/channels/", {"name": "x"}, key="k"), 422)
    assert_error(post(promoter_api, f"{LINKS}?x=1", {"product": product.pk}, key="k"), 422)
    assert Link.objects.count() == 1


@pytest.mark.parametrize(
    "key",
    ["", "x" * 256, "tab\tinside", "new\nline", "with space", "caf\u00e9", "del\x7f"],
    ids=["empty", "too-long", "tab", "newline", "space", "non-ascii", "del"],
)
def test_a_malformed_key_is_a_400_and_nothing_runs(promoter_api, product, key):
    response = post(promoter_api, LINKS, {"product": product.pk}, key=key)

    assert_error(response, 400, code="invalid_idempotency_key")
    assert Link.objects.count() == 0
    assert not IdempotencyRecord.objects.exists()


def test_the_longest_and_widest_keys_are_accepted(promoter_api, product):
    longest = "k" * 255
    widest = "".join(chr(code) for code in range(0x21, 0x7F))

    for key in (longest, widest):
        assert post(promoter_api, LINKS, {"product": product.pk}, key=key).status_code == 201
        assert post(promoter_api, LINKS, {"product": product.pk}, key=key).status_code == 201

    assert Link.objects.count() == 2
    assert set(IdempotencyRecord.objects.values_list("key", flat=True)) == {longest, widest}


def test_keys_are_each_users_own(promoter_api, other_promoter_api, product):
    mine = post(promoter_api, LINKS, {"product": product.pk}, key="shared")
    theirs = post(other_promoter_api, LINKS, {"product": product.pk}, key="shared")

    assert mine.status_code == theirs.status_code == 201
    assert "Idempotent-Replayed" not in theirs
    assert mine.json()["id"] != theirs.json()["id"]
    assert Link.objects.count() == 2
    # And another user's key with another body is not "reused": it is simply not theirs.
    other = factories.ProductFactory(merchant=product.merchant)
    third = post(
        client_for(factories.PromoterFactory().user), LINKS, {"product": other.pk}, key="shared"
    )
    assert third.status_code == 201


def test_a_refusal_is_kept_and_replayed_as_it_was(promoter, promoter_api):
    method = alipay(promoter)
    body = {"amount": "60.00", "method": method.pk}
    refused = post(promoter_api, PAYOUTS, body, key="too-early")
    assert_error(refused, 400, code="insufficient_balance", fields={"amount"})

    fund(promoter, "100.00")
    again = post(promoter_api, PAYOUTS, body, key="too-early")

    assert again["Idempotent-Replayed"] == "true"
    assert (again.status_code, again.content) == (400, refused.content)
    assert not Payout.objects.exists()
    # A new key is a new request, which the balance now allows.
    assert post(promoter_api, PAYOUTS, body, key="funded").status_code == 201


def test_a_401_is_not_kept(product):
    anonymous = post(APIClient(), LINKS, {"product": product.pk}, key="anon")
    broken = APIClient()
    broken.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")

    assert_error(anonymous, 401)
    assert_error(post(broken, LINKS, {"product": product.pk}, key="anon"), 401)
    assert not IdempotencyRecord.objects.exists()


def test_a_403_is_not_kept_so_the_retry_runs(promoter, product):
    """A suspended promoter is refused by the account status check (403); once reinstated, the
    same request with the same key runs."""
    promoter.status = ReviewStatus.SUSPENDED
    promoter.save()
    client = bearer(promoter.user)

    assert_error(post(client, LINKS, {"product": product.pk}, key="k"), 403)
    assert not IdempotencyRecord.objects.exists()

    promoter.status = ReviewStatus.APPROVED
    promoter.save()
    retried = post(client, LINKS, {"product": product.pk}, key="k")

    assert retried.status_code == 201, retried.content
    assert "Idempotent-Replayed" not in retried
    assert Link.objects.count() == 1


def test_a_403_from_the_view_is_not_kept_so_the_retry_runs(promoter, promoter_api):
    """Signed in, but the service refuses a promoter that is not approved (403): once it is,
    the same request with the same key runs."""
    fund(promoter, "100.00")
    body = {"amount": "60.00", "method": alipay(promoter).pk}
    promoter.status = ReviewStatus.SUSPENDED
    promoter.save()

    assert_error(post(promoter_api, PAYOUTS, body, key="k"), 403, code="promoter_not_approved")
    assert not IdempotencyRecord.objects.exists()

    promoter.status = ReviewStatus.APPROVED
    promoter.save()
    retried = post(promoter_api, PAYOUTS, body, key="k")

    assert retried.status_code == 201, retried.content
    assert "Idempotent-Replayed" not in retried
    assert Payout.objects.count() == 1


def test_a_429_is_not_kept(promoter_api, product, monkeypatch):
    from rest_framework.throttling import BaseThrottle

    class Closed(BaseThrottle):
        def allow_request(self, request, view):
            return False

        def wait(self):
            return 30

    from promoters.api.views import LinkViewSet

    monkeypatch.setattr(LinkViewSet, "throttle_classes", [Closed])
    assert post(promoter_api, LINKS, {"product": product.pk}, key="k").status_code == 429
    assert not IdempotencyRecord.objects.exists()

    monkeypatch.setattr(LinkViewSet, "throttle_classes", [])
    assert post(promoter_api, LINKS, {"product": product.pk}, key="k").status_code == 201
    assert Link.objects.count() == 1


def test_a_failure_keeps_nothing_it_did_and_the_retry_runs(promoter_api, product, monkeypatch):
    real = promoter_services.link_create

    def create_then_fail(**kwargs):
        real(**kwargs)
        raise RuntimeError("the disk is full")

    monkeypatch.setattr(promoter_services, "link_create", create_then_fail)
    promoter_api.raise_request_exception = False
    failed = post(promoter_api, LINKS, {"product": product.pk}, key="k")

    assert failed.status_code == 500
    assert Link.objects.count() == 0
    assert not IdempotencyRecord.objects.exists()

    monkeypatch.setattr(promoter_services, "link_create", real)
    retried = post(promoter_api, LINKS, {"product": product.pk}, key="k")
    assert retried.status_code == 201
    assert "Idempotent-Replayed" not in retried
    assert Link.objects.count() == 1


def test_a_record_past_its_time_no_longer_replays_and_is_purged(promoter_api, product, settings):
    settings.ALLIANCE_IDEMPOTENCY_TTL_HOURS = 24
    first = post(promoter_api, LINKS, {"product": product.pk}, key="old")
    fresh = post(promoter_api, LINKS, {"product": product.pk}, key="fresh")
    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(hours=24, minutes=1)
    )
    IdempotencyRecord.objects.filter(key="fresh").update(
        created_at=timezone.now() - timedelta(hours=23, minutes=59)
    )

    # Past its time, the key starts afresh even before the purge ran.
    expired = post(promoter_api, LINKS, {"product": product.pk}, key="old")
    assert expired.status_code == 201
    assert "Idempotent-Replayed" not in expired
    assert expired.json()["id"] != first.json()["id"]
    assert post(promoter_api, LINKS, {"product": product.pk}, key="fresh").content == fresh.content

    IdempotencyRecord.objects.filter(key="old").update(
        created_at=timezone.now() - timedelta(hours=30)
    )
    assert purge_idempotency_records.delay().get() == 1
    assert list(IdempotencyRecord.objects.values_list("key", flat=True)) == ["fresh"]

    reused = post(promoter_api, LINKS, {"product": product.pk}, key="old")
    assert reused.status_code == 201
    assert "Idempotent-Replayed" not in reused
    assert Link.objects.count() == 4


def test_the_purge_runs_on_the_beat_schedule():
    entry = django_settings.CELERY_BEAT_SCHEDULE["purge-idempotency-records"]
    assert entry["task"] == purge_idempotency_records.name
    assert entry["task"] in celery_app.tasks


def test_the_payout_export_replays_the_same_file_and_makes_one_batch(admin_api, admin_user):
    for amount in ("50.00", "70.00"):
        promoter = factories.PromoterFactory()
        fund(promoter, "100.00")
        payout = payout_services.payout_request(
            promoter=promoter, method=bank(promoter), amount=D(amount)
        )
        payout_services.payout_approve(payout=payout, reviewer=admin_user)

    first = post(admin_api, f"{PAYOUTS}export/?kind=bank", key="export-1", format=None)
    again = post(admin_api, f"{PAYOUTS}export/?kind=bank", key="export-1", format=None)

    assert first.status_code == 200, first.content
    assert again["Idempotent-Replayed"] == "true"
    assert (again.status_code, again.content) == (200, first.content)
    for header in ("Content-Type", "Content-Disposition", "X-Payout-Batch"):
        assert again[header] == first[header]
    assert len(list(csv.reader(io.StringIO(first.content.decode("utf-8-sig"))))) == 3
    assert PayoutBatch.objects.count() == 1
    # One entry per exported payout, written once.
    assert AuditLog.objects.filter(action="payout.export").count() == 2


def test_a_retried_admin_action_answers_the_first_answer(admin_api, promoter):
    fund(promoter, "100.00")
    payout = payout_services.payout_request(
        promoter=promoter, method=alipay(promoter), amount=D("60.00")
    )
    postings_before = LedgerTransaction.objects.count()

    first = post(admin_api, f"{PAYOUTS}{payout.pk}/approve/", key="approve-1")
    again = post(admin_api, f"{PAYOUTS}{payout.pk}/approve/", key="approve-1")

    assert first.status_code == 200, first.content
    assert first.json()["status"] == "approved"
    assert (again.status_code, again.content) == (200, first.content)
    assert again["Idempotent-Replayed"] == "true"
    assert LedgerTransaction.objects.count() == postings_before + 1
    assert AuditLog.objects.filter(action="payout.approve").count() == 1
    # Without the key, the second approval is the conflict it always was.
    assert_error(admin_api.post(f"{PAYOUTS}{payout.pk}/approve/"), 409, code="invalid_transition")


def test_a_session_user_retries_too(promoter, product):
    client = APIClient()
    client.force_login(promoter.user)

    first = post(client, LINKS, {"product": product.pk}, key="web")
    again = post(client, LINKS, {"product": product.pk}, key="web")

    assert first.status_code == 201, first.content
    assert again["Idempotent-Replayed"] == "true"
    assert Link.objects.count() == 1
    assert IdempotencyRecord.objects.get().user == promoter.user


def test_an_upload_larger_than_the_in_memory_limit_is_fingerprinted_and_replayed(
    merchant_api, settings
):
    """An upload may exceed DATA_UPLOAD_MAX_MEMORY_SIZE (only file parts may): the body is
    hashed while it is copied aside, and the view still reads the whole file."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    rows = [["sku", "title", "url", "price"]] + [
        [f"SKU-{n}", f"Product {n}", f"https://shop.example/{n}", "9.90"] for n in range(100)
    ]
    buffer = io.StringIO(newline="")
    csv.writer(buffer).writerows(rows)
    content = buffer.getvalue().encode()
    assert len(content) > 4 * 1024

    def upload(name):
        return merchant_api.post(
            "/api/v1/product-imports/",
            {"file": SimpleUploadedFile(name, content)},
            format="multipart",
            HTTP_IDEMPOTENCY_KEY="upload-1",
        )

    first = upload("catalog.csv")
    again = upload("catalog.csv")
    other_name = upload("renamed.csv")

    assert first.status_code in {201, 202}, first.content
    assert again.content == first.content
    assert again["Idempotent-Replayed"] == "true"
    assert_error(other_name, 422, code="idempotency_key_reused")
    assert ProductImport.objects.count() == 1
    assert bytes(ProductImport.objects.get().content) == content


@pytest.mark.django_db(transaction=True)
def test_work_enqueued_on_commit_runs_after_the_kept_answer(merchant, merchant_api):
    """The answer is kept in the request's transaction, so work enqueued for after the commit
    runs after it, even in-process: an upload with a key answers its import `pending` (without
    a key, tasks in-process have finished it by the answer)."""

    def upload(sku, **headers):
        content = f"sku,title,url,price\n{sku},T,https://e.com/e,4.5\n".encode()
        return merchant_api.post(
            "/api/v1/product-imports/",
            {"file": SimpleUploadedFile("one.csv", content)},
            format="multipart",
            **headers,
        )

    keyed = upload("E-1", HTTP_IDEMPOTENCY_KEY="import-1")
    plain = upload("E-2")

    assert keyed.status_code == plain.status_code == 202, keyed.content
    assert keyed.json()["status"] == "pending"
    assert plain.json()["status"] == "succeeded"
    assert set(ProductImport.objects.values_list("status", flat=True)) == {"succeeded"}
    assert set(merchant.products.values_list("sku", flat=True)) == {"E-1", "E-2"}


def test_admins_read_the_records_without_their_bodies(promoter_api, product, client):
    code = post(promoter_api, LINKS, {"product": product.pk}, key="seen-in-admin").json()["code"]
    record = IdempotencyRecord.objects.get()
    client.force_login(factories.AdminFactory(is_superuser=True))

    listing = client.get("/admin/alliance/idempotencyrecord/")
    detail = client.get(f"/admin/alliance/idempotencyrecord/{record.pk}/change/")

    assert listing.status_code == detail.status_code == 200
    assert b"seen-in-admin" in listing.content
    assert code.encode() in bytes(record.body)
    assert b"field-fingerprint" in detail.content
    assert b"field-body" not in detail.content
    assert b"field-headers" not in detail.content
    assert b'name="_save"' not in detail.content
    assert client.get("/admin/alliance/idempotencyrecord/add/").status_code == 403


def test_a_streaming_answer_is_stored_as_its_bytes():
    response = StreamingHttpResponse(iter([b"a,b\n", b"1,2\n"]), content_type="text/csv")

    stored = idempotency._content(response)

    assert stored == b"a,b\n1,2\n"
    assert b"".join(response.streaming_content) == stored


@pytest.mark.django_db(transaction=True)
def test_a_concurrent_duplicate_waits_for_the_first_and_replays_it(monkeypatch):
    """Two connections at once: the first holds its transaction open inside the view while the
    second sends the same key; the second waits on the unique index, then replays."""
    if connection.vendor != "postgresql":
        pytest.skip("the wait on the unique index is PostgreSQL's")
    promoter = factories.PromoterFactory()
    product = factories.ProductFactory()
    real = promoter_services.link_create
    inside, release = threading.Event(), threading.Event()

    def create_and_hold(**kwargs):
        link = real(**kwargs)
        if not inside.is_set():
            inside.set()
            release.wait(30)
        return link

    monkeypatch.setattr(promoter_services, "link_create", create_and_hold)
    answers = {}

    def send(name):
        try:
            answers[name] = post(client_for(promoter.user), LINKS, {"product": product.pk}, key="k")
        finally:
            connection.close()

    first = threading.Thread(target=send, args=("first",))
    first.start()
    assert inside.wait(30)
    second = threading.Thread(target=send, args=("second",))
    second.start()
    waiting = wait_for_a_lock_on("alliance_idempotencyrecord")
    release.set()
    first.join(30)
    second.join(30)

    assert waiting, "the duplicate never waited on the first request's record"
    assert answers["first"].status_code == 201, answers["first"].content
    assert "Idempotent-Replayed" not in answers["first"]
    assert answers["second"]["Idempotent-Replayed"] == "true"
    assert answers["second"].content == answers["first"].content
    assert Link.objects.count() == 1
    assert IdempotencyRecord.objects.count() == 1


def wait_for_a_lock_on(table: str, seconds: float = 30) -> bool:
    """Whether another backend is seen waiting on a lock while running a statement on `table`
    within `seconds` (polled from this connection)."""
    deadline = time.monotonic() + seconds
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND wait_event_type = 'Lock' AND query LIKE %s",
                [f"%{table}%"],
            )
            if cursor.fetchone()[0]:
                return True
            time.sleep(0.01)
    return False
