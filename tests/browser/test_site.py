"""The built site in a real browser, served under a sub-path as on a mirror.

Every page type in both languages: direction, language switch, clause anchors,
and no request to any other host (the `page` fixture
fails a test when anything tried to leave the local server). Lists of several pages
(the resolutions index, a council's decisions) on a small synthetic site built with a
few items a page.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page

import shora.site.routes as routes_module
from shora.build import build_site
from shora.core.language import localize_digits
from shora.models.clauses import anchors
from shora.site.strings import t
from shora.tools.synthetic import Size, generate, write_dataset
from shora.validate import validate_project

from .builds import built_once
from .harness import PREFIX, REPO, axe_violations, served
from .page_checks import CODE_ORDER, check_code_order, expression

DATASET = validate_project(REPO).dataset
RESOLUTION_IDS = sorted(DATASET.resolutions)
FIRST = RESOLUTION_IDS[0]

# Every kind of page, by its path in the Persian site (the English one adds en/).
PAGES = [
    "",
    "resolutions/",
    f"resolutions/{FIRST}/",
    f"resolutions/{FIRST}/parallel/",
    "platform/",
    "about/",
    "contribute/",
    "councils/",
]
LANGUAGES = {"fa": ("", "rtl"), "en": ("en/", "ltr")}


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


@pytest.mark.parametrize("language", ["fa", "en"])
@pytest.mark.parametrize("path", PAGES)
def test_page_direction_and_language_switch(
    served_site: str, page: Page, language: str, path: str
) -> None:
    """(axe-core on every kind of page, both schemes: test_accessibility.py.)"""
    prefix, direction = LANGUAGES[language]
    _open(page, served_site + prefix + path)
    assert page.evaluate("document.documentElement.lang") == language
    assert page.evaluate("getComputedStyle(document.body).direction") == direction
    assert page.locator("h1").count() == 1

    other = "en" if language == "fa" else "fa"
    switch = page.locator("[data-shora-switch]")
    assert switch.count() == 1
    assert switch.get_attribute("hreflang") == other
    switch.click()
    page.wait_for_load_state()
    assert page.url == served_site + LANGUAGES[other][0] + path
    assert page.evaluate("document.documentElement.lang") == other
    assert page.shora.failures == []


@pytest.mark.parametrize("resolution_id", RESOLUTION_IDS)
def test_every_clause_anchor_exists_in_both_languages(
    served_site: str, page: Page, resolution_id: str
) -> None:
    expected = anchors(DATASET.resolutions[resolution_id].model)
    for prefix in ("", "en/"):
        for view in ("", "parallel/"):
            _open(page, f"{served_site}{prefix}resolutions/{resolution_id}/{view}")
            found = set(page.eval_on_selector_all("[id]", "nodes => nodes.map(n => n.id)"))
            assert expected <= found, (prefix, view, sorted(expected - found))
            # Every clause carries a visible link to itself (asked in one call: a
            # locator's count for each of a hundred clauses is a round trip each).
            unlinked = page.evaluate(
                """anchors => anchors.filter(anchor => !document.querySelector(
                  `#${anchor} a.shora-clause-link[href='#${anchor}']`))""",
                sorted(expected),
            )
            assert unlinked == [], (prefix, view, unlinked)


def test_clause_numbers_and_letters_are_text(served_site: str, page: Page) -> None:
    """Numbers and letters survive copy and find-in-page: they are text, not CSS."""
    _open(page, served_site + "resolutions/mass-organizing-abroad/")
    item = page.locator("#point-3-a").inner_text()
    assert item.startswith("الف)")
    assert page.locator("#consideration-2").inner_text().startswith("۲-")
    _open(page, served_site + "en/resolutions/mass-organizing-abroad/")
    assert page.locator("#point-3-f").inner_text().startswith("(f)")
    assert page.locator("#point-5").inner_text().startswith("5.")


def test_translation_is_marked_and_links_the_original(served_site: str, page: Page) -> None:
    _open(page, served_site + f"en/resolutions/{FIRST}/")
    notice = page.locator(".shora-notice")
    assert "translation" in notice.inner_text()
    notice.locator("a").click()
    page.wait_for_load_state()
    assert page.url == served_site + f"resolutions/{FIRST}/"
    assert page.locator(".shora-notice").count() == 0  # the Persian original is not marked


def test_parallel_view_sets_each_column_direction(served_site: str, page: Page) -> None:
    _open(page, served_site + f"resolutions/{FIRST}/parallel/")
    cells = page.locator("#point-1 [role=cell]")
    assert cells.count() == 2
    directions = [
        cells.nth(i).evaluate("node => [node.lang, getComputedStyle(node).direction]")
        for i in range(2)
    ]
    assert directions == [["fa", "rtl"], ["en", "ltr"]]


def test_persian_emphasis_is_semibold_not_slanted(served_site: str, page: Page) -> None:
    """Persian has no italics (a browser slants its letters instead): a Persian <em> is
    set semibold; English keeps its italics. The about pages cite each resolution."""
    style = "node => { const s = getComputedStyle(node); return [s.fontStyle, s.fontWeight]; }"
    found = {}
    for language, prefix in (("fa", ""), ("en", "en/")):
        _open(page, served_site + prefix + "about/")
        styles = page.eval_on_selector_all("main em", f"all => all.map({style})")
        found[language] = {tuple(pair) for pair in styles}
    assert found == {"fa": {("normal", "600")}, "en": {("italic", "400")}}


def test_persian_lists_count_in_persian_digits(served_site: str, page: Page) -> None:
    """The contribute pages' steps: ۱. ۲. ۳. in Persian, 1. 2. 3. in English."""
    found = {}
    for language, prefix in (("fa", ""), ("en", "en/")):
        _open(page, served_site + prefix + "contribute/")
        found[language] = page.eval_on_selector(
            "main ol", "list => getComputedStyle(list).listStyleType"
        )
    assert found == {"fa": "persian", "en": "decimal"}


