from datetime import timedelta

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from alliance.errors import AllianceError
from commissions.models import Commission
from products.models import Category, Product
from products.selectors import products_visible_to
from promoters.models import Channel

from ..periods import DEFAULT_PERIOD, day_start
from ..pickers import PRODUCTS, PickerField

WINDOW_CHOICES = [(7, _("Last 7 days")), (30, _("Last 30 days")), (90, _("Last 90 days"))]


def promotable_products(promoter):
    """The products the link builder may pick: those this promoter may promote."""
    return products_visible_to(promoter.user).select_related("merchant")


class ServiceForm(forms.Form):
    def run_service(self, service, **kwargs):
        """Call a service; a domain error lands next to its field (or above the form)."""
        try:
            return service(**kwargs)
        except AllianceError as exc:
            self.add_error(exc.field if exc.field in self.fields else None, exc.message)
            return None


class WindowForm(forms.Form):
    days = forms.TypedChoiceField(
        label=_("Period"),
        choices=WINDOW_CHOICES,
        coerce=int,
        required=False,
        # An unbound form shows the period the page counts, not the first choice.
        initial=DEFAULT_PERIOD,
    )

    def days_value(self) -> int:
        if self.is_valid() and self.cleaned_data["days"]:
            return self.cleaned_data["days"]
        return DEFAULT_PERIOD


class ProductFilterForm(forms.Form):
    SORTS = [
        ("earning", _("Estimated earning per sale")),
        ("rate", _("Commission rate")),
        ("price", _("Price, lowest first")),
        ("-price", _("Price, highest first")),
        ("popular", _("Popularity (clicks, last 30 days)")),
    ]
    ORDERING = {
        "earning": ["-estimated_earning", "-promoter_rate", "pk"],
        "rate": ["-promoter_rate", "-estimated_earning", "pk"],
        "price": ["price", "pk"],
        "-price": ["-price", "pk"],
        "popular": ["-popularity", "-estimated_earning", "pk"],
    }

    q = forms.CharField(label=_("Search"), required=False, max_length=100)
    category = forms.ModelChoiceField(
        label=_("Category"),
        queryset=Category.objects.all(),
        required=False,
        empty_label=_("All categories"),
    )
    min_price = forms.DecimalField(label=_("Price from"), required=False, min_value=0)
    max_price = forms.DecimalField(label=_("Price to"), required=False, min_value=0)
    min_rate = forms.DecimalField(label=_("Rate from (%)"), required=False, min_value=0)
    max_rate = forms.DecimalField(label=_("Rate to (%)"), required=False, min_value=0)
    min_earning = forms.DecimalField(label=_("Earning per sale from"), required=False, min_value=0)
    max_earning = forms.DecimalField(label=_("Earning per sale to"), required=False, min_value=0)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORTS, required=False)

    RANGES = {
        "min_price": "price__gte",
        "max_price": "price__lte",
        "min_rate": "promoter_rate__gte",
        "max_rate": "promoter_rate__lte",
        "min_earning": "estimated_earning__gte",
        "max_earning": "estimated_earning__lte",
    }

    def apply(self, queryset):
        """Filter and sort `queryset` (annotated with promoter_rate and estimated_earning)."""
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("q"):
            term = data["q"].strip()
            queryset = queryset.filter(
                Q(title__icontains=term)
                | Q(sku__icontains=term)
                | Q(merchant__name__icontains=term)
            )
        if data.get("category"):
            queryset = queryset.filter(category=data["category"])
        for name, lookup in self.RANGES.items():
            if data.get(name) is not None:
                queryset = queryset.filter(**{lookup: data[name]})
        return queryset.order_by(*self.ORDERING[data.get("sort") or "earning"])


class LinkForm(ServiceForm):
    product = PickerField(
        label=_("Product"),
        finder=PRODUCTS,
        queryset=Product.objects.none(),
        lookup_url_name="promoter-product-lookup",
        help_text=_("Type its name or SKU, or pick it on the product selection page."),
        error_messages={"none": _("None of the products you may promote matches “%(text)s”.")},
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"), queryset=Channel.objects.none(), empty_label=_("Choose a channel")
    )
    coupon = forms.ModelChoiceField(
        label=_("Coupon"),
        queryset=None,
        required=False,
        empty_label=_("No coupon"),
    )
    sub_id = forms.CharField(
        label=_("Sub ID"),
        max_length=64,
        required=False,
        help_text=_("Your own tag for this link (up to 64 characters), reported with each click."),
    )

    def __init__(self, *args, promoter, coupons, **kwargs):
        super().__init__(*args, **kwargs)
        self.promoter = promoter
        self.fields["product"].queryset = promotable_products(promoter)
        self.fields["channel"].queryset = promoter.channels.all()
        self.fields["channel"].error_messages["invalid_choice"] = _("Choose one of your channels.")
        self.fields["coupon"].queryset = coupons
        self.fields["coupon"].label_from_instance = lambda c: f"{c.code} — {c.description}"
        self.fields["coupon"].error_messages["invalid_choice"] = _(
            "This coupon cannot be used on this link."
        )


class LinkFilterForm(forms.Form):
    channel = forms.ModelChoiceField(
        label=_("Channel"),
        queryset=Channel.objects.none(),
        required=False,
        empty_label=_("All channels"),
    )
    active = forms.ChoiceField(
        label=_("State"),
        choices=[("", _("All")), ("yes", _("Active")), ("no", _("Inactive"))],
        required=False,
    )

    def __init__(self, *args, promoter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = promoter.channels.all()

    def apply(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("channel"):
            queryset = queryset.filter(channel=data["channel"])
        if data.get("active"):
            queryset = queryset.filter(is_active=data["active"] == "yes")
        return queryset


class ChannelForm(ServiceForm):
    name = forms.CharField(label=_("Name"), max_length=80)
    kind = forms.ChoiceField(label=_("Kind"), choices=Channel.Kind.choices)


class ChannelRenameForm(ServiceForm):
    name = forms.CharField(label=_("New name"), max_length=80)


class OrderFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), choices=[("", _("All")), *Commission.Status.choices], required=False
    )
    paid_from = forms.DateField(
        label=_("Paid from"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    paid_to = forms.DateField(
        label=_("Paid to"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    channel = forms.ModelChoiceField(
        label=_("Channel"),
        queryset=Channel.objects.none(),
        required=False,
        empty_label=_("All channels"),
    )

    def __init__(self, *args, promoter, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["channel"].queryset = promoter.channels.all()

    def apply(self, queryset):
        data = self.cleaned_data if self.is_valid() else {}
        if data.get("status"):
            queryset = queryset.filter(status=data["status"])
        if data.get("paid_from"):
            queryset = queryset.filter(paid_at__gte=day_start(data["paid_from"]))
        if data.get("paid_to"):
            queryset = queryset.filter(paid_at__lt=day_start(data["paid_to"] + timedelta(days=1)))
        if data.get("channel"):
            queryset = queryset.filter(channel=data["channel"])
        return queryset
