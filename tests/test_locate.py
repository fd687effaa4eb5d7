"""The point-in-country check of the validator (shora/maps/locate.py) on Natural Earth
50m: holes, the coastal tolerance, the antimeridian, and the country a point is in."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import shapely

from shora.maps.locate import TOLERANCE, _shape, country_at, has_shape, in_country
from shora.maps.world import countries

# The middle of Lesotho, a hole in South Africa's polygon.
LESOTHO = (-29.6, 28.2)
# West of Sri Lanka's coast at latitude 7: 0.202 and 0.302 degrees from its nearest
# point on the 50m shape (the tolerance is 0.25).
OFF_SRI_LANKA_NEAR = (7.0, 79.64)
OFF_SRI_LANKA_FAR = (7.0, 79.54)


def test_the_tolerance_is_a_quarter_degree() -> None:
    assert TOLERANCE == 0.25


def test_a_point_in_a_hole_is_not_in_the_country_around_it() -> None:
    assert not in_country("ZA", *LESOTHO)
    assert in_country("LS", *LESOTHO)
    assert country_at(*LESOTHO) == "LS"


def test_a_point_off_the_coast_is_in_within_the_tolerance_only() -> None:
    assert in_country("LK", *OFF_SRI_LANKA_NEAR)
    assert not in_country("LK", *OFF_SRI_LANKA_FAR)
    assert not in_country("LK", *OFF_SRI_LANKA_NEAR, tolerance=0)
    # No tolerance for the country a point is in: at sea is at sea.
    assert country_at(*OFF_SRI_LANKA_NEAR) is None


@pytest.mark.parametrize(
    ("lat", "lon", "code"),
    [
        (60.0, 15.0, "SE"),
        (48.85, 2.35, "FR"),
        (35.7, 51.4, "IR"),
        (-34.6, -58.4, "AR"),
        (0.0, -30.0, None),  # the middle of the Atlantic
        # Shapes split at the antimeridian: a point on it is in the country either way.
        (-16.5, 180.0, "FJ"),
        (-16.5, -180.0, "FJ"),
        (65.5, 180.0, "RU"),
        (65.5, -180.0, "RU"),
    ],
)
def test_country_at(lat: float, lon: float, code: str | None) -> None:
    assert country_at(lat, lon) == code
    if code is not None:
        assert in_country(code, lat, lon, tolerance=0)


def test_swapped_coordinates_are_not_in_the_country() -> None:
    assert in_country("IR", 35.7, 51.4)
    assert not in_country("IR", 51.4, 35.7)


def test_countries_without_a_shape() -> None:
    assert has_shape("SE")
    assert not has_shape("XX")
    assert not in_country("XX", 0.0, 0.0)


def test_only_the_coordinates_check_loads_shapely() -> None:
    """Validating, and the commands that do not check coordinates, must not pay for
    importing shapely and numpy until a council's point is checked."""
    probe = (
        "import sys, shora.cli, shora.validate, shora.validate.rules, shora.maps.world\n"
        "print(sorted({'shapely', 'numpy'} & set(sys.modules)))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], check=True, capture_output=True, text=True
    ).stdout
    assert out.strip() == "[]"


def test_each_country_is_the_whole_maps_polygons_point_for_point() -> None:
    """The shape checked is decoded from the country's own arcs (by numpy): it must be
    the polygons of the whole decoded map, the same points in the same order (split at
    the antimeridian, holes kept, repeated points dropped)."""
    whole = countries("50m")
    assert {"RU", "FJ", "ZA", "FR", "US"} <= whole.keys()
    for code, polygons in whole.items():
        shape = _shape(code)
        if not polygons:
            assert shape is None, code
            continue
        assert shape is not None, code
        assert len(shape.geoms) == len(polygons), code
        for made, expected in zip(shape.geoms, polygons, strict=True):
            rings = [made.exterior, *made.interiors]
            assert len(rings) == len(expected), code
            for ring, points in zip(rings, expected, strict=True):
                closed = points if points[0] == points[-1] else [*points, points[0]]
                assert np.array_equal(shapely.get_coordinates(ring), np.array(closed)), code
    assert _shape("XX") is None


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="counts threads in /proc")
def test_checking_coordinates_starts_no_thread() -> None:
    """numpy's BLAS would start a thread for each core (CPU taken from the second
    process that validates beside this one); a user's own setting is kept."""
    probe = (
        "import shora.maps.locate\n"
        "print(open('/proc/self/status').read().split('Threads:')[1].split()[0])\n"
    )
    environment = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    run = [sys.executable, "-c", probe]
    threads = subprocess.run(run, env=environment, check=True, capture_output=True, text=True)
    assert threads.stdout.strip() == "1"
    environment["OPENBLAS_NUM_THREADS"] = "2"
    threads = subprocess.run(run, env=environment, check=True, capture_output=True, text=True)
    assert threads.stdout.strip() == "2"