def _fonts_of_code(page: Page) -> dict[str, set[str]]:
    """The fonts Chromium drew each code element of the page's content with, by its text
    (the fonts of the text itself: DevTools' platform fonts of the node)."""
    page.evaluate("document.fonts.ready")
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    nodes = session.send("DOM.querySelectorAll", {"nodeId": root, "selector": "main code"})
    texts = page.eval_on_selector_all("main code", "all => all.map(node => node.textContent)")
    found = {}
    for node, text in zip(nodes["nodeIds"], texts, strict=True):
        fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
        found[text] = {font["familyName"] for font in fonts}
    session.detach()
    return found


def test_persian_in_code_is_drawn_in_vazirmatn_and_the_rest_in_monospace(
    served_site: str, page: Page
) -> None:
    """A monospace font has no Persian letters: without a font of its own, the Persian
    of a code element (the contribute pages' validator message) came in whatever font
    the system had. Vazirmatn draws it; the Latin letters stay monospace."""
    for prefix in ("", "en/"):
        _open(page, served_site + prefix + "contribute/")
        fonts = _fonts_of_code(page)
        message = [text for text in fonts if "x.yml:11:9" in text]
        assert len(message) == 1, fonts
        persian = re.search("[\u0600-\u06ff]", message[0])
        assert persian is not None
        drawn = fonts[message[0]]
        assert "Vazirmatn" in drawn, drawn
        assert drawn - {"Vazirmatn"}, drawn  # the Latin letters in another font
        latin_only = [text for text in fonts if not re.search("[\u0600-\u06ff]", text)]
        assert latin_only
        assert all("Vazirmatn" not in fonts[text] for text in latin_only), fonts


@pytest.mark.parametrize("path", ["data/", "contribute/"])
def test_code_reads_left_to_right_in_persian_text(served_site: str, page: Page, path: str) -> None:
    """A date in code (``1404-07-15``) after Persian words took their direction: its
    numbers counted as Arabic ones (the Unicode bidirectional algorithm, rule W2),
    which a hyphen does not join, and it read ``15-07-1404``; ``.venv/bin/shora``'s
    leading full stop went to the other end; and a Persian list of code (``title``،
    ``adopted``، ``vote``) was one left-to-right run, its items in the reverse order.
    Code is isolated from the text around it and takes its direction from its own
    first letter."""
    for prefix in ("", "en/"):
        _open(page, served_site + prefix + path)
        drawn = page.evaluate(expression(CODE_ORDER))
        check_code_order(drawn, persian=not prefix, listed=path == "data/")


