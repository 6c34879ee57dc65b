"""The demo alliance that `manage.py load_demo_data` loads: who is in it and what they sell.

Plain data only, so the command stays about how it is loaded. Every row has a natural key (a
username, a merchant name, a SKU, a coupon code, a channel name) that a second run finds again.
Shop names are English with the Chinese the shoppers know in parentheses.
"""

from dataclasses import dataclass
from decimal import Decimal

# Every demo login shares it. It passes the configured password validators.
DEMO_PASSWORD = "alliance-demo"
# Fixed, so two loads into empty databases build the same catalog and click history.
SEED = 20240618

ADMIN_USERNAME = "admin"

# Demo product images ship with the platform, one per category (static/demo/<category>.svg), so
# a demo page needs no other host and shows its pictures offline. Product.image_url must be an
# absolute URL, so they are addressed on the platform's own site (load_demo_data --site-url).
DEMO_IMAGE_PATH = "/static/demo/{category}.svg"
# Images of earlier demo loads, re-pointed at the local ones on the next load.
FORMER_DEMO_IMAGE_PREFIXES = ("https://picsum.photos/",)


def demo_image_url(site_url: str, category: str) -> str:
    return site_url.rstrip("/") + DEMO_IMAGE_PATH.format(category=category)


@dataclass(frozen=True)
class CategorySpec:
    slug: str
    name: str


CATEGORIES = [
    CategorySpec("tea", "Tea (茶叶)"),
    CategorySpec("teaware", "Teaware & Kitchen (茶具厨具)"),
    CategorySpec("skincare", "Skincare (护肤)"),
    CategorySpec("makeup", "Makeup (彩妆)"),
    CategorySpec("phone-accessories", "Phones & Accessories (手机配件)"),
    CategorySpec("computers-office", "Computers & Office (电脑办公)"),
    CategorySpec("home-appliances", "Home Appliances (家用电器)"),
    CategorySpec("snacks", "Snacks (休闲零食)"),
]


@dataclass(frozen=True)
class ProductLine:
    """One kind of goods; each variant becomes a product (a SKU) with price base * factor."""

    title: str
    category: str
    base_price: int
    variants: tuple[tuple[str, float], ...] = (("", 1.0),)


@dataclass(frozen=True)
class MerchantSpec:
    key: str  # SKU prefix and random stream name
    username: str  # the owner's login
    name: str
    store_url: str
    is_approved: bool
    joined_days_ago: int
    settings: dict
    product_rates: tuple[str, ...]  # own rates drawn for products that do not use the default
    lines: tuple[ProductLine, ...]


TEA_SIZES = (("50 g tin (罐装)", 0.5), ("250 g gift box (礼盒)", 2.2), ("500 g family pack", 3.8))
LIPSTICK_SHADES = (("#999 classic red (正红)", 1.0), ("#888 rose nude (豆沙)", 1.0))

