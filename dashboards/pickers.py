"""Pickers: a text field that finds a row by what people know it by (a promoter's username or
name, a product's SKU or title) instead of an internal number.

The page works without script: the server reads the text and finds the one row it names, or
says that none or several match (naming a few). With app.js, typing fills the field's
<datalist> from a lookup URL that answers the same search as JSON."""

from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from promoters.models import Promoter

SUGGESTIONS = 20  # a datalist longer than this is a list nobody reads
NAMED_IN_ERRORS = 5


@dataclass(frozen=True)
class Finder:
    """How one kind of row is found from text: `tiers` are tried in order and the first that
    matches anything decides; `value` is the text that names a row exactly, `label` what the
    suggestion list shows beside it."""

    tiers: Callable[[str], list[Q]]
    search: Callable[[str], Q]
    value: Callable[[object], str]
    label: Callable[[object], str]
    order: tuple[str, ...]

    def find(self, queryset: QuerySet, text: str) -> list:
        text = text.strip()
        if not text:
            return []
        for condition in self.tiers(text):
            if condition is None:
                continue
            found = list(queryset.filter(condition).order_by(*self.order)[: NAMED_IN_ERRORS + 1])
            if found:
                return found
        return []

    def suggest(self, queryset: QuerySet, text: str) -> list[dict]:
        text = text.strip()
        if not text:
            return []
        rows = queryset.filter(self.search(text)).order_by(*self.order)[:SUGGESTIONS]
        return [{"value": self.value(row), "label": self.label(row)} for row in rows]


def _number(text: str) -> int | None:
    digits = text.removeprefix("#")
    return int(digits) if digits.isdigit() and len(digits) < 10 else None


def _promoter_tiers(text: str) -> list[Q]:
    number = _number(text)
    return [
        Q(user__username__iexact=text),
        Q(pk=number) if number is not None else None,
        Q(invite_code__iexact=text),
        Q(display_name__iexact=text),
        Q(display_name__icontains=text) | Q(user__username__icontains=text),
    ]


PROMOTERS = Finder(
    tiers=_promoter_tiers,
    search=lambda text: (
        Q(display_name__icontains=text)
        | Q(user__username__icontains=text)
        | Q(invite_code__iexact=text)
    ),
    value=lambda promoter: promoter.user.username,
    label=lambda promoter: promoter.display_name,
    order=("display_name", "pk"),
)

PRODUCT_SEPARATOR = " · "


def _product_tiers(text: str) -> list[Q]:
    sku, _separator, store = text.partition(PRODUCT_SEPARATOR)
    number = _number(text)
    return [
        Q(sku__iexact=sku.strip(), merchant__name__iexact=store.strip()) if store else None,
        Q(sku__iexact=text),
        Q(pk=number) if number is not None else None,
        Q(title__iexact=text),
        Q(title__icontains=text) | Q(sku__icontains=text),
    ]


PRODUCTS = Finder(
    tiers=_product_tiers,
    search=lambda text: Q(title__icontains=text) | Q(sku__icontains=text),
    value=lambda product: f"{product.sku}{PRODUCT_SEPARATOR}{product.merchant.name}",
    label=lambda product: product.title,
    order=("title", "pk"),
)


class PickerInput(forms.TextInput):
    """A text input tied to a <datalist> that app.js fills from `lookup_url`."""

    def __init__(self, *, lookup_url_name: str, attrs=None):
        super().__init__(attrs={"autocomplete": "off", **(attrs or {})})
        self.lookup_url_name = lookup_url_name

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget = context["widget"]
        list_id = f"{widget['attrs'].get('id') or name}-choices"
        widget["attrs"]["list"] = list_id
        widget["attrs"]["data-lookup"] = reverse(self.lookup_url_name)
        return context

    def render(self, name, value, attrs=None, renderer=None):
        html = super().render(name, value, attrs, renderer)
        list_id = f"{(attrs or {}).get('id') or self.attrs.get('id') or name}-choices"
        return format_html('{}<datalist id="{}"></datalist>', html, list_id)


class PickerField(forms.Field):
    """Text in, one row out (or its primary key with `as_pk`): none or several matching rows
    are a form error that names the first few."""

    default_error_messages = {
        "none": _("Nothing matches “%(text)s”."),
        "several": _("Several match “%(text)s”: %(names)s. Type more of it or pick one."),
    }

    def __init__(
        self, *, finder: Finder, queryset: QuerySet, lookup_url_name: str, as_pk=False, **kwargs
    ):
        kwargs.setdefault("widget", PickerInput(lookup_url_name=lookup_url_name))
        super().__init__(**kwargs)
        self.finder = finder
        self.queryset = queryset
        self.as_pk = as_pk

    def to_python(self, value):
        text = str(value or "").strip()
        if not text:
            return None
        found = self.finder.find(self.queryset, text)
        if not found:
            raise forms.ValidationError(
                self.error_messages["none"], code="invalid_choice", params={"text": text}
            )
        if len(found) > 1:
            names = ", ".join(self.finder.value(row) for row in found[:NAMED_IN_ERRORS])
            raise forms.ValidationError(
                self.error_messages["several"],
                code="ambiguous",
                params={"text": text, "names": names},
            )
        return found[0].pk if self.as_pk else found[0]


def promoter_picker(**kwargs) -> PickerField:
    kwargs.setdefault("label", _("Promoter"))
    kwargs.setdefault("help_text", _("Username, name or invite code."))
    return PickerField(
        finder=PROMOTERS,
        queryset=Promoter.objects.select_related("user"),
        lookup_url_name="console-promoter-lookup",
        **kwargs,
    )


def lookup_response(finder: Finder, queryset: QuerySet, text: str) -> JsonResponse:
    return JsonResponse({"results": finder.suggest(queryset, text or "")})
