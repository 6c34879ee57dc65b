"""The traffic simulator's scenario (docs/fraud.md, "Measured: the traffic simulator"): who
promotes what, who clicks when from which address, and who buys. Pure standard library and
deterministic for a seed, so it is importable (and tested) without a server; bench/traffic.py
plays it through the real redirect, webhook and workers.

Every promoter carries its ground truth (`kind`: an honest kind or an attack pattern), which
the simulator keeps to itself: the platform only ever sees accounts, clicks and order events."""

import hashlib
import json
import random
from dataclasses import asdict, dataclass, field
from decimal import Decimal

HONEST_KINDS = ("big_kol", "steady_group", "deal_group")
PATTERNS = (
    "click_spam",
    "cookie_stuffing",
    "order_brushing",
    "self_purchase",
    "multi_account_farm",
    "refund_abuse",
)
HONEST = "honest"


@dataclass(frozen=True)
class Scale:
    click_seconds: int  # length of the click phase (the timeline every click is placed on)
    kols: int
    kol_visitors: int
    steady_groups: int
    steady_visitors: int
    deal_groups: int
    deal_visitors: int
    repeat_customers: int
    two_link_shoppers: int
    attackers: int  # promoters per attack pattern (a farm counts as one attacker)
    spam_clicks: int
    brush_clicks: int
    self_orders: int
    farm_accounts: int
    farm_orders: int  # per farm account
    abuse_visitors: int


SCALES = {
    "small": Scale(
        click_seconds=90,
        kols=1,
        kol_visitors=1500,
        steady_groups=6,
        steady_visitors=60,
        deal_groups=3,
        deal_visitors=150,
        repeat_customers=10,
        two_link_shoppers=20,
        attackers=1,
        spam_clicks=600,
        brush_clicks=20,
        self_orders=12,
        farm_accounts=4,
        farm_orders=6,
        abuse_visitors=250,
    ),
    "full": Scale(
        click_seconds=240,
        kols=3,
        kol_visitors=4000,
        steady_groups=20,
        steady_visitors=80,
        deal_groups=8,
        deal_visitors=250,
        repeat_customers=40,
        two_link_shoppers=80,
        attackers=3,
        spam_clicks=1500,
        brush_clicks=30,
        self_orders=15,
        farm_accounts=5,
        farm_orders=8,
        abuse_visitors=300,
    ),
}

# Real agents: mobile browsers, and the in-app browsers of the platforms promoters post on.
BROWSERS = [
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Linux; Android 14; 23127PN0CC) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/124.0.6367.82 Mobile Safari/537.36",
    "Mozilla/5.0 (Linux; Android 12; NOH-AN00; HMSCore 6.13.0.302) AppleWebKit/537.36 (KHTML, "
    "like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.5.302 Mobile Safari/537.36",
]
IN_APP = {
    "wechat": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.49(0x18003137) NetType/WIFI "
    "Language/zh_CN",
    "douyin": "Mozilla/5.0 (Linux; Android 13; V2227A; wv) AppleWebKit/537.36 (KHTML, like "
    "Gecko) Version/4.0 Chrome/110.0.5481.153 Mobile Safari/537.36 aweme_290100 "
    "JsSdk/1.0 NetType/WIFI Channel/vivo_1128_64 AppName/aweme app_version/29.1.0",
    "weibo": "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,5__weibo__14.3.1__iphone__os16.6)",
    "xiaohongshu": "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
    "(KHTML, like Gecko) Mobile/15E148 xhsminiapp discover/8.25 (iPhone; iOS 17.2; zh_CN)",
}
BOTS = [
    "python-requests/2.31.0",
    "curl/8.5.0",
    "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "HeadlessChrome/120.0.0.0 Safari/537.36",
    "Go-http-client/1.1",
]
# Where a click from each channel kind comes from (none from WeChat: its in-app browser
# sends no referer), and the agent its visitors use.
CHANNELS = {
    "douyin": ("douyin", "https://www.douyin.com/video/{n}"),
    "weibo": ("weibo", "https://weibo.com/{n}/detail"),
    "xiaohongshu": ("xiaohongshu", "https://www.xiaohongshu.com/explore/{n:x}"),
    "wechat_group": ("wechat", ""),
    "blog": ("", "https://blog{n}.example.cn/post/best-deals"),
}

