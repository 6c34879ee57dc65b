import re

from django.utils.translation import gettext as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

from .filters import BIGINT_MAX


class PageNumberPagination(pagination.PageNumberPagination):
    """Pages by number. `page` is a whole number from 1 and `page_size` one from 1 to
    max_page_size: anything else sent (`0`, `201`, `false`, empty, `last`) answers 400
    `validation_error` naming the parameter. A page past the end answers 404 `not_found`."""

    page_size_query_param = "page_size"
    max_page_size = 200
    last_page_strings = ()

    def _whole_number(self, request, name: str, maximum: int, errors: dict) -> int | None:
        if name not in request.query_params:
            return None
        value = request.query_params[name]
        if re.fullmatch(r"[0-9]{1,19}", value) and 1 <= int(value) <= maximum:
            return int(value)
        errors[name] = [
            _("Give a whole number from 1 to %(maximum)d.") % {"maximum": maximum},
        ]
        return None

    def paginate_queryset(self, queryset, request, view=None):
        errors: dict = {}
        self._whole_number(request, self.page_query_param, BIGINT_MAX, errors)
        self._whole_number(request, self.page_size_query_param, self.max_page_size, errors)
        if errors:
            raise ValidationError(errors)
        return super().paginate_queryset(queryset, request, view)

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": self.page_query_param,
                "required": False,
                "in": "query",
                "description": "The page, from 1; a page past the end answers 404.",
                "schema": {
                    "type": "integer",
                    "format": "int64",
                    "minimum": 1,
                    "maximum": BIGINT_MAX,
                    "default": 1,
                },
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": f"Rows per page, from 1 to {self.max_page_size}.",
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.max_page_size,
                    "default": self.page_size or 20,
                },
            },
        ]