MERCHANTS = [
    MerchantSpec(
        key="TEA",
        username="teahouse",
        name="Mingqian Tea House (明前茶舍)",
        store_url="https://mingqian-tea.example.com/",
        is_approved=True,
        joined_days_ago=240,
        settings={"default_commission_rate": Decimal("15.00"), "hold_days": 7},
        product_rates=("12.00", "18.00", "20.00", "25.00"),
        lines=(
            ProductLine("West Lake Longjing green tea (西湖龙井)", "tea", 168, TEA_SIZES),
            ProductLine("Anxi Tieguanyin oolong (安溪铁观音)", "tea", 128, TEA_SIZES),
            ProductLine("Wuyi Da Hong Pao rock tea (武夷大红袍)", "tea", 238, TEA_SIZES),
            ProductLine("Yunnan ripe Pu'er cake (云南普洱熟茶)", "tea", 198, TEA_SIZES),
            ProductLine("Fuding White Peony white tea (福鼎白牡丹)", "tea", 158, TEA_SIZES),
            ProductLine("Keemun black tea (祁门红茶)", "tea", 98, TEA_SIZES),
            ProductLine("Jasmine silver needle (茉莉银针)", "tea", 88, TEA_SIZES),
            ProductLine("Dongting Bi Luo Chun (洞庭碧螺春)", "tea", 148, TEA_SIZES),
            ProductLine("Lapsang Souchong (正山小种)", "tea", 118, TEA_SIZES),
            ProductLine("Huangshan Maofeng (黄山毛峰)", "tea", 108, TEA_SIZES),
            ProductLine("Yixing zisha teapot 200 ml (宜兴紫砂壶)", "teaware", 368),
            ProductLine("Ru kiln gongfu tea set, 6 cups (汝窑功夫茶具)", "teaware", 299),
            ProductLine("Glass tea pitcher 300 ml (公道杯)", "teaware", 39),
            ProductLine("Bamboo tea tray (竹制茶盘)", "teaware", 129),
            ProductLine("Portable travel tea set (旅行茶具)", "teaware", 89),
            ProductLine("Tea gift hamper, four classics (四大名茶礼篮)", "tea", 598),
        ),
    ),
    MerchantSpec(
        key="BEA",
        username="beauty",
        name="Bloom & Dew Beauty (花露美妆)",
        store_url="https://bloom-dew.example.com/",
        is_approved=True,
        joined_days_ago=210,
        settings={
            "default_commission_rate": Decimal("20.00"),
            "attribution_window_days": 7,
            "allow_self_purchase": False,
        },
        product_rates=("20.00", "25.00", "30.00", "35.00"),
        lines=(
            ProductLine(
                "Hyaluronic acid serum (玻尿酸精华)",
                "skincare",
                199,
                (("30 ml", 1.0), ("50 ml", 1.5)),
            ),
            ProductLine(
                "Sunscreen SPF50+ PA++++ (清爽防晒霜)",
                "skincare",
                129,
                (("50 ml", 1.0), ("2 x 50 ml", 1.8)),
            ),
            ProductLine(
                "Hydrating sheet masks (补水面膜)",
                "skincare",
                79,
                (("10 pcs", 1.0), ("30 pcs", 2.6)),
            ),
            ProductLine("Amino acid cleansing foam (氨基酸洁面乳)", "skincare", 69),
            ProductLine("Soothing toner 200 ml (舒缓爽肤水)", "skincare", 109),
            ProductLine("Retinol night cream (视黄醇晚霜)", "skincare", 259),
            ProductLine("Peptide eye cream 15 g (多肽眼霜)", "skincare", 229),
            ProductLine("Cleansing oil 200 ml (卸妆油)", "skincare", 99),
            ProductLine("Niacinamide body lotion (烟酰胺身体乳)", "skincare", 89),
            ProductLine("Velvet matte lipstick (丝绒哑光口红)", "makeup", 139, LIPSTICK_SHADES),
            ProductLine("Moisturising lip glaze (水光唇釉)", "makeup", 99, LIPSTICK_SHADES),
            ProductLine(
                "Cushion foundation (气垫粉底)",
                "makeup",
                179,
                (("#01 ivory (象牙白)", 1.0), ("#02 natural (自然色)", 1.0)),
            ),
            ProductLine(
                "12-colour eyeshadow palette (十二色眼影盘)",
                "makeup",
                159,
                (("Peach (蜜桃)", 1.0), ("Smoky (烟熏)", 1.0)),
            ),
            ProductLine("Waterproof eyeliner (防水眼线笔)", "makeup", 59),
            ProductLine("Setting powder (定妆散粉)", "makeup", 119),
            ProductLine("Brow pencil, dual ended (双头眉笔)", "makeup", 49),
            ProductLine("Makeup brush set, 12 pcs (化妆刷套装)", "makeup", 129),
            ProductLine("Floral eau de parfum 50 ml (花香淡香水)", "makeup", 399),
            ProductLine("Skincare gift set (护肤礼盒)", "skincare", 699),
            ProductLine("Travel minis kit (旅行小样套装)", "skincare", 89),
            ProductLine("Micellar water 400 ml (卸妆水)", "skincare", 79),
            ProductLine("Vitamin C brightening essence (VC精华)", "skincare", 239),
            ProductLine("Hand cream trio (护手霜三支装)", "skincare", 59),
            ProductLine("Lip balm (润唇膏)", "makeup", 39),
            ProductLine("Blush duo (双色腮红)", "makeup", 109),
            ProductLine("Hair mask 250 ml (发膜)", "skincare", 69),
        ),
    ),
    MerchantSpec(
        key="GAD",
        username="gadgets",
        name="Xingchen Digital (星辰数码)",
        store_url="https://xingchen-digital.example.com/",
        is_approved=True,
        joined_days_ago=180,
        settings={
            "default_commission_rate": Decimal("5.00"),
            "click_param": "aff_click",
            "customer_binding_days": 15,
        },
        product_rates=("3.00", "4.50", "6.00", "8.00"),
        lines=(
            ProductLine(
                "Power bank, fast charge (快充充电宝)",
                "phone-accessories",
                99,
                (("10000 mAh", 1.0), ("20000 mAh", 1.6)),
            ),
            ProductLine(
                "True wireless earbuds, ANC (主动降噪蓝牙耳机)",
                "phone-accessories",
                299,
                (("White", 1.0), ("Black", 1.0)),
            ),
            ProductLine(
                "GaN charger (氮化镓充电器)",
                "phone-accessories",
                89,
                (("33 W", 1.0), ("65 W", 1.7)),
            ),
            ProductLine(
                "USB-C braided cable (编织数据线)",
                "phone-accessories",
                29,
                (("1 m", 1.0), ("2 m", 1.4)),
            ),
            ProductLine(
                "Smart watch, AMOLED (智能手表)",
                "phone-accessories",
                599,
                (("41 mm", 1.0), ("46 mm", 1.2)),
            ),
            ProductLine("MagSafe phone case (磁吸手机壳)", "phone-accessories", 59),
            ProductLine("Tempered glass screen protector, 2 pcs (钢化膜)", "phone-accessories", 25),
            ProductLine("Phone stand, aluminium (铝合金手机支架)", "phone-accessories", 39),
            ProductLine(
                "Mechanical keyboard, hot-swap (热插拔机械键盘)",
                "computers-office",
                349,
                (("Red switches (红轴)", 1.0), ("Brown switches (茶轴)", 1.0)),
            ),
            ProductLine("Wireless silent mouse (静音无线鼠标)", "computers-office", 79),
            ProductLine(
                "Portable SSD (移动固态硬盘)",
                "computers-office",
                469,
                (("1 TB", 1.0), ("2 TB", 1.8)),
            ),
            ProductLine("USB-C hub, 7 in 1 (七合一扩展坞)", "computers-office", 159),
            ProductLine("Monitor light bar (屏幕挂灯)", "computers-office", 199),
            ProductLine("Laptop stand (笔记本支架)", "computers-office", 89),
            ProductLine("Webcam 1080p (高清摄像头)", "computers-office", 189),
            ProductLine("Bluetooth speaker, waterproof (防水蓝牙音箱)", "phone-accessories", 229),
            ProductLine(
                "Air fryer (空气炸锅)", "home-appliances", 329, (("4.5 L", 1.0), ("6 L", 1.3))
            ),
            ProductLine("Electric kettle 1.7 L (电热水壶)", "home-appliances", 129),
            ProductLine("Robot vacuum (扫地机器人)", "home-appliances", 1499),
            ProductLine("Handheld garment steamer (手持挂烫机)", "home-appliances", 169),
            ProductLine("Desktop humidifier (桌面加湿器)", "home-appliances", 99),
            ProductLine("Electric toothbrush (电动牙刷)", "home-appliances", 199),
            ProductLine("Hair dryer, ionic (负离子吹风机)", "home-appliances", 259),
            ProductLine("Smart plug, 2 pcs (智能插座)", "home-appliances", 69),
        ),
    ),
    MerchantSpec(
        key="SNK",
        username="snacks",
        name="Laoxiang Snack Shop (老乡零食铺)",
        store_url="https://laoxiang-snacks.example.com/",
        is_approved=False,
        joined_days_ago=3,
        settings={"default_commission_rate": Decimal("12.00")},
        product_rates=("10.00", "15.00"),
        lines=(
            ProductLine("Spicy gluten strips (麻辣辣条)", "snacks", 19, (("Pack of 10", 1.0),)),
            ProductLine("Roasted sunflower seeds (焦糖瓜子)", "snacks", 25),
            ProductLine("Dried mango slices (芒果干)", "snacks", 29),
            ProductLine("Beef jerky, five spice (五香牛肉干)", "snacks", 59),
            ProductLine("Mixed nuts, daily packs (每日坚果)", "snacks", 99),
            ProductLine("Seaweed snacks (海苔脆)", "snacks", 19),
            ProductLine("Hawthorn rolls (山楂卷)", "snacks", 15),
            ProductLine("Spicy duck necks (卤鸭脖)", "snacks", 39),
        ),
    ),
]


