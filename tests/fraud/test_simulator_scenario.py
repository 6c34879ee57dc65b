"""The traffic simulator's scenario (bench/traffic_scenario.py): deterministic for a seed, every
promoter labelled, and the traffic shaped as docs/fraud.md says. No server, no database: the
end-to-end run is bench/traffic.py, by hand."""

import hashlib
from collections import Counter, defaultdict

import pytest

from bench.traffic_scenario import HONEST, HONEST_KINDS, PATTERNS, build, contact_hash


@pytest.fixture(scope="module")
def scenario():
    return build(seed=7, scale="small")


def test_the_same_seed_gives_the_same_scenario_and_another_seed_another():
    assert build(seed=3).fingerprint() == build(seed=3).fingerprint()
    assert build(seed=3).fingerprint() != build(seed=4).fingerprint()


def test_every_promoter_is_labelled_and_every_kind_and_pattern_is_there(scenario):
    assert all(promoter.home_ip.startswith("127.") for promoter in scenario.promoters)
    kinds = Counter(promoter.kind for promoter in scenario.promoters)
    assert set(kinds) == set(HONEST_KINDS) | set(PATTERNS)
    labels = scenario.labels()
    assert len(labels) == len(scenario.promoters)
    assert {labels[p.key] for p in scenario.promoters if p.kind in HONEST_KINDS} == {HONEST}
    assert all(labels[p.key] == p.kind for p in scenario.promoters if p.kind in PATTERNS)


def test_every_order_is_labelled_as_its_promoter_and_bought_through_its_promoters_click(
    scenario,
):
    labels = scenario.labels()
    links = {link.code: link for link in scenario.links}
    merchant_of = {product.sku: product.merchant for product in scenario.products}
    clicks = {click.index: click for click in scenario.clicks}
    attacked = Counter()
    for order in scenario.orders:
        link = links[clicks[order.click].link]
        assert order.label == labels[order.promoter]
        assert link.promoter == order.promoter
        assert merchant_of[link.sku] == order.merchant
        assert {merchant_of[sku] for sku, _quantity, _amount in order.lines} == {order.merchant}
        attacked[order.label] += 1
    # Every pattern but click spam (which buys nothing) has orders to measure recall on.
    assert set(attacked) == {HONEST, *(p for p in PATTERNS if p != "click_spam")}
    spam = {p.key for p in scenario.promoters if p.kind == "click_spam"}
    assert any(links[click.link].promoter in spam for click in scenario.clicks)


def test_no_address_reaches_the_redirects_default_limit(scenario):
    """600 clicks a minute per address (ALLIANCE_THROTTLE_REDIRECT): floods stay under it,
    so the limit never decides what is stored."""
    moments = defaultdict(list)
    for click in scenario.clicks:
        moments[click.ip].append(click.at)
    busiest = 0
    for times in moments.values():
        times.sort()
        start = 0
        for end, moment in enumerate(times):
            while moment - times[start] >= 60:
                start += 1
            busiest = max(busiest, end - start + 1)
    assert 10 < busiest < 600


def test_the_attack_shapes(scenario):
    promoters = {p.key: p for p in scenario.promoters}
    clicks = {click.index: click for click in scenario.clicks}
    by_label = defaultdict(list)
    for order in scenario.orders:
        by_label[order.label].append(order)

    brushing = by_label["order_brushing"]
    assert all(o.pay == "fast" and 1 <= o.pay_seconds <= 2 for o in brushing)
    assert len({o.customer_id for o in brushing}) <= 3
    assert max(Counter(o.click for o in brushing).values()) >= 2

    for order in by_label["self_purchase"]:
        promoter = promoters[order.promoter]
        assert order.contact_hash == hashlib.sha256(f"86{promoter.phone}".encode()).hexdigest()
        # Bought from the address the promoter signs in from.
        assert clicks[order.click].ip == promoter.home_ip
        assert order.merchant in {"beauty", "snacks"}  # merchants that forbid self-purchase

    farm = [p for p in scenario.promoters if p.kind == "multi_account_farm"]
    assert len({p.bank_card for p in farm}) == 1
    chained = [p for p in farm if p.upline]
    assert len(chained) == len(farm) - 1
    for account in chained:
        upline = promoters[account.upline]
        assert 0 < upline.created_minutes_ago - account.created_minutes_ago < 10
    # Each account's orders come from another account's phone, bought as that account.
    by_home = {p.home_ip: p for p in farm}
    for order in by_label["multi_account_farm"]:
        buyer = by_home[clicks[order.click].ip]
        assert buyer.key != order.promoter
        assert order.contact_hash == contact_hash(buyer.phone)

    refunds = Counter(o.refund for o in by_label["refund_abuse"])
    assert refunds["after"] > refunds[""]

    stuffed = by_label["cookie_stuffing"]
    assert stuffed
    for order in stuffed:
        # The stuffer's click comes right after an honest promoter's click of the same visitor.
        click = clicks[order.click]
        before = [c for c in scenario.clicks if c.ip == click.ip and c.index != click.index]
        assert any(0 < click.at - c.at <= 2.5 for c in before)


def test_honest_traffic_shapes(scenario):
    promoters = {p.key: p for p in scenario.promoters}
    links = {link.code: link.promoter for link in scenario.links}
    kol = {p.key for p in scenario.promoters if p.kind == "big_kol"}
    kol_clicks = [c for c in scenario.clicks if links[c.link] in kol]
    assert len({c.ip for c in kol_clicks}) >= 1000
    assert len({c.ip.rsplit(".", 1)[0] for c in kol_clicks}) >= 100
    honest = [o for o in scenario.orders if o.label == HONEST]
    assert all(o.pay in ("later", "back") for o in honest)
    # Repeat customers, some of whose visits were days ago.
    assert any(c.days_ago for c in scenario.clicks)
    customers = Counter(o.customer_id for o in honest)
    assert max(customers.values()) >= 2
    wechat = [c for c in scenario.clicks if promoters[links[c.link]].channel == "wechat_group"]
    assert wechat and all(c.referer == "" for c in wechat)
