"""The admin console's statements: every statement, filtered by month, status and merchant, and
an issued one marked paid."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.roles import Role, role_of
from statements import selectors, services
from statements.models import Statement

from ..merchant.statements import STATEMENTS_PER_PAGE, statement_refusal
from .forms import MarkPaidForm, StatementFilterForm


def _console(request, *, failed: Statement | None = None, failed_form=None, status=200):
    filters = StatementFilterForm(request.GET or None)
    statements = selectors.statements_visible_to(request.user).order_by(
        "-month", "merchant__name", "pk"
    )
    if filters.is_bound and filters.is_valid():
        chosen = filters.cleaned_data
        if chosen["month"]:
            statements = statements.filter(month=chosen["month"])
        if chosen["status"]:
            statements = statements.filter(status=chosen["status"])
        if chosen["merchant"]:
            statements = statements.filter(merchant_id=chosen["merchant"])
    elif filters.is_bound:
        statements = statements.none()
        status = 400
    page = Paginator(statements, STATEMENTS_PER_PAGE).get_page(request.GET.get("page"))
    rows = []
    for statement in page.object_list:
        form = None
        if statement.status == Statement.Status.ISSUED or statement == failed:
            form = (
                failed_form
                if failed is not None and statement.pk == failed.pk
                else MarkPaidForm(prefix=f"s{statement.pk}")
            )
        rows.append({"statement": statement, "form": form})
    return render(
        request,
        "statements/console.html",
        {"filters": filters, "page": page, "rows": rows, "query": request.GET.urlencode()},
        status=status,
    )


@login_required
def console_statements_page(request):
    """Every statement, filtered by month, status and merchant; issued ones can be marked paid."""
    if role_of(request.user) != Role.ADMIN:
        return statement_refusal(request, _("Only platform admins can use the console."))
    return _console(request)


@login_required
@require_POST
def console_mark_paid(request, statement_id: int):
    if role_of(request.user) != Role.ADMIN:
        return statement_refusal(request, _("Only platform admins can use the console."))
    statement = selectors.statements_visible_to(request.user).filter(pk=statement_id).first()
    if statement is None:
        raise Http404(_("No such statement."))
    form = MarkPaidForm(request.POST, prefix=f"s{statement.pk}")
    if form.is_valid():
        try:
            services.statement_mark_paid(
                statement=statement, reference=form.cleaned_data["reference"], actor=request.user
            )
        except AllianceError as exc:
            form.add_error("reference" if exc.field == "reference" else None, exc.message)
        else:
            messages.success(
                request,
                _("The statement of %(merchant)s for %(month)s is marked paid.")
                % {"merchant": statement.merchant.name, "month": statement.period},
            )
            target = reverse("console-statements")
            query = request.GET.urlencode()
            return redirect(f"{target}?{query}" if query else target)
    return _console(request, failed=statement, failed_form=form, status=400)
