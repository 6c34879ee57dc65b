"""The lists' query parameters: filters, search and ordering, each checked as strictly as the
schema declares it (docs/api.md "Lists: pagination, filtering, search, ordering").

A parameter that is sent must be valid: an empty or malformed number, id, boolean, moment or
choice answers 400 `validation_error` naming the parameter instead of being dropped, and the
schema of every parameter is built from the very form field that checks it, so the two cannot
drift apart.
"""

import re
from datetime import UTC
from decimal import Decimal

import django_filters
from django import forms
from django.core.validators import (
    MaxValueValidator,
    MinValueValidator,
    ProhibitNullCharactersValidator,
)
from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_filters.fields import IsoDateTimeField
from django_filters.rest_framework import DjangoFilterBackend
from drf_spectacular.contrib.django_filters import DjangoFilterExtension
from drf_spectacular.plumbing import build_parameter_type
from drf_spectacular.utils import OpenApiParameter
from rest_framework import filters, serializers
from rest_framework.exceptions import ValidationError

from alliance.money import MAX_AMOUNT

BIGINT_MAX = 2**63 - 1
# Longer search text finds nothing more and costs one more OR'ed condition per word.
SEARCH_MAX_LENGTH = 200
# What every amount filter takes: a plain non-negative decimal with at most 2 places, the
# way the API writes amounts ("129.00"), no exponent, no sign, no spaces.
AMOUNT_PATTERN = r"^[0-9]{1,12}(?:\.[0-9]{1,2})?$"


class StrictIntegerField(forms.IntegerField):
    """Digits only: Django's IntegerField also takes "1.0", " 1", "+1" and other scripts'
    digits, which no integer in the schema looks like."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(r"-?[0-9]{1,19}", str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


class IdFilter(django_filters.NumberFilter):
    """Rows whose foreign key is this id.

    The id is not looked up: an id of a row the requester may not see narrows the (already
    scoped) list to nothing, exactly like an id that does not exist, so a filter cannot be used
    to probe other tenants' ids."""

    field_class = StrictIntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(*args, **kwargs)

    def get_max_validator(self):
        return None  # max_value is the bound (django-filter would add 1e50)


class IdParameterField(serializers.IntegerField):
    """An id in the query string of an operation that reads its parameters with a serializer:
    the same rule as IdFilter (digits only, 1 to BIGINT_MAX, sent empty is an error)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", BIGINT_MAX)
        super().__init__(**kwargs)

    def get_value(self, dictionary):
        # DRF reads an empty query value of an optional field as "not given".
        if dictionary.get(self.field_name) == "":
            return ""
        return super().get_value(dictionary)

    def to_internal_value(self, data):
        if not re.fullmatch(r"-?[0-9]{1,19}", str(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


class AmountField(forms.DecimalField):
    """An amount typed the way the API writes them (AMOUNT_PATTERN), up to MAX_AMOUNT."""

    def __init__(self, **kwargs):
        kwargs.update(max_digits=14, decimal_places=2, min_value=Decimal(0), max_value=MAX_AMOUNT)
        super().__init__(**kwargs)

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(AMOUNT_PATTERN, str(value)):
            raise forms.ValidationError(_("Enter an amount such as 129 or 129.50."), code="invalid")
        return super().to_python(value)


class AmountFilter(django_filters.NumberFilter):
    field_class = AmountField

    def get_max_validator(self):
        return None  # AmountField has its own


class StrictBooleanField(forms.Field):
    """`true` or `false`, as a generated client writes a boolean in a query string; anything
    else is an error, not "no filter"."""

    widget = forms.TextInput
    default_error_messages = {"invalid": gettext_lazy("Use true or false.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        try:
            return {"true": True, "false": False}[value]
        except (KeyError, TypeError):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None


class BooleanFilter(django_filters.BooleanFilter):
    field_class = StrictBooleanField


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


class ParameterForm(forms.Form):
    """A filter form where a parameter sent empty is an error unless it is free text: `?status=`
    or `?merchant=` is a client bug, not a request for everything."""

    def clean(self):
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) or name not in self.data:
                continue
            if self.data.get(name) == "":
                self.add_error(
                    name,
                    forms.ValidationError(
                        _("Give a value, or leave the parameter out."), code="blank"
                    ),
                )
        return super().clean()


class FilterSet(django_filters.FilterSet):
    """The base of every list's filters: ids are not looked up (IdFilter), booleans are
    `true`/`false`, moments are ISO 8601, text is bounded by its column's length."""

    FILTER_DEFAULTS = {
        **django_filters.FilterSet.FILTER_DEFAULTS,
        models.BooleanField: {"filter_class": BooleanFilter},
        models.DateTimeField: {"filter_class": MomentFilter},
        models.ForeignKey: {"filter_class": IdFilter},
        models.OneToOneField: {"filter_class": IdFilter},
    }

    @classmethod
    def filter_for_field(cls, field, field_name, lookup_expr=None):
        made = super().filter_for_field(field, field_name, lookup_expr)
        if isinstance(made, django_filters.CharFilter) and getattr(field, "max_length", None):
            made.extra.setdefault("max_length", field.max_length)
        return made

    def get_form_class(self):
        form_class = super().get_form_class()
        return type(form_class.__name__, (ParameterForm, form_class), {})


