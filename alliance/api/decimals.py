"""The pattern of a decimal in the schema (amounts, prices, rates are strings in the API).

drf-spectacular writes `^-?\\d{0,12}(?:\\.\\d{0,2})?$`, which matches "", "-" and "." (refused
by the server) and says nothing of the field's minimum and maximum. The pattern built here
matches exactly the plain decimals DRF's DecimalField accepts for the field:

- an optional sign (`+`, or `-` where the minimum allows it: "-0" passes a minimum of 0),
  digits with an optional point, at least one digit (`12`, `12.`, `.5`, `012.50`);
- at most `max_digits - decimal_places` digits before the point once leading zeros are dropped,
  at most `decimal_places` after it (trailing zeros count: "1.500" is refused);
- within `min_value`/`max_value` when the bound is 0, a whole number, or the most the digits
  allow (every bound the project uses); another bound is left to the server;
- "" too for a nullable field, which reads an empty string as null.

DecimalField also reads exponents ("1e2"), spaces around the number and other scripts'
digits; the pattern leaves those out: they are not how the API writes numbers.
"""

from decimal import Decimal

from rest_framework import serializers

DIGIT = "[0-9]"


def _fraction(places: int | None, digit: str = DIGIT) -> str:
    if places is None:
        return rf"(?:\.{digit}*)?"
    if places == 0:
        return r"\.?"
    return rf"(?:\.{digit}{{0,{places}}})?"


def _point_first(places: int | None, digit: str = DIGIT) -> list[str]:
    """Numbers written from the point on (".5"): none when there are no places."""
    if places == 0:
        return []
    return [rf"\.{digit}+" if places is None else rf"\.{digit}{{1,{places}}}"]


def _below(bound: int) -> str:
    """Whole numbers from 0 to bound - 1, written with their digits (no leading zeros)."""
    text = str(bound)
    width = len(text)
    choices = [DIGIT if width == 2 else f"{DIGIT}{{1,{width - 1}}}"] if width > 1 else []
    for index, limit in enumerate(text):
        lowest = 1 if index == 0 and width > 1 else 0
        if int(limit) > lowest:
            rest = width - index - 1
            tail = {0: "", 1: DIGIT}.get(rest, f"{DIGIT}{{{rest}}}")
            highest = int(limit) - 1
            digit = str(lowest) if highest == lowest else f"[{lowest}-{highest}]"
            choices.append(f"{text[:index]}{digit}{tail}")
    return "|".join(choices)


def _magnitude(bound: Decimal | None, whole: int | None, places: int | None) -> str | None:
    """The unsigned numbers from 0 up to `bound` (None: as many as the digits allow), or None
    when the bound has a shape this module does not write."""
    if whole is not None and places is not None:
        most = Decimal(10) ** whole - Decimal(10) ** -places
        if bound is not None and bound >= most:
            bound = None
    if whole == 0:
        # No digit before the point but zeros, and "0" itself counts one: "0.5", ".5", not "0".
        digit = "0" if bound == 0 else DIGIT
        return "|".join(f"0*{choice}" for choice in _point_first(places, digit)) or None
    whole_digits = f"{DIGIT}+" if whole is None else f"{DIGIT}{{1,{whole}}}"
    if bound is None:
        return "|".join([f"0*{whole_digits}{_fraction(places)}", *_point_first(places)])
    if bound == 0:
        return "|".join([f"0+{_fraction(places, '0')}", *_point_first(places, "0")])
    if bound > 0 and bound == bound.to_integral_value():
        return "|".join(
            [
                f"0*(?:{_below(int(bound))}){_fraction(places)}",
                f"0*{int(bound)}{_fraction(places, '0')}",
                *_point_first(places),
            ]
        )
    return None


def decimal_pattern(field: serializers.DecimalField) -> str:
    whole, places = field.max_whole_digits, field.decimal_places
    maximum = None if field.max_value is None else Decimal(field.max_value)
    minimum = None if field.min_value is None else Decimal(field.min_value)

    positive = _magnitude(maximum, whole, places) if maximum is None or maximum >= 0 else None
    if positive is None:
        positive = _magnitude(None, whole, places)
    branches = [rf"\+?(?:{positive})"]
    if minimum is None or minimum <= 0:
        negative = _magnitude(None if minimum is None else -minimum, whole, places)
        if negative is None:
            negative = _magnitude(None, whole, places)
        branches.append(f"-(?:{negative})")
    number = "|".join(branches)
    optional = "?" if field.allow_null else ""
    return f"^(?:{number}){optional}$"


def decimal_schema(field: serializers.DecimalField) -> dict:
    """The keys that replace drf-spectacular's for a DecimalField written as a string."""
    return {"pattern": decimal_pattern(field), "maxLength": field.MAX_STRING_LENGTH}
