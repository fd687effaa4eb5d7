"""Every kind of page keeps to its own Content-Security-Policy while a reader uses it:
served under a mirror's sub-path and opened from disk (the offline copy), in both
languages, with the features that run scripts (palette, language switch, search,
the directory's filter). The guarded page fails any test on a violation
(harness.py); the first test shows that it does. (Every kind of page served, its
scripts run, in both schemes: test_accessibility.py's walk, in guarded pages too.)"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import pytest
from playwright.sync_api import Browser, Page

from shora.site import page_policy

from .harness import PHONE, REPO, guarded_page, served, start_material
from .test_accessibility import DEMO_PAGES as ACCESSIBILITY_DEMO_PAGES
from .test_accessibility import NOT_FOUND, REAL_PAGES

LANGUAGES = {"fa": "", "en": "en/"}
QUERIES = {"fa": "شورا", "en": "council"}
# Every kind of page of the real site but the search and not-found pages (visited
# with a query and at a missing address below).
SITE_PAGES = [path for path in REAL_PAGES if path not in ("search/", "404.html", NOT_FOUND)]
DECISION = min(path.stem for path in (REPO / "examples/demo/councils/decisions").rglob("*.yml"))
DEMO_PAGES = [
    "councils/",
    "councils/country/se/",
    "councils/sample-goteborg/",
    "federations/",
    "federations/sample-europe/",
    "decisions/",
    f"decisions/{DECISION}/",
]


def _on_disk(root: Path, path: str) -> str:
    """The file:// address of a page (a folder's index.html, as the copy links it)."""
    address, _, query = path.partition("?")
    target = (
        root.joinpath(address, "index.html") if not address.endswith(".html") else root / address
    )
    return target.as_uri() + (f"?{query}" if query else "")


def _open(page: Page, url: str, *, scripts: bool = True) -> None:
    page.goto(url)
    page.wait_for_load_state("load")
    if scripts:
        # Material's bundle ran (it swaps no-js for js): the page's scripts were allowed.
        start_material(page)
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]')
    assert policy.count() == 1
    assert "default-src 'self'" in (policy.get_attribute("content") or "")


def _toggle_palette(page: Page) -> None:
    before = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    page.locator("form[data-md-component=palette] label:visible").first.click()
    page.wait_for_function(
        "before => document.body.getAttribute('data-md-color-scheme') !== before", arg=before
    )


def _search(page: Page, url: str, *, results: bool) -> None:
    page.goto(url)
    # Done: a count, "nothing found" or an error; or, on disk, the note that
    # search needs the site.
    page.wait_for_function(
        "(() => { const s = document.querySelector('.shora-search__status');"
        " const note = document.querySelector('.shora-search__offline');"
        " return (s && s.textContent && !s.textContent.includes('…'))"
        " || (note && !note.hidden); })()"
    )
    if results:
        assert page.locator(".shora-search__title").count() > 0


def test_a_violation_fails_the_guarded_page(browser: Browser, tmp_path: Path) -> None:
    """A script, a style attribute and an image from elsewhere in a page's content,
    under the site's policy: refused by the browser, and the test fails."""
    page_html = page_policy.apply(
        '<!doctype html><html><head><meta charset="utf-8"><title>t</title></head><body>'
        '<article class="md-content__inner md-typeset"><script>window.ran = 1</script>'
        '<p style="color: red">x</p><img src="https://example.org/x.png" alt=""></article>'
        "</body></html>"
    )
    (tmp_path / "index.html").write_text(page_html, encoding="utf-8")
    expected = pytest.raises(pytest.fail.Exception, match="Content-Security-Policy violation")
    with served(tmp_path) as base_url:
        for url in (base_url, (tmp_path / "index.html").as_uri()):
            with expected as failed, guarded_page(browser) as page:
                page.goto(url)
                page.wait_for_load_state("load")
                assert page.evaluate("window.ran") is None
            message = str(failed.value)
            for directive in ("script-src-elem", "style-src-attr", "img-src"):
                assert directive in message, message


def _policy_of_file(page: Path) -> str:
    """The Content-Security-Policy of a built page, from its one <meta>."""
    policies = (
        lxml.html.parse(str(page))
        .getroot()
        .xpath("//meta[@http-equiv='Content-Security-Policy']/@content")
    )
    assert len(policies) == 1, page
    return str(policies[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_pages_keep_their_policy_served(
    served_site: str, site_dir: Path, browser: Browser, language: str
) -> None:
    """Each page served, its scripts run, in a guarded page: in test_accessibility.py's
    walk (every kind of page, both languages and schemes); here, that each has its
    policy, and the features that run scripts."""
    for path in SITE_PAGES:
        assert "default-src 'self'" in _policy_of_file(
            site_dir / LANGUAGES[language] / path / "index.html"
        ), path
    base = served_site + LANGUAGES[language]
    with guarded_page(browser) as page:
        _open(page, base)
        _toggle_palette(page)
        page.locator("[data-shora-switch]").click()
        page.wait_for_load_state("load")
        _search(page, f"{base}search/?q={QUERIES[language]}", results=True)
        response = page.goto(base + "no-such-page/")
        assert response is not None and response.status == 404
        page.wait_for_load_state("load")
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1


def test_the_phone_drawer_keeps_the_policy(served_site: str, browser: Browser) -> None:
    """The drawer's icons are the theme's data: images (why img-src has data:)."""
    with guarded_page(browser, **PHONE) as page:
        _open(page, served_site)
        page.locator("label.md-header__button[for=__drawer]").click()
        icons = page.locator(".md-nav--primary .md-nav__icon")
        assert icons.count() > 0 and icons.first.is_visible()
        page.wait_for_function(
            "() => [...document.querySelectorAll('.md-nav--primary .md-nav__icon')]"
            ".some(i => getComputedStyle(i, '::after').maskImage.includes('data:'))"
        )


@pytest.mark.parametrize("language", LANGUAGES)
def test_site_pages_keep_their_policy_from_disk(
    offline_copy: Path, browser: Browser, language: str
) -> None:
    prefix = LANGUAGES[language]
    with guarded_page(browser) as page:
        for path in SITE_PAGES:
            _open(page, _on_disk(offline_copy, prefix + path))
        _open(page, _on_disk(offline_copy, prefix))
        _toggle_palette(page)
        page.locator("[data-shora-switch]").click()
        page.wait_for_load_state("load")
        assert page.url.endswith("/index.html")
        # Search from disk loads its index as scripts from the copy: allowed by 'self'.
        search = _on_disk(offline_copy, f"{prefix}search/?q={QUERIES[language]}")
        _search(page, search, results=True)
        # (Whether its scripts and styles load from any path is the 404 page's own test.)
        _open(page, _on_disk(offline_copy, f"{prefix}404.html"), scripts=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_pages_keep_their_policy(
    demo_site: str, demo_dir: Path, browser: Browser, language: str
) -> None:
    """(Served, each of DEMO_PAGES is in test_accessibility.py's walk.)"""
    prefix = LANGUAGES[language]
    assert set(DEMO_PAGES) <= set(ACCESSIBILITY_DEMO_PAGES)
    with guarded_page(browser) as page:
        for path in DEMO_PAGES:
            _open(page, _on_disk(demo_dir, prefix + path))
        for url in (demo_site + prefix + "councils/", _on_disk(demo_dir, prefix + "councils/")):
            _open(page, url)
            page.fill("#shora-find-input", "Göteborg")
            page.wait_for_function("document.querySelectorAll('#shora-find-results a').length > 0")
            _toggle_palette(page)
