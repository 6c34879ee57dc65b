"""Write paths for merchants and the catalog. One function per use case, each transactional."""

import base64
import secrets
from datetime import timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.auth_usernames import username_clean
from alliance.errors import AllianceError, Conflict, NotAllowed
from alliance.models import ReviewStatus, User
from alliance.roles import Right, account_require
from alliance.services import lock, review_move, save_unique

from ..models import (
    URL_SCHEMES,
    WEBHOOK_DELIVERY_LOG_SIZE,
    Campaign,
    Category,
    Coupon,
    Merchant,
    MerchantMember,
    Product,
    StoreDomain,
    WebhookDelivery,
    host_covers,
    host_normalize,
    host_of_url,
)
from ..models import InvalidHost as InvalidHostText
from ..rules import (
    campaign_window_check,
    coupon_code_check,
    coupon_code_taken_error,
    coupon_window_check,
    product_sku_check,
    product_sku_taken_error,
)


def user_create(*, username: str, password: str, email: str = "") -> User:
    """Create a login. The password must pass the configured validators; the username is
    normalised and must not mix alphabets (alliance.auth_usernames)."""
    username = username_clean(username=username)
    user_model = get_user_model()
    if user_model.objects.filter(username__iexact=username).exists():
        raise AllianceError(_("This username is taken."), field="username", code="username_taken")
    candidate = user_model(username=username, email=email)
    try:
        # The database would refuse what the model refuses (an email over 254 characters):
        # say so on the field instead.
        candidate.clean_fields(exclude=["password"])
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        raise AllianceError(" ".join(messages), field=field, code="invalid") from exc
    try:
        validate_password(password, user=candidate)
    except ValidationError as exc:
        raise AllianceError(" ".join(exc.messages), field="password", code="weak_password") from exc
    candidate.set_password(password)
    try:
        candidate.save()
    except IntegrityError as exc:
        raise AllianceError(
            _("This username is taken."), field="username", code="username_taken"
        ) from exc
    return candidate


@transaction.atomic
def merchant_signup(
    *, username: str, password: str, email: str = "", name: str, store_url: str
) -> Merchant:
    """A new merchant starts pending, its signing-up user as owner; an admin approves it."""
    user = user_create(username=username, password=password, email=email)
    merchant = Merchant(name=name, store_url=store_url)
    merchant.full_clean()
    merchant.save()
    MerchantMember.objects.create(user=user, merchant=merchant, role=MerchantMember.Role.OWNER)
    # The store URL's host is the merchant's first declared domain, reviewed like any other.
    StoreDomain.objects.create(merchant=merchant, host=_store_url_host(store_url))
    return merchant


@transaction.atomic
def merchant_review(
    *, merchant: Merchant, status: str, reviewer: User, reason: str = ""
) -> Merchant:
    """Approve, reject or suspend a merchant; only approved merchants' goods reach promoters.
    Approving it also approves its store URL's domain while that is pending: the admin reviewed
    the store URL with the sign-up (every review queue shows it)."""
    merchant = review_move(obj=lock(merchant), status=status, reviewer=reviewer, reason=reason)
    if status == ReviewStatus.APPROVED:
        _store_domain_approve_with_merchant(merchant=merchant, reviewer=reviewer)
    return merchant


def _require_owner(merchant: Merchant, actor: User) -> None:
    membership = getattr(actor, "merchant_membership", None)
    if not (membership and membership.merchant_id == merchant.pk) or (
        membership.role != MerchantMember.Role.OWNER
    ):
        raise NotAllowed(_("Only the merchant's owner may change its settings."))


# What a merchant may change whatever its status; every other field touches money.
MERCHANT_PROFILE_FIELDS = {"name", "store_url"}


@transaction.atomic
def merchant_update(*, merchant: Merchant, actor: User, **fields) -> Merchant:
    """Change a merchant's profile and commission settings; only its owner may, and only an
    approved merchant may change anything beyond its profile (rates, hold, attribution)."""
    _require_owner(merchant, actor)
    if set(fields) - MERCHANT_PROFILE_FIELDS:
        account_require(merchant, Right.ACT)
    merchant = lock(merchant)
    store_url_before = merchant.store_url
    for name, value in fields.items():
        setattr(merchant, name, value)
    merchant.full_clean()
    if merchant.store_url != store_url_before:
        url_domain_check(merchant_id=merchant.pk, url=merchant.store_url, field="store_url")
    merchant.save()
    return merchant


def webhook_secret_new() -> str:
    """A Standard Webhooks secret: `whsec_` and 32 random bytes in base64."""
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


