from datetime import UTC

import django_filters
from django import forms
from django_filters.fields import IsoDateTimeField
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

BIGINT_MAX = 2**63 - 1


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(django_filters.NumberFilter):
    """Rows whose foreign key is this id.

    The id is not looked up: an id of a row the requester may not see narrows the (already
    scoped) list to nothing, exactly like an id that does not exist, so a filter cannot be used
    to probe other tenants' ids."""

    field_class = forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)


class UtcIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 moment, handed to the database in UTC: PostgreSQL refuses offsets beyond
    +-15:59 that Python accepts, and a moment too close to year 1 or 9999 to convert is bad
    input, not a crash."""

    def to_python(self, value):
        moment = super().to_python(value)
        if moment is None:
            return None
        try:
            return moment.astimezone(UTC)
        except OverflowError as exc:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from exc


class MomentFilter(django_filters.IsoDateTimeFilter):
    field_class = UtcIsoDateTimeField
