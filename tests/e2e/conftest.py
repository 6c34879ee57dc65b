"""Browser tests: Debian's Chromium driven by Playwright's Python package against a live server.

Playwright downloads no browser here: it launches the system's Chromium (CHROMIUM_PATH, by
default /usr/bin/chromium, installed by scripts/install-browser). Each journey saves its
screenshots under test-artifacts/screenshots/<language>/<journey>/."""

import os
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.utils import translation

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still plain synchronous code, which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
# The browser's language for each of the platform's languages.
BROWSER_LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"No Chromium at {CHROMIUM}: run scripts/install-browser (or set CHROMIUM_PATH)"
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


class Visit:
    """One person's browser (its own cookies) in one language, with the journey's screenshots
    and the language's texts: `visit.t("Log in")` is what the page shows for that string."""

    def __init__(
        self, browser, *, base_url: str, language: str, journey: str, who: str, phone=False
    ):
        options = {"locale": BROWSER_LOCALES[language], "base_url": base_url}
        if phone:
            options |= {"viewport": {"width": 390, "height": 844}, "is_mobile": True}
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(15_000)
        self.page = self.context.new_page()
        self.language = language
        self.folder = ARTIFACTS / language / journey
        self.folder.mkdir(parents=True, exist_ok=True)
        self.who = who

    def t(self, text: str) -> str:
        with translation.override(self.language):
            return translation.gettext(text)

    def shot(self, step: str) -> Path:
        count = len(list(self.folder.glob("*.png"))) + 1
        name = re.sub(r"[^a-z0-9]+", "-", f"{self.who} {step}".lower()).strip("-")
        path = self.folder / f"{count:02d}-{name}.png"
        self.page.screenshot(path=path, full_page=True)
        return path

    def login(self, username: str, password: str) -> None:
        self.page.goto("/login/")
        self.page.get_by_label(self.t("Username")).fill(username)
        self.page.get_by_label(self.t("Password")).fill(password)
        self.page.get_by_role("button", name=self.t("Log in"), exact=True).last.click()
        self.page.wait_for_load_state()

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visits(browser, live_server, settings):
    """Open browsers for the people of a journey; all are closed after the test."""
    # Clicks go to the database before the redirect answers: the test reads them at once.
    settings.ALLIANCE_CLICK_RECORDING = "direct"
    opened: list[Visit] = []
    cleared: set[Path] = set()

    def open_visit(*, language: str, journey: str, who: str, phone: bool = False) -> Visit:
        visit = Visit(
            browser,
            base_url=live_server.url,
            language=language,
            journey=journey,
            who=who,
            phone=phone,
        )
        if visit.folder not in cleared:
            # A journey's screenshots are this run's only, numbered in the order taken.
            for old in visit.folder.glob("*.png"):
                old.unlink()
            cleared.add(visit.folder)
        opened.append(visit)
        return visit

    yield open_visit
    for visit in opened:
        visit.close()
