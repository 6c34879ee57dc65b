"""Write paths for promoters, channels and tracked links."""

import functools
import hashlib
import hmac
import ipaddress
import secrets
import string
from datetime import timedelta

from crawlerdetect import CrawlerDetect
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from ua_parser import parse_device

from alliance.errors import AllianceError, Conflict, NotAllowed
from alliance.models import ReviewStatus, User
from alliance.services import lock, review_move, save_unique
from products.models import Coupon, Merchant, Product
from products.services import user_create

from .models import (
    CampaignApplication,
    Channel,
    Link,
    OwnCustomer,
    Promoter,
    UplineRelation,
)

BASE62 = string.digits + string.ascii_letters
INVITE_ALPHABET = string.ascii_uppercase + string.digits
DEFAULT_CHANNEL_NAME = "Default"


def _random_code(alphabet: str, length: int) -> str:
    return "".join(secrets.choice(alphabet) for _ in range(length))


def _create_with_unique_code(create, *, alphabet: str, length: int, attempts: int = 5):
    """Random codes collide rarely; the unique constraint decides, and we draw again."""
    for _attempt in range(attempts):
        try:
            with transaction.atomic():
                return create(_random_code(alphabet, length))
        except IntegrityError:
            continue
    raise Conflict(_("Could not allocate a unique code; try again."))


@transaction.atomic
def promoter_signup(
    *,
    username: str,
    password: str,
    email: str = "",
    display_name: str,
    invite_code: str = "",
    platforms: list | None = None,
    fans_count: int = 0,
    audience_tags: list | None = None,
) -> Promoter:
    """A new promoter starts pending with a default channel. A valid invite code makes the
    inviter its upline for ALLIANCE_UPLINE_EXPIRY_DAYS."""
    inviter = None
    invite_code = invite_code.strip().upper()
    if invite_code:
        inviter = Promoter.objects.filter(
            invite_code=invite_code, status=ReviewStatus.APPROVED
        ).first()
        if inviter is None:
            raise AllianceError(
                _("This invite code does not belong to an active promoter."),
                field="invite_code",
                code="invalid_invite_code",
            )
    user = user_create(username=username, password=password, email=email)

    def create(code: str) -> Promoter:
        return Promoter.objects.create(
            user=user,
            display_name=display_name,
            invite_code=code,
            platforms=platforms or [],
            fans_count=fans_count,
            audience_tags=audience_tags or [],
        )

    promoter = _create_with_unique_code(create, alphabet=INVITE_ALPHABET, length=8)
    Channel.objects.create(promoter=promoter, name=DEFAULT_CHANNEL_NAME, is_default=True)
    if inviter is not None:
        now = timezone.now()
        UplineRelation.objects.create(
            promoter=promoter,
            upline=inviter,
            starts_at=now,
            expires_at=now + timedelta(days=settings.ALLIANCE_UPLINE_EXPIRY_DAYS),
        )
    return promoter


@transaction.atomic
def promoter_review(
    *, promoter: Promoter, status: str, reviewer: User, reason: str = ""
) -> Promoter:
    """Approve, reject or suspend a promoter; only approved promoters create links, and a
    suspended promoter's links answer 410."""
    return review_move(obj=lock(promoter), status=status, reviewer=reviewer, reason=reason)


def promoter_update(*, promoter: Promoter, **fields) -> Promoter:
    for name, value in fields.items():
        setattr(promoter, name, value)
    promoter.full_clean(exclude=["user", "reviewed_by"])
    promoter.save()
    return promoter


def channel_name_check(*, promoter_id: int | None, name: str, pk: int | None = None) -> None:
    """A channel's name is the promoter's only once (the API checks it while validating)."""
    if Channel.objects.filter(promoter_id=promoter_id, name=name).exclude(pk=pk).exists():
        raise _channel_name_taken()


def _channel_name_taken() -> AllianceError:
    return AllianceError(
        _("You already have a channel with this name."), field="name", code="name_taken"
    )


def channel_save(*, channel: Channel) -> Channel:
    """Create or rename a channel; names are unique per promoter."""
    channel_name_check(promoter_id=channel.promoter_id, name=channel.name, pk=channel.pk)
    channel.full_clean(exclude=["promoter"])
    save_unique(
        channel,
        clash=Channel.objects.filter(promoter_id=channel.promoter_id, name=channel.name),
        error=_channel_name_taken(),
    )
    return channel


