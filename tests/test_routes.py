"""Routes (shora/site/routes.py) own every address: what they list is what the build
makes, and the feeds are right without a built site.

The sites are the session's (tests/built_sites.py): the real data, and the demo data
built with builds.DEMO_PER_PAGE councils a page of a country listing (so the routes
of the demo are asked with the same size)."""

from __future__ import annotations

import os
import posixpath
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

import pytest

import shora.site.routes as routes_module
from shora.load.dataset import Dataset
from shora.publish import atom
from shora.site.page_types import GeneratedPage
from shora.site.routes import LANGUAGES, Routes, global_url
from shora.validate import validate_project

from .browser.builds import DEMO_PER_PAGE
from .built_sites import DEMO, REPO, demo_site, real_site

ATOM = "{http://www.w3.org/2005/Atom}"
SITES = {
    # name: (project root, built site, councils a page of a country listing)
    "real": (REPO, real_site, routes_module.COUNCILS_PER_PAGE),
    "demo": (DEMO, demo_site, DEMO_PER_PAGE),
}


@cache
def _dataset(root: Path) -> Dataset:
    return validate_project(root).dataset


@pytest.fixture(params=sorted(SITES))
def built(
    request: pytest.FixtureRequest,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[tuple[Routes, Path]]:
    """The routes of a dataset, with the page size its site was built with, and the
    site."""
    root, build, per_page = SITES[request.param]
    site = build(tmp_path_factory)
    monkeypatch.setattr(routes_module, "COUNCILS_PER_PAGE", per_page)
    yield Routes(_dataset(root)), site


def _built_pages(site: Path) -> set[str]:
    """Every page of a built site (a folder with an index.html), from the site's root."""
    found = set()
    for folder, _dirs, files in os.walk(site):
        if "index.html" in files:
            relative = Path(folder).relative_to(site).as_posix()
            found.add("" if relative == "." else relative + "/")
    return found


def _hand_written_pages(language: str) -> set[str]:
    """The pages of content/<language>/, as MkDocs addresses them."""
    folder = REPO / "content" / language
    return {
        GeneratedPage(path.relative_to(folder).as_posix(), "").url for path in folder.rglob("*.md")
    }


def test_every_file_routes_give_is_in_the_built_site(built: tuple[Routes, Path]) -> None:
    routes, site = built
    files = routes.files()
    assert len(files) == len(set(files))
    assert [path for path in files if not (site / path).is_file()] == []
    # Every kind of file is there: the list is not short of a kind.
    for expected in ("index.html", ".xml", ".js", ".json", ".csv", ".geojson"):
        assert any(path.endswith(expected) for path in files), expected
    if routes.dataset.resolutions:
        assert any(path.endswith(".pdf") for path in files)
    for language in LANGUAGES:
        for council_id in routes.dataset.councils:
            assert global_url(routes_module.council_feed(council_id), language) in files


def test_the_built_pages_are_the_routes_pages_and_the_hand_written_ones(
    built: tuple[Routes, Path],
) -> None:
    """Each generated page's address comes from routes: the built site has no page
    they do not list, and every one they list."""
    routes, site = built
    expected = set()
    for language in LANGUAGES:
        pages = [page.url for page in routes.pages()]
        assert len(pages) == len(set(pages))
        expected |= {global_url(url, language) for url in pages}
        expected |= {global_url(url, language) for url in _hand_written_pages(language)}
    built_pages = _built_pages(site)
    assert sorted(built_pages - expected) == []
    assert sorted(expected - built_pages) == []


def test_the_open_data_files_are_the_routes_ones(built: tuple[Routes, Path]) -> None:
    routes, site = built
    written = {path.relative_to(site).as_posix() for path in (site / "data").iterdir()}
    assert written - {"data/index.html"} == set(routes.open_data())


def test_routes_has_page_is_what_it_lists(built: tuple[Routes, Path]) -> None:
    routes, _site = built
    for page in routes.pages():
        assert routes.has_page(page.url)
    assert not routes.has_page("decisions/no-such-decision/")
    assert not routes.has_page("about/")  # hand-written: not the data's


# ---------------------------------------------------------------- feeds without a built site


def _feed_links(path: Path) -> list[tuple[str, str]]:
    """(rel, href) of every link of a feed and of its entries."""
    root = ET.parse(path).getroot()
    return [(link.get("rel") or "", link.get("href") or "") for link in root.iter(f"{ATOM}link")]


@pytest.mark.parametrize("site_url", [None, "https://example.org/mirror/shora/"])
@pytest.mark.parametrize("name", sorted(SITES))
def test_feeds_written_alone_link_the_routes_pages(
    tmp_path: Path, name: str, site_url: str | None
) -> None:
    """Feeds written into an empty folder (no page built) link to the pages routes
    list, and are the feeds routes list."""
    dataset = _dataset(SITES[name][0])
    routes = Routes(dataset)
    written = atom.write(dataset, tmp_path, site_url)
    expected = {
        global_url(feed.path, language) for language in LANGUAGES for feed in routes.feeds()
    }
    assert {path.relative_to(tmp_path).as_posix() for path in written} == expected
    assert {
        path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*") if path.is_file()
    } == expected
    for language in LANGUAGES:
        for feed in routes.feeds():
            address = global_url(feed.path, language)
            targets = [
                (rel, _target(href, feed.path, language, site_url))
                for rel, href in _feed_links(tmp_path / address)
            ]
            # Its own address first, then its page: its council's, or the list of
            # what it holds; then each entry's page.
            assert targets[:2] == [("self", feed.path), ("alternate", feed.page)]
            for rel, target in targets[2:]:
                assert rel == "alternate" and routes.has_page(target), (address, target)


def _target(href: str, feed_path: str, language: str, site_url: str | None) -> str:
    """The address a feed's link points at, from its language's root."""
    if site_url:
        root = urljoin(site_url, global_url("", language))
        assert href.startswith(root), href  # absolute, under the language's root
        return href.removeprefix(root)
    assert not re.match(r"[a-z]+:|/", href), href  # relative to the feed
    target = posixpath.normpath(posixpath.join(posixpath.dirname(feed_path), href))
    return target + "/" if href.endswith("/") else target


def test_feeds_written_alone_are_the_built_sites_feeds(
    tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """The same bytes as the feeds a whole build writes: nothing of the built site
    went into them."""
    site = real_site(tmp_path_factory)
    for path in atom.write(_dataset(REPO), tmp_path, None):
        relative = path.relative_to(tmp_path)
        assert path.read_bytes() == (site / relative).read_bytes(), relative


def test_a_council_page_advertises_its_own_feed() -> None:
    dataset = _dataset(DEMO)
    routes = Routes(dataset)
    council_id = sorted(dataset.councils)[0]
    own = routes_module.council_feed(council_id)
    for address in (
        routes_module.council_url(council_id),
        routes_module.council_decisions_url(council_id, 2),
    ):
        assert [feed.path for feed in routes.page_feeds(address)][-1] == own
    for address in ("", "councils/", routes_module.country_url("se"), "decisions/"):
        paths = [feed.path for feed in routes.page_feeds(address)]
        assert paths == [routes_module.RESOLUTIONS_FEED, routes_module.DECISIONS_FEED]
