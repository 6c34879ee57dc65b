"""Safe retries: the `Idempotency-Key` header on the API's POSTs (docs/api.md "Safe retries").

A client sends a key of its choosing with a POST; the first answer is stored with the key, and a
retry with the same key and the same request gets that answer again instead of running twice.

How it holds under races: the record is inserted, the view runs and the answer is saved in one
transaction. A duplicate arriving meanwhile inserts the same (user, key) and waits on the unique
index until the first commits (then it fails, reads the committed answer and replays it) or
rolls back (then its own insert goes through and it runs the view itself).
"""

import contextlib
import hashlib
import tempfile

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpResponse
from django.urls import Resolver404, resolve
from django.utils.translation import gettext as _
from rest_framework import exceptions
from rest_framework.renderers import JSONRenderer
from rest_framework.request import Request
from rest_framework.settings import api_settings

from alliance.api.errors import error_body
from alliance.idempotency_records import records_expired_before
from alliance.models import IdempotencyRecord

API_PREFIX = "/api/v1/"

# POSTs that keep their own rules: the token endpoints answer anonymous callers (and rotate a
# refresh token on each call), the order webhook de-duplicates by its webhook-id, and the sign-ups
# are anonymous, so there is no user to scope a key to.
EXCLUDED_PREFIXES = (
    "/api/v1/auth/token/",
    "/api/v1/webhooks/",
    "/api/v1/signup/",
)

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"
KEY_MAX_LENGTH = 255
# The request did not run (401, 403: not allowed; 429: throttled): a retry must run it.
UNSTORED_STATUSES = frozenset({401, 403, 429})
# Recomputed for every answer; cookies are kept apart by HttpResponse and never stored.
UNSTORED_HEADERS = frozenset({"content-length"})
CHUNK_BYTES = 64 * 1024


def applies_to(method: str, path: str) -> bool:
    """Whether an `Idempotency-Key` header is honoured on this method and URL path."""
    if method.upper() != "POST" or not path.startswith(API_PREFIX):
        return False
    return not path.startswith(EXCLUDED_PREFIXES)


def key_is_valid(key: str) -> bool:
    """1 to 255 visible ASCII characters (0x21-0x7E): no spaces, controls or other scripts."""
    return 1 <= len(key) <= KEY_MAX_LENGTH and all("!" <= char <= "~" for char in key)


class _KeyTaken(Exception):
    """Another request holds or held this (user, key): its committed record answers."""


class IdempotencyMiddleware:
    """Answers a retried API POST from the stored first answer (module docstring)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = request.headers.get(HEADER)
        if key is None or not applies_to(request.method, request.path_info):
            return self.get_response(request)
        if not key_is_valid(key):
            return _error(
                400,
                "invalid_idempotency_key",
                _("The Idempotency-Key header holds 1 to 255 visible ASCII characters."),
            )
        with contextlib.ExitStack() as cleanup:
            # Before authentication: the session's CSRF check may parse (so consume) a form body.
            fingerprint = _fingerprint(request, cleanup)
            return self._answer(request, key, fingerprint)

    def _answer(self, request, key: str, fingerprint: str):
        user = _authenticated_user(request)
        if user is None:
            # Not signed in, or refused: the view gives its own 401 or 403, and nothing is kept.
            return self.get_response(request)
        # Twice at most: the second time only if the record that stopped the first attempt was
        # gone by the time it was read (rolled back, or purged at that very moment).
        for _attempt in range(2):
            record = _live_record(user, key)
            if record is not None:
                return _replay(record, fingerprint)
            try:
                return self._run_once(request, user, key, fingerprint)
            except _KeyTaken:
                continue
        return _error(
            409,
            "idempotency_key_in_use",
            _("A request with this Idempotency-Key is in progress; retry it in a moment."),
        )

    def _run_once(self, request, user, key: str, fingerprint: str):
        with transaction.atomic():
            # A record past its time no longer counts: the key starts afresh.
            IdempotencyRecord.objects.filter(
                user=user, key=key, created_at__lt=records_expired_before()
            ).delete()
            try:
                record = IdempotencyRecord.objects.create(
                    user=user,
                    key=key,
                    fingerprint=fingerprint,
                    method=request.method,
                    path=request.path_info[:2000],
                )
            except IntegrityError:
                raise _KeyTaken from None
            response = self.get_response(request)
            if response.status_code >= 500:
                # It failed: nothing it did stays, and a retry runs it again.
                transaction.set_rollback(True)
                return response
            if response.status_code in UNSTORED_STATUSES:
                record.delete()
                return response
            record.status_code = response.status_code
            record.headers = [
                [name, value]
                for name, value in response.items()
                if name.lower() not in UNSTORED_HEADERS
            ]
            record.body = _content(response)
            record.save(update_fields=["status_code", "headers", "body"])
            return response


def _authenticated_user(request):
    """The caller as the API's authentication classes see it, or None when the request is
    anonymous or refused. Leaves the request as it found it for the view's own authentication."""
    if request.resolver_match is None:
        # The account status check reads the route (alliance.api.permissions).
        with contextlib.suppress(Resolver404):
            request.resolver_match = resolve(request.path_info)
    missing = object()
    # DRF's Request also writes the user and token it finds onto the Django request.
    before = {name: request.__dict__.get(name, missing) for name in ("user", "auth")}
    authenticators = [
        authenticator() for authenticator in api_settings.DEFAULT_AUTHENTICATION_CLASSES
    ]
    try:
        user = Request(request, authenticators=authenticators).user
    except exceptions.APIException:
        return None
    finally:
        for name, value in before.items():
            if value is missing:
                request.__dict__.pop(name, None)
            else:
                request.__dict__[name] = value
    return user if user.is_authenticated else None


