"""A merchant's products and the categories they are filed under."""

from django.db import transaction
from django.utils.translation import gettext as _

from alliance.errors import AllianceError, Conflict
from alliance.services import save_unique

from ..models import Category, Product
from ..rules import product_sku_check, product_sku_taken_error
from .domains import url_domain_check


def product_delete(*, product: Product) -> None:
    """A product that links point at is kept for their history: deactivate it instead."""
    if product.links.exists():
        raise Conflict(
            _("Promoters have links to this product; deactivate it instead of deleting it."),
            code="product_in_use",
        )
    product.delete()


@transaction.atomic
def product_save(*, product: Product) -> Product:
    """Create or change one product; every field and the per-merchant SKU are validated, and a
    new or changed URL must be on one of the merchant's approved store domains."""
    product_sku_check(merchant_id=product.merchant_id, sku=product.sku, pk=product.pk)
    product.full_clean()
    if product.pk is None or product.url != (
        Product.objects.filter(pk=product.pk).values_list("url", flat=True).first()
    ):
        url_domain_check(merchant_id=product.merchant_id, url=product.url, field="url")
    save_unique(
        product,
        clash=Product.objects.filter(merchant_id=product.merchant_id, sku=product.sku),
        error=product_sku_taken_error(),
    )
    return product


def category_save(*, category: Category) -> Category:
    """Create or change a category; its parent chain must not lead back to itself."""
    seen: set[int] = set()
    ancestor = category.parent
    while ancestor is not None and ancestor.pk not in seen:
        if category.pk is not None and ancestor.pk == category.pk:
            raise AllianceError(
                _("A category cannot be filed under itself or one of its subcategories."),
                field="parent",
                code="category_cycle",
            )
        seen.add(ancestor.pk)
        ancestor = ancestor.parent
    category.full_clean()
    category.save()
    return category


def category_delete(*, category: Category) -> None:
    """A category with subcategories stays; its products just lose their category."""
    if category.children.exists():
        raise Conflict(
            _("This category has subcategories; move or delete them first."),
            code="category_in_use",
        )
    category.delete()
