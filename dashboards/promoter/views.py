"""The promoter's dashboard: overview, product selection, link builder and links, orders and
team (the channels and payouts pages have their own modules). Views validate a form, call one
service and redirect, or re-render with the errors next to the fields (status 400)."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliance.charts import Chart, Series
from alliance.masking import mask_order_id
from alliance.pages import promoter_page
from commissions.selectors import commissions_visible_to, promoter_earnings
from payouts.selectors import promoter_balances
from products.models import Product
from products.selectors import products_visible_to
from promoters import selectors as promoter_selectors
from promoters import services
from promoters.models import Link
from promoters.sharing import qr_png, qr_svg, share_text, short_url

from ..pickers import PRODUCTS, lookup_response
from . import selectors
from .forms import (
    LinkFilterForm,
    LinkForm,
    OrderFilterForm,
    ProductFilterForm,
    WindowForm,
    promotable_products,
)

PRODUCTS_PER_PAGE = 24
ROWS_PER_PAGE = 50


def _page(request, queryset, per_page: int = ROWS_PER_PAGE):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


@promoter_page
@require_GET
def overview(request):
    """Balances by status, the window's clicks, orders, conversion and EPC, and daily charts."""
    promoter = request.promoter
    # The selector always shows the period the page counts (a bad ?days= falls back to it).
    days = WindowForm(request.GET or None).days_value()
    window_form = WindowForm({"days": days})
    window = selectors.promoter_window(promoter, days=days)
    labels = window.days
    context = {
        "window_form": window_form,
        "days": days,
        "balances": promoter_balances(promoter.pk),
        "earnings": promoter_earnings(promoter.pk, own_sales_only=True),
        "window": window,
        "traffic_chart": Chart(
            title=_("Clicks and orders per day"),
            labels=labels,
            series=[
                Series(name=_("Clicks"), values=window.clicks),
                Series(name=_("Unique clicks"), values=window.unique_clicks),
                Series(name=_("Suspicious clicks"), values=window.suspicious_clicks),
                Series(name=_("Orders"), values=window.orders),
            ],
            kind="line",
            value_format="number",
        ),
        "earnings_chart": Chart(
            title=_("Estimated earnings per day"),
            labels=labels,
            series=[Series(name=_("Estimated earnings"), values=window.earnings)],
            kind="bar",
            value_format="money",
        ),
    }
    return render(request, "promoter/overview.html", context)


@promoter_page
@require_GET
def products(request):
    """Active products of approved merchants, with the rate and earning that apply to this
    promoter, searchable, filterable and sortable in SQL."""
    filters = ProductFilterForm(request.GET or None)
    queryset = selectors.products_for_promoter(
        products_visible_to(request.user), promoter=request.promoter
    )
    page = _page(request, filters.apply(queryset), PRODUCTS_PER_PAGE)
    return render(
        request,
        "promoter/products.html",
        {"filters": filters, "page_obj": page},
        status=200 if not filters.is_bound or filters.is_valid() else 400,
    )


def _chosen_product(request, data) -> Product | None:
    """The product named in the query or the form (its SKU, name or number), if this promoter
    may promote it and the text names exactly one."""
    found = PRODUCTS.find(promotable_products(request.promoter), str(data.get("product") or ""))
    return found[0] if len(found) == 1 else None


@promoter_page
def link_new(request):
    """The link builder: product, channel, coupon and sub_id, then the new link's page."""
    promoter = request.promoter
    data = request.POST if request.method == "POST" else request.GET
    product = _chosen_product(request, data)
    coupons = selectors.coupons_for_link(
        promoter=promoter, merchant_id=product.merchant_id if product else None
    )
    default_channel = promoter.channels.filter(is_default=True).first()
    if request.method == "POST":
        form = LinkForm(request.POST, promoter=promoter, coupons=coupons)
        if form.is_valid():
            link = form.run_service(services.link_create, promoter=promoter, **form.cleaned_data)
            if link is not None:
                messages.success(request, _("Your link is ready to share."))
                return redirect("promoter-link", pk=link.pk)
    else:
        initial = {
            "product": PRODUCTS.value(product) if product else "",
            "channel": default_channel,
        }
        form = LinkForm(initial=initial, promoter=promoter, coupons=coupons)
    context = {
        "form": form,
        "product": product,
        "has_channels": default_channel is not None or promoter.channels.exists(),
    }
    return render(request, "promoter/link_new.html", context, status=400 if form.errors else 200)


