"""Shared by the output formats: the build date, stable ids, dates, file writing."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from pathlib import Path

from shora.core.dates import PartialDate
from shora.load.dataset import Dataset
from shora.site import routes
from shora.site.open_data import gregorian_date, solar_hijri_date

# Stable ids (Atom entry ids, iCalendar UIDs): UUIDs derived from the thing's kind and id.
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:shora")


def stable_id(*parts: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, '/'.join(parts))}"


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
        dates += [d for p in model.published if (d := p.date.earliest())]
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


# The value this process set from the data (None: it set none). A process that builds
# again after the data changed (the preview, a test session) sets it again from the new
# data; only a value the environment gave is left alone.
_set_from_data: list[str | None] = [None]


def ensure_source_date_epoch(dataset: Dataset) -> None:
    """Set ``SOURCE_DATE_EPOCH`` from the data when the environment has none, so that
    MkDocs (sitemap.xml and its .gz) writes dates from the data, never the clock."""
    current = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if current.isdigit() and current != _set_from_data[0]:
        return  # given by the environment
    _set_from_data[0] = os.environ["SOURCE_DATE_EPOCH"] = str(data_epoch(dataset))


def epoch_datetime(epoch: int) -> dt.datetime:
    return dt.datetime.fromtimestamp(epoch, tz=dt.UTC)


def write_text(path: Path, text: str, newline: str = "\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline=newline) as stream:
        stream.write(text)
    return path


def language_dir(site_dir: Path, language: str) -> Path:
    """The folder of a language's pages in the site at ``site_dir``."""
    return site_dir / routes.language_root(language)
