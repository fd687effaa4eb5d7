"""Is a point inside a country? GEOS (through Shapely) over Natural Earth 50m, with a
coastal tolerance: cities on the coast or on small islands fall just outside the
simplified shapes.

Only the coordinates check of the validator imports this module (shapely and numpy
are not loaded by commands that do not check coordinates). Each country's shape is
built and prepared once per process, when a council of that country is checked, from
the arcs of that country alone, decoded by numpy (decoding the whole 50m map in Python
took a fifth of a second before the first council could be checked)."""

from __future__ import annotations

import itertools
import os
from functools import cache
from typing import TYPE_CHECKING, Any, cast

# numpy's BLAS starts a thread for each core when imported, a tenth of a second of CPU
# taken from the other work of a validation; nothing here multiplies matrices. (A
# number the user set is kept.)
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import shapely

from shora.maps.world import countries, geometries, split_ring, topology

if TYPE_CHECKING:
    import numpy.typing as npt

# Degrees (about 28 km at the equator): generous for simplified coastlines, far
# smaller than the errors it is meant to catch (swapped or mistyped coordinates).
TOLERANCE = 0.25


@cache
def _shape(code: str) -> shapely.MultiPolygon | None:
    """The country's polygons, holes included (Lesotho is a hole of South Africa),
    prepared for repeated point queries; None when Natural Earth 50m does not draw it.
    The same polygons as ``countries("50m")[code]`` (see shora.maps.world), point for
    point."""
    polygons = _split_polygons(
        [
            polygon
            for geometry in geometries("50m").get(code, [])
            for polygon in _geometry_polygons(geometry)
        ]
    )
    if not polygons:
        return None
    shape = shapely.MultiPolygon(list(_polygons_of_arrays(polygons)))
    shapely.prepare(shape)
    return shape


@cache
def _arc(index: int) -> npt.NDArray[np.float64]:
    """Arc ``index`` of the 50m map as absolute (longitude, latitude) rows: the same
    floats as shora.maps.topojson.decode_arcs (the sums of the deltas are exact
    integers, then scaled and translated, one operation each)."""
    world = topology("50m")
    arc = world["arcs"][index]
    if all(len(point) == 2 for point in arc):  # (as in Natural Earth's: made faster)
        flat = np.fromiter(itertools.chain.from_iterable(arc), np.int64, 2 * len(arc))
        deltas = flat.reshape(-1, 2)
    else:
        deltas = np.array([point[:2] for point in arc], dtype=np.int64)
    transform = world.get("transform")
    if transform is None:
        return deltas.astype(np.float64)
    scale = np.array(transform["scale"], dtype=np.float64)
    translate = np.array(transform["translate"], dtype=np.float64)
    decoded: npt.NDArray[np.float64] = np.cumsum(deltas, axis=0) * scale + translate
    return decoded


def _ring(indexes: list[int]) -> npt.NDArray[np.float64]:
    """The arcs joined (see shora.maps.topojson): a negative index ~i is arc i walked
    backwards; consecutive arcs share their joining point, kept once."""
    parts = [_arc(index) if index >= 0 else _arc(~index)[::-1] for index in indexes]
    return np.concatenate([parts[0], *(part[1:] for part in parts[1:])])


def _geometry_polygons(geometry: dict[str, Any]) -> list[list[npt.NDArray[np.float64]]]:
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(ring) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(ring) for ring in polygon] for polygon in geometry["arcs"]]
    return []


def _split_polygons(
    polygons: list[list[npt.NDArray[np.float64]]],
) -> list[list[npt.NDArray[np.float64]]]:
    """The polygons of a country as shora.maps.world makes them (see _split_polygon):
    as decoded when no outer ring crosses the antimeridian or repeats a point (most
    countries: looked at in one pass over all their rings)."""
    if not polygons:
        return []
    outers = [polygon[0] for polygon in polygons]
    points = np.concatenate(outers)
    # Each point with the next one of its ring (not the first point of the next ring).
    within = np.ones(len(points) - 1, dtype=bool)
    within[np.cumsum([len(outer) for outer in outers])[:-1] - 1] = False
    crossing = np.abs(np.diff(points[:, 0])) > 180
    repeated = np.all(points[1:] == points[:-1], axis=1)
    if not np.any((crossing | repeated) & within):
        return polygons
    return [piece for polygon in polygons for piece in _split_polygon(polygon)]


def _split_polygon(
    polygon: list[npt.NDArray[np.float64]],
) -> list[list[npt.NDArray[np.float64]]]:
    """As shora.maps.world's: the outer ring cut at the antimeridian (its holes then
    dropped), else the outer ring without repeated consecutive points."""
    outer = polygon[0]
    if not np.any(np.abs(np.diff(outer[:, 0])) > 180):
        kept = np.ones(len(outer), dtype=bool)
        kept[1:] = np.any(outer[1:] != outer[:-1], axis=1)
        return [[outer[kept], *polygon[1:]]]
    pieces = split_ring([(float(lon), float(lat)) for lon, lat in outer.tolist()])
    if len(pieces) == 1:
        return [[np.array(pieces[0], dtype=np.float64), *polygon[1:]]]
    return [[np.array(piece, dtype=np.float64)] for piece in pieces]


def _polygons_of_arrays(
    polygons: list[list[npt.NDArray[np.float64]]],
) -> npt.NDArray[np.object_]:
    """Shapely polygons (outer ring first, then holes), made by GEOS in one call."""
    rings = [ring for polygon in polygons for ring in polygon]
    coordinates = np.concatenate(rings)
    ring_of_point = np.repeat(np.arange(len(rings)), [len(ring) for ring in rings])
    polygon_of_ring = np.repeat(np.arange(len(polygons)), [len(polygon) for polygon in polygons])
    # (Given arrays, shapely's functions return arrays; their stubs also allow one geometry.)
    linear_rings = cast(
        "npt.NDArray[np.object_]", shapely.linearrings(coordinates, indices=ring_of_point)
    )
    return cast("npt.NDArray[np.object_]", shapely.polygons(linear_rings, indices=polygon_of_ring))


def has_shape(code: str) -> bool:
    """False for countries Natural Earth 50m does not draw: nothing to check against."""
    return _shape(code) is not None


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
    parts = _polygons_of_arrays(
        [
            [np.array(ring, dtype=np.float64) for ring in polygon]
            for polygons in shapes.values()
            for polygon in polygons
        ]
    )
    return shapely.STRtree(parts), codes


def country_at(lat: float, lon: float) -> str | None:
    """The country whose shape holds the point (its border included, no tolerance),
    if any; on a border between two, the first in Natural Earth's order."""
    tree, codes = _index()
    found = tree.query(shapely.Point(lon, lat), predicate="intersects")
    # The tree returns its polygons in its own order; the lowest index is the first
    # country in Natural Earth's order, the order the parts were added in.
    return codes[int(np.min(found))] if found.size else None