@transaction.atomic
def channel_set_default(*, channel: Channel) -> Channel:
    """Make `channel` the promoter's default (where links without a channel go); exactly one
    channel is the default. The promoter's channels are locked first, in pk order, so two
    requests cannot both leave a default."""
    channels = list(
        Channel.objects.select_for_update(of=("self",))
        .filter(promoter_id=channel.promoter_id)
        .order_by("pk")
    )
    if channel.pk not in {c.pk for c in channels}:
        raise AllianceError(_("Unknown channel."), field="channel", code="does_not_exist")
    Channel.objects.filter(promoter_id=channel.promoter_id, is_default=True).exclude(
        pk=channel.pk
    ).update(is_default=False)
    Channel.objects.filter(pk=channel.pk).update(is_default=True)
    channel.is_default = True
    return channel


def own_customer_declare(
    *, promoter: Promoter, merchant: Merchant, customer_id: str
) -> OwnCustomer:
    """Declare a customer id (in one merchant's store) as the promoter's own, once."""
    own_customer_check(promoter=promoter, merchant=merchant, customer_id=customer_id)
    own = OwnCustomer(promoter=promoter, merchant=merchant, customer_id=customer_id)
    save_unique(
        own,
        clash=OwnCustomer.objects.filter(
            promoter=promoter, merchant=merchant, customer_id=customer_id
        ),
        error=_own_customer_declared(),
    )
    return own


def own_customer_check(*, promoter: Promoter | None, merchant: Merchant, customer_id: str) -> None:
    """A customer is declared once per promoter and store (the API checks it while validating)."""
    clash = OwnCustomer.objects.filter(
        promoter=promoter, merchant=merchant, customer_id=customer_id
    )
    if clash.exists():
        raise _own_customer_declared()


def _own_customer_declared() -> AllianceError:
    return AllianceError(_("Already declared."), field="customer_id", code="already_declared")


def channel_delete(*, channel: Channel) -> None:
    """The default channel stays; a channel with links keeps them, so it cannot be deleted."""
    if channel.is_default:
        raise Conflict(_("The default channel cannot be deleted."), code="default_channel")
    if channel.links.exists():
        raise Conflict(_("This channel has links; it cannot be deleted."), code="channel_in_use")
    channel.delete()


def _require_approved(promoter: Promoter) -> None:
    if not promoter.is_approved:
        raise NotAllowed(
            _("Your promoter account is not approved yet."), code="promoter_not_approved"
        )


def link_create(
    *,
    promoter: Promoter,
    channel: Channel | None = None,
    product: Product | None = None,
    merchant: Merchant | None = None,
    coupon: Coupon | None = None,
    sub_id: str = "",
) -> Link:
    """Create a tracked link to a product or to a merchant's store. Every reference is checked
    against the promoter: its own channel, a promotable product of an approved merchant, and a
    coupon of that merchant that is valid and not exclusive to somebody else."""
    _require_approved(promoter)
    if channel is None:
        channel = promoter.channels.get(is_default=True)
    elif channel.promoter_id != promoter.pk:
        raise AllianceError(_("Unknown channel."), field="channel", code="does_not_exist")
    if product is not None:
        if merchant is not None and merchant.pk != product.merchant_id:
            raise AllianceError(_("The product is not this merchant's."), field="merchant")
        if not Product.objects.promotable().filter(pk=product.pk).exists():
            raise AllianceError(_("This product cannot be promoted."), field="product")
        merchant = product.merchant
    elif merchant is None:
        raise AllianceError(
            _("Give a product or a merchant to link to."), field="product", code="required"
        )
    elif not merchant.is_approved:
        raise AllianceError(_("This merchant cannot be promoted."), field="merchant")
    if coupon is not None:
        now = timezone.now()
        if (
            coupon.merchant_id != merchant.pk
            or not coupon.is_valid_at(now)
            or (coupon.exclusive_promoter_id not in (None, promoter.pk))
        ):
            raise AllianceError(_("This coupon cannot be used on this link."), field="coupon")

    def create(code: str) -> Link:
        return Link.objects.create(
            promoter=promoter,
            channel=channel,
            merchant=merchant,
            product=product,
            coupon=coupon,
            sub_id=sub_id,
            code=code,
        )

    return _create_with_unique_code(
        create, alphabet=BASE62, length=settings.ALLIANCE_LINK_CODE_LENGTH
    )


