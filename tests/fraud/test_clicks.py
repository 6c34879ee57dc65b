"""The traffic rules over the stored clicks (docs/fraud.md, "Traffic rules"): each trips on
its attack shape, none on the honest shapes, and a re-run raises nothing new."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from commissions.models import Commission
from fraud.models import Flag, Rule, SweepMark
from fraud.services.click_windows import window_start
from fraud.services.clicks import clicks_sweep
from promoters.models import Channel, Click, click_id

from .. import factories
from ..commissions.orders import event, store

pytestmark = pytest.mark.django_db


@pytest.fixture
def at():
    """A moment well inside one flood window (10 minutes) and one stuffing period (a day) of
    the last day, so the clicks of a test never straddle a window's edge."""
    day = window_start(timezone.now() - timedelta(hours=2), 86400)
    start = window_start(timezone.now() - timedelta(minutes=40), 600)
    return max(start, day) + timedelta(minutes=1)


def make(link, count, *, at, visitor=None, net=None, referer="", step=1.0, **fields):
    """`count` clicks on `link` from `at`, `step` seconds apart; one visitor (and network) each
    unless `visitor` (or `net`) is given."""
    rows = []
    for index in range(count):
        ip_hash = visitor or f"{link.pk:08x}{index:08x}".ljust(32, "a")
        moment = at + timedelta(seconds=index * step)
        rows.append(
            Click(
                id=click_id(int(moment.timestamp() * 1000)),
                link=link,
                created_at=moment,
                ip_hash=ip_hash,
                net_hash=net or ip_hash[:16],
                referer=referer,
                **fields,
            )
        )
    return Click.objects.bulk_create(rows)


def marked(suspicion=None):
    clicks = Click.objects.filter(is_suspicious=True)
    if suspicion:
        clicks = clicks.filter(suspicion=suspicion)
    return clicks.count()


# --- Floods -----------------------------------------------------------------------------------


def test_one_visitor_flooding_links_of_two_promoters_flags_both(at):
    one, two = factories.LinkFactory(), factories.LinkFactory()
    make(one, 20, at=at, visitor="f" * 32, step=5)
    make(two, 10, at=at + timedelta(seconds=2), visitor="f" * 32, step=5)

    clicks_sweep()

    flags = Flag.objects.filter(rule=Rule.CLICK_FLOOD).order_by("promoter_id")
    assert [flag.promoter_id for flag in flags] == [one.promoter_id, two.promoter_id]
    assert {flag.severity for flag in flags} == {Flag.Severity.LOW}
    first = flags[0]
    assert first.evidence["measured"] == {"visitor_clicks": 30}
    assert first.evidence["threshold"] == {"flood_visitor_clicks": 30}
    assert first.evidence["click_count"] == 20
    assert len(first.evidence["clicks"]) == 20
    assert first.evidence["window"]["start"] == window_start(at, 600).isoformat()
    assert marked(Rule.CLICK_FLOOD) == 30


def test_a_visitor_below_the_threshold_is_no_flood(at):
    link = factories.LinkFactory()
    make(link, 29, at=at, visitor="f" * 32, step=5)

    clicks_sweep()

    assert not Flag.objects.exists()
    assert marked() == 0


def test_many_clicks_from_few_visitors_on_one_link_is_a_link_flood(at):
    link = factories.LinkFactory()
    for visitor in "abcde":
        make(link, 12, at=at + timedelta(seconds=ord(visitor)), visitor=visitor * 32, step=20)

    clicks_sweep()

    flag = Flag.objects.get(key__startswith=f"click_flood:link:{link.pk}:")
    assert flag.evidence["measured"] == {"clicks": 60, "visitors": 5, "clicks_per_visitor": 12.0}
    assert flag.severity == Flag.Severity.LOW
    assert marked(Rule.CLICK_FLOOD) == 60


def test_an_honest_big_burst_without_referer_is_never_a_flood_or_a_burst(at):
    """A KOL's post: a thousand distinct visitors over many networks within minutes, none with
    a referer (WeChat's in-app browser sends none), some tapping twice."""
    link = factories.LinkFactory()
    make(link, 1000, at=at, step=0.3)
    make(link, 3, at=at + timedelta(seconds=2), visitor=f"{link.pk:08x}{0:08x}".ljust(32, "a"))

    clicks_sweep()

    assert not Flag.objects.exists()
    assert marked() == 0


