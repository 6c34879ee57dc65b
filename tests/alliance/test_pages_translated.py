"""Every page of every role, asked for in Chinese, shows no English left untranslated and no
empty heading.

The walk reads each page's visible text (text nodes, and the placeholder, title, alt and
aria-label attributes) and keeps the words in Latin letters that are neither the test's own data
(names, SKUs, codes, e-mail addresses, URLs) nor on the short list of names and codes that read
the same in both languages."""

import re
from html.parser import HTMLParser

import pytest

from ..dashboards.walk import world

pytestmark = pytest.mark.django_db

# Names and codes that stay as they are in Chinese: brands, formats, units, protocol words, the
# column names of the product file.
SAME_IN_BOTH = {
    "Alliance",  # the platform's name
    "API",
    "REST",
    "CSV",
    "XLSX",
    "PNG",
    "SVG",
    "QR",
    "URL",
    "EPC",
    "ID",
    "SKU",
    "GMV",
    "HMAC",
    "SHA",
    "JSON",
    "HTTP",
    "HTTPS",
    "POST",
    "UTF",
    "ISO",
    "UTC",
    "KiB",
    "MiB",
    "Unix",
    "Python",
    "curl",
    "openssl",
    "YYYY",
    "MM",
    "Django",
    "English",  # the language menu names each language in its own tongue
    "Alipay",
    "CNY",
    "Webhook",  # the technical term, written so in Chinese too
    "sku",
    "title",
    "url",
    "price",
    "category",
}
ATTRIBUTES = {"placeholder", "title", "alt", "aria-label"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
# Code, scripts, and what a template marks translate="no" (recorded data shown as it was kept).
SKIPPED = {"script", "style", "code", "pre", "kbd", "samp"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "wbr"}
DATA = [
    r"https?://\S+",
    r"[\w.+-]+@[\w-]+(\.[\w-]+)+",
    r"/[\w/.-]*",
    r"\b[\w-]+(?:\.[\w-]+)+\b",  # host names and file names: store1.example.com, orders.md
    r"\b[A-Za-z]+(?:[._][A-Za-z0-9]+)+\b",  # identifiers: order.paid, image_url
    r"\bbase64\b|\b\dxx\b|Standard Webhooks|JSON Lines",
    r"\b(?:user|Store |Product |SKU-|PAY-|PO|INV|code|SAVE|Category |Campaign )[\w-]*\d+\b",
    r"Tea House|Lily Tea Notes|Invited|Spring|SPRING10|root|Default|张三|10 off 100",
]
WORD = re.compile(r"[A-Za-z][A-Za-z_']+")


class Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.empty_headings: list[str] = []
        self.open: list[tuple[str, bool]] = []  # (tag, skipped) of each open element
        self.heading: list[str] | None = None

    @property
    def skipping(self) -> bool:
        return any(skipped for _tag, skipped in self.open)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        skipped = tag in SKIPPED or attributes.get("translate") == "no"
        if not self.skipping and not skipped:
            self.texts.extend(v for name, v in attrs if name in ATTRIBUTES and v)
        if tag not in VOID:
            self.open.append((tag, skipped))
        if tag in HEADINGS:
            self.heading = []

    def handle_endtag(self, tag):
        if any(open_tag == tag for open_tag, _skipped in self.open):
            while self.open and self.open.pop()[0] != tag:
                pass
        if tag in HEADINGS and self.heading is not None:
            if not "".join(self.heading).strip():
                self.empty_headings.append(tag)
            self.heading = None

    def handle_data(self, data):
        if self.heading is not None:
            self.heading.append(data)
        if not self.skipping and data.strip():
            self.texts.append(data.strip())


def english_left(texts: list[str]) -> list[str]:
    left = []
    for text in texts:
        rest = text
        for pattern in DATA:
            rest = re.sub(pattern, " ", rest)
        words = [w for w in WORD.findall(rest) if w not in SAME_IN_BOTH]
        if words:
            left.append(text)
    return left


def read(html: str) -> Reader:
    reader = Reader()
    reader.feed(html)
    return reader


def test_the_reader_finds_english_and_empty_headings():
    reader = read(
        "<h1></h1><h2>订单</h2><p>Orders per click</p><p>SKU-00012 · CSV</p>"
        '<input placeholder="Search"><script>var x = "English code";</script>'
        '<td translate="no">payouts.payout 12: requested</td><p>order.paid 已支付</p>'
    )

    assert reader.empty_headings == ["h1"]
    assert english_left(reader.texts) == ["Orders per click", "Search"]


@pytest.mark.parametrize("role", ["public", "merchant", "promoter", "admin"])
def test_every_page_of_the_role_is_all_chinese_with_no_empty_heading(role):
    place = world()
    client = place.client(role, accept_language="zh-hans")
    problems = {}
    for path in place.pages[role]:
        response = client.get(path)
        assert response.status_code == 200, path
        reader = read(response.content.decode())
        english = english_left(reader.texts)
        if english or reader.empty_headings:
            problems[path] = {"english": english, "empty headings": reader.empty_headings}

    assert problems == {}, "\n".join(f"{path}: {found}" for path, found in problems.items())
