"""The merchant's store domains: the domains its product and store URLs may use, each one's
review by an admin, a form to declare another and a button to remove one."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from alliance.errors import AllianceError
from alliance.pages import merchant_page
from products.models import StoreDomain
from products.services import store_domain_declare, store_domain_remove


class DomainForm(forms.Form):
    host = forms.CharField(
        label=gettext_lazy("Domain"),
        max_length=253,
        help_text=gettext_lazy(
            "A domain name only, such as shop.example.com. Once approved it also covers the "
            "names under it (m.shop.example.com)."
        ),
    )


@merchant_page
def domains_page(request):
    """The merchant's domains with their review state, and a form to declare another."""
    form = DomainForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            domain = store_domain_declare(
                merchant=request.merchant, actor=request.user, host=form.cleaned_data["host"]
            )
        except AllianceError as exc:
            form.add_error("host" if exc.field == "host" else None, exc.message)
            status = exc.status_code
        else:
            messages.success(
                request,
                _("%(host)s is declared; it counts once an admin approves it.")
                % {"host": domain.host},
            )
            return redirect("merchant-domains")
    if form.errors and status == 200:
        status = 400
    domains = StoreDomain.objects.filter(merchant=request.merchant).select_related("reviewed_by")
    return render(
        request,
        "merchant/domains.html",
        {"domains": domains, "form": form, "merchant": request.merchant},
        status=status,
    )


@merchant_page
@require_POST
def domain_remove(request, pk: int):
    """Take a domain off the list; refused while the store URL or a product URL needs it."""
    domain = get_object_or_404(StoreDomain.objects.filter(merchant=request.merchant), pk=pk)
    try:
        store_domain_remove(domain=domain, actor=request.user)
    except AllianceError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, _("%(host)s is removed.") % {"host": domain.host})
    return redirect("merchant-domains")
