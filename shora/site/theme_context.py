"""What the theme's templates read of a page besides its content: its title and which
sidebars it hides (the page's metadata), and the language switch, the header's search
box and the feeds in ``<head>`` (the page's own template variable :data:`PAGE_CONTEXT`,
never the configuration every page shares). The engine's plugin hands them over;
nothing here knows the engine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from shora.core.language import LANGUAGES
from shora.site.page_types import GeneratedPage
from shora.site.routes import SEARCH_PAGE, global_url
from shora.site.strings import t
from shora.site.urls import relative

# The template variable that holds a page's own entries (theme/main.html and partials).
PAGE_CONTEXT = "shora"


def page_meta(page: GeneratedPage, title: str) -> dict[str, Any]:
    """The metadata of a generated page with this title."""
    return {
        # Theme templates print the title without escaping it.
        "title": str(escape(title)),
        # Generated pages have no Markdown headings: the space of the table of
        # contents goes to the text (and to both columns of the parallel view).
        "hide": ["toc", "navigation"] if page.kind == "parallel" else ["toc"],
    }


def page_context(
    address: str, language: str, feeds: Iterable[tuple[str, str]]
) -> dict[str, object]:
    """The template entries of the page at ``address`` (from its language's root) that
    advertises ``feeds`` (title, address from the language's root)."""
    here = global_url(address, language)
    labels = ("label", "placeholder", "button")
    return {
        # The language switch (theme/partials/alternate.html): one link a language.
        "alternate": [
            {
                "name": other.name,
                "lang": other.code,
                "href": relative(global_url(address, other.code), here),
                "current": other.code == language,
            }
            for other in LANGUAGES
        ],
        # The header's search box (theme/partials/shora-search.html).
        "search": {
            "href": relative(global_url(SEARCH_PAGE, language), here),
            **{key: str(escape(t(f"search_{key}", language))) for key in labels},
        },
        "feeds": [
            {"title": str(escape(title)), "href": relative(path, address)} for title, path in feeds
        ],
    }