def _own_link(request, pk: int) -> Link:
    links = promoter_selectors.links_with_stats(Link.objects.filter(promoter=request.promoter))
    return get_object_or_404(selectors.with_order_stats(links), pk=pk)


@promoter_page
@require_POST
def link_active(request, pk: int):
    """Retire a link (its short URL answers that it is gone) or revive it."""
    link = get_object_or_404(Link.objects.filter(promoter=request.promoter), pk=pk)
    action = request.POST.get("action")
    if action in {"activate", "deactivate"}:
        services.link_update(link=link, is_active=action == "activate")
        promoter_selectors.link_target_forget(link.code)
        messages.success(
            request,
            _("The link is active again.")
            if action == "activate"
            else _("The link is retired; its short URL now answers that it is gone."),
        )
    return redirect("promoter-link", pk=link.pk)


@promoter_page
def link_detail(request, pk: int):
    """The short URL, share text and QR code of a link, its stats, and retire/revive."""
    if request.method == "POST":
        # The retire/revive form posted to the page itself, as before it had its own URL.
        return link_active(request, pk)
    link = _own_link(request, pk)
    url = short_url(link, request=request)
    svg = qr_svg(url).decode()
    context = {
        "link": link,
        "short_url": url,
        "share_text": share_text(link, url=url),
        # Inline, without the XML declaration (the download URL answers as an attachment);
        # segno writes this markup itself from our own short URL.
        "qr_svg": mark_safe(svg[svg.index("<svg") :]),
    }
    return render(request, "promoter/link.html", context)


@promoter_page
@require_GET
def link_qr(request, pk: int, fmt: str):
    link = get_object_or_404(Link.objects.filter(promoter=request.promoter), pk=pk)
    url = short_url(link, request=request)
    if fmt == "png":
        response = HttpResponse(qr_png(url), content_type="image/png")
    elif fmt == "svg":
        response = HttpResponse(qr_svg(url), content_type="image/svg+xml")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="link-{link.code}.{fmt}"'
    return response


@promoter_page
@require_GET
def links(request):
    filters = LinkFilterForm(request.GET or None, promoter=request.promoter)
    queryset = promoter_selectors.links_with_stats(Link.objects.filter(promoter=request.promoter))
    page = _page(request, selectors.with_order_stats(filters.apply(queryset)))
    return render(request, "promoter/links.html", {"filters": filters, "page_obj": page})


@promoter_page
@require_GET
def orders(request):
    """The promoter's commissions, one row per order line, with the masked order id."""
    filters = OrderFilterForm(request.GET or None, promoter=request.promoter)
    queryset = (
        filters.apply(commissions_visible_to(request.user))
        .select_related("order_item")
        .order_by("-paid_at", "-pk")
    )
    page = _page(request, queryset)
    rows = [
        {
            "commission": commission,
            "order_id": mask_order_id(commission.order.order_id),
            "estimated": commission.promoter_amount
            if commission.status in selectors.EARNING_STATUSES
            else None,
            "settled": commission.promoter_amount
            if commission.status in selectors.SETTLED_STATUSES
            else None,
        }
        for commission in page
    ]
    return render(
        request, "promoter/orders.html", {"filters": filters, "page_obj": page, "rows": rows}
    )


@promoter_page
@require_GET
def team(request):
    """The invite code, the sign-up link that carries it, and the promoters it brought."""
    promoter = request.promoter
    signup_url = request.build_absolute_uri(
        f"{reverse('signup-promoter')}?{urlencode({'invite': promoter.invite_code})}"
    )
    relations = selectors.downlines_with_stats(
        promoter_selectors.downlines_of(promoter), upline=promoter
    )
    return render(
        request,
        "promoter/team.html",
        {"signup_url": signup_url, "page_obj": _page(request, relations)},
    )


@promoter_page
@require_GET
def product_lookup(request):
    """Suggestions for the link builder's product picker: JSON for the datalist."""
    return lookup_response(
        PRODUCTS, promotable_products(request.promoter), request.GET.get("q", "")[:100]
    )
