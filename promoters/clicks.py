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

The price of ``batched``: a web process killed hard (SIGKILL, out of memory) loses the clicks of
its last flush interval. A graceful stop (gunicorn's worker recycling, a deploy) flushes first.
A batch the database refuses stays queued and is retried, up to ALLIANCE_CLICK_QUEUE_MAX clicks.
"""

import atexit
import logging
import os
import threading
from collections import deque
from datetime import datetime

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.utils import timezone

from .models import Click, Link, click_id
from .services import is_bot_agent

logger = logging.getLogger(__name__)

# A click waiting in the queue: (id, link id, time, visitor hash, user agent, referer, sub_id).
Pending = tuple[str, int, datetime, str, str, str, str]


def batched() -> bool:
    return settings.ALLIANCE_CLICK_RECORDING == "batched"


_redis_client: redis.Redis | None = None


def _seen_key(link_id: int, ip_hash: str) -> str:
    return f"{settings.CACHE_KEY_PREFIX}:click-seen:{link_id}:{ip_hash}"


def first_clicks(pairs: list[tuple[int, str]]) -> list[bool]:
    """For each (link id, visitor hash), whether it is that visitor's first click on the link
    within ALLIANCE_UNIQUE_CLICK_HOURS. Redis answers a whole batch in one pipeline of SET NX EX;
    without Redis the Django cache answers (per process on the embedded default)."""
    window = settings.ALLIANCE_UNIQUE_CLICK_HOURS * 3600
    if not settings.REDIS_URL:
        return [cache.add(_seen_key(*pair), 1, window) for pair in pairs]
    global _redis_client
    if _redis_client is None:
        _redis_client = redis.Redis.from_url(settings.REDIS_URL)
    pipeline = _redis_client.pipeline(transaction=False)
    for pair in pairs:
        pipeline.set(_seen_key(*pair), 1, nx=True, ex=window)
    return [bool(answer) for answer in pipeline.execute()]


def clicks_store(pending: list[Pending], *, links_exist: bool = False) -> int:
    """Store clicks: decide uniqueness, drop those of links deleted since the click (unless the
    caller knows they exist), INSERT the rest. A click id already stored is skipped, so storing
    a batch twice stores it once."""
    if not pending:
        return 0
    unique = first_clicks([(link_id, ip_hash) for _pk, link_id, _at, ip_hash, *_rest in pending])
    link_ids = {item[1] for item in pending}
    if not links_exist:
        link_ids = set(Link.objects.filter(pk__in=link_ids).values_list("pk", flat=True))
    rows = [
        (pk, link_id, created_at, ip_hash, user_agent, referer, sub_id, is_unique,
         is_bot_agent(user_agent))
        for (pk, link_id, created_at, ip_hash, user_agent, referer, sub_id), is_unique in zip(
            pending, unique, strict=True
        )
        if link_id in link_ids
    ]  # fmt: skip
    _insert(rows)
    return len(rows)


CLICK_COLUMNS = (
    "id", "link_id", "created_at", "ip_hash", "user_agent", "referer", "sub_id", "is_unique",
    "is_bot",
)  # fmt: skip
# One statement for a whole batch, its values passed column by column as arrays: PostgreSQL
# plans it once, and the driver adapts plain lists instead of the ORM compiling every row.
UNNEST_INSERT = (
    f"INSERT INTO {Click._meta.db_table} ({', '.join(CLICK_COLUMNS)}) "
    "SELECT * FROM unnest(%s::uuid[], %s::bigint[], %s::timestamptz[], %s::varchar[], "
    "%s::varchar[], %s::varchar[], %s::varchar[], %s::boolean[], %s::boolean[]) "
    "ON CONFLICT (id) DO NOTHING"
)


def _insert(rows: list[tuple]) -> None:
    if not rows:
        return
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
        self.items: deque[Pending] = deque()
        self.wakeup = threading.Event()
        self.stopping = threading.Event()
        self.thread: threading.Thread | None = None
        self.flush_lock = threading.Lock()
        self.pid: int | None = None
        # The tests store the queue by calling flush() themselves, on their own connection.
        self.background = True

    def add(self, item: Pending) -> None:
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
        thread: one flush runs at a time, the others wait for it."""
        stored = 0
        with self.flush_lock:
            while self.items:
                batch = []
                while self.items and len(batch) < settings.ALLIANCE_CLICK_FLUSH_BATCH:
                    batch.append(self.items.popleft())
                try:
                    stored += clicks_store(batch)
                except (DatabaseError, redis.RedisError):
                    self._requeue(batch)
                    raise
        return stored

    def _requeue(self, batch: list[Pending]) -> None:
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


def click_capture(*, link_id: int, ip_hash: str, user_agent: str, referer: str, sub_id: str) -> str:
    """Record one click and answer its id (hex), the value the store gets back in the URL."""
    pk = click_id().hex
    item = (pk, link_id, timezone.now(), ip_hash, user_agent[:400], referer[:500], sub_id[:64])
    if batched():
        queue.add(item)
    else:
        # The redirect has just found the link live: no need to look it up again.
        clicks_store([item], links_exist=True)
    return pk