# Merchants (key, name, allow_self_purchase) and their categories (slug, name, rate %, prices).
MERCHANTS = [
    ("mall", "Everyday Mall", True, [("digital", "数码", "5.00"), ("apparel", "服饰", "12.00")]),
    ("beauty", "Beauty Store", False, [("beauty", "美妆", "20.00"), ("care", "个护", "15.00")]),
    ("snacks", "Snack Shop", False, [("food", "食品", "10.00")]),
]
PRICES = ["19.90", "39.00", "59.00", "89.00", "129.00", "199.00", "299.00", "499.00"]
PRODUCTS_PER_CATEGORY = 6


@dataclass(frozen=True)
class ProductPlan:
    sku: str
    merchant: str
    category: str
    price: str
    rate: str


@dataclass
class PromoterPlan:
    key: str
    kind: str  # one of HONEST_KINDS or PATTERNS: the ground truth
    channel: str  # a key of CHANNELS
    phone: str  # 11-digit mainland mobile, the Alipay payout account
    bank_card: str
    created_minutes_ago: int
    upline: str = ""  # key of the inviting promoter
    # The address it signs in from (the platform records where its users sign in).
    home_ip: str = ""

    @property
    def label(self) -> str:
        return HONEST if self.kind in HONEST_KINDS else self.kind


@dataclass(frozen=True)
class LinkPlan:
    code: str
    promoter: str
    sku: str


@dataclass(frozen=True)
class ClickPlan:
    index: int
    at: float  # seconds after the click phase starts
    link: str  # code
    ip: str
    user_agent: str
    referer: str
    # Moved this many days back in the database once stored (the redirect stamps "now"):
    # the earlier visits of repeat customers and of shoppers comparing two promoters.
    days_ago: int = 0


@dataclass
class OrderPlan:
    order_id: str
    merchant: str
    promoter: str  # who should be credited (the click's promoter)
    label: str  # HONEST or the attack pattern
    click: int  # index of the click whose id the store reports
    customer_id: str
    lines: list[tuple[str, int, str]]  # sku, quantity, amount
    # "later": paid when sent, after the click phase; "fast": `pay_seconds` after the click;
    # "back": `pay_seconds` after a click moved back in time.
    pay: str = "later"
    pay_seconds: float = 0.0
    contact_hash: str = ""
    device: str = ""
    complete: bool = True
    refund: str = ""  # "", "before" (before completion) or "after" (after settlement)


@dataclass
class Scenario:
    seed: int
    scale: str
    click_seconds: int
    merchants: list[tuple[str, str, bool]]
    categories: list[tuple[str, str]]
    products: list[ProductPlan]
    promoters: list[PromoterPlan]
    links: list[LinkPlan]
    clicks: list[ClickPlan]
    orders: list[OrderPlan]

    def fingerprint(self) -> str:
        return hashlib.sha256(json.dumps(asdict(self), sort_keys=True).encode()).hexdigest()

    def labels(self) -> dict[str, str]:
        return {promoter.key: promoter.label for promoter in self.promoters}


def contact_hash(phone: str) -> str:
    """What a store sends as buyer_contact_hash for a mainland mobile number: SHA-256 hex of
    its digits with the country code (docs/fraud.md), e.g. of 8613800138000."""
    return hashlib.sha256(f"86{phone}".encode()).hexdigest()


