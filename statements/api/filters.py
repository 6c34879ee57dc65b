import re

import django_filters
from django import forms
from drf_spectacular.utils import extend_schema_field

from alliance.api.filters import FilterSet, IdFilter

from ..fields import MonthField
from ..models import Statement

# YYYY-MM, the months the books can hold (statements.months.month_parse: 1971 to 2999).
MONTH_PATTERN = r"^(?:197[1-9]|19[89][0-9]|2[0-9]{3})-(?:0[1-9]|1[0-2])$"


class ApiMonthField(MonthField):
    """YYYY-MM exactly: the pages' month field also takes a day of the month and spaces."""

    def to_python(self, value):
        if value not in self.empty_values and not re.fullmatch(MONTH_PATTERN, str(value)):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return super().to_python(value)


@extend_schema_field({"type": "string", "pattern": MONTH_PATTERN})
class MonthFilter(django_filters.Filter):
    """Statements of a month, given as YYYY-MM."""

    field_class = ApiMonthField


class StatementFilter(FilterSet):
    merchant = IdFilter(field_name="merchant_id")
    month = MonthFilter(field_name="month")
    status = django_filters.ChoiceFilter(choices=Statement.Status.choices)

    class Meta:
        model = Statement
        fields = []
