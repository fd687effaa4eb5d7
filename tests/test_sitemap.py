"""The pages the sitemap lists come from the routes (the pages made from the data) and
the engine (the hand-written pages), not from the built site: here they are held
against the folders of the built real and demo sites, which the session builds once
(tests/built_sites.py)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from shora.engine.engines import DEFAULT_ENGINE, loaded_engine, select
from shora.engine.mkdocs_api import hand_written_pages
from shora.load.dataset import Dataset
from shora.site import routes
from shora.site.routes import Routes, page_address
from shora.validate import validate_project

from .browser.builds import DEMO_PER_PAGE
from .built_sites import DEMO, REPO, demo_site, real_site

CONFIGS = {"fa": REPO / "mkdocs.yml", "en": REPO / "mkdocs.en.yml"}


def _built_pages(site: Path) -> list[str]:
    """Every page of a built site, by its address from the site's root: each folder
    with an index.html."""
    found = []
    for folder, _subfolders, names in os.walk(site):
        if "index.html" in names:
            relative = Path(folder).relative_to(site).as_posix()
            found.append("" if relative == "." else relative + "/")
    return sorted(found)


def _load_config(path: Path) -> object:
    """A configuration, read by the engine this process has loaded."""
    return select(loaded_engine() or DEFAULT_ENGINE).load_config(str(path))


def _hand_written() -> dict[str, list[str]]:
    return {
        language: hand_written_pages(_load_config(config)) for language, config in CONFIGS.items()
    }


def _dataset(root: Path) -> Dataset:
    return validate_project(root).dataset


def test_the_routes_list_every_page_of_the_real_site_and_no_other(
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    site = real_site(tmp_path_factory)
    hand_written = _hand_written()
    for pages in hand_written.values():
        assert sorted(pages) == ["", "about/", "contribute/", "platform/"]
    listed = Routes(_dataset(REPO)).site_pages(hand_written)
    assert listed == _built_pages(site)
    assert {"", "en/", "en/about/", "resolutions/", "en/search/"} <= set(listed)


def test_the_routes_list_every_page_of_the_demo_site_and_no_other(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The demo site, built with DEMO_PER_PAGE councils a page of a country: the
    routes asked with the same size list its numbered pages too."""
    site = demo_site(tmp_path_factory)
    monkeypatch.setattr(routes, "COUNCILS_PER_PAGE", DEMO_PER_PAGE)
    listed = Routes(_dataset(DEMO)).site_pages(_hand_written())
    assert listed == _built_pages(site)
    assert any("/page/2/" in address and address.startswith("councils/") for address in listed)
    assert "en/councils/country/de/page/2/" in listed


def test_a_hand_written_page_is_addressed_as_the_engine_writes_it() -> None:
    assert page_address("index.html") == ""
    assert page_address("about/index.html") == "about/"
    assert page_address("guide/setup/index.html") == "guide/setup/"
    assert page_address("about.html") == "about.html"  # without directory addresses


def test_the_engine_finds_the_hand_written_pages_as_mkdocs_does(tmp_path: Path) -> None:
    """A README.md stands for a missing index.md; an excluded file and a draft are
    not built; a file that is no Markdown is no page."""
    docs = tmp_path / "docs"
    for name in ("README.md", "a.md", "b/index.md", "b/c.md", "drafts/d.md", "x/e.md", "f.txt"):
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text("# t\n", encoding="utf-8")
    config = tmp_path / "mkdocs.yml"
    config.write_text(
        "site_name: t\ndocs_dir: docs\nexclude_docs: x/\ndraft_docs: drafts/\n", encoding="utf-8"
    )
    pages = hand_written_pages(_load_config(config))
    assert sorted(pages) == ["", "a/", "b/", "b/c/"]
