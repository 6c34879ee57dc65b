"""The promoter's "On hold and penalised" page (/promoter/on-hold/): what a fraud review
holds, by kind of reason, the penalised orders (处罚订单) and an appeal form per open review.
An appeal that succeeds redirects to the page; one that fails re-renders it with the message
beside the form and the note kept (status 400)."""

import re

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from alliance.masking import mask_order_id
from alliance.money import currency
from alliance.pages import promoter_page
from fraud.models import REASON_KINDS, Flag, ReasonKind
from fraud.selectors import promoter as fraud_selectors
from fraud.services.flags import flag_appeal

from ..forms import ServiceForm

ROWS_PER_PAGE = 50
# Control characters but tab and line breaks, removed from a note as the API does.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The reason a void carries when no flag explains it (an admin voided the line by hand).
VOID_REASON = gettext_lazy("Voided by the platform after review")


class AppealForm(ServiceForm):
    note = forms.CharField(
        label=gettext_lazy("Your explanation"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Tell the reviewer why these orders are genuine."),
    )

    def clean_note(self) -> str:
        return CONTROL.sub("", self.cleaned_data["note"])


def _rows(page, *, failed_order: int | None, failed_form: AppealForm | None) -> list[dict]:
    labels = dict(fraud_selectors.PenaltyStatus.choices)
    rows = []
    for order in page:
        kind = REASON_KINDS.get(order.flag_rule or "")
        can_appeal = order.flag_status == Flag.Status.OPEN
        rows.append(
            {
                "order": order,
                "order_id": mask_order_id(order.order_id),
                "status_label": labels[order.penalty_status],
                "reason": ReasonKind(kind).label if kind else VOID_REASON,
                "can_appeal": can_appeal,
                "form": failed_form
                if failed_order == order.pk
                else AppealForm(
                    prefix=f"appeal-{order.pk}", initial={"note": order.flag_appeal_note}
                )
                if can_appeal
                else None,
            }
        )
    return rows


def _page(request, *, failed_order: int | None = None, failed_form=None):
    promoter = request.promoter
    queryset = fraud_selectors.penalised_orders_visible_to(request.user)
    page = Paginator(queryset, ROWS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "holds": fraud_selectors.promoter_holds(promoter),
        "page_obj": page,
        "rows": _rows(page, failed_order=failed_order, failed_form=failed_form),
        "currency": currency(),
    }
    status = 400 if failed_form is not None else 200
    return render(request, "promoter/fraud.html", context, status=status)


@promoter_page
@require_GET
def on_hold(request):
    """Held amounts by kind of reason, the penalised orders, an appeal form per open review."""
    return _page(request)


@promoter_page
@require_POST
def appeal(request, order: int):
    """Send (or replace) the appeal note on the open review of one of the promoter's orders."""
    row = (
        fraud_selectors.penalised_orders_visible_to(request.user)
        .filter(pk=order, flag_id__isnull=False)
        .first()
    )
    form = AppealForm(request.POST, prefix=f"appeal-{order}")
    if row is None or row.flag_status != Flag.Status.OPEN:
        messages.error(request, _("Nothing on this order is waiting for review."))
        return _page(request, failed_order=order, failed_form=form)
    if form.is_valid() and form.run_service(
        flag_appeal,
        flag=Flag.objects.get(pk=row.flag_id),
        promoter=request.promoter,
        note=form.cleaned_data["note"],
    ):
        messages.success(request, _("Your appeal was sent. A reviewer will read it."))
        return redirect("promoter-on-hold")
    return _page(request, failed_order=order, failed_form=form)