@dataclass(frozen=True)
class CampaignSpec:
    merchant: str  # MerchantSpec.key
    name: str
    kind: str
    rate: str
    skus: tuple[int, ...] = ()  # product numbers; empty means the whole store
    window_days: tuple[int, int] | None = None  # (starts, ends) in days from now
    description: str = ""


CAMPAIGNS = [
    CampaignSpec("TEA", "Store-wide plan (全店通用计划)", "general", "16.00"),
    CampaignSpec(
        "TEA",
        "Tea KOL plan (茶叶达人定向计划)",
        "targeted",
        "28.00",
        skus=(1, 2, 4, 7, 10, 31),
        description="For tea creators with 5k+ engaged followers. Apply with your channel.",
    ),
    CampaignSpec(
        "TEA",
        "Tea tasting week (品茶周)",
        "event",
        "22.00",
        window_days=(-3, 4),
        description="One week, every product in the store.",
    ),
    CampaignSpec("BEA", "Everyday beauty plan (美妆通用计划)", "general", "22.00"),
    CampaignSpec(
        "BEA",
        "Creator exclusive (达人专属计划)",
        "targeted",
        "35.00",
        skus=(1, 3, 4, 10, 13, 15, 17, 19),
        description="Beauty creators on Douyin or Xiaohongshu.",
    ),
    CampaignSpec(
        "BEA",
        "Members' week (会员周)",
        "event",
        "30.00",
        skus=(1, 2, 3, 5, 6, 10, 12, 16, 20, 23),
        window_days=(-2, 5),
    ),
    CampaignSpec("GAD", "Digital store plan (数码通用计划)", "general", "6.00"),
    CampaignSpec(
        "GAD",
        "Tech reviewer plan (测评达人计划)",
        "targeted",
        "10.00",
        skus=(1, 3, 5, 14, 16, 25),
        description="For reviewers who publish hands-on tests.",
    ),
    CampaignSpec("GAD", "Flash week (限时闪购周)", "event", "8.00", window_days=(-1, 6)),
    CampaignSpec(
        "GAD",
        "Year-end sale warm-up (年终大促预热)",
        "event",
        "9.00",
        skus=(3, 4, 5, 27, 29),
        window_days=(10, 14),
    ),
]


