"""Recording clicks on the redirect, the hottest path of the platform.

Two recorders, chosen by ALLIANCE_CLICK_RECORDING:

- ``direct``: the redirect decides uniqueness and INSERTs the click before it answers. The
  embedded default, and the choice for a deployment that wants every click in the database
  before the 302 leaves.
- ``batched`` (the default whenever REDIS_URL is set): the redirect only appends the click to
  its process's queue and answers. A thread in each web process drains the queue every
  ALLIANCE_CLICK_FLUSH_MS milliseconds: one Redis pipeline decides uniqueness for the whole
  batch and one multi-row INSERT stores it. A redirect then waits on no network at all, and the
  database takes clicks hundreds of rows per statement instead of one.

The price of ``batched``: a web process killed hard (SIGKILL, out of memory) loses the clicks it
had queued, at most one flush interval's worth (more only while the database refuses batches,
and never more than ALLIANCE_CLICK_QUEUE_MAX). That loss never changes who earns: the click id
carries the link and the click time under a MAC, and attribution reads them from the id when
the row is missing (docs/domain.md, "The click id"). A graceful stop flushes first.

Nothing a visitor sends can make a flush fail: every field is cleaned at capture. A batch the
database refuses for any reason stays queued (bounded) and is retried; a batch refused for the
content of its rows is split until the one bad row is found, logged and dropped. Without Redis
(an outage) clicks are still stored, counted unique and marked ``is_unique_checked=False``.
"""

import atexit
import contextlib
import logging
import os
import re
import threading
import time
from collections import deque
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DataError, IntegrityError, connection, transaction

from .models import Click, ClickIdRefusal, Link, click_id, click_token
from .services import is_bot_agent

logger = logging.getLogger(__name__)


class PendingClick(NamedTuple):
    """A click waiting in the queue, its fields in the order of CLICK_COLUMNS. A named tuple,
    not a dataclass: it is built once per redirect and unpacked into a row, both as fast as a
    plain tuple."""

    id_hex: str
    link_id: int
    created_at: datetime
    ip_hash: str  # the visitor's hash
    user_agent: str
    referer: str
    sub_id: str
    net_hash: str = ""  # the visitor's network; "" while the traffic signals are off
    # None until a flush decides them, and kept once decided, so a batch retried after a
    # refused INSERT keeps its uniqueness.
    is_unique: bool | None = None
    is_unique_checked: bool | None = None


# Column sizes of Click: a value is cut to them at capture, never refused at the flush.
USER_AGENT_MAX = Click._meta.get_field("user_agent").max_length
REFERER_MAX = Click._meta.get_field("referer").max_length
SUB_ID_MAX = Click._meta.get_field("sub_id").max_length

# C0 and C1 control characters (NUL included: PostgreSQL text cannot hold it) and lone
# surrogates (no encoding can write them).
_UNSTORABLE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def clean_text(value: str, max_length: int) -> str:
    """A captured string as the click row can always store it: no control characters or lone
    surrogates, at most `max_length` characters."""
    return _UNSTORABLE.sub("", value)[:max_length]


def clean_header(value: str, max_length: int) -> str:
    """clean_text() for a request header. WSGI hands headers over as bytes decoded as Latin-1;
    a browser's non-ASCII header is UTF-8, so it is decoded again as UTF-8 (invalid bytes
    become U+FFFD) instead of being stored as mojibake."""
    if not value.isascii():
        # A character beyond Latin-1 means the string is text already, not WSGI's bytes.
        with contextlib.suppress(UnicodeEncodeError):
            value = value.encode("latin-1").decode("utf-8", errors="replace")
    return clean_text(value, max_length)


def batched() -> bool:
    return settings.ALLIANCE_CLICK_RECORDING == "batched"


_redis_clients: dict[str, redis.Redis] = {}
# Redis answers a batch in a millisecond; a second means it is down or unreachable, and the
# flush then goes on without it rather than hold the clicks.
REDIS_TIMEOUT_SECONDS = 1.0


def _redis(url: str) -> redis.Redis:
    client = _redis_clients.get(url)
    if client is None:
        client = redis.Redis.from_url(
            url,
            socket_timeout=REDIS_TIMEOUT_SECONDS,
            socket_connect_timeout=REDIS_TIMEOUT_SECONDS,
        )
        _redis_clients[url] = client
    return client


def _seen_key(link_id: int, ip_hash: str) -> str:
    return f"{settings.CACHE_KEY_PREFIX}:click-seen:{link_id}:{ip_hash}"


