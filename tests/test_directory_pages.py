"""The council directory without a browser: maps, safety rules, the empty directory."""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest

from shora.dataset import Dataset
from shora.maps.projection import X_MAX, project
from shora.maps.svg import Marker, region_map, world_map
from shora.maps.topojson import decode_arcs, polygons
from shora.maps.world import countries, split_ring
from shora.site.pages import SiteRenderer
from shora.site.strings import t
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


@pytest.mark.parametrize("language", ["fa", "en"])
def test_pages_publish_no_private_address_and_no_name_without_consent(language: str) -> None:
    dataset = validate_project(DEMO).dataset
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
    directory = next(p for p in renderer.pages() if p.kind == "councils")
    data = re.search(r'id="shora-near-data">(.*?)</script>', renderer.render(directory))
    assert data is not None
    for number in re.findall(r"-?\d+\.\d+", data.group(1)):
        assert len(number.split(".")[1]) <= 2
