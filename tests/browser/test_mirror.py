"""Mirrors: the built site served under another sub-path and reached by another host
name; a crawler follows every internal link of every page (and checks its #anchor, and
the data file that the council directory's script loads), then a browser spot check
walks the site under that path. `crawl` is used on the demo directory too
(test_directory.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import ClassVar
from urllib.error import HTTPError
from urllib.parse import urldefrag, urljoin, urlsplit
from urllib.request import urlopen

import pytest
from playwright.sync_api import Page

from .harness import REPO, served, site_dir_or_fail

MIRROR = "/another/mirror/path/"


class _Links(HTMLParser):
    ATTRIBUTES: ClassVar[dict[str, str]] = {
        "a": "href",
        "link": "href",
        "script": "src",
        "img": "src",
        "form": "action",
    }

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        name = self.ATTRIBUTES.get(tag)
        if name and values.get(name) is not None:
            self.links.append(values[name] or "")
        # The council directory's script loads this file when the reader uses the filter.
        if "data-shora-tools" in values and values.get("data-src"):
            self.links.append(values["data-src"] or "")


@pytest.fixture(scope="module")
def mirror() -> Iterator[str]:
    site = site_dir_or_fail(os.environ.get("SHORA_SITE_DIR", REPO / "site"))
    with served(site, MIRROR) as base_url:
        yield base_url


def crawl(base: str, prefix: str = MIRROR) -> tuple[dict[str, _Links], set[str], list[str]]:
    """Follow every internal link from ``base`` (the site's root under ``prefix``):
    the pages parsed by address, every address reached, and what is broken."""
    pages: dict[str, _Links] = {}
    queue, seen, broken = [base], {base}, []
    fragments: list[tuple[str, str, str]] = []
    while queue:
        url = queue.pop()
        try:
            with urlopen(url, timeout=10) as response:
                kind = response.headers.get_content_type()
                body = response.read()
        except HTTPError as error:
            broken.append(f"{url}: HTTP {error.code}")
            continue
        if kind != "text/html":
            continue
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        pages[url] = parser
        for link in parser.links:
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            target, fragment = urldefrag(urljoin(url, link))
            parts = urlsplit(target)
            if parts.hostname != urlsplit(base).hostname:
                assert parts.scheme == "https", (url, link)  # only real external links
                continue
            if not parts.path.startswith(prefix):
                broken.append(f"{url}: {link} leaves the mirror's path")
                continue
            target = target.split("?")[0]
            if fragment:
                fragments.append((url, target, fragment))
            if target not in seen:
                seen.add(target)
                queue.append(target)
    for url, target, fragment in fragments:
        if target in pages and fragment not in pages[target].ids:
            broken.append(f"{url}: #{fragment} not in {target}")
    return pages, seen, broken


def test_every_internal_link_resolves_under_another_path_and_host(mirror: str) -> None:
    # The same server by another name: links must not depend on the host either.
    base = mirror.replace("127.0.0.1", "localhost")
    pages, _, broken = crawl(base)
    assert broken == []
    assert len(pages) > 20
    assert base + "en/" in pages and base + "data/" in pages and base + "search/" in pages


def test_browser_walks_the_mirror(mirror: str, page: Page) -> None:
    page.goto(mirror)
    page.wait_for_load_state("networkidle")
    page.locator(".md-tabs a", has_text="قطعنامه‌ها").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == mirror + "resolutions/"
    page.locator(".shora-item a").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(mirror + "resolutions/")
    page.locator("[data-shora-switch]").click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(mirror + "en/resolutions/")
    page.goto(mirror + "en/search/?q=party")
    page.wait_for_selector(".shora-search__title")
    page.locator(".shora-search__title").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url.startswith(mirror + "en/resolutions/")
    assert page.shora.failures == []