class Networks:
    """Addresses of simulated visitors: each network a 127.a.b.0/24 (all loopback on Linux),
    each visitor its own address in it."""

    def __init__(self) -> None:
        self.count = 0

    def new(self) -> "Network":
        self.count += 1
        a, b = divmod(self.count, 254)
        return Network(f"127.{a + 1}.{b + 1}")


@dataclass
class Network:
    prefix: str
    used: int = 0

    def host(self) -> str:
        self.used += 1
        if self.used > 253:
            raise ValueError(f"network {self.prefix}.0/24 is full")
        return f"{self.prefix}.{self.used + 1}"


@dataclass
class Visitor:
    ip: str
    user_agent: str
    customer_id: str
    contact_hash: str
    device: str


@dataclass
class Builder:
    rng: random.Random
    scale: Scale
    networks: Networks = field(default_factory=Networks)
    products: list[ProductPlan] = field(default_factory=list)
    promoters: list[PromoterPlan] = field(default_factory=list)
    links: list[LinkPlan] = field(default_factory=list)
    clicks: list[ClickPlan] = field(default_factory=list)
    orders: list[OrderPlan] = field(default_factory=list)
    visitors: int = 0

    # --- accounts and catalog ---

    def catalog(self) -> None:
        for merchant, _name, _allow, categories in MERCHANTS:
            for slug, _label, rate in categories:
                for number in range(PRODUCTS_PER_CATEGORY):
                    self.products.append(
                        ProductPlan(
                            sku=f"{slug.upper()}-{number:03d}",
                            merchant=merchant,
                            category=slug,
                            price=self.rng.choice(PRICES),
                            rate=rate,
                        )
                    )

    def skus(self, merchant: str | None = None) -> list[str]:
        return [p.sku for p in self.products if merchant is None or p.merchant == merchant]

    def product(self, sku: str) -> ProductPlan:
        return next(p for p in self.products if p.sku == sku)

    def phone(self) -> str:
        return f"1{self.rng.choice('3456789')}{self.rng.randrange(10**9):09d}"

    def promoter(self, kind: str, channel: str, *, created_minutes_ago=None, upline="", **kw):
        number = sum(p.kind == kind for p in self.promoters)
        promoter = PromoterPlan(
            key=f"{kind}-{number}",
            kind=kind,
            channel=channel,
            phone=kw.get("phone") or self.phone(),
            bank_card=kw.get("bank_card") or f"62{self.rng.randrange(10**15):015d}",
            created_minutes_ago=(
                created_minutes_ago
                if created_minutes_ago is not None
                else self.rng.randrange(30, 400) * 1440 + self.rng.randrange(1440)
            ),
            upline=upline,
            home_ip=self.networks.new().host(),
        )
        self.promoters.append(promoter)
        return promoter

    def link(self, promoter: PromoterPlan, sku: str) -> str:
        for link in self.links:
            if link.promoter == promoter.key and link.sku == sku:
                return link.code
        code = f"sim{len(self.links):07d}"
        self.links.append(LinkPlan(code=code, promoter=promoter.key, sku=sku))
        return code

    # --- visitors and their actions ---

    def visitor(self, network: Network, agent: str = "") -> Visitor:
        self.visitors += 1
        phone = self.phone()
        return Visitor(
            ip=network.host(),
            user_agent=agent or self.rng.choice(BROWSERS),
            customer_id=f"u{self.visitors:06d}",
            # Stores send the buyer's hashed contact for most orders, not all.
            contact_hash=contact_hash(phone) if self.rng.random() < 0.8 else "",
            device=f"dev-{self.rng.getrandbits(64):016x}",
        )

    def channel_agent(self, channel: str) -> str:
        app = CHANNELS[channel][0]
        return IN_APP[app] if app and self.rng.random() < 0.85 else self.rng.choice(BROWSERS)

    def referer(self, channel: str) -> str:
        template = CHANNELS[channel][1]
        return template.format(n=self.rng.randrange(10**6, 10**7)) if template else ""

    def click(self, at: float, link: str, ip: str, agent: str, referer: str, days_ago=0) -> int:
        index = len(self.clicks)
        at = min(max(at, 0.0), float(self.scale.click_seconds))
        self.clicks.append(ClickPlan(index, round(at, 3), link, ip, agent, referer, days_ago))
        return index

    def lines(self, sku: str, *, extra: float = 0.3) -> list[tuple[str, int, str]]:
        first = self.product(sku)
        chosen = [first]
        if self.rng.random() < extra:
            others = [sku for sku in self.skus(first.merchant) if sku != first.sku]
            chosen.append(self.product(self.rng.choice(others)))
        result = []
        for product in chosen:
            quantity = self.rng.choice([1, 1, 1, 2])
            result.append((product.sku, quantity, str(Decimal(product.price) * quantity)))
        return result

    def order(self, promoter: PromoterPlan, click: int, visitor: Visitor, sku: str, **kw):
        number = len(self.orders)
        refund = kw.pop("refund", None)
        if refund is None:
            # Honest returns: some before completion, a few after settlement.
            draw = self.rng.random()
            refund = "before" if draw < 0.05 else "after" if draw < 0.08 else ""
        order = OrderPlan(
            order_id=f"SIM{number:06d}",
            merchant=self.product(sku).merchant,
            promoter=promoter.key,
            label=promoter.label,
            click=click,
            customer_id=visitor.customer_id,
            lines=self.lines(sku),
            contact_hash=visitor.contact_hash,
            device=visitor.device,
            refund=refund,
            complete=refund != "before",
            **kw,
        )
        self.orders.append(order)
        return order


