"""The offline copy: `shora offline` zips the built site; unzipped and opened from
file://, a reader goes home -> a resolution -> the other language -> the council
directory -> a country -> a council, with styles and fonts applied and no failed
request; finds a council with the directory's filter, whose data file loads from
disk too; and searches in both languages with the index read from disk, which gives
the results Pagefind gives the served site. Built once from a project with councils
(tests/publish_project.py); the same build is served for the comparison."""

from __future__ import annotations

import json
import zipfile
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from shora.publish.disk_search import disk_path
from shora.publish.offline import FOLDER, make_offline

from .builds import publish_project_site
from .harness import guarded_page, served
from .test_search import searched


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return publish_project_site(tmp_path_factory)


@pytest.fixture(scope="module")
def unzipped(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("offline")  # the site is shared: the copy is ours
    archive = make_offline(built, project / "dist")
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
    # A click that leaves a page cancels what the page was still loading from the copy
    # (Material's script, which the reader's first touch fetches: shora.js): no failure.
    page.on(
        "requestfailed",
        lambda r: (
            None
            if r.failure == "net::ERR_ABORTED" and r.url.startswith("file://")
            else failures.append(f"{r.failure}: {r.url}")
        ),
    )
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


# ------------------------------------------------------------------ search from disk


def test_the_copy_carries_the_index_from_disk_instead_of_pagefind(unzipped: Path) -> None:
    for language in ("fa", "en"):
        assert (unzipped / disk_path(language) / "meta.js").is_file()
        assert (unzipped / disk_path(language) / "p-0.js").is_file()
    assert not list(unzipped.rglob("pagefind*"))


# (language, query as typed, a page it finds, whether a clause of that page is shown)
OFFLINE_QUERIES = [
    ("fa", "حزبيت", "resolutions/place-and-importance-of-the-party/", True),  # Arabic yeh
    ("fa", "كمونيسم", "resolutions/mass-organizing-abroad/", True),  # Arabic kaf and yeh
    ("fa", "٢٧٣", "resolutions/place-and-importance-of-the-party/", False),  # Arabic-Indic
    ("fa", "يوتبوري", "councils/gothenburg/", False),  # a council by another spelling
    ("en", "organizing", "resolutions/mass-organizing-abroad/", True),
    ("en", "Göteborg", "councils/gothenburg/", False),
]


@pytest.mark.parametrize(("language", "query", "found", "clause"), OFFLINE_QUERIES)
def test_offline_search_from_file_urls(
    unzipped: Path, browser: Browser, language: str, query: str, found: str, clause: bool
) -> None:
    """A reader types in the header's box on a page of the copy, gets results with
    clause sub-results and marked snippets, and follows one, all from disk."""
    page, failures = _guarded(browser)
    root = unzipped if language == "fa" else unzipped / "en"
    page.goto(root.joinpath("index.html").as_uri())
    page.fill("#shora-q", query)
    page.press("#shora-q", "Enter")
    searched(page)
    assert page.url == root.joinpath("search", "index.html").as_uri() + "?q=" + quote(query)
    links = page.eval_on_selector_all(".shora-search__title", "a => a.map(x => x.href)")
    target = root.joinpath(*found.split("/"), "index.html").as_uri()
    assert target in links, (query, links)
    assert all(link.startswith(unzipped.as_uri() + "/") for link in links)
    result = page.locator(".shora-search__result", has=page.locator(f'a[href="{target}"]'))
    assert result.locator("mark").count() >= 1
    clauses = result.locator("ul a")
    if clause:
        assert clauses.count() >= 1
        href = clauses.first.get_attribute("href") or ""
        assert href.startswith(target + "#"), href
        clauses.first.click()
        page.wait_for_load_state("load")
        assert page.url == href
        assert page.locator(f"[id='{href.split('#')[1]}']").count() == 1
    assert page.evaluate("document.documentElement.lang") == language
    assert failures == []  # among them any request that is not a file
    page.context.close()


def _indexed_words(site: Path, language: str) -> list[str]:
    """Every word of a language's index from disk, in order."""
    found: list[str] = []
    for shard in sorted((site / disk_path(language)).glob("w-*.js")):
        call = shard.read_text(encoding="utf-8")
        found += json.loads(call[call.index(",") + 1 : call.rindex(")")])
    return found


def _every_result(page: Page, queries: list[str]) -> list[dict]:
    return page.evaluate(
        "async queries => { const out = [];"
        " for (const q of queries) out.push(await window.shoraSearchRun(q)); return out; }",
        queries,
    )


def _comparable(found: dict, base: str) -> tuple[int, dict[str, list[str]]]:
    """(count, {page: its clause sub-results}) with addresses from the site's root."""

    def plain(url: str) -> str:
        return url.removeprefix(base).replace("index.html", "")

    results = {plain(r["url"]): sorted(map(plain, r["clauses"])) for r in found["results"]}
    return found["count"], results


@pytest.fixture(scope="module")
def served_build(built: Path) -> Iterator[str]:
    with served(built) as base_url:
        yield base_url


@pytest.mark.parametrize("language", ["fa", "en"])
def test_offline_search_gives_the_online_results(
    built: Path, unzipped: Path, served_build: str, browser: Browser, language: str
) -> None:
    """Every tenth word of the index, every letter that starts one, the reader's
    variants, words longer than any indexed and pairs of words: the same pages and the
    same clause sub-results from disk (file://) as from Pagefind on the served site.
    In English, a few stems (about 1 query in 200 on the real site's words: "added",
    "intervals", "organizational") extend differently from Pagefind's, for reasons
    not found in its source: at most 1 query in 100 may differ, and only in English."""
    words = _indexed_words(built, language)
    queries = [
        *words[::10],
        *sorted({w[0] for w in words}),
        *(" ".join(words[i : i + 2]) for i in range(0, len(words), 37)),
    ]
    queries += ["حزبيت", "سازمـاندهی", "٢٠٠٩", "توده‌ای", "Göteborg", "goteborg", "party"]
    # Words the index does not have, found by the longest index word they begin with.
    queries += ["حزبیتها", "سازماندهیها", "کمونیستهایی", "حزبیتها سازمان", "partyx"]
    prefix = "" if language == "fa" else "en/"
    with guarded_page(browser) as page:
        page.goto(f"{served_build}{prefix}search/")
        online = _every_result(page, queries)
        assert page.shora.failures == []
        assert not [url for url in page.shora.requests if "/search/disk/" in url]
    page, failures = _guarded(browser)
    page.goto(unzipped.joinpath(*prefix.split("/"), "search", "index.html").as_uri())
    offline = _every_result(page, queries)
    assert failures == []
    page.context.close()
    different = [
        (query, _comparable(a, served_build), _comparable(b, unzipped.as_uri() + "/"))
        for query, a, b in zip(queries, online, offline, strict=True)
        if _comparable(a, served_build) != _comparable(b, unzipped.as_uri() + "/")
    ]
    assert sum(found["count"] for found in online) > len(queries)  # queries that find
    if language == "fa":
        assert different == []
    else:
        assert len(different) <= len(queries) // 100, different
