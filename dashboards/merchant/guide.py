"""The webhook guide as a page of the platform: docs/webhooks.md (or its Chinese edition,
docs/webhooks.zh-hans.md) rendered from Markdown, so a store's developer reads the same text the
repository keeps, in the page's language, without an account."""

from functools import cache
from pathlib import Path

from django.conf import settings
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.views.decorators.http import require_GET
from markdown_it import MarkdownIt

GUIDES = {"zh-hans": "webhooks.zh-hans.md"}
DEFAULT_GUIDE = "webhooks.md"


def _markdown() -> MarkdownIt:
    # Raw HTML in the Markdown is shown as text, never passed through.
    parser = MarkdownIt("commonmark", {"html": False}).enable("table")
    render_token = parser.renderer.renderToken

    # A link to another file of docs/ has no page here: its text stays, the link goes.
    def link_open(renderer, tokens, index, options, env):
        href = tokens[index].attrGet("href") or ""
        kept = href.startswith(("http://", "https://", "#"))
        env.setdefault("links", []).append(kept)
        return render_token(tokens, index, options, env) if kept else ""

    def link_close(renderer, tokens, index, options, env):
        kept = env["links"].pop()
        return render_token(tokens, index, options, env) if kept else ""

    parser.add_render_rule("link_open", link_open)
    parser.add_render_rule("link_close", link_close)
    return parser


@cache
def guide(language: str) -> tuple[str, str]:
    """The guide's title (its first heading) and the rest as HTML, for `language`."""
    path = Path(settings.BASE_DIR) / "docs" / GUIDES.get(language, DEFAULT_GUIDE)
    title, _newline, body = path.read_text(encoding="utf-8").partition("\n")
    return title.removeprefix("# ").strip(), _markdown().render(body, {})


@require_GET
def webhook_guide(request):
    """The order webhook guide: public, since a store's developer may have no account."""
    title, body = guide(get_language() or "en")
    return render(
        request, "merchant/webhook_guide.html", {"title": title, "guide": mark_safe(body)}
    )
