"""Countries and continents.

Country names come from CLDR (through Babel) in both languages; the continent of
each country comes from the vendored ``countries-list`` data (see vendor/).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from shora.models.common import country_names
from shora.models.council import CONTINENTS

_CONTINENT_CODES = {
    "AF": "africa",
    "AN": "antarctica",
    "AS": "asia",
    "EU": "europe",
    "NA": "north-america",
    "OC": "oceania",
    "SA": "south-america",
}
CONTINENTS_FILE = Path(__file__).resolve().parents[1] / "data" / "continents.json"


@cache
def _continent_codes() -> dict[str, str]:
    codes: dict[str, str] = json.loads(CONTINENTS_FILE.read_text(encoding="utf-8"))
    return codes


def continent_of(country: str) -> str | None:
    """Continent id ('europe', 'asia', ...) of an ISO 3166-1 alpha-2 code."""
    code = _continent_codes().get(country)
    return _CONTINENT_CODES.get(code) if code else None


def country_name(country: str, language: str) -> str:
    return country_names(language).get(country, country)


def continent_name(continent: str, language: str) -> str:
    persian, english = CONTINENTS[continent]
    return persian if language == "fa" else english