def _fingerprint(request, cleanup: contextlib.ExitStack) -> str:
    """SHA-256 over the method, path, query string and raw body, each prefixed by its length so
    that one part cannot pass for another. The body is copied aside as it is hashed, and the view
    reads the copy (closed by `cleanup` once the answer is made)."""
    digest = hashlib.sha256()
    for part in (request.method, request.path_info, request.META.get("QUERY_STRING", "")):
        encoded = part.encode("utf-8", "surrogateescape")
        digest.update(b"%d:" % len(encoded) + encoded)
    body_digest = hashlib.sha256()
    size = 0
    if hasattr(request, "_body"):
        body_digest.update(request.body)
        size = len(request.body)
    else:
        # Django reads a body into memory only below DATA_UPLOAD_MAX_MEMORY_SIZE, and an upload
        # may be larger: copy it to a spooled file instead, which the view's parsers then read.
        # In memory up to the size at which Django moves an uploaded file to disk, then on disk.
        spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=settings.FILE_UPLOAD_MAX_MEMORY_SIZE
        )
        copy = cleanup.enter_context(spool)
        while chunk := request.read(CHUNK_BYTES):
            body_digest.update(chunk)
            copy.write(chunk)
            size += len(chunk)
        copy.seek(0)
        request._stream = copy
        request._read_started = False
    digest.update(b"%d:" % size + body_digest.digest())
    return digest.hexdigest()


def _live_record(user, key: str) -> IdempotencyRecord | None:
    return (
        IdempotencyRecord.objects.filter(
            user=user, key=key, created_at__gte=records_expired_before()
        )
        .exclude(status_code=None)
        .first()
    )


def _replay(record: IdempotencyRecord, fingerprint: str) -> HttpResponse:
    if record.fingerprint != fingerprint:
        return _error(
            422,
            "idempotency_key_reused",
            _(
                "This Idempotency-Key was used with another request; "
                "send a new key for a new request."
            ),
        )
    response = HttpResponse(bytes(record.body), status=record.status_code)
    for name, value in record.headers:
        response[name] = value
    response[REPLAYED_HEADER] = "true"
    return response


def _content(response) -> bytes:
    """The answer's body as bytes. A streaming answer is read to the end here, inside the
    transaction, and the client receives the same bytes."""
    if not response.streaming:
        return response.content
    content = b"".join(response.streaming_content)
    response.streaming_content = [content]
    return content


def _error(status_code: int, code: str, message: str) -> HttpResponse:
    return HttpResponse(
        JSONRenderer().render(error_body(code, message)),
        status=status_code,
        content_type="application/json",
    )
