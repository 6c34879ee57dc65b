from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from commissions.services.split import (
    Split,
    highest_rate,
    line_commission,
    split_commission,
)

D = Decimal
FEE = D("10.00")
UPLINES = (D("5.00"), D("2.00"))


def test_worked_example_1_product_rate_no_upline():
    commission = line_commission(amount=D("99.00"), refunded_amount=D("0.00"), rate=D("20.00"))

    split = split_commission(commission=commission, platform_fee_rate=FEE)

    assert split == Split(D("19.80"), D("1.98"), D("0.00"), D("0.00"), D("17.82"))


def test_worked_example_2_highest_campaign_rate_wins():
    rate = highest_rate(D("20.00"), [D("25.00"), D("30.00")])
    commission = line_commission(amount=D("99.00"), refunded_amount=D("0.00"), rate=rate)

    split = split_commission(commission=commission, platform_fee_rate=FEE)

    assert rate == D("30.00")
    assert (split.commission, split.platform_fee, split.promoter) == (
        D("29.70"),
        D("2.97"),
        D("26.73"),
    )


def test_worked_example_3_two_uplines():
    commission = line_commission(amount=D("33.33"), refunded_amount=D("0.00"), rate=D("15.00"))

    split = split_commission(commission=commission, platform_fee_rate=FEE, upline_rates=UPLINES)

    assert split == Split(D("5.00"), D("0.50"), D("0.25"), D("0.10"), D("4.15"))


def test_worked_example_5_half_refund_halves_the_commission():
    before = line_commission(amount=D("99.00"), refunded_amount=D("0.00"), rate=D("20.00"))
    after = line_commission(amount=D("99.00"), refunded_amount=D("49.50"), rate=D("20.00"))

    assert (before, after, before - after) == (D("19.80"), D("9.90"), D("9.90"))


def test_a_product_rate_above_every_campaign_is_kept():
    assert highest_rate(D("40.00"), [D("25.00")]) == D("40.00")
    assert highest_rate(D("12.50"), []) == D("12.50")


def test_refund_beyond_the_amount_leaves_no_negative_commission():
    assert line_commission(amount=D("10.00"), refunded_amount=D("12.00"), rate=D("20")) == D("0.00")


def test_shares_that_round_past_the_commission_are_capped_in_order():
    split = split_commission(
        commission=D("0.01"), platform_fee_rate=D("50.00"), upline_rates=(D("50.00"),)
    )

    assert split == Split(D("0.01"), D("0.01"), D("0.00"), D("0.00"), D("0.00"))


def test_never_more_than_two_upline_levels():
    split = split_commission(
        commission=D("100.00"), platform_fee_rate=FEE, upline_rates=(D("5"), D("2"), D("1"))
    )

    assert (split.upline_level1, split.upline_level2, split.promoter) == (
        D("5.00"),
        D("2.00"),
        D("83.00"),
    )


amounts = st.decimals(min_value=D("0.00"), max_value=D("999999.99"), places=2)
rates = st.decimals(min_value=D("0.00"), max_value=D("100.00"), places=2)


@given(
    amount=amounts,
    refund_share=st.fractions(min_value=0, max_value=1),
    rate=rates,
    fee=rates,
    upline_rates=st.lists(rates, max_size=3),
)
def test_the_split_always_sums_to_the_commission_and_no_part_is_negative(
    amount, refund_share, rate, fee, upline_rates
):
    refunded = (amount * D(refund_share.numerator) / D(refund_share.denominator)).quantize(
        D("0.01"), rounding="ROUND_DOWN"
    )
    commission = line_commission(amount=amount, refunded_amount=refunded, rate=rate)

    split = split_commission(
        commission=commission, platform_fee_rate=fee, upline_rates=upline_rates
    )

    assert sum(split.parts) == split.commission == commission
    assert all(part >= 0 for part in split.parts)
    assert all(part == part.quantize(D("0.01")) for part in split.parts)
    assert commission <= amount


@given(commission=amounts, fee=rates, level1=rates, level2=rates)
def test_no_share_exceeds_its_rate_and_the_promoter_loses_at_most_rounding(
    commission, fee, level1, level2
):
    """With fee + uplines <= 100% (what the merchant constraint allows), every share is at most
    its rate of C rounded once, and the promoter gets its exact remainder less at most the
    three half-cents of rounding."""
    if fee + level1 + level2 > 100:
        fee = max(D("0.00"), D("100.00") - level1 - level2)

    split = split_commission(
        commission=commission, platform_fee_rate=fee, upline_rates=(level1, level2)
    )

    for share, rate in zip(split.parts[:3], (fee, level1, level2), strict=True):
        assert share <= (commission * rate / 100).quantize(D("0.01"), rounding="ROUND_HALF_UP")
    exact_promoter = commission * (100 - fee - level1 - level2) / 100
    assert split.promoter >= exact_promoter - D("0.015")


pytestmark = [pytest.mark.embedded]
