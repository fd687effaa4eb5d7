"""Shared by the output formats: the build date, stable ids, file writing, addresses."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from shora.core.dates import Day, PartialDate
from shora.load.dataset import Dataset

DATA_DIR = "data/"
FEEDS_DIR = "feeds/"
# Stable ids (Atom entry ids, iCalendar UIDs): UUIDs derived from the thing's kind and id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:shora")


def stable_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(parts))}"


def gregorian_date(date: PartialDate | dt.date) -> str:
    """A date in open data: ISO 8601 ``YYYY[-MM[-DD]]``; a Solar Hijri month or year,
    which is no Gregorian month or year, as the interval of its days
    (``2025-09-23/2025-10-22``); ``unknown`` when unknown."""
    if isinstance(date, dt.date):
        return date.isoformat()
    return date.gregorian() or "unknown"


def solar_hijri_date(date: PartialDate | dt.date) -> str:
    """The same date in the Solar Hijri calendar, ``YYYY[-MM[-DD]]`` in ASCII digits;
    a Gregorian month or year as the interval of its days (``1388-04-10/1388-05-09``)."""
    if isinstance(date, dt.date):
        return (
            date if isinstance(date, Day) else Day(date.year, date.month, date.day)
        ).solar_hijri()
    return date.solar_hijri() or "unknown"


def date_record(date: PartialDate) -> dict[str, str | None]:
    """The keys of a date in JSON open data, beside its other keys."""
    return {
        "date": gregorian_date(date),
        "date_solar_hijri": solar_hijri_date(date),
        "calendar": date.calendar if date.known else None,
        "precision": date.precision,
    }


def data_epoch(dataset: Dataset) -> int:
    """The newest date found in the data, as a Unix time (00:00 UTC); 0 without dates.

    Used where a date is needed and the data has none, and as ``SOURCE_DATE_EPOCH``
    when the environment sets none: the same data gives the same output."""
    dates: list[dt.date] = []
    for entry in dataset.resolutions.values():
        model = entry.model
        dates += [d for d in [model.adopted.date.earliest()] if d]
        dates += [p.date.earliest() for p in model.published if p.date.earliest()]
    for entry in dataset.councils.values():
        dates.append(entry.model.last_verified)
    for entry in dataset.decisions.values():
        dates.append(entry.model.date)
    if not dates:
        return 0
    newest = max(dates)
    return int(dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC).timestamp())


def build_epoch(dataset: Dataset) -> int:
    """``SOURCE_DATE_EPOCH`` when set, else the data's newest date."""
    value = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    return int(value) if value.isdigit() else data_epoch(dataset)


def ensure_source_date_epoch(dataset: Dataset) -> None:
    """Set ``SOURCE_DATE_EPOCH`` from the data when the environment has none, so that
    MkDocs (sitemap.xml and its .gz) writes dates from the data, never the clock."""
    if not os.environ.get("SOURCE_DATE_EPOCH", "").strip().isdigit():
        os.environ["SOURCE_DATE_EPOCH"] = str(data_epoch(dataset))


def epoch_datetime(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def write_text(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as stream:
        stream.write(text)
    return path


def language_root(site_dir: Path, language: str) -> Path:
    return site_dir if language == "fa" else site_dir / "en"


def has_page(root: Path, address: str) -> bool:
    """Whether the built site has a page at ``address`` (a folder address ending in /,
    relative to a language's root ``root``)."""
    # os.path on strings: feeds ask this of every decision (pathlib is 3x slower).
    return os.path.isfile(f"{os.fspath(root)}/{address}index.html")


def existing_page(root: Path, *addresses: str) -> str:
    """The first of ``addresses`` (relative to a language's root ``root``) that the built
    site has; the last one otherwise."""
    for address in addresses:
        if has_page(root, address):
            return address
    return addresses[-1]


def council_page(root: Path, council_id: str) -> str:
    """A council's page when the site has one, else the directory."""
    return existing_page(root, f"councils/{council_id}/", "councils/")
