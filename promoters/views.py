from django import forms
from django.contrib import messages
from django.http import HttpResponseRedirect
from django.shortcuts import redirect as redirect_to
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from alliance.auth import rate_hit, redirect_counter
from alliance.forms import SignupForm

from . import clicks, selectors, services


def client_ip(request) -> str:
    # Behind a reverse proxy, REMOTE_ADDR must be the visitor's address (docs/operations.md).
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


@require_GET
def redirect(request, code: str):
    """GET /t/<code>: record the click and send the visitor on to the target with the click id.

    The hottest path of the platform: a link lookup cached in-process, then the click is queued
    (batched) or INSERTed (direct). Whatever the visitor sends (any code, any header, any ?sub=)
    answers 302, 404 or 410, never 500: the code is checked for its shape before any query, and
    every captured field is cleaned (promoters/clicks.py)."""
    target = selectors.link_target(code)
    if target is None:
        return render(request, "links/not_found.html", status=404)
    if not target.is_live:
        return render(request, "links/gone.html", status=410)
    if rate_hit(scope="redirect", key=client_ip(request), local=redirect_counter) is not None:
        # Over the per-address rate (docs/security.md): the visitor still reaches the product,
        # but the click is not recorded and carries no click id, so it attributes nothing.
        response = HttpResponseRedirect(target.url)
        response["Cache-Control"] = "no-store"
        return response
    click_token = clicks.click_capture(
        link_id=target.link_id,
        ip_hash=services.visitor_hash(client_ip(request)),
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        referer=request.META.get("HTTP_REFERER", ""),
        sub_id=request.GET.get("sub") or target.sub_id,
    )
    response = HttpResponseRedirect(target.location(click_token))
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer-when-downgrade"
    return response


class PromoterSignupForm(SignupForm):
    display_name = forms.CharField(label=gettext_lazy("Display name"), max_length=80)
    invite_code = forms.CharField(label=gettext_lazy("Invite code"), max_length=16, required=False)
    fans_count = forms.IntegerField(
        label=gettext_lazy("Followers"), min_value=0, max_value=2_000_000_000, initial=0
    )


def promoter_signup_page(request):
    initial = {"invite_code": request.GET.get("invite", "")}
    form = PromoterSignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        promoter = form.run_service(services.promoter_signup)
        if promoter is not None:
            messages.success(
                request,
                _("Thanks, %(name)s! Your account is waiting for review.")
                % {"name": promoter.display_name},
            )
            return redirect_to("login")
    return render(
        request,
        "signup.html",
        {"form": form, "title": _("Sign up as a promoter")},
        status=400 if form.errors else 200,
    )
