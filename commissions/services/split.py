"""The commission of one order line and its split. Pure arithmetic on Decimals: no database, so
every rule here is checked for every input by the property tests."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from alliance.money import percent_of, quantize

ZERO = Decimal("0.00")
# Levels of uplines that ever earn on a sale, whatever the settings or the data say.
MAX_UPLINE_LEVELS = 2


@dataclass(frozen=True, slots=True)
class Split:
    """C split into the platform fee F, the uplines' shares U1, U2 and the promoter's P."""

    commission: Decimal
    platform_fee: Decimal
    upline_level1: Decimal
    upline_level2: Decimal
    promoter: Decimal

    @property
    def parts(self) -> tuple[Decimal, Decimal, Decimal, Decimal]:
        return (self.platform_fee, self.upline_level1, self.upline_level2, self.promoter)


def highest_rate(base_rate: Decimal, campaign_rates: Iterable[Decimal]) -> Decimal:
    """The rate of a line: the highest of the product's own rate (or the merchant default) and
    the rates of the campaigns that cover the product, run at paid_at and are open to the
    promoter. The caller chooses those campaigns."""
    return max([base_rate, *campaign_rates])


def line_commission(*, amount: Decimal, refunded_amount: Decimal, rate: Decimal) -> Decimal:
    """C = round(base * rate / 100), base = amount - refunded_amount (never below zero)."""
    base = max(quantize(amount) - quantize(refunded_amount), ZERO)
    return percent_of(base, rate)


def split_commission(
    *, commission: Decimal, platform_fee_rate: Decimal, upline_rates: Sequence[Decimal] = ()
) -> Split:
    """F = round(C * fee / 100); U1, U2 = round(C * rate / 100) for each unexpired upline (the
    caller passes one rate per upline, nearest first); P = C - F - U1 - U2, so the parts always
    sum to C exactly.

    Rounding each share up from half a cent can, on a tiny commission, ask for more than C (fee
    50% and upline 50% of 0.01 both round to 0.01). Then the shares are served in order, fee
    first, each capped by what is left, so no part is ever negative and P takes the rest."""
    commission = quantize(commission)
    remaining = commission
    shares = []
    for rate in (platform_fee_rate, *upline_rates[:MAX_UPLINE_LEVELS]):
        share = min(percent_of(commission, rate), remaining)
        shares.append(share)
        remaining -= share
    fee, *uplines = shares
    uplines += [ZERO] * (MAX_UPLINE_LEVELS - len(uplines))
    return Split(
        commission=commission,
        platform_fee=fee,
        upline_level1=uplines[0],
        upline_level2=uplines[1],
        promoter=remaining,
    )
