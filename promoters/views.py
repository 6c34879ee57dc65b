from weakref import WeakKeyDictionary

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.http import HttpResponseRedirect
from django.shortcuts import redirect as redirect_to
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from alliance.forms import SignupForm

from . import selectors, services


def client_ip(request) -> str:
    # Behind a reverse proxy, REMOTE_ADDR must be the visitor's address (docs/operations.md).
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


_redis_clients: WeakKeyDictionary = WeakKeyDictionary()


def first_click(key: str, timeout: int) -> bool:
    """`cache.add(key, 1, timeout)`: true for the visitor's first click on the link within the
    window. On Django's RedisCache it sends the same SET NX EX through one redis client per
    cache backend: RedisCache.add builds a new redis.Redis (and its table of a few hundred
    response callbacks) on every call, which costs more CPU than the round trip itself."""
    backend = caches["default"]
    if not isinstance(backend, RedisCache) or timeout <= 0:
        return backend.add(key, 1, timeout)
    client = _redis_clients.get(backend)
    if client is None:
        client = _redis_clients[backend] = backend._cache.get_client(write=True)
    return bool(client.set(backend.make_and_validate_key(key), 1, ex=timeout, nx=True))


@require_GET
def redirect(request, code: str):
    """GET /t/<code>: record the click and send the visitor on to the target with the click id.

    The hottest path of the platform: one cached lookup, one cache `add` for uniqueness and one
    INSERT. Nothing else waits here."""
    target = selectors.link_target(code)
    if target is None:
        return render(request, "links/not_found.html", status=404)
    if not target.is_live:
        return render(request, "links/gone.html", status=410)
    ip_hash = services.visitor_hash(client_ip(request))
    is_unique = first_click(
        f"click-seen:{target.link_id}:{ip_hash}", settings.ALLIANCE_UNIQUE_CLICK_HOURS * 3600
    )
    click = services.click_record(
        link_id=target.link_id,
        ip_hash=ip_hash,
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        referer=request.META.get("HTTP_REFERER", ""),
        sub_id=request.GET.get("sub") or target.sub_id,
        is_unique=is_unique,
    )
    response = HttpResponseRedirect(target.location(click.pk.hex))
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
