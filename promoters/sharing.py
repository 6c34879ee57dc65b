"""Share forms of a link: short URL, QR code, share text."""

import io

import segno
from django.conf import settings
from django.urls import reverse

from alliance.money import format_money

from .models import Link


def short_url(link: Link, *, request=None) -> str:
    path = reverse("link-redirect", args=[link.code])
    if settings.ALLIANCE_SHORT_URL_BASE:
        return settings.ALLIANCE_SHORT_URL_BASE + path
    return request.build_absolute_uri(path) if request is not None else path


def share_text(link: Link, *, url: str) -> str:
    """Title, price and short URL, ready to paste into a group chat or a post."""
    if link.product_id:
        lines = [link.product.title, format_money(link.product.price)]
    else:
        lines = [link.merchant.name]
    if link.coupon_id:
        lines.append(f"{link.coupon.code}: {link.coupon.description}")
    lines.append(url)
    return "\n".join(lines)


def qr_svg(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="svg", scale=6, border=2)
    return buffer.getvalue()


def qr_png(url: str) -> bytes:
    buffer = io.BytesIO()
    segno.make(url, error="m").save(buffer, kind="png", scale=8, border=2)
    return buffer.getvalue()
