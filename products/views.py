from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from alliance.forms import SignupForm

from . import services


class MerchantSignupForm(SignupForm):
    name = forms.CharField(label=gettext_lazy("Store name"), max_length=120)
    store_url = forms.URLField(label=gettext_lazy("Store URL"), max_length=500)


def merchant_signup_page(request):
    form = MerchantSignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            merchant = form.run_service(services.merchant_signup)
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
