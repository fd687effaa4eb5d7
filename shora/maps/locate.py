"""Is a point inside a country? GEOS (through Shapely) over Natural Earth 50m, with a
coastal tolerance: cities on the coast or on small islands fall just outside the
simplified shapes.

Only the coordinates check of the validator imports this module (shapely and numpy
are not loaded by commands that do not check coordinates). Each country's shape is
built and prepared once per process, when a council of that country is checked."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, cast

import numpy as np
import shapely

from shora.maps.topojson import Polygon
from shora.maps.world import countries

if TYPE_CHECKING:
    import numpy.typing as npt

# Degrees (about 28 km at the equator): generous for simplified coastlines, far
# smaller than the errors it is meant to catch (swapped or mistyped coordinates).
TOLERANCE = 0.25


@cache
def _shape(code: str) -> shapely.MultiPolygon | None:
    """The country's polygons, holes included (Lesotho is a hole of South Africa),
    prepared for repeated point queries; None when Natural Earth 50m does not draw it."""
    polygons = countries("50m").get(code)
    if not polygons:
        return None
    shape = shapely.MultiPolygon(list(_polygons(polygons)))
    shapely.prepare(shape)
    return shape


def _polygons(polygons: list[Polygon]) -> npt.NDArray[np.object_]:
    """Shapely polygons (outer ring first, then holes), made by GEOS in one call for
    all rings rather than point by point in Python."""
    rings = [ring for polygon in polygons for ring in polygon]
    coordinates = np.array([point for ring in rings for point in ring])
    ring_of_point = np.repeat(np.arange(len(rings)), [len(ring) for ring in rings])
    polygon_of_ring = np.repeat(np.arange(len(polygons)), [len(polygon) for polygon in polygons])
    # (Given arrays, shapely's functions return arrays; their stubs also allow one geometry.)
    linear_rings = cast(
        "npt.NDArray[np.object_]", shapely.linearrings(coordinates, indices=ring_of_point)
    )
    return cast("npt.NDArray[np.object_]", shapely.polygons(linear_rings, indices=polygon_of_ring))


def has_shape(code: str) -> bool:
    """False for countries Natural Earth 50m does not draw: nothing to check against."""
    return bool(countries("50m").get(code))


def in_country(code: str, lat: float, lon: float, tolerance: float = TOLERANCE) -> bool:
    """True when (lat, lon) lies in the country (its border included) or within
    ``tolerance`` degrees of it."""
    shape = _shape(code)
    if shape is None:
        return False
    # Most points are inside: answered without making a Point (half the time).
    return bool(
        shapely.intersects_xy(shape, lon, lat)
        or shapely.dwithin(shape, shapely.Point(lon, lat), tolerance)
    )


@cache
def _index() -> tuple[shapely.STRtree, list[str]]:
    """Every polygon of every country in one tree, with the code of each: a point's
    candidates are the few polygons whose box holds it."""
    shapes = countries("50m")
    codes = [code for code, polygons in shapes.items() for _ in polygons]
    parts = _polygons([polygon for polygons in shapes.values() for polygon in polygons])
    return shapely.STRtree(parts), codes


def country_at(lat: float, lon: float) -> str | None:
    """The country whose shape holds the point (its border included, no tolerance),
    if any; on a border between two, the first in Natural Earth's order."""
    tree, codes = _index()
    found = tree.query(shapely.Point(lon, lat), predicate="intersects")
    # The tree returns its polygons in its own order; the lowest index is the first
    # country in Natural Earth's order, the order the parts were added in.
    return codes[int(np.min(found))] if found.size else None
