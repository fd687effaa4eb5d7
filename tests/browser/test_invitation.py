"""Starting a council, in a real browser.

The real site (`SHORA_SITE_DIR`) lists no council: its directory tells, on a phone, how
to start one, in both languages; its links lead to the platform's clauses in the
resolution, to the platform page and to the contribute page's section on proposing a
council, each at its anchor. On the demo site, which lists councils, the directory's
filter says where to read how to start one when it finds no council, and only then.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page

from shora.site.directory import INVITATION_ANCHOR, LISTING_ANCHOR, PROPOSE_COUNCIL_PAGE
from shora.site.strings import t
from shora.validate import validate_project

from .harness import PHONE, REPO, axe_violations

LANGUAGES = {"fa": "", "en": "en/"}
REAL = validate_project(REPO).dataset
PARTS = {"start-join": "membership", "start-decide": "decisions", "start-board": "executive_board"}


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    if response is None:  # another anchor of the same page: no request
        assert page.url == url
    else:
        assert response.status == 200, url


def _in_view(page: Page, element_id: str) -> bool:
    """Whether the element's top is inside the viewport (where a link to it scrolls)."""
    return page.evaluate(
        """id => { const box = document.getElementById(id).getBoundingClientRect();
                   return box.top >= 0 && box.top < window.innerHeight; }""",
        element_id,
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_empty_directory_tells_how_to_start_a_council(
    served_site: str, phone_page: Page, screenshot: Callable[..., Path], language: str
) -> None:
    if REAL.councils:
        pytest.skip("the real site lists councils: its directory invites nobody")
    page = phone_page
    site = served_site + LANGUAGES[language]
    directory = site + "councils/"
    _open(page, directory)
    section = page.locator("section.shora-start")
    assert section.is_visible()
    assert page.locator(f"#{INVITATION_ANCHOR}").inner_text() == t("start_heading", language)
    for anchor, heading in [(a, t(a.replace("-", "_"), language)) for a in PARTS] + [
        (LISTING_ANCHOR, t("start_listing", language))
    ]:
        assert section.locator(f"#{anchor}").inner_text() == heading
    # Nothing wider than the phone: no sideways scrolling.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["viewport"]["width"]
    screenshot(page)

    # Each part cites the clause the platform names, and the link leads to it.
    (platform,) = REAL.platforms.values()
    resolution = site + f"resolutions/{platform.model.source}/"
    expected = {
        resolution + "#" + getattr(platform.model, rule).clause for rule in PARTS.values()
    } | {site + "platform/", site + PROPOSE_COUNCIL_PAGE}
    links = section.locator("a").evaluate_all("links => links.map(a => a.href)")
    assert set(links) == expected
    for part, rule in PARTS.items():
        clause = getattr(platform.model, rule).clause
        cited = page.locator(f"#{part} + blockquote footer a")
        assert cited.evaluate("a => a.href") == resolution + "#" + clause
    for link in sorted(expected):
        _open(page, link)
        anchor = urlsplit(link).fragment
        if anchor:
            assert page.locator(f"[id='{anchor}']").count() == 1, link
            assert _in_view(page, anchor), link

    # A reader follows the board's clause and the form's section by clicking.
    _open(page, directory)
    board = platform.model.executive_board.clause
    page.locator("#start-board + blockquote footer a").click()
    page.wait_for_url(resolution + "#" + board)
    assert _in_view(page, board)
    page.go_back()
    page.wait_for_url(directory)
    page.locator(f"#{LISTING_ANCHOR} + p a").click()
    page.wait_for_url(site + PROPOSE_COUNCIL_PAGE)
    assert _in_view(page, PROPOSE_COUNCIL_PAGE.partition("#")[2])
    assert page.shora_failures == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filter_finding_nothing_tells_how_to_start_a_council(
    demo_site: str,
    phone_page: Page,
    screenshot: Callable[..., Path],
    language: str,
) -> None:
    page = phone_page
    site = demo_site + LANGUAGES[language]
    _open(page, site + "councils/")
    start = page.locator("[data-shora-find-none]")
    assert not start.is_visible()
    box = page.locator("#shora-find-input")
    box.fill("Stockholm")
    page.wait_for_function(
        "() => !document.getElementById('shora-find-results').hidden"
        " && document.getElementById('shora-find-count').textContent !== ''"
    )
    assert not start.is_visible()
    box.fill("Qwxz")
    page.wait_for_function(
        "text => document.getElementById('shora-find-count').textContent === text",
        arg=t("directory_nothing_found", language),
    )
    assert start.is_visible()
    violations = axe_violations(page, context="form[data-shora-find]")
    assert violations == [], violations
    screenshot(page, full_page=False)
    box.fill("")
    assert not start.is_visible()
    box.fill("Qwxz")
    start.locator("a").last.click()
    page.wait_for_url(site + PROPOSE_COUNCIL_PAGE)
    assert _in_view(page, PROPOSE_COUNCIL_PAGE.partition("#")[2])
    assert page.shora_failures == []
