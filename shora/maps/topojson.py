"""A minimal TopoJSON decoder: quantized, delta-encoded arcs joined into rings.

Only what Natural Earth's world-atlas files use: Polygon and MultiPolygon
geometries with a ``transform``. See https://github.com/topojson/topojson-specification.
"""

from __future__ import annotations

from typing import Any

Point = tuple[float, float]  # (longitude, latitude)
Ring = list[Point]
Polygon = list[Ring]  # outer ring first, then holes


def decode_arcs(topology: dict[str, Any]) -> list[Ring]:
    """Every arc as absolute (lon, lat) points, undoing quantization and deltas."""
    transform = topology.get("transform")
    arcs: list[Ring] = []
    for arc in topology["arcs"]:
        if transform is None:
            arcs.append([(float(x), float(y)) for x, y, *_ in arc])
            continue
        (sx, sy), (tx, ty) = transform["scale"], transform["translate"]
        x = y = 0
        points: Ring = []
        for dx, dy, *_ in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indexes: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for index in indexes:
        # A negative index ~i means arc i walked backwards.
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point: keep it once.
        points.extend(arc[1:] if points else arc)
    return points


def polygons(geometry: dict[str, Any], arcs: list[Ring]) -> list[Polygon]:
    """The polygons of a Polygon or MultiPolygon geometry; [] for anything else."""
    kind = geometry.get("type")
    if kind == "Polygon":
        return [[_ring(ring, arcs) for ring in geometry["arcs"]]]
    if kind == "MultiPolygon":
        return [[_ring(ring, arcs) for ring in polygon] for polygon in geometry["arcs"]]
    return []
