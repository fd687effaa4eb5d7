"""Atom feeds (RFC 4287), per language: new resolutions, decisions of all councils, and
the decisions of each council. Dates come from the data; a resolution of unknown date
uses the build date (``SOURCE_DATE_EPOCH`` or the data's newest date), never the clock.

Written under feeds/ in each language's root. With the site's address (``site_url``)
every link is absolute, the self link first (feed readers and validators want it so);
without one they are relative to the feed, so a copy works from any address.

Entries of the same day are a second apart (midnight, then 00:00:01 ...), in the order
of their ids: each entry has an instant of its own, by which feed readers order and
tell apart updates (the W3C feed validator warns on two entries sharing one). Only the
day is data; the seconds only order.

A resolution not translated yet is in the English feed all the same: its title (and its
summary, when a part of it is not translated) in Persian, marked ``xml:lang="fa"``."""

from __future__ import annotations

import datetime as dt
import posixpath
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from shora.core.language import language_of
from shora.load.dataset import Dataset
from shora.publish.common import (
    FEEDS_DIR,
    build_epoch,
    council_page,
    epoch_datetime,
    existing_page,
    has_page,
    language_root,
    stable_id,
    write_text,
)
from shora.site.strings import t
from shora.site.urls import relative

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RESOLUTIONS = FEEDS_DIR + "resolutions.xml"
DECISIONS = FEEDS_DIR + "decisions.xml"


def council_feed(council_id: str) -> str:
    return f"{FEEDS_DIR}councils/{council_id}.xml"


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head advertises it."""

    path: str  # relative to the language's root
    title: str


def feeds_of_page(dataset: Dataset, language: str, page_url: str) -> list[FeedLink]:
    """The feeds a page advertises: the site's two, and a council's own on its page and
    on the pages listing its decisions (councils/<id>/decisions/...)."""
    feeds = [
        FeedLink(RESOLUTIONS, t("feed_resolutions", language)),
        FeedLink(DECISIONS, t("feed_decisions", language)),
    ]
    parts = page_url.strip("/").split("/")
    if len(parts) >= 2 and parts[0] == "councils" and parts[1] in dataset.councils:
        name = dataset.councils[parts[1]].model.name[language]
        feeds.append(FeedLink(council_feed(parts[1]), t("feed_council", language, name=name)))
    return feeds


@dataclass(frozen=True)
class Entry:
    id: str
    title: str
    updated: dt.datetime
    link: str  # relative to the language's root
    summary: str
    content: str | None = None
    # The language of the title and of the summary where it is not the feed's.
    title_language: str | None = None
    summary_language: str | None = None


def _time(value: dt.datetime) -> str:
    return value.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _midnight(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def distinct_instants(entries: list[Entry]) -> list[Entry]:
    """The entries, each sharing its ``updated`` instant with others moved on by a
    second per entry before it (in the order of ids): no two share one."""
    taken: dict[dt.datetime, int] = {}
    spread = []
    for entry in sorted(entries, key=lambda e: (e.updated, e.id)):
        count = taken.get(entry.updated, 0)
        taken[entry.updated] = count + 1
        later = entry.updated + dt.timedelta(seconds=count)
        spread.append(replace(entry, updated=later) if count else entry)
    return spread


def feed_xml(
    *, feed_id: str, title: str, path: str, page: str, language: str,
    entries: list[Entry], fallback: dt.datetime, base: str | None = None,
) -> str:  # fmt: skip
    """The feed at ``path`` (relative to the language root) whose page is ``page``;
    ``base`` is the absolute address of the language root, if the site has one."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        element = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            element.text = text
        return element

    def href(target: str) -> str:
        return urljoin(base, target) if base else relative(target, path)

    feed = ET.Element(f"{{{ATOM}}}feed", {XML_LANG: language})
    sub(feed, "id", feed_id)
    sub(feed, "title", title)
    updated = max((entry.updated for entry in entries), default=fallback)
    sub(feed, "updated", _time(updated))
    self_link = urljoin(base, path) if base else posixpath.basename(path)
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_link)
    sub(feed, "link", rel="alternate", type="text/html", href=href(page))
    author = sub(feed, "author")
    sub(author, "name", t("site_name", language))
    for entry in sorted(entries, key=lambda e: (-e.updated.timestamp(), e.id)):
        element = sub(feed, "entry")
        sub(element, "id", entry.id)
        sub(element, "title", entry.title, **_lang(entry.title_language))
        sub(element, "updated", _time(entry.updated))
        sub(element, "link", rel="alternate", type="text/html", href=href(entry.link))
        sub(element, "summary", entry.summary, **_lang(entry.summary_language))
        if entry.content:
            sub(element, "content", entry.content, type="text")
    ET.indent(feed, space=" ")
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, "unicode") + "\n"