def test_dates_in_both_calendars_with_persian_digits(served_site: str, page: Page) -> None:
    _open(page, served_site + "resolutions/mass-organizing-abroad/")
    date = page.locator(".shora-meta time").first
    assert date.get_attribute("datetime") == "2009-07-27"
    text = page.locator(".shora-meta dd").nth(2).inner_text()
    # First the date as the source prints it, then the converted one.
    assert text.startswith("۲۷ ژوئیه ۲۰۰۹ (۵ مرداد ۱۳۸۸ هجری شمسی)")
    _open(page, served_site + "en/resolutions/mass-organizing-abroad/")
    assert "27 July 2009" in page.locator(".shora-meta").inner_text()


def test_index_filters_without_and_with_javascript(served_site: str, browser) -> None:
    from .harness import guarded_page

    # This index is on one page: the filter hides the items that do not match.
    assert len(RESOLUTION_IDS) <= routes_module.RESOLUTIONS_PER_PAGE
    with guarded_page(browser, java_script_enabled=False) as plain:
        _open(plain, served_site + "resolutions/")
        assert plain.locator(".shora-item").count() == len(RESOLUTION_IDS)
        assert plain.locator(".shora-pages").count() == 0
        assert plain.locator("form[data-shora-filter]").is_hidden()
    with guarded_page(browser) as page:
        _open(page, served_site + "resolutions/")
        form = page.locator("form[data-shora-filter]")
        assert form.is_visible()
        page.select_option("select[name=organization]", "worker-communist-unity-party")
        visible = page.locator(".shora-item:visible")
        assert visible.count() == 1
        assert "mass-organizing-abroad" in visible.locator("a").get_attribute("href")
        assert page.locator("output").inner_text() == "۱ از ۲ قطعنامه"


def test_platform_is_rendered_from_the_resolution(served_site: str, page: Page) -> None:
    _open(page, served_site + "platform/")
    quotes = page.locator(".shora-quote")
    assert quotes.count() >= 4
    membership = page.locator("#platform-membership + blockquote")
    assert membership.locator("li").count() == 6
    link = membership.locator("footer a")
    link.click()
    page.wait_for_load_state()
    assert page.url == served_site + "resolutions/mass-organizing-abroad/#point-3"


def test_print_shows_source_and_permanent_address(served_site: str, page: Page) -> None:
    _open(page, served_site + f"resolutions/{FIRST}/")
    source = page.locator(".shora-print-source")
    assert source.is_hidden()
    page.emulate_media(media="print")
    assert source.is_visible()
    assert page.locator(".md-header").is_hidden()
    assert page.locator(".shora-permalink").inner_text() == served_site + f"resolutions/{FIRST}/"


@pytest.mark.parametrize("language", ["fa", "en"])
def test_screenshots_of_a_resolution_page(
    served_site: str, page: Page, phone_page: Page, screenshot, language: str
) -> None:
    prefix = LANGUAGES[language][0]
    for name, target in (("desktop", page), ("phone", phone_page)):
        target.set_viewport_size({"width": 1280, "height": 900}) if name == "desktop" else None
        _open(target, f"{served_site}{prefix}resolutions/mass-organizing-abroad/")
        path = screenshot(target, f"{language}-{name}")
        assert Path(path).stat().st_size > 10_000


def test_keyboard_focus_is_visible_on_clause_links(served_site: str, page: Page) -> None:
    _open(page, served_site + f"resolutions/{FIRST}/")
    link = page.locator("#point-1 .shora-clause-link")
    link.focus()
    outline = link.evaluate("node => getComputedStyle(node).outlineStyle")
    assert outline not in ("none", "")


