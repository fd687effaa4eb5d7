"""data/assemblies.ics: the general assemblies of councils with a regular schedule
(RFC 5545), one recurring event per council, in the council's own time zone.

Councils that meet irregularly, or whose schedule lacks a weekday, time or time zone,
have no event (their page describes the schedule in words). A monthly schedule is read
as the first given weekday of each month. Without any event there is no calendar at
all (RFC 5545 allows none empty), and no page links to one.

The time zone definitions (VTIMEZONE) are made here from zoneinfo, one observance per
kind of change with every change instant listed: icalendar's own writes each start of
summer time an hour late (the local time after the change, where RFC 5545 wants the
one before it). ical.js reads only the first date of an RDATE line and ignores an
observance's DTSTART once RDATEs follow: each change is an RDATE line of its own, the
DTSTART's too."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from pathlib import Path

from icalendar import Calendar, Event, Timezone, TimezoneDaylight, TimezoneStandard, vRecur

from shora.load.dataset import Dataset
from shora.publish.common import build_epoch, epoch_datetime, stable_id, write_text
from shora.site.routes import ASSEMBLIES_ICS, has_calendar, has_schedule

FILE = ASSEMBLIES_ICS
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
DURATION = dt.timedelta(hours=2)
# Time zone changes are listed up to here (as icalendar does): later meetings take the
# zone's last offset.
ZONE_RULES_UNTIL = dt.datetime(2038, 1, 1, tzinfo=dt.UTC)
# Changes are looked for a week apart, then found to the second: no zone of today's
# database changes and changes back within a week (the test checks at a finer step).
_SCAN_STEP = dt.timedelta(days=7)


def _rule(frequency: str, weekday: str) -> vRecur:
    day = weekday[:2].upper()
    if frequency == "weekly":
        return vRecur(freq="WEEKLY", byday=day)
    if frequency == "every-two-weeks":
        return vRecur(freq="WEEKLY", interval=2, byday=day)
    return vRecur(freq="MONTHLY", byday="1" + day)


_State = tuple[dt.timedelta, bool, str]  # UTC offset, summer time, abbreviation


def _state(zone: zoneinfo.ZoneInfo, instant: dt.datetime) -> _State:
    local = instant.astimezone(zone)
    offset, summer = local.utcoffset(), local.dst()
    assert offset is not None
    return offset, bool(summer), local.tzname() or ""


def zone_changes(
    zone: zoneinfo.ZoneInfo, since: dt.datetime, until: dt.datetime = ZONE_RULES_UNTIL
) -> list[tuple[dt.datetime, _State, _State]]:
    """Every change of the zone's offset or name in [since, until): (UTC instant,
    state before, state after), the instant exact to the second."""
    changes = []
    here, state = since, _state(zone, since)
    while here < until:
        there = min(here + _SCAN_STEP, until)
        after = _state(zone, there)
        if after != state:
            low, high = here, there  # state at low, another at high
            while high - low > dt.timedelta(seconds=1):
                middle = low + (high - low) / 2
                middle = middle.replace(microsecond=0)
                if _state(zone, middle) == state:
                    low = middle
                else:
                    high = middle
            changes.append((high, state, _state(zone, high)))
            state = _state(zone, high)
            here = high
            continue
        here = there
    return changes


def vtimezone(tzid: str, since: dt.date) -> Timezone:
    """The VTIMEZONE of ``tzid`` from ``since`` (local midnight) on: the offset then,
    and an observance per kind of change, each start as the local time before it
    (DTSTART = the change's UTC instant + TZOFFSETFROM, RFC 5545 3.6.5)."""
    zone = zoneinfo.ZoneInfo(tzid)
    begin = dt.datetime(since.year, since.month, since.day, tzinfo=zone).astimezone(dt.UTC)
    offset, summer, name = _state(zone, begin)
    # key (from, to, summer, name) -> local starts
    observances: dict[tuple[dt.timedelta, dt.timedelta, bool, str], list[dt.datetime]] = {
        (offset, offset, summer, name): [dt.datetime(since.year, since.month, since.day)]
    }
    for instant, before, after in zone_changes(zone, begin):
        local = (instant + before[0]).replace(tzinfo=None)
        observances.setdefault((before[0], after[0], after[1], after[2]), []).append(local)
    timezone = Timezone()
    timezone.add("tzid", tzid)
    for (offset_from, offset_to, summer, name), starts in observances.items():
        observance = TimezoneDaylight() if summer else TimezoneStandard()
        observance.add("dtstart", starts[0])
        if len(starts) > 1:
            # One RDATE line per change, DTSTART's too: ical.js reads only the first
            # date of an RDATE line, and no DTSTART once RDATEs follow.
            for start in starts:
                observance.add("rdate", start)
        observance.add("tzname", name)
        observance.add("tzoffsetfrom", offset_from)
        observance.add("tzoffsetto", offset_to)
        timezone.add_component(observance)
    return timezone


def calendar(dataset: Dataset) -> Calendar:
    stamp = epoch_datetime(build_epoch(dataset))
    cal = Calendar()
    cal.add("prodid", "-//Shora//General assemblies//EN")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Shora: general assemblies")
    zones: dict[str, dt.date] = {}  # time zone: its first meeting
    events: list[Event] = []
    for id_ in sorted(dataset.councils):
        council = dataset.councils[id_].model
        if not has_schedule(council):
            continue
        assembly = council.assembly
        assert assembly is not None and assembly.weekday and assembly.time
        assert assembly.timezone and assembly.frequency
        # The first meeting on or after the date the schedule was last verified.
        start = council.last_verified
        start += dt.timedelta(days=(WEEKDAYS.index(assembly.weekday) - start.weekday()) % 7)
        hour, minute = (int(part) for part in assembly.time.split(":"))
        begins = dt.datetime(
            start.year, start.month, start.day, hour, minute,
            tzinfo=zoneinfo.ZoneInfo(assembly.timezone),
        )  # fmt: skip
        zones[assembly.timezone] = min(zones.get(assembly.timezone, start), start)
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
        events.append(event)
    # Time zone rules from the day before the zone's first meeting, not from 1970:
    # nothing in the calendar happens earlier, and each zone's rules are then a few
    # lines, not decades of them (a quarter of the file, and of its writing time).
    for tzid in sorted(zones):
        cal.add_component(vtimezone(tzid, zones[tzid] - dt.timedelta(days=1)))
    for event in events:
        cal.add_component(event)
    return cal


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    if not has_calendar(dataset):
        (site_dir / FILE).unlink(missing_ok=True)
        return []
    text = calendar(dataset).to_ical().decode("utf-8")
    return [write_text(site_dir / FILE, text, newline="")]
