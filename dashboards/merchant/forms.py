from decimal import Decimal
from pathlib import PurePath

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from alliance.errors import AllianceError
from commissions.models import Commission, Order
from products.models import Category, Product, ProductImport

from .selectors import DEFAULT_PRODUCT_SORT

FileFormat = ProductImport.FileFormat


class ProductFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, help_text=_("Title or SKU"))
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("All categories"),
    )
    active = forms.ChoiceField(
        label=_("Active"),
        required=False,
        choices=[("", _("All")), ("yes", _("Active")), ("no", _("Inactive"))],
    )
    stock = forms.ChoiceField(
        label=_("Stock"),
        required=False,
        choices=[("", _("All")), *Product.StockStatus.choices],
    )
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        choices=[
            ("-updated", _("Recently updated")),
            ("updated", _("Least recently updated")),
            ("title", _("Title A to Z")),
            ("-title", _("Title Z to A")),
        ],
    )

    def filters(self) -> dict:
        """The selector's arguments; a filter that does not validate is left out."""
        self.is_valid()
        data = self.cleaned_data
        active = data.get("active")
        return {
            "search": (data.get("q") or "").strip(),
            "category": data.get("category"),
            "is_active": {"yes": True, "no": False}.get(active),
            "stock_status": data.get("stock") or "",
            "sort": data.get("sort") or DEFAULT_PRODUCT_SORT,
        }


class ProductRateForm(forms.Form):
    commission_rate = forms.DecimalField(
        label=_("Commission rate (%)"),
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        max_digits=5,
        decimal_places=2,
        help_text=_("Empty means your default rate."),
        widget=forms.TextInput(attrs={"inputmode": "decimal", "size": 6}),
    )


class ProductImportForm(forms.Form):
    file = forms.FileField(
        label=_("Product file (CSV or XLSX)"),
        help_text=_(
            "Columns sku, title, url and price, and optionally image_url, category, "
            "commission_rate, is_active and stock_status. CSV files must be UTF-8."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )

    def clean_file(self):
        file = self.cleaned_data["file"]
        extension = PurePath(file.name or "").suffix.lower().lstrip(".")
        if extension == "xls":
            raise forms.ValidationError(
                _("Old .xls workbooks are not supported; save the file as .xlsx.")
            )
        if extension not in FileFormat.values:
            raise forms.ValidationError(_("Upload a .csv or .xlsx file."))
        # Checked before the upload is read into memory; the service checks the bytes again.
        limit = settings.ALLIANCE_IMPORT_MAX_BYTES
        if file.size > limit:
            raise forms.ValidationError(
                _("The file is larger than %(limit)s MB; split it into smaller files.")
                % {"limit": f"{limit / 1024 / 1024:g}"}
            )
        self.file_format = extension
        return file

    def run_service(self, service, **kwargs):
        """Call the import service; a refused file puts its reason next to the file field."""
        file = self.cleaned_data["file"]
        try:
            return service(
                file_format=self.file_format,
                content=file.read(),
                file_name=file.name or "",
                **kwargs,
            )
        except AllianceError as exc:
            self.add_error("file", exc.message)
            return None


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *Order.Status.choices]
    )
    invalid_reason = forms.ChoiceField(
        label=_("Invalid reason"),
        required=False,
        choices=[("", _("Any (attributed orders)")), *Commission.InvalidReason.choices],
    )
    date_from = forms.DateField(
        label=_("Paid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    date_to = forms.DateField(
        label=_("Paid until"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        data = super().clean()
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", _("The end date is before the start date."))
        return data

    def filters(self) -> dict:
        """The selector's arguments; a filter that does not validate is left out."""
        self.is_valid()
        data = self.cleaned_data
        return {
            "status": data.get("status") or "",
            "invalid_reason": data.get("invalid_reason") or "",
            "date_from": data.get("date_from"),
            "date_to": data.get("date_to") if "date_to" not in self.errors else None,
        }