class FilterBackend(DjangoFilterBackend):
    """django-filter on every list, with this module's FilterSet as the base of the filter sets
    generated from a view's `filterset_fields`."""

    filterset_base = FilterSet


# --- The schema of a filter: read from the form field that checks it ---------------------------


def _bounds(field: forms.Field) -> dict:
    """The tightest of the field's min and max validators."""
    minimums = [v.limit_value for v in field.validators if isinstance(v, MinValueValidator)]
    maximums = [v.limit_value for v in field.validators if isinstance(v, MaxValueValidator)]
    bounds = {}
    if minimums:
        bounds["minimum"] = max(minimums)
    if maximums:
        bounds["maximum"] = min(maximums)
    return bounds


def parameter_schema(field: forms.Field) -> dict | None:
    """The OpenAPI schema of what `field` accepts, or None to keep drf-spectacular's guess."""
    if isinstance(field, AmountField):
        return {"type": "string", "format": "decimal", "pattern": AMOUNT_PATTERN}
    if isinstance(field, StrictBooleanField):
        return {"type": "boolean"}
    if isinstance(field, forms.IntegerField):
        schema = {"type": "integer", **_bounds(field)}
        if max(abs(schema.get("minimum", 0)), abs(schema.get("maximum", 0))) >= 2**31:
            schema["format"] = "int64"
        return schema
    if isinstance(field, forms.DateTimeField):
        return {"type": "string", "format": "date-time"}
    if isinstance(field, forms.ChoiceField):
        return {"type": "string", "enum": [value for value, _label in field.choices if value]}
    if isinstance(field, forms.CharField):
        schema = {"type": "string"}
        if field.max_length is not None:
            schema["maxLength"] = field.max_length
        if any(isinstance(v, ProhibitNullCharactersValidator) for v in field.validators):
            schema["pattern"] = r"^[^\u0000]*$"
        return schema
    return None


class FilterExtension(DjangoFilterExtension):
    """drf-spectacular's reading of django-filter, corrected by the form field each filter
    really validates with (bounds, formats, lengths, choices)."""

    target_class = "alliance.api.filters.FilterBackend"
    priority = 1

    def resolve_filter_field(self, auto_schema, model, filterset_class, field_name, filter_field):
        parameters = super().resolve_filter_field(
            auto_schema, model, filterset_class, field_name, filter_field
        )
        schema = parameter_schema(filter_field.field)
        if schema is not None:
            for parameter in parameters:
                parameter["schema"] = schema
        return parameters


# --- Search -------------------------------------------------------------------------------------


