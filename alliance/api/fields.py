from datetime import UTC, datetime

from django.http import QueryDict
from django.utils.translation import gettext as _
from rest_framework import serializers
from rest_framework.settings import api_settings

from alliance.money import amount_text, quantize


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A foreign key in a write, looked up only among the rows the requester may use.

    `scope(request)` returns that queryset; an id outside it is answered exactly like an id that
    does not exist, so a client cannot probe other tenants' ids."""

    def __init__(self, *, scope, model, **kwargs):
        self.scope = scope
        # The unscoped queryset only tells the schema generator which model this points at.
        super().__init__(queryset=model.objects.none(), **kwargs)

    def get_queryset(self):
        return self.scope(self.context["request"])


class DateTimeField(serializers.DateTimeField):
    """A moment in the API, written one way everywhere: RFC 3339 in UTC, whole seconds, `Z`
    (`2026-12-02T04:49:08Z`), which every platform's stock ISO 8601 reader takes: Swift's
    `.iso8601` strategy refuses fractions, and DRF's own field wrote the installation's offset
    with microseconds when the moment had them. docs/api.md "Datetimes".

    Microseconds are dropped, not rounded, so the written moment is never later than the stored
    one: sent back as a lower bound (`since=`, `created_after=`) it still includes its row.

    Read as DRF reads it: any ISO 8601 / RFC 3339 moment, with an offset or `Z`, with or without
    fractions; a moment without an offset is a time in TIME_ZONE.

    Every model datetime of a ModelSerializer gets this field (AllianceConfig.ready); declared
    fields and hand-built answers use it by name."""

    def to_representation(self, value):
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = self.to_internal_value(value)
        moment = self.enforce_timezone(value).astimezone(UTC)
        return moment.replace(tzinfo=None).isoformat(timespec="seconds") + "Z"


class WindowDateTimeField(DateTimeField):
    """A moment that opens or closes a window (a coupon's validity, a campaign's run).

    Kept within 1970-2999: no window of this platform needs other moments, and one near year 1
    or 9999 cannot even be converted to UTC."""

    earliest = datetime(1970, 1, 1, tzinfo=UTC)
    latest = datetime(3000, 1, 1, tzinfo=UTC)

    def to_internal_value(self, value):
        moment = super().to_internal_value(value)
        if not self.earliest <= moment < self.latest:
            raise serializers.ValidationError(
                _("Give a moment between 1970 and 2999."), code="out_of_range"
            )
        return moment


class AmountField(serializers.DecimalField):
    """An amount in the API: 14 digits, 2 places, as a string, and never "-0.00"."""

    def __init__(self, **kwargs):
        kwargs.setdefault("max_digits", 14)
        kwargs.setdefault("decimal_places", 2)
        super().__init__(**kwargs)

    def to_representation(self, value):
        # Rounded and written by the platform's one money helper, as pages and exports are.
        if value is None:
            return None
        coerce_to_string = getattr(self, "coerce_to_string", api_settings.COERCE_DECIMAL_TO_STRING)
        return amount_text(value) if coerce_to_string else quantize(value)


class RequiredTextField(serializers.CharField):
    """Text an action's service requires (a reason, a reference). Absent, blank or only spaces
    all reach the service, which refuses them with one code, `<field>_required`: a client sees
    the same code for the same fault whether it left the field out or sent it empty."""

    def __init__(self, **kwargs):
        kwargs.update(required=False, allow_blank=True, default="")
        super().__init__(**kwargs)


def json_types_read_strictly() -> None:
    """Every string field of the API (CharField and its kinds: email, URL, slug, regex, the
    items of a list of strings) reads only a JSON string; every decimal (amounts, prices,
    rates, which the API writes as strings) only a string too; and a boolean in a JSON body
    only `true` or `false`. DRF's own fields also take other types: a string field stored a
    number's text (`0` became `"0"`), a decimal read a float (`0.1`, already inexact), a
    boolean read `0`, `1`, `"yes"` or `"on"`. None of that is what the schema allows, and a
    client that sends it has a bug the API should name, not hide. Query parameters and form
    fields are text by nature: a boolean there still reads `true`/`false` written as text.
    Installed once for the whole process by AllianceConfig.ready, so no serializer can forget
    it. A serializer whose root sets `json_types_lenient = True` keeps DRF's reading: the order
    events stores send (docs/webhooks.md takes an amount "as a string or number", and a store's
    order ids are often numbers)."""
    for field, wanted, always in (
        (serializers.CharField, str, True),
        (serializers.DecimalField, str, True),
        (serializers.BooleanField, bool, False),
    ):
        lenient = field.to_internal_value
        if not getattr(lenient, "strict", False):
            field.to_internal_value = _strictly(lenient, wanted, always)


def _lenient(field) -> bool:
    return getattr(field.root, "json_types_lenient", False)


def _from_json(field) -> bool:
    """Whether the field reads a JSON document (a parsed body), not query parameters or a form,
    which arrive as a QueryDict of text."""
    data = getattr(field.root, "initial_data", None)
    return data is not None and not isinstance(data, QueryDict)


def _strictly(lenient, wanted: type, always: bool):
    def to_internal_value(self, data):
        if not isinstance(data, wanted) and (always or _from_json(self)) and not _lenient(self):
            self.fail("invalid")
        return lenient(self, data)

    to_internal_value.strict = True
    return to_internal_value
