"""One way to move a status: a model's table of allowed moves, a locked read, the move, and the
row that records it, every time.

Each model with a status declares its table of moves once, in `models.py`
(`REVIEW_TRANSITIONS`, `COMMISSION_TRANSITIONS`, ...), and its `StatusTable` beside the service
that moves it (`REVIEW_STATUS` in `alliance/services.py`, `COMMISSION_STATUS`, `PAYOUT_STATUS`,
`STATEMENT_STATUS`, `PRODUCT_IMPORT_STATUS` in `products/imports/run.py`). A service locks the
row, moves it with `table.move(...)`, and says in `record` which row tells the story (an audit
row, a status-change row); a move the table does not allow raises `InvalidTransition` (409
`invalid_transition`) before anything changes. The product import, for example::

    PRODUCT_IMPORT_STATUS = StatusTable(
        moves=PRODUCT_IMPORT_TRANSITIONS,
        refused=gettext_lazy("Cannot move an import from %(old)s to %(new)s."),
    )

    # in the service's transaction, the row locked
    PRODUCT_IMPORT_STATUS.move(
        product_import,
        status,
        record=lambda old: audit_record(
            actor=None, action=f"product_import.{status}", target=product_import,
            old_status=old, status=status,
        ),
    )

A batch moves each row with `save=None` (the caller saves them together) and collects its rows
in `record`, then inserts them in one statement (`commissions.services.commissions`)."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from django.db import models
from django.utils.functional import Promise

from .errors import InvalidTransition


def locked[M: models.Model](model: type[M], pk) -> M:
    """The row `pk` of `model`, read under a row lock held until the transaction ends (no lock
    on SQLite, which serialises writers anyway)."""
    return model._default_manager.select_for_update(of=("self",)).get(pk=pk)


def lock[M: models.Model](obj: M) -> M:
    """Reload `obj` under a row lock (see `locked`)."""
    return locked(type(obj), obj.pk)


@dataclass(frozen=True)
class StatusTable:
    """The moves a model's status field may make, and the answer to any other.

    `moves` maps each status to the statuses it may move to (every status is a key, a final
    one with no moves). `refused` is the message of a refused move, with `%(old)s` and
    `%(new)s`; `refused_from` gives a status its own message and code instead (a paid
    statement is "already paid"). `initial` are the statuses a row without one yet may take
    (a commission computed for the first time); `repeat` lets a row move to the status it
    already has, which is recorded like any move (a commission whose reason changes)."""

    moves: Mapping[str, Collection[str]]
    refused: str | Promise
    refused_from: Mapping[str, tuple[str, str]] = field(default_factory=dict)
    initial: Collection[str] = ()
    repeat: bool = False
    field_name: str = "status"

    def allows(self, old: str, new: str) -> bool:
        if not old:
            return new in self.initial
        if old == new:
            # A table may list a status as its own next one (a redelivered import runs again);
            # `repeat` allows it for every status.
            return self.repeat or new in self.moves.get(old, ())
        return new in self.moves.get(old, ())

    def check(self, obj: models.Model, new: str) -> str:
        """Raise `InvalidTransition` unless `obj` may move to `new`; return its status."""
        old = getattr(obj, self.field_name)
        if self.allows(old, new):
            return old
        if old in self.refused_from:
            message, code = self.refused_from[old]
            raise InvalidTransition(str(message), code=code)
        raise InvalidTransition(str(self.refused) % {"old": old, "new": new})

    def move[M: models.Model](
        self,
        obj: M,
        new: str,
        *,
        record: Callable[[str], object],
        save: Sequence[str] | None = None,
    ) -> str:
        """Move `obj` (locked by the caller) to `new`: check the table, set the field, save it
        with the other fields in `save` (None: the caller saves, a batch), then call
        `record(old_status)` to write the row that records the move. Returns the old status."""
        old = self.check(obj, new)
        setattr(obj, self.field_name, new)
        if save is not None:
            obj.save(update_fields=[self.field_name, *save])
        record(old)
        return old
