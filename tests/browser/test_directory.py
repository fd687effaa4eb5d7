"""The council directory in a real browser, against the demo data (examples/demo/).

The demo site is built once per module into a temporary folder and served under a
sub-path, as on a mirror, with PER_PAGE councils a page of a country listing (instead
of 100) so that its 41 councils make countries of several pages and federations larger
than a page. Both languages: the index of countries, the country listings and their
pages, the filter and near me (whose data file loads only when used), the maps; the
`page` fixture fails any test whose page tried to reach another host. (axe-core on
every kind of the directory's pages, both schemes, the filter's results too:
test_accessibility.py.)
"""

from __future__ import annotations

import json
import math
import posixpath
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
from playwright.sync_api import Browser, Page

import shora.site.routes as routes_module
from shora.site.directory import DATA_GLOBAL, Directory
from shora.site.routes import DIRECTORY_DATA_FILE as DATA_FILE
from shora.validate import validate_project

from .builds import DEMO, DEMO_PER_PAGE
from .harness import guarded_page, served, start_material
from .test_mirror import MIRROR, crawl

DATASET = validate_project(DEMO).dataset
COUNCILS = sorted(DATASET.councils)
FEDERATIONS = sorted(DATASET.federations)
LANGUAGES = {"fa": "", "en": "en/"}
GOTHENBURG = {"latitude": 57.70, "longitude": 11.97}
PER_PAGE = DEMO_PER_PAGE
DIRECTORIES = {language: Directory(DATASET, language, PER_PAGE) for language in LANGUAGES}
COUNTRIES = sorted(DIRECTORIES["en"].countries)


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def _ids(hrefs: list[str]) -> list[str]:
    """Council ids of links to council pages (councils/<id>/, or <id>/index.html on disk)."""
    return [href.removesuffix("index.html").rstrip("/").rsplit("/", 1)[-1] for href in hrefs]


def _listed_councils(page: Page) -> list[str]:
    """Ids of the councils a listing page shows."""
    return _ids(
        page.eval_on_selector_all(
            ".shora-directory .shora-council > a", "links => links.map(a => a.getAttribute('href'))"
        )
    )


def _found(page: Page) -> set[str]:
    """Ids of the councils the filter shows."""
    return set(
        _ids(
            page.eval_on_selector_all(
                "#shora-find-results:not([hidden]) li a",
                "links => links.filter(a => a.offsetParent !== null)"
                ".map(a => a.getAttribute('href'))",
            )
        )
    )


def _data_requests(page: Page) -> list[str]:
    return [url for url in page.shora_requests if url.endswith("directory-data.js")]


