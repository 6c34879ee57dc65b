"""The zh-hans catalog is complete: it holds every string the code marks for translation, each
one translated, none fuzzy, with the same placeholders as its English source."""

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.utils import translation

ROOT = Path(settings.BASE_DIR)
CATALOG = ROOT / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|%[sd]|\{\{\s*\w+\s*\}\}")
SOURCES = [
    "config",
    "alliance",
    "products",
    "promoters",
    "ledger",
    "commissions",
    "fraud",
    "statements",
    "payouts",
    "dashboards",
    "templates",
    "manage.py",
]


def catalog(path: Path):
    with path.open("rb") as source:
        return read_po(source)


def ids(messages) -> set:
    return {message.id for message in messages if message.id}


def test_every_entry_is_translated_with_its_placeholders():
    missing, fuzzy, wrong = [], [], []
    for message in catalog(CATALOG):
        if not message.id:
            continue
        sources = message.id if isinstance(message.id, tuple) else (message.id,)
        targets = message.string if isinstance(message.string, tuple) else (message.string,)
        if not all(targets):
            missing.append(sources[0])
        elif message.fuzzy:
            fuzzy.append(sources[0])
        elif any(
            # A plural form may follow either source: Chinese has one form for every count,
            # which names the count as the plural source does.
            all(
                sorted(PLACEHOLDER.findall(target)) != sorted(PLACEHOLDER.findall(source))
                for source in sources
            )
            for target in targets
        ):
            wrong.append(sources[0])
    assert (missing, fuzzy, wrong) == ([], [], [])


@pytest.mark.slow
def test_the_catalog_holds_every_string_the_code_marks(tmp_path):
    """Collect the strings again (Django's makemessages, GNU gettext) into a copy of the code
    and compare: a string added without its translation fails here."""
    if shutil.which("xgettext") is None:
        pytest.fail("GNU gettext is missing: run scripts/install-browser (apt-get install gettext)")
    for name in SOURCES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, tmp_path / name)
    (tmp_path / "locale").mkdir()
    subprocess.run(
        [sys.executable, "manage.py", "makemessages", "-l", "zh_Hans", "--no-obsolete", "-v", "0"],
        cwd=tmp_path,
        check=True,
        env={
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DEBUG": "1",
            "PATH": "/usr/bin:/bin",
            "PYTHONPATH": str(tmp_path),
        },
    )
    collected = ids(catalog(tmp_path / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"))
    committed = ids(catalog(CATALOG))
    assert sorted(collected - committed) == []
    assert sorted(committed - collected) == []


def test_pages_read_in_chinese(client):
    with translation.override("zh-hans"):
        assert translation.gettext("Log in") != "Log in"
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE="zh-CN")

    assert response["Content-Language"] == "zh-hans"
    assert "登录".encode() in response.content