class SearchFilter(filters.SearchFilter):
    """`?search=` on the lists that name `search_fields`, at most SEARCH_MAX_LENGTH characters
    and no control characters (a NUL cannot be sent to PostgreSQL)."""

    def get_search_terms(self, request):
        value = request.query_params.get(self.search_param, "")
        if len(value) > SEARCH_MAX_LENGTH:
            raise ValidationError(
                {
                    self.search_param: [
                        _("Search with at most %(count)d characters.")
                        % {"count": SEARCH_MAX_LENGTH}
                    ]
                }
            )
        if any(ord(character) < 32 for character in value):
            raise ValidationError(
                {self.search_param: [_("Search text cannot hold control characters.")]}
            )
        return super().get_search_terms(request)

    def get_schema_operation_parameters(self, view):
        if not getattr(view, "search_fields", None):
            return []
        return [
            build_parameter_type(
                name=self.search_param,
                schema={
                    "type": "string",
                    "maxLength": SEARCH_MAX_LENGTH,
                    "pattern": r"^[^\u0000-\u001f]*$",
                },
                location=OpenApiParameter.QUERY,
                description=(
                    "Words to look for, case-insensitively, in "
                    + ", ".join(f"`{name}`" for name in view.search_fields)
                    + ": a row matches when each word is in one of them."
                ),
            )
        ]


# --- Ordering -----------------------------------------------------------------------------------


class OrderingFilter(filters.OrderingFilter):
    """`?ordering=` among the view's `ordering_fields` only, several comma-separated, each
    optionally prefixed with `-` for descending. An unknown field answers 400 naming it and the
    allowed ones, instead of being dropped.

    A view maps a public name to what the queryset sorts by in `ordering_sources`
    (`{"commission_rate": "base_rate"}`: an annotation or alias its get_queryset adds). Rows
    equal on every asked field keep the model's own order and then the id, so pages never
    overlap or skip rows."""

    def names(self, view) -> list[str]:
        return list(getattr(view, "ordering_fields", None) or [])

    def get_valid_fields(self, queryset, view, context=None):
        return [(name, name) for name in self.names(view)]

    def get_ordering(self, request, queryset, view):
        # Comma-separated in one parameter, or the parameter repeated (as generated clients
        # send a list), or both.
        given = ",".join(request.query_params.getlist(self.ordering_param))
        if not given:
            return self.get_default_ordering(view)
        allowed = self.names(view)
        terms = given.split(",")
        unknown = [term for term in terms if term.removeprefix("-") not in allowed]
        if not allowed:
            message = _("This list has one order: leave ordering out.")
        elif unknown:
            message = _(
                "Unknown ordering field %(field)s. Order by %(allowed)s; a - before a field "
                "orders by it descending."
            ) % {"field": ", ".join(repr(term) for term in unknown), "allowed": ", ".join(allowed)}
        if not allowed or unknown:
            raise ValidationError({self.ordering_param: [message]})
        return terms

    def filter_queryset(self, request, queryset, view):
        if any(request.query_params.getlist(self.ordering_param)):
            terms = self.get_ordering(request, queryset, view)
            sources = getattr(view, "ordering_sources", {})
            ordering = []
            for term in terms:
                descending, name = term.startswith("-"), term.removeprefix("-")
                ordering.append(("-" if descending else "") + sources.get(name, name))
            named = {term.removeprefix("-") for term in ordering}
            for term in [*queryset.model._meta.ordering, "pk"]:
                if isinstance(term, str) and term.removeprefix("-") not in named | {"id"}:
                    ordering.append(term)
                    named.add(term.removeprefix("-"))
            return queryset.order_by(*ordering)
        return super().filter_queryset(request, queryset, view)

    def get_schema_operation_parameters(self, view):
        names = self.names(view)
        if not names:
            return []
        return [
            {
                "name": self.ordering_param,
                "required": False,
                "in": "query",
                "description": (
                    "Fields to order by, comma-separated (or the parameter repeated), each "
                    "with `-` before it for descending order; an unknown field answers 400."
                ),
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "string",
                        "enum": [term for name in names for term in (name, f"-{name}")],
                        # Names for the generated clients' enum members: PRICE, PRICE_DESC.
                        "x-enum-varnames": [
                            member
                            for name in names
                            for member in (name.upper(), f"{name.upper()}_DESC")
                        ],
                    },
                },
                "style": "form",
                "explode": False,
            }
        ]
