"""Where users sign in from: each sign-in (the pages' and the API's) records the network's
visitor hash, the same keyed hash the redirect stores for a click, so that an order whose click
came from a network the promoter signs in from can be told (docs/fraud.md, self_purchase)."""

import logging

from django.db import transaction

from promoters.services import client_ip, visitor_hash

from ..models import Sighting

logger = logging.getLogger(__name__)


def sighting_record(*, user, ip_hash: str) -> None:
    """Record that `user` signed in from the network `ip_hash`: one row per user and network,
    its last_seen moved on each sign-in (an upsert, safe under concurrent sign-ins)."""
    Sighting.objects.bulk_create(
        [Sighting(user=user, ip_hash=ip_hash)],
        update_conflicts=True,
        unique_fields=["user", "ip_hash"],
        update_fields=["last_seen"],
    )


def sighting_on_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """The receiver of both sign-in signals. A sign-in never fails for want of its sighting:
    an error is logged and the sign-in goes on."""
    if request is None or user is None or user.pk is None:
        return
    try:
        with transaction.atomic():
            sighting_record(user=user, ip_hash=visitor_hash(client_ip(request)))
    except Exception:
        logger.warning("Could not record the sign-in of user %s", user.pk, exc_info=True)