@dataclass(frozen=True)
class ChannelSpec:
    name: str
    kind: str


@dataclass(frozen=True)
class LinkSpec:
    merchant: str
    sku: int | None  # None: a link to the merchant's whole store
    channel: str | None = None  # ChannelSpec.name; None: the default channel
    coupon: str | None = None
    sub_id: str = ""
    is_active: bool = True


@dataclass(frozen=True)
class PromoterSpec:
    username: str
    display_name: str
    bio: str
    platforms: tuple[str, ...]
    fans_count: int
    audience_tags: tuple[str, ...]
    joined_days_ago: int
    is_approved: bool = True
    invited_by: str | None = None  # the upline's username
    channels: tuple[ChannelSpec, ...] = ()
    links: tuple[LinkSpec, ...] = ()
    # Clicks a link of this promoter gets over the 30 days, drawn between these.
    clicks_per_link: tuple[int, int] = (5, 20)
    own_customers: tuple[tuple[str, str], ...] = ()  # (merchant key, customer id)


# Listed uplines first: lily invited mei, who invited jun (a chain of depth 2).
PROMOTERS = [
    PromoterSpec(
        username="lily",
        display_name="Lily Beauty Diary (莉莉美妆日记)",
        bio="Beauty and tea lifestyle creator. Live every Tuesday and Friday at 8 pm.",
        platforms=("douyin", "xiaohongshu"),
        fans_count=1_280_000,
        audience_tags=("beauty", "skincare", "women 18-35", "tea"),
        joined_days_ago=200,
        channels=(
            ChannelSpec("Douyin live room (抖音直播间)", "douyin"),
            ChannelSpec("Xiaohongshu notes (小红书笔记)", "xiaohongshu"),
        ),
        links=(
            LinkSpec("BEA", 1, "Douyin live room (抖音直播间)", sub_id="live-tue"),
            LinkSpec("BEA", 4, "Douyin live room (抖音直播间)"),
            LinkSpec("BEA", 15, "Xiaohongshu notes (小红书笔记)", coupon="LILY30"),
            LinkSpec("BEA", None, "Xiaohongshu notes (小红书笔记)"),
            LinkSpec("BEA", 20, "Douyin live room (抖音直播间)", sub_id="live-fri"),
            LinkSpec("TEA", 2, "Xiaohongshu notes (小红书笔记)"),
            LinkSpec("TEA", 7),
            LinkSpec("GAD", 3, "Douyin live room (抖音直播间)"),
        ),
        clicks_per_link=(15, 40),
    ),
    PromoterSpec(
        username="mei",
        display_name="Auntie Mei's Tea Group (梅姐茶友群)",
        bio="I run three WeChat groups of tea lovers in Hangzhou.",
        platforms=("wechat_group", "wechat_moments"),
        fans_count=8_600,
        audience_tags=("tea", "home", "40+"),
        joined_days_ago=120,
        invited_by="lily",
        channels=(
            ChannelSpec("Tea lovers group (茶友群)", "wechat_group"),
            ChannelSpec("WeChat Moments (朋友圈)", "wechat_moments"),
        ),
        links=(
            LinkSpec("TEA", 1, "Tea lovers group (茶友群)", sub_id="group-1"),
            LinkSpec("TEA", 4, "Tea lovers group (茶友群)", coupon="TEA20", sub_id="group-2"),
            LinkSpec("TEA", None, "WeChat Moments (朋友圈)"),
            LinkSpec("TEA", 13, "WeChat Moments (朋友圈)"),
            LinkSpec("TEA", 31, "Tea lovers group (茶友群)", sub_id="group-1"),
            LinkSpec("BEA", 7, "WeChat Moments (朋友圈)"),
        ),
        clicks_per_link=(6, 18),
    ),
    PromoterSpec(
        username="jun",
        display_name="Jun Tech Notes (阿俊数码笔记)",
        bio="Hands-on reviews of chargers, earbuds and desk gear.",
        platforms=("blog", "weibo"),
        fans_count=23_000,
        audience_tags=("gadgets", "students", "office"),
        joined_days_ago=60,
        invited_by="mei",
        channels=(
            ChannelSpec("Tech blog (数码博客)", "blog"),
            ChannelSpec("Weibo (微博)", "weibo"),
        ),
        links=(
            LinkSpec("GAD", 1, "Tech blog (数码博客)", sub_id="review-powerbank"),
            LinkSpec("GAD", 5, "Tech blog (数码博客)"),
            LinkSpec("GAD", 10, "Weibo (微博)"),
            LinkSpec("GAD", None, "Weibo (微博)"),
            LinkSpec("GAD", 21, "Tech blog (数码博客)", is_active=False),
            LinkSpec("TEA", 5),
        ),
        clicks_per_link=(4, 16),
    ),
    PromoterSpec(
        username="hao",
        display_name="Hao Deals (好价阿豪)",
        bio="Daily deals on digital goods and home appliances.",
        platforms=("wechat_group", "weibo"),
        fans_count=56_000,
        audience_tags=("deals", "gadgets", "home appliances"),
        joined_days_ago=150,
        channels=(
            ChannelSpec("Gadget deals group (数码优惠群)", "wechat_group"),
            ChannelSpec("Weibo deals (微博好价)", "weibo"),
        ),
        links=(
            LinkSpec("GAD", 2, "Gadget deals group (数码优惠群)", coupon="HAO15"),
            LinkSpec("GAD", 7, "Gadget deals group (数码优惠群)"),
            LinkSpec("GAD", 12, "Weibo deals (微博好价)"),
            LinkSpec("GAD", 15, "Weibo deals (微博好价)"),
            LinkSpec("GAD", 27, "Gadget deals group (数码优惠群)", sub_id="morning-post"),
            LinkSpec("BEA", 3, "Gadget deals group (数码优惠群)"),
            LinkSpec("TEA", 10),
        ),
        clicks_per_link=(8, 25),
        own_customers=(("GAD", "xc-buyer-881230"),),
    ),
    PromoterSpec(
        username="xin",
        display_name="Xin's Snack Corner (小欣零食角)",
        bio="New here: snack reviews on Xiaohongshu.",
        platforms=("xiaohongshu",),
        fans_count=1_200,
        audience_tags=("snacks", "students"),
        joined_days_ago=1,
        is_approved=False,
        invited_by="hao",
    ),
]