def build(seed: int = 1, scale: str = "small") -> Scenario:
    """The scenario for a seed and a scale: the same seed always gives the same scenario."""
    builder = Builder(rng=random.Random(seed), scale=SCALES[scale])
    builder.catalog()
    # The stuffers exist before the honest traffic: they ride on it.
    for _n in range(builder.scale.attackers):
        builder.promoter("cookie_stuffing", "blog")
    honest(builder)
    attack(builder)
    clicks = sorted(builder.clicks, key=lambda click: (click.at, click.index))
    return Scenario(
        seed=seed,
        scale=scale,
        click_seconds=builder.scale.click_seconds,
        merchants=[(key, name, allow) for key, name, allow, _categories in MERCHANTS],
        categories=[(slug, label) for *_m, cats in MERCHANTS for slug, label, _rate in cats],
        products=builder.products,
        promoters=builder.promoters,
        links=builder.links,
        clicks=clicks,
        orders=builder.orders,
    )


# --- the actors ------------------------------------------------------------------------------

# Share of an honest promoter's visitors whose browser a cookie stuffer's hidden page reaches
# right after the honest click (stuffers target the deal and coupon crowd more than fans).
STUFF_SHARE = {"big_kol": 0.05, "steady_group": 0.3, "deal_group": 0.3}
STUFFER_REFERERS = ["", "https://quan.example-deals.cn/", "https://www.example-coupons.cn/go"]


def visit(b: Builder, promoter, visitor: Visitor, sku: str, at: float, conversion: float):
    """One visitor clicking a promoter's link and buying with the given probability. A cookie
    stuffer may hit the same visitor's browser a second or two later: then the store holds
    the stuffer's click id (last click wins) and the purchase is the stuffer's."""
    rng = b.rng
    click = b.click(
        at, b.link(promoter, sku), visitor.ip, visitor.user_agent, b.referer(promoter.channel)
    )
    buyer, last = promoter, click
    stuffers = [p for p in b.promoters if p.kind == "cookie_stuffing"]
    if stuffers and rng.random() < STUFF_SHARE.get(promoter.kind, 0.0):
        buyer = rng.choice(stuffers)
        last = b.click(
            at + rng.uniform(0.3, 2.5),
            b.link(buyer, sku),
            visitor.ip,
            visitor.user_agent,
            rng.choice(STUFFER_REFERERS),
        )
    if rng.random() < conversion:
        b.order(buyer, last, visitor, sku)


