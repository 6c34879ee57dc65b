from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.errors import AllianceError
from alliance.models import ReviewStatus
from statements.fields import MonthField
from statements.models import Statement

# The status the queues open on: what needs an admin.
DEFAULT_STATUS = ReviewStatus.PENDING


class ReviewFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        choices=[("", _("All")), *ReviewStatus.choices],
        required=False,
    )
    q = forms.CharField(label=_("Search"), max_length=100, required=False)

    @classmethod
    def from_query(cls, query) -> "ReviewFilterForm":
        """Bound to the query string; without a status in it, the queue shows pending ones."""
        data = query.copy()
        if "status" not in data:
            data["status"] = DEFAULT_STATUS
        return cls(data)


class ReviewForm(forms.Form):
    """One row of a review queue: the button pressed and the reason typed. Whether the reason
    may be empty is the review service's rule, so the error comes from there."""

    ACTIONS = {
        "approve": ReviewStatus.APPROVED,
        "reject": ReviewStatus.REJECTED,
        "suspend": ReviewStatus.SUSPENDED,
    }

    action = forms.ChoiceField(choices=[(name, name) for name in ACTIONS], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)

    def run_service(self, service, **kwargs):
        """Call a review service with the chosen status; a domain error lands next to its
        field (or above the row), and None is returned."""
        try:
            return service(
                status=self.ACTIONS[self.cleaned_data["action"]],
                reason=self.cleaned_data["reason"],
                **kwargs,
            )
        except AllianceError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return None


class StatementFilterForm(forms.Form):
    month = MonthField(label=_("Month"), required=False, help_text=_("YYYY-MM"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *Statement.Status.choices],
    )
    merchant = forms.IntegerField(label=_("Merchant id"), required=False, min_value=1)


class MarkPaidForm(forms.Form):
    reference = forms.CharField(
        label=_("Payment reference"),
        max_length=120,
        help_text=_("The bank or Alipay transfer's reference."),
    )


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), max_length=40, required=False)
    target_type = forms.CharField(label=_("Target type"), max_length=60, required=False)
    target_id = forms.CharField(label=_("Target id"), max_length=40, required=False)
    actor = forms.CharField(label=_("Actor (username)"), max_length=150, required=False)
