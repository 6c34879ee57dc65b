"""The sign-up pages of merchants and promoters: the account waits for an admin's review."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.forms import SignupForm
from products import services as merchant_services
from promoters import services as promoter_services


class MerchantSignupForm(SignupForm):
    name = forms.CharField(label=gettext_lazy("Store name"), max_length=120)
    store_url = forms.URLField(label=gettext_lazy("Store URL"), max_length=500)


def merchant_signup_page(request):
    form = MerchantSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merchant = form.run_service(merchant_services.merchant_signup)
        except ValidationError as exc:
            form.add_error(None, exc)
            merchant = None
        if merchant is not None:
            messages.success(
                request, _("Thanks! %(name)s is waiting for review.") % {"name": merchant.name}
            )
            return redirect("login")
    return render(
        request,
        "signup.html",
        {"form": form, "title": _("Sign up as a merchant")},
        status=400 if form.errors else 200,
    )


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
        promoter = form.run_service(promoter_services.promoter_signup)
        if promoter is not None:
            messages.success(
                request,
                _("Thanks, %(name)s! Your account is waiting for review.")
                % {"name": promoter.display_name},
            )
            return redirect("login")
    return render(
        request,
        "signup.html",
        {"form": form, "title": _("Sign up as a promoter")},
        status=400 if form.errors else 200,
    )
