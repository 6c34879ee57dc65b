"""The admin console's audit log: every recorded action, filtered and paged."""

from django.core.paginator import Paginator
from django.shortcuts import render

from alliance.audit import audit_log
from alliance.pages import console_page

from .forms import AuditFilterForm

PAGE_SIZE = 50


@console_page
def audit_page(request):
    filters = AuditFilterForm(request.GET or None)
    queryset = audit_log().order_by("-created_at", "-pk")
    if filters.is_valid():
        data = filters.cleaned_data
        if data["action"]:
            queryset = queryset.filter(action=data["action"])
        if data["target_type"]:
            queryset = queryset.filter(target_type=data["target_type"])
        if data["target_id"]:
            queryset = queryset.filter(target_id=data["target_id"])
        if data["actor"]:
            queryset = queryset.filter(actor__username=data["actor"])
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "payouts/audit.html",
        {"filters": filters if filters.is_bound else AuditFilterForm(), "page": page},
    )
