"""The 404 page wherever it is shown: served for a missing address at any depth
under any sub-path (as a static host does, tests/browser/harness.py), as 404.html
itself, and opened from disk in the offline copy, with and without JavaScript.

Styled means styled as the site's other pages: the same computed font and colours
as the home page; working means every link on it leads to a page that exists.
(axe-core on the 404 page, both schemes: test_accessibility.py; the Nu Html Checker:
tests/test_html_validity.py.)
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest
from playwright.sync_api import Browser, Page

from shora.site.strings import t

from .harness import guarded_page, served, start_material

# The probes by which the page finds the site's root (shora/site/not_found.py):
# every folder of the address but one answers 404.
PROBE = "/en/404.html"
STYLE = """() => {
  const header = document.querySelector(".md-header");
  const title = document.querySelector("h1");
  return {
    font: getComputedStyle(title).fontFamily,
    header: getComputedStyle(header).backgroundColor,
    text: getComputedStyle(document.body).color,
    background: getComputedStyle(document.body).backgroundColor,
    visible: getComputedStyle(document.documentElement).visibility,
  };
}"""


@pytest.fixture(scope="module")
def elsewhere(site_dir: Path) -> Iterator[str]:
    """The same site served under another, deeper sub-path."""
    with served(site_dir, "/a/b/c/d/") as base_url:
        yield base_url


def _style(page: Page, url: str) -> dict[str, str]:
    page.goto(url)
    start_material(page)
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(STYLE)


def _links(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "a[href]:not([href^='#'])", "links => [...new Set(links.map(a => a.href))]"
    )


def _assert_not_found_page(page: Page, language: str, home: dict[str, str]) -> None:
    title = t("not_found_title", language)
    assert page.locator("h1").inner_text() == title
    assert page.title().startswith(title)
    style = page.evaluate(STYLE)
    assert style == home, (style, home)
    # The site's font first ("Vazirmatn Persian", the Arabic file with the spaces, on a
    # Persian page).
    first = style["font"].split(",")[0].strip().strip('"')
    assert first == ("Vazirmatn Persian" if language == "fa" else "Vazirmatn"), style["font"]
    assert page.evaluate("[...document.fonts].some(f => f.status === 'loaded')")


def _assert_links_work(page: Page, site_root: str) -> None:
    links = _links(page)
    assert len(links) >= 8, links
    for link in links:
        assert link.startswith(site_root), link
        response = page.request.get(link)
        assert response.status == 200, link


@pytest.mark.parametrize(
    "where, path",
    [
        ("mirror", "gone"),
        ("mirror", "no/such/page/"),
        ("elsewhere", "resolutions/no-such-resolution/parallel/"),
    ],
)
def test_served_for_a_missing_address(
    browser: Browser,
    served_site: str,
    elsewhere: str,
    where: str,
    path: str,
) -> None:
    root = served_site if where == "mirror" else elsewhere
    with guarded_page(browser) as page:
        home = _style(page, root)
        response = page.goto(root + path)
        assert response is not None and response.status == 404
        start_material(page)
        page.evaluate("document.fonts.ready.then(() => true)")
        _assert_not_found_page(page, "fa", home)
        sheets = page.evaluate("[...document.styleSheets].map(s => s.href)")
        assert sheets and all(sheet.startswith(root + "assets/") for sheet in sheets), sheets
        _assert_links_work(page, root)
        # What failed is the page itself and the probes for the root, nothing else: no
        # stylesheet or script was asked for at a wrong address first.
        missing = [f for f in page.shora.failures if f.startswith("HTTP 404")]
        assert all(f.endswith(root + path) or f.endswith(PROBE) for f in missing), missing
        others = [
            f
            for f in page.shora.failures
            if not f.startswith(("HTTP 404", "console error: Failed to load resource"))
        ]
        assert others == []
        page.locator(".md-content a").first.click()
        page.wait_for_url(root)


def test_the_english_page_served_for_a_missing_english_address(
    browser: Browser, site_dir: Path, served_site: str
) -> None:
    """A host that serves en/404.html for what is missing under en/."""
    with guarded_page(browser) as page:
        home = _style(page, served_site + "en/")
        missing = served_site + "en/councils/no/such/council/"
        page.route(
            missing,
            lambda route: route.fulfill(
                status=404, path=site_dir / "en" / "404.html", content_type="text/html"
            ),
        )
        page.goto(missing)
        start_material(page)
        page.evaluate("document.fonts.ready.then(() => true)")
        _assert_not_found_page(page, "en", home)
        _assert_links_work(page, served_site)
        content = page.eval_on_selector_all(".md-content a", "links => links.map(a => a.href)")
        # Its language's pages, and the Persian home page in its line in Persian.
        assert content[0] == served_site + "en/"
        assert content[-1] == served_site


@pytest.mark.parametrize("language", ["fa", "en"])
def test_as_404_html_itself(browser: Browser, served_site: str, language: str) -> None:
    prefix = "en/" if language == "en" else ""
    with guarded_page(browser) as page:
        home = _style(page, served_site + prefix)
        response = page.goto(served_site + prefix + "404.html")
        assert response is not None and response.status == 200
        start_material(page)
        page.evaluate("document.fonts.ready.then(() => true)")
        _assert_not_found_page(page, language, home)
        _assert_links_work(page, served_site)
        assert page.shora.failures == []


def _local_target(url: str) -> Path:
    path = Path(unquote(urlsplit(url).path))
    return path / "index.html" if path.is_dir() else path


@pytest.mark.parametrize("scripts", [True, False], ids=["scripts", "no-scripts"])
@pytest.mark.parametrize("language", ["fa", "en"])
def test_opened_from_the_offline_copy(
    browser: Browser, offline_copy: Path, language: str, scripts: bool
) -> None:
    folder = offline_copy / "en" if language == "en" else offline_copy
    with guarded_page(browser, java_script_enabled=scripts) as page:
        page.goto((folder / "index.html").as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        home = page.evaluate(STYLE)
        page.goto((folder / "404.html").as_uri())
        page.evaluate("document.fonts.ready.then(() => true)")
        _assert_not_found_page(page, language, home)
        links = _links(page)
        assert len(links) >= 8, links
        for link in links:
            assert link.startswith(offline_copy.as_uri() + "/"), link
            assert _local_target(link).is_file(), link
        assert urljoin(links[0], ".") == folder.as_uri() + "/"
        assert page.shora.failures == []
