"""What the theme's templates read of a page besides its content: its title and which
sidebars it hides (the page's metadata), and the language switch, the header's search
box and the feeds in ``<head>`` (``config.extra``, set again for every page). The
engine's plugin hands them over; nothing here knows the engine."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from markupsafe import escape

from shora.core.language import LANGUAGES
from shora.site.page_types import GeneratedPage
from shora.site.routes import SEARCH_PAGE, global_url
from shora.site.strings import t
from shora.site.urls import relative


class LanguageSwitch:
    """The links of the language switch (theme/partials/alternate.html).

    Truthy, so Material's header includes the switch, but not iterable, so Material
    writes no ``<link rel="alternate">`` tags: its script would fetch a sitemap.xml
    next to each of them, which for a page-level counterpart does not exist."""

    def __init__(self, links: list[dict[str, object]]):
        self.links = links

    def __bool__(self) -> bool:
        return True


def page_meta(page: GeneratedPage, title: str) -> dict[str, Any]:
    """The metadata of a generated page with this title."""
    return {
        # Theme templates print the title without escaping it.
        "title": str(escape(title)),
        # Generated pages have no Markdown headings: the space of the table of
        # contents goes to the text (and to both columns of the parallel view).
        "hide": ["toc", "navigation"] if page.kind == "parallel" else ["toc"],
    }


def page_extra(address: str, language: str, feeds: Iterable[tuple[str, str]]) -> dict[str, object]:
    """The ``config.extra`` entries of the page at ``address`` (from its language's
    root) that advertises ``feeds`` (title, address from the language's root)."""
    here = global_url(address, language)
    labels = ("label", "placeholder", "button")
    return {
        "alternate": LanguageSwitch(
            [
                {
                    "name": other.name,
                    "lang": other.code,
                    "href": relative(global_url(address, other.code), here),
                    "current": other.code == language,
                }
                for other in LANGUAGES
            ]
        ),
        # The header's search box (theme/partials/shora-search.html).
        "shora_search": {
            "href": relative(global_url(SEARCH_PAGE, language), here),
            **{key: str(escape(t(f"search_{key}", language))) for key in labels},
        },
        "shora_feeds": [
            {"title": str(escape(title)), "href": relative(path, address)} for title, path in feeds
        ],
    }