# --- Bursts from one network ----------------------------------------------------------------


def test_a_burst_with_no_referer_from_one_network_is_flagged(at):
    link = factories.LinkFactory()
    make(link, 25, at=at, net="1" * 16, step=10)  # a farm behind one /24
    make(link, 15, at=at + timedelta(seconds=3), step=10, referer="https://m.weibo.cn/")

    clicks_sweep()

    flag = Flag.objects.get(rule=Rule.NO_REFERER_BURST)
    assert flag.evidence["measured"] == {
        "clicks": 40,
        "network_clicks": 25,
        "network_share": 0.625,
    }
    assert flag.severity == Flag.Severity.LOW
    assert marked(Rule.NO_REFERER_BURST) == 25


def test_one_network_with_referers_is_not_a_burst(at):
    """An office or a campus sharing a link on Weibo: one network, but real referers."""
    link = factories.LinkFactory()
    make(link, 40, at=at, net="1" * 16, step=10, referer="https://weibo.com/123")

    clicks_sweep()

    assert not Flag.objects.exists()


# --- Cookie stuffing ------------------------------------------------------------------------


def _stuffing(at, shop, honest, stuffer, count=15):
    """`count` visitors click the honest promoter's link; the stuffer's link fires 3 seconds
    later from each visitor's browser."""
    honest_link = factories.LinkFactory(
        promoter=honest, product=factories.ProductFactory(merchant=shop, sku="H")
    )
    stuffer_link = factories.LinkFactory(
        promoter=stuffer, product=factories.ProductFactory(merchant=shop, sku="S")
    )
    stuffed = []
    for index in range(count):
        visitor = f"{index:032x}"
        moment = at + timedelta(seconds=index * 20)
        make(honest_link, 1, at=moment, visitor=visitor)
        stuffed += make(stuffer_link, 1, at=moment + timedelta(seconds=3), visitor=visitor)
    return stuffed


def _order(shop, click, order_id):
    paid_at = click.created_at + timedelta(minutes=2)
    store(
        shop,
        event("order.paid", order_id, items=[("S", "100.00")], paid_at=paid_at, click_id=click.pk),
    )
    return shop.orders.get(order_id=order_id)


def test_a_stuffer_following_another_promoters_clicks_is_flagged_high_and_its_orders_held(at):
    shop = factories.MerchantFactory()
    honest, stuffer = factories.PromoterFactory(), factories.PromoterFactory()
    stuffed = _stuffing(at, shop, honest, stuffer)
    order = _order(shop, stuffed[0], "A-1")

    clicks_sweep()

    flag = Flag.objects.get()
    assert (flag.rule, flag.severity, flag.promoter_id) == (
        Rule.COOKIE_STUFFING,
        Flag.Severity.HIGH,
        stuffer.pk,
    )
    assert flag.evidence["measured"] == {"clicks": 15, "following_clicks": 15, "share": 1.0}
    assert list(flag.orders.all()) == [order]
    assert Commission.objects.get(order=order).review_hold is True
    assert marked(Rule.COOKIE_STUFFING) == 15
    assert not Click.objects.filter(link__promoter=honest, is_suspicious=True).exists()

    # An order through a stuffed click that arrives after the flag joins it.
    later = _order(shop, stuffed[1], "A-2")
    clicks_sweep()
    assert set(flag.orders.all()) == {order, later}
    assert Commission.objects.get(order=later).review_hold is True


def test_a_visitor_comparing_two_promoters_now_and_then_is_no_stuffing(at):
    shop = factories.MerchantFactory()
    honest, other = factories.PromoterFactory(), factories.PromoterFactory()
    _stuffing(at, shop, honest, other, count=9)  # below the minimum sample
    link = other.links.get()
    make(link, 30, at=at + timedelta(minutes=5), step=5)

    clicks_sweep()

    assert not Flag.objects.exists()
    assert marked() == 0


