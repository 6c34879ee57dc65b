"""The merchant's order backfill page: past order events uploaded as JSON Lines."""

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.api.errors import flatten_errors
from alliance.errors import AllianceError
from alliance.pages import account_refusal
from alliance.roles import Right, merchant_of
from commissions.services.events import order_events_backfill


class BackfillForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Order events file (JSON Lines)"),
        help_text=gettext_lazy("One order event per line, as the webhook takes them."),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        if file.size > settings.ALLIANCE_BACKFILL_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return file


@login_required
def backfill_page(request):
    """Upload past order events; the page lists what became of every line."""
    merchant = merchant_of(request.user)
    if merchant is None:
        return render(
            request,
            "commissions/backfill.html",
            {"not_allowed": True},
            status=403,
        )
    refused = account_refusal(request, merchant, kind="merchant", right=Right.ACT)
    if refused is not None:
        return refused
    form = BackfillForm(request.POST, request.FILES) if request.method == "POST" else BackfillForm()
    lines = None
    if request.method == "POST" and form.is_valid():
        try:
            lines = order_events_backfill(
                merchant=merchant, content=form.cleaned_data["file"].read()
            )
        except AllianceError as exc:
            form.add_error("file", exc.message)
    rows = [
        {"line": line, "fields": flatten_errors(line.errors) if line.errors else {}}
        for line in lines or []
    ]
    counts = {
        status: sum(1 for line in lines or [] if line.status == status)
        for status in ("accepted", "duplicate", "error")
    }
    return render(
        request,
        "commissions/backfill.html",
        {"form": form, "rows": rows, "counts": counts, "merchant": merchant},
        status=400 if form.errors else 200,
    )
