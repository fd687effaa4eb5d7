"""The council directory as data: grouping, sorting, pages, and the filter's data file.

Kept apart from the section (councils.py) so the page code stays about pages, and
so the safety rules (rounded coordinates, consent, public venues) live in one place.

No page may grow with the data: the directory index lists continents and countries,
each country's councils are listed on pages of ``COUNCILS_PER_PAGE``, decisions on
pages of ``DECISIONS_PER_PAGE`` (a council's page shows its latest
``COUNCIL_DECISIONS_SHOWN`` and links to its own list of pages; the sizes and the
pages' addresses are in :mod:`shora.site.routes`), and what the filter and "near me"
need about every council is in a script file of its own (``DIRECTORY_DATA_FILE``,
written by :mod:`shora.publish.directory_data`), loaded by the page only when the
reader starts using them.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, ClassVar, TypeVar

from shora.core.language import language_of
from shora.core.persian import fold
from shora.load.dataset import Dataset, Entry
from shora.models.clauses import Clause, clauses
from shora.models.council import Council, Decision, Federation, Person
from shora.models.geography import continent_name, continent_of, country_name
from shora.models.resolution import Resolution
from shora.site import routes
from shora.site.routes import PLATFORM_PAGE, PROPOSE_COUNCIL_PAGE, Routes, pages_for
from shora.site.strings import t

T = TypeVar("T")

# Coordinates leave the build rounded to this many decimals (about 1 km): a city,
# never a street.
PUBLISHED_DECIMALS = 2
# The global the directory's data script (routes.DIRECTORY_DATA_FILE) sets.
DATA_GLOBAL = "shoraDirectoryData"
STATUS_CODES = {"forming": "f", "active": "a", "inactive": "i", "dissolved": "d"}

# Where no council is listed (the directory, a federation without members), the page
# tells how to start one, under these anchors, the same in both languages: the
# platform's clauses on who may join, how a council decides and its executive board
# (INVITATION_PARTS: anchor, the Platform field naming the clause), then how to have a
# council listed, a section of the contribute page (content/*/contribute.md).
INVITATION_ANCHOR = "start-a-council"
INVITATION_PARTS = (
    ("start-join", "membership"),
    ("start-decide", "decisions"),
    ("start-board", "executive_board"),
)
LISTING_ANCHOR = "start-listing"

# Persian alphabetical order; Python's code-point order puts پ چ ژ ک گ ی last.
_PERSIAN_ORDER = "ءآأاإبپتثجچحخدذرزژسشصضطظعغفقکگلمنوؤهۀیئ"
_RANK = {letter: index for index, letter in enumerate(_PERSIAN_ORDER)}


def sort_key(text: str) -> tuple[tuple[int, str], ...]:
    """Alphabetical order in Persian and in Latin script alike."""
    folded = fold(text)
    return tuple((_RANK.get(c, -1 if c < "\u0600" else 1000), c) for c in folded)


def global_data_script(name: str, value: object) -> str:
    """A script that sets ``window.<name>`` to ``value`` as JSON: the form of the data
    files pages load on demand with a <script> element (which, unlike fetch, works from
    file:// too)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    # Line and paragraph separators are line breaks in older JavaScript parsers.
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
    return f"window.{name}={text};\n"


def rounded(value: float) -> float:
    return round(value, PUBLISHED_DECIMALS)


def council_anchor(council_id: str) -> str:
    """The id of a council's item in a listing: the same in both languages."""
    return f"council-{council_id}"


def page_of(items: list[T], number: int, per_page: int) -> list[T]:
    """The items of page ``number`` (from 1) of a list cut into pages of ``per_page``."""
    start = (number - 1) * per_page
    return items[start : start + per_page]


def page_numbers(number: int, pages: int, around: int = 2) -> list[int | None]:
    """The page numbers a list's navigation links: the first, the last and ``around``
    on each side of ``number``; None where numbers are left out. At most 2 * around + 5
    items, however many pages."""
    shown = {1, pages, *range(max(1, number - around), min(pages, number + around) + 1)}
    found: list[int | None] = []
    for n in sorted(shown):
        if found and n - (found[-1] or 0) == 2:
            found.append(n - 1)  # a gap of one page: the number, not an ellipsis
        elif found and n - (found[-1] or 0) > 2:
            found.append(None)
        found.append(n)
    return found


def published_name(person: Person | None, language: str) -> str | None:
    """A person's name only with their consent (the validator also insists)."""
    if person is None or not person.consent:
        return None
    return person.name[language]


@dataclass(frozen=True)
class PlatformPart:
    """One clause of the platform that an invitation quotes, with its lettered items."""

    anchor: str  # of the part on the inviting page
    clause: Clause  # its own anchor is the clause's on the resolution's page
    items: list[Clause]

    @property
    def heading_key(self) -> str:
        """The string of the part's heading: start_join for start-join."""
        return self.anchor.replace("-", "_")


@dataclass(frozen=True)
class Invitation:
    """What a page without councils says about starting one: the platform's clauses
    (none when the data have no platform) and where to propose a council."""

    source: Entry[Resolution] | None
    parts: list[PlatformPart]
    anchor: ClassVar[str] = INVITATION_ANCHOR
    listing_anchor: ClassVar[str] = LISTING_ANCHOR
    platform_page: ClassVar[str] = PLATFORM_PAGE
    propose_page: ClassVar[str] = PROPOSE_COUNCIL_PAGE


def invitation(dataset: Dataset) -> Invitation:
    """The platform's clauses a page without councils quotes, from the data (the
    platform's file names them, the resolution holds their words), so that a correction
    of either shows there at once."""
    # The platform the platform page shows (shora.site.pages.SiteRenderer.include).
    platform = next(iter(dataset.platforms.values()), None)
    source = dataset.resolutions.get(platform.model.source) if platform else None
    if platform is None or source is None:
        return Invitation(None, [])
    by_anchor = {clause.anchor: clause for clause in clauses(source.model)}
    parts = []
    for anchor, rule in INVITATION_PARTS:
        clause = by_anchor.get(getattr(platform.model, rule).clause)
        if clause is not None:
            items = [
                c for c in by_anchor.values() if c.parent == clause.anchor and c.kind == "item"
            ]
            parts.append(PlatformPart(anchor, clause, items))
    return Invitation(source, parts)


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
    per_page: int = routes.COUNCILS_PER_PAGE
    # Each council's page of the listing, the same in both languages (see listing_pages).
    page_of: dict[str, int] = field(default_factory=dict)

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for city in self.cities for council in city.councils]

    @property
    def count(self) -> int:
        return sum(len(city.councils) for city in self.cities)

    @property
    def pages(self) -> int:
        return pages_for(self.count, self.per_page)

    def page(self, number: int) -> list[City]:
        """The cities and councils of page ``number`` (from 1), in this language's order:
        a city whose councils fall on two pages is named on both."""
        found: list[City] = []
        for city in self.cities:
            councils = [e for e in city.councils if self.page_of.get(e.id) == number]
            if councils:
                found.append(City(city.name, councils))
        return found


