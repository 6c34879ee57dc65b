"""Declare, as approved, the domains every existing merchant already uses: its store URL's host
and its products' URL hosts. Without this, a database from before store domains would refuse
every product change. A host that is not a plain domain name (an IP address, `localhost`) is
left undeclared: those products keep their URL, and a new URL must be on a declared domain."""

import re
from urllib.parse import urlsplit

from django.db import migrations
from django.utils import timezone

REASON = "Declared from the store and product URLs in use when store domains were introduced."
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def _host(url: str) -> str | None:
    # A frozen copy of products.models.host_of_url: a migration must not change when the app's
    # code does.
    try:
        parts = urlsplit(url or "")
        host = (parts.hostname or "").rstrip(".").encode("idna").decode("ascii")
    except (ValueError, UnicodeError):
        return None
    labels = host.split(".")
    if (
        parts.scheme.lower() not in ("http", "https")
        or len(host) > 253
        or len(labels) < 2
        or not all(_LABEL.match(label) for label in labels)
        or labels[-1].isdigit()
    ):
        return None
    return host


def declare_existing_domains(apps, schema_editor):
    Merchant = apps.get_model("products", "Merchant")
    Product = apps.get_model("products", "Product")
    StoreDomain = apps.get_model("products", "StoreDomain")
    now = timezone.now()
    hosts: set[tuple[int, str]] = set()
    for merchant_id, store_url in Merchant.objects.values_list("pk", "store_url").iterator():
        hosts.add((merchant_id, _host(store_url)))
    for merchant_id, url in Product.objects.values_list("merchant_id", "url").iterator():
        hosts.add((merchant_id, _host(url)))
    StoreDomain.objects.bulk_create(
        [
            StoreDomain(
                merchant_id=merchant_id,
                host=host,
                status="approved",
                review_reason=REASON,
                reviewed_at=now,
            )
            for merchant_id, host in sorted(pair for pair in hosts if pair[1])
        ],
        batch_size=500,
        ignore_conflicts=True,
    )


class Migration(migrations.Migration):
    dependencies = [("products", "0006_store_domain")]

    operations = [migrations.RunPython(declare_existing_domains, migrations.RunPython.noop)]
