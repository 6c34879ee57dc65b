import pytest

from alliance.models import ReviewStatus, User
from products.models import Merchant
from promoters.models import Promoter, UplineRelation

from .. import factories

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]


def test_merchant_signs_up_on_the_page_and_waits_for_review(client):
    response = client.post(
        "/signup/merchant/",
        {
            "username": "teashop",
            "password": "long-enough-secret",
            "email": "owner@tea.example",
            "name": "West Lake Tea",
            "store_url": "https://tea.example.com/",
        },
    )

    assert response.status_code == 302
    merchant = Merchant.objects.get(name="West Lake Tea")
    assert merchant.status == ReviewStatus.PENDING
    assert merchant.members.get().user.username == "teashop"


def test_promoter_signs_up_with_invite_code_from_the_link(client):
    inviter = factories.PromoterFactory()
    page = client.get(f"/signup/promoter/?invite={inviter.invite_code}")
    assert inviter.invite_code.encode() in page.content

    response = client.post(
        "/signup/promoter/",
        {
            "username": "kol",
            "password": "long-enough-secret",
            "display_name": "Tea Lover",
            "invite_code": inviter.invite_code,
            "fans_count": "1200",
        },
    )

    assert response.status_code == 302
    promoter = Promoter.objects.get(display_name="Tea Lover")
    assert promoter.fans_count == 1200
    assert UplineRelation.objects.get(promoter=promoter).upline == inviter


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"invite_code": "NOPE1234"}, "invite_code", b"does not belong to an active promoter"),
        ({"password": "123"}, "password", b"too short"),
        ({"username": "bad name!"}, "username", b"Enter a valid value"),
        ({"fans_count": "-5"}, "fans_count", b"greater than or equal to 0"),
        ({"display_name": ""}, "display_name", b"This field is required"),
    ],
)
def test_promoter_page_shows_errors_next_to_fields_and_keeps_input(client, data, field, message):
    form = {
        "username": "kol2",
        "password": "long-enough-secret",
        "display_name": "Tea Lover",
        "fans_count": "10",
        "email": "kol2@example.com",
        **data,
    }

    response = client.post("/signup/promoter/", form)

    assert response.status_code == 400
    html = response.content
    assert f'id="id_{field}_error"'.encode() in html
    assert message in html
    assert b'value="kol2@example.com"' in html  # what the user typed is kept
    assert not Promoter.objects.exists()
    assert not User.objects.filter(username="kol2").exists()


def test_taken_username_is_reported_on_the_merchant_page(client):
    factories.UserFactory(username="taken")

    response = client.post(
        "/signup/merchant/",
        {
            "username": "taken",
            "password": "long-enough-secret",
            "name": "Shop",
            "store_url": "https://shop.example.com/",
        },
    )

    assert response.status_code == 400
    assert b"This username is taken." in response.content
    assert not Merchant.objects.filter(name="Shop").exists()


def test_home_sends_an_approved_promoter_to_the_dashboard(client, promoter):
    client.force_login(promoter.user)

    response = client.get("/")

    assert response.status_code == 302
    assert response["Location"] == "/promoter/"


def test_home_shows_a_pending_promoter_its_review_state(client):
    promoter = factories.PromoterFactory(status="pending")
    client.force_login(promoter.user)

    response = client.get("/")

    assert response.status_code == 200
    assert b"Pending review" in response.content


def test_language_follows_the_browser(client):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-hans")

    assert response["Content-Language"] == "zh-hans"
