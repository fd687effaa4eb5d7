"""The council directory as data: grouping, sorting, search text, map markers.

Kept apart from the section (councils.py) so the page code stays about pages, and
so the safety rules (rounded coordinates, consent, public venues) live in one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from markupsafe import Markup

from shora.dataset import Dataset, Entry
from shora.geography import continent_name, continent_of, country_name
from shora.models.council import Council, Decision, Federation, Person
from shora.persian import fold

# Coordinates leave the build rounded to this many decimals (about 1 km): a city,
# never a street.
PUBLISHED_DECIMALS = 2
DECISIONS_PER_PAGE = 50

# Persian alphabetical order; Python's code-point order puts پ چ ژ ک گ ی last.
_PERSIAN_ORDER = "ءآأاإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوؤهۀیئ"
_RANK = {letter: index for index, letter in enumerate(_PERSIAN_ORDER)}


def sort_key(text: str) -> tuple[tuple[int, str], ...]:
    """Alphabetical order in Persian and in Latin script alike."""
    folded = fold(text)
    return tuple((_RANK.get(c, -1 if c < "\u0600" else 1000), c) for c in folded)


def rounded(value: float) -> float:
    return round(value, PUBLISHED_DECIMALS)


def council_url(council_id: str) -> str:
    return f"councils/{council_id}/"


def federation_url(federation_id: str) -> str:
    return f"federations/{federation_id}/"


def decision_url(decision_id: str) -> str:
    return f"decisions/{decision_id}/"


def decisions_page_url(number: int) -> str:
    return "decisions/" if number == 1 else f"decisions/page/{number}/"


def published_name(person: Person | None, language: str) -> str | None:
    """A person's name only with their consent (the validator also insists)."""
    if person is None or not person.consent:
        return None
    return person.name[language]


def search_text(council: Council) -> str:
    """Every name a reader may type, in both languages, folded as the script folds queries."""
    names = [
        council.name.fa, council.name.en, council.city.fa, council.city.en,
        *council.other_names,
        country_name(council.country, "fa"), country_name(council.country, "en"),
    ]  # fmt: skip
    return fold(" | ".join(names))


@dataclass
class City:
    name: str
    councils: list[Entry[Council]] = field(default_factory=list)


@dataclass
class Country:
    code: str
    name: str
    federation: Entry[Federation] | None
    cities: list[City] = field(default_factory=list)

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for city in self.cities for council in city.councils]


@dataclass
class Continent:
    id: str
    name: str
    federation: Entry[Federation] | None
    countries: list[Country] = field(default_factory=list)

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for country in self.countries for council in country.councils]


class Directory:
    """Councils and federations of a dataset, grouped and sorted for one language."""

    def __init__(self, dataset: Dataset, language: str):
        self.dataset = dataset
        self.language = language
        self.country_federation: dict[str, Entry[Federation]] = {}
        self.continent_federation: dict[str, Entry[Federation]] = {}
        for entry in sorted(dataset.federations.values(), key=lambda e: e.id):
            model = entry.model
            if model.level == "country" and model.country:
                self.country_federation.setdefault(model.country, entry)
            elif model.level == "continent" and model.continent:
                self.continent_federation.setdefault(model.continent, entry)
        self.continents = self._group(dataset.councils.values())
        self.decisions = sorted(
            dataset.decisions.values(), key=lambda e: (-e.model.date.toordinal(), e.id)
        )
        # Each council's decisions, newest first: grouped once, not searched per council.
        self.by_council: dict[str, list[Entry[Decision]]] = {}
        for entry in self.decisions:
            self.by_council.setdefault(entry.model.council, []).append(entry)

    # ---------------------------------------------------------------- grouping

    def federation_of(self, council: Council) -> Entry[Federation] | None:
        if council.federation and council.federation in self.dataset.federations:
            return self.dataset.federations[council.federation]
        return self.country_federation.get(council.country)

    def continent_id(self, council: Council) -> str:
        federation = self.federation_of(council)
        parent = federation.model.parent if federation else None
        if parent and parent in self.dataset.federations:
            continent = self.dataset.federations[parent].model.continent
            if continent:
                return continent
        return continent_of(council.country) or "antarctica"

    def _group(self, councils: Iterable[Entry[Council]]) -> list[Continent]:
        language = self.language
        continents: dict[str, Continent] = {}
        for entry in councils:
            model = entry.model
            continent_id = self.continent_id(model)
            continent = continents.setdefault(
                continent_id,
                Continent(
                    continent_id,
                    continent_name(continent_id, language),
                    self.continent_federation.get(continent_id),
                ),
            )
            country = next((c for c in continent.countries if c.code == model.country), None)
            if country is None:
                country = Country(
                    model.country,
                    country_name(model.country, language),
                    self.federation_of(model),
                )
                continent.countries.append(country)
            city_name = model.city[language]
            city = next((c for c in country.cities if fold(c.name) == fold(city_name)), None)
            if city is None:
                city = City(city_name)
                country.cities.append(city)
            city.councils.append(entry)
        for continent in continents.values():
            continent.countries.sort(key=lambda c: sort_key(c.name))
            for country in continent.countries:
                country.cities.sort(key=lambda c: sort_key(c.name))
                for city in country.cities:
                    city.councils.sort(key=lambda e: sort_key(e.model.name[language]))
        return sorted(continents.values(), key=lambda c: sort_key(c.name))

    def councils_of(self, federation: Entry[Federation]) -> list[Entry[Council]]:
        model = federation.model
        if model.level == "country":
            return [
                e
                for c in self.continents
                for e in c.councils
                if self.federation_of(e.model) is federation
            ]
        return [e for c in self.continents if c.id == model.continent for e in c.councils]

    def member_federations(self, federation: Entry[Federation]) -> list[Entry[Federation]]:
        members = [
            entry
            for entry in self.dataset.federations.values()
            if entry.model.level == "country" and entry.model.parent == federation.id
        ]
        return sorted(members, key=lambda e: sort_key(e.model.name[self.language]))

    def decisions_of(self, council_id: str) -> list[Entry[Decision]]:
        return self.by_council.get(council_id, [])

    def decision_pages(self) -> int:
        return max(1, -(-len(self.decisions) // DECISIONS_PER_PAGE))

    def decisions_on_page(self, number: int) -> list[Entry[Decision]]:
        start = (number - 1) * DECISIONS_PER_PAGE
        return self.decisions[start : start + DECISIONS_PER_PAGE]

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for continent in self.continents for council in continent.councils]

    # ---------------------------------------------------------------- for the page script

    def near_me_json(self, link: Callable[[str], str]) -> Markup:
        """[name, city, url, lat, lon] of every council that still meets, rounded, for
        'near me': computed in the page, so the reader's position never leaves it."""
        language = self.language
        rows = [
            [
                e.model.name[language],
                e.model.city[language],
                link(council_url(e.id)),
                rounded(e.model.coordinates.lat),
                rounded(e.model.coordinates.lon),
            ]
            for e in self.councils
            if e.model.status in ("forming", "active")
        ]
        text = json.dumps(rows, ensure_ascii=False, separators=(",", ":"))
        # "</" must not appear inside a <script> element.
        return Markup(text.replace("<", "\\u003c"))
