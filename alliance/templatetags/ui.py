"""Template helpers of the dashboards: locale-aware numbers and money, charts.

Numbers and amounts are formatted with Babel for the active language (¥1,234.50 in zh-hans,
CN¥1,234.50 in en); the currency is the platform's one setting (ALLIANCE_CURRENCY)."""

from decimal import Decimal, InvalidOperation

from babel.numbers import format_decimal, format_percent
from django import template
from django.utils.translation import get_language, to_locale

from alliance import charts
from alliance.masking import mask_order_id
from alliance.money import format_money_for_locale

register = template.Library()

# Babel's territory for each language: zh-hans is written in mainland China, where ¥ is the yuan.
LOCALES = {"zh_Hans": "zh_Hans_CN", "en": "en"}


def babel_locale() -> str:
    name = to_locale(get_language() or "en")
    return LOCALES.get(name, name)


def _decimal(value) -> Decimal | None:
    if value is None or value == "":
        return None
    try:
        return Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None


@register.filter
def money(value, code: str = ""):
    """An amount with its currency for the active locale; empty for no value."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return format_money_for_locale(amount, locale=babel_locale(), code=code)


@register.filter
def number(value, digits=None):
    """A count or decimal with the locale's grouping; `digits` fixes the decimal places."""
    amount = _decimal(value)
    if amount is None:
        return ""
    if digits not in (None, ""):
        places = int(digits)
        pattern = "#,##0" + ("." + "0" * places if places else "")
        return format_decimal(amount, format=pattern, locale=babel_locale())
    return format_decimal(amount, locale=babel_locale())


@register.filter
def percent(value, digits: int = 1):
    """A ratio as a percentage: 0.034 -> 3.4%."""
    ratio = _decimal(value)
    if ratio is None:
        return ""
    places = int(digits)
    pattern = "#,##0" + ("." + "#" * places if places else "") + "%"
    return format_percent(ratio, format=pattern, locale=babel_locale())


@register.filter
def rate(value):
    """A commission rate stored as a number of percent: Decimal("12.50") -> 12.5%."""
    amount = _decimal(value)
    if amount is None:
        return ""
    return percent(amount / 100, 2)


@register.filter
def masked_order(order_id) -> str:
    """A merchant's order id as a promoter may see it (alliance.masking.mask_order_id)."""
    return mask_order_id(str(order_id or ""))


@register.simple_tag
def chart(chart_object):
    """An SVG chart with its data table; see alliance.charts."""
    return charts.render(chart_object, number_format=number, money_format=money)


@register.simple_tag(takes_context=True)
def query_with(context, **changes):
    """The current query string with some parameters replaced (None or "" drops one): for
    pagination, sorting and filter links that keep the other filters."""
    query = context["request"].GET.copy()
    for name, value in changes.items():
        if value in (None, ""):
            query.pop(name, None)
        else:
            query[name] = value
    encoded = query.urlencode()
    return f"?{encoded}" if encoded else "?"
