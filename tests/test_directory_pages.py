"""The council directory without a browser: maps, safety rules, the empty directory,
and pages that do not grow with the data (the directory index lists countries; each
country's councils are on pages of their own; every council is reachable)."""

from __future__ import annotations

import json
import math
import posixpath
import random
import re
import shutil
from functools import cache
from html.parser import HTMLParser
from pathlib import Path

import lxml.html
import markdown
import pytest

import shora.site.directory as directory_module
import shora.site.routes as routes_module
from shora.core.persian import fold
from shora.load.dataset import Dataset
from shora.maps.projection import X_MAX, project
from shora.maps.svg import Marker, bubble_radius, clustered, region_map, world_map
from shora.maps.topojson import decode_arcs, polygons
from shora.maps.world import countries, split_ring
from shora.models.clauses import clauses
from shora.publish import directory_data
from shora.site.directory import DATA_GLOBAL, Directory, page_numbers, sort_key
from shora.site.pages import GeneratedPage, SiteRenderer
from shora.site.strings import t, t_count
from shora.tools.synthetic import SIZES, Size, write_dataset
from shora.validate import validate_project

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"


def test_equal_earth_matches_the_published_formula() -> None:
    assert project(0, 0) == (0.0, 0.0)
    # The extent of the projected world on the unit sphere.
    x, y = project(180, 0)
    assert math.isclose(x, X_MAX) and math.isclose(x, 2.7066299836, rel_tol=1e-9)
    x, y = project(0, 90)
    assert math.isclose(y, 1.3173627591574, rel_tol=1e-9)
    x, y = project(-90, -45)
    assert x < 0 and y < 0


def test_topojson_arcs_are_delta_decoded_and_joined() -> None:
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[0, 0], [2, 0], [0, 2]], [[2, 2], [-2, 0], [0, -2]]],
    }
    arcs = decode_arcs(topology)
    assert arcs[0] == [(0, 0), (2, 0), (2, 2)]
    (ring,) = polygons({"type": "Polygon", "arcs": [[0, 1]]}, arcs)[0]
    assert ring == [(0, 0), (2, 0), (2, 2), (0, 2), (0, 0)]
    (reversed_ring,) = polygons({"type": "Polygon", "arcs": [[~1, ~0]]}, arcs)[0]
    assert reversed_ring == ring[::-1]


def test_rings_are_split_at_the_antimeridian() -> None:
    ring = [(170.0, 60.0), (179.0, 60.0), (-179.0, 62.0), (-170.0, 62.0), (-170.0, 66.0),
            (-179.0, 66.0), (179.0, 64.0), (170.0, 64.0), (170.0, 60.0)]  # fmt: skip
    pieces = split_ring(ring)
    assert len(pieces) == 2
    for piece in pieces:
        longitudes = [lon for lon, _ in piece]
        assert max(longitudes) - min(longitudes) < 180
    # Russia and Fiji: no piece of any country spans more than half the world.
    for shapes in countries("110m").values():
        for polygon in shapes:
            longitudes = [lon for lon, _ in polygon[0]]
            assert max(longitudes) - min(longitudes) <= 180 + 1e-9 or len(polygon[0]) < 4


def test_markers_are_links_with_names_and_the_map_is_not_mirrored() -> None:
    svg = str(world_map([Marker(59.33, 18.07, "../x/", "Stockholm <3")], "World"))
    assert svg.startswith('<div class="shora-map" dir="ltr">')
    assert '<a href="../x/" class="shora-map__marker" aria-label="Stockholm &lt;3">' in svg
    assert "<title>Stockholm &lt;3</title>" in svg
    # Integers only: small, and no false precision.
    assert not re.search(r"\d\.\d", svg.split("<a ")[0].split('d="', 2)[-1])
    assert region_map([], [], "Nothing") == ""


def _renderer(dataset: Dataset, language: str) -> SiteRenderer:
    return SiteRenderer(dataset, language)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_empty_directory_says_so_and_what_is_published(language: str) -> None:
    renderer = _renderer(Dataset(root=REPO), language)
    page = next(p for p in renderer.pages() if p.kind == "councils")
    html = renderer.render(page)
    assert t("no_councils", language) in html
    assert t("published_heading", language) in html
    assert "<svg" not in html and "shora-find" not in html
    decisions = next(p for p in renderer.pages() if p.kind == "decisions")
    assert t("no_decisions", language) in renderer.render(decisions)
    federations = next(p for p in renderer.pages() if p.kind == "federations")
    assert t("no_federations", language) in renderer.render(federations)