def _networked(b: Builder, per_network: int):
    """Visitors spread over networks of about `per_network` visitors each."""
    network = b.networks.new()
    while True:
        if network.used >= per_network:
            network = b.networks.new()
        yield network


def honest(b: Builder) -> dict[str, list[PromoterPlan]]:
    """Big KOL bursts, small steady groups and deal groups with high conversion, plus honest
    shoppers: repeat customers, and shoppers who click two promoters' links a day apart."""
    rng, s, seconds = b.rng, b.scale, b.scale.click_seconds
    hot = {merchant: b.skus(merchant)[0] for merchant, *_rest in MERCHANTS}
    deals = [
        b.promoter("deal_group", rng.choice(["wechat_group", "xiaohongshu"]))
        for _n in range(s.deal_groups)
    ]
    steady = []
    for _n in range(s.steady_groups):
        upline = rng.choice(deals) if deals and rng.random() < 0.5 else None
        created = None
        if upline is not None:
            # Invited by a deal group's owner weeks after it joined, as real downlines are.
            created = max(1440, upline.created_minutes_ago - rng.randrange(7, 90) * 1440)
        steady.append(
            b.promoter(
                "steady_group",
                rng.choice(["wechat_group", "wechat_group", "blog", "weibo"]),
                created_minutes_ago=created,
                upline=upline.key if upline else "",
            )
        )
    kols = [b.promoter("big_kol", rng.choice(["douyin", "weibo"])) for _n in range(s.kols)]

    for kol in kols:
        merchant = rng.choice(list(hot))
        skus = [hot[merchant], rng.choice(b.skus(merchant)[1:])]
        length = min(75.0, seconds * 0.8)
        start = rng.uniform(0, seconds - length)
        conversion = rng.uniform(0.01, 0.03)
        networks = _networked(b, 6)
        for _n in range(s.kol_visitors):
            visitor = b.visitor(next(networks), b.channel_agent(kol.channel))
            # A burst: most visitors in the first seconds after the post, then a tail.
            at = start + length * rng.random() ** 2
            sku = rng.choice(skus)
            visit(b, kol, visitor, sku, at, conversion)
            if rng.random() < 0.08:  # a second tap on the same link
                b.click(
                    at + rng.uniform(2, 20),
                    b.link(kol, sku),
                    visitor.ip,
                    visitor.user_agent,
                    b.referer(kol.channel),
                )

    for group in steady:
        merchant = rng.choice(list(hot))
        skus = [*hot.values(), *rng.sample(b.skus(merchant)[1:], 3)]
        conversion = rng.uniform(0.03, 0.05)
        networks = _networked(b, 3)
        for _n in range(s.steady_visitors):
            visitor = b.visitor(next(networks), b.channel_agent(group.channel))
            visit(b, group, visitor, rng.choice(skus), rng.uniform(0, seconds), conversion)

    for group in deals:
        skus = [*hot.values(), *rng.sample([k for k in b.skus() if k not in hot.values()], 6)]
        posts = [rng.uniform(0, seconds - 25) for _post in range(2)]
        conversion = rng.uniform(0.08, 0.12)
        networks = _networked(b, 4)
        for _n in range(s.deal_visitors):
            visitor = b.visitor(next(networks), b.channel_agent(group.channel))
            at = rng.choice(posts) + min(rng.expovariate(1 / 6), 25)
            visit(b, group, visitor, rng.choice(skus), at, conversion)

    groups = steady + deals
    networks = _networked(b, 2)
    for _n in range(s.repeat_customers):
        group = rng.choice(groups)
        visitor = b.visitor(next(networks), b.channel_agent(group.channel))
        visits = rng.choice([2, 3])
        for number in range(visits):
            sku = rng.choice(list(hot.values()))
            days_ago = visits - 1 - number
            click = b.click(
                rng.uniform(0, seconds),
                b.link(group, sku),
                visitor.ip,
                visitor.user_agent,
                b.referer(group.channel),
                days_ago,
            )
            if days_ago:
                b.order(
                    group,
                    click,
                    visitor,
                    sku,
                    pay="back",
                    pay_seconds=round(rng.uniform(300, 3600), 1),
                )
            else:
                b.order(group, click, visitor, sku)

    for _n in range(s.two_link_shoppers if len(groups) > 1 else 0):
        first, second = rng.sample(groups, 2)
        sku = rng.choice(list(hot.values()))
        visitor = b.visitor(next(networks), rng.choice(BROWSERS))
        b.click(
            rng.uniform(0, seconds),
            b.link(first, sku),
            visitor.ip,
            visitor.user_agent,
            b.referer(first.channel),
            days_ago=1,
        )
        click = b.click(
            rng.uniform(0, seconds),
            b.link(second, sku),
            visitor.ip,
            visitor.user_agent,
            b.referer(second.channel),
        )
        b.order(second, click, visitor, sku)
    return {"big_kol": kols, "steady_group": steady, "deal_group": deals}


