"""The Equal Earth projection (Šavrič, Patterson and Jenny, 2018), on the unit sphere.

Equal-area, so countries keep their relative sizes, and without the distortions of
Mercator at high latitudes. The formula matches PROJ's ``+proj=eqearth``.
"""

from __future__ import annotations

import math

A1, A2, A3, A4 = 1.340264, -0.081106, 0.000893, 0.003796
M = math.sqrt(3) / 2

# Extent of the projected world: x in [-X_MAX, X_MAX], y in [-Y_MAX, Y_MAX].
X_MAX = math.pi / (M * A1)
Y_MAX = 1.3173627591574  # project(0, 90)[1], rounded


def project(lon: float, lat: float) -> tuple[float, float]:
    """(x, y) of a point; y grows northwards (SVG flips it)."""
    lam, phi = math.radians(lon), math.radians(lat)
    theta = math.asin(M * math.sin(phi))
    t2 = theta * theta
    t6 = t2 * t2 * t2
    x = lam * math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)))
    y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2))
    return x, y
