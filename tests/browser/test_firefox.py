"""The site in a second browser engine: Firefox (Debian's ``firefox-esr``, Gecko),
driven over WebDriver BiDi by ``tests/js/firefox.mjs`` (puppeteer-core); the rest of
the browser tests run in Chromium (Blink), test_webkit.py in WebKit. What a reader
sees first, in both languages: the direction, the fonts, no sideways scroll on a
phone, the navigation on the side the text starts from, a link to a single clause,
Persian lists and emphasis, search by any spelling, the directory's filter by city,
the offline copy from file://, no script error, no request to another host (each
stopped before it leaves, and reported), and axe-core's checks as Gecko computes
colours, sizes and names.

Firefox starts once for the module (2 to 8 s, with the machine's load); each test
is one plan of several pages, in a browser context of its own."""

from __future__ import annotations

import json
import select
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any
from urllib.parse import quote

import pytest

from shora.validate import validate_project

from .builds import DEMO
from .harness import AXE, AXE_VERSION, PHONE, REPO
from .page_checks import (
    AXE_RUN,
    CLAUSE,
    CODE_ORDER,
    FIRST_SIGHT,
    FOUND_COUNCILS,
    RESULTS,
    SEARCHED,
    check_code_order,
    expression,
)

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
DRIVER = REPO / "tests" / "js" / "firefox.mjs"
REPORT_TIMEOUT_S = 240
LANGUAGES = {"fa": "", "en": "en/"}
FIRST = "mass-organizing-abroad"  # the first source resolution (sorted ids)
DESKTOP = {"width": 1280, "height": 800}
PHONE_VIEWPORT = {
    "width": PHONE["viewport"]["width"],
    "height": PHONE["viewport"]["height"],
    "deviceScaleFactor": PHONE["device_scale_factor"],
    "isMobile": True,
    "hasTouch": True,
}

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        FIREFOX is None or shutil.which("node") is None,
        reason="needs Firefox (Debian's firefox-esr) and Node.js",
    ),
]


