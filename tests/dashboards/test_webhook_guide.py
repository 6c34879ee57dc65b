"""The webhook guide is a page of the platform, in both languages, linked from the webhook page
instead of a file of the repository."""

import pytest
from django.test import Client

from dashboards.merchant.guide import _markdown

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "heading", "section"),
    [
        ("en", "The order webhook: how a store reports orders", "<h2>The secret</h2>"),
        ("zh-hans", "订单 Webhook：商家店铺如何上报订单", "<h2>签名密钥</h2>"),  # noqa: RUF001
    ],
)
def test_anyone_reads_the_guide_in_their_language(language, heading, section):
    response = Client(headers={"accept-language": language}).get("/merchant/webhook/guide/")

    html = response.content.decode()
    assert response.status_code == 200
    assert f"<h1>{heading}</h1>" in html
    assert section in html
    assert html.count("<table>") == 2  # the event's fields and the answers
    assert "webhook-signature" in html


def test_the_webhook_page_links_to_the_guide_not_to_the_repository(merchant_owner):
    client = Client()
    client.force_login(merchant_owner)

    html = client.get("/merchant/webhook/").content.decode()

    assert 'href="/merchant/webhook/guide/"' in html
    assert "docs/webhooks.md" not in html


def test_links_to_other_files_of_the_docs_keep_their_text_only():
    html = _markdown().render(
        "See [orders.md](orders.md) and [the spec](https://example.com/).", {}
    )

    assert html == '<p>See orders.md and <a href="https://example.com/">the spec</a>.</p>\n'


def test_raw_html_in_the_guide_is_shown_as_text():
    html = _markdown().render('<script>alert("x")</script>\n\nText <b onclick="x()">bold</b>', {})

    assert "<script>" not in html and "<b " not in html
    assert "&lt;script&gt;" in html
