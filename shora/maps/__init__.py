"""Maps drawn at build time: Natural Earth countries as SVG, and a point-in-country check.

``topojson`` decodes the vendored TopoJSON, ``world`` turns it into country polygons
(split at the antimeridian), ``projection`` is the Equal Earth projection, ``locate``
checks coordinates against a country, and ``svg`` writes the maps.
"""
