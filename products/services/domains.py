"""The store domains a merchant sells on, and the URLs (store and products) they approve."""

from urllib.parse import urlsplit

from django.db import transaction
from django.utils.translation import gettext as _

from alliance.audit import audit_record
from alliance.errors import AllianceError, Conflict
from alliance.models import ReviewStatus, User
from alliance.services import lock, review_move, save_unique

from ..models import (
    URL_SCHEMES,
    Merchant,
    Product,
    StoreDomain,
    host_covers,
    host_normalize,
    host_of_url,
)
from ..models import InvalidHost as InvalidHostText
from .members import owner_require


class DomainNotApproved(AllianceError):
    code = "url_domain_not_approved"


def store_url_host(store_url: str) -> str:
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


def store_domain_approve_with_merchant(*, merchant: Merchant, reviewer: User) -> None:
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
    owner_require(merchant, actor)
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
    owner_require(domain.merchant, actor)
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