def test_skip_link_reaches_the_content(served_site: str, page: Page) -> None:
    _open(page, served_site + f"resolutions/{FIRST}/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.className")
    assert "md-skip" in focused
    page.keyboard.press("Enter")
    assert page.url.endswith("#shora-content")


# ---------------------------------------------------------------- lists of several pages

# 7 resolutions, 1 a page: 7 pages (the navigation leaves some out); 2 councils of 6
# decisions each, whose pages show 2 and whose own lists have 4 a page. (Each
# resolution is also laid out as a PDF in both languages: few keep the build short.)
PAGED = Size(2, 7, 12)
PAGED_LIMITS = {
    (routes_module, "RESOLUTIONS_PER_PAGE"): 1,
    (routes_module, "COUNCIL_DECISIONS_SHOWN"): 2,
    (routes_module, "DECISIONS_PER_PAGE"): 4,
}


@pytest.fixture(scope="module")
def paged_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:

    def build(root: Path) -> None:
        write_dataset(root / "data", PAGED)
        with pytest.MonkeyPatch.context() as patch:
            for (module, name), value in PAGED_LIMITS.items():
                patch.setattr(module, name, value)
            assert build_site(REPO, Path("mkdocs.yml"), root / "site", data_root=root / "data") == 0

    root = built_once(tmp_path_factory, "shora-paged", build)
    with served(root / "site", PREFIX) as base_url:
        yield base_url


def _walk_pages(page: Page, item: str, language: str) -> tuple[list[str], list[str], int]:
    """From the open page of a list, following "next" to its last page: the links of
    the ``item`` elements, their dates and the number of pages."""
    links: list[str] = []
    dates: list[str] = []
    pages = 1
    while True:
        nav = page.locator(".shora-pages")
        current = nav.locator("[aria-current=page]").inner_text()
        assert current == localize_digits(str(pages), language)
        links += page.eval_on_selector_all(f"{item} > a", "links => links.map(a => a.href)")
        dates += page.eval_on_selector_all(
            f"{item} time", "times => times.map(t => t.getAttribute('datetime'))"
        )
        following = nav.locator("a[rel=next]")
        if following.count() == 0:
            return links, dates, pages
        following.click()
        page.wait_for_load_state()
        pages += 1


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_resolutions_index_has_pages(paged_site: str, page: Page, language: str) -> None:
    prefix = LANGUAGES[language][0]
    _open(page, paged_site + prefix + "resolutions/")
    links, dates, pages = _walk_pages(page, ".shora-item", language)
    assert pages == 7 and page.url == paged_site + prefix + "resolutions/page/7/"
    assert len(links) == len(set(links)) == PAGED.resolutions
    assert all(link.startswith(paged_site + prefix + "resolutions/sample-") for link in links)
    assert dates == sorted(dates, reverse=True)
    # The first, the last and two on each side: page 7 does not link 2, 3 or 4.
    numbers = page.locator(".shora-pages a:not([rel])").all_inner_texts()
    assert numbers == [localize_digits(str(n), language) for n in (1, 5, 6)]
    page.locator(".shora-pages a[rel=prev]").click()
    page.wait_for_url(paged_site + prefix + "resolutions/page/6/")
    other = LANGUAGES["en" if language == "fa" else "fa"][0]
    _a_whole_page_with_its_counterpart(page, paged_site + other + "resolutions/page/6/")


