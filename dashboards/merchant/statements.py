"""Statement pages: the merchant's list and a statement's printable detail (which admins open
too, from the console's statements)."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.money import currency
from alliance.pages import account_refusal, merchant_page
from alliance.roles import Role, merchant_of, role_of
from statements import selectors, services

# Lines per page of a statement's detail page; the CSV holds them all.
LINES_PER_PAGE = 500
STATEMENTS_PER_PAGE = 50


def statement_refusal(request, message: str):
    return render(request, "statements/refused.html", {"message": message}, status=403)


@merchant_page
def merchant_statements_page(request):
    """The merchant's statements, newest first, and its running month so far."""
    merchant = request.merchant
    statements = selectors.statements_visible_to(request.user).order_by("-month", "pk")
    page = Paginator(statements, STATEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    month = services.running_month()
    return render(
        request,
        "statements/merchant_list.html",
        {
            "merchant": merchant,
            "page": page,
            "current": selectors.month_totals(merchant_id=merchant.pk, month=month),
            "current_month": month,
            "currency": currency(),
            "now": timezone.now(),
        },
    )


@login_required
def statement_page(request, statement_id: int):
    """One statement with its lines from the ledger, printable on A4 from the browser."""
    if role_of(request.user) not in {Role.ADMIN, Role.MERCHANT}:
        return statement_refusal(request, _("Only merchant members can see statements."))
    if role_of(request.user) == Role.MERCHANT:
        refused = account_refusal(request, merchant_of(request.user), kind="merchant")
        if refused is not None:
            return refused
    statement = selectors.statements_visible_to(request.user).filter(pk=statement_id).first()
    if statement is None:
        raise Http404(_("No such statement."))
    lines = selectors.statement_lines(merchant_id=statement.merchant_id, month=statement.month)
    page = Paginator(lines, LINES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "statements/detail.html",
        {
            "statement": statement,
            "page": page,
            "lines": [selectors.line_amounts(row) for row in page.object_list],
            "csv_url": reverse("statement-lines-csv", args=[statement.pk]),
        },
    )
