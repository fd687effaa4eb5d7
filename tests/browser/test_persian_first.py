"""Persian first in a real browser: the English pages of a resolution not translated
and of one partly translated (built by tests/test_persian_first.py's project into a
temporary folder and served under a sub-path). Each untranslated part reads right to
left as Persian, every clause anchor exists and is reached in both languages, and the
pages pass axe (which checks every lang attribute)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

from shora.load.dataset import load_dataset
from shora.models.clauses import anchors

from ..test_persian_first import (
    DRAFT_ID,
    DRAFT_UNTRANSLATED,
    MISSING_ID,
    make_persian_first_project,
)
from .builds import built_once
from .harness import axe_violations, served

LANGUAGES = {"fa": "", "en": "en/"}

# Each clause's text element: its anchor, lang (its own or inherited) and direction.
CLAUSE_TEXTS = """() => [...document.querySelectorAll('.shora-clause-text')].map(text => ({
  anchor: text.closest('[id]').id,
  lang: text.closest('[lang]').getAttribute('lang'),
  direction: getComputedStyle(text).direction,
}))"""


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return built_once(tmp_path_factory, "shora-persian-first", make_persian_first_project)


@pytest.fixture(scope="module")
def site(project: Path) -> Iterator[str]:
    with served(project / "site", "/mirror/shora/") as base_url:
        yield base_url


@pytest.fixture(scope="module")
def clause_anchors(project: Path) -> dict[str, set[str]]:
    dataset, diagnostics, _ = load_dataset(project)
    assert diagnostics == []
    return {id_: anchors(dataset.resolutions[id_].model) for id_ in (MISSING_ID, DRAFT_ID)}


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


@pytest.mark.parametrize("id_", [MISSING_ID, DRAFT_ID])
def test_english_page_reads_each_untranslated_part_as_persian(
    site: str,
    page: Page,
    screenshot: Callable[..., Path],
    id_: str,
) -> None:
    _open(page, f"{site}en/resolutions/{id_}/")
    nothing_translated = id_ == MISSING_ID
    for text in page.evaluate(CLAUSE_TEXTS):
        if nothing_translated or text["anchor"] in DRAFT_UNTRANSLATED:
            assert (text["lang"], text["direction"]) == ("fa", "rtl"), text
        else:
            assert (text["lang"], text["direction"]) == ("en", "ltr"), text
    title = page.locator("h1#title")
    assert title.get_attribute("lang") == "fa"
    assert title.evaluate("h => getComputedStyle(h).direction") == "rtl"
    assert page.locator(".shora-notice").count() == 1
    assert axe_violations(page) == []
    screenshot(page)


@pytest.mark.parametrize("id_", [MISSING_ID, DRAFT_ID])
@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_clause_anchor_is_reached_in_both_languages(
    site: str, page: Page, clause_anchors: dict[str, set[str]], id_: str, language: str
) -> None:
    for view in ("", "parallel/"):
        url = f"{site}{LANGUAGES[language]}resolutions/{id_}/{view}"
        _open(page, url)
        found = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map(e => e.id)"))
        assert clause_anchors[id_] <= found, url
    # A link to an untranslated clause lands on it.
    _open(page, f"{site}{LANGUAGES[language]}resolutions/{DRAFT_ID}/#point-2-a")
    assert page.evaluate("() => document.querySelector(':target').id") == "point-2-a"


def test_parallel_view_notes_each_untranslated_cell(site: str, page: Page) -> None:
    _open(page, f"{site}resolutions/{DRAFT_ID}/parallel/")
    notes = page.locator(".shora-untranslated")
    # the title, point 2 (a) and the closing, noted in Persian inside the English column
    assert notes.count() == 3
    for i in range(3):
        note = notes.nth(i)
        assert note.evaluate("n => n.closest('[lang]').getAttribute('lang')") == "fa"
        assert note.evaluate("n => getComputedStyle(n).direction") == "rtl"
        assert note.evaluate("n => n.closest('[role=cell]').getAttribute('lang')") == "en"
    assert axe_violations(page) == []


def _search(page: Page, url: str) -> tuple[list[str], list[str]]:
    """(result page links, clause links) of a search page's results."""
    page.goto(url)
    page.wait_for_function(
        "(() => { const s = document.querySelector('.shora-search__status');"
        " return s && s.textContent && !s.textContent.includes('…'); })()"
    )
    links = page.eval_on_selector_all(".shora-search__title", "a => a.map(x => x.href)")
    clauses = page.eval_on_selector_all(".shora-search__result ul a", "a => a.map(x => x.href)")
    return links, clauses


def test_english_search_finds_what_the_english_page_shows(site: str, page: Page) -> None:
    # A Persian word of a clause not translated (point 2 (a)), as the English page shows it.
    links, clause_links = _search(page, f"{site}en/search/?q=زیربند")
    assert f"{site}en/resolutions/{DRAFT_ID}/" in links
    assert f"{site}en/resolutions/{MISSING_ID}/" in links
    assert all(link.startswith(f"{site}en/") for link in links)
    assert f"{site}en/resolutions/{DRAFT_ID}/#point-2-a" in clause_links
    # Its translated clause (b) is found by its English, not its Persian.
    assert f"{site}en/resolutions/{DRAFT_ID}/#point-2-b" not in clause_links
    # The Persian shown in English results carries its language and direction.
    clause = page.locator(f'.shora-search__result ul a[href$="{DRAFT_ID}/#point-2-a"]')
    excerpt = clause.locator("xpath=following-sibling::span")
    assert "زیربند" in excerpt.inner_text()
    assert excerpt.evaluate("e => [e.lang, e.dir, getComputedStyle(e).direction]") == [
        "fa",
        "rtl",
        "rtl",
    ]
    links, clause_links = _search(page, f"{site}en/search/?q=item")
    assert f"{site}en/resolutions/{DRAFT_ID}/#point-2-b" in clause_links
    assert f"{site}en/resolutions/{MISSING_ID}/" not in links
    assert page.shora.failures == []