@transaction.atomic
def merchant_webhook_secret_rotate(*, merchant: Merchant, actor: User) -> str:
    """Issue a new signing secret and return it (the only time it is shown in full). The
    secret it replaces keeps verifying for ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS, so the store
    can switch over, or sign with both meanwhile (space-separated signatures)."""
    _require_owner(merchant, actor)
    merchant = lock(merchant)
    secret = webhook_secret_new()
    if merchant.webhook_secret:
        merchant.webhook_previous_secret = merchant.webhook_secret
        merchant.webhook_previous_secret_expires_at = timezone.now() + timedelta(
            hours=settings.ALLIANCE_WEBHOOK_SECRET_GRACE_HOURS
        )
    merchant.webhook_secret = secret
    merchant.save(
        update_fields=[
            "webhook_secret",
            "webhook_previous_secret",
            "webhook_previous_secret_expires_at",
        ]
    )
    return secret


def webhook_delivery_record(
    *,
    merchant: Merchant,
    http_status: int,
    error_code: str = "",
    message: str = "",
    event_id: str = "",
    is_test: bool = False,
) -> WebhookDelivery:
    """Log a refused webhook delivery or a test event, and drop the merchant's rows beyond the
    latest WEBHOOK_DELIVERY_LOG_SIZE in the same write, so the log stays bounded however many
    bad deliveries arrive. Accepted deliveries are not logged here: the inbox holds them."""
    delivery = WebhookDelivery(
        merchant=merchant,
        http_status=http_status,
        error_code=error_code[:40],
        message=message[:2000],
        event_id=event_id[:128],
        is_test=is_test,
    )
    with transaction.atomic():
        delivery.save()
        # The oldest row still kept; everything of this merchant before it goes.
        kept = (
            WebhookDelivery.objects.filter(merchant=merchant)
            .order_by("-pk")
            .values("pk")[WEBHOOK_DELIVERY_LOG_SIZE - 1 : WEBHOOK_DELIVERY_LOG_SIZE]
        )
        WebhookDelivery.objects.filter(merchant=merchant, pk__lt=Subquery(kept)).delete()
    return delivery


def product_delete(*, product: Product) -> None:
    """A product that links point at is kept for their history: deactivate it instead."""
    if product.links.exists():
        raise Conflict(
            _("Promoters have links to this product; deactivate it instead of deleting it."),
            code="product_in_use",
        )
    product.delete()


def campaign_save(*, campaign: Campaign, products: list[Product] | None) -> Campaign:
    """Save a commission plan of an approved merchant; its products must be its own, and its
    window must hold (products.rules)."""
    campaign_window_check(
        kind=campaign.kind, starts_at=campaign.starts_at, ends_at=campaign.ends_at
    )
    account_require(campaign.merchant, Right.ACT)
    if products is not None and any(p.merchant_id != campaign.merchant_id for p in products):
        raise AllianceError(_("Every product must be your own."), field="products")
    campaign.full_clean()
    with transaction.atomic():
        campaign.save()
        if products is not None:
            campaign.products.set(products)
    return campaign


def coupon_save(*, coupon: Coupon) -> Coupon:
    """Save a coupon of an approved merchant; an exclusive coupon must name an approved
    promoter. Its window and its code's uniqueness are products.rules'."""
    coupon_window_check(valid_from=coupon.valid_from, valid_until=coupon.valid_until)
    coupon_code_check(merchant_id=coupon.merchant_id, code=coupon.code, pk=coupon.pk)
    account_require(coupon.merchant, Right.ACT)
    promoter = coupon.exclusive_promoter
    if promoter is not None and not promoter.is_approved:
        raise AllianceError(
            _("The promoter is not approved."), field="exclusive_promoter", code="not_approved"
        )
    coupon.full_clean()
    save_unique(
        coupon,
        clash=Coupon.objects.filter(merchant_id=coupon.merchant_id, code=coupon.code),
        error=coupon_code_taken_error(),
    )
    return coupon


def coupon_active_set(*, coupon: Coupon, is_active: bool) -> Coupon:
    """Switch a coupon off, or on again; switching it on checks it like any save (an exclusive
    promoter must still be approved), switching it off always works."""
    coupon.is_active = is_active
    if is_active:
        return coupon_save(coupon=coupon)
    coupon.save(update_fields=["is_active"])
    return coupon


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


# --- Store domains -----------------------------------------------------------------------------


class DomainNotApproved(AllianceError):
    code = "url_domain_not_approved"


def _store_url_host(store_url: str) -> str:
    try:
        return host_of_url(store_url)
    except InvalidHostText:
        raise AllianceError(
            _(
                "Use an http or https store URL on a domain name, such as https://shop.example.com/."
            ),
            field="store_url",
            code="invalid_host",
        ) from None


