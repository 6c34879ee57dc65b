"""The merchant dashboard: overview, products, imports, orders and top promoters."""

import csv
import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from alliance.charts import Chart, Series
from alliance.errors import AllianceError
from alliance.pages import merchant_page
from commissions.selectors import orders_visible_to, orders_with_earnings
from fraud.services.flags import order_report as order_report_service
from products import imports
from products.selectors import product_imports_of, products_visible_to
from products.services import product_save

from ..periods import PERIODS, period_days
from . import fraud, selectors
from .forms import OrderFilterForm, ProductFilterForm, ProductImportForm, ProductRateForm

PAGE_SIZE = 50
IMPORTS_PAGE_SIZE = 20
FileFormat = imports.FileFormat
ImportStatus = imports.Status


def _page(request, queryset, size: int):
    return Paginator(queryset, size).get_page(request.GET.get("page"))


def _period_links(days: int) -> list[dict]:
    return [{"days": choice, "current": choice == days} for choice in PERIODS]


# --- Overview ------------------------------------------------------------------------------------


@merchant_page
@require_GET
def overview(request):
    days = period_days(request.GET.get("days"))
    data = selectors.merchant_overview(merchant=request.merchant, days=days)
    traffic = Chart(
        title=_("Clicks and attributed orders per day"),
        labels=data.days,
        series=[
            Series(name=_("Clicks"), values=data.clicks),
            Series(name=_("Suspicious clicks"), values=data.suspicious_clicks),
            Series(name=_("Attributed orders"), values=data.orders, axis="right"),
        ],
        kind="line",
        value_format="number",
    )
    money = Chart(
        title=_("GMV and commission per day"),
        labels=data.days,
        series=[
            Series(name=_("GMV"), values=data.gmv),
            Series(name=_("Commission"), values=data.commission),
        ],
        kind="bar",
        value_format="money",
    )
    return render(
        request,
        "merchant/overview.html",
        {
            "overview": data,
            "days": days,
            "periods": _period_links(days),
            "charts": [traffic, money],
        },
    )


# --- Products ------------------------------------------------------------------------------------


def _rate_form(product, data=None) -> ProductRateForm:
    return ProductRateForm(
        data,
        prefix=f"rate-{product.pk}",
        initial={"commission_rate": product.commission_rate},
    )


def _products_page(request, *, bound: dict | None = None, status: int = 200):
    filters = ProductFilterForm(request.GET)
    queryset = selectors.products_filter(products_visible_to(request.user), **filters.filters())
    page = _page(request, queryset, PAGE_SIZE)
    bound = bound or {}
    rows = [{"product": p, "form": bound.get(p.pk) or _rate_form(p)} for p in page]
    return render(
        request,
        "merchant/products.html",
        {
            "filters": filters,
            "page_obj": page,
            "rows": rows,
            "query": request.GET.urlencode(),
            "formats": FileFormat.choices,
        },
        status=status,
    )


@merchant_page
@require_GET
def products(request):
    return _products_page(request)


@merchant_page
@require_POST
def product_rate(request, pk: int):
    """Change one product's own commission rate (empty: the merchant's default). The list's
    filters ride along in the query string, so the list comes back as it was."""
    product = get_object_or_404(products_visible_to(request.user), pk=pk)
    form = _rate_form(product, request.POST)
    if form.is_valid():
        previous = product.commission_rate
        product.commission_rate = form.cleaned_data["commission_rate"]
        try:
            product_save(product=product)
        except ValidationError as exc:
            product.commission_rate = previous
            for field, messages in exc.message_dict.items():
                target = field if field in form.fields else None
                for message in messages:
                    form.add_error(target, message)
        except AllianceError as exc:
            product.commission_rate = previous
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    inline = bool(request.headers.get("X-Inline"))
    if form.errors:
        if inline:
            return render(
                request,
                "merchant/_product_row.html",
                {"product": product, "form": form, "query": request.GET.urlencode()},
                status=400,
            )
        return _products_page(request, bound={product.pk: form}, status=400)
    if inline:
        product.refresh_from_db(fields=["commission_rate", "updated_at"])
        return render(
            request,
            "merchant/_product_row.html",
            {
                "product": product,
                "form": _rate_form(product),
                "query": request.GET.urlencode(),
                "saved": True,
            },
        )
    url = reverse("merchant-products")
    query = request.GET.urlencode()
    return redirect(f"{url}?{query}" if query else url)


@merchant_page
@require_GET
def products_export(request):
    """Every product as a file in the import's columns (csv unless ?format=xlsx)."""
    file_format = request.GET.get("format")
    if file_format not in FileFormat.values:
        file_format = FileFormat.CSV
    content = imports.products_export(merchant=request.merchant, file_format=file_format)
    name = imports.export_file_name(merchant=request.merchant, file_format=file_format)
    response = HttpResponse(content, content_type=imports.CONTENT_TYPES[file_format])
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Imports -------------------------------------------------------------------------------------