def _a_whole_page_with_its_counterpart(page: Page, counterpart: str) -> None:
    """One h1, no accessibility violation, the language switch to ``counterpart``, and
    nothing failed to load on the way."""
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], violations
    page.wait_for_load_state("networkidle")
    assert page.shora.failures == []
    page.locator("[data-shora-switch]").click()
    page.wait_for_url(counterpart)
    page.wait_for_load_state("load")
    assert page.shora.failures == []


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_filter_of_a_paged_index_shows_what_every_page_holds(
    paged_site: str, page: Page, language: str
) -> None:
    prefix = LANGUAGES[language][0]
    here = paged_site + prefix + "resolutions/page/3/"
    resolutions = [(p, model) for kind, p, model in generate(PAGED) if kind.name == "resolution"]
    # The commonest topic: a resolution has several, which the filter must all know.
    topics = Counter(name for _, model in resolutions for name in model.topics)
    topic = topics.most_common(1)[0][0]
    expected = sorted(  # newest first, then by id: the index's order
        (-model.adopted.date.earliest().toordinal(), path.rpartition("/")[2].removesuffix(".yml"))
        for path, model in resolutions
        if topic in model.topics
    )
    assert 1 < len(expected) < PAGED.resolutions  # on several pages, not all of them
    _open(page, here)
    data_file = paged_site + prefix + "resolutions/index-data.js"
    assert data_file not in page.shora.requests  # loaded only when a filter is chosen
    page_links = page.eval_on_selector_all(".shora-year .shora-item > a", "a => a.map(x => x.href)")
    page.select_option("select[name=topics]", topic)
    results = page.locator("[data-shora-filter-results] .shora-item > a")
    results.first.wait_for()
    found = results.evaluate_all("links => links.map(a => a.href)")
    # In the index's order, linked from this page.
    assert found == [paged_site + prefix + f"resolutions/{id_}/" for _, id_ in expected]
    assert set(found) != set(page_links)
    assert page.locator("[data-shora-filter-page]").is_hidden()
    total = localize_digits(str(PAGED.resolutions), language)
    shown = localize_digits(str(len(expected)), language)
    assert page.locator("form[data-shora-filter] output").inner_text() == t(
        "filter_count", language, shown=shown, total=total
    )
    assert page.shora.requests.count(data_file) == 1
    # The choice is in the address: the same link shows the same list.
    assert page.url == here + f"?topics={topic}"
    page.reload()
    results.first.wait_for()
    assert results.evaluate_all("links => links.map(a => a.href)") == found
    # "All" gives the page back as it was.
    page.select_option("select[name=topics]", "")
    assert page.url == here
    assert page.locator("[data-shora-filter-results]").is_hidden()
    assert page.locator("[data-shora-filter-page]").is_visible()
    page.select_option("select[name=topics]", topic)
    results.first.click()
    page.wait_for_url(found[0])
    assert page.locator("h1").count() == 1
    # The language switch keeps the filter: the same resolutions, in the other language.
    page.go_back()
    page.wait_for_url(here + f"?topics={topic}")
    results.first.wait_for()
    other = LANGUAGES["en" if language == "fa" else "fa"][0]
    page.locator("[data-shora-switch]").click()
    page.wait_for_url(paged_site + other + f"resolutions/page/3/?topics={topic}")
    results.first.wait_for()
    assert results.evaluate_all("links => links.map(a => a.href)") == [
        paged_site + other + f"resolutions/{id_}/" for _, id_ in expected
    ]
    assert page.shora.failures == []


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_council_links_its_list_of_decisions(paged_site: str, page: Page, language: str) -> None:
    prefix = LANGUAGES[language][0]
    _open(page, paged_site + prefix + "councils/")
    page.locator(".shora-country__name").first.click()
    # The country page's script shows its filter once loaded, which moves the list:
    # a click before that may land beside the link.
    page.wait_for_url("**/councils/country/*/")
    page.wait_for_load_state("load")
    page.locator(".shora-council > a").first.click()
    page.wait_for_url("**/councils/*/")
    council = page.url
    assert page.locator(".shora-decision").count() == 2
    latest = page.eval_on_selector_all(".shora-decision__title", "links => links.map(a => a.href)")
    page.get_by_role("link", name=t("council_decisions_all", language)).click()
    page.wait_for_url(council + "decisions/")
    links, dates, pages = _walk_pages(page, ".shora-decision", language)
    assert pages == 2 and page.url == council + "decisions/page/2/"
    assert len(links) == len(set(links)) == PAGED.decisions // PAGED.councils
    assert links[:2] == latest
    assert dates == sorted(dates, reverse=True)
    other = LANGUAGES["en" if language == "fa" else "fa"][0]
    counterpart = council.replace(paged_site + prefix, paged_site + other)
    _a_whole_page_with_its_counterpart(page, counterpart + "decisions/page/2/")