def first_clicks(pairs: list[tuple[int, str]]) -> tuple[list[bool], bool]:
    """For each (link id, visitor hash), whether it is that visitor's first click on the link
    within ALLIANCE_UNIQUE_CLICK_HOURS, and whether that was checked at all. Redis answers a
    whole batch in one pipeline of SET NX EX; without REDIS_URL the Django cache answers (per
    process on the embedded default). Never raises: when the store cannot answer, every click
    counts as unique, unchecked (best effort, marked on the rows)."""
    window = settings.ALLIANCE_UNIQUE_CLICK_HOURS * 3600
    try:
        if not settings.REDIS_URL:
            return [cache.add(_seen_key(*pair), 1, window) for pair in pairs], True
        pipeline = _redis(settings.REDIS_URL).pipeline(transaction=False)
        for pair in pairs:
            pipeline.set(_seen_key(*pair), 1, nx=True, ex=window)
        return [bool(answer) for answer in pipeline.execute()], True
    except Exception:
        logger.warning(
            "Unique-click store unavailable: %d clicks stored as unique, unchecked",
            len(pairs),
            exc_info=True,
        )
        return [True] * len(pairs), False


def clicks_decide(pending: list[PendingClick], *, links_exist: bool = False) -> list[PendingClick]:
    """Drop clicks of links deleted since the click (unless the caller knows they exist) and
    decide uniqueness for those not decided yet."""
    if not links_exist:
        link_ids = {item.link_id for item in pending}
        live = set(Link.objects.filter(pk__in=link_ids).values_list("pk", flat=True))
        pending = [item for item in pending if item.link_id in live]
    undecided = [index for index, item in enumerate(pending) if item.is_unique is None]
    if not undecided:
        return pending
    answers, checked = first_clicks([(pending[i].link_id, pending[i].ip_hash) for i in undecided])
    decided = list(pending)
    for index, is_unique in zip(undecided, answers, strict=True):
        decided[index] = pending[index]._replace(is_unique=is_unique, is_unique_checked=checked)
    return decided


def clicks_store(pending: list[PendingClick], *, links_exist: bool = False) -> int:
    """Store clicks: decide uniqueness, drop those of links deleted since the click (unless the
    caller knows they exist), INSERT the rest. A click id already stored is skipped, so storing
    a batch twice stores it once. Answers how many rows were written or already there."""
    if not pending:
        return 0
    return clicks_insert(clicks_decide(pending, links_exist=links_exist))


CLICK_COLUMNS = (
    "id", "link_id", "created_at", "ip_hash", "user_agent", "referer", "sub_id", "net_hash",
    "is_unique", "is_unique_checked", "is_bot",
)  # fmt: skip
# One statement for a whole batch, its values passed column by column as arrays: PostgreSQL
# plans it once, and the driver adapts plain lists instead of the ORM compiling every row.
# A new click is never suspicious yet (the click sweep decides later): the columns have no
# database default, so the statement writes their values.
UNNEST_INSERT = (
    f"INSERT INTO {Click._meta.db_table} ({', '.join(CLICK_COLUMNS)}, is_suspicious, suspicion) "
    "SELECT batch.*, false, '' FROM unnest(%s::uuid[], %s::bigint[], %s::timestamptz[], "
    "%s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::varchar[], %s::boolean[], "
    "%s::boolean[], %s::boolean[]) AS batch ON CONFLICT (id) DO NOTHING"
)
# What a row's own content can make the database (or the driver, before sending) refuse: a
# batch failing with one of these is split to find the row. Anything else (connection lost,
# table missing during a deploy, a bug) is about the batch as a whole, which stays queued.
ROW_ERRORS = (DataError, IntegrityError, ValueError, TypeError)


def clicks_insert(decided: list[PendingClick]) -> int:
    """INSERT decided clicks. A row the database refuses for its content is logged and dropped
    (found by halving the batch), the others are stored."""
    rows = [(*item, is_bot_agent(item.user_agent)) for item in decided]
    return _insert_rows(rows)


def _insert_rows(rows: list[tuple]) -> int:
    if not rows:
        return 0
    try:
        if connection.in_atomic_block:
            # Inside a transaction a refused statement would poison it: a savepoint keeps it
            # usable for the halves. In autocommit a failed statement leaves nothing behind.
            with transaction.atomic():
                _insert(rows)
        else:
            _insert(rows)
        return len(rows)
    except ROW_ERRORS as error:
        if len(rows) == 1:
            logger.error(
                "Dropped a click the database refuses: id=%s link=%s (%s: %s)",
                rows[0][0],
                rows[0][1],
                type(error).__name__,
                error,
            )
            return 0
        middle = len(rows) // 2
        return _insert_rows(rows[:middle]) + _insert_rows(rows[middle:])


def _insert(rows: list[tuple]) -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(UNNEST_INSERT, [list(column) for column in zip(*rows, strict=True)])
        return
    Click.objects.bulk_create(
        [Click(**dict(zip(CLICK_COLUMNS, row, strict=True))) for row in rows],
        ignore_conflicts=True,
    )


