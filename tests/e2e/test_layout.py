"""The layout in a real browser: language from the browser and the switcher, a bad sign-up kept
with its errors beside the fields, the menu on a phone, keyboard use."""

import pytest
from playwright.sync_api import expect

from tests import factories

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "zh-hans"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_follows_the_browser_language_and_the_switcher(visits, language):
    visit = visits(language=language, journey="layout", who="visitor")
    page = visit.page

    page.goto("/")
    expect(page.locator("html")).to_have_attribute("lang", language)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        visit.t("Alliance affiliate platform")
    )
    visit.shot("home")

    other = "zh-hans" if language == "en" else "en"
    page.get_by_label(visit.t("Language")).select_option(other)
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", other)
    assert page.url.endswith("/")
    visit.shot("switched language")


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_bad_sign_up_keeps_the_input_and_shows_each_error_beside_its_field(visits, language):
    factories.PromoterFactory(user__username="taken")
    visit = visits(language=language, journey="bad-sign-up", who="visitor")
    page = visit.page

    page.goto("/signup/promoter/")
    page.get_by_label(visit.t("Username")).fill("taken")
    page.get_by_label(visit.t("Email")).fill("not an email")
    page.get_by_label(visit.t("Display name")).fill("Lily Tea Notes")
    page.get_by_label(visit.t("Password")).fill("long-enough-secret")
    page.get_by_role("button", name=visit.t("Sign up")).click()
    page.wait_for_load_state()

    email = page.get_by_label(visit.t("Email"))
    expect(email).to_have_value("not an email")
    expect(email).to_have_attribute("aria-invalid", "true")
    email_field = page.locator(".field", has=email)
    expect(email_field.locator(".error")).to_have_text(visit.t("Enter a valid email address."))
    expect(page.get_by_label(visit.t("Display name"))).to_have_value("Lily Tea Notes")
    expect(page.get_by_label(visit.t("Username"))).to_have_value("taken")
    visit.shot("errors beside the fields")


def test_on_a_phone_the_menu_folds_and_opens_from_the_keyboard(visits, live_server):
    promoter = factories.PromoterFactory(user__username="phone-user")
    promoter.user.set_password("long-enough-secret")
    promoter.user.save()
    visit = visits(language="en", journey="phone", who="promoter", phone=True)
    page = visit.page
    visit.login("phone-user", "long-enough-secret")

    menu = page.locator(".sidenav-toggle")
    expect(menu).not_to_have_attribute("open", "")
    visit.shot("menu folded")
    page.locator(".sidenav summary").focus()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("open", "")
    links = page.locator(".sidenav a")
    expect(links.first).to_be_visible()
    # Nothing sticks out sideways: the page fits the phone's width.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    visit.shot("menu open")


def test_the_skip_link_is_the_first_stop_of_the_keyboard(visits):
    visit = visits(language="en", journey="keyboard", who="visitor")
    page = visit.page
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert focused == "skip-link"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
