"""Usernames that mix alphabets could pass for another user's and are refused at every sign-up
(alliance/auth_usernames.py)."""

import pytest

from alliance.auth_usernames import username_clean
from alliance.errors import AllianceError
from alliance.models import User

from ..assertions import assert_error

pytestmark = [pytest.mark.django_db, pytest.mark.embedded]

CYRILLIC_A = "\u0430"
PASSWORD = "a-long-enough-secret"


@pytest.mark.parametrize(
    "username",
    [
        f"p{CYRILLIC_A}ypal",  # Latin and Cyrillic
        "\u03a9mega",  # Greek Omega before Latin letters
        f"\u5c0f\u7c73{CYRILLIC_A}",  # Han and Cyrillic
        "\u0561pple",  # Armenian and Latin
    ],
)
def test_mixed_alphabets_are_refused(username):
    with pytest.raises(AllianceError) as refused:
        username_clean(username=username)

    assert (refused.value.field, refused.value.code) == ("username", "mixed_script")


@pytest.mark.parametrize(
    ("username", "stored"),
    [
        ("lily_88", "lily_88"),
        ("\u674e\u5c0f\u9f99", "\u674e\u5c0f\u9f99"),  # Han
        ("\u674e\u5c0f\u9f99_2024", "\u674e\u5c0f\u9f99_2024"),  # Han with digits
        ("\u5c0f\u7c73fans", "\u5c0f\u7c73fans"),  # Han with Latin
        ("\u3055\u304f\u3089\u685c", "\u3055\u304f\u3089\u685c"),  # Hiragana with Han
        ("\uae40\ubbfc\uc900", "\uae40\ubbfc\uc900"),  # Hangul
        ("\u0438\u0432\u0430\u043d", "\u0438\u0432\u0430\u043d"),  # Cyrillic alone
        ("\uff4c\uff49\uff4c\uff59", "lily"),  # full-width Latin, normalised
    ],
)
def test_one_alphabet_or_an_east_asian_combination_is_kept_normalised(username, stored):
    assert username_clean(username=username) == stored


def test_the_api_sign_up_refuses_a_mixed_username_and_creates_nothing(api):
    response = api.post(
        "/api/v1/signup/promoter/",
        {"username": f"p{CYRILLIC_A}ypal", "password": PASSWORD, "display_name": "Pay"},
        format="json",
    )

    error = assert_error(response, 400, code="mixed_script", fields={"username"})
    assert "Cyrillic, Latin" in error["message"]
    assert not User.objects.exists()


def test_the_sign_up_page_refuses_a_mixed_username_next_to_the_field(client):
    response = client.post(
        "/signup/merchant/",
        {
            "username": f"p{CYRILLIC_A}ypal",
            "password": PASSWORD,
            "name": "Pay",
            "store_url": "https://pay.example.com/",
        },
    )

    assert response.status_code == 400
    assert "mixes alphabets" in response.context["form"].errors["username"][0]
    assert not User.objects.exists()


def test_a_full_width_name_is_stored_normalised_and_taken_by_its_ascii_twin(api):
    first = api.post(
        "/api/v1/signup/promoter/",
        {"username": "\uff4c\uff49\uff4c\uff59", "password": PASSWORD, "display_name": "Lily"},
        format="json",
    )
    twin = api.post(
        "/api/v1/signup/promoter/",
        {"username": "lily", "password": PASSWORD, "display_name": "Lily"},
        format="json",
    )

    assert first.status_code == 201
    assert list(User.objects.values_list("username", flat=True)) == ["lily"]
    assert_error(twin, 400, code="username_taken", fields={"username"})