@merchant_page
def product_imports(request):
    form = ProductImportForm()
    if request.method == "POST":
        form = ProductImportForm(request.POST, request.FILES)
        if form.is_valid():
            started = form.run_service(
                imports.product_import_start, merchant=request.merchant, user=request.user
            )
            if started is not None:
                return redirect("merchant-import", pk=started.pk)
    history = product_imports_of(merchant=request.merchant).defer("errors")
    return render(
        request,
        "merchant/imports.html",
        {"form": form, "page_obj": _page(request, history, IMPORTS_PAGE_SIZE)},
        status=400 if form.errors else 200,
    )


def _progress(product_import) -> dict:
    finished = product_import.status in imports.FINISHED
    total = product_import.total_rows
    if finished:
        progress = 1.0
    else:
        progress = min(1.0, product_import.processed_rows / total) if total else 0.0
    if product_import.status == ImportStatus.PENDING:
        label = _("Waiting to start…")
    elif finished:
        label = product_import.get_status_display()
    else:
        label = _("%(processed)s of %(total)s rows checked") % {
            "processed": product_import.processed_rows,
            "total": total,
        }
    return {"progress": progress, "done": finished, "label": label}


def _import_or_404(request, pk: int):
    product_import = selectors.product_import_of(merchant=request.merchant, pk=pk)
    if product_import is None:
        raise Http404(_("No such import."))
    return product_import


@merchant_page
@require_GET
def product_import(request, pk: int):
    product_import = _import_or_404(request, pk)
    return render(
        request,
        "merchant/import.html",
        {
            "import": product_import,
            "progress": _progress(product_import),
            "finished": product_import.status in imports.FINISHED,
            "succeeded": product_import.status == ImportStatus.SUCCEEDED,
        },
    )


@merchant_page
@require_GET
def product_import_progress(request, pk: int):
    product_import = get_object_or_404(
        product_imports_of(merchant=request.merchant).defer("errors"), pk=pk
    )
    return JsonResponse(_progress(product_import))


def _csv_safe(value) -> str:
    text = "" if value is None else str(value)
    # A cell starting like a formula would run in a spreadsheet program.
    return "'" + text if text.startswith(imports.FORMULA_TRIGGERS) else text


@merchant_page
@require_GET
def product_import_errors(request, pk: int):
    """The import's errors as CSV (UTF-8 with a byte order mark, so Excel reads it)."""
    product_import = _import_or_404(request, pk)
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer)
    writer.writerow(["row", "column", "message"])
    for error in product_import.errors:
        writer.writerow([_csv_safe(error.get(name)) for name in ("row", "field", "message")])
    response = HttpResponse(
        buffer.getvalue().encode("utf-8-sig"), content_type=imports.CONTENT_TYPES[FileFormat.CSV]
    )
    name = f"import-{product_import.pk}-errors.csv"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


# --- Orders --------------------------------------------------------------------------------------


@merchant_page
@require_GET
def orders(request):
    return _orders_page(request)


def _orders_page(request, *, failed_order: int | None = None, failed_form=None):
    filters = OrderFilterForm(request.GET)
    queryset = selectors.orders_filter(orders_visible_to(request.user), **filters.filters())
    queryset = selectors.orders_for_merchant(orders_with_earnings(queryset))
    page = _page(request, queryset, PAGE_SIZE)
    context = {"filters": filters, "page_obj": page} | fraud.orders_fraud_context(
        request.merchant, page, failed_order=failed_order, failed_form=failed_form
    )
    status = 200 if failed_form is None else 400
    return render(request, "merchant/orders.html", context, status=status)


@merchant_page
@require_POST
def order_report(request, pk: int):
    """Report one of the merchant's attributed orders as suspicious: a flag an admin reviews
    (it holds and voids nothing by itself). The page's filters ride along in the query."""
    order = get_object_or_404(orders_visible_to(request.user), pk=pk)
    form = fraud.ReportForm(request.POST, prefix=f"report-{pk}")
    if form.is_valid() and form.run_service(
        order_report_service, order=order, actor=request.user, note=form.cleaned_data["note"]
    ):
        messages.success(
            request,
            _("Order %(order)s was reported. A reviewer will look at it.")
            % {"order": order.order_id},
        )
        query = request.GET.urlencode()
        return redirect(reverse("merchant-orders") + (f"?{query}" if query else ""))
    return _orders_page(request, failed_order=pk, failed_form=form)


# --- Top promoters -------------------------------------------------------------------------------


@merchant_page
@require_GET
def promoters(request):
    days = period_days(request.GET.get("days"))
    period, rows = selectors.top_promoters(merchant=request.merchant, days=days)
    return render(
        request,
        "merchant/promoters.html",
        {
            "rows": rows,
            "period": period,
            "days": days,
            "periods": _period_links(days),
        },
    )
