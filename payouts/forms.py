from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from alliance.errors import AllianceError
from alliance.money import MAX_AMOUNT
from dashboards.pickers import promoter_picker

from .models import MethodKind, Payout, PayoutMethod
from .services.payouts import BULK_ACTIONS


class ServiceForm(forms.Form):
    def run_service(self, service, **kwargs):
        """Call a service; its errors land next to their fields and nothing is saved."""
        try:
            return service(**kwargs)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, messages in exc.message_dict.items():
                    self.add_error(field if field in self.fields else None, messages)
            else:
                self.add_error(None, exc.messages)
        except AllianceError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
        return None


class PayoutMethodForm(ServiceForm):
    kind = forms.ChoiceField(label=_("Kind"), choices=MethodKind.choices)
    account_name = forms.CharField(
        label=_("Account holder's real name"), max_length=200, required=False
    )
    account = forms.CharField(
        label=_("Account"),
        max_length=254,
        required=False,
        help_text=_(
            "Alipay: the email or mobile number of the account. Bank: the card or account "
            "number (12 to 19 digits; spaces are fine)."
        ),
    )
    bank_name = forms.CharField(
        label=_("Bank name"),
        max_length=200,
        required=False,
        help_text=_("Bank accounts only, e.g. 招商银行 (China Merchants Bank)."),
    )
    is_default = forms.BooleanField(label=_("Use as default"), required=False)


class PayoutRequestForm(ServiceForm):
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=14, decimal_places=2, min_value=Decimal("0.01")
    )
    method = forms.ModelChoiceField(
        label=_("Pay to"), queryset=PayoutMethod.objects.none(), empty_label=None
    )

    def __init__(self, *args, promoter, **kwargs):
        super().__init__(*args, **kwargs)
        methods = PayoutMethod.objects.filter(promoter=promoter, is_active=True)
        self.fields["method"].queryset = methods
        default = next((m for m in methods if m.is_default), None)
        if default is not None:
            self.fields["method"].initial = default.pk


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


class AuditFilterForm(forms.Form):
    action = forms.CharField(label=_("Action"), max_length=40, required=False)
    target_type = forms.CharField(label=_("Target type"), max_length=60, required=False)
    target_id = forms.CharField(label=_("Target id"), max_length=40, required=False)
    actor = forms.CharField(label=_("Actor (username)"), max_length=150, required=False)
