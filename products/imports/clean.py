"""Validating an import's rows: each row's product and its errors, by row and column."""

from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext as _

from alliance.models import ReviewStatus

from ..models import (
    URL_SCHEMES,
    Category,
    InvalidHost,
    Merchant,
    Product,
    ProductImport,
    StoreDomain,
    host_covers,
    host_of_url,
)
from ..services import url_domain_message, url_scheme_message
from .columns import BATCH_SIZE, COLUMNS, FALSE_WORDS, TRUE_WORDS, column_name, row_error
from .read import SheetRow, read_sheet

# Rows validated between two progress writes: about a hundred small UPDATEs for the largest file.
PROGRESS_EVERY = 200


class _Categories:
    """Every category by slug and by name; there are few, so one query serves a whole file."""

    def __init__(self) -> None:
        self.by_slug: dict[str, int] = {}
        self.by_name: dict[str, int] = {}
        for pk, slug, name in Category.objects.values_list("pk", "slug", "name"):
            self.by_slug[slug.casefold()] = pk
            self.by_name[name.casefold()] = pk

    def find(self, text: str) -> int | None:
        key = text.casefold()
        return self.by_slug.get(key, self.by_name.get(key))


class _Domains:
    """The merchant's approved store domains, read once for a whole file."""

    def __init__(self, merchant: Merchant) -> None:
        self.hosts = list(
            StoreDomain.objects.filter(merchant=merchant, status=ReviewStatus.APPROVED).values_list(
                "host", flat=True
            )
        )

    def problem(self, url: str) -> str | None:
        """Why a product may not point at `url`, or None when it may: the same rule as
        products.services.url_domain_check."""
        if url.split(":", 1)[0].lower() not in URL_SCHEMES:
            return url_scheme_message()
        try:
            host = host_of_url(url)
        except InvalidHost:
            return url_domain_message(url)
        if any(host_covers(domain, host) for domain in self.hosts):
            return None
        return url_domain_message(host)


def _decimal(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        raise ValidationError(_("Enter a plain number, such as 12.50."))
    return value


def _boolean(text: str) -> bool:
    word = text.casefold()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValidationError(_("Enter true or false (also accepted: yes/no, 1/0)."))


def _stock_status(text: str) -> str:
    # Accept the value (in_stock) and the label as shown in the dashboard (In stock).
    return column_name(text) if text else Product.StockStatus.IN_STOCK


def clean_row(
    *,
    row: SheetRow,
    merchant: Merchant,
    existing: Product | None,
    categories: _Categories,
    domains: _Domains,
) -> tuple[Product, list[dict]]:
    """The product a row describes and the row's errors. A blank commission_rate means the
    merchant's default, a blank is_active means active; a column absent from the file keeps an
    existing product's value (and the model default for a new one). A new or changed URL must
    be on one of the merchant's approved store domains."""
    values = row.values
    problems: dict[str, list[str]] = {
        # PostgreSQL refuses NUL in text, and no one means to type it.
        name: [_("Remove the NUL character from this cell.")]
        for name, text in values.items()
        if "\x00" in text
    }
    product = Product(merchant=merchant, sku=values["sku"])
    if existing is not None:
        for name in COLUMNS:
            if name not in values:
                field = Product._meta.get_field(name)
                setattr(product, field.attname, getattr(existing, field.attname))
    _cells_parse(product, values, problems, categories)
    try:
        # Foreign keys are resolved above and (merchant, sku) is the upsert's key, so skip the
        # per-row queries full_clean would make for them.
        product.full_clean(
            exclude=["merchant", "category", *problems],
            validate_unique=False,
            validate_constraints=False,
        )
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            problems.setdefault(name, []).extend(messages)
    if "url" not in problems and (existing is None or product.url != existing.url):
        problem = domains.problem(product.url)
        if problem:
            problems["url"] = [problem]
    errors = [
        row_error(row=row.number, field=None if name == NON_FIELD_ERRORS else name, message=message)
        for name in sorted(problems, key=_column_order)
        for message in problems[name]
    ]
    return product, errors


def _required_decimal(text: str) -> Decimal:
    if not text:
        raise ValidationError(_("This field is required."))
    return _decimal(text)


def _category(text: str, categories: _Categories) -> int | None:
    if not text:
        return None
    pk = categories.find(text)
    if pk is None:
        raise ValidationError(
            _("Unknown category “%(category)s”: use a category's slug or name.")
            % {"category": text}
        )
    return pk


def _cells_parse(
    product: Product,
    values: dict[str, str],
    problems: dict[str, list[str]],
    categories: _Categories,
) -> None:
    """Set the product's fields from the row's cells; a cell that does not parse adds its
    messages to `problems` instead (a cell with a problem already is left alone)."""

    def parse(name: str, convert) -> None:
        if name not in values or name in problems:
            return
        try:
            setattr(product, name, convert(values[name]))
        except ValidationError as exc:
            problems[name] = exc.messages

    for name in ("title", "url", "image_url"):
        parse(name, str)
    parse("price", _required_decimal)
    parse("commission_rate", lambda text: _decimal(text) if text else None)
    parse("is_active", lambda text: _boolean(text) if text else True)
    parse("stock_status", _stock_status)
    if "category" in values and "category" not in problems:
        try:
            product.category_id = _category(values["category"], categories)
        except ValidationError as exc:
            problems["category"] = exc.messages


def _column_order(name: str) -> int:
    return COLUMNS.index(name) if name in COLUMNS else len(COLUMNS)


def _existing_products(*, merchant: Merchant, skus: Iterable[str]) -> dict[str, Product]:
    skus = list(skus)
    found: dict[str, Product] = {}
    for start in range(0, len(skus), BATCH_SIZE):
        batch = skus[start : start + BATCH_SIZE]
        for product in Product.objects.filter(merchant=merchant, sku__in=batch):
            found[product.sku] = product
    return found


def validate(*, product_import: ProductImport) -> tuple[list[Product], set, list[dict]]:
    """Every row's product and error; progress is written as rows are checked."""
    columns, rows = read_sheet(
        content=bytes(product_import.content),
        file_format=product_import.file_format,
        max_rows=settings.ALLIANCE_IMPORT_MAX_ROWS,
    )
    progress = ProductImport.objects.filter(pk=product_import.pk)
    progress.update(total_rows=len(rows), processed_rows=0)
    existing = _existing_products(
        merchant=product_import.merchant, skus={row.values["sku"] for row in rows}
    )
    categories = _Categories()
    domains = _Domains(product_import.merchant)
    first_row_of: dict[str, int] = {}
    products: list[Product] = []
    errors: list[dict] = []
    for done, row in enumerate(rows, start=1):
        product, row_errors = clean_row(
            row=row,
            merchant=product_import.merchant,
            existing=existing.get(row.values["sku"]),
            categories=categories,
            domains=domains,
        )
        sku = row.values["sku"]
        if sku and sku in first_row_of:
            row_errors.insert(
                0,
                row_error(
                    row=row.number,
                    field="sku",
                    message=_("SKU “%(sku)s” is already in row %(row)s.")
                    % {"sku": sku, "row": first_row_of[sku]},
                ),
            )
        elif sku:
            first_row_of[sku] = row.number
        errors.extend(row_errors)
        if not row_errors:
            products.append(product)
        if done % PROGRESS_EVERY == 0:
            progress.update(processed_rows=done)
    progress.update(processed_rows=len(rows))
    return products, columns, errors
