"""The one place amounts are quantized and formatted."""

from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("999999999999.99")  # DecimalField(max_digits=14, decimal_places=2)
MAX_RATE = Decimal("100.00")


def quantize(value: Decimal | int | str) -> Decimal:
    """Round to the cent, half up, as every computed line is rounded."""
    return Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(amount: Decimal, rate: Decimal) -> Decimal:
    """`rate` percent of `amount`, rounded once to the cent (rate 12.50 means 12.5%)."""
    return quantize(Decimal(amount) * Decimal(rate) / Decimal(100))


def currency() -> str:
    return settings.ALLIANCE_CURRENCY


def format_money(amount: Decimal) -> str:
    """`99.00 CNY`: every amount shown or exported carries the currency."""
    return f"{quantize(amount)} {currency()}"
