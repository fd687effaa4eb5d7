"""Maps as inline SVG, drawn at build time: no script, no tiles, no other host.

Every marker is an ``<a href>`` with an accessible name, so it is a link that the
keyboard reaches and a screen reader announces. The map is wrapped in ``dir="ltr"``:
geography is not mirrored in right-to-left pages.

A map's size must not grow with the data: callers give the world map one marker per
country, and a regional map with more markers than ``max_markers`` merges the markers
that fall close together (on a grid of the drawn map, coarser until few enough are
left) into one bubble each, made by the caller's ``merge``.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from markupsafe import Markup, escape

from shora.maps.projection import X_MAX, Y_MAX, project
from shora.maps.world import Scale, countries, main_shape

WORLD_WIDTH = 1000
REGION_WIDTH = 800
# A region is never narrower than this (projected units; about 6 degrees of
# longitude): a country federation with one city is not drawn at street level.
MIN_SPAN = 0.1
# Markers closer than this (in drawn units) are merged first when a map has too many.
CLUSTER_CELL = 16


@dataclass(frozen=True)
class Marker:
    lat: float
    lon: float
    href: str
    label: str  # accessible name and tooltip
    radius: float = 6.0
    muted: bool = False  # inactive or dissolved: drawn hollow
    key: str = ""  # the caller's id of what the marker stands for (for ``merge``)


@dataclass(frozen=True)
class _Frame:
    """Projected window [west, east] x [south, north] drawn ``width`` units wide."""

    west: float
    south: float
    east: float
    north: float
    width: int

    @property
    def scale(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def height(self) -> int:
        return round((self.north - self.south) * self.scale)

    def point(self, lon: float, lat: float) -> tuple[int, int]:
        x, y = project(lon, lat)
        return round((x - self.west) * self.scale), round((self.north - y) * self.scale)


def _numbers(values: Iterable[int]) -> str:
    # "3 -2 4 0" as "3-2 4 0": a minus sign separates numbers in SVG paths.
    return " ".join(map(str, values)).replace(" -", "-")


@dataclass(frozen=True)
class _Shape:
    """A polygon already projected (the projection does not depend on the window)."""

    rings: list[list[tuple[float, float]]]
    box: tuple[float, float, float, float]  # west, south, east, north (projected)


@cache
def _projected(scale: Scale) -> dict[str, list[_Shape]]:
    found: dict[str, list[_Shape]] = {}
    for code, shapes in countries(scale).items():
        for polygon in shapes:
            rings = [[project(lon, lat) for lon, lat in ring] for ring in polygon]
            xs = [x for x, _ in rings[0]]
            ys = [y for _, y in rings[0]]
            found.setdefault(code, []).append(_Shape(rings, (min(xs), min(ys), max(xs), max(ys))))
    return found


def _path_data(shapes: Iterable[_Shape], frame: _Frame) -> str:
    parts: list[str] = []
    scale, west_edge, north_edge = frame.scale, frame.west, frame.north
    for shape in shapes:
        west, south, east, north = shape.box
        # Skip shapes outside the window, and islands smaller than a unit.
        if east < frame.west or west > frame.east or north < frame.south or south > frame.north:
            continue
        if (east - west) * scale < 2 and (north - south) * scale < 2:
            continue
        for ring in shape.rings:
            # Each point rounded to the map's units, then as steps from the one before
            # (a point that rounds onto the last is left out).
            first_x, first_y = last_x, last_y = (
                round((ring[0][0] - west_edge) * scale),
                round((north_edge - ring[0][1]) * scale),
            )
            deltas: list[int] = []
            for x, y in ring:
                point_x, point_y = round((x - west_edge) * scale), round((north_edge - y) * scale)
                if point_x != last_x or point_y != last_y:
                    deltas += (point_x - last_x, point_y - last_y)
                    last_x, last_y = point_x, point_y
            if len(deltas) < 4:
                continue
            parts.append(f"M{_numbers((first_x, first_y))}l{_numbers(deltas)}z")
    return "".join(parts)


def _markers(markers: Sequence[Marker], frame: _Frame) -> Markup:
    items = []
    # Larger markers first, so smaller ones stay on top and clickable.
    for marker in sorted(markers, key=lambda m: -m.radius):
        x, y = frame.point(marker.lon, marker.lat)
        css = "shora-map__marker shora-map__marker--muted" if marker.muted else "shora-map__marker"
        items.append(
            Markup(
                '<a href="{href}" class="{css}" aria-label="{label}">'
                '<circle cx="{x}" cy="{y}" r="{r}"/><title>{label}</title></a>'
            ).format(
                href=marker.href, css=css, label=marker.label, x=x, y=y, r=f"{marker.radius:g}"
            )
        )
    return Markup("").join(items)


def _sea(frame: _Frame) -> str:
    """The outline of the projected globe (curved at the sides, as Equal Earth is)."""
    west = [frame.point(-180, lat) for lat in range(90, -91, -5)]
    east = [frame.point(180, lat) for lat in range(-90, 91, 5)]
    points = west + east
    return "M" + "L".join(f"{x} {y}" for x, y in points) + "z"


@lru_cache(maxsize=512)
def _land(frame: _Frame, highlight: frozenset[str], scale: Scale) -> tuple[str, str]:
    """The paths of the other countries and of the highlighted ones. The same window is
    drawn in both languages, and often on a federation's page and its country listing:
    drawn once, it is most of a map's cost."""
    shapes = _projected(scale)
    other = _path_data(
        (p for code, ps in shapes.items() if code not in highlight for p in ps), frame
    )
    chosen = _path_data((p for code, ps in shapes.items() if code in highlight for p in ps), frame)
    return other, chosen