# --- Declared-channel mismatch ----------------------------------------------------------------


def _channel_link(kind):
    promoter = factories.PromoterFactory()
    channel = factories.ChannelFactory(promoter=promoter, kind=kind)
    return factories.LinkFactory(promoter=promoter, channel=channel)


def test_a_douyin_channel_whose_referers_never_come_from_douyin_is_flagged_low(at):
    link = _channel_link(Channel.Kind.DOUYIN)
    make(link, 20, at=at, referer="https://www.baidu.com/s?wd=x", step=20)
    make(link, 5, at=at + timedelta(seconds=1), step=20)

    clicks_sweep()

    flag = Flag.objects.get()
    assert (flag.rule, flag.severity) == (Rule.CHANNEL_MISMATCH, Flag.Severity.LOW)
    assert flag.evidence["measured"] == {"referer_clicks": 20, "platform_clicks": 0}
    assert marked(Rule.CHANNEL_MISMATCH) == 25


@pytest.mark.parametrize(
    ("kind", "referer"),
    [
        (Channel.Kind.DOUYIN, "https://www.douyin.com/video/1"),
        (Channel.Kind.WECHAT_GROUP, "https://www.baidu.com/"),
        (Channel.Kind.BLOG, "https://www.baidu.com/"),
    ],
)
def test_a_channel_with_its_platforms_referer_or_not_checkable_is_not_flagged(at, kind, referer):
    link = _channel_link(kind)
    make(link, 19, at=at, referer="https://www.baidu.com/", step=20)
    make(link, 1, at=at + timedelta(seconds=1), referer=referer)

    clicks_sweep()

    assert not Flag.objects.exists()


# --- The sweep --------------------------------------------------------------------------------


def test_the_sweep_is_idempotent(at):
    link = factories.LinkFactory()
    make(link, 40, at=at, visitor="f" * 32, step=5)
    clicks_sweep()
    before = list(Flag.objects.values_list("key", "evidence", "updated_at"))
    marks = set(Click.objects.filter(is_suspicious=True).values_list("pk", "suspicion"))
    SweepMark.objects.update(until=at - timedelta(hours=1))  # reads the same clicks again

    clicks_sweep()

    assert list(Flag.objects.values_list("key", "evidence", "updated_at")) == before
    assert set(Click.objects.filter(is_suspicious=True).values_list("pk", "suspicion")) == marks
    assert len(before) == 1 and len(marks) == 40


def test_with_signals_off_the_sweep_does_nothing(at, settings):
    settings.ALLIANCE_FRAUD_CLICK_SIGNALS = False
    make(factories.LinkFactory(), 40, at=at, visitor="f" * 32, step=5)

    assert clicks_sweep() == 0

    assert not Flag.objects.exists()
    assert marked() == 0
    assert not SweepMark.objects.exists()


def test_bots_are_left_out_of_every_rule(at):
    make(factories.LinkFactory(), 40, at=at, visitor="f" * 32, step=5, is_bot=True)

    clicks_sweep()

    assert not Flag.objects.exists()
    assert marked() == 0


def test_the_task_runs_the_sweep(at):
    from fraud.tasks import sweep_clicks

    make(factories.LinkFactory(), 40, at=at, visitor="f" * 32, step=5)

    assert sweep_clicks.delay().get() == 1
    assert Decimal(Flag.objects.count()) == 1


def test_a_visitor_flooding_two_promoters_links_is_a_flood_not_stuffing(at):
    shop = factories.MerchantFactory()
    one = factories.LinkFactory(product=factories.ProductFactory(merchant=shop))
    two = factories.LinkFactory(product=factories.ProductFactory(merchant=shop))
    for index in range(20):
        moment = at + timedelta(seconds=index * 10)
        make(one, 1, at=moment, visitor="f" * 32)
        make(two, 1, at=moment + timedelta(seconds=2), visitor="f" * 32)

    clicks_sweep()

    assert set(Flag.objects.values_list("rule", flat=True)) == {Rule.CLICK_FLOOD}
    assert marked(Rule.CLICK_FLOOD) == 40