def link_update(*, link: Link, is_active: bool | None = None, sub_id: str | None = None) -> Link:
    """Retire or revive a link, or change its sub_id. Its target, channel and coupon never
    change once it has been shared."""
    if is_active is not None:
        link.is_active = is_active
    if sub_id is not None:
        link.sub_id = sub_id
    link.save(update_fields=["is_active", "sub_id"])
    return link


@transaction.atomic
def campaign_apply(*, campaign, promoter: Promoter, message: str = "") -> CampaignApplication:
    """Ask to join a targeted campaign; asking again returns the existing application."""
    _require_approved(promoter)
    if campaign.kind != campaign.Kind.TARGETED:
        raise AllianceError(
            _("Only targeted campaigns take applications."), field="campaign", code="not_targeted"
        )
    if not (campaign.is_active and campaign.merchant.is_approved):
        raise AllianceError(_("This campaign is not open."), field="campaign", code="closed")
    application, _created = CampaignApplication.objects.get_or_create(
        campaign=campaign, promoter=promoter, defaults={"message": message}
    )
    return application


@transaction.atomic
def campaign_application_review(
    *, application: CampaignApplication, status: str, reason: str = ""
) -> CampaignApplication:
    """The merchant approves or rejects a promoter's application (a reason for rejections)."""
    application = lock(application)
    if status not in {ReviewStatus.APPROVED, ReviewStatus.REJECTED}:
        raise AllianceError(_("Choose approved or rejected."), field="status")
    if status == ReviewStatus.REJECTED and not reason.strip():
        raise AllianceError(_("A reason is required."), field="reason", code="reason_required")
    application.status = status
    application.review_reason = reason.strip()
    application.reviewed_at = timezone.now()
    application.save(update_fields=["status", "review_reason", "reviewed_at"])
    return application


# --- Clicks -----------------------------------------------------------------------------------

# Crawlers and script clients, as two maintained rule sets know them: CrawlerDetect's list
# (search and social crawlers, link previews, HTTP libraries and command-line clients) and
# ua-parser's "Spider" device family. Both are data packages updated upstream: upgrading them
# is how the filter learns new bots, not editing a list here (docs/domain.md, "Bot?").
_crawler_detect = CrawlerDetect()


def client_ip(request) -> str:
    """The visitor's address, as the redirect and the sign-in sightings read it. Behind a
    reverse proxy, REMOTE_ADDR must be the visitor's address (docs/operations.md)."""
    return request.META.get("REMOTE_ADDR") or "0.0.0.0"


def visitor_hash(ip: str) -> str:
    """Keyed hash of the visitor's IP: counts unique visitors without storing the address."""
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, ip.encode(), hashlib.blake2b).hexdigest()[:32]


def network_hash(ip: str) -> str:
    """Keyed hash of the visitor's network, the /24 of an IPv4 address or the /48 of an IPv6
    one: the traffic rules count clicks from one network (a farm's subnet) without storing it.
    One HMAC, and the IPv4 case (nearly every visitor) is cut as a string, no parsing."""
    if ":" in ip:
        try:
            address = ipaddress.IPv6Address(ip)
        except ValueError:
            network = ip
        else:
            mapped = address.ipv4_mapped  # ::ffff:a.b.c.d on a dual-stack listener: IPv4's /24
            network = (
                str(mapped).rpartition(".")[0] if mapped else address.exploded[:14]
            )  # else the first three groups: 48 bits
    else:
        network = ip.rpartition(".")[0]
    key = settings.SECRET_KEY.encode()
    return hmac.new(key, b"net:" + network.encode(), hashlib.blake2b).hexdigest()[:16]


@functools.lru_cache(maxsize=4096)
def is_bot_agent(user_agent: str) -> bool:
    """Whether a click's user agent is a crawler or a script, not a person's browser. Real
    browsers and in-app browsers (WeChat, Weibo, Douyin, Xiaohongshu...) are people. Cached
    per string: a campaign's clicks come from a few hundred distinct agents."""
    if not user_agent.strip():
        return True
    if _crawler_detect.is_crawler(user_agent):
        return True
    device = parse_device(user_agent)
    return device is not None and device.family == "Spider"
