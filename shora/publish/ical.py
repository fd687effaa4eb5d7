"""data/assemblies.ics: the general assemblies of councils with a regular schedule
(RFC 5545), one recurring event per council, in the council's own time zone.

Councils that meet irregularly, or whose schedule lacks a weekday, time or time zone,
have no event (their page describes the schedule in words). A monthly schedule is read
as the first given weekday of each month."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

from icalendar import Calendar, Event, vRecur

from shora.dataset import Dataset
from shora.publish.common import DATA_DIR, build_epoch, epoch_datetime, stable_id, write_text

FILE = DATA_DIR + "assemblies.ics"
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DURATION = dt.timedelta(hours=2)


def _rule(frequency: str, weekday: str) -> vRecur:
    day = weekday[:2].upper()
    if frequency == "weekly":
        return vRecur(freq="WEEKLY", byday=day)
    if frequency == "every-two-weeks":
        return vRecur(freq="WEEKLY", interval=2, byday=day)
    return vRecur(freq="MONTHLY", byday="1" + day)


def calendar(dataset: Dataset) -> Calendar:
    stamp = epoch_datetime(build_epoch(dataset))
    cal = Calendar()
    cal.add("prodid", "-//Shora//General assemblies//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Shora: general assemblies")
    first_meeting: dt.date | None = None
    for id_ in sorted(dataset.councils):
        council = dataset.councils[id_].model
        assembly = council.assembly
        if assembly is None or assembly.frequency in (None, "irregular"):
            continue
        if not (assembly.weekday and assembly.time and assembly.timezone):
            continue
        # The first meeting on or after the date the schedule was last verified.
        start = council.last_verified
        start += dt.timedelta(days=(WEEKDAYS.index(assembly.weekday) - start.weekday()) % 7)
        hour, minute = (int(part) for part in assembly.time.split(":"))
        begins = dt.datetime(
            start.year, start.month, start.day, hour, minute,
            tzinfo=zoneinfo.ZoneInfo(assembly.timezone),
        )  # fmt: skip
        first_meeting = min(first_meeting or start, start)
        event = Event()
        event.add("uid", stable_id("assembly", id_).removeprefix("urn:uuid:"))
        event.add("dtstamp", stamp)
        event.add("dtstart", begins)
        event.add("duration", DURATION)
        event.add("rrule", _rule(assembly.frequency, assembly.weekday))
        event.add("summary", f"{council.name.en} · {council.name.fa}")
        description = [f"General assembly of {council.name.en} ({council.city.en})."]
        if assembly.text:
            description.append(assembly.text.en)
        event.add("description", "\n".join(description))
        venue = assembly.venue
        if venue is not None:
            place = [venue.name.en] if venue.name else []
            if venue.public and venue.address:
                place.append(venue.address.en)
            if place:
                event.add("location", ", ".join(place))
        cal.add_component(event)
    # Time zone rules from the first meeting on, not from 1970 (icalendar's default):
    # nothing in the calendar happens earlier, and each zone's rules are then a few
    # lines, not decades of them (a quarter of the file, and of its writing time).
    if first_meeting is not None:
        cal.add_missing_timezones(first_date=first_meeting - dt.timedelta(days=1))
    return cal


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    text = calendar(dataset).to_ical().decode("utf-8")
    return [write_text(site_dir / FILE, text, newline="")]
