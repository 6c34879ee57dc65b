from django.shortcuts import redirect, render

from alliance.models import ReviewStatus
from alliance.roles import Role, merchant_of, promoter_of, role_of

# Where each role's dashboard starts.
DASHBOARDS = {
    Role.ADMIN: "console-overview",
    Role.MERCHANT: "merchant-overview",
    Role.PROMOTER: "promoter-overview",
}


def home(request):
    """The start page: visitors read what the platform does; a signed-in user whose account is
    approved goes to the dashboard of its role, one still under review sees its state."""
    user = request.user
    role = role_of(user)
    account = merchant_of(user) or promoter_of(user) if user.is_authenticated else None
    if role in DASHBOARDS and (role == Role.ADMIN or account.status == ReviewStatus.APPROVED):
        return redirect(DASHBOARDS[role])
    return render(request, "home.html", {"role": str(role), "account": account})