@dataclass(frozen=True)
class ApplicationSpec:
    campaign: str
    promoter: str
    status: str  # pending, approved or rejected
    message: str = ""
    reason: str = ""


APPLICATIONS = [
    ApplicationSpec(
        "Tea KOL plan (茶叶达人定向计划)", "lily", "approved", "Tea on my Friday live."
    ),
    ApplicationSpec("Tea KOL plan (茶叶达人定向计划)", "mei", "pending", "Three tea groups."),
    ApplicationSpec("Creator exclusive (达人专属计划)", "lily", "approved"),
    ApplicationSpec(
        "Creator exclusive (达人专属计划)",
        "hao",
        "rejected",
        "Deals group, 56k members.",
        reason="We look for beauty creators for this plan.",
    ),
    ApplicationSpec("Creator exclusive (达人专属计划)", "mei", "pending"),
    ApplicationSpec("Tech reviewer plan (测评达人计划)", "jun", "approved", "I test chargers."),
    ApplicationSpec("Tech reviewer plan (测评达人计划)", "hao", "pending"),
]


@dataclass(frozen=True)
class CouponSpec:
    merchant: str
    code: str
    description: str
    window_days: tuple[int, int]
    quantity: int | None = None
    exclusive_to: str | None = None  # a promoter's username


