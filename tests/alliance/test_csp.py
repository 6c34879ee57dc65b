"""The Content-Security-Policy: every answer carries it, it allows no inline script or style, and
no page of any role, nor the admin, nor the API docs, carries markup that would need it.

The browser test (tests/e2e/test_csp.py) loads the same pages in Chromium and fails on any
violation the browser reports; these tests name the offending markup without a browser."""

import re

import pytest

from ..dashboards.walk import world

pytestmark = pytest.mark.django_db

POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
)
# Markup a policy without 'unsafe-inline' refuses: a <script> without src, a <style> element,
# a style="" attribute, an on...="" handler, a javascript: URL.
INLINE = re.compile(
    r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=|javascript:", re.IGNORECASE
)


def inline_markup(html: str) -> list[str]:
    return [match.group(0) for match in INLINE.finditer(html)]


def test_the_finder_sees_each_kind_of_inline_markup():
    html = (
        '<script src="/static/js/app.js"></script><script>alert(1)</script>'
        '<style>p{}</style><p style="color:red" onclick="x()"><a href="javascript:x()">'
    )

    assert inline_markup(html) == [
        "<script>",
        "<style",
        " style=",
        " onclick=",
        "javascript:",
    ]


@pytest.mark.parametrize("path", ["/login/", "/healthz", "/api/v1/products/", "/no-such-page/"])
def test_every_answer_carries_the_policy_without_unsafe_inline(client, path):
    response = client.get(path)

    assert response["Content-Security-Policy"] == POLICY
    assert "unsafe" not in response["Content-Security-Policy"]


@pytest.mark.parametrize("role", ["public", "merchant", "promoter", "admin"])
def test_no_page_of_the_role_needs_inline_script_or_style(role):
    place = world()
    client = place.client(role)
    found = {}
    for path in place.pages[role]:
        response = client.get(path)
        assert response.status_code == 200, path
        assert response["Content-Security-Policy"] == POLICY
        if inline := inline_markup(response.content.decode()):
            found[path] = inline

    assert found == {}


def test_the_api_docs_and_their_start_up_script_come_as_files(client):
    page = client.get("/api/docs/")
    script = client.get("/api/docs/?script=")

    assert page.status_code == 200
    assert inline_markup(page.content.decode()) == []
    assert script.status_code == 200
    assert script["Content-Type"].startswith("application/javascript")


@pytest.mark.parametrize(
    "path",
    [
        "/admin/",
        "/admin/password_change/",
        "/admin/commissions/settlementrun/",
        "/admin/promoters/promoter/",
        "/admin/alliance/user/add/",
        "/admin/products/product/add/",
    ],
)
def test_the_admin_pages_need_no_inline_script_or_style(admin_client, path):
    response = admin_client.get(path)

    assert response.status_code == 200
    assert inline_markup(response.content.decode()) == []
