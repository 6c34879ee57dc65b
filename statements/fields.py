"""The month field shared by the API's filters and the console's statement filter."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .months import month_parse


class MonthField(forms.Field):
    """A calendar month typed as YYYY-MM (a full date is taken as its month)."""

    widget = forms.TextInput
    default_error_messages = {"invalid": _("Enter a month as YYYY-MM, e.g. 2026-10.")}

    def to_python(self, value):
        if value in self.empty_values:
            return None
        month = month_parse(str(value)[:20])
        if month is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return month

    def prepare_value(self, value):
        return f"{value:%Y-%m}" if hasattr(value, "year") else value
