"""Payout methods: every bad format refused with a field error, accounts masked everywhere,
one default, and a method a payout used is deactivated rather than deleted."""

import pytest
from django.core.exceptions import ValidationError

from alliance.models import AuditLog
from payouts.models import PayoutMethod, mask_account
from payouts.services.methods import method_delete, method_validate
from payouts.services.payouts import payout_request

from ..assertions import assert_error
from .money import D, alipay, bank, fund

pytestmark = pytest.mark.django_db
API = "/api/v1/payout-methods/"


@pytest.mark.embedded
@pytest.mark.parametrize(
    ("fields", "bad_field"),
    [
        ({"kind": "alipay", "account_name": "张三", "account": "12800138000"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": "1380013800"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": "138001380001"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": "+8613800138000"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": "ab@"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": "a b@example.com"}, "account"),
        ({"kind": "alipay", "account_name": "张三", "account": ""}, "account"),
        (
            {"kind": "bank", "account_name": "Li", "account": "12345678901", "bank_name": "ICBC"},
            "account",
        ),
        (
            {"kind": "bank", "account_name": "Li", "account": "1" * 20, "bank_name": "ICBC"},
            "account",
        ),
        (
            {
                "kind": "bank",
                "account_name": "Li",
                "account": "6222-0212-3456",
                "bank_name": "ICBC",
            },
            "account",
        ),
        (
            {"kind": "bank", "account_name": "Li", "account": "622202123456", "bank_name": " "},
            "bank_name",
        ),
        ({"kind": "bank", "account_name": "Li", "account": "622202123456"}, "bank_name"),
        ({"kind": "alipay", "account_name": "", "account": "13800138000"}, "account_name"),
        ({"kind": "alipay", "account_name": "Agent 007", "account": "13800138000"}, "account_name"),
        (
            {"kind": "alipay", "account_name": "=HYPERLINK()", "account": "13800138000"},
            "account_name",
        ),
        ({"kind": "alipay", "account_name": "x" * 101, "account": "13800138000"}, "account_name"),
        ({"kind": "wechat", "account_name": "张三", "account": "13800138000"}, "kind"),
    ],
)
def test_each_bad_format_is_refused_with_its_field(fields, bad_field):
    with pytest.raises(ValidationError) as caught:
        method_validate(**fields)

    assert set(caught.value.message_dict) == {bad_field}


@pytest.mark.embedded
def test_good_input_is_normalised():
    assert method_validate(
        kind="bank", account_name="  Li   Wei ", account=" 6222 0212 3456 7890 ", bank_name="ICBC"
    ) == {
        "kind": "bank",
        "account_name": "Li Wei",
        "account": "6222021234567890",
        "bank_name": "ICBC",
    }
    assert method_validate(
        kind="alipay", account_name="阿卜杜·热合曼", account="138 0013 8000", bank_name="ignored"
    ) == {
        "kind": "alipay",
        "account_name": "阿卜杜·热合曼",
        "account": "13800138000",
        "bank_name": "",
    }
    assert (
        method_validate(kind="alipay", account_name="O'Brien", account="Ab.C@Example.COM")[
            "account"
        ]
        == "Ab.C@example.com"
    )


@pytest.mark.embedded
@pytest.mark.parametrize(
    ("kind", "account", "shown"),
    [
        ("alipay", "13800138000", "138****8000"),
        ("alipay", "abcdef@example.com", "ab***@example.com"),
        ("alipay", "a@example.com", "a***@example.com"),
        ("bank", "6222021234561234", "**** **** **** 1234"),
        ("bank", "622202123456789", "**** **** **** 6789"),
    ],
)
def test_masking(kind, account, shown):
    assert mask_account(kind, account) == shown


def test_the_api_creates_validates_and_masks(promoter, promoter_api):
    response = promoter_api.post(
        API,
        {
            "kind": "bank",
            "account_name": "Li Wei",
            "account": "6222 0212 3456 1234",
            "bank_name": "ICBC",
        },
        format="json",
    )

    assert response.status_code == 201, response.content
    body = response.json()
    assert body["account_masked"] == "**** **** **** 1234"
    assert "account" not in body
    assert body["is_default"] is True  # the first method is the default
    assert PayoutMethod.objects.get().account == "6222021234561234"
    assert AuditLog.objects.filter(action="payout_method.create").count() == 1
    listed = promoter_api.get(API).json()["results"]
    assert [m["account_masked"] for m in listed] == ["**** **** **** 1234"]
    assert "6222021234561234" not in str(promoter_api.get(API).content)


def test_the_api_names_every_bad_field(promoter_api):
    response = promoter_api.post(
        API, {"kind": "bank", "account_name": "007", "account": "12"}, format="json"
    )

    assert_error(
        response, 400, code="validation_error", fields={"account_name", "account", "bank_name"}
    )
    assert not PayoutMethod.objects.exists()


def test_one_default_and_a_new_default_takes_over(promoter, promoter_api):
    first = alipay(promoter)
    second = bank(promoter, is_default=True)

    first.refresh_from_db()
    assert (first.is_default, second.is_default) == (False, True)

    response = promoter_api.patch(f"{API}{first.pk}/", {"is_default": True}, format="json")
    assert response.status_code == 200, response.content
    second.refresh_from_db()
    assert (response.json()["is_default"], second.is_default) == (True, False)

    refused = promoter_api.patch(f"{API}{first.pk}/", {"is_default": False}, format="json")
    assert_error(refused, 400, code="validation_error", fields={"is_default"})


def test_update_is_validated(promoter, promoter_api):
    method = alipay(promoter)

    response = promoter_api.patch(f"{API}{method.pk}/", {"account": "12345"}, format="json")

    assert_error(response, 400, code="validation_error", fields={"account"})
    method.refresh_from_db()
    assert method.account == "13800138000"


def test_an_unused_method_is_deleted_and_the_default_moves(promoter, promoter_api):
    old = alipay(promoter)
    newer = bank(promoter, is_default=True)

    response = promoter_api.delete(f"{API}{newer.pk}/")

    assert response.status_code == 204
    assert not PayoutMethod.objects.filter(pk=newer.pk).exists()
    old.refresh_from_db()
    assert old.is_default


def test_a_method_used_by_a_payout_is_only_deactivated(promoter, promoter_api):
    fund(promoter, "50.00")
    method = alipay(promoter)
    payout = payout_request(promoter=promoter, method=method, amount=D("20.00"))

    response = promoter_api.delete(f"{API}{method.pk}/")

    assert response.status_code == 204
    method.refresh_from_db()
    assert (method.is_active, method.is_default) == (False, False)
    assert promoter_api.get(API).json()["count"] == 0
    payout.refresh_from_db()
    assert payout.method_id == method.pk and payout.account == "13800138000"


def test_deleting_twice_through_the_service_keeps_the_row(promoter):
    fund(promoter, "50.00")
    method = alipay(promoter)
    payout_request(promoter=promoter, method=method, amount=D("20.00"))

    assert method_delete(method=method) is False
    assert PayoutMethod.objects.filter(pk=method.pk, is_active=False).exists()
