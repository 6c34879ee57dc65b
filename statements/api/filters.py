import django_filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from alliance.api.filters import IdFilter

from ..forms import MonthField
from ..models import Statement


@extend_schema_field(OpenApiTypes.STR)
class MonthFilter(django_filters.Filter):
    """Statements of a month, given as YYYY-MM."""

    field_class = MonthField


class StatementFilter(django_filters.FilterSet):
    merchant = IdFilter(field_name="merchant_id")
    month = MonthFilter(field_name="month")
    status = django_filters.ChoiceFilter(choices=Statement.Status.choices)

    class Meta:
        model = Statement
        fields = []