class Firefox:
    """One Firefox for the module, run by the driver: each plan of visits it is given
    is visited in a browser context of its own (tests/js/firefox.mjs), so the tests stay
    apart while Firefox starts once."""

    def __init__(self, errors: IO[str]) -> None:
        self.errors = errors
        self.driver = subprocess.Popen(
            ["node", str(DRIVER), str(FIREFOX)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=errors,
            text=True,
            cwd=REPO,
        )

    def report(self, visits: list[dict[str, Any]]) -> dict[str, Any]:
        """What the driver found on ``visits``, as it reports it."""
        assert self.driver.stdin is not None and self.driver.stdout is not None
        self.driver.stdin.write(json.dumps({"visits": visits}) + "\n")
        self.driver.stdin.flush()
        ready, _, _ = select.select([self.driver.stdout], [], [], REPORT_TIMEOUT_S)
        line = self.driver.stdout.readline() if ready else ""
        if not line:
            self.errors.seek(0)
            pytest.fail(f"the Firefox driver did not report: {self.errors.read()}")
        report: dict[str, Any] = json.loads(line)
        return report

    def close(self) -> None:
        assert self.driver.stdin is not None
        self.driver.stdin.close()
        try:
            self.driver.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.driver.kill()
            self.driver.wait()


@pytest.fixture(scope="module")
def firefox() -> Iterator[Firefox]:
    with tempfile.TemporaryFile("w+") as errors:
        session = Firefox(errors)
        try:
            yield session
        finally:
            session.close()


def in_firefox(firefox: Firefox, visits: list[dict[str, Any]]) -> list[Any]:
    """Each visit's value, after asserting that no page had an error nor reached
    another host."""
    report = firefox.report(visits)
    assert report["version"].startswith("firefox/"), report["version"]
    assert report["offsite"] == []
    assert [(visit["url"], visit["errors"]) for visit in report["visits"] if visit["errors"]] == []
    return [visit["value"] for visit in report["visits"]]


PAGES = [
    "",
    "resolutions/",
    f"resolutions/{FIRST}/",
    f"resolutions/{FIRST}/parallel/",
    "councils/",
    "search/",
    "about/",
    "data/",
]


def test_every_kind_of_page_reads_in_its_direction_with_the_site_s_fonts(
    firefox: Firefox, served_site: str
) -> None:
    """On a wide window and on a phone."""
    visits = [
        {
            "url": served_site + prefix + path,
            "viewports": [DESKTOP, PHONE_VIEWPORT],
            "evaluate": FIRST_SIGHT,
        }
        for prefix in LANGUAGES.values()
        for path in PAGES
    ]
    found = in_firefox(firefox, visits)
    for visit, (desktop, phone) in zip(visits, found, strict=True):
        language = "en" if "/en/" in visit["url"] else "fa"
        for sight in (desktop, phone):
            assert sight["lang"] == language, visit["url"]
            assert sight["direction"] == ("rtl" if language == "fa" else "ltr"), visit["url"]
            assert sight["headings"] == 1, visit["url"]
            assert sight["counterpart"] == ("en" if language == "fa" else "fa"), visit["url"]
            assert "Vazirmatn" in sight["fonts"], (visit["url"], sight["fonts"])
            assert sight["sideways"] <= 0, (visit["url"], sight["sideways"])
        # The navigation beside the text on a wide window, on the side a line starts
        # from (none beside the two columns of the parallel view); on a phone, a
        # drawer out of sight until the menu opens it.
        side = "right" if language == "fa" else "left"
        if visit["url"].endswith("/parallel/"):
            side = None
        assert desktop["navigation"] == side, visit["url"]
        assert phone["navigation"] is None, visit["url"]


LIST_STYLE = 'return getComputedStyle(document.querySelector("main ol")).listStyleType;'
EMPHASIS = """
  return [...new Set([...document.querySelectorAll("main em")].map(node => {
    const style = getComputedStyle(node);
    return `${style.fontStyle} ${style.fontWeight}`;
  }))];
"""


def test_a_link_to_a_clause_persian_lists_emphasis_and_code(
    firefox: Firefox, served_site: str
) -> None:
    """Code in Persian text reads left to right, a list of it right to left
    (test_site.py says why)."""
    visits = [
        {"url": f"{served_site}resolutions/{FIRST}/#point-3-a", "evaluate": CLAUSE},
        {"url": f"{served_site}en/resolutions/{FIRST}/#point-3-f", "evaluate": CLAUSE},
        {
            "url": f"{served_site}resolutions/{FIRST}/#point-3-a",
            "viewport": PHONE_VIEWPORT,
            "evaluate": CLAUSE,
        },
        {"url": served_site + "contribute/", "evaluate": LIST_STYLE},
        {"url": served_site + "en/contribute/", "evaluate": LIST_STYLE},
        {"url": served_site + "about/", "evaluate": EMPHASIS},
        {"url": served_site + "en/about/", "evaluate": EMPHASIS},
        {"url": served_site + "data/", "evaluate": CODE_ORDER},
        {"url": served_site + "en/data/", "evaluate": CODE_ORDER},
    ]
    persian, english, phone, *styles, persian_code, english_code = in_firefox(firefox, visits)
    for clause, begins, anchor in (
        (persian, "الف)", "point-3-a"),
        (english, "(f)", "point-3-f"),
        (phone, "الف)", "point-3-a"),
    ):
        assert clause == {
            "target": True,
            "below_the_header": True,
            "in_the_first_half": True,
            "begins": begins,
            "link": f"#{anchor}",
        }
    assert styles == ["persian", "decimal", ["normal 600"], ["italic 400"]]
    for code, leftwards in ((persian_code, True), (english_code, False)):
        check_code_order(code, persian=leftwards)


# Arabic yeh; Arabic kaf and yeh; a diacritic; Arabic-Indic digits; ZWNJ for a space.
SPELLINGS = ["سازماندهي", "كمونيسم", "سازماندِهی", "٢٠٠٩", "توده‌ای"]


def test_search_finds_a_resolution_by_any_spelling(firefox: Firefox, served_site: str) -> None:
    visits = [
        {
            "url": f"{served_site}search/?q={query}",
            "steps": [{"waitFor": expression(SEARCHED)}],
            "evaluate": RESULTS,
        }
        for query in SPELLINGS
    ]
    visits.append(
        {
            "url": f"{served_site}en/search/?q=organizing",
            "steps": [{"waitFor": expression(SEARCHED)}],
            "evaluate": RESULTS,
        }
    )
    *persian, english = in_firefox(firefox, visits)
    for query, links in zip(SPELLINGS, persian, strict=True):
        assert f"{served_site}resolutions/{FIRST}/" in links, (query, links)
        assert not [link for link in links if "/en/" in link], query
    assert f"{served_site}en/resolutions/{FIRST}/" in english, english
    assert all("/en/" in link for link in english)


DEMO_DATA = validate_project(DEMO).dataset


def test_the_directory_finds_a_council_by_its_city_in_either_language(
    firefox: Firefox, demo_site: str
) -> None:
    council_id = sorted(DEMO_DATA.councils)[0]
    council = DEMO_DATA.councils[council_id].model
    shown = "(() => document.querySelectorAll('#shora-find-results li').length > 0)()"
    visits = [
        {
            "url": demo_site + prefix + "councils/",
            "steps": [
                {"fill": ["#shora-find-input", council.city[city_language]]},
                {"waitFor": shown},
            ],
            "evaluate": FOUND_COUNCILS,
        }
        for prefix in LANGUAGES.values()
        for city_language in LANGUAGES
    ]
    for found in in_firefox(firefox, visits):
        assert council_id in found, found


def test_the_driver_reports_what_it_cannot_do(firefox: Firefox, served_site: str) -> None:
    """The checks above can fail: a step that never comes true and a page that
    tries another host are reported, not passed over; and what one plan leaves in a
    page's storage, the next does not find."""
    visits = [
        {
            "url": served_site,
            "steps": [{"waitFor": "false", "timeout": 500}],
            "evaluate": "return 1;",
        },
        # The site's pages forbid other hosts by their Content-Security-Policy, which
        # stops the request before the driver sees it: a page without one.
        {"url": "data:text/html,<img src='http://192.0.2.1/x.png'>", "evaluate": "return 2;"},
    ]
    report = firefox.report(visits)
    waited, fetched = report["visits"]
    assert waited["value"] is None
    assert any(error.startswith("driver: ") for error in waited["errors"]), waited
    assert fetched["value"] == 2
    assert report["offsite"] == ["http://192.0.2.1/x.png"]
    kept = 'localStorage.setItem("shora-probe", "1"); return localStorage.getItem("shora-probe");'
    found = 'return localStorage.getItem("shora-probe");'
    assert in_firefox(firefox, [{"url": served_site, "evaluate": kept}]) == ["1"]
    assert in_firefox(firefox, [{"url": served_site, "evaluate": found}]) == [None]


OFFLINE_SIGHT = """
  return {
    direction: getComputedStyle(document.body).direction,
    header: getComputedStyle(document.querySelector(".md-header")).position,
    fonts: [...new Set([...document.fonts].filter(face => face.status === "loaded")
      .map(face => face.family.replace(/^"|"$/g, "")))].sort(),
  };
"""


def test_the_offline_copy_reads_and_searches_from_disk(
    firefox: Firefox, offline_copy: Path
) -> None:
    """``make offline``'s copy opened from file:// (each file an origin of its own to
    Firefox): styled, in the site's fonts, and searched with the index read from disk,
    in both languages."""
    persian, english = offline_copy, offline_copy / "en"
    visits = [
        {"url": persian.joinpath("index.html").as_uri(), "evaluate": OFFLINE_SIGHT},
        {
            "url": persian.joinpath("resolutions", FIRST, "index.html").as_uri(),
            "evaluate": OFFLINE_SIGHT,
        },
        {"url": english.joinpath("index.html").as_uri(), "evaluate": OFFLINE_SIGHT},
        {
            "url": persian.joinpath("search", "index.html").as_uri() + "?q=" + quote("كمونيسم"),
            "steps": [{"waitFor": expression(SEARCHED)}],
            "evaluate": RESULTS,
        },
        {
            "url": english.joinpath("search", "index.html").as_uri() + "?q=organizing",
            "steps": [{"waitFor": expression(SEARCHED)}],
            "evaluate": RESULTS,
        },
    ]
    *sights, persian_links, english_links = in_firefox(firefox, visits)
    for sight, direction in zip(sights, ("rtl", "rtl", "ltr"), strict=True):
        assert sight["direction"] == direction
        assert sight["header"] == "sticky"
        assert "Vazirmatn" in sight["fonts"], sight["fonts"]
    assert persian.joinpath("resolutions", FIRST, "index.html").as_uri() in persian_links
    assert english.joinpath("resolutions", FIRST, "index.html").as_uri() in english_links
    assert all(link.startswith(offline_copy.as_uri() + "/") for link in persian_links)


def test_axe_finds_nothing_in_firefox_either(
    firefox: Firefox, served_site: str, demo_site: str
) -> None:
    """axe-core (test_accessibility.py runs it on every kind of page in Chromium) on a
    page of each kind that lays out most, as Gecko lays it out: colours, sizes and
    names are computed by the engine that shows them."""
    pages = [f"resolutions/{FIRST}/", f"resolutions/{FIRST}/parallel/", "search/?q=شورا"]
    urls = [served_site + prefix + path for prefix in LANGUAGES.values() for path in pages]
    urls += [demo_site + prefix + "councils/" for prefix in LANGUAGES.values()]
    visits = [
        {
            "url": url,
            "scripts": [str(AXE)],
            "viewports": [DESKTOP, PHONE_VIEWPORT],
            "evaluate": AXE_RUN,
        }
        for url in urls
    ]
    for url, runs in zip(urls, in_firefox(firefox, visits), strict=True):
        for run in runs:
            assert run["version"] == AXE_VERSION
            assert run["violations"] == [], url
