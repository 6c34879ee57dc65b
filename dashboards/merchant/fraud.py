"""What the merchant's orders page shows of fraud review (docs/dashboards.md): a mark per
order that a review holds or penalised, its held commissions, open flags and suspicious
clicks, and the "Report suspicious" form of each attributed order."""

import re

from django import forms
from django.utils.translation import gettext_lazy as _

from fraud.selectors import promoter as fraud_selectors

from ..forms import ServiceForm

PenaltyStatus = fraud_selectors.PenaltyStatus
# The mark an order gets on the merchant's page, by PenaltyStatus.
MARKS = {
    PenaltyStatus.HELD: _("Held for review"),
    PenaltyStatus.VOIDED: _("Penalised"),
    PenaltyStatus.MARKED: _("Under review"),
    PenaltyStatus.CLEARED: _("Cleared after review"),
}
# Control characters but tab and line breaks, removed from a note as the API does.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class ReportForm(ServiceForm):
    note = forms.CharField(
        label=_("What looks wrong?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def clean_note(self) -> str:
        return CONTROL.sub("", self.cleaned_data["note"])


def orders_fraud_context(merchant, page, *, failed_order=None, failed_form=None) -> dict:
    """Sets `penalty` / `penalty_label` and `report_form` (attributed orders) on the page's
    orders, and answers the merchant's summary for the page, in four queries."""
    penalties = fraud_selectors.order_penalties(order.pk for order in page)
    for order in page:
        order.penalty = penalties.get(order.pk, "")
        order.penalty_label = MARKS.get(order.penalty, "")
        if order.pk == failed_order:
            order.report_form = failed_form
        elif order.promoter_id is not None:
            order.report_form = ReportForm(prefix=f"report-{order.pk}")
        else:
            order.report_form = None
    return {
        "fraud": fraud_selectors.merchant_fraud_summary(merchant),
        "failed_order": failed_order,
    }