def _persian_listing_key(entry: Entry[Council]) -> tuple[Any, ...]:
    """A council's place in its country's Persian listing (see Directory._group)."""
    model = entry.model
    return (sort_key(model.city.fa), sort_key(model.name.fa), entry.id)


def listing_pages(councils: list[Entry[Council]], per_page: int) -> dict[str, int]:
    """The page of a country's listing each council is on, in both languages.

    Pages follow the Persian alphabetical order, the site's first language; each page
    lists its councils in its own language's order. So page 2 of a country holds the
    same councils, with the same anchors, in Persian and in English, and the language
    switch of any page (or a link to one of its councils) lands on the same councils.
    English readers see each page in English order; the pages themselves are cut in
    Persian order."""
    ordered = sorted(councils, key=_persian_listing_key)
    return {entry.id: index // per_page + 1 for index, entry in enumerate(ordered)}


@dataclass
class Continent:
    id: str
    name: str
    federation: Entry[Federation] | None
    countries: list[Country] = field(default_factory=list)

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for country in self.countries for council in country.councils]

    @property
    def count(self) -> int:
        return sum(country.count for country in self.countries)


class Directory:
    """Councils and federations of a dataset, grouped and sorted for one language.

    ``per_page``: councils on a page of a country's listing, and the most a country
    federation's page lists or draws (default ``routes.COUNCILS_PER_PAGE``)."""

    def __init__(self, dataset: Dataset, language: str, per_page: int | None = None):
        self.dataset = dataset
        self.language = language
        self.routes = Routes(dataset)
        self.per_page = max(1, per_page or routes.COUNCILS_PER_PAGE)
        self.country_federation: dict[str, Entry[Federation]] = {}
        self.continent_federation: dict[str, Entry[Federation]] = {}
        for entry in sorted(dataset.federations.values(), key=lambda e: e.id):
            model = entry.model
            if model.level == "country" and model.country:
                self.country_federation.setdefault(model.country, entry)
            elif model.level == "continent" and model.continent:
                self.continent_federation.setdefault(model.continent, entry)
        self.continents = self._group(dataset.councils.values())
        self.countries: dict[str, Country] = {
            country.code: country
            for continent in self.continents
            for country in continent.countries
        }
        # Each council's place in its country's listing: (country code, page number).
        self.listed_on: dict[str, tuple[str, int]] = {}
        # Members of each country federation, in listing order: grouped once.
        self.members: dict[str, list[Entry[Council]]] = {}
        for country in self.countries.values():
            country.page_of = listing_pages(country.councils, self.per_page)
            for entry in country.councils:
                self.listed_on[entry.id] = (country.code, country.page_of[entry.id])
                federation = self.federation_of(entry.model)
                if federation is not None:
                    self.members.setdefault(federation.id, []).append(entry)
        self.invitation = invitation(dataset)
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
        """Continent -> country -> city -> council, each sorted by name. A country is in
        one continent only (that of its first council by id), so that its listing and
        its anchor on the index are one each."""
        language = self.language
        continents: dict[str, Continent] = {}
        countries: dict[str, Country] = {}
        cities: dict[tuple[str, str], City] = {}
        for entry in sorted(councils, key=lambda e: e.id):
            model = entry.model
            country = countries.get(model.country)
            if country is None:
                continent_id = self.continent_id(model)
                continent = continents.get(continent_id)
                if continent is None:
                    continent = continents[continent_id] = Continent(
                        continent_id,
                        continent_name(continent_id, language),
                        self.continent_federation.get(continent_id),
                    )
                country = countries[model.country] = Country(
                    model.country,
                    country_name(model.country, language),
                    self.country_federation.get(model.country) or self.federation_of(model),
                    per_page=self.per_page,
                )
                continent.countries.append(country)
            city_name = model.city[language]
            city = cities.get((model.country, fold(city_name)))
            if city is None:
                city = cities[(model.country, fold(city_name))] = City(city_name)
                country.cities.append(city)
            city.councils.append(entry)
        for continent in continents.values():
            continent.countries.sort(key=lambda c: sort_key(c.name))
            for country in continent.countries:
                country.cities.sort(key=lambda c: sort_key(c.name))
                for city in country.cities:
                    city.councils.sort(key=lambda e: (sort_key(e.model.name[language]), e.id))
        return sorted(continents.values(), key=lambda c: sort_key(c.name))

    def councils_of(self, federation: Entry[Federation]) -> list[Entry[Council]]:
        model = federation.model
        if model.level == "country":
            return self.members.get(federation.id, [])
        return [e for c in self.continents if c.id == model.continent for e in c.councils]

    def count_of(self, federation: Entry[Federation]) -> int:
        model = federation.model
        if model.level == "country":
            return len(self.members.get(federation.id, []))
        return sum(c.count for c in self.continents if c.id == model.continent)

    def countries_of(self, federation: Entry[Federation]) -> list[Country]:
        """The countries whose councils are members: of the continent, or of the country
        federation (usually its own country alone)."""
        model = federation.model
        if model.level == "continent":
            return [
                country
                for continent in self.continents
                if continent.id == model.continent
                for country in continent.countries
            ]
        codes = {e.model.country for e in self.members.get(federation.id, [])}
        return [country for code, country in self.countries.items() if code in codes]

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
        return self.routes.decision_pages()

    def decisions_on_page(self, number: int) -> list[Entry[Decision]]:
        return page_of(self.decisions, number, routes.DECISIONS_PER_PAGE)

    def latest_decisions_of(self, council_id: str) -> list[Entry[Decision]]:
        """What a council's page lists: its newest ``routes.COUNCIL_DECISIONS_SHOWN``."""
        return self.decisions_of(council_id)[: routes.COUNCIL_DECISIONS_SHOWN]

    def has_decision_list(self, council_id: str) -> bool:
        """Whether a council has a list of decisions of its own (see routes)."""
        return self.routes.has_decision_list(council_id)

    def council_decision_pages(self, council_id: str) -> int:
        return self.routes.council_decision_pages(council_id)

    def council_decisions_on_page(self, council_id: str, number: int) -> list[Entry[Decision]]:
        return page_of(self.decisions_of(council_id), number, routes.DECISIONS_PER_PAGE)

    @property
    def councils(self) -> list[Entry[Council]]:
        return [council for continent in self.continents for council in continent.councils]

    @property
    def count(self) -> int:
        return len(self.listed_on)

    # ---------------------------------------------------------------- the data file

    def data(self) -> dict[str, object]:
        """What the filter and "near me" need about every council, as compact as it
        goes: ``councils`` rows are [id, name, city, country code, lat, lon, status code,
        other spellings], in the order of the listings. Name and city are in this
        language (the script folds them); the other spellings (the other language's
        name and city, ``other_names``) are folded here with the rules the script uses.
        Coordinates are rounded: a city, never a street."""
        language = self.language
        other = language_of(language).other.code
        countries: dict[str, list[str]] = {}
        rows: list[list[object]] = []
        for continent in self.continents:
            for country in continent.countries:
                countries[country.code] = [
                    country.name,
                    fold(
                        f"{country_name(country.code, 'fa')} | {country_name(country.code, 'en')}"
                    ),
                ]
                for entry in country.councils:
                    model = entry.model
                    own = {fold(model.name[language]), fold(model.city[language])}
                    extra: list[str] = []
                    for name in (model.name[other], model.city[other], *model.other_names):
                        folded = fold(name)
                        if folded not in own and folded not in extra:
                            extra.append(folded)
                    rows.append(
                        [
                            entry.id,
                            model.name[language],
                            model.city[language],
                            model.country,
                            rounded(model.coordinates.lat),
                            rounded(model.coordinates.lon),
                            STATUS_CODES[model.status],
                            " | ".join(extra),
                        ]
                    )
        statuses = {
            code: t(f"council_status_{status}", language) for status, code in STATUS_CODES.items()
        }
        return {"countries": countries, "statuses": statuses, "councils": rows}

    def data_script(self) -> str:
        """The data file's text: a script that sets ``window.shoraDirectoryData``."""
        return global_data_script(DATA_GLOBAL, self.data())
