"""The console's payout review queue: filters, bulk and row actions, holds and exports."""

from django import forms
from django.utils.translation import gettext_lazy as _

from alliance.money import MAX_AMOUNT
from payouts.models import MethodKind, Payout
from payouts.services.payouts import BULK_ACTIONS

from ..forms import ServiceForm
from ..pickers import promoter_picker


class QueueFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("Any")), *Payout.Status.choices],
    )
    min_amount = forms.DecimalField(
        label=_("From amount"), required=False, min_value=0, max_value=MAX_AMOUNT, decimal_places=2
    )
    max_amount = forms.DecimalField(
        label=_("To amount"), required=False, min_value=0, max_value=MAX_AMOUNT, decimal_places=2
    )
    # By username, name or invite code; a number still names a promoter by id.
    promoter = promoter_picker(required=False, as_pk=True)


class BulkForm(ServiceForm):
    action = forms.ChoiceField(
        label=_("Action"),
        choices=[
            ("approve", _("Approve")),
            ("reject", _("Reject")),
            ("mark_paid", _("Mark paid")),
            ("mark_failed", _("Mark failed")),
        ],
    )
    ids = forms.TypedMultipleChoiceField(label=_("Payouts"), coerce=int, choices=[])
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any id is accepted here; the service reports each unknown one in its results.
        raw = self.data.getlist("ids") if hasattr(self.data, "getlist") else []
        self.fields["ids"].choices = [(v, v) for v in raw if str(v).isdigit()]


class RowActionForm(ServiceForm):
    payout = forms.IntegerField(min_value=1, widget=forms.HiddenInput)
    action = forms.ChoiceField(choices=[(a, a) for a in BULK_ACTIONS], widget=forms.HiddenInput)
    reason = forms.CharField(label=_("Reason"), max_length=2000, required=False)
    reference = forms.CharField(label=_("Reference"), max_length=120, required=False)


class HoldForm(ServiceForm):
    promoter = promoter_picker(as_pk=True)
    reason = forms.CharField(
        label=_("Reason"), max_length=2000, widget=forms.TextInput, required=False
    )


class ExportForm(forms.Form):
    kind = forms.ChoiceField(choices=MethodKind.choices)
