from django.shortcuts import render

from alliance.roles import merchant_of, promoter_of, role_of


def home(request):
    """Landing page: who you are signed in as and the state of your account."""
    user = request.user
    context = {"role": str(role_of(user))}
    if user.is_authenticated:
        context["merchant"] = merchant_of(user)
        context["promoter"] = promoter_of(user)
    return render(request, "home.html", context)
