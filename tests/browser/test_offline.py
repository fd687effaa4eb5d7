"""The offline copy: `shora offline` zips the built site; unzipped and opened from
file://, a reader goes home -> a resolution -> the other language -> the council
directory -> a country -> a council, with styles and fonts applied and no failed
request; and finds a council with the directory's filter, whose data file loads from
disk too. Built from a project with councils (tests/publish_project.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from shora.build import build_site
from shora.publish.offline import FOLDER, make_offline

from ..publish_project import make_publish_project


@pytest.fixture(scope="module")
def unzipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = make_publish_project(tmp_path_factory.mktemp("offline"))
    assert build_site(project, Path("mkdocs.yml"), Path("site")) == 0
    archive = make_offline(project / "site", project / "dist")
    assert archive.name.endswith(".zip") and [p.name for p in archive.parent.iterdir()] == [
        archive.name
    ]
    target = project / "unzipped"
    with zipfile.ZipFile(archive) as opened:
        assert all(name.startswith(FOLDER + "/") for name in opened.namelist())
        opened.extractall(target)
    return target / FOLDER


def _styled(page: Page) -> None:
    page.wait_for_load_state("load")
    page.evaluate("document.fonts.ready")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in (
        "sticky",
        "fixed",
    )
    fonts = page.evaluate(
        "[...document.fonts].filter(f => f.family.includes('Vazirmatn')"
        " && f.status === 'loaded').length"
    )
    assert fonts >= 1


def _guarded(browser: Browser) -> tuple[Page, list[str]]:
    context = browser.new_context()
    page = context.new_page()
    failures: list[str] = []
    page.on("requestfailed", lambda r: failures.append(f"{r.failure}: {r.url}"))
    page.on("console", lambda m: failures.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: failures.append(str(e)))
    page.on(
        "request",
        lambda r: (
            failures.append(f"not a file: {r.url}")
            if not r.url.startswith(("file://", "data:"))
            else None
        ),
    )
    return page, failures


def test_offline_copy_works_from_file_urls(unzipped: Path, browser: Browser) -> None:
    page, failures = _guarded(browser)
    page.goto(unzipped.joinpath("index.html").as_uri())
    _styled(page)
    page.locator(".shora-latest a, .md-content a[href*='resolutions/']").first.click()
    _styled(page)
    assert "/resolutions/" in page.url and page.url.endswith("/index.html")
    assert page.locator(".shora-clause").count() > 3
    page.locator("[data-shora-switch]").click()
    _styled(page)
    assert "/en/resolutions/" in page.url
    assert page.evaluate("document.documentElement.lang") == "en"
    page.locator(".md-tabs a", has_text="Councils").first.click()
    _styled(page)
    assert page.url.endswith("/en/councils/index.html")
    assert page.locator("a[href*='stockholm']").count() == 0  # countries, not councils
    page.locator(".shora-country__name", has_text="Sweden").click()
    _styled(page)
    assert page.url.endswith("/en/councils/country/se/index.html")
    page.locator(".shora-directory a[href*='stockholm']").first.click()
    _styled(page)
    assert page.url.endswith("/en/councils/stockholm/index.html")
    page.locator("[data-shora-switch]").click()
    _styled(page)
    assert page.url.endswith(f"/{FOLDER}/councils/stockholm/index.html")
    assert failures == []
    page.context.close()


def test_offline_search_page_says_search_needs_the_site(unzipped: Path, browser: Browser) -> None:
    page, failures = _guarded(browser)
    page.goto(unzipped.joinpath("en", "index.html").as_uri())
    page.fill("#shora-q", "party")
    page.press("#shora-q", "Enter")
    page.wait_for_load_state()
    assert page.url.split("?")[0].endswith("/en/search/index.html")
    assert page.locator(".shora-search__offline").is_visible()
    assert failures == []
    page.context.close()


@pytest.mark.parametrize(("language", "query"), [("fa", "يوتبوري"), ("en", "Göteborg")])
def test_offline_directory_filter_finds_a_council(
    unzipped: Path, browser: Browser, language: str, query: str
) -> None:
    page, failures = _guarded(browser)
    prefix = () if language == "fa" else ("en",)
    page.goto(unzipped.joinpath(*prefix, "councils", "index.html").as_uri())
    _styled(page)
    data_files = []
    page.on("request", lambda r: data_files.append(r.url) if "directory-data" in r.url else None)
    page.fill("#shora-find-input", query)  # Arabic yeh for Persian yeh, or an other spelling
    result = page.locator("#shora-find-results a")
    result.first.wait_for()
    assert result.count() == 1
    assert data_files == [unzipped.joinpath(*prefix, "councils", "directory-data.js").as_uri()]
    result.click()
    _styled(page)
    assert page.url == unzipped.joinpath(*prefix, "councils", "gothenburg", "index.html").as_uri()
    assert failures == []
    page.context.close()
