"""The visitor's network is hashed at the redirect, next to the visitor's hash, in both
recording paths (docs/fraud.md, "Traffic rules"); the setting turns it off."""

import pytest

from promoters import clicks
from promoters.models import Click
from promoters.services import network_hash, visitor_hash

from .. import factories

pytestmark = pytest.mark.django_db


def follow(client, link, ip):
    return client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0", REMOTE_ADDR=ip)


def test_one_network_one_hash_another_network_another():
    assert network_hash("203.0.113.7") == network_hash("203.0.113.250")
    assert network_hash("203.0.113.7") != network_hash("203.0.114.7")
    assert network_hash("2001:db8:1:aa::1") == network_hash("2001:db8:1:bb::2")
    assert network_hash("2001:db8:1::1") != network_hash("2001:db8:2::1")
    assert len(network_hash("203.0.113.7")) == 16
    # An IPv4 visitor on a dual-stack listener (::ffff:a.b.c.d) is in its IPv4 /24.
    assert network_hash("::ffff:203.0.113.7") == network_hash("203.0.113.9")
    assert network_hash("::ffff:203.0.113.7") != network_hash("::ffff:198.51.100.7")
    # The network's hash is not the visitor's: the two never collide by construction.
    assert network_hash("203.0.113.7") != visitor_hash("203.0.113.7")[:16]


@pytest.mark.parametrize("recording", ["direct", "batched"])
def test_the_redirect_stores_the_network_hash(client, settings, recording):
    settings.ALLIANCE_CLICK_RECORDING = recording
    link = factories.LinkFactory()

    follow(client, link, "198.51.100.20")
    follow(client, link, "198.51.100.21")
    clicks.queue.flush()

    stored = list(Click.objects.order_by("created_at").values_list("ip_hash", "net_hash"))
    assert stored == [
        (visitor_hash("198.51.100.20"), network_hash("198.51.100.20")),
        (visitor_hash("198.51.100.21"), network_hash("198.51.100.20")),
    ]


@pytest.mark.parametrize("recording", ["direct", "batched"])
def test_signals_off_store_no_network_hash(client, settings, recording):
    settings.ALLIANCE_CLICK_RECORDING = recording
    settings.ALLIANCE_FRAUD_CLICK_SIGNALS = False
    link = factories.LinkFactory()

    follow(client, link, "198.51.100.20")
    clicks.queue.flush()

    assert Click.objects.get().net_hash == ""
