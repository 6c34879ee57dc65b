"""The one place amounts are quantized and formatted.

Every amount shown or written goes through `quantize` (to the cent, half up, never -0.00) and
one of three forms: `amount_text` (`1234.50`: the API, CSV and spreadsheet cells),
`format_money` (`1234.50 CNY`: messages and plain text) and `format_money_for_locale`
(`¥1,234.50`: pages, through the `money` template filter)."""

from decimal import ROUND_HALF_UP, Decimal

from babel.numbers import format_currency
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


def amount_text(amount: Decimal | int | str) -> str:
    """`99.00`: an amount as a machine reads it back, to the cent, without the currency."""
    return f"{quantize(amount):f}"


def format_money(amount: Decimal | int | str) -> str:
    """`99.00 CNY`: an amount in a message or plain text carries the currency."""
    return f"{amount_text(amount)} {currency()}"


def format_money_for_locale(amount: Decimal | int | str, *, locale: str, code: str = "") -> str:
    """`¥1,234.50` (zh_Hans_CN), `CN¥1,234.50` (en): an amount as people of `locale` write
    it, in `code` or the platform's currency. Rounded by quantize before Babel draws it."""
    return format_currency(quantize(amount), code or currency(), locale=locale)
