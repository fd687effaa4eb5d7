"""The HTML of every page the data makes, in one language: the resolution pages here,
the other sections' pages by their sections (:data:`shora.site.sections.SECTIONS`).
Which pages exist is :class:`shora.site.routes.Routes`' to say.

Resolution pages (the same in both languages, English under en/):

    resolutions/                      every resolution, newest first, RESOLUTIONS_PER_PAGE
    resolutions/page/<n>/             a page (no page grows with the data)
    resolutions/<id>/                 one resolution
    resolutions/<id>/parallel/        both languages side by side
    resolutions/index-data.js         every resolution's list item, for the filter of a
                                      list on several pages (shora.publish.resolutions_data)
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, StrictUndefined
from markupsafe import Markup

from shora.core.language import language_of, localize_digits
from shora.load.dataset import Dataset, Entry
from shora.models.clauses import Clause, clauses, outline, untranslated
from shora.models.resolution import Resolution
from shora.site import formatting, routes
from shora.site.directory import global_data_script, page_numbers, page_of
from shora.site.page_types import GeneratedPage, Section
from shora.site.routes import (
    RESOLUTIONS_DATA_FILE,
    RESOLUTIONS_PAGE,
    Routes,
    global_url,
    resolution_url,
    resolutions_page_url,
)
from shora.site.sections import SECTIONS
from shora.site.strings import LANGUAGE_NAMES, plural_forms, t, t_count
from shora.site.urls import relative

# Markers hand-written pages use to include generated parts.
MARKERS = ("latest-resolutions", "platform")
LATEST_COUNT = 5
# The filter of a list on several pages shows what every page holds: the items come
# from RESOLUTIONS_DATA_FILE (one per language), loaded by the page only when a filter
# is chosen; it sets this global.
RESOLUTIONS_DATA_GLOBAL = "shoraResolutionsData"


def body_key(resolution: Resolution) -> str:
    """The adopting body as the list's filter names it, the same in both languages: its
    English name, or its Persian one until it is translated."""
    body = resolution.adopted_by.body
    return body.en or body.fa


def _sort_key(entry: Entry[Resolution]) -> tuple[Any, ...]:
    first = entry.model.adopted.date.earliest()
    # Newest first; unknown dates last, then by id for a stable order.
    return (first is None, -(first.toordinal() if first else 0), entry.id)


class SiteRenderer:
    """Renders every generated page of one language."""

    def __init__(
        self,
        dataset: Dataset,
        language: str,
        downloads: Callable[[SiteRenderer, Entry[Resolution]], Any] | None = None,
    ):
        """``downloads(renderer, entry)``: a resolution's files to download (its PDF,
        :func:`shora.publish.pdf.download`), given by the build; pages rendered
        without it link none."""
        self.dataset = dataset
        self.language = language
        self.routes = Routes(dataset)
        self.downloads = downloads
        self.environment = Environment(
            loader=PackageLoader("shora.site", "templates"),
            autoescape=True,
            trim_blocks=True,
            lstrip_blocks=True,
            undefined=StrictUndefined,
            keep_trailing_newline=False,
            # Templates do not change during a build: without this, Jinja checks each
            # included template's file on disk every time it is included.
            auto_reload=False,
        )
        # Persian text in a page's JSON as itself, not as \u escapes (tojson still
        # escapes <, >, & and ' for HTML).
        self.environment.policies["json.dumps_kwargs"] = {"sort_keys": True, "ensure_ascii": False}
        self.resolutions = sorted(dataset.resolutions.values(), key=_sort_key)
        self.superseded_by: dict[str, list[str]] = defaultdict(list)
        self.amended_by: dict[str, list[str]] = defaultdict(list)
        for entry in self.resolutions:
            for reference in entry.model.supersedes:
                self.superseded_by[reference.split("#")[0]].append(
                    f"{entry.id}#{reference.partition('#')[2]}"
                )
            for reference in entry.model.amends:
                self.amended_by[reference.split("#")[0]].append(
                    f"{entry.id}#{reference.partition('#')[2]}"
                )

        self.sections: list[Section] = [make(self) for make in SECTIONS]
        self._section_of = {kind: section for section in self.sections for kind in section.kinds}

    # ------------------------------------------------------------ pages

    def resolution_pages(self) -> int:
        return self.routes.resolution_pages()

    def resolutions_on_page(self, number: int) -> list[Entry[Resolution]]:
        return page_of(self.resolutions, number, routes.RESOLUTIONS_PER_PAGE)

    def pages(self) -> list[GeneratedPage]:
        """Every page the data makes (:meth:`shora.site.routes.Routes.pages`)."""
        return self.routes.pages()

    def title(self, page: GeneratedPage) -> str:
        language = self.language
        if page.kind in self._section_of:
            return self._section_of[page.kind].title(page)
        if page.kind == "resolutions":
            title = t("resolutions", language)
            number = int(page.key or "1")
            if number > 1:
                pages = localize_digits(str(self.resolution_pages()), language)
                title += " — " + t(
                    "decisions_page", language, page=localize_digits(str(number), language),
                    pages=pages,
                )  # fmt: skip
            return title
        resolution = self.dataset.resolutions[page.key or ""].model
        if page.kind == "parallel":
            return t("parallel_title", language, title=resolution.title[language])
        return resolution.title[language]

    # ------------------------------------------------------------ rendering

    def _context(self, current: str) -> dict[str, Any]:
        language = self.language

        def link(target: str) -> str:
            return relative(target, current)

        def text(key: str, **values: object) -> str:
            return t(key, language, **values)

        page_language = language_of(language)
        other = page_language.other.code

        self.environment.filters["level_name"] = lambda level: t(f"level_{level}", language)
        return {
            "lang": language,
            "other": other,
            "comma": page_language.comma,
            "semicolon": page_language.semicolon,
            "counterpart": relative(global_url(current, other), global_url(current, language)),
            "dir": page_language.direction,
            "t": text,
            "t_count": lambda key, count, **values: t_count(key, language, count, **values),
            "plural_forms": lambda key, **values: plural_forms(key, language, **values),
            "link": link,
            "num": lambda value: localize_digits(str(value), language),
            "date": lambda value, as_printed=False: formatting.date_html(
                value, language, as_printed=as_printed
            ),
            "vote": lambda value: formatting.vote_text(value, language),
            # A resolution's text as the page shows it (in Persian, marked, until translated)
            "shown": lambda *values: formatting.shown_text(*values, language=language),
            "lang_of": formatting.language_attributes,
            "direction": formatting.direction,
            "language_name": lambda code: t(f"language_{code}", language),
            "dataset": self.dataset,
            "resolution_url": resolution_url,
            "routes": routes,  # every other address
            "page_numbers": page_numbers,
            "current": current,
        }

    def template(self, name: str, current: str, **values: Any) -> str:
        """Render a template of shora/site/templates for the page at ``current``."""
        template = self.environment.get_template(name)
        return template.render(**self._context(current), **values)

    def render(self, page: GeneratedPage) -> str:
        if page.kind in self._section_of:
            return self._section_of[page.kind].render(page)
        if page.kind in ("resolution", "parallel"):
            entry = self.dataset.resolutions[page.key or ""]
            return self.template(f"{page.kind}.html", page.url, **self._resolution_values(entry))
        number = int(page.key or "1")
        pages = self.resolution_pages()
        entries = self.resolutions_on_page(number)
        return self.template(
            "resolutions.html",
            page.url,
            groups=self._by_year(entries),
            entries=entries,
            # Its options come from every resolution; on a list of several pages it
            # filters the items of RESOLUTIONS_DATA_FILE, not those of the page.
            filters=self._filters(),
            data_src=relative(RESOLUTIONS_DATA_FILE, page.url),
            data_base=relative(RESOLUTIONS_PAGE, page.url),
            number=number,
            pages=pages,
            page_url=resolutions_page_url,
        )

    def resolutions_data_script(self) -> str:
        """The text of RESOLUTIONS_DATA_FILE: a script that sets the list items of every
        resolution, newest first, as the index renders them (links relative to
        resolutions/; the filter makes them relative to its page)."""
        template = self.environment.get_template("_resolution_item.html")
        context = self._context(RESOLUTIONS_PAGE)
        items = [template.render(**context, e=entry).strip() for entry in self.resolutions]
        return global_data_script(RESOLUTIONS_DATA_GLOBAL, {"items": items})

    def _resolution_values(self, entry: Entry[Resolution]) -> dict[str, Any]:
        model = entry.model
        every = list(clauses(model))
        return {
            "entry": entry,
            "r": model,
            "clauses": every,
            # Texts not translated into the page's language yet, and whether any clause is.
            "untranslated": untranslated(model, self.language),
            "text_translated": any(c.text.get(self.language) for c in every),
            "o": outline(model),
            "organization": self.dataset.organizations.get(model.organization),
            "topics": self.dataset.topics.model.root if self.dataset.topics else {},
            "superseded_by": self.superseded_by.get(entry.id, []),
            "amended_by": self.amended_by.get(entry.id, []),
            "translated": model.original_language != self.language,
            "label": lambda clause, language=self.language: clause.label(language),
            # Its PDF's link and size; the PDFs are made on the first call.
            "pdf_download": (lambda: self.downloads(self, entry)) if self.downloads else None,
        }

    def _filters(self) -> list[tuple[str, str, list[tuple[str, str]]]]:
        """The index's filter fields: (name, caption, [(value, label)])."""
        language = self.language
        models = [entry.model for entry in self.resolutions]
        topics = self.dataset.topics.model.root if self.dataset.topics else {}
        organizations = {
            m.organization: self.dataset.organizations[m.organization].model.name[language]
            for m in models
            if m.organization in self.dataset.organizations
        }
        bodies = {body_key(m): m.adopted_by.body[language] for m in models}
        years = {
            str(m.adopted.date.gregorian_year or "unknown"): (
                localize_digits(str(m.adopted.date.gregorian_year), language)
                if m.adopted.date.gregorian_year
                else t("year_unknown", language)
            )
            for m in models
        }
        statuses = {m.status: t(f"status_{m.status}", language) for m in models}
        used_topics = {topic: topics[topic][language] for m in models for topic in m.topics}
        return [
            (name, t(caption, language), sorted(options.items()))
            for name, caption, options in (
                ("organization", "organization", organizations),
                ("body", "body", bodies),
                ("year", "year", years),
                ("status", "status", statuses),
                ("topics", "topic", used_topics),
            )
        ]

    @staticmethod
    def _by_year(
        entries: list[Entry[Resolution]],
    ) -> list[tuple[int | None, list[Entry[Resolution]]]]:
        groups: dict[int | None, list[Entry[Resolution]]] = {}
        for entry in entries:
            groups.setdefault(entry.model.adopted.date.gregorian_year, []).append(entry)
        return list(groups.items())

    def include(self, marker: str, current: str) -> str:
        """HTML for a marker ``<!-- shora:NAME -->`` in a hand-written page."""
        if marker == "latest-resolutions":
            return self.template("latest.html", current, entries=self.resolutions[:LATEST_COUNT])
        platform = next(iter(self.dataset.platforms.values()), None)
        if platform is None:
            return ""
        source = self.dataset.resolutions[platform.model.source]
        by_anchor: dict[str, Clause] = {c.anchor: c for c in clauses(source.model)}
        return self.template(
            "platform.html", current, p=platform.model, source=source, by_anchor=by_anchor,
            children=lambda anchor: [c for c in by_anchor.values() if c.parent == anchor],
        )  # fmt: skip

    def replace_markers(self, html: str, current: str) -> str:
        for marker in MARKERS:
            comment = f"<!-- shora:{marker} -->"
            if comment in html:
                html = html.replace(comment, self.include(marker, current))
        return html

    # ------------------------------------------------------------ head

    def head(self, page: GeneratedPage, canonical_base: str | None = None) -> str:
        """JSON-LD and Open Graph tags of a resolution page, the filter's script on the
        resolutions index; '' for other pages."""
        if page.kind in self._section_of:
            return self._section_of[page.kind].head(page)
        if page.kind == "resolutions":
            shared = relative("assets/javascripts/shared.js", page.url)
            script = relative("assets/javascripts/resolutions.js", page.url)
            return str(
                Markup('<script src="{}" defer></script>\n<script src="{}" defer></script>').format(
                    shared, script
                )
            )
        if page.kind != "resolution":
            return ""
        entry = self.dataset.resolutions[page.key or ""]
        model = entry.model
        language = self.language
        organization = self.dataset.organizations.get(model.organization)
        passed_by: dict[str, Any] = {
            "@type": "Organization",
            "name": _json_ld_text(model.adopted_by.body, language),
        }
        if organization:
            passed_by["parentOrganization"] = {
                "@type": "Organization",
                "name": organization.model.name[language],
            }
        other = language_of(language).other.code
        # A page whose text is not translated yet is in the original language.
        text_language = (
            language
            if any(c.text.get(language) for c in clauses(model))
            else model.original_language
        )
        data: dict[str, Any] = {
            "@context": "https://schema.org",
            "@type": "Legislation",
            "name": _json_ld_text(model.title, language),
            "inLanguage": text_language,
            "legislationType": t("resolution", language),
            "legislationIdentifier": entry.id,
            "legislationPassedBy": passed_by,
        }
        if model.adopted.date.known:
            data["legislationDate"] = str(model.adopted.date)
        if model.title.get(other) and model.title.language_shown(language) == language:
            data["alternateName"] = model.title[other]
        if model.original_language != text_language:
            data["translationOfWork"] = {
                "@type": "Legislation",
                "inLanguage": model.original_language,
            }
        # "</" must not appear inside a <script> element.
        json_ld = json.dumps(data, ensure_ascii=False, sort_keys=True).replace("<", "\\u003c")
        locale = {"fa": "fa_IR", "en": "en_GB"}
        tags = [
            Markup('<script type="application/ld+json">{}</script>').format(Markup(json_ld)),
            Markup('<meta property="og:type" content="article">'),
            Markup('<meta property="og:title" content="{}">').format(model.title[language]),
            Markup('<meta property="og:site_name" content="{}">').format(t("site_name", language)),
            Markup('<meta property="og:locale" content="{}">').format(locale[language]),
            Markup('<meta property="og:locale:alternate" content="{}">').format(locale[other]),
        ]  # fmt: skip
        return "\n".join(tags)


def _json_ld_text(text: Any, language: str) -> str | dict[str, str]:
    """A text of a resolution in JSON-LD: a text not translated into ``language`` yet is
    given with its own language (a language-tagged string)."""
    shown = text.language_shown(language)
    if shown == language:
        return str(text[language])
    return {"@value": text[language], "@language": shown}


__all__ = ["LANGUAGE_NAMES", "GeneratedPage", "SiteRenderer"]
