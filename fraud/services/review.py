"""The admin's decisions on many flags at once (docs/fraud.md "Review"): each flag is decided
in its own transaction by flag_clear or flag_confirm, so one flag that cannot be decided (already
decided, gone) is reported and never undoes or stops the others."""

import logging
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from alliance.errors import AllianceError, required_text

from ..models import Flag
from .flags import flag_clear, flag_confirm

logger = logging.getLogger(__name__)

DECISIONS = ("clear", "confirm")
# One admin's selection, at most: a page of the queue is 50; 200 keeps a request's
# transactions (each a few row locks and ledger postings) well inside a request's time.
BULK_MAX = 200
# Control characters other than tab and newline, taken out of a note where it enters (a NUL
# cannot even be stored by PostgreSQL).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def note_clean(value: str) -> str:
    """An admin's note as stored: control characters removed, surrounding spaces trimmed."""
    return _CONTROL.sub("", value or "").strip()


@dataclass
class BulkResult:
    id: int
    ok: bool
    status: str = ""
    code: str = ""
    message: str = ""


def flags_decide(
    *, ids: list[int], decision: str, actor, note: str = "", suspend: bool = False
) -> list[BulkResult]:
    """Clear or confirm each of the flags (at most BULK_MAX), in id order; a confirmation needs
    its note before any flag is touched. Answers one result per distinct id."""
    if decision not in DECISIONS:
        raise AllianceError(_("Choose clear or confirm."), field="decision", code="invalid_choice")
    if decision == "confirm":
        note = required_text(note, field="note", message=_("A reason is required."))
    wanted = sorted(set(ids))
    if not wanted:
        raise AllianceError(_("Select at least one flag."), field="ids", code="ids_required")
    if len(wanted) > BULK_MAX:
        raise AllianceError(
            _("Decide at most %(count)d flags at once.") % {"count": BULK_MAX},
            field="ids",
            code="too_many",
        )
    results = []
    for pk in wanted:
        try:
            with transaction.atomic():
                flag = Flag.objects.get(pk=pk)
                if decision == "clear":
                    flag = flag_clear(flag=flag, actor=actor, note=note)
                else:
                    flag = flag_confirm(flag=flag, actor=actor, note=note, suspend=suspend)
        except Flag.DoesNotExist:
            results.append(
                BulkResult(id=pk, ok=False, code="not_found", message=_("No such flag."))
            )
        except AllianceError as exc:
            results.append(BulkResult(id=pk, ok=False, code=exc.code, message=exc.message))
        except Exception:
            # A database error on one flag (a deadlock during a void) rolls back that flag
            # alone; the others are still decided and every result is answered.
            logger.exception("Deciding fraud flag %s failed", pk)
            results.append(
                BulkResult(
                    id=pk, ok=False, code="error", message=_("This flag could not be decided.")
                )
            )
        else:
            results.append(BulkResult(id=pk, ok=True, status=flag.status))
    return results
