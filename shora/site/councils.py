"""The council directory section: the directory, council, federation and decision pages.

Pages (the same in both languages, English under en/):

    councils/                 the directory: every council by continent, country, city
    councils/<id>/            one council, with its decisions
    federations/              every federation, continent by continent
    federations/<id>/         a country or continent federation, with its map
    decisions/                every published decision, newest first (50 a page,
    decisions/page/<n>/       then further pages)
    decisions/<id>/           one decision: its permanent address
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from markupsafe import Markup

from shora.geography import continent_name, country_name
from shora.maps.svg import Marker, bubble_radius, region_map, world_map
from shora.models.common import PartialDate
from shora.models.council import Council, Decision, Federation
from shora.persian import localize_digits
from shora.site.directory import (
    Directory,
    council_url,
    decision_url,
    decisions_page_url,
    federation_url,
    published_name,
    rounded,
    search_text,
    sort_key,
)
from shora.site.strings import t
from shora.site.urls import relative

if TYPE_CHECKING:
    from shora.dataset import Entry
    from shora.site.pages import GeneratedPage, SiteRenderer


class CouncilSection:
    kinds = ("councils", "council", "federations", "federation", "decisions", "decision")

    def __init__(self, renderer: SiteRenderer):
        self.renderer = renderer
        self.language = renderer.language
        self.directory = Directory(renderer.dataset, renderer.language)

    # ---------------------------------------------------------------- pages

    def pages(self) -> list[GeneratedPage]:
        from shora.site.pages import GeneratedPage

        dataset = self.renderer.dataset
        found = [GeneratedPage("councils/index.md", "councils")]
        found += [
            GeneratedPage(f"councils/{id_}.md", "council", id_) for id_ in sorted(dataset.councils)
        ]
        found.append(GeneratedPage("federations/index.md", "federations"))
        found += [
            GeneratedPage(f"federations/{id_}.md", "federation", id_)
            for id_ in sorted(dataset.federations)
        ]
        found.append(GeneratedPage("decisions/index.md", "decisions", "1"))
        for number in range(2, self.directory.decision_pages() + 1):
            found.append(GeneratedPage(f"decisions/page/{number}.md", "decisions", str(number)))
        found += [
            GeneratedPage(f"decisions/{id_}.md", "decision", id_)
            for id_ in sorted(dataset.decisions)
        ]
        return found

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
        script = relative("assets/javascripts/directory.js", page.url)
        return str(
            Markup('<link rel="stylesheet" href="{}">\n<script src="{}" defer></script>').format(
                css, script
            )
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
        if page.kind == "decision":
            entry_d = self.renderer.dataset.decisions[page.key or ""]
            return self.renderer.template("decision.html", page.url, **values, d=entry_d)
        if page.kind == "decisions":
            return self.renderer.template(
                "decisions.html", page.url, **values, **self._decisions(int(page.key or "1"))
            )
        return self.renderer.template("directory.html", page.url, **values, **self._index(page.url))

    # ---------------------------------------------------------------- values

    def _num(self, value: object) -> str:
        return localize_digits(str(value), self.language)

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
            "day": day,
            "kind_label": kind_label,
            "vote_shares": vote_shares,
            "person_name": lambda person: published_name(person, language),
            "country_name": lambda code: country_name(code, language),
            "continent_name": lambda code: continent_name(code, language),
            "search_text": search_text,
            "weekday": lambda day: t(f"weekday_{day}", language),
            "councils_of": self.directory.councils_of,
        }

    def _index(self, current: str) -> dict[str, Any]:
        language = self.language
        directory = self.directory
        markers = []
        for continent in directory.continents:
            for country in continent.countries:
                councils = country.councils
                lat = sum(e.model.coordinates.lat for e in councils) / len(councils)
                lon = sum(e.model.coordinates.lon for e in councils) / len(councils)
                target = (
                    relative(federation_url(country.federation.id), current)
                    if country.federation
                    else f"#country-{country.code.lower()}"
                )
                key = (
                    "directory_country_marker_one"
                    if len(councils) == 1
                    else "directory_country_marker"
                )
                markers.append(
                    Marker(
                        rounded(lat), rounded(lon), target,
                        t(key, language, country=country.name, count=self._num(len(councils))),
                        radius=bubble_radius(len(councils)),
                    )
                )  # fmt: skip
        countries = {country.code for c in directory.continents for country in c.countries}
        return {
            "map": world_map(markers, t("directory_map_label", language), countries)
            if markers
            else Markup(""),
            "countries": len(countries),
            "near_me": directory.near_me_json(lambda url: relative(url, current)),
        }

    def _council_markers(self, councils: list[Entry[Council]], current: str) -> list[Marker]:
        language = self.language
        return [
            Marker(
                rounded(e.model.coordinates.lat), rounded(e.model.coordinates.lon),
                relative(council_url(e.id), current),
                f"{e.model.name[language]} ({e.model.city[language]})",
                muted=e.model.status in ("inactive", "dissolved"),
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
            "decisions": self.directory.decisions_of(entry.id),
            "continent": self.directory.continent_id(entry.model),
        }

    def _federation(self, entry: Entry[Federation], current: str) -> dict[str, Any]:
        language = self.language
        model = entry.model
        councils = self.directory.councils_of(entry)
        members = self.directory.member_federations(entry) if model.level == "continent" else []
        shown = {e.model.country for e in councils}
        if model.country:
            shown.add(model.country)
        shown |= {m.model.country for m in members if m.model.country}
        label = t("federation_map_label", language, name=model.name[language])
        parent = self.renderer.dataset.federations.get(model.parent) if model.parent else None
        return {
            "f": model,
            "entry": entry,
            "parent": parent,
            "councils": councils,
            "members": members,
            "map": region_map(sorted(shown), self._council_markers(councils, current), label),
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

    def _decisions(self, number: int) -> dict[str, Any]:
        pages = self.directory.decision_pages()
        return {
            "entries": self.directory.decisions_on_page(number),
            "number": number,
            "pages": pages,
            "page_url": decisions_page_url,
        }


__all__ = ["Council", "CouncilSection", "Federation"]
