"""A product save and an admin's suspension of its domain never overlap: the save holds the
covering domain's row until it commits. Two real PostgreSQL connections; SQLite serialises every
writer anyway, so this file is not embedded."""

import threading

import pytest
from django.db import OperationalError, connection, transaction

from alliance.models import ReviewStatus
from products import services
from products.models import Product, StoreDomain

from .. import factories

pytestmark = pytest.mark.django_db(transaction=True)


def _suspend_from_another_connection(domain_pk: int, admin, outcome: dict) -> None:
    try:
        with connection.cursor() as cursor:
            # Long enough for any free row, far shorter than the test waits.
            cursor.execute("SET lock_timeout = '300ms'")
        services.store_domain_review(
            domain=StoreDomain.objects.get(pk=domain_pk),
            status=ReviewStatus.SUSPENDED,
            reviewer=admin,
            reason="Domain changed hands.",
        )
        outcome["result"] = "suspended"
    except OperationalError:
        outcome["result"] = "blocked"
    finally:
        connection.close()


def test_a_suspension_waits_for_a_product_save_on_its_domain():
    shop = factories.MerchantFactory(
        store_url="https://shop.example.com/", store_domains=["shop.example.com"]
    )
    domain = shop.store_domains.get()
    admin = factories.AdminFactory()
    outcome: dict = {}

    with transaction.atomic():
        services.product_save(
            product=Product(
                merchant=shop,
                sku="T-1",
                title="Tea",
                url="https://shop.example.com/1",
                price="5.00",
            )
        )
        # The save has checked the domain; it is not committed yet.
        racer = threading.Thread(
            target=_suspend_from_another_connection, args=(domain.pk, admin, outcome)
        )
        racer.start()
        racer.join()

    assert outcome == {"result": "blocked"}
    domain.refresh_from_db()
    assert domain.status == ReviewStatus.APPROVED
    # Once the save committed, the suspension goes through.
    after: dict = {}
    racer = threading.Thread(
        target=_suspend_from_another_connection, args=(domain.pk, admin, after)
    )
    racer.start()
    racer.join()
    domain.refresh_from_db()
    assert (after, domain.status) == ({"result": "suspended"}, ReviewStatus.SUSPENDED)