def _lang(language: str | None) -> dict[str, str]:
    return {XML_LANG: language} if language else {}


def _resolution_entries(dataset: Dataset, language: str, fallback: dt.datetime) -> list[Entry]:
    entries = []
    for id_, entry in dataset.resolutions.items():
        model = entry.model
        day = model.adopted.date.earliest()
        parts = [model.adopted_by.body]
        if model.adopted_by.session:
            parts.append(model.adopted_by.session)
        # The summary in one language: the feed's, or Persian if a part is not translated.
        written = "fa" if any(part.get(language) is None for part in parts) else language
        comma = language_of(written).comma
        title_language = model.title.language_shown(language)
        entries.append(
            Entry(
                id=stable_id("resolution", id_),
                title=model.title[language],
                updated=_midnight(day) if day else fallback,
                link=f"resolutions/{id_}/",
                summary=comma.join(part[written] for part in parts),
                title_language=title_language if title_language != language else None,
                summary_language=written if written != language else None,
            )
        )
    return distinct_instants(entries)


def _decision_entries(dataset: Dataset, language: str, site_dir: Path) -> dict[str, list[Entry]]:
    """Feed entries of every decision, by council id ('' holds them all)."""
    every: list[Entry] = []
    council_of: dict[str, str] = {}  # entry id: council id
    for id_, entry in dataset.decisions.items():
        model = entry.model
        council_model = dataset.councils.get(model.council)
        who = council_model.model.name[language] if council_model else model.council
        page = f"decisions/{id_}/"
        feed_entry = Entry(
            id=stable_id("decision", id_),
            title=model.title[language],
            updated=_midnight(model.date),
            link=page if has_page(site_dir, page) else council_page(site_dir, model.council),
            summary=f"{who}: {t('outcome_' + model.outcome, language)}",
            content=model.text[language],
        )
        every.append(feed_entry)
        council_of[feed_entry.id] = model.council
    # Instants made distinct among all decisions: then also in each council's feed.
    entries: dict[str, list[Entry]] = {"": distinct_instants(every)}
    for feed_entry in entries[""]:
        entries.setdefault(council_of[feed_entry.id], []).append(feed_entry)
    return entries


def write(dataset: Dataset, site_dir: Path, site_url: str | None = None) -> list[Path]:
    """The feeds of both languages; absolute links when the site has an address."""
    fallback = epoch_datetime(build_epoch(dataset))
    written = []
    for language in ("fa", "en"):
        root = language_root(site_dir, language)
        base = urljoin(site_url, "en/" if language == "en" else "") if site_url else None
        decisions = _decision_entries(dataset, language, root)
        feeds = [
            (RESOLUTIONS, "resolutions/", t("feed_resolutions", language), "resolutions",
             _resolution_entries(dataset, language, fallback)),
            (DECISIONS, existing_page(root, "decisions/", "councils/"),
             t("feed_decisions", language), "decisions",
             decisions[""]),
        ]  # fmt: skip
        for council_id, council in sorted(dataset.councils.items()):
            feeds.append(
                (council_feed(council_id), council_page(root, council_id),
                 t("feed_council", language, name=council.model.name[language]),
                 f"council/{council_id}",
                 decisions.get(council_id, []))
            )  # fmt: skip
        for path, page, title, key, entries in feeds:
            text = feed_xml(
                feed_id=stable_id("feed", language, key), title=title, path=path, page=page,
                language=language, entries=entries, fallback=fallback, base=base,
            )  # fmt: skip
            written.append(write_text(root / path, text))
    return written
