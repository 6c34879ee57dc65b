"""The one place amounts are quantized and formatted."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # DecimalField(max_digits=14, decimal_places=2)
MAX_RATE = Decimal("100.00")


def without_negative_zero(value: Decimal) -> Decimal:
    """0.00 for -0.00. Decimal keeps the sign of a zero (`-Decimal("0.00")`, a SQLite sum of
    -0.10, -0.20 and 0.30 read back as -5.5e-17), and every formatter would then print it."""
    return value.copy_abs() if value.is_zero() else value


def quantize(value: Decimal | int | str) -> Decimal:
    """Round to the cent, half up, as every computed line is rounded; never -0.00."""
    return without_negative_zero(Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP))


def percent_of(amount: Decimal, rate: Decimal) -> Decimal:
    """`rate` percent of `amount`, rounded once to the cent (rate 12.50 means 12.5%)."""
    return quantize(Decimal(amount) * Decimal(rate) / Decimal(100))


def currency() -> str:
    return settings.ALLIANCE_CURRENCY


def format_money(amount: Decimal) -> str:
    """`99.00 CNY`: every amount shown or exported carries the currency."""
    return f"{quantize(amount)} {currency()}"
