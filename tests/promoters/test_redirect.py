from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alliance.models import ReviewStatus
from promoters.models import Click

from .. import factories
from .visits import visit

pytestmark = [pytest.mark.django_db, pytest.mark.embedded, pytest.mark.usefixtures("click_mode")]


def follow(client, link, **headers):
    return visit(client, f"/t/{link.code}", **headers)


def test_redirect_records_click_and_appends_click_id_keeping_query(client, link):
    response = follow(client, link, HTTP_REFERER="https://weibo.com/post/1")

    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.netloc == urlsplit(link.product.url).netloc
    query = parse_qs(target.query)
    assert query["ref"] == ["shop"]
    click = Click.objects.get()
    assert query["alliance_click"] == [click.token]
    assert click.link == link
    assert click.referer == "https://weibo.com/post/1"
    assert click.is_unique is True
    assert click.is_bot is False
    assert "127.0.0.1" not in click.ip_hash


def test_second_click_from_same_visitor_is_not_unique(client, link):
    follow(client, link)
    follow(client, link)

    assert list(Click.objects.order_by("created_at").values_list("is_unique", flat=True)) == [
        True,
        False,
    ]


def test_bot_user_agent_is_flagged(client, link):
    visit(client, f"/t/{link.code}", HTTP_USER_AGENT="Googlebot/2.1")

    assert Click.objects.get().is_bot is True


def test_unknown_code_is_404_page(client, db):
    response = visit(client, "/t/doesnotexist")

    assert response.status_code == 404
    assert b"Link not found" in response.content
    assert Click.objects.count() == 0


@pytest.mark.parametrize("what", ["product", "merchant", "promoter", "link"])
def test_inactive_target_is_410_page(client, link, what):
    if what == "product":
        link.product.is_active = False
        link.product.save()
    elif what == "merchant":
        link.merchant.status = ReviewStatus.SUSPENDED
        link.merchant.save()
    elif what == "promoter":
        link.promoter.status = ReviewStatus.SUSPENDED
        link.promoter.save()
    else:
        link.is_active = False
        link.save()

    response = follow(client, link)

    assert response.status_code == 410
    assert Click.objects.count() == 0


def test_store_link_uses_merchant_click_param(client, promoter, merchant):
    merchant.click_param = "aff"
    merchant.save()
    link = factories.LinkFactory(promoter=promoter, product=None, merchant=merchant)

    response = follow(client, link)

    assert response["Location"].startswith(merchant.store_url)
    assert parse_qs(urlsplit(response["Location"]).query)["aff"] == [Click.objects.get().token]


def test_sub_parameter_overrides_link_sub_id(client, link):
    visit(client, f"/t/{link.code}?sub=group42")

    assert Click.objects.get().sub_id == "group42"


def test_redirect_query_count(client, link, click_mode):
    follow(client, link)  # warms the link cache
    # Batched, the redirect touches no database; direct, it makes its one INSERT. (Inside the
    # test's transaction that INSERT runs in a savepoint; in autocommit, as served, it does not.)
    with CaptureQueriesContext(connection) as queries:
        client.get(f"/t/{link.code}", HTTP_USER_AGENT="Mozilla/5.0")
    statements = [q["sql"].split()[0] for q in queries if "SAVEPOINT" not in q["sql"]]
    assert statements == ([] if click_mode == "batched" else ["INSERT"])
