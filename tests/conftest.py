import os

import pytest
from hypothesis import HealthCheck, settings
from rest_framework.test import APIClient

from commissions.selectors import webhook_cache_forget
from promoters import clicks
from promoters.selectors import link_target_forget

from . import factories
from .celery_worker import tasks_on_the_broker  # noqa: F401 (a fixture for every test)

# Property tests assert behaviour, never time: Hypothesis' per-example deadline and its
# too-slow health check measure the wall clock, which a loaded CI machine stretches.
settings.register_profile("alliance", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("alliance")


@pytest.fixture(autouse=True)
def _fresh_caches():
    """Each test starts with empty caches (uniqueness keys, the redirect's link cache and its
    in-process rate counts) and an empty click queue, which the tests flush themselves instead
    of a background thread."""
    from alliance.auth import redirect_counter

    _clear_cache()
    redirect_counter.reset()
    link_target_forget()
    webhook_cache_forget()
    clicks.queue.background = False
    clicks.queue.items.clear()
    yield
    clicks.queue.items.clear()
    link_target_forget()


def _clear_cache() -> None:
    """Empty the cache. Under pytest-xdist the workers share one Redis database, so a worker
    deletes its own keys (its key prefix, tests/settings.py) instead of flushing the database."""
    from django.conf import settings
    from django.core.cache import caches
    from django.core.cache.backends.redis import RedisCache

    cache = caches["default"]
    if not (os.environ.get("PYTEST_XDIST_WORKER") and isinstance(cache, RedisCache)):
        cache.clear()
        return
    client = cache._cache.get_client(write=True)
    keys = list(client.scan_iter(match=f"{settings.CACHE_KEY_PREFIX}:*", count=1000))
    if keys:
        client.delete(*keys)


@pytest.fixture
def api():
    return APIClient()


def client_for(user) -> APIClient:
    client = APIClient()
    client.force_authenticate(user)
    return client


@pytest.fixture
def admin_user(db):
    return factories.AdminFactory()


@pytest.fixture
def admin_api(admin_user):
    return client_for(admin_user)


@pytest.fixture
def merchant(db):
    return factories.MerchantFactory()


@pytest.fixture
def merchant_owner(merchant):
    return factories.MerchantMemberFactory(merchant=merchant).user


@pytest.fixture
def merchant_api(merchant_owner):
    return client_for(merchant_owner)


@pytest.fixture
def other_merchant(db):
    return factories.MerchantFactory()


@pytest.fixture
def other_merchant_api(other_merchant):
    return client_for(factories.MerchantMemberFactory(merchant=other_merchant).user)


@pytest.fixture
def promoter(db):
    return factories.PromoterFactory()


@pytest.fixture
def promoter_api(promoter):
    return client_for(promoter.user)


@pytest.fixture
def other_promoter(db):
    return factories.PromoterFactory()


@pytest.fixture
def other_promoter_api(other_promoter):
    return client_for(other_promoter.user)


@pytest.fixture
def product(merchant):
    return factories.ProductFactory(merchant=merchant)


@pytest.fixture
def link(promoter, product):
    return factories.LinkFactory(promoter=promoter, product=product)


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _order_rules_only_where_tested(request):
    """The fraud order rules run after every applied batch of order events (fraud.apps). The
    orders of most tests are shaped for what those tests check (one customer id for every
    order, a click a moment before the payment) and would trip them; the tests about fraud
    (tests/fraud/) and those that ask for the `order_rules` fixture keep them on."""
    from commissions.signals import orders_applied
    from fraud.tasks import check_orders_soon

    if "order_rules" in request.fixturenames or "fraud" in request.node.path.parts:
        yield
        return
    orders_applied.disconnect(dispatch_uid="fraud.check_orders")
    yield
    orders_applied.connect(check_orders_soon, dispatch_uid="fraud.check_orders")


@pytest.fixture
def order_rules():
    """The fraud order rules run after each applied batch, as in production (on by default
    only under tests/fraud/)."""


@pytest.fixture(autouse=True)
def _tasks_in_process(request):
    """Tasks run in-process unless a test is about the real worker (marked celery_worker)."""
    from config.celery import app

    if request.node.get_closest_marker("celery_worker"):
        yield
        return
    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous
