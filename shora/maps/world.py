"""Country shapes from the vendored Natural Earth data, by ISO 3166-1 alpha-2 code."""

from __future__ import annotations

import itertools
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

from babel.core import get_global

from shora.maps.topojson import Point, Polygon, Ring, decode_arcs, polygons

DATA = Path(__file__).resolve().parent.parent / "data" / "world-atlas"
Scale = Literal["110m", "50m"]
# Antarctica is left out of the maps: it holds no council and would take a fifth
# of the world map's bytes.
LEFT_OUT = frozenset({"AQ"})
# Shapes Natural Earth draws without an ISO numeric code.
BY_NAME = {"Kosovo": "XK"}


@cache
def _numeric_to_alpha2() -> dict[str, str]:
    # CLDR (through Babel) maps each ISO 3166-1 numeric code to its alpha-2 code;
    # codes of former countries map to several and are skipped.
    aliases = get_global("territory_aliases")
    return {
        code: targets[0]
        for code, targets in aliases.items()
        if code.isdigit() and len(targets) == 1 and len(targets[0]) == 2
    }


def split_ring(ring: Ring) -> list[Ring]:
    """Cut a ring where it crosses the antimeridian into pieces that do not.

    Natural Earth rings of Russia and Fiji jump from +179.x to -179.x; drawn as is,
    they streak across the map. Each crossing ends a piece at ±180 and starts the
    next at ∓180 (latitude interpolated); the last piece continues the first. Each
    piece, closed along the antimeridian, is a ring of its own."""
    pieces: list[Ring] = [[ring[0]]]
    for (lon0, lat0), (lon1, lat1) in itertools.pairwise(ring):
        if abs(lon1 - lon0) > 180:
            edge = 180.0 if lon0 > 0 else -180.0
            shifted = lon1 + (360 if lon0 > 0 else -360)
            # (Natural Earth often has points exactly on ±180 on both sides.)
            share = 0.0 if shifted == lon0 else (edge - lon0) / (shifted - lon0)
            lat = lat0 + share * (lat1 - lat0)
            if pieces[-1][-1] != (edge, lat):
                pieces[-1].append((edge, lat))
            pieces.append([(-edge, lat)])
        if pieces[-1][-1] != (lon1, lat1):
            pieces[-1].append((lon1, lat1))
    if len(pieces) > 1 and ring[0] == ring[-1]:
        last = pieces.pop()
        pieces[0] = last + pieces[0][1:]
    return pieces


def _split_polygon(polygon: Polygon) -> list[Polygon]:
    outer = split_ring(polygon[0])
    if len(outer) == 1:
        return [[outer[0], *polygon[1:]]]
    # No hole of Natural Earth's crosses the antimeridian: holes are dropped here.
    return [[piece] for piece in outer]


@cache
def topology(scale: Scale) -> dict[str, Any]:
    """The TopoJSON file of ``scale``, as read (its arcs not decoded)."""
    loaded: dict[str, Any] = json.loads(
        (DATA / f"countries-{scale}.json").read_text(encoding="utf-8")
    )
    return loaded


def _code(geometry: dict[str, Any]) -> str | None:
    """The alpha-2 code of a geometry of the topology; None for those left out."""
    code = _numeric_to_alpha2().get(str(geometry.get("id", ""))) or BY_NAME.get(
        geometry.get("properties", {}).get("name", "")
    )
    return None if code is None or code in LEFT_OUT else code


@cache
def geometries(scale: Scale) -> dict[str, list[dict[str, Any]]]:
    """Alpha-2 code -> the country's geometries in the topology, in its order (their
    arcs not decoded: see shora.maps.locate)."""
    found: dict[str, list[dict[str, Any]]] = {}
    for geometry in topology(scale)["objects"]["countries"]["geometries"]:
        code = _code(geometry)
        if code is not None:
            found.setdefault(code, []).append(geometry)
    return found


@cache
def countries(scale: Scale = "110m") -> dict[str, list[Polygon]]:
    """Alpha-2 code -> polygons (outer ring first), split at the antimeridian."""
    arcs = decode_arcs(topology(scale))
    return {
        code: [
            piece
            for geometry in shapes
            for polygon in polygons(geometry, arcs)
            for piece in _split_polygon(polygon)
        ]
        for code, shapes in geometries(scale).items()
    }


def ring_area(ring: Ring) -> float:
    """Area in square degrees (shoelace formula), for choosing a country's main shape."""
    return abs(sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))) / 2


def main_shape(code: str, scale: Scale = "50m") -> Polygon | None:
    """The largest polygon of a country (France without French Guiana, ...)."""
    shapes = countries(scale).get(code)
    if not shapes:
        return None
    return max(shapes, key=lambda polygon: ring_area(polygon[0]))


def bounds(points: list[Point]) -> tuple[float, float, float, float]:
    lons = [lon for lon, _ in points]
    lats = [lat for _, lat in points]
    return min(lons), min(lats), max(lons), max(lats)