def _svg(
    frame: _Frame, highlight: set[str], scale: Scale, markers: Sequence[Marker], label: str
) -> Markup:
    other, chosen = _land(frame, frozenset(highlight), scale)
    return Markup(
        '<div class="shora-map" dir="ltr">'
        '<svg viewBox="0 0 {w} {h}" role="group" aria-label="{label}" '
        'xmlns="http://www.w3.org/2000/svg">'
        '<path class="shora-map__sea" d="{sea}"/>'
        '<path class="shora-map__land" d="{other}"/>'
        '<path class="shora-map__land shora-map__land--on" d="{chosen}"/>'
        "{markers}</svg></div>"
    ).format(
        w=frame.width, h=frame.height, label=label, sea=_sea(frame), other=other, chosen=chosen,
        markers=_markers(markers, frame),
    )  # fmt: skip


def world_map(markers: Sequence[Marker], label: str, highlight: Iterable[str] = ()) -> Markup:
    """The whole world (Natural Earth 110m, Antarctica left out)."""
    south = project(0, -58)[1]  # below Cape Horn and Tasmania: nothing to show further south
    frame = _Frame(-X_MAX, south, X_MAX, Y_MAX * 0.985, WORLD_WIDTH)
    return _svg(frame, set(highlight), "110m", markers, label)


Merge = Callable[[list[Marker]], Marker]


def clustered(
    markers: Sequence[Marker], point: Callable[[Marker], tuple[int, int]], limit: int, merge: Merge
) -> list[Marker]:
    """At most ``limit`` markers: those in the same cell of a square grid over the drawn
    map are merged (cells from CLUSTER_CELL units, half as large again until few enough
    are left); a cell with one marker keeps it. Order follows the first marker of each."""
    limit = max(1, limit)
    if len(markers) <= limit:
        return list(markers)
    points = [point(marker) for marker in markers]
    cell = float(CLUSTER_CELL)
    while True:
        cells: dict[tuple[int, int], list[Marker]] = {}
        for marker, (x, y) in zip(markers, points, strict=True):
            cells.setdefault((math.floor(x / cell), math.floor(y / cell)), []).append(marker)
        if len(cells) <= limit:
            break
        cell *= 1.5
    return [group[0] if len(group) == 1 else merge(group) for group in cells.values()]


@cache
def _main_shape_corners(code: str) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """The corners of the box around a country's main shape, projected (a window holds
    the whole box, so its corners stand for the shape's points; the same country is
    on many pages)."""
    shape = main_shape(code)
    if shape is None:
        return None
    points = [project(lon, lat) for lon, lat in shape[0]]
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    return (min(xs), min(ys)), (max(xs), max(ys))  # a tuple: kept for every caller


def region_map(
    countries_shown: Iterable[str],
    markers: Sequence[Marker],
    label: str,
    *,
    max_markers: int | None = None,
    merge: Merge | None = None,
) -> Markup:
    """A window around the main shape of each country and every marker (Natural Earth 50m).

    With ``max_markers`` and ``merge``, markers beyond that number are merged (see
    :func:`clustered`), so the map's size is bounded whatever the number of markers."""
    codes = set(countries_shown)
    points = [project(m.lon, m.lat) for m in markers]
    for code in codes:
        corners = _main_shape_corners(code)
        if corners is not None:
            points += corners
    if not points:
        return Markup("")
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    west, east, south, north = min(xs), max(xs), min(ys), max(ys)
    # Pad, keep a minimum size, and keep the shape between 2:1 and 1:1.
    span_x = max(east - west, MIN_SPAN) * 1.15
    span_y = max(north - south, MIN_SPAN) * 1.15
    span_x = max(span_x, span_y)
    span_y = max(span_y, span_x / 2)
    middle_x, middle_y = (west + east) / 2, (south + north) / 2
    frame = _Frame(
        middle_x - span_x / 2, middle_y - span_y / 2,
        middle_x + span_x / 2, middle_y + span_y / 2, REGION_WIDTH,
    )  # fmt: skip
    if max_markers is not None and merge is not None:
        markers = clustered(markers, lambda m: frame.point(m.lon, m.lat), max_markers, merge)
    return _svg(frame, codes, "50m", markers, label)


def bubble_radius(count: int) -> float:
    """Area grows with the number of councils, so big federations do not swamp the map."""
    return round(5 + 4 * math.sqrt(count), 1)


__all__ = ["Marker", "bubble_radius", "clustered", "escape", "region_map", "world_map"]