def _country_pages(language: str) -> list[str]:
    """Every page of every country listing, as paths."""
    return [
        routes_module.country_url(code, number)
        for code, country in sorted(DIRECTORIES[language].countries.items())
        for number in range(1, country.pages + 1)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_lists_countries_not_councils(demo_site: str, page: Page, language: str) -> None:
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    directory = DIRECTORIES[language]
    # continent -> country: each with its number of councils, listing and federation.
    assert page.locator(".shora-continent").count() == len(directory.continents) >= 5
    items = page.locator(".shora-directory .shora-country")
    assert items.count() == len(COUNTRIES)
    for continent in directory.continents:
        for country in continent.countries:
            item = page.locator(f"#continent-{continent.id} #country-{country.code.lower()}")
            assert item.locator(".shora-country__name").inner_text() == country.name
            link = item.locator(".shora-country__name").get_attribute("href")
            assert link == f"country/{country.code.lower()}/"
            count = item.locator(".shora-item__meta").inner_text()
            digits = count.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹", "0123456789"))
            assert str(country.count) in digits, (country.code, count)
            federation = item.locator(".shora-country__federation")
            if country.federation:
                assert federation.get_attribute("href") == (
                    f"../federations/{country.federation.id}/"
                )
            else:
                assert federation.count() == 0
    # No council is listed on the index: they are on the countries' pages.
    assert page.locator(".shora-council").count() == 0
    assert page.locator(f"a[href='{COUNCILS[0]}/']").count() == 0
    assert page.locator("#what-is-published").count() == 1
    assert page.locator("a[href='../federations/']").count() == 1
    assert page.locator("a[href='../decisions/']").count() == 1
    # Nothing of the data file on page load.
    page.wait_for_load_state("networkidle")
    assert _data_requests(page) == []


def _built_page(site: Path, url: str) -> lxml.html.HtmlElement:
    """The built page at the site-relative address ``url`` (directory style)."""
    path = site / url.partition("#")[0] / "index.html"
    assert path.is_file(), url
    return lxml.html.parse(str(path)).getroot()


def _of_class(name: str) -> str:
    """XPath test for an element with the class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def _follow(url: str, href: str) -> str:
    """The site-relative address a link on the page at ``url`` leads to."""
    return posixpath.normpath(posixpath.join(url, href.partition("#")[0])) + "/"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_council_is_reachable_from_the_index(demo_dir: Path, language: str) -> None:
    """index -> country listing -> next pages -> council, following the links of the
    built pages (every country, every page: the click-through is in the next test)."""
    start = LANGUAGES[language] + "councils/"
    countries = [a.get("href") for a in _built_page(demo_dir, start).xpath(
        f"//a[{_of_class('shora-country__name')}]")]  # fmt: skip
    assert len(countries) == len(COUNTRIES)
    reached: list[str] = []
    paged = 0
    for href in countries:
        url = _follow(start, href)
        while True:
            listing = _built_page(demo_dir, url)
            links = listing.xpath(
                f"//*[{_of_class('shora-directory')}]//*[{_of_class('shora-council')}]/a"
            )
            listed = _ids([a.get("href") for a in links])
            assert 1 <= len(listed) <= PER_PAGE, url
            for council in listed:
                council_page = demo_dir / LANGUAGES[language] / "councils" / council / "index.html"
                assert council_page.is_file(), council
            reached += listed
            following = listing.xpath(f"//*[{_of_class('shora-pages')}]//a[@rel='next']")
            if not following:
                break
            paged += 1
            url = _follow(url, following[0].get("href"))
    assert sorted(reached) == COUNCILS
    assert paged >= 3


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_reader_clicks_from_the_index_to_a_council(
    demo_site: str, page: Page, language: str
) -> None:
    base = demo_site + LANGUAGES[language]
    _open(page, base + "councils/")
    page.locator("a.shora-country__name[href$='country/de/']").click()
    page.wait_for_url("**/councils/country/de/")
    page.locator(".shora-pages a[rel=next]").click()
    page.wait_for_url("**/country/de/page/2/")
    page.locator(".shora-directory .shora-council > a").first.click()
    page.wait_for_url("**/councils/sample-*/")
    assert page.locator("h1").count() == 1
    assert page.shora_failures == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_country_pages_have_numbered_pages_and_counterparts(
    demo_site: str, page: Page, language: str
) -> None:
    germany = DIRECTORIES[language].countries["DE"]
    assert germany.pages == 2
    base = demo_site + LANGUAGES[language]
    _open(page, base + "councils/country/de/")
    assert germany.name in page.locator("h1").inner_text()
    nav = page.locator(".shora-pages")
    assert nav.locator("[aria-current=page]").count() == 1
    assert nav.locator("a[rel=prev]").count() == 0
    nav.locator("a", has_text="2" if language == "en" else "۲").click()
    page.wait_for_url(base + "councils/country/de/page/2/")
    assert page.locator(".shora-pages a[rel=next]").count() == 0
    assert _listed_councils(page) == [e.id for e in germany.page(2)[0].councils] + [
        e.id for city in germany.page(2)[1:] for e in city.councils
    ]
    page.locator(".shora-pages a[rel=prev]").click()
    page.wait_for_url(base + "councils/country/de/")
    # The language switch leads to the same page in the other language.
    other = "en" if language == "fa" else "fa"
    _open(page, base + "councils/country/de/page/2/")
    page.wait_for_load_state("networkidle")
    page.locator("[data-shora-switch]").click()
    page.wait_for_url(demo_site + LANGUAGES[other] + "councils/country/de/page/2/")
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == other
    # Back to the index, at the country.
    page.locator("a[href$='/#country-de']").first.click()
    page.wait_for_url(demo_site + LANGUAGES[other] + "councils/#country-de")
    page.wait_for_load_state("networkidle")
    assert page.locator("#country-de").is_visible()
    assert page.shora_failures == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_statuses_are_said_and_shown(demo_site: str, page: Page, language: str) -> None:
    """Inactive and dissolved councils say so and look different (Sweden has active and
    inactive ones, Germany a dissolved one), by colour, not by a dotted line or a line
    through the name: Persian letters differ by their dots, and a line through them runs
    along the stroke that joins them."""
    colors: dict[str, set[str]] = {"active": set(), "inactive": set(), "dissolved": set()}
    decorations: set[str] = set()
    said = 0
    countries = DIRECTORIES[language].countries
    pages = [(code, n) for code in ("SE", "DE") for n in range(1, countries[code].pages + 1)]
    for country, number in pages:
        _open(page, demo_site + LANGUAGES[language] + routes_module.country_url(country, number))
        for status, found in colors.items():
            styles = page.eval_on_selector_all(
                f".shora-council--{status} > a",
                "links => links.map(a => { const style = getComputedStyle(a);"
                " return [style.color, style.textDecorationLine, style.textDecorationStyle]; })",
            )
            found |= {color for color, _, _ in styles}
            decorations |= {f"{line} {style}" for _, line, style in styles}
        said += page.locator(
            ".shora-council--inactive .shora-council-status,"
            " .shora-council--dissolved .shora-council-status"
        ).count()
    assert colors["active"] and colors["inactive"] and colors["dissolved"]
    assert not colors["active"] & (colors["inactive"] | colors["dissolved"])
    assert decorations <= {"underline solid", "none solid"}, decorations
    assert said >= 2


def test_directory_without_javascript_shows_the_lists(demo_site: str, browser: Browser) -> None:
    with guarded_page(browser, java_script_enabled=False) as page:
        _open(page, demo_site + "councils/")
        assert page.locator(".shora-country").count() == len(COUNTRIES)
        assert page.locator("form[data-shora-find]").is_hidden()
        assert page.locator("[data-shora-near]").is_hidden()
        assert page.locator(".shora-map svg a").count() == len(COUNTRIES)
        _open(page, demo_site + "councils/country/se/")
        assert len(_listed_councils(page)) == PER_PAGE
        assert page.locator("form[data-shora-find]").is_hidden()
        assert page.locator(".shora-map svg a").count() == PER_PAGE


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("گوتنبرگ", {"sample-goteborg"}),  # Persian
        ("Gothenburg", {"sample-goteborg"}),  # English
        ("Göteborg", {"sample-goteborg"}),  # another spelling
        ("goteborg", {"sample-goteborg"}),  # without the diacritic
        ("استكهلم", {"sample-stockholm"}),  # Arabic kaf for Persian keheh
        ("سليمانيه", {"sample-sulaymaniyah"}),  # Arabic yeh for Persian yeh
        ("Slemani", {"sample-sulaymaniyah"}),
        ("london", {"sample-east-london", "sample-west-london"}),  # two councils, one city
        ("Sample Council of Köln", set()),  # a name that does not exist
    ],
)
def test_filter_finds_any_council_from_the_index(
    demo_site: str, page: Page, language: str, query: str, expected: set[str]
) -> None:
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    page.wait_for_load_state("networkidle")
    assert _data_requests(page) == []  # not before the reader types
    page.fill("#shora-find-input", query)
    count = page.locator("#shora-find-count")
    page.wait_for_function(
        "text => document.querySelector('#shora-find-count').textContent"
        " && !document.querySelector('#shora-find-count').textContent.includes(text)",
        arg=page.locator("[data-shora-tools]").get_attribute("data-loading"),
    )
    assert _found(page) == expected
    assert count.inner_text() != ""
    assert _data_requests(page) == [demo_site + LANGUAGES[language] + DATA_FILE]
    if expected:
        # Name, city and country, and a link to the council.
        item = page.locator("#shora-find-results li").first
        council = DATASET.councils[sorted(expected)[0]].model
        text = item.inner_text()
        assert council.city[language] in text
        assert DIRECTORIES[language].countries[council.country].name in text
    page.fill("#shora-find-input", "")
    assert _found(page) == set() and count.inner_text() == ""
    page.fill("#shora-find-input", "sample")
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 0")
    assert len(_data_requests(page)) == 1  # loaded once
    assert page.shora_failures == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_filter_finds_every_council_and_links_to_it(
    demo_site: str, page: Page, language: str
) -> None:
    """The data file is the whole directory: every council, by its name in the other
    language, from the index; the first result's link opens the council's page."""
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    other = "en" if language == "fa" else "fa"
    for council_id in COUNCILS:
        name = DATASET.councils[council_id].model.name[other]
        page.fill("#shora-find-input", name)
        page.wait_for_function(
            "id => [...document.querySelectorAll('#shora-find-results a')]"
            ".some(a => a.getAttribute('href').endsWith('/' + id + '/'))",
            arg=council_id,
        )
        assert council_id in _found(page), name
    page.fill("#shora-find-input", DATASET.councils["sample-goteborg"].model.city[language])
    page.wait_for_function("document.querySelectorAll('#shora-find-results a').length === 1")
    page.locator("#shora-find-results a").click()
    page.wait_for_url(demo_site + LANGUAGES[language] + "councils/sample-goteborg/")


def test_filter_of_a_country_page_finds_its_councils_on_every_page(
    demo_site: str, page: Page
) -> None:
    _open(page, demo_site + "en/councils/country/de/")
    page.fill("#shora-find-input", "koeln")  # listed on page 1 or 2
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 0")
    assert _found(page) == {"sample-cologne"}
    page.fill("#shora-find-input", "london")  # a council of another country
    page.wait_for_function(
        "!document.querySelector('#shora-find-results').children.length"
        " && document.querySelector('#shora-find-count').textContent"
    )
    assert _found(page) == set()
    page.fill("#shora-find-input", "sample")
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 0")
    assert _found(page) == {e.id for e in DIRECTORIES["en"].countries["DE"].councils}


def test_filter_reads_the_query_from_the_address(demo_site: str, page: Page) -> None:
    _open(page, demo_site + "councils/?q=Slemani")
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 0")
    assert _found(page) == {"sample-sulaymaniyah"}


def test_the_directory_works_on_another_mirror_path_and_host(demo_dir: Path) -> None:
    """Every link of the demo site resolves under another path and host name, the data
    files included, and the links reach every country page and council."""
    with served(demo_dir, MIRROR) as base_url:
        base = base_url.replace("127.0.0.1", "localhost")
        pages, seen, broken = crawl(base)
    assert broken == []
    for language, prefix in LANGUAGES.items():
        assert base + prefix + DATA_FILE in seen
        for path in _country_pages(language):
            assert base + prefix + path in pages, path
        for council in COUNCILS:
            assert f"{base}{prefix}councils/{council}/" in pages


def _marker_pages(language: str) -> list[str]:
    return ["councils/", *_country_pages(language), *(f"federations/{f}/" for f in FEDERATIONS)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_map_marker_is_a_named_link_to_a_page(demo_dir: Path, language: str) -> None:
    """Every marker of every map, read from the built pages (that a browser can focus
    them is the next test's)."""
    checked: set[str] = set()
    counts: dict[str, int] = {}
    for path in _marker_pages(language):
        url = LANGUAGES[language] + path
        maps = _built_page(demo_dir, url).xpath(f"//*[{_of_class('shora-map')}]")
        if not maps:
            assert path.startswith("federations/"), path  # a federation without councils
            continue
        assert maps[0].get("dir") == "ltr"
        markers = maps[0].xpath(".//svg//a")
        counts[path] = len(markers)
        assert markers, path
        for marker in markers:
            name, href = marker.get("aria-label"), marker.get("href")
            assert name and name.strip(), f"marker without a name on {path}"
            checked.add(_follow(url, href) + ("#" + href.partition("#")[2] if "#" in href else ""))
    for target in sorted(checked):
        address, _, anchor = target.partition("#")
        page = _built_page(demo_dir, address)
        if anchor:
            assert page.get_element_by_id(anchor, None) is not None, target
    base = LANGUAGES[language]
    # The world map: a bubble per country, to its listing.
    assert counts["councils/"] == len(COUNTRIES)
    # Country listings: the councils of the page, so every council has a marker.
    assert {f"{base}councils/{c}/" for c in COUNCILS} <= checked
    assert all(counts[p] <= PER_PAGE for p in _country_pages(language))
    # A federation larger than a page merges markers close together.
    assert counts["federations/sample-germany/"] <= PER_PAGE


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    "path", ["councils/", "councils/country/de/", "federations/sample-germany/"]
)
def test_map_markers_are_focusable_links(
    demo_site: str, page: Page, language: str, path: str
) -> None:
    url = demo_site + LANGUAGES[language] + path
    _open(page, url)
    # Each marker focused in turn, in the page: one round trip for all of them.
    markers = page.locator(".shora-map svg a").evaluate_all(
        """links => links.map(a => {
            a.focus();
            return [a.getAttribute("href"), document.activeElement === a];
        })"""
    )
    assert markers
    assert all(focused for _, focused in markers), markers
    response = page.request.get(urljoin(url, markers[0][0]))
    assert response.status == 200


def test_map_markers_are_reached_with_the_tab_key(demo_site: str, page: Page) -> None:
    _open(page, demo_site + "federations/sample-netherlands/")
    page.locator("#map").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('map').setAttribute('tabindex', '-1')")
    page.focus("#map")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.closest('svg') !== null")
    label = page.evaluate("document.activeElement.getAttribute('aria-label')")
    assert focused and label
    page.keyboard.press("Enter")
    page.wait_for_url("**/councils/sample-*/")


def _nearest(lat: float, lon: float, count: int = 5) -> list[str]:
    def km(council: str) -> float:
        c = DATASET.councils[council].model.coordinates
        la1, lo1, la2, lo2 = map(math.radians, (lat, lon, round(c.lat, 2), round(c.lon, 2)))
        a = (
            math.sin((la2 - la1) / 2) ** 2
            + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
        )
        return 12742 * math.asin(min(1, math.sqrt(a)))

    meeting = [c for c in COUNCILS if DATASET.councils[c].model.status in ("active", "forming")]
    return sorted(meeting, key=km)[:count]


@pytest.mark.parametrize("language", LANGUAGES)
def test_near_me_lists_the_nearest_councils(
    demo_site: str, browser: Browser, language: str, screenshot: Callable[..., Path]
) -> None:
    with guarded_page(browser, geolocation=GOTHENBURG) as page:
        page.context.grant_permissions(["geolocation"])
        _open(page, demo_site + LANGUAGES[language] + "councils/")
        near = page.locator("[data-shora-near]")
        assert near.is_visible()
        assert near.locator("p").first.inner_text().strip()  # the privacy sentence
        # Material's script, which the reader's first touch fetches (shora.js), comes
        # before: the requests counted below are the click's own.
        start_material(page)
        page.wait_for_load_state("networkidle")
        requests_before = len(page.shora_requests)
        assert _data_requests(page) == []
        near.locator("button").click()
        items = near.locator("[data-shora-near-list] li")
        items.first.wait_for()
        hrefs = [
            items.nth(i).locator("a").get_attribute("href") or "" for i in range(items.count())
        ]
        found = _ids(hrefs)
        assert found == _nearest(GOTHENBURG["latitude"], GOTHENBURG["longitude"])
        assert found[0] == "sample-goteborg"
        # Each says its city, country and distance.
        first = items.first.inner_text()
        assert DATASET.councils["sample-goteborg"].model.city[language] in first
        assert DIRECTORIES[language].countries["SE"].name in first
        # The position is used in the page only: clicking loaded the data file from this
        # site, and nothing else; the position is in no request.
        assert page.shora_requests[requests_before:] == [
            demo_site + LANGUAGES[language] + DATA_FILE
        ]
        assert not any("57.7" in url or "11.97" in url for url in page.shora_requests)
        near.locator("button").click()
        page.wait_for_load_state("networkidle")
        assert len(page.shora_requests) == requests_before + 1
        near.scroll_into_view_if_needed()
        screenshot(page, f"{language}-near-me", full_page=False)


def test_near_me_is_hidden_without_geolocation(demo_site: str, browser: Browser) -> None:
    with guarded_page(browser) as page:
        page.add_init_script("delete Navigator.prototype.geolocation")
        _open(page, demo_site + "councils/")
        assert page.locator("[data-shora-near]").is_hidden()


def test_directory_works_from_a_copy_on_disk(demo_dir: Path, browser: Browser) -> None:
    # file:// cannot be routed, so this context is not guarded; it reads local files only.
    context = browser.new_context()
    try:
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto(demo_dir.as_uri() + "/councils/index.html")
        assert page.locator(".shora-map svg a").count() == len(COUNTRIES)
        page.fill("#shora-find-input", "Göteborg")
        page.wait_for_function("document.querySelectorAll('#shora-find-results a').length > 0")
        assert _found(page) == {"sample-goteborg"}
        result = page.locator("#shora-find-results a").first.get_attribute("href") or ""
        # A folder does not open its index.html from disk: the link names it.
        assert (
            urljoin(page.url, result) == demo_dir.as_uri() + "/councils/sample-goteborg/index.html"
        )
        marker = page.locator(".shora-map svg a").first
        target = urljoin(page.url, marker.get_attribute("href") or "")
        assert Path(target.removeprefix("file://")).joinpath("index.html").is_file(), target
        page.locator("#shora-find-results a").first.click()
        page.wait_for_url("**/councils/sample-goteborg/index.html")
        assert all(url.startswith("file://") for url in requests), requests
    finally:
        context.close()


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_layout_has_no_sideways_scroll(
    demo_site: str, phone_page: Page, language: str, screenshot: Callable[..., Path]
) -> None:
    for path in (
        "councils/",
        "councils/country/de/",
        "decisions/",
        "federations/sample-sweden/",
        "federations/sample-europe/",
    ):
        _open(phone_page, demo_site + LANGUAGES[language] + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    screenshot(phone_page, f"{language}-federation-phone", full_page=False)
    _open(phone_page, demo_site + LANGUAGES[language] + "councils/")
    phone_page.fill("#shora-find-input", "sample")
    phone_page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 1")
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, ("filter results", width)
    screenshot(phone_page, f"{language}-filter-phone", full_page=False)


@pytest.mark.parametrize("language", LANGUAGES)
def test_council_page_shows_chain_board_and_decisions(
    demo_site: str, page: Page, language: str
) -> None:
    _open(page, demo_site + LANGUAGES[language] + "councils/sample-goteborg/")
    chain = page.locator(".shora-chain li")
    assert chain.count() == 3
    assert chain.nth(1).locator("a").get_attribute("href") == "../../federations/sample-sweden/"
    assert chain.nth(2).locator("a").get_attribute("href") == "../../federations/sample-europe/"
    assert page.locator(".shora-board li").count() == 3
    assert page.locator(".shora-decision").count() >= 1
    assert page.locator(".shora-kind--election").count() >= 1
    assert page.locator(".shora-vote__bar").first.is_visible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_federations_index_lists_every_federation(
    demo_site: str, page: Page, language: str
) -> None:
    _open(page, demo_site + LANGUAGES[language] + "federations/")
    hrefs = page.eval_on_selector_all(
        ".shora-federations a", "links => links.map(a => a.getAttribute('href'))"
    )
    assert sorted(href.strip("/") for href in hrefs) == FEDERATIONS


@pytest.mark.parametrize("language", LANGUAGES)
def test_decisions_newest_first_with_pages(demo_site: str, page: Page, language: str) -> None:
    _open(page, demo_site + LANGUAGES[language] + "decisions/")
    dates = page.eval_on_selector_all(
        ".shora-decision time", "times => times.map(t => t.getAttribute('datetime'))"
    )
    assert len(dates) == 50
    assert dates == sorted(dates, reverse=True)
    newest = max(str(d.model.date) for d in DATASET.decisions.values())
    assert dates[0] == newest
    assert (
        page.locator(".shora-kind--recall").count() + page.locator(".shora-kind--election").count()
        > 0
    )
    page.locator(".shora-pages a[rel=next]").click()
    page.wait_for_url("**/decisions/page/2/")


@pytest.mark.parametrize("language", LANGUAGES)
def test_published_locations_are_city_level(demo_site: str, page: Page, language: str) -> None:
    response = page.request.get(demo_site + LANGUAGES[language] + DATA_FILE)
    assert response.status == 200
    text = response.text()
    assert text.startswith(f"window.{DATA_GLOBAL}=")
    rows = json.loads(text.removeprefix(f"window.{DATA_GLOBAL}=").rstrip().removesuffix(";"))
    assert len(rows["councils"]) == len(COUNCILS)
    for row in rows["councils"]:
        lat, lon = row[4], row[5]
        assert round(lat, 2) == lat and round(lon, 2) == lon
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    assert page.locator("#what-is-published").count() == 1
    # A venue that is not public never shows its address.
    _open(page, demo_site + LANGUAGES[language] + "councils/sample-goteborg/")
    assert "private address" not in page.content()
    assert "private address" not in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_directory_and_a_federation(
    demo_site: str, page: Page, language: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    screenshot(page, f"{language}-directory", full_page=False)
    page.locator("#directory-map").scroll_into_view_if_needed()
    screenshot(page, f"{language}-directory-map", full_page=False)
    page.fill("#shora-find-input", "london")
    page.wait_for_function("document.querySelectorAll('#shora-find-results li').length > 1")
    screenshot(page, f"{language}-directory-filter", full_page=False)
    _open(page, demo_site + LANGUAGES[language] + "councils/country/de/")
    screenshot(page, f"{language}-country")
    _open(page, demo_site + LANGUAGES[language] + "federations/sample-sweden/")
    screenshot(page, f"{language}-federation")


def test_world_map_weight(demo_dir: Path) -> None:
    """The world map's SVG, gzip -9, as written in the README (budget: 20 KB)."""
    import gzip
    import re

    from .harness import artifacts_dir

    html = (demo_dir / "councils" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<div class="shora-map" dir="ltr">.*?</svg></div>', html, re.S)
    assert match is not None
    raw = match.group(0).encode()
    compressed = len(gzip.compress(raw, 9))
    page = len(gzip.compress(html.encode(), 9))
    report = (
        f"world map SVG: {len(raw)} bytes, {compressed} gzip -9\n"
        f"directory page with it (HTML): {len(html.encode())} bytes, {page} gzip -9\n"
    )
    artifacts_dir().mkdir(parents=True, exist_ok=True)
    (artifacts_dir() / "world-map-weight.txt").write_text(report, encoding="utf-8")
    assert compressed < 20_000, report


# Where each of `names` begins in the text of the element `selector` finds (null if
# it is not there): the left side of its box.
NAMES = """([selector, names]) => {
  const walker = document.createTreeWalker(document.querySelector(selector), NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  return names.map(name => {
    const text = texts.find(node => node.textContent.includes(name));
    if (!text) return null;
    const range = document.createRange();
    const start = text.textContent.indexOf(name);
    range.setStart(text, start);
    range.setEnd(text, start + name.length);
    return range.getBoundingClientRect().left;
  });
}"""


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_s_other_names_read_in_the_page_s_direction(
    demo_site: str, page: Page, language: str
) -> None:
    """Cologne's other names (Köln, Koeln, کلن) follow one another in the direction of
    the page, in the country's list and on the council's page: the Latin names ran
    together with the commas between them into one left-to-right run on the Persian
    pages, and read in the reverse order there (each name is now isolated)."""
    council = DATASET.councils["sample-cologne"].model
    names = [council.name["en" if language == "fa" else "fa"], *council.other_names]
    latin = [
        name for name in council.other_names if not any("\u0600" <= c <= "\u06ff" for c in name)
    ]
    assert len(latin) >= 2  # two names of one script, one after the other
    countries = DIRECTORIES[language].countries
    listed = None
    for number in range(1, countries["DE"].pages + 1):
        _open(page, demo_site + LANGUAGES[language] + routes_module.country_url("DE", number))
        if page.locator("#council-sample-cologne").count():
            listed = page.evaluate(NAMES, ["#council-sample-cologne .shora-item__meta", names])
            break
    assert listed is not None
    _open(page, demo_site + LANGUAGES[language] + "councils/sample-cologne/")
    shown = page.evaluate(NAMES, [".shora-meta .shora-note", names[1:]])
    for lefts in (listed, shown):
        assert None not in lefts, lefts
        assert lefts == sorted(lefts, reverse=language == "fa"), lefts
