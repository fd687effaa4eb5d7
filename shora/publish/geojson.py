"""data/councils.geojson: one Point per council at its city (RFC 7946), coordinates
rounded to two decimals (about a kilometre): a city, never a meeting place."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from shora.load.dataset import Dataset
from shora.publish.common import write_text
from shora.publish.resolutions_json import dumps
from shora.site.open_data import gregorian_date, solar_hijri_date
from shora.site.routes import COUNCILS_GEOJSON, council_url, in_both_languages

FILE = COUNCILS_GEOJSON
PRECISION = 2


def document(dataset: Dataset) -> dict[str, Any]:
    features = []
    for id_ in sorted(dataset.councils):
        council = dataset.councils[id_].model
        features.append(
            {
                "type": "Feature",
                "id": id_,
                "geometry": {
                    "type": "Point",
                    "coordinates": [
                        round(council.coordinates.lon, PRECISION),
                        round(council.coordinates.lat, PRECISION),
                    ],
                },
                "properties": {
                    "name": {"fa": council.name.fa, "en": council.name.en},
                    "city": {"fa": council.city.fa, "en": council.city.en},
                    "other_names": list(council.other_names),
                    "country": council.country,
                    "federation": council.federation,
                    "status": council.status,
                    "founded": gregorian_date(council.founded),
                    "founded_solar_hijri": solar_hijri_date(council.founded),
                    "last_verified": council.last_verified.isoformat(),
                    "last_verified_solar_hijri": solar_hijri_date(council.last_verified),
                    "sample": council.sample,
                    "url": in_both_languages(council_url(id_)),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [write_text(site_dir / FILE, dumps(document(dataset)))]
