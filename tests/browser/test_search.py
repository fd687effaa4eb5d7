"""Search in the browser: Persian folding (letters, digits, diacritics, tatweel, ZWNJ),
one language per index, shareable ?q= links, nothing loaded before a search, the
header's search box, feeds in <head> without failed requests, and councils found by
any spelling of their city (on a project with councils: tests/publish_project.py).
The index read from disk is tested from file:// in test_offline.py; here, its words
against Python's, and what a first query reads of it on the built site."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from shora.core.persian import fold
from shora.publish.disk_search import disk_path, words

from .builds import publish_project_site
from .harness import REPO, artifacts_dir, axe_violations, guarded_page, served

FIRST = "mass-organizing-abroad"  # the first source resolution (sorted ids)
# Each variant of a word of the first resolution, as readers type them.
PERSIAN_VARIANTS = [
    "سازماندهی",  # as written
    "سازماندهي",  # Arabic yeh
    "سازمـاندهی",  # tatweel
    "سازماندِهی",  # a diacritic
    "كمونيسم",  # Arabic kaf and yeh
    "۲۰۰۹",  # Persian digits
    "٢٠٠٩",  # Arabic-Indic digits
    "2009",  # ASCII digits
    "توده‌ای",  # ZWNJ where the text has a space
]
FOLD_CASES = [
    *PERSIAN_VARIANTS,
    "حزبيت حزبیت",
    "آزادی أ إ ۀ ة",
    "  Party\u200cPOLICY  \t",
    "١٣٨٨ ۱۳۸۸ 1388",
    "Straße ﬁnal",
    "قطعنامهٔ مُصَوَّب",
    "e\u0301cole",
]


def searched(page: Page) -> None:
    """Wait until the search page shows its outcome (a count, none, or the error).
    A locator, not wait_for_function: that evaluates a string, which the pages'
    Content-Security-Policy forbids."""
    status = page.locator(".shora-search__status", has_text=re.compile(r"^[^…]+$"))
    status.wait_for()


def _search(page: Page, url: str) -> list[str]:
    page.goto(url)
    searched(page)
    return page.eval_on_selector_all(".shora-search__title", "links => links.map(a => a.href)")


def test_javascript_folding_agrees_with_python(served_site: str, page: Page) -> None:
    page.goto(served_site + "search/")
    folded = page.evaluate("cases => cases.map(window.shoraFold)", FOLD_CASES)
    assert folded == [fold(case) for case in FOLD_CASES]


WORD_CASES = [
    *FOLD_CASES,
    "mass-organizing x.yml:3:3: 2009-07-27",
    "«حزب»، (الف) ۷- بند‌ها؛ سازمان‌یافته؟",
    "e-mail ab.c d__e ب-۲ x-y",
]


def test_javascript_words_agree_with_python(served_site: str, page: Page) -> None:
    """The index from disk is split into words by Python, the query and the marked
    snippets by the page: the same rules."""
    page.goto(served_site + "search/")
    found = page.evaluate(
        "cases => window.shoraSearchDisk().then(disk => cases.map(disk.words))", WORD_CASES
    )
    assert found == [words(case) for case in WORD_CASES]


@pytest.mark.parametrize("word", PERSIAN_VARIANTS)
def test_persian_search_finds_the_first_resolution_from_each_variant(
    served_site: str, page: Page, word: str
) -> None:
    links = _search(page, f"{served_site}search/?q={word}")
    assert f"{served_site}resolutions/{FIRST}/" in links, (word, links)
    assert not [link for link in links if "/en/" in link]  # no English results
    titles = page.eval_on_selector_all(".shora-search__title", "a => a.map(x => x.textContent)")
    assert all(not any("a" <= c.lower() <= "z" for c in title) for title in titles), titles
    # Clause links go to the clause, and the match is marked in the snippet.
    clause_links = page.eval_on_selector_all(
        ".shora-search__result ul a", "links => links.map(a => a.href)"
    )
    assert any("#" in link for link in clause_links)
    assert page.locator(".shora-search__result mark").count() >= 1
    assert page.shora.failures == []
    assert all(r.startswith(served_site) for r in page.shora.requests)
    assert not [r for r in page.shora.requests if "/search/disk/" in r]  # Pagefind served


def test_english_search_shows_only_english_results(served_site: str, page: Page) -> None:
    links = _search(page, f"{served_site}en/search/?q=organizing")
    assert f"{served_site}en/resolutions/{FIRST}/" in links
    assert all(link.startswith(served_site + "en/") for link in links)
    results = page.locator(".shora-search__result").evaluate_all(
        "items => items.map(li => [li.querySelector('a').href, li.innerText])"
    )
    assert len(results) == len(links)
    for link, text in results:
        if link.endswith("/en/about/"):
            continue  # its transcription notes quote the source's Persian words, as such
        assert not any("\u0600" <= c <= "\u06ff" for c in text), text
    assert page.shora.failures == []


EXCERPTS = """items => items.flatMap(li => [...li.querySelectorAll('p > span, li > span')])
  .map(span => [span.closest('.shora-search__result').querySelector('a').href,
                span.closest('[lang]').lang, getComputedStyle(span).direction,
                span.innerText])"""


def test_an_excerpt_reads_in_the_language_most_of_it_is_in(served_site: str, page: Page) -> None:
    """An excerpt is a window on its page and reads in the page's language where it
    quotes a few words of the other: the English glossary's and the council form's
    Persian names stay in English excerpts, left to right (read right to left, their
    words and punctuation came out in the wrong order); the Persian glossary's window,
    more of its letters English than Persian, stays Persian. Only text almost wholly
    in the other language's letters is marked as such (test_persian_first.py)."""
    _search(page, f"{served_site}en/search/?q=شورا")
    excerpts = page.locator(".shora-search__result").evaluate_all(EXCERPTS)
    assert {link for link, *_ in excerpts} >= {
        f"{served_site}en/about/",
        f"{served_site}en/contribute/",
    }
    for link, language, direction, text in excerpts:
        assert any("\u0600" <= c <= "\u06ff" for c in text), text  # it quotes Persian
        assert (language, direction) == ("en", "ltr"), (link, text)
    _search(page, f"{served_site}search/?q=شورا")
    excerpts = page.locator(".shora-search__result").evaluate_all(EXCERPTS)
    assert len(excerpts) >= 3
    glossary = [text for link, *_, text in excerpts if link.endswith("/about/")]
    assert any("Council of the Reds" in text for text in glossary), glossary
    assert {(language, direction) for _, language, direction, _ in excerpts} == {("fa", "rtl")}
    assert page.shora.failures == []