def _store_domain_approve_with_merchant(*, merchant: Merchant, reviewer: User) -> None:
    try:
        host = host_of_url(merchant.store_url)
    except InvalidHostText:
        return
    pending = StoreDomain.objects.filter(
        merchant=merchant, host=host, status=ReviewStatus.PENDING
    ).first()
    if pending is not None:
        store_domain_review(
            domain=pending,
            status=ReviewStatus.APPROVED,
            reviewer=reviewer,
            reason=_("Approved with the merchant."),
        )


def url_scheme_message() -> str:
    return _("Use an http or https URL.")


def _parent_domains(host: str) -> list[str]:
    """The host and every domain above it but the top level: a.shop.example.com gives
    a.shop.example.com, shop.example.com and example.com."""
    labels = host.split(".")
    return [".".join(labels[index:]) for index in range(len(labels) - 1)]


def url_domain_check(*, merchant_id: int, url: str, field: str) -> StoreDomain:
    """Refuse a URL that is not http(s) or whose host no approved domain of the merchant covers
    (a domain covers itself and the names under it). Inside a transaction the covering domain's
    row stays locked until commit, so an admin suspending it waits for the save, or the save
    sees the suspension."""
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        scheme = ""
    if scheme not in URL_SCHEMES:
        raise AllianceError(url_scheme_message(), field=field, code="url_scheme_not_allowed")
    try:
        host = host_of_url(url)
    except InvalidHostText:
        host = ""
    domain = (
        StoreDomain.objects.select_for_update(of=("self",))
        .filter(
            merchant_id=merchant_id,
            status=ReviewStatus.APPROVED,
            host__in=_parent_domains(host) if host else [],
        )
        .order_by("pk")
        .first()
    )
    if domain is None:
        raise DomainNotApproved(url_domain_message(host or url), field=field)
    return domain


def url_domain_message(host: str) -> str:
    return _(
        "%(host)s is not one of your approved store domains. Declare it on the store domains "
        "page; it counts once an admin approves it."
    ) % {"host": host}


@transaction.atomic
def store_domain_declare(*, merchant: Merchant, actor: User, host: str) -> StoreDomain:
    """Declare a domain the merchant sells on (owner only). It starts pending and counts for
    product and store URLs once an admin approves it."""
    _require_owner(merchant, actor)
    try:
        host = host_normalize(host)
    except InvalidHostText:
        raise AllianceError(
            _("Enter a domain name only, such as shop.example.com (no https://, port or path)."),
            field="host",
            code="invalid_host",
        ) from None
    domain = StoreDomain(merchant=merchant, host=host)
    clash = StoreDomain.objects.filter(merchant=merchant, host=host)
    already = Conflict(_("This domain is already on your list."), code="domain_already_declared")
    if clash.exists():
        raise already
    save_unique(domain, clash=clash, error=already)
    audit_record(actor=actor, action="storedomain.declare", target=domain, host=host)
    return domain


def _urls_kept_by(domain: StoreDomain) -> int:
    """How many of the merchant's URLs (store and products) only `domain` approves."""
    others = [
        other.host
        for other in StoreDomain.objects.filter(
            merchant_id=domain.merchant_id, status=ReviewStatus.APPROVED
        ).exclude(pk=domain.pk)
    ]
    urls = [domain.merchant.store_url]
    urls.extend(
        Product.objects.filter(merchant_id=domain.merchant_id).values_list("url", flat=True)
    )
    count = 0
    for url in urls:
        try:
            host = host_of_url(url)
        except InvalidHostText:
            continue
        if host_covers(domain.host, host) and not any(host_covers(o, host) for o in others):
            count += 1
    return count


@transaction.atomic
def store_domain_remove(*, domain: StoreDomain, actor: User) -> None:
    """Take a domain off the merchant's list (owner only). An approved domain that the store URL
    or a product's URL needs (no other approved domain covers it) stays: change those first."""
    _require_owner(domain.merchant, actor)
    domain = lock(domain)
    if domain.status == ReviewStatus.APPROVED:
        needed_by = _urls_kept_by(domain)
        if needed_by:
            raise Conflict(
                _(
                    "%(count)s of your URLs (store or products) need this domain; move them to "
                    "another approved domain first."
                )
                % {"count": needed_by},
                code="domain_in_use",
            )
    audit_record(actor=actor, action="storedomain.remove", target=domain, host=domain.host)
    domain.delete()


@transaction.atomic
def store_domain_review(
    *, domain: StoreDomain, status: str, reviewer: User, reason: str = ""
) -> StoreDomain:
    """Approve, reject or suspend a merchant's store domain (a reason is required to reject or
    suspend), recorded in the audit log. Only approved domains count; suspending one stops new
    and changed URLs on it, and products already on it keep their URL."""
    return review_move(obj=lock(domain), status=status, reviewer=reviewer, reason=reason)