def click_spam(b: Builder, spammer: PromoterPlan) -> None:
    """Bots from data-centre networks all period long, and a flood of browser-looking clicks
    with no referer from one network within 20 s: no orders. Every address stays under the
    redirect's default per-address limit (600/min), so the limit decides nothing."""
    rng, seconds = b.rng, b.scale.click_seconds
    skus = rng.sample(b.skus(), 3)
    bots = b.scale.spam_clicks // 2
    addresses = [(network, network.host()) for network in [b.networks.new() for _ in range(3)]]
    addresses = [(n, n.host()) for n, _first in addresses for _more in range(10)]
    for number in range(bots):
        _network, ip = addresses[number % len(addresses)]
        b.click(
            rng.uniform(0, seconds), b.link(spammer, rng.choice(skus)), ip, rng.choice(BOTS), ""
        )
    flood = b.networks.new()
    hosts = [(flood.host(), rng.choice(BROWSERS)) for _ in range(20)]
    start = rng.uniform(0, seconds - 20)
    for number in range(b.scale.spam_clicks - bots):
        ip, agent = hosts[number % len(hosts)]
        b.click(start + rng.uniform(0, 20), b.link(spammer, rng.choice(skus)), ip, agent, "")


def order_brushing(b: Builder, brusher: PromoterPlan) -> None:
    """A few fake buyers on one network, each click followed by several orders paid a second
    or two after it."""
    rng, seconds = b.rng, b.scale.click_seconds
    network = b.networks.new()
    buyers = [b.visitor(network, IN_APP["wechat"]) for _n in range(3)]
    skus = b.skus("beauty")[:4]
    for _n in range(b.scale.brush_clicks):
        buyer = rng.choice(buyers)
        sku = rng.choice(skus)
        click = b.click(
            rng.uniform(0, seconds), b.link(brusher, sku), buyer.ip, buyer.user_agent, ""
        )
        for _order in range(rng.randint(2, 4)):
            b.order(
                brusher,
                click,
                buyer,
                sku,
                pay="fast",
                pay_seconds=round(rng.uniform(1, 2), 2),
                refund="",
            )


