"""The bot filter: maintained rule sets (CrawlerDetect, ua-parser) flag crawlers and script
clients; real mobile browsers and the in-app browsers of the big Chinese apps are people.
User agents as the clients really send them."""

import pytest

from promoters import clicks
from promoters.models import Click
from promoters.services import is_bot_agent

pytestmark = [pytest.mark.embedded]

SCRIPT_CLIENTS = {
    "python-urllib": "Python-urllib/3.12",
    "aiohttp": "Python/3.12 aiohttp/3.9.5",
    "okhttp": "okhttp/4.12.0",
    "axios": "axios/1.7.2",
    "Apache-HttpClient": "Apache-HttpClient/4.5.14 (Java/17.0.10)",
    "Postman": "PostmanRuntime/7.39.0",
    "undici": "undici",
    "libwww-perl": "libwww-perl/6.77",
    "curl": "curl/8.8.0",
    "wget": "Wget/1.24.5",
    "python-requests": "python-requests/2.32.3",
    "httpx": "python-httpx/0.27.0",
    "Go": "Go-http-client/1.1",
    "Scrapy": "Scrapy/2.11.2 (+https://scrapy.org)",
    "headless Chrome": (
        "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "HeadlessChrome/126.0.6478.126 Safari/537.36"
    ),
}

CRAWLERS = {
    "Googlebot": "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
    "Googlebot smartphone": (
        "Mozilla/5.0 (Linux; Android 6.0.1; Nexus 5X Build/MMB29P) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Chrome/126.0.6478.126 Mobile Safari/537.36 "
        "(compatible; Googlebot/2.1; +http://www.google.com/bot.html)"
    ),
    "Bingbot": "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
    "Baiduspider": (
        "Mozilla/5.0 (compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
    ),
    "Baiduspider mobile": (
        "Mozilla/5.0 (Linux;u;Android 4.2.2;zh-cn;) AppleWebKit/534.46 (KHTML,like Gecko) "
        "Version/5.1 Mobile Safari/10600.6.3 "
        "(compatible; Baiduspider/2.0; +http://www.baidu.com/search/spider.html)"
    ),
    "YandexBot": "Mozilla/5.0 (compatible; YandexBot/3.0; +http://yandex.com/bots)",
    "Sogou": "Sogou web spider/4.0(+http://www.sogou.com/docs/help/webmasters.htm#07)",
    "360Spider": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/50.0.2661.102 Safari/537.36; 360Spider"
    ),
    "Bytespider": (
        "Mozilla/5.0 (Linux; Android 5.0) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Mobile Safari/537.36 (compatible; Bytespider; spider-feedback@bytedance.com)"
    ),
    "Shenma (YisouSpider)": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/69.0.3497.81 YisouSpider/5.0 Safari/537.36"
    ),
    "DuckDuckBot": "DuckDuckBot/1.1; (+http://duckduckgo.com/duckduckbot.html)",
    "Applebot": (
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_5) AppleWebKit/605.1.15 (KHTML, like "
        "Gecko) Version/13.1.1 Safari/605.1.15 (Applebot/0.1; +http://www.apple.com/go/applebot)"
    ),
    "facebookexternalhit": (
        "facebookexternalhit/1.1 (+http://www.facebook.com/externalhit_uatext.php)"
    ),
    "Twitterbot": "Twitterbot/1.0",
    "LinkedInBot": (
        "LinkedInBot/1.0 (compatible; Mozilla/5.0; Apache-HttpClient +http://www.linkedin.com)"
    ),
    "Pinterestbot": (
        "Mozilla/5.0 (compatible; Pinterestbot/1.0; +http://www.pinterest.com/bot.html)"
    ),
    "Slackbot": "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
    "TelegramBot": "TelegramBot (like TwitterBot)",
    "WhatsApp preview": "WhatsApp/2.23.20.0",
    "empty": "",
    "blank": "   ",
}