class ClickQueue:
    """This process's clicks not stored yet, and the thread that stores them."""

    def __init__(self) -> None:
        self.items: deque[PendingClick] = deque()
        self.wakeup = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.flush_lock = threading.Lock()
        self.pid: int | None = None
        # The tests store the queue by calling flush() themselves, on their own connection.
        self.background = True

    def add(self, item: PendingClick) -> None:
        if self.pid != os.getpid() or (self.background and self.thread is None):
            self._start()  # first click in this process, or the first after a fork
        self.items.append(item)
        if len(self.items) >= settings.ALLIANCE_CLICK_FLUSH_BATCH:
            self.wakeup.set()

    def _start(self) -> None:
        with self.flush_lock:
            if self.pid != os.getpid():
                self.pid = os.getpid()
                self.thread = None  # threads do not survive a fork
                self.items.clear()  # a forked child must not store its parent's clicks again
            if self.thread is not None:
                return
            if self.background:
                self.stopping.clear()
                self.thread = threading.Thread(target=self._run, name="click-flusher", daemon=True)
                self.thread.start()

    def _run(self) -> None:
        interval = settings.ALLIANCE_CLICK_FLUSH_MS / 1000
        while not self.stopping.is_set():
            self.wakeup.wait(interval)
            self.wakeup.clear()
            try:
                self.flush()
            except Exception:  # the thread must outlive any one bad flush
                logger.exception("Storing clicks failed; they stay queued")
                # This thread's own connection may be broken: the next flush opens a new one.
                connection.close()
        connection.close()

    def stop(self) -> None:
        """Stop this process's flusher thread (after its current flush) and store the rest."""
        if self.thread is not None:
            self.stopping.set()
            self.wakeup.set()
            self.thread.join(timeout=10)
            self.thread = None
        self.pid = None
        self.flush()

    def flush(self) -> int:
        """Store what is queued now; answer how many clicks were stored. Safe to call from any
        thread: one flush runs at a time, the others wait for it. Whatever fails, the batch
        goes back to the head of the queue (decided uniqueness kept) and the error is raised
        for the caller to log; the next flush retries it."""
        stored = 0
        with self.flush_lock:
            while self.items:
                batch = []
                while self.items and len(batch) < settings.ALLIANCE_CLICK_FLUSH_BATCH:
                    batch.append(self.items.popleft())
                try:
                    batch = clicks_decide(batch)
                    stored += clicks_insert(batch)
                except BaseException:
                    self._requeue(batch)
                    raise
        return stored

    def _requeue(self, batch: list[PendingClick]) -> None:
        self.items.extendleft(reversed(batch))
        excess = len(self.items) - settings.ALLIANCE_CLICK_QUEUE_MAX
        if excess > 0:
            for _ in range(excess):
                self.items.pop()
            logger.error("Click queue full: dropped the %d newest clicks", excess)


queue = ClickQueue()


@atexit.register
def _flush_at_exit() -> None:
    if queue.items and queue.pid == os.getpid():
        try:
            queue.flush()
        except Exception:
            logger.exception("Could not store %d clicks at exit", len(queue.items))


def click_capture(
    *, link_id: int, ip_hash: str, user_agent: str, referer: str, sub_id: str, net_hash: str = ""
) -> str:
    """Record one click and answer its id, the token the store gets back in the URL. Every
    captured field is cleaned here (clean_text), so no visitor input can fail a flush. With
    ``direct`` recording a failure to store is logged, not raised: the visitor still goes on,
    and the id alone still attributes the order."""
    # One clock reading for both: the row keeps microseconds (clicks of one batch keep their
    # order), the id its millisecond, so the id's time is never after the row's.
    nanos = time.time_ns()
    click_uuid = click_id(nanos // 1_000_000)
    item = PendingClick(
        click_uuid.hex,
        link_id,
        _EPOCH + timedelta(microseconds=nanos // 1_000),
        ip_hash,
        clean_header(user_agent, USER_AGENT_MAX),
        clean_header(referer, REFERER_MAX),
        clean_text(sub_id, SUB_ID_MAX),
        net_hash,
    )
    if batched():
        queue.add(item)
    else:
        try:
            # The redirect has just found the link live: no need to look it up again.
            clicks_store([item], links_exist=True)
        except Exception:
            logger.exception("Could not store click %s; its id still attributes", item.id_hex)
    return click_token(link_id=link_id, click_uuid=click_uuid)


def click_id_refused(*, merchant_id: int, order_id: str, click_id: str, reason: str) -> None:
    """Keep the record of an order whose click id failed verification (one per order), and log
    it as one structured line."""
    logger.warning(
        "click_id_refused merchant=%s order_id=%r reason=%s click_id=%r",
        merchant_id,
        order_id,
        reason,
        click_id,
    )
    ClickIdRefusal.objects.bulk_create(
        [
            ClickIdRefusal(
                merchant_id=merchant_id,
                order_id=order_id[:64],
                click_id=click_id[:64],
                reason=reason,
            )
        ],
        ignore_conflicts=True,
    )