@pytest.mark.parametrize(
    ("prefix", "query", "status"),
    [
        ("en/", "bourgeoisie", "1 result for “bourgeoisie”"),
        ("en/", "plenum", "2 results for “plenum”"),
        ("", "پلنوم", "۲ نتیجه برای «پلنوم»"),
        ("", "plenum", "۱ نتیجه برای «plenum»"),
    ],
)
def test_the_count_of_results_takes_the_language_s_plural_form(
    served_site: str, page: Page, prefix: str, query: str, status: str
) -> None:
    """English says "1 result" and "2 results"; Persian keeps one form after any number,
    in Persian digits (the forms chosen by the browser's plural rules)."""
    links = _search(page, f"{served_site}{prefix}search/?q={query}")
    assert page.locator(".shora-search__status").inner_text() == status
    assert len(links) == int(status.split()[0].translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789")))
    assert page.shora.failures == []


def test_without_pagefind_the_page_searches_the_index_from_disk(
    served_site: str, page: Page
) -> None:
    """A server (or policy) that keeps Pagefind from loading: the same results, from
    the index as scripts."""
    url = f"{served_site}search/?q=سازماندهي"
    expected = sorted(_search(page, url))
    page.context.route("**/pagefind/**", lambda route: route.abort())
    assert sorted(_search(page, url)) == expected
    assert any("/search/disk/" in r for r in page.shora.requests)
    assert [f for f in page.shora.failures if "/pagefind/" not in f] == []
    page.shora.failures.clear()  # the refused Pagefind requests, on purpose


def test_a_shared_link_reproduces_the_results(served_site: str, browser: Browser) -> None:
    url = f"{served_site}search/?q=%D8%AD%D8%B2%D8%A8%DB%8C%D8%AA"  # حزبیت
    results = []
    for _ in range(2):
        with guarded_page(browser) as page:
            links = _search(page, url)
            results.append((links, page.locator(".shora-search__results").inner_text()))
            assert page.input_value("#shora-search-query") == "حزبیت"
    assert results[0] == results[1] and results[0][0]


def test_nothing_search_related_loads_before_a_search(served_site: str, page: Page) -> None:
    for path in ("", f"resolutions/{FIRST}/", "en/"):
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
    assert not [url for url in page.shora.requests if "pagefind" in url or "search" in url]
    # The search page without a query loads its script, not the index.
    page.goto(served_site + "search/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in page.shora.requests if "pagefind" in url]


def test_the_header_box_submits_to_the_search_page_without_javascript(
    served_site: str, browser: Browser
) -> None:
    with guarded_page(browser, java_script_enabled=False) as page:
        page.goto(f"{served_site}en/resolutions/{FIRST}/")
        page.fill("#shora-q", "party")
        page.press("#shora-q", "Enter")
        page.wait_for_load_state()
        assert page.url == f"{served_site}en/search/?q=party"


def test_search_page_is_accessible_with_results(served_site: str, page: Page) -> None:
    _search(page, f"{served_site}search/?q=حزب")
    assert axe_violations(page) == []


def test_feeds_in_the_head_cause_no_failed_request(served_site: str, page: Page) -> None:
    for path in ("", f"resolutions/{FIRST}/", "en/councils/", "search/"):
        page.goto(served_site + path)
        page.wait_for_load_state("networkidle")
        feeds = page.locator("link[type='application/atom+xml']")
        assert feeds.count() >= 2
        assert page.locator("link[rel=alternate]").count() == 0
    assert page.shora.failures == []
    assert not [url for url in page.shora.requests if "sitemap" in url]


# ------------------------------------------------------------ a site with councils


@pytest.fixture(scope="module")
def councils_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(publish_project_site(tmp_path_factory), "/another/mirror/") as base_url:
        yield base_url


@pytest.mark.parametrize(
    ("prefix", "spelling"),
    [("", "گوتنبرگ"), ("", "Göteborg"), ("", "goteborg"), ("", "یوتبوری"), ("en/", "Gothenburg"),
     ("en/", "göteborg"), ("en/", "گوتنبرگ"), ("", "Estocolmo"), ("en/", "استکهلم")],
)  # fmt: skip
def test_councils_are_found_by_any_city_spelling(
    councils_site: str, page: Page, prefix: str, spelling: str
) -> None:
    links = _search(page, f"{councils_site}{prefix}search/?q={spelling}")
    found = [link.removeprefix(councils_site + prefix) for link in links]
    assert any(link.startswith("councils/") for link in found), (spelling, found)
    assert page.shora.failures == []


def first_query_bytes(page: Page, url: str) -> dict[str, tuple[int, int]]:
    """Every file a first search downloads from pagefind/, by name: (bytes as stored,
    bytes gzip -9 compressed as a web server would send them; Pagefind's index files
    are compressed already)."""
    import gzip

    sizes: dict[str, tuple[int, int]] = {}

    def record(response) -> None:
        if "/pagefind/" in response.url:
            name = response.url.split("/pagefind/")[1].split("?")[0]
            body = response.body()
            sizes[name] = (len(body), min(len(body), len(gzip.compress(body, 9))))

    page.on("response", record)
    _search(page, url)
    page.wait_for_load_state("networkidle")
    return sizes


def write_weight(sizes: dict[str, tuple[int, int]], name: str) -> str:
    from .harness import artifacts_dir

    stored = sum(size for size, _ in sizes.values())
    sent = sum(size for _, size in sizes.values())
    lines = [f"{a:>8} {b:>8} {name}" for name, (a, b) in sorted(sizes.items())]
    text = "\n".join(["  stored  gzip -9 file", *lines, f"{stored:>8} {sent:>8} total"]) + "\n"
    report = artifacts_dir() / name
    report.parent.mkdir(parents=True, exist_ok=True)
    report.write_text(text)
    return text


def test_bytes_of_a_first_query(served_site: str, page: Page) -> None:
    """Written to tests/artifacts/search-weight.txt (quoted in the README)."""
    sizes = first_query_bytes(page, f"{served_site}search/?q=حزب")
    report = write_weight(sizes, "search-weight.txt")
    assert any(name.startswith("pagefind.js") for name in sizes)
    assert "pagefind-worker.js" not in sizes
    assert sum(size for _, size in sizes.values()) < 120 * 1024, report


def test_bytes_of_a_first_query_with_councils(councils_site: str, page: Page) -> None:
    sizes = first_query_bytes(page, f"{councils_site}search/?q=استکهلم")
    write_weight(sizes, "search-weight-councils.txt")
    assert any(name.startswith("fragment/") for name in sizes)


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_data_page_links_every_file_and_is_accessible(
    served_site: str, page: Page, prefix: str
) -> None:
    page.goto(f"{served_site}{prefix}data/")
    hrefs = page.eval_on_selector_all("article a[href]", "links => links.map(a => a.href)")
    for name in ("resolutions.json", "councils.geojson", "resolutions.csv", "councils.csv",
                 "decisions.csv", "popolo.json"):  # fmt: skip
        assert f"{served_site}data/{name}" in hrefs, name
    # The calendar only when some council has a regular meeting (the real data: none).
    calendar = f"{served_site}data/assemblies.ics"
    assert (calendar in hrefs) == (page.request.get(calendar).status == 200)
    assert f"{served_site}{prefix}feeds/resolutions.xml" in hrefs
    assert axe_violations(page) == []
    for href in hrefs:
        if href.startswith(served_site):
            assert page.request.get(href).status == 200, href


def test_bytes_of_a_first_query_from_disk(browser: Browser) -> None:
    """The built site's search page opened from file://, as in the offline copy: what a
    first Persian query reads for the search from disk (its script, the index's meta,
    the shards of its words, the shown results), written to
    tests/artifacts/search-weight-disk.txt."""
    import gzip
    import os

    site = Path(os.environ.get("SHORA_SITE_DIR", REPO / "site"))
    folder = site / disk_path("fa")
    context = browser.new_context()
    requests: list[str] = []
    errors: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.on("weberror", lambda error: errors.append(str(error.error)))
    page = context.new_page()
    page.goto((site / "search" / "index.html").as_uri() + "?q=حزب")
    searched(page)
    assert page.locator(".shora-search__title").count() >= 1
    context.close()
    assert errors == []
    assert all(url.startswith("file://") for url in requests), requests
    read = sorted(url.rsplit("/", 1)[1] for url in requests if "/search/disk/" in url)
    assert "meta.js" in read and any(name.startswith("w-") for name in read)
    assert [url for url in requests if url.endswith("/search-disk.js")] == [
        (site / "assets" / "javascripts" / "search-disk.js").as_uri()
    ]
    sizes = {}
    for path in [site / "assets" / "javascripts" / "search-disk.js", *(folder / n for n in read)]:
        body = path.read_bytes()
        sizes[path.name] = (len(body), len(gzip.compress(body, 9)))
    report = write_weight(sizes, "search-weight-disk.txt")
    everything = [p.read_bytes() for p in sorted(folder.glob("*.js"))]
    whole = (len(everything), sum(map(len, everything)))
    whole_gzip = sum(len(gzip.compress(body, 9)) for body in everything)
    with (artifacts_dir() / "search-weight-disk.txt").open("a") as out:
        name = f"the whole index of {disk_path('fa')} ({whole[0]} files)"
        out.write(f"{whole[1]:>8} {whole_gzip:>8} {name}\n")
    first = sum(size for size, _ in sizes.values())
    assert first < 80 * 1024, report
