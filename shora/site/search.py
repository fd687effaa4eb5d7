"""The search page (``search/`` in each language) and the open-data page (``data/``).

The search page reads ``?q=`` so a search is a link; it loads an index only when there
is a query: Pagefind's when served, the index written as scripts when opened from disk
(see shora/publish/search_index.py, disk_search.py and search.js). The page that
documents the open data documents the tables of :mod:`shora.site.open_data`, which
data/*.csv hold."""

from __future__ import annotations

from shora.site import routes
from shora.site.open_data import TABLES
from shora.site.page_types import GeneratedPage, Renderer
from shora.site.routes import bundle_path, disk_path, global_url, has_calendar
from shora.site.strings import t
from shora.site.urls import relative


def site_root(page_url: str, language: str) -> str:
    """Link from a page to the root of the whole site (the Persian root)."""
    return relative("", global_url(page_url, language))


def root_link(page_url: str, language: str, target: str) -> str:
    """Link from a page to ``target``, an address relative to the site's root."""
    return relative(target, global_url(page_url, language))


class SearchSection:
    kinds = ("search",)

    def __init__(self, renderer: Renderer):
        self.renderer = renderer

    def title(self, page: GeneratedPage) -> str:
        return t("search", self.renderer.language)

    def render(self, page: GeneratedPage) -> str:
        language = self.renderer.language
        return self.renderer.template(
            "search.html",
            page.url,
            bundle=root_link(page.url, language, bundle_path(language) + "pagefind.js"),
            disk=root_link(page.url, language, disk_path(language)),
            root=site_root(page.url, language),
        )

    def head(self, page: GeneratedPage) -> str:
        return '<meta name="robots" content="noindex">'


class DataSection:
    """The page documenting each file under data/, from the code that writes them."""

    kinds = ("data",)

    def __init__(self, renderer: Renderer):
        self.renderer = renderer

    def title(self, page: GeneratedPage) -> str:
        return t("open_data", self.renderer.language)

    def render(self, page: GeneratedPage) -> str:
        language = self.renderer.language
        return self.renderer.template(
            "data.html",
            page.url,
            file=lambda name: root_link(page.url, language, name),
            tables=[(name, columns) for name, (_kind, columns) in TABLES.items()],
            feeds={"resolutions": routes.RESOLUTIONS_FEED, "decisions": routes.DECISIONS_FEED},
            calendar=has_calendar(self.renderer.dataset),  # no meeting: no calendar file
        )

    def head(self, page: GeneratedPage) -> str:
        return ""
