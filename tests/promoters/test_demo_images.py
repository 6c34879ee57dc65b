"""The demo catalog's images are the platform's own static files, one per category: no demo
page needs another host, and offline they still show (promoters/management/demo_data.py)."""

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.test import Client

from products.models import Category, Product
from promoters.management.demo_data import CATEGORIES

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def load(site_url: str) -> None:
    call_command("load_demo_data", "--quiet", "--site-url", site_url)


def test_every_demo_product_image_is_a_local_category_image(settings):
    settings.DEBUG = True
    load("http://localhost:8000")

    images = dict(Product.objects.values_list("sku", "image_url"))

    assert images and all(
        urlsplit(url).netloc == "localhost:8000" and urlsplit(url).scheme == "http"
        for url in images.values()
    ), images
    for product in Product.objects.select_related("category"):
        assert product.image_url == f"http://localhost:8000/static/demo/{product.category.slug}.svg"
    shown = {urlsplit(url).path for url in images.values()}
    assert shown <= {f"/static/demo/{category.slug}.svg" for category in CATEGORIES}


def test_each_category_has_its_image_and_the_platform_serves_it(settings):
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()

    for category in CATEGORIES:
        path = finders.find(f"demo/{category.slug}.svg")
        assert path and Path(path).is_relative_to(settings.BASE_DIR / "static" / "demo")
        answer = client.get(f"/static/demo/{category.slug}.svg")
        assert answer.status_code == 200
        body = b"".join(answer.streaming_content)
        assert body.startswith(b"<svg") and b"<image" not in body and b"href" not in body


def test_a_later_load_repoints_earlier_demo_images_at_this_site(settings):
    settings.DEBUG = True
    load("http://127.0.0.1:8000")
    first = Product.objects.order_by("pk").first()
    Product.objects.filter(pk=first.pk).update(
        image_url=f"https://picsum.photos/seed/{first.sku.lower()}/600/600"
    )
    own = Product.objects.exclude(pk=first.pk).order_by("pk").first()
    Product.objects.filter(pk=own.pk).update(image_url="https://cdn.shop.example.com/own.jpg")

    load("http://alliance.example.org")

    first.refresh_from_db()
    own.refresh_from_db()
    assert first.image_url == (f"http://alliance.example.org/static/demo/{first.category.slug}.svg")
    # An image the merchant set itself is its own business.
    assert own.image_url == "https://cdn.shop.example.com/own.jpg"
    assert not Product.objects.filter(image_url__contains="picsum").exists()
    assert Category.objects.count() == len(CATEGORIES)