PEOPLE = {
    "iPhone Safari": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1"
    ),
    "Android Chrome": (
        "Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.6478.122 Mobile Safari/537.36"
    ),
    "WeChat Android": (
        "Mozilla/5.0 (Linux; Android 13; V2227A Build/TP1A.220624.014; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5235 "
        "MMWEBSDK/20230805 MMWEBID/2444 MicroMessenger/8.0.42.2460(0x28002A35) WeChat/arm64 "
        "Weixin NetType/WIFI Language/zh_CN ABI/arm64"
    ),
    "WeChat iPhone": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.40(0x1800282a) NetType/WIFI "
        "Language/zh_CN"
    ),
    "Weibo": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_3 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,5__weibo__13.2.0__iphone__os16.3)"
    ),
    "Douyin Android": (
        "Mozilla/5.0 (Linux; Android 12; PGT-AN10 Build/HONORPGT-AN10; wv) AppleWebKit/537.36 "
        "(KHTML, like Gecko) Version/4.0 Chrome/97.0.4692.98 Mobile Safari/537.36 "
        "aweme_260400 JsSdk/1.0 NetType/WIFI Channel/huawei_1128_64 app_version/26.4.0 "
        "ByteLocale/zh-CN Region/CN AppSkin/white AppTheme/light BytedanceWebview/d8a21c6"
    ),
    "Douyin iPhone": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 aweme_27.0.0 JsSdk/2.0 NetType/WIFI "
        "Channel/App Store ByteLocale/zh Region/CN app_version/27.0.0 ByteFullLocale/zh-Hans-CN"
    ),
    "Xiaohongshu iPhone": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_5 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 discover/8.3 (iPhone; iOS 16.5; Scale/3.00) "
        "Resolution/1170*2532 Version/8.3 Build/8030185 Device/(Apple Inc.;iPhone14,2) "
        "NetType/WiFi"
    ),
    "Xiaohongshu Android": (
        "Mozilla/5.0 (Linux; Android 13; 22081212C Build/TKQ1.220829.002; wv) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/109.0.5414.86 "
        "Mobile Safari/537.36 XiaoHongShu/7.93.0 discover/7.93.0"
    ),
    "Taobao in-app": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 AliApp(TB/10.30.10) WindVane/8.5.0 1170x2532"
    ),
    "QQ in-app": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 QQ/9.0.0.611 V1_IPH_SQ_9.0.0_1_APP_A Pixel/1170 "
        "Core/WKWebView Device/Apple(iPhone 13) NetType/WIFI QBWebViewType/1 WKType/1"
    ),
    "UC Browser": (
        "Mozilla/5.0 (Linux; U; Android 13; zh-CN; V2231A Build/TP1A.220624.014) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 "
        "UCBrowser/15.5.2.1262 Mobile Safari/537.36"
    ),
    "MIUI Browser": (
        "Mozilla/5.0 (Linux; U; Android 12; zh-cn; M2012K11AC Build/SKQ1.211006.001) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/100.0.4896.58 "
        "Mobile Safari/537.36 XiaoMi/MiuiBrowser/17.2.60707"
    ),
    "Huawei Browser": (
        "Mozilla/5.0 (Linux; Android 10; HarmonyOS; NOH-AN00; HMSCore 6.12.0.302) "
        "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0.4844.88 HuaweiBrowser/14.0.2.311 "
        "Mobile Safari/537.36"
    ),
    "Instagram in-app": (
        "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 "
        "(KHTML, like Gecko) Mobile/15E148 Instagram 300.0.0.14.111 (iPhone14,2; iOS 16_0)"
    ),
    "Facebook in-app": (
        "Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Version/4.0 Chrome/116.0 Mobile Safari/537.36 [FB_IAB/FB4A;FBAV/430.0.0.23.113;]"
    ),
    "desktop Edge": (
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/126.0.0.0 Safari/537.36 Edg/126.0.0.0"
    ),
}


@pytest.mark.parametrize("agent", list(SCRIPT_CLIENTS.values()), ids=list(SCRIPT_CLIENTS))
def test_script_clients_are_bots(agent):
    assert is_bot_agent(agent) is True


@pytest.mark.parametrize("agent", list(CRAWLERS.values()), ids=list(CRAWLERS))
def test_crawlers_of_search_and_social_platforms_are_bots(agent):
    assert is_bot_agent(agent) is True


@pytest.mark.parametrize("agent", list(PEOPLE.values()), ids=list(PEOPLE))
def test_real_and_in_app_browsers_are_people(agent):
    assert is_bot_agent(agent) is False


@pytest.mark.django_db
def test_the_redirect_flags_a_crawler_and_counts_a_wechat_visitor(client, link):
    for agent in (CRAWLERS["Bytespider"], PEOPLE["WeChat Android"], SCRIPT_CLIENTS["okhttp"]):
        client.get(f"/t/{link.code}", HTTP_USER_AGENT=agent)
    clicks.queue.flush()

    assert dict(Click.objects.values_list("user_agent", "is_bot")) == {
        CRAWLERS["Bytespider"]: True,
        PEOPLE["WeChat Android"]: False,
        SCRIPT_CLIENTS["okhttp"]: True,
    }
