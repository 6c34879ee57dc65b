"""`/api/docs/` needs no host but the platform's own: Swagger UI comes from its static files."""

import re
from urllib.parse import urlsplit

import pytest
from django.test import Client

ASSET = re.compile(rb"""(?:src|href)=["']([^"']+)["']""")
ABSOLUTE_URL = re.compile(rb"""\b(?:https?:)?//[a-z0-9.-]+\.[a-z]{2,}""", re.IGNORECASE)


@pytest.fixture
def docs_page(client, db):
    response = client.get("/api/docs/")
    assert response.status_code == 200
    return response.content


def test_the_docs_page_names_no_other_host(docs_page):
    assets = [url.decode() for url in ASSET.findall(docs_page)]

    assert {urlsplit(url).path.rsplit("/", 1)[-1] for url in assets} >= {
        "swagger-ui.css",
        "swagger-ui-bundle.js",
        "swagger-ui-standalone-preset.js",
    }
    assert [url for url in assets if urlsplit(url).netloc or not url.startswith("/")] == []
    assert ABSOLUTE_URL.findall(docs_page) == []


def test_the_docs_page_runs_no_inline_script(docs_page, client):
    """Its start-up script is a same-host file, so a policy allowing only own scripts runs it."""
    assert re.findall(rb"<script>", docs_page) == []
    script = next(url for url in ASSET.findall(docs_page) if b"script" in url.split(b"?")[-1])

    answer = client.get(script.decode().replace("&amp;", "&"))

    assert answer.status_code == 200
    assert answer["Content-Type"].startswith("application/javascript")
    assert b"SwaggerUIBundle(" in answer.content
    # No validator badge fetched from validator.swagger.io.
    assert b'"validatorUrl": null' in answer.content


def test_every_asset_of_the_docs_page_is_served_by_the_platform(docs_page, settings):
    assets = [url.decode() for url in ASSET.findall(docs_page)]
    # WhiteNoise serves from the static finders here as it serves the collected files in an
    # image; a fresh client loads the middleware with that setting.
    settings.WHITENOISE_USE_FINDERS = True
    client = Client()

    answers = {url: client.get(url) for url in assets}

    assert {url: response.status_code for url, response in answers.items()} == {
        url: 200 for url in assets
    }
    bundle = next(url for url in assets if url.endswith("swagger-ui-bundle.js"))
    assert b"SwaggerUIBundle" in b"".join(answers[bundle].streaming_content)
