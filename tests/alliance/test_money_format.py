"""No amount shows as -0.00: not in the API, not on pages, not in exports (alliance/money.py)."""

from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from alliance.api.fields import AmountField
from alliance.money import format_money, quantize
from alliance.templatetags.ui import money

from ..payouts.money import fund

D = Decimal


@pytest.mark.parametrize("value", [D("-0.00"), D("-0"), D("-0.004"), "-0.001", -0])
def test_quantize_never_returns_a_negative_zero(value):
    assert str(quantize(value)) == "0.00"


def test_quantize_keeps_real_signs_and_rounds_half_up():
    assert [str(quantize(v)) for v in (D("-0.005"), D("-1.234"), D("0.005"))] == [
        "-0.01",
        "-1.23",
        "0.01",
    ]


def test_exported_and_page_amounts_of_a_negative_zero_read_zero():
    assert format_money(D("-0.00")) == "0.00 CNY"
    with translation.override("en"):
        assert money(D("-0.00")) == "CN¥0.00"
        assert money("-0.001") == "CN¥0.00"
        assert money(D("-1.50")) == "-CN¥1.50"
    with translation.override("zh-hans"):
        assert money(D("-0.00")) == "¥0.00"


def test_the_api_amount_field_never_writes_minus_zero():
    field = AmountField()

    assert [field.to_representation(v) for v in (D("-0.00"), D("-0.001"), D("-2.10"))] == [
        "0.00",
        "0.00",
        "-2.10",
    ]


@pytest.mark.embedded
@pytest.mark.django_db
def test_a_balance_that_sums_to_zero_reads_zero_in_the_api_and_on_the_page(promoter, promoter_api):
    # On SQLite the sum of -0.10, -0.20 and 0.30 comes back as -5.5e-17, i.e. -0.00.
    for amount in ("-0.10", "-0.20", "0.30"):
        fund(promoter, amount)
    page = Client()
    page.force_login(promoter.user)

    balances = promoter_api.get("/api/v1/balances/").json()
    html = page.get("/promoter/payouts/", HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert balances["available"] == "0.00"
    assert "-CN¥0.00" not in html and "-0.00" not in html
    assert "CN¥0.00" in html
