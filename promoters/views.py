"""The click pipeline's endpoint, GET /t/<code>: not a page (the pages live in dashboards/), the
redirect every promoter's link goes through."""

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.http import require_GET

from alliance.auth import rate_hit, redirect_counter

from . import clicks, selectors, services
from .services import client_ip


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
    ip = client_ip(request)
    if rate_hit(scope="redirect", key=ip, local=redirect_counter) is not None:
        # Over the per-address rate (docs/security.md): the visitor still reaches the product,
        # but the click is not recorded and carries no click id, so it attributes nothing.
        response = HttpResponseRedirect(target.url)
        response["Cache-Control"] = "no-store"
        return response
    click_token = clicks.click_capture(
        link_id=target.link_id,
        ip_hash=services.visitor_hash(ip),
        # The traffic rules' network (docs/fraud.md); off, the benchmark's comparison point.
        net_hash=services.network_hash(ip) if settings.ALLIANCE_FRAUD_CLICK_SIGNALS else "",
        user_agent=request.META.get("HTTP_USER_AGENT", ""),
        referer=request.META.get("HTTP_REFERER", ""),
        sub_id=request.GET.get("sub") or target.sub_id,
    )
    response = HttpResponseRedirect(target.location(click_token))
    response["Cache-Control"] = "no-store"
    response["Referrer-Policy"] = "no-referrer-when-downgrade"
    return response
