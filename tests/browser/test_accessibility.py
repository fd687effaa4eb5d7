"""axe-core's current release (npm axe-core, node_modules/axe-core) on every kind of
page, in both languages and both colour schemes, on the real site (resolutions) and
the demo site (councils, federations, decisions): no violation at all.

The pages of one site in one language and scheme are visited in one browser page, one
after the other, a test for each (harness.axe_violations runs the same axe on single
pages in other tests). On the way, each page is in its own language with one <h1>
and nothing failed to load. In the light scheme the demo site's pages are checked
twice: as the reader first gets them (Material's script waits for the first key or
touch) and once it has run; in the dark scheme it runs at once. The council filter's
results are checked where it is.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from playwright.sync_api import Browser, Page

from shora.validate import validate_project

from .harness import REPO, axe_violations, guarded_page, start_material

LANGUAGES = {"fa": "", "en": "en/"}
SEARCHED = {"fa": "شورا", "en": "council"}
SCHEMES = {"light": "default", "dark": "slate"}
NOT_FOUND = "no/such/page/"


RESOLUTION = sorted(validate_project(REPO).dataset.resolutions)[0]
# Every kind of page, by its path in the Persian site (the English one adds en/);
# search/ gets a query. 404.html is the not-found page where it is, NOT_FOUND the
# same page served for a missing address three folders down.
REAL_PAGES = [
    "",
    "resolutions/",
    f"resolutions/{RESOLUTION}/",
    f"resolutions/{RESOLUTION}/parallel/",
    "platform/",
    "about/",
    "contribute/",
    "data/",
    "councils/",
    "search/",
    "404.html",
    NOT_FOUND,
]
DEMO_PAGES = [
    "",
    "councils/",
    "councils/country/se/",
    "councils/country/de/page/2/",
    "councils/sample-goteborg/",
    "federations/",
    "federations/sample-europe/",
    "federations/sample-sweden/",
    "decisions/",
    "decisions/page/2/",
    "decisions/sample-amsterdam-2025-05-1/",
    "search/",
    NOT_FOUND,
]


# The council filter's results (the demo site), on the index and a country listing.
FILTERED = frozenset({"councils/", "councils/country/de/page/2/"})
FILTER_QUERY = "sample"


def _violations(page: Page) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {', '.join(v['targets'])}" for v in axe_violations(page)]


def _visit(page: Page, url: str, path: str, language: str) -> None:
    response = page.goto(url)
    assert response is not None
    expected = 404 if path == NOT_FOUND else 200
    assert response.status == expected, (url, response.status)
    if path != NOT_FOUND:  # (which finds its site's root, and language, by itself)
        assert page.evaluate("document.documentElement.lang") == language, url
    assert page.locator("h1").count() == 1, url
    if path == "search/":
        page.wait_for_function("document.querySelectorAll('.shora-search__results li').length > 0")


def _filter_results(page: Page) -> None:
    page.fill("#shora-find-input", FILTER_QUERY)
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 1")


def _check_site(
    browser: Browser,
    base_url: str,
    pages: list[str],
    language: str,
    scheme: str,
    *,
    first_view: bool = False,
    filtered: frozenset[str] = frozenset(),
) -> None:
    """axe on every page of ``pages`` in ``language`` once Material's script has run;
    with ``first_view`` also before it (in the light scheme it waits for the reader);
    on the pages ``filtered`` also with the council filter's results shown."""
    report: dict[str, list[str]] = {}
    failed: dict[str, list[str]] = {}
    prefix = LANGUAGES[language]
    with guarded_page(browser, color_scheme=scheme) as page:
        for path in pages:
            query = f"?q={quote(SEARCHED[language])}" if path == "search/" else ""
            url = base_url + prefix + path + query
            failures_before = len(page.shora.failures)
            _visit(page, url, path, language)
            if scheme == "dark":
                # The reader's dark scheme is shown at once: Material's script has
                # not waited for a key.
                page.wait_for_function(
                    "document.body.getAttribute('data-md-color-scheme') === 'slate'"
                )
            elif first_view and (violations := _violations(page)):
                report[f"{prefix}{path} (before Material's script)"] = violations
            # The theme's script has run (the not-found page loads it once it has
            # found the site's root: shora/site/not_found.py).
            start_material(page)
            # The theme follows the reader's system setting.
            page.wait_for_function(
                "scheme => document.body.getAttribute('data-md-color-scheme') === scheme",
                arg=SCHEMES[scheme],
            )
            if violations := _violations(page):
                report[prefix + path] = violations
            if path in filtered:
                _filter_results(page)
                if violations := _violations(page):
                    report[f"{prefix}{path} (filter results)"] = violations
            # The not-found page looks for the site's root with requests that fail.
            if path != NOT_FOUND and page.shora.failures[failures_before:]:
                failed[prefix + path] = page.shora.failures[failures_before:]
    assert report == {}, json.dumps(report, ensure_ascii=False, indent=1)
    assert failed == {}, json.dumps(failed, ensure_ascii=False, indent=1)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_real_site_pages_have_no_violation(
    served_site: str, browser: Browser, language: str, scheme: str
) -> None:
    _check_site(browser, served_site, REAL_PAGES, language, scheme)


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("language", LANGUAGES)
def test_demo_site_pages_have_no_violation(
    demo_site: str, browser: Browser, language: str, scheme: str
) -> None:
    _check_site(
        browser, demo_site, DEMO_PAGES, language, scheme, first_view=True, filtered=FILTERED
    )
