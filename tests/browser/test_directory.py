"""The council directory in a real browser, against the demo data (examples/demo/).

The demo site is built once per module into a temporary folder and served under a
sub-path, as on a mirror. Both languages: the list, the filter, the maps, near me,
accessibility; the `page` fixture fails any test whose page tried to reach another host.
"""

from __future__ import annotations

import math
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urljoin

import pytest
from playwright.sync_api import Browser, Page

from shora.build import build_site
from shora.validate import validate_project

from .harness import REPO, axe_violations, guarded_page, served

DEMO = REPO / "examples" / "demo"
DATASET = validate_project(DEMO).dataset
COUNCILS = sorted(DATASET.councils)
FEDERATIONS = sorted(DATASET.federations)
LANGUAGES = {"fa": "", "en": "en/"}
GOTHENBURG = {"latitude": 57.70, "longitude": 11.97}


@pytest.fixture(scope="module")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo site, built once per test session even with several xdist workers:
    they share the parent of their temporary folders, and a lock makes one build it."""
    import fcntl

    base = tmp_path_factory.getbasetemp()
    # Under xdist each worker's folder is inside the session's; without it, base is it.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / "shora-demo-site"
    with open(shared / "shora-demo-site.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "councils" / "index.html").is_file():
            assert build_site(REPO, Path("mkdocs.yml"), site, data_root=DEMO) == 0
    return site


@pytest.fixture(scope="module")
def demo_site(demo_dir: Path) -> Iterator[str]:
    with served(demo_dir, "/mirror/shora/") as base_url:
        yield base_url


def _open(page: Page, url: str) -> None:
    response = page.goto(url)
    assert response is not None and response.status == 200, url


def _visible_councils(page: Page) -> set[str]:
    """Ids of the councils the directory shows (from their links: councils/<id>/)."""
    hrefs = page.eval_on_selector_all(
        ".shora-directory [data-shora-search]",
        "items => items.filter(i => i.offsetParent !== null)"
        ".map(i => i.querySelector('a').getAttribute('href'))",
    )
    return {href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs}


@pytest.mark.parametrize("language", LANGUAGES)
def test_directory_lists_every_council_grouped(demo_site: str, page: Page, language: str) -> None:
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    assert _visible_councils(page) == set(COUNCILS)
    for council_id in COUNCILS:
        name = DATASET.councils[council_id].model.name[language]
        assert page.locator(".shora-directory a", has_text=name).count() >= 1, name
    # continent -> country -> city
    assert page.locator(".shora-continent").count() >= 5
    assert page.locator(
        ".shora-continent .shora-country .shora-city .shora-council"
    ).count() == len(COUNCILS)
    # Inactive and dissolved councils say so and look different.
    inactive = page.locator(".shora-council--inactive > a").first
    active = page.locator(".shora-council--active > a").first
    assert inactive.evaluate("a => getComputedStyle(a).color") != active.evaluate(
        "a => getComputedStyle(a).color"
    )
    assert page.locator(".shora-council--inactive .shora-council-status").count() >= 1


def test_directory_without_javascript_shows_the_list(demo_site: str, browser: Browser) -> None:
    with guarded_page(browser, java_script_enabled=False) as page:
        _open(page, demo_site + "councils/")
        assert _visible_councils(page) == set(COUNCILS)
        assert page.locator("form[data-shora-find]").is_hidden()
        assert page.locator("[data-shora-near]").is_hidden()
        assert page.locator(".shora-map svg a").count() > 0


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
def test_filter_finds_councils_by_any_spelling(
    demo_site: str, page: Page, language: str, query: str, expected: set[str]
) -> None:
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    page.fill("#shora-find-input", query)
    assert _visible_councils(page) == expected
    if not expected:
        assert page.locator("#shora-find-count").inner_text() != ""
    # Groups without a match are hidden too.
    assert page.locator(".shora-continent:visible").count() <= max(1, len(expected))
    page.fill("#shora-find-input", "")
    assert _visible_councils(page) == set(COUNCILS)


def _marker_pages() -> list[str]:
    return ["councils/"] + [f"federations/{f}/" for f in FEDERATIONS]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_map_marker_is_a_focusable_link_to_a_page(
    demo_site: str, page: Page, language: str
) -> None:
    checked: set[str] = set()
    for path in _marker_pages():
        url = demo_site + LANGUAGES[language] + path
        _open(page, url)
        assert page.locator(".shora-map").get_attribute("dir") == "ltr"
        markers = page.locator(".shora-map svg a")
        assert markers.count() > 0, path
        for index in range(markers.count()):
            marker = markers.nth(index)
            name = marker.get_attribute("aria-label")
            assert name and name.strip(), f"marker without a name on {path}"
            marker.focus()
            assert marker.evaluate("a => document.activeElement === a"), (path, name)
            checked.add(urljoin(url, marker.get_attribute("href")))
    for target in sorted(checked):
        target_page = target.split("#")[0]
        response = page.request.get(target_page)
        assert response.status == 200, target
    assert len(checked) >= len(COUNCILS)


def test_map_markers_are_reached_with_the_tab_key(demo_site: str, page: Page) -> None:
    _open(page, demo_site + "federations/sample-germany/")
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
        requests_before = len(page.shora_requests)
        near.locator("button").click()
        items = near.locator("[data-shora-near-list] li")
        items.first.wait_for()
        hrefs = [
            items.nth(i).locator("a").get_attribute("href") or "" for i in range(items.count())
        ]
        found = [href.rstrip("/").rsplit("/", 1)[-1] for href in hrefs]
        assert found == _nearest(GOTHENBURG["latitude"], GOTHENBURG["longitude"])
        assert found[0] == "sample-goteborg"
        # The position is used in the page only: clicking made no request at all.
        assert len(page.shora_requests) == requests_before
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
        page.goto(demo_dir.as_uri() + "/councils/index.html")
        assert page.locator(".shora-map svg a").count() > 0
        page.fill("#shora-find-input", "Göteborg")
        assert _visible_councils(page) == {"sample-goteborg"}
        marker = page.locator(".shora-map svg a").first
        target = urljoin(page.url, marker.get_attribute("href") or "")
        assert Path(target.removeprefix("file://")).joinpath("index.html").is_file(), target
    finally:
        context.close()


def _pages_for_axe() -> list[str]:
    council = "sample-goteborg"
    decision = sorted(DATASET.decisions)[0]
    return [
        "councils/",
        f"councils/{council}/",
        "federations/",
        "federations/sample-sweden/",
        "federations/sample-europe/",
        "decisions/",
        "decisions/page/2/",
        f"decisions/{decision}/",
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("path", _pages_for_axe())
def test_pages_are_accessible(demo_site: str, page: Page, language: str, path: str) -> None:
    _open(page, demo_site + LANGUAGES[language] + path)
    assert page.evaluate("document.documentElement.lang") == language
    assert page.locator("h1").count() == 1
    violations = axe_violations(page)
    assert violations == [], violations
    assert page.shora_failures == [], page.shora_failures


@pytest.mark.parametrize(
    "path",
    ["councils/", "en/councils/sample-goteborg/", "federations/sample-europe/", "decisions/"],
)
def test_dark_scheme_is_accessible(demo_site: str, browser: Browser, path: str) -> None:
    with guarded_page(browser, color_scheme="dark") as page:
        _open(page, demo_site + path)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == "slate"
        violations = axe_violations(page)
        assert violations == [], violations


@pytest.mark.parametrize("language", LANGUAGES)
def test_phone_layout_has_no_sideways_scroll(
    demo_site: str, phone_page: Page, language: str, screenshot: Callable[..., Path]
) -> None:
    for path in ("councils/", "decisions/", "federations/sample-sweden/"):
        _open(phone_page, demo_site + LANGUAGES[language] + path)
        width = phone_page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, (path, width)
    screenshot(phone_page, f"{language}-federation-phone", full_page=False)


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
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    rows = page.evaluate("JSON.parse(document.getElementById('shora-near-data').textContent)")
    assert rows
    for _name, _city, _url, lat, lon in rows:
        assert round(lat, 2) == lat and round(lon, 2) == lon
    assert page.locator("#what-is-published").count() == 1
    # A venue that is not public never shows its address.
    _open(page, demo_site + LANGUAGES[language] + "councils/sample-goteborg/")
    assert "private address" not in page.content()


@pytest.mark.parametrize("language", LANGUAGES)
def test_screenshots_of_the_directory_and_a_federation(
    demo_site: str, page: Page, language: str, screenshot: Callable[..., Path]
) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    _open(page, demo_site + LANGUAGES[language] + "councils/")
    screenshot(page, f"{language}-directory", full_page=False)
    page.locator("#directory-map").scroll_into_view_if_needed()
    screenshot(page, f"{language}-directory-map", full_page=False)
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