def test_the_real_content_has_no_sample_council() -> None:
    dataset = validate_project(REPO).dataset
    for table in (dataset.councils, dataset.federations, dataset.decisions):
        assert not any(entry.model.sample for entry in table.values())


def test_every_demo_item_is_marked_as_a_sample() -> None:
    report = validate_project(DEMO)
    assert report.errors == []
    dataset = report.dataset
    assert len(dataset.councils) >= 40
    assert len({c.model.country for c in dataset.councils.values()}) >= 15
    for table in (dataset.councils, dataset.federations, dataset.decisions):
        for entry in table.values():
            assert entry.model.sample, entry.path
    for entry in dataset.councils.values():
        assert "sample" in entry.model.name.en.lower() and "نمونه" in entry.model.name.fa
    kinds = {d.model.kind for d in dataset.decisions.values()}
    assert {"election", "recall", "policy"} <= kinds


@cache
def _demo() -> Dataset:
    return validate_project(DEMO).dataset


@pytest.fixture
def per_page(monkeypatch: pytest.MonkeyPatch) -> int:
    """Three councils a page, so that the demo's 41 councils make countries of several
    pages and federations larger than a page."""
    monkeypatch.setattr(routes_module, "COUNCILS_PER_PAGE", 3)
    return 3


class _Page(HTMLParser):
    """Links (resolved against the page's address), ids and classes of a rendered page."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []
        self.in_svg = 0
        self.markers: list[str] = []  # links of the map
        self.listed: list[str] = []  # the other links

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if tag == "svg":
            self.in_svg += 1
        if tag == "a" and values.get("href") is not None:
            target = _resolve(self.url, values["href"] or "")
            self.links.append((target, values))
            (self.markers if self.in_svg else self.listed).append(target)

    def handle_endtag(self, tag: str) -> None:
        if tag == "svg":
            self.in_svg -= 1


def _resolve(current: str, href: str) -> str:
    """The site address (as GeneratedPage.url, with any #fragment) of a relative link."""
    path, hash_, fragment = href.partition("#")
    if not path:
        return current + hash_ + fragment
    joined = posixpath.normpath(posixpath.join("/" + current, path)).lstrip("/")
    if path.endswith("/") and joined:
        joined += "/"
    return joined + hash_ + fragment


def _parse(renderer: SiteRenderer, page: GeneratedPage) -> _Page:
    parser = _Page(page.url)
    parser.feed(renderer.render(page))
    return parser


def _section_pages(renderer: SiteRenderer) -> dict[str, GeneratedPage]:
    return {p.url: p for p in renderer.pages() if p.kind in ("councils", "country", "federation")}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_pages_publish_no_private_address_and_no_name_without_consent(language: str) -> None:
    dataset = _demo()
    renderer = _renderer(dataset, language)
    council_pages = [p for p in renderer.pages() if p.kind == "council"]
    for page in council_pages:
        html = renderer.render(page)
        council = dataset.councils[page.key or ""].model
        venue = council.assembly.venue if council.assembly else None
        if venue and venue.address:
            assert (venue.address[language] in html) == venue.public
        for role in council.board:
            if role.holder:
                assert (role.holder.name[language] in html) == role.holder.consent
    # The filter's and near me's data: city-level coordinates, no venue, no person.
    script = Directory(dataset, language).data_script()
    data = json.loads(script.removeprefix(f"window.{DATA_GLOBAL}=").rstrip().removesuffix(";"))
    numbers = [row[4:6] for row in data["councils"]]
    assert numbers and all(round(n, 2) == n for pair in numbers for n in pair)
    for entry in dataset.councils.values():
        venue = entry.model.assembly.venue if entry.model.assembly else None
        if venue and venue.address:
            assert venue.address[language] not in script
        for role in entry.model.board:
            if role.holder:
                assert role.holder.name[language] not in script
        assert str(entry.model.contacts.email or "@@") not in script


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_data_file_has_every_council_and_every_spelling(language: str, tmp_path: Path) -> None:
    dataset = _demo()
    written = directory_data.write(dataset, tmp_path)
    assert [p.relative_to(tmp_path).as_posix() for p in written] == [
        "councils/directory-data.js",
        "en/councils/directory-data.js",
    ]
    script = written[0 if language == "fa" else 1].read_text(encoding="utf-8")
    assert script.startswith(f"window.{DATA_GLOBAL}=") and script.endswith(";\n")
    data = json.loads(script.removeprefix(f"window.{DATA_GLOBAL}=").rstrip().removesuffix(";"))
    rows = {row[0]: row for row in data["councils"]}
    assert set(rows) == set(dataset.councils)
    other = "en" if language == "fa" else "fa"
    for id_, entry in dataset.councils.items():
        model = entry.model
        _, name, city, code, _lat, _lon, status, extra = rows[id_]
        assert (name, city, code) == (model.name[language], model.city[language], model.country)
        assert (
            status
            == {"forming": "f", "active": "a", "inactive": "i", "dissolved": "d"}[model.status]
        )
        searched = " | ".join([fold(name), fold(city), extra])
        for spelling in (model.name[other], model.city[other], *model.other_names):
            assert fold(spelling) in searched, (id_, spelling)
        assert data["countries"][code][0] == directory_module.country_name(code, language)
    assert data["statuses"]["i"] == t("council_status_inactive", language)


def test_page_numbers_stay_few_however_many_pages() -> None:
    assert page_numbers(1, 1) == [1]
    assert page_numbers(2, 3) == [1, 2, 3]
    assert page_numbers(1, 9) == [1, 2, 3, None, 9]
    assert page_numbers(5, 9) == [1, 2, 3, 4, 5, 6, 7, 8, 9]
    assert page_numbers(6, 12) == [1, None, 4, 5, 6, 7, 8, None, 12]
    for pages in (1, 7, 100, 10_000):
        for number in {n for n in (1, 2, pages // 2, pages - 1, pages) if 1 <= n <= pages}:
            shown = page_numbers(number, pages)
            assert len(shown) <= 9
            assert shown[0] == 1 and shown[-1] == pages and number in shown
            numbers = [n for n in shown if n is not None]
            assert numbers == sorted(set(numbers))


def test_too_many_markers_are_merged_into_at_most_the_limit() -> None:
    rng = random.Random(3)
    markers = [
        Marker(rng.uniform(55, 69), rng.uniform(11, 24), f"#{i}", f"m{i}", key=str(i))
        for i in range(2_000)
    ]
    merged_sizes: list[int] = []

    def merge(group: list[Marker]) -> Marker:
        merged_sizes.append(len(group))
        return Marker(group[0].lat, group[0].lon, group[0].href, "x", bubble_radius(len(group)))

    for limit in (1, 10, 100):
        merged_sizes.clear()
        result = clustered(markers, lambda m: (round(m.lon * 40), round(-m.lat * 40)), limit, merge)
        assert 1 <= len(result) <= limit
        # Nothing is lost: the merged groups and the markers kept alone add up to all.
        assert sum(merged_sizes) + (len(result) - len(merged_sizes)) == len(markers)
    few = markers[:5]
    assert clustered(few, lambda m: (0, 0), 5, merge) == few
    # The regional map keeps its markers under the limit too.
    svg = str(region_map(["SE"], markers, "Sweden", max_markers=40, merge=merge))
    assert 1 <= svg.count("<a ") <= 40


def _sizes(root: Path, language: str) -> tuple[dict[str, int], int]:
    """Bytes of each page of the directory (index, country listings, federations) of a
    synthetic project, rendered without MkDocs; and its number of councils."""
    dataset = validate_project(root).dataset
    renderer = _renderer(dataset, language)
    pages = _section_pages(renderer)
    sizes = {url: len(renderer.render(page).encode()) for url, page in pages.items()}
    return sizes, len(dataset.councils)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_directory_pages_do_not_grow_with_the_data(
    language: str, tmp_path: Path, per_page: int
) -> None:
    """Four times the councils: the same index (but for its numbers), and no page larger
    than its counterpart of the small dataset but for a page's navigation and one more
    council (a small country has 2 or 3): a country's councils, a federation's members
    and their maps are bounded by a page, 3 councils here so that a small dataset fills
    pages (each council is about 1 KB of item and marker: unbounded, 4x the councils
    would add 8 of them)."""
    small, large = tmp_path / "small", tmp_path / "large"
    councils = SIZES["S"].councils
    write_dataset(small, Size(councils, 1, 0))
    write_dataset(large, Size(4 * councils, 1, 0))
    sizes_small, count_small = _sizes(small, language)
    sizes_large, count_large = _sizes(large, language)
    assert count_large == 4 * count_small
    # Only numbers differ (125 councils, 500 councils ...).
    index_small, index_large = sizes_small["councils/"], sizes_large["councils/"]
    assert 0 <= index_large - index_small <= 300, (index_small, index_large)
    assert len([url for url in sizes_large if "/page/" in url]) > len(sizes_small) / 2
    for url, size in sizes_large.items():
        counterpart = re.sub(r"page/\d+/$", "", url)
        assert size <= sizes_small[counterpart] + 2_000, (url, size, sizes_small[counterpart])


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_index_lists_countries_and_no_council(language: str) -> None:
    dataset = _demo()
    renderer = _renderer(dataset, language)
    pages = _section_pages(renderer)
    index = _parse(renderer, pages["councils/"])
    html = renderer.render(pages["councils/"])
    directory = Directory(dataset, language)
    for entry in dataset.councils.values():
        assert f"councils/{entry.id}/" not in {target for target, _ in index.links}
        assert entry.model.name[language] not in html
    listed = [
        target for target, values in index.links if values.get("class") == "shora-country__name"
    ]
    assert listed == [
        f"councils/country/{c.code.lower()}/" for k in directory.continents for c in k.countries
    ]
    for country in directory.countries.values():
        assert f"country-{country.code.lower()}" in index.ids
        count = t_count("councils_count", language, country.count)
        item = re.search(rf'id="country-{country.code.lower()}">(.*?)</li>', html, re.S)
        assert item is not None and count in item.group(1), country.code
        if country.federation:
            assert f"federations/{country.federation.id}/" in item.group(1)
    # One bubble per country, each to its listing.
    assert sorted(index.markers) == sorted(
        f"councils/country/{code.lower()}/" for code in directory.countries
    )
    assert t("published_heading", language) in html and 'data-src="directory-data.js"' in html


@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_council_is_reachable_from_the_index(language: str, per_page: int) -> None:
    """index -> country listing -> its further pages -> every council, by links only."""
    dataset = _demo()
    renderer = _renderer(dataset, language)
    pages = _section_pages(renderer)
    queue, seen, reached = ["councils/"], {"councils/"}, set()
    council_pages = {f"councils/{id_}/": id_ for id_ in dataset.councils}
    while queue:
        parsed = _parse(renderer, pages[queue.pop()])
        # The lists' links only: the maps are not the way to a council.
        for target in parsed.listed:
            address = target.split("#")[0]
            if address.startswith("councils/country/") and address not in seen:
                assert address in pages, (parsed.url, target)
                seen.add(address)
                queue.append(address)
            elif address in council_pages:
                assert parsed.url != "councils/", target  # the index lists no council
                reached.add(council_pages[address])
    assert reached == set(dataset.councils)
    country_pages = [p for p in pages.values() if p.kind == "country"]
    assert {p.url for p in country_pages} == seen - {"councils/"}
    assert any("/page/2/" in url for url in seen)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_country_listings_are_paginated(language: str, per_page: int) -> None:
    dataset = _demo()
    renderer = _renderer(dataset, language)
    directory = Directory(dataset, language)
    assert directory.per_page == per_page
    germany = directory.countries["DE"]
    assert germany.count == 5 and germany.pages == 2
    pages = _section_pages(renderer)
    first, second = pages["councils/country/de/"], pages["councils/country/de/page/2/"]
    assert "councils/country/de/page/3/" not in pages
    listed: list[str] = []
    for page, number in ((first, 1), (second, 2)):
        html = renderer.render(page)
        councils = re.findall(r'<li class="shora-council [^"]*" id="council-([a-z0-9-]+)"', html)
        assert 1 <= len(councils) <= per_page
        listed += councils
        title = renderer.title(page)
        assert germany.name in title and renderer.sections[0]._num(number) in title
        parsed = _parse(renderer, page)
        nav = {v.get("rel"): target for target, v in parsed.links if v.get("rel")}
        if number == 1:
            assert nav == {"next": "councils/country/de/page/2/"}
        else:
            assert nav == {"prev": "councils/country/de/"}
        # The page's map has the markers of its own councils only.
        assert sorted(parsed.markers) == sorted(f"councils/{c}/" for c in councils)
    assert sorted(listed) == sorted(e.id for e in germany.councils)
    # Both languages have the same pages: every page has its counterpart.
    other = _renderer(dataset, "en" if language == "fa" else "fa")
    assert {p.url for p in other.pages()} == {p.url for p in renderer.pages()}


_LISTED_RE = re.compile(r'<li class="shora-council [^"]*" id="council-([a-z0-9-]+)"')


def test_a_country_page_holds_the_same_councils_in_both_languages(per_page: int) -> None:
    """The language switch of page 2 of a country, or a link to a council's anchor on
    it, lands on the same councils: pages are cut once (in Persian order) and each lists
    its councils in its own language's order."""
    dataset = _demo()
    listed: dict[str, dict[str, list[str]]] = {}
    for language in ("fa", "en"):
        renderer = _renderer(dataset, language)
        listed[language] = {
            page.url: _LISTED_RE.findall(renderer.render(page))
            for page in _section_pages(renderer).values()
            if page.kind == "country"
        }
    assert listed["fa"].keys() == listed["en"].keys()
    differ = 0
    for url, persian in listed["fa"].items():
        english = listed["en"][url]
        assert sorted(persian) == sorted(english), url
        differ += persian != english
        for language, ids in (("fa", persian), ("en", english)):
            keys = [
                (sort_key(c.city[language]), sort_key(c.name[language]), id_)
                for id_ in ids
                for c in [dataset.councils[id_].model]
            ]
            assert keys == sorted(keys), (language, url)
    assert differ, "the demo's orders never differ: this test would prove nothing"
    # Persian pages in turn are one alphabetical list.
    for code, country in Directory(dataset, "fa").countries.items():
        pages = [f"councils/country/{code.lower()}/"] + [
            f"councils/country/{code.lower()}/page/{n}/" for n in range(2, country.pages + 1)
        ]
        assert [id_ for url in pages for id_ in listed["fa"][url]] == [
            e.id for e in country.councils
        ]


@pytest.mark.parametrize("language", ["fa", "en"])
def test_federation_pages_are_bounded(language: str, per_page: int) -> None:
    """A country federation with more members than a page links to its country's
    listing and merges its map's markers; a continent federation lists countries."""
    dataset = _demo()
    renderer = _renderer(dataset, language)
    pages = _section_pages(renderer)
    germany = _parse(renderer, pages["federations/sample-germany/"])
    html = renderer.render(pages["federations/sample-germany/"])
    assert 'class="shora-council ' not in html
    assert "councils/country/de/" in {target for target, _ in germany.links}
    assert 1 <= len(germany.markers) <= per_page
    for marker in germany.markers:
        address, _, anchor = marker.partition("#")
        assert address in pages or address.removeprefix("councils/").strip("/") in dataset.councils
        if anchor:
            assert anchor in _parse(renderer, pages[address]).ids, marker
    # A small one lists its councils and draws each.
    netherlands = _parse(renderer, pages["federations/sample-netherlands/"])
    members = sorted(
        f"councils/{e.id}/" for e in dataset.councils.values() if e.model.country == "NL"
    )
    assert sorted(netherlands.markers) == members
    # A continent: its countries (one bubble each), no council.
    europe_html = renderer.render(pages["federations/sample-europe/"])
    europe = _parse(renderer, pages["federations/sample-europe/"])
    assert 'class="shora-council ' not in europe_html
    assert all(m.startswith("councils/country/") for m in europe.markers)
    assert len(europe.markers) == len({m for m in europe.markers})


# ------------------------------------------------------------ starting a council

INVITATION_IDS = ["start-a-council", "start-join", "start-decide", "start-board", "start-listing"]
PROPOSE_COUNCIL = "contribute/#propose-a-council"


@cache
def _real() -> Dataset:
    return validate_project(REPO).dataset


def _invitation(renderer: SiteRenderer, page: GeneratedPage) -> lxml.html.HtmlElement | None:
    """The page's section on starting a council, if it has one (at most one)."""
    tree = lxml.html.fragment_fromstring(renderer.render(page), create_parent="div")
    sections = tree.xpath("//section[@class='shora-start']")
    assert len(sections) <= 1, page.url
    return sections[0] if sections else None


def _targets(page: GeneratedPage, element: lxml.html.HtmlElement) -> list[str]:
    """The site addresses the links of an element lead to, with their fragments."""
    return [_resolve(page.url, a.get("href")) for a in element.iter("a")]


@cache
def _markdown_ids(language: str, name: str) -> set[str]:
    """The ids of a hand-written page, as MkDocs makes them (the site's extensions)."""
    text = (REPO / "content" / language / f"{name}.md").read_text(encoding="utf-8")
    html = markdown.markdown(text, extensions=["attr_list", "md_in_html", "toc"])
    return set(lxml.html.fragment_fromstring(html, create_parent="div").xpath("//@id"))


def _assert_lead_somewhere(renderer: SiteRenderer, targets: list[str]) -> None:
    """Each link's page exists in the renderer's language, and so does its anchor."""
    generated = {p.url: p for p in renderer.pages()}
    by_address: dict[str, set[str]] = {}
    for target in targets:
        address, _, anchor = target.partition("#")
        by_address.setdefault(address, set()).add(anchor)
    for address, anchors in by_address.items():
        if address in generated:
            ids = _parse(renderer, generated[address]).ids
        else:
            name = address.strip("/")
            assert (REPO / "content" / renderer.language / f"{name}.md").is_file(), address
            ids = _markdown_ids(renderer.language, name)
        assert anchors - {""} <= ids, (address, anchors - ids)


def _platform_clauses(dataset: Dataset) -> list[str]:
    """The resolution clauses the invitation must quote and link: membership,
    decisions, executive board, as the platform's file names them."""
    (platform,) = dataset.platforms.values()
    model = platform.model
    source = f"resolutions/{model.source}/#"
    return [source + model.membership.clause, source + model.decisions.clause,
            source + model.executive_board.clause]  # fmt: skip


def _text(element: lxml.html.HtmlElement) -> str:
    return " ".join(element.text_content().split())


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_real_directory_tells_how_to_start_a_council(language: str) -> None:
    """The real site lists no council: its directory quotes the platform's clauses on
    who may join, how a council decides and the recallable board, linked to their
    anchors, and links to the contribute page's section on proposing a council."""
    dataset = _real()
    assert not dataset.councils, "the real site lists a council: test an empty copy instead"
    renderer = _renderer(dataset, language)
    page = _section_pages(renderer)["councils/"]
    section = _invitation(renderer, page)
    assert section is not None
    assert section.xpath(".//@id") == INVITATION_IDS
    assert section.get("aria-labelledby") == "start-a-council"
    targets = _targets(page, section)
    clauses_linked = _platform_clauses(dataset)
    assert sorted(set(targets)) == sorted({"platform/", PROPOSE_COUNCIL, *clauses_linked})
    _assert_lead_somewhere(renderer, targets)
    # Each part quotes its clause in the page's language, from the data, with its items.
    (platform,) = dataset.platforms.values()
    resolution = dataset.resolutions[platform.model.source].model
    by_anchor = {c.anchor: c for c in clauses(resolution)}
    quotes = section.xpath(".//blockquote")
    assert [_resolve(page.url, q.get("cite")) for q in quotes] == clauses_linked
    for quote, target in zip(quotes, clauses_linked, strict=True):
        anchor = target.partition("#")[2]
        expected = [by_anchor[anchor]] + [c for c in by_anchor.values() if c.parent == anchor]
        for clause in expected:
            assert " ".join(clause.text[language].split()) in _text(quote), clause.anchor
        assert clause.text.get(language), "the clause is not translated: test its marking"
    # The federations' index, empty too, points to it.
    federations = next(p for p in renderer.pages() if p.kind == "federations")
    parsed = _parse(renderer, federations)
    assert "councils/#start-a-council" in {target for target, _ in parsed.links}


def test_the_invitation_has_the_same_anchors_and_links_in_both_languages() -> None:
    dataset = _real()
    found = {}
    for language in ("fa", "en"):
        renderer = _renderer(dataset, language)
        page = _section_pages(renderer)["councils/"]
        section = _invitation(renderer, page)
        assert section is not None
        found[language] = (section.xpath(".//@id"), _targets(page, section))
    assert found["fa"] == found["en"]


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Dataset:
    """The real data with, from the demo, Europe and Sweden's federations and one
    council in Stockholm, and Asia and Türkiye's federations without any; and the
    platform's board clause reworded in the copy, to see that pages follow the data."""
    root = tmp_path_factory.mktemp("mixed")
    shutil.copytree(REPO / "resolutions", root / "resolutions")
    shutil.copytree(REPO / "councils", root / "councils")
    (root / "councils" / "federations").mkdir()
    for name in ("sample-europe", "sample-sweden", "sample-asia", "sample-turkey"):
        shutil.copy(
            DEMO / "councils" / "federations" / f"{name}.yml", root / "councils" / "federations"
        )
    shutil.copy(DEMO / "councils" / "sample-stockholm.yml", root / "councils")
    source = root / "resolutions" / "mass-organizing-abroad.yml"
    text = source.read_text(encoding="utf-8")
    assert text.count("by decision of the collective.") == 1
    source.write_text(
        text.replace("by decision of the collective.", "by decision of the collective (reworded)."),
        encoding="utf-8",
    )
    report = validate_project(root)
    assert report.errors == []
    return report.dataset


@pytest.mark.parametrize("language", ["fa", "en"])
def test_a_federation_without_councils_tells_how_to_start_one(
    mixed: Dataset, language: str
) -> None:
    renderer = _renderer(mixed, language)
    pages = _section_pages(renderer)
    for url in ("federations/sample-asia/", "federations/sample-turkey/"):
        section = _invitation(renderer, pages[url])
        assert section is not None, url
        assert section.xpath(".//@id") == INVITATION_IDS
        targets = _targets(pages[url], section)
        assert sorted(set(targets)) == sorted(
            {"platform/", PROPOSE_COUNCIL, *_platform_clauses(mixed)}
        )
        _assert_lead_somewhere(renderer, targets)
        if language == "en":
            assert "by decision of the collective (reworded)." in _text(section)


@pytest.mark.parametrize("language", ["fa", "en"])
def test_pages_with_councils_do_not_invite_but_their_filter_does(
    mixed: Dataset, language: str
) -> None:
    """The directory, a country and its federations with a council carry no
    invitation; their filter's "no match" says where to read how to start one."""
    renderer = _renderer(mixed, language)
    pages = _section_pages(renderer)
    for url in ("councils/", "councils/country/se/", "federations/sample-sweden/",
                "federations/sample-europe/"):  # fmt: skip
        assert _invitation(renderer, pages[url]) is None, url
    federations = next(p for p in renderer.pages() if p.kind == "federations")
    assert "start-a-council" not in renderer.render(federations)
    for url in ("councils/", "councils/country/se/"):
        tree = lxml.html.fragment_fromstring(renderer.render(pages[url]), create_parent="div")
        (none,) = tree.xpath("//form[@data-shora-find]//*[@data-shora-find-none]")
        assert none.get("hidden") is not None
        targets = _targets(pages[url], none)
        assert targets == ["platform/", PROPOSE_COUNCIL]
        _assert_lead_somewhere(renderer, targets)
    # Without a platform in the data (the demo), the filter names the form only.
    demo = _renderer(_demo(), language)
    index = next(p for p in demo.pages() if p.kind == "councils")
    tree = lxml.html.fragment_fromstring(demo.render(index), create_parent="div")
    (none,) = tree.xpath("//*[@data-shora-find-none]")
    assert _targets(index, none) == [PROPOSE_COUNCIL]
