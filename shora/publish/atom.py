"""Atom feeds (RFC 4287), per language: new resolutions, decisions of all councils, and
the decisions of each council. Dates come from the data; a resolution of unknown date
uses the build date (``SOURCE_DATE_EPOCH`` or the data's newest date), never the clock.

Written under feeds/ in each language's root. With the site's address (``site_url``)
every link is absolute, the self link first (feed readers and validators want it so);
without one they are relative to the feed, so a copy works from any address. Which
feeds exist and the pages they link are :class:`shora.site.routes.Routes`' to say, from
the data alone: a feed can be written before (or without) the pages.

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
from shora.publish.common import build_epoch, epoch_datetime, language_dir, stable_id, write_text
from shora.site.routes import (
    LANGUAGES,
    Feed,
    Routes,
    decision_url,
    global_url,
    resolution_url,
)
from shora.site.strings import t
from shora.site.urls import relative

ATOM = "http://www.w3.org/2005/Atom"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@dataclass(frozen=True)
class FeedLink:
    """A feed as a page's head advertises it."""

    path: str  # relative to the language's root
    title: str


def feed_title(dataset: Dataset, feed: Feed, language: str) -> str:
    if feed.council is not None:
        name = dataset.councils[feed.council].model.name[language]
        return t("feed_council", language, name=name)
    return t(f"feed_{feed.kind}", language)


def feed_key(feed: Feed) -> str:
    """What the feed's id is made from: its kind, and a council feed's council."""
    return f"council/{feed.council}" if feed.council is not None else feed.kind


def feeds_of_page(dataset: Dataset, language: str, page_url: str) -> list[FeedLink]:
    """The feeds a page advertises (:meth:`shora.site.routes.Routes.page_feeds`)."""
    return [
        FeedLink(feed.path, feed_title(dataset, feed, language))
        for feed in Routes(dataset).page_feeds(page_url)
    ]


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
                link=resolution_url(id_),
                summary=comma.join(part[written] for part in parts),
                title_language=title_language if title_language != language else None,
                summary_language=written if written != language else None,
            )
        )
    return distinct_instants(entries)


def _decision_entries(dataset: Dataset, language: str) -> dict[str, list[Entry]]:
    """Feed entries of every decision, by council id ('' holds them all)."""
    every: list[Entry] = []
    council_of: dict[str, str] = {}  # entry id: council id
    for id_, entry in dataset.decisions.items():
        model = entry.model
        council_model = dataset.councils.get(model.council)
        who = council_model.model.name[language] if council_model else model.council
        feed_entry = Entry(
            id=stable_id("decision", id_),
            title=model.title[language],
            updated=_midnight(model.date),
            link=decision_url(id_),
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
    """The feeds of both languages into the site at ``site_dir`` (the pages need not
    be there); absolute links when the site has an address."""
    fallback = epoch_datetime(build_epoch(dataset))
    routes = Routes(dataset)
    written = []
    for language in LANGUAGES:
        base = urljoin(site_url, global_url("", language)) if site_url else None
        resolutions = _resolution_entries(dataset, language, fallback)
        decisions = _decision_entries(dataset, language)
        for feed in routes.feeds():
            if feed.kind == "resolutions":
                entries = resolutions
            else:
                entries = decisions.get(feed.council or "", [])
            text = feed_xml(
                feed_id=stable_id("feed", language, feed_key(feed)),
                title=feed_title(dataset, feed, language), path=feed.path, page=feed.page,
                language=language, entries=entries, fallback=fallback, base=base,
            )  # fmt: skip
            written.append(write_text(language_dir(site_dir, language) / feed.path, text))
    return written
