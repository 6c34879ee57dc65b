"""The promoter's payouts page: a payout method and a payout request."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from payouts.models import MethodKind, PayoutMethod

from ..forms import ServiceForm


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
