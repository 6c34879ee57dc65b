"""The one way to move a status (alliance.status): a refused move changes nothing and answers
409 invalid_transition, an allowed one saves and writes its row, the read is locked, and every
table names every status of its model."""

import threading

import pytest
from django.db import OperationalError, connection, connections, transaction

from alliance.errors import InvalidTransition
from alliance.models import AuditLog, ReviewStatus
from alliance.services import REVIEW_STATUS, review_move
from alliance.status import StatusTable, lock, locked
from commissions.models import Commission
from commissions.services.commissions import COMMISSION_STATUS
from payouts.models import Payout
from payouts.services.payouts import PAYOUT_STATUS
from products.models import Merchant
from statements.models import Statement
from statements.services import STATEMENT_STATUS

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

DOOR = StatusTable(
    moves={"shut": {"open"}, "open": {"shut", "gone"}, "gone": set()},
    refused="A door cannot move from %(old)s to %(new)s.",
    refused_from={"gone": ("This door is gone.", "door_gone")},
)


class Door:
    def __init__(self, status: str):
        self.status = status


def test_a_refused_move_raises_and_changes_nothing():
    door = Door("shut")
    recorded: list[str] = []

    with pytest.raises(InvalidTransition) as refused:
        DOOR.move(door, "gone", record=recorded.append)

    assert door.status == "shut"
    assert recorded == []
    assert (refused.value.code, refused.value.status_code) == ("invalid_transition", 409)
    assert refused.value.message == "A door cannot move from shut to gone."


def test_a_final_status_can_answer_with_its_own_message_and_code():
    with pytest.raises(InvalidTransition) as refused:
        DOOR.check(Door("gone"), "open")

    assert (refused.value.code, refused.value.message) == ("door_gone", "This door is gone.")
    assert refused.value.status_code == 409


def test_an_allowed_move_sets_the_status_and_records_the_old_one():
    door = Door("open")
    recorded: list[str] = []

    old = DOOR.move(door, "gone", record=recorded.append)

    assert (old, door.status, recorded) == ("open", "gone", ["open"])


def test_a_move_to_the_same_status_or_from_none_follows_the_table_options():
    assert not DOOR.allows("open", "open")
    assert not DOOR.allows("", "open")
    table = StatusTable(moves=DOOR.moves, refused="", initial=("shut",), repeat=True)
    assert table.allows("open", "open")
    assert table.allows("", "shut")
    assert not table.allows("", "gone")


def test_an_allowed_move_saves_the_row_and_writes_the_record(admin_user):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)

    with transaction.atomic():
        review_move(obj=lock(merchant), status=ReviewStatus.APPROVED, reviewer=admin_user)

    merchant.refresh_from_db()
    assert (merchant.status, merchant.reviewed_by) == (ReviewStatus.APPROVED, admin_user)
    entry = AuditLog.objects.get(action="merchant.approve")
    assert entry.data["old_status"] == ReviewStatus.PENDING
    assert entry.data["status"] == ReviewStatus.APPROVED


def test_a_refused_review_writes_nothing(admin_user, django_assert_num_queries):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)

    with django_assert_num_queries(0), pytest.raises(InvalidTransition) as refused:
        review_move(obj=merchant, status=ReviewStatus.SUSPENDED, reviewer=admin_user)

    assert refused.value.message == "Cannot move from pending to suspended."
    assert not AuditLog.objects.exists()


def test_a_batch_move_leaves_the_saving_to_the_caller(django_assert_num_queries):
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)
    recorded: list[str] = []

    with django_assert_num_queries(0):
        REVIEW_STATUS.move(merchant, ReviewStatus.APPROVED, record=recorded.append)

    assert recorded == [ReviewStatus.PENDING]
    assert Merchant.objects.get(pk=merchant.pk).status == ReviewStatus.PENDING


@pytest.mark.parametrize(
    ("table", "statuses"),
    [
        (REVIEW_STATUS, ReviewStatus),
        (COMMISSION_STATUS, Commission.Status),
        (PAYOUT_STATUS, Payout.Status),
        (STATEMENT_STATUS, Statement.Status),
    ],
)
def test_every_status_is_a_key_of_its_table_and_every_move_a_status(table, statuses):
    assert set(table.moves) == set(statuses.values)
    assert set().union(*table.moves.values()) <= set(statuses.values)
    assert set(table.initial) <= set(statuses.values)


@pytest.mark.django_db(transaction=True)
def test_the_locked_read_holds_the_row_until_the_transaction_ends():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers instead of locking rows")
    merchant = factories.MerchantFactory(status=ReviewStatus.PENDING)
    outcome: list[str] = []

    def grab():
        # Another connection, as another request would have.
        try:
            with transaction.atomic():
                Merchant.objects.select_for_update(nowait=True).get(pk=merchant.pk)
            outcome.append("free")
        except OperationalError:
            outcome.append("locked")
        finally:
            connections.close_all()

    with transaction.atomic():
        assert locked(Merchant, merchant.pk).pk == merchant.pk
        during = threading.Thread(target=grab)
        during.start()
        during.join(30)
    after = threading.Thread(target=grab)
    after.start()
    after.join(30)

    assert outcome == ["locked", "free"]