COUPONS = [
    CouponSpec("TEA", "TEA20", "20 off orders over 199 (满199减20)", (-30, 60), 1000),
    CouponSpec("TEA", "SPRING10", "10% off spring harvest (春茶九折)", (-120, -60), 500),
    CouponSpec("BEA", "BLOOM30", "30 off orders over 299 (满299减30)", (-10, 50), 500),
    CouponSpec("BEA", "LILY30", "Lily's fans: 30 off over 199 (粉丝专享)", (-20, 70), 2000, "lily"),
    CouponSpec("GAD", "TECH50", "50 off orders over 999 (满999减50)", (-15, 45)),
    CouponSpec("GAD", "HAO15", "15 off any order (无门槛减15)", (-5, 25), 300, "hao"),
]


@dataclass(frozen=True)
class Login:
    role: str
    username: str
    note: str = ""


# What scripts/run and the README print; tests/promoters/test_demo_data.py checks they log in.
LOGINS = [
    Login("platform admin", ADMIN_USERNAME, "reviews sign-ups at /admin/"),
    Login("merchant owner", "teahouse", "Mingqian Tea House (明前茶舍)"),
    Login("merchant owner", "beauty", "Bloom & Dew Beauty (花露美妆)"),
    Login("merchant owner", "gadgets", "Xingchen Digital (星辰数码)"),
    Login("merchant owner (pending)", "snacks", "Laoxiang Snack Shop, awaiting review"),
    Login("promoter", "lily", "top of the invite chain lily -> mei -> jun"),
    Login("promoter", "mei", "invited by lily"),
    Login("promoter", "jun", "invited by mei"),
    Login("promoter", "hao", "deals group, exclusive coupon HAO15"),
    Login("promoter (pending)", "xin", "awaiting review"),
]
