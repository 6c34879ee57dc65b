"""The audit-log API, served by the kernel that owns AuditLog: admins only, filtered by action,
target and actor; each row as the action that wrote it recorded it."""

import pytest

from alliance.audit import audit_record
from payouts.services import payouts as payout_services

from ..assertions import assert_error
from ..payouts.money import D, alipay, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/"


@pytest.fixture
def mine(promoter):
    fund(promoter, "100.00")
    return payout_services.payout_request(
        promoter=promoter, method=alipay(promoter), amount=D("40.00")
    )


def test_the_audit_log_is_for_admins_and_filters(admin_api, promoter_api, admin_user, mine):
    payout_services.payout_approve(payout=mine, reviewer=admin_user)

    body = admin_api.get(f"{API}audit-log/?action=payout.approve").json()

    assert body["count"] == 1
    row = body["results"][0]
    assert (row["target_type"], row["target_id"], row["actor"], row["actor_username"]) == (
        "payouts.payout",
        str(mine.pk),
        admin_user.pk,
        admin_user.username,
    )
    assert row["data"] == {"promoter": mine.promoter_id, "amount": "40.00"}
    assert (
        admin_api.get(f"{API}audit-log/?target_type=payouts.payout&target_id={mine.pk}").json()[
            "count"
        ]
        == 2
    )
    assert admin_api.get(f"{API}audit-log/?actor={admin_user.pk}").json()["count"] == 1
    assert_error(promoter_api.get(f"{API}audit-log/"), 403)


def test_a_system_action_has_no_actor_and_a_merchant_is_refused(admin_api, merchant_api, promoter):
    audit_record(actor=None, action="promoter.approve", target=promoter, reason="checked")

    body = admin_api.get(f"{API}audit-log/?target_type=promoters.promoter").json()

    assert body["count"] == 1
    row = body["results"][0]
    assert (row["action"], row["target_id"], row["actor"], row["actor_username"]) == (
        "promoter.approve",
        str(promoter.pk),
        None,
        None,
    )
    assert row["data"] == {"reason": "checked"}
    assert_error(merchant_api.get(f"{API}audit-log/"), 403)
