"""The council directory section: the directory, council, federation and decision pages.

Pages (the same in both languages, English under en/; which exist and where is for
:mod:`shora.site.routes` to say):

    councils/                 the directory: continents and countries (with their number
                              of councils), a world map with one bubble per country, the
                              filter and "near me" (their data: councils/directory-data.js,
                              loaded only when used)
    councils/country/<cc>/    one country's cities and councils, 100 a page, then
    councils/country/<cc>/page/<n>/   further pages; each with a map of its councils
    councils/<id>/            one council, with its latest decisions (COUNCIL_DECISIONS_SHOWN)
    councils/<id>/decisions/  a council's decisions when it has more, newest first (50 a
    councils/<id>/decisions/page/<n>/   page, then further pages)
    federations/              every federation, continent by continent
    federations/<id>/         a country or continent federation, with its map
    decisions/                every published decision, newest first (50 a page,
    decisions/page/<n>/       then further pages)
    decisions/<id>/           one decision: its permanent address
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from shora.core.language import localize_digits
from shora.maps.svg import Marker, bubble_radius, region_map, world_map
from shora.models.common import PartialDate
from shora.models.council import Council, Decision, Federation
from shora.models.geography import continent_name, country_name
from shora.site.directory import Directory, council_anchor, published_name, rounded, sort_key
from shora.site.formatting import time_zone_name
from shora.site.page_types import GeneratedPage, Renderer
from shora.site.routes import (
    COUNCILS_PAGE,
    DIRECTORY_DATA_FILE,
    council_decisions_url,
    council_url,
    country_url,
    decision_url,
    decisions_page_url,
    federation_url,
)
from shora.site.strings import t, t_count
from shora.site.urls import relative

if TYPE_CHECKING:
    from shora.load.dataset import Entry


class CouncilSection:
    kinds = (
        "councils", "country", "council", "council_decisions", "federations", "federation",
        "decisions", "decision",
    )  # fmt: skip

    def __init__(self, renderer: Renderer):
        self.renderer = renderer
        self.language = renderer.language
        self.directory = Directory(renderer.dataset, renderer.language)

    # ---------------------------------------------------------------- pages

    def title(self, page: GeneratedPage) -> str:
        language, dataset = self.language, self.renderer.dataset
        if page.kind == "council":
            return dataset.councils[page.key or ""].model.name[language]
        if page.kind == "federation":
            return dataset.federations[page.key or ""].model.name[language]
        if page.kind == "decision":
            return dataset.decisions[page.key or ""].model.title[language]
        if page.kind == "federations":
            return t("federations", language)
        if page.kind == "country":
            code, number = self._country_key(page)
            country = self.directory.countries[code]
            title = t("country_councils", language, country=country.name)
            if country.pages > 1:
                title += " — " + t(
                    "decisions_page",
                    language,
                    page=self._num(number),
                    pages=self._num(country.pages),
                )
            return title
        if page.kind == "council_decisions":
            council_id, number = self._country_key(page)
            title = t(
                "council_decisions",
                language,
                name=dataset.councils[council_id].model.name[language],
            )
            pages = self.directory.council_decision_pages(council_id)
            if number > 1:
                title += " — " + t(
                    "decisions_page", language, page=self._num(number), pages=self._num(pages)
                )
            return title
        if page.kind == "decisions":
            number = int(page.key or "1")
            title = t("all_decisions", language)
            if number > 1:
                pages = self.directory.decision_pages()
                title += " — " + t(
                    "decisions_page", language, page=self._num(number), pages=self._num(pages)
                )
            return title
        return t("councils", language)

    def head(self, page: GeneratedPage) -> str:
        """The section's stylesheet and script, on its own pages only: resolution pages
        (the heaviest, with a weight budget) do not download them."""
        css = relative("assets/stylesheets/directory.css", page.url)
        shared = relative("assets/javascripts/shared.js", page.url)
        script = relative("assets/javascripts/directory.js", page.url)
        return str(
            Markup(
                '<link rel="stylesheet" href="{}">\n<script src="{}" defer></script>\n'
                '<script src="{}" defer></script>'
            ).format(css, shared, script)
        )

    def render(self, page: GeneratedPage) -> str:
        values = self._common(page.url)
        if page.kind == "council":
            entry = self.renderer.dataset.councils[page.key or ""]
            return self.renderer.template(
                "council.html", page.url, **values, **self._council(entry)
            )
        if page.kind == "federation":
            entry_f = self.renderer.dataset.federations[page.key or ""]
            return self.renderer.template(
                "federation.html", page.url, **values, **self._federation(entry_f, page.url)
            )
        if page.kind == "federations":
            return self.renderer.template(
                "federations.html", page.url, **values, groups=self._federation_groups()
            )
        if page.kind == "country":
            return self.renderer.template("country.html", page.url, **values, **self._country(page))
        if page.kind == "decision":
            entry_d = self.renderer.dataset.decisions[page.key or ""]
            return self.renderer.template("decision.html", page.url, **values, d=entry_d)
        if page.kind == "decisions":
            return self.renderer.template(
                "decisions.html", page.url, **values, **self._decisions(int(page.key or "1"))
            )
        if page.kind == "council_decisions":
            return self.renderer.template(
                "council_decisions.html", page.url, **values, **self._council_decisions(page)
            )
        return self.renderer.template("directory.html", page.url, **values, **self._index(page.url))

    # ---------------------------------------------------------------- values

    def _num(self, value: object) -> str:
        return localize_digits(str(value), self.language)

    def _count(self, key: str, count: int) -> str:
        """12 councils, 1 council: ``key`` is councils_count or cities_count."""
        return t_count(key, self.language, count)

    @staticmethod
    def _country_key(page: GeneratedPage) -> tuple[str, int]:
        """(country code or council id, page number) of a paginated page's key."""
        code, _, number = (page.key or "").partition("/")
        return code, int(number or "1")

    def _common(self, current: str) -> dict[str, Any]:
        """Helpers every template of the section uses."""
        language = self.language
        dataset = self.renderer.dataset

        def council_link(council_id: str) -> str:
            return relative(council_url(council_id), current)

        def federation_link(federation_id: str) -> str:
            return relative(federation_url(federation_id), current)

        def decision_link(decision_id: str) -> str:
            return relative(decision_url(decision_id), current)

        def country_link(code: str, number: int = 1) -> str:
            return relative(country_url(code, number), current)

        def day(value: dt.date) -> Markup:
            from shora.site.formatting import date_html

            return date_html(PartialDate(value.year, value.month, value.day), language)

        def kind_label(decision: Decision) -> str:
            if decision.kind in ("election", "recall"):
                council = dataset.councils.get(decision.council)
                role = next(
                    (r for r in (council.model.board if council else []) if r.id == decision.role),
                    None,
                )
                role_name = role.title[language] if role else (decision.role or "")
                return t(f"kind_{decision.kind}", language, role=role_name)
            return t(f"kind_{decision.kind}", language)

        def vote_shares(decision: Decision) -> list[tuple[str, int]]:
            vote = decision.vote
            absent = max(0, vote.participants - vote.yes - vote.no - vote.abstain)
            return [("yes", vote.yes), ("no", vote.no), ("abstain", vote.abstain), ("none", absent)]

        return {
            "directory": self.directory,
            "council_link": council_link,
            "federation_link": federation_link,
            "decision_link": decision_link,
            "country_link": country_link,
            "council_anchor": council_anchor,
            "count_councils": lambda count: self._count("councils_count", count),
            "count_cities": lambda count: self._count("cities_count", count),
            "per_page": self._num(self.directory.per_page),
            "day": day,
            "kind_label": kind_label,
            "vote_shares": vote_shares,
            "person_name": lambda person: published_name(person, language),
            "country_name": lambda code: country_name(code, language),
            "continent_name": lambda code: continent_name(code, language),
            "weekday": lambda day: t(f"weekday_{day}", language),
            "time_zone": lambda zone: time_zone_name(zone, language),
            "councils_of": self.directory.councils_of,
            "count_of": self.directory.count_of,
        }

    def _country_markers(self, countries: list[Any], current: str) -> list[Marker]:
        """One bubble per country, sized by its councils, linking to its listing."""
        language = self.language
        markers = []
        for country in countries:
            councils = country.councils
            lat = sum(e.model.coordinates.lat for e in councils) / len(councils)
            lon = sum(e.model.coordinates.lon for e in councils) / len(councils)
            markers.append(
                Marker(
                    rounded(lat), rounded(lon), relative(country_url(country.code), current),
                    t_count("directory_country_marker", language, len(councils),
                            country=country.name),
                    radius=bubble_radius(len(councils)), key=country.code,
                )
            )  # fmt: skip
        return markers

    def _tools(self, current: str) -> dict[str, str]:
        """Where the filter and "near me" find their data file and the council pages."""
        return {
            "data_src": relative(DIRECTORY_DATA_FILE, current),
            "councils_base": relative(COUNCILS_PAGE, current),
        }

    def _index(self, current: str) -> dict[str, Any]:
        language = self.language
        directory = self.directory
        countries = list(directory.countries.values())
        markers = self._country_markers(countries, current)
        return {
            "map": world_map(markers, t("directory_map_label", language), directory.countries)
            if markers
            else Markup(""),
            "countries": len(countries),
            **self._tools(current),
        }

    def _country(self, page: GeneratedPage) -> dict[str, Any]:
        language = self.language
        code, number = self._country_key(page)
        country = self.directory.countries[code]
        cities = country.page(number)
        shown = [e for city in cities for e in city.councils]
        label = t("country_map_label", language, country=country.name)
        continent = next(
            c for c in self.directory.continents if any(k is country for k in c.countries)
        )
        return {
            "country": country,
            "continent": continent,
            "cities": cities,
            "number": number,
            "pages": country.pages,
            "page_url": lambda n: country_url(code, n),
            "map": region_map([code], self._council_markers(shown, page.url), label),
            **self._tools(page.url),
        }

    def _council_markers(self, councils: list[Entry[Council]], current: str) -> list[Marker]:
        language = self.language
        return [
            Marker(
                rounded(e.model.coordinates.lat), rounded(e.model.coordinates.lon),
                relative(council_url(e.id), current),
                f"{e.model.name[language]} ({e.model.city[language]})",
                muted=e.model.status in ("inactive", "dissolved"), key=e.id,
            )
            for e in councils
        ]  # fmt: skip

    def _council(self, entry: Entry[Council]) -> dict[str, Any]:
        federation = self.directory.federation_of(entry.model)
        parent = None
        if federation and federation.model.parent:
            parent = self.renderer.dataset.federations.get(federation.model.parent)
        return {
            "c": entry.model,
            "entry": entry,
            "federation": federation,
            "parent": parent,
            "decisions": self.directory.latest_decisions_of(entry.id),
            "decisions_count": len(self.directory.decisions_of(entry.id)),
            "decisions_list": council_decisions_url(entry.id)
            if self.directory.has_decision_list(entry.id)
            else None,
            "continent": self.directory.continent_id(entry.model),
        }

    def _merge(self, current: str) -> Callable[[list[Marker]], Marker]:
        """One bubble for councils close together on a map: it links to the listing
        page of the first of them, at its item."""
        language = self.language
        councils = self.renderer.dataset.councils
        directory = self.directory

        def merge(markers: list[Marker]) -> Marker:
            first = min(markers, key=lambda m: (directory.listed_on[m.key][1], m.key))
            code, number = directory.listed_on[first.key]
            city = councils[first.key].model.city[language]
            return Marker(
                rounded(sum(m.lat for m in markers) / len(markers)),
                rounded(sum(m.lon for m in markers) / len(markers)),
                relative(country_url(code, number) + "#" + council_anchor(first.key), current),
                t("map_cluster", language, count=self._num(len(markers)), city=city),
                radius=bubble_radius(len(markers)),
                muted=all(m.muted for m in markers),
            )

        return merge

    def _federation(self, entry: Entry[Federation], current: str) -> dict[str, Any]:
        """A continent federation lists its countries (its map: one bubble each); a
        country federation lists its councils, or, when they are more than a page of a
        country listing, links to those pages (its map merges councils close together)."""
        language = self.language
        model = entry.model
        directory = self.directory
        countries = directory.countries_of(entry)
        members = directory.member_federations(entry) if model.level == "continent" else []
        shown = {country.code for country in countries}
        if model.country:
            shown.add(model.country)
        shown |= {m.model.country for m in members if m.model.country}
        label = t("federation_map_label", language, name=model.name[language])
        parent = self.renderer.dataset.federations.get(model.parent) if model.parent else None
        count = directory.count_of(entry)
        per_page = directory.per_page
        listed = model.level == "country" and count <= per_page
        councils = directory.councils_of(entry) if model.level == "country" else []
        if model.level == "continent":
            markers = self._country_markers(countries, current)
            drawn = region_map(sorted(shown), markers, label)
        else:
            markers = self._council_markers(councils, current)
            drawn = region_map(
                sorted(shown), markers, label,
                max_markers=per_page, merge=self._merge(current),
            )  # fmt: skip
        return {
            "f": model,
            "entry": entry,
            "parent": parent,
            "count": count,
            "councils": councils if listed else [],
            "countries": countries,
            "members": members,
            "merged": len(markers) > per_page and model.level == "country",
            "map": drawn,
        }

    def _federation_groups(self) -> list[tuple[Entry[Federation], list[Entry[Federation]]]]:
        """Continent federations, each with its country federations; then country
        federations without a continent federation, each on its own."""
        directory = self.directory
        dataset = self.renderer.dataset
        continents = sorted(
            (e for e in dataset.federations.values() if e.model.level == "continent"),
            key=lambda e: sort_key(e.model.name[self.language]),
        )
        groups = [(c, directory.member_federations(c)) for c in continents]
        placed = {m.id for _, members in groups for m in members}
        orphans = sorted(
            (
                e
                for e in dataset.federations.values()
                if e.model.level == "country" and e.id not in placed
            ),
            key=lambda e: sort_key(e.model.name[self.language]),
        )
        return groups + [(o, []) for o in orphans]

    def _council_decisions(self, page: GeneratedPage) -> dict[str, Any]:
        council_id, number = self._country_key(page)
        entry = self.renderer.dataset.councils[council_id]
        return {
            "c": entry.model,
            "entry": entry,
            "count": len(self.directory.decisions_of(council_id)),
            "entries": self.directory.council_decisions_on_page(council_id, number),
            "number": number,
            "pages": self.directory.council_decision_pages(council_id),
            "page_url": lambda n: council_decisions_url(council_id, n),
        }

    def _decisions(self, number: int) -> dict[str, Any]:
        pages = self.directory.decision_pages()
        return {
            "entries": self.directory.decisions_on_page(number),
            "number": number,
            "pages": pages,
            "page_url": decisions_page_url,
        }


__all__ = ["Council", "CouncilSection", "Federation"]