def self_purchase(b: Builder, promoter: PromoterPlan) -> None:
    """The promoter buys through its own links from its own phone and network, as a customer
    id it never declared, at merchants that forbid self-purchase; a few other visitors click
    without buying."""
    rng, seconds = b.rng, b.scale.click_seconds
    me = Visitor(
        promoter.home_ip,
        IN_APP["wechat"],
        f"self-{promoter.key}",
        contact_hash(promoter.phone),
        f"dev-{rng.getrandbits(64):016x}",
    )
    skus = b.skus("beauty") + b.skus("snacks")
    for _n in range(b.scale.self_orders):
        sku = rng.choice(skus)
        click = b.click(
            rng.uniform(0, seconds),
            b.link(promoter, sku),
            me.ip,
            me.user_agent,
            b.referer(promoter.channel),
        )
        b.order(promoter, click, me, sku, refund="")
    networks = _networked(b, 4)
    for _n in range(30):
        visitor = b.visitor(next(networks), b.channel_agent(promoter.channel))
        b.click(
            rng.uniform(0, seconds),
            b.link(promoter, rng.choice(skus)),
            visitor.ip,
            visitor.user_agent,
            b.referer(promoter.channel),
        )


def multi_account_farm(b: Builder, number: int) -> None:
    """Several accounts paid to one bank card, each invited by the one before minutes after
    it joined. Each account is run from one of the farm's phones (its Alipay number, the
    address it signs in from) and buys through the next account's links as itself, so no
    order is bought by its own promoter: only the link between the accounts gives it away."""
    rng, seconds = b.rng, b.scale.click_seconds
    card = f"62{rng.randrange(10**15):015d}"
    created = rng.randrange(3, 20) * 1440
    network = b.networks.new()
    accounts: list[PromoterPlan] = []
    devices: list[Visitor] = []
    for index in range(b.scale.farm_accounts):
        phone = b.phone()
        account = b.promoter(
            "multi_account_farm",
            rng.choice(["wechat_group", "douyin"]),
            created_minutes_ago=created,
            upline=accounts[-1].key if accounts else "",
            phone=phone,
            bank_card=card,
        )
        device = Visitor(
            network.host(),
            IN_APP["wechat"],
            f"farm{number}-{index}",
            contact_hash(phone),
            f"dev-{rng.getrandbits(64):016x}",
        )
        account.home_ip = device.ip
        accounts.append(account)
        devices.append(device)
        created -= rng.randrange(2, 7)
    for index, account in enumerate(accounts):
        buyer = devices[(index + 1) % len(devices)]
        for _n in range(b.scale.farm_orders):
            sku = rng.choice(b.skus())
            click = b.click(
                rng.uniform(0, seconds), b.link(account, sku), buyer.ip, buyer.user_agent, ""
            )
            b.order(account, click, buyer, sku, refund="")


def refund_abuse(b: Builder, promoter: PromoterPlan) -> None:
    """Ordinary-looking traffic and orders, most of them refunded after they were settled."""
    rng, seconds = b.rng, b.scale.click_seconds
    skus = rng.sample(b.skus(), 5)
    networks = _networked(b, 4)
    for _n in range(b.scale.abuse_visitors):
        visitor = b.visitor(next(networks), b.channel_agent(promoter.channel))
        sku = rng.choice(skus)
        click = b.click(
            rng.uniform(0, seconds),
            b.link(promoter, sku),
            visitor.ip,
            visitor.user_agent,
            b.referer(promoter.channel),
        )
        if rng.random() < 0.12:
            b.order(promoter, click, visitor, sku, refund="after" if rng.random() < 0.7 else "")


def attack(b: Builder) -> None:
    """Every pattern's attackers, after the honest traffic (the stuffers are in it)."""
    recent = [
        b.promoter(kind, channel, created_minutes_ago=b.rng.randrange(2, 30) * 1440)
        for kind, channel in (
            ("click_spam", "douyin"),
            ("order_brushing", "wechat_group"),
            ("self_purchase", "wechat_group"),
            ("refund_abuse", "xiaohongshu"),
        )
        for _n in range(b.scale.attackers)
    ]
    for promoter in recent:
        {
            "click_spam": click_spam,
            "order_brushing": order_brushing,
            "self_purchase": self_purchase,
            "refund_abuse": refund_abuse,
        }[promoter.kind](b, promoter)
    for number in range(b.scale.attackers):
        multi_account_farm(b, number)
