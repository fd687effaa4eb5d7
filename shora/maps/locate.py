"""Is a point inside a country? Even-odd point-in-polygon over Natural Earth 50m,
with a coastal tolerance: cities on the coast or on small islands fall just outside
the simplified shapes."""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from shora.maps.topojson import Ring
from shora.maps.world import countries

# Degrees (about 28 km at the equator): generous for simplified coastlines, far
# smaller than the errors it is meant to catch (swapped or mistyped coordinates).
TOLERANCE = 0.25


@dataclass(frozen=True)
class _Ring:
    points: Ring
    box: tuple[float, float, float, float]


@cache
def _rings(code: str) -> list[_Ring]:
    found = []
    for polygon in countries("50m").get(code, []):
        for ring in polygon:
            lons = [lon for lon, _ in ring]
            lats = [lat for _, lat in ring]
            found.append(_Ring(ring, (min(lons), min(lats), max(lons), max(lats))))
    return found


def has_shape(code: str) -> bool:
    """False for countries Natural Earth 50m does not draw: nothing to check against."""
    return bool(_rings(code))


def _inside(ring: _Ring, lon: float, lat: float) -> bool:
    west, south, east, north = ring.box
    if not (west <= lon <= east and south <= lat <= north):
        return False
    inside = False
    points = ring.points
    for (x0, y0), (x1, y1) in zip(points, points[1:] + points[:1], strict=True):
        if (y0 > lat) != (y1 > lat) and lon < x0 + (lat - y0) * (x1 - x0) / (y1 - y0):
            inside = not inside
    return inside


def _segment_distance(
    px: float, py: float, a: tuple[float, float], b: tuple[float, float]
) -> float:
    (ax, ay), (bx, by) = a, b
    dx, dy = bx - ax, by - ay
    length = dx * dx + dy * dy
    share = 0.0 if length == 0 else max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length))
    return math.hypot(px - (ax + share * dx), py - (ay + share * dy))


def _near(ring: _Ring, lon: float, lat: float, tolerance: float) -> bool:
    west, south, east, north = ring.box
    if not (
        west - tolerance <= lon <= east + tolerance
        and south - tolerance <= lat <= north + tolerance
    ):
        return False
    points = ring.points
    return any(
        _segment_distance(lon, lat, a, b) <= tolerance
        for a, b in zip(points, points[1:] + points[:1], strict=True)
    )


def in_country(code: str, lat: float, lon: float, tolerance: float = TOLERANCE) -> bool:
    """True when (lat, lon) lies in the country or within ``tolerance`` degrees of it.

    Even-odd over all rings of the country, so holes (Lesotho in South Africa) count."""
    rings = _rings(code)
    inside = sum(_inside(ring, lon, lat) for ring in rings) % 2 == 1
    return inside or any(_near(ring, lon, lat, tolerance) for ring in rings)


def country_at(lat: float, lon: float) -> str | None:
    """The country whose shape contains the point (no tolerance), if any."""
    for code in countries("50m"):
        if sum(_inside(ring, lon, lat) for ring in _rings(code)) % 2 == 1:
            return code
    return None
