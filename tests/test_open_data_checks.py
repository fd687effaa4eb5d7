"""Open data as outside tools read it, checked with tools nobody here wrote: the
sitemaps.org schemas on the sitemap, the RFC 4287 schema on the feeds, two calendar
parsers (icalendar and ical.js) on the calendar, zoneinfo on its time zones, and a
spreadsheet's reading of the CSV files' first bytes.

The real site is built twice (with and without an address, ``SHORA_SITE_URL``) once
for the module; the calendar is made from the demo data (examples/demo/), which has
meetings, without building the demo site."""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import io
import json
import re
import shutil
import subprocess
import zoneinfo
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import xmlschema
from dateutil.rrule import rrulestr
from icalendar import Calendar
from lxml import etree

from shora.build import build_site
from shora.load.dataset import Dataset
from shora.publish import ical, sitemap
from shora.publish.common import stable_id
from shora.publish.csv_files import TABLES
from shora.publish.linkcheck import check_site
from shora.validate import validate_project

from .built_sites import real_site
from .site_project import REPO

SITE_URL = "https://example.org/mirror/shora/"
SCHEMAS = Path(__file__).parent / "schemas"
ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
ICAL_JS = Path(__file__).parent / "js" / "ical_starts.mjs"
OCCURRENCES = 60  # per event: more than a year of every meeting, across clock changes
PROBES = 8  # local times either side of a clock change, a quarter of an hour apart


def _build(target: Path, site_url: str | None) -> Path:
    with pytest.MonkeyPatch.context() as patch:
        if site_url:
            patch.setenv("SHORA_SITE_URL", site_url)
        else:
            patch.delenv("SHORA_SITE_URL", raising=False)
        assert build_site(REPO, Path("mkdocs.yml"), target) == 0
    return target


@pytest.fixture(scope="module")
def plain_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site without an address, as the project publishes it: built once per
    session (tests/built_sites.py)."""
    return real_site(tmp_path_factory)


@pytest.fixture(scope="module")
def addressed_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site as a mirror at SITE_URL builds it."""
    return _build(tmp_path_factory.mktemp("addressed") / "site", SITE_URL)


def _pages(site: Path) -> list[Path]:
    """Every page of both languages (the 404 pages are no pages of the site)."""
    return sorted(site.rglob("index.html"))


def _address(site: Path, page: Path) -> str:
    folder = page.parent.relative_to(site).as_posix()
    return SITE_URL + ("" if folder == "." else folder + "/")


def _head_urls(page: Path) -> tuple[list[str], list[str]]:
    """The canonical links' and og:url's addresses of a page."""
    tree = etree.parse(str(page), etree.HTMLParser())
    canonical = tree.xpath("//head/link[@rel='canonical']/@href")
    og_url = tree.xpath("//head/meta[@property='og:url']/@content")
    return [str(v) for v in canonical], [str(v) for v in og_url]


# ----------------------------------------------------------------- sitemap


def test_the_sitemap_lists_every_page_of_both_languages_by_absolute_address(
    addressed_site: Path,
) -> None:
    schema = xmlschema.XMLSchema(SCHEMAS / "sitemap.xsd")
    text = (addressed_site / "sitemap.xml").read_bytes()
    schema.validate(etree.fromstring(text))
    with gzip.open(addressed_site / "sitemap.xml.gz") as stream:
        assert stream.read() == text
    listed = [loc.text for loc in etree.fromstring(text).iter(f"{SITEMAP}loc")]
    expected = [_address(addressed_site, page) for page in _pages(addressed_site)]
    assert sorted(listed) == sorted(expected)
    assert len(listed) == len(set(listed))
    assert SITE_URL in listed and SITE_URL + "en/" in listed
    assert SITE_URL + "en/resolutions/place-and-importance-of-the-party/" in listed
    # One sitemap for both languages: none from MkDocs under en/.
    assert not list((addressed_site / "en").glob("sitemap*"))


def test_a_site_of_more_pages_than_a_sitemap_holds_gets_a_sitemap_index(
    tmp_path: Path,
) -> None:
    pages = ["", "a/", "b/", "en/", "en/a/"]
    sitemap.write_sitemap(tmp_path, SITE_URL, 0, pages, max_urls=2)
    index = etree.parse(str(tmp_path / "sitemap.xml"))
    xmlschema.XMLSchema(SCHEMAS / "siteindex.xsd").validate(index)
    parts = [loc.text or "" for loc in index.iter(f"{SITEMAP}loc")]
    assert parts == [f"{SITE_URL}sitemap-{n}.xml" for n in (1, 2, 3)]
    urlset = xmlschema.XMLSchema(SCHEMAS / "sitemap.xsd")
    listed = []
    for part in parts:
        document = etree.parse(str(tmp_path / part.removeprefix(SITE_URL)))
        urlset.validate(document)
        listed += [loc.text for loc in document.iter(f"{SITEMAP}loc")]
    assert listed == [SITE_URL + page for page in pages]


def test_without_an_address_there_is_no_sitemap(plain_site: Path) -> None:
    assert [p.relative_to(plain_site) for p in plain_site.rglob("sitemap*")] == []


def test_the_sitemap_schema_rejects_a_relative_address() -> None:
    """The oracle can fail: MkDocs' empty urlset and a relative loc are invalid."""
    schema = xmlschema.XMLSchema(SCHEMAS / "sitemap.xsd")
    ns = SITEMAP.strip("{}")
    assert not schema.is_valid(f'<urlset xmlns="{ns}"></urlset>')
    assert not schema.is_valid(f'<urlset xmlns="{ns}"><url><loc>en/</loc></url></urlset>')


# ------------------------------------------------------ canonical, og:url


def test_every_page_has_its_canonical_address_with_a_site_url(addressed_site: Path) -> None:
    pages = _pages(addressed_site)
    assert len(pages) > 20
    for page in pages:
        expected = _address(addressed_site, page)
        assert _head_urls(page) == ([expected], [expected]), page


def test_no_page_has_an_absolute_address_without_a_site_url(plain_site: Path) -> None:
    for page in _pages(plain_site):
        assert _head_urls(page) == ([], []), page
        assert "example.org" not in page.read_text(encoding="utf-8")


def test_the_link_checker_takes_absolute_self_links_as_external(addressed_site: Path) -> None:
    assert check_site(addressed_site) == []


# ----------------------------------------------------------------- feeds


def _atom_schema() -> etree.RelaxNG:
    return etree.RelaxNG(etree.parse(str(SCHEMAS / "atom.rng")))


def _feeds(site: Path) -> list[Path]:
    return sorted(site.glob("feeds/**/*.xml")) + sorted(site.glob("en/feeds/**/*.xml"))


@pytest.mark.parametrize("which", ["plain", "addressed"])
def test_feeds_are_valid_atom_with_an_instant_per_entry(
    which: str, request: pytest.FixtureRequest
) -> None:
    site: Path = request.getfixturevalue(f"{which}_site")
    schema = _atom_schema()
    feeds = _feeds(site)
    assert len(feeds) >= 4
    for path in feeds:
        document = etree.parse(str(path))
        assert schema.validate(document), (path, schema.error_log.last_error)
        updated = [e.text for e in document.iterfind(f"{ATOM}entry/{ATOM}updated")]
        assert len(updated) == len(set(updated)), path
        if updated:
            assert document.findtext(f"{ATOM}updated") == max(updated)
    # The real resolutions feed: two resolutions of one plenum, one second apart.
    resolutions = etree.parse(str(site / "feeds" / "resolutions.xml"))
    instants = sorted(e.text for e in resolutions.iterfind(f"{ATOM}entry/{ATOM}updated"))
    assert [t[:10] for t in instants] == [instants[0][:10]] * 2
    assert [t[10:] for t in instants] == ["T00:00:00Z", "T00:00:01Z"]


def test_the_atom_schema_rejects_a_feed_without_an_id() -> None:
    feed = b'<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title>'
    feed += b"<updated>2026-01-01T00:00:00Z</updated></feed>"
    assert not _atom_schema().validate(etree.fromstring(feed))


def test_feed_links_are_absolute_with_a_site_url(addressed_site: Path) -> None:
    for path in _feeds(addressed_site):
        document = etree.parse(str(path))
        own = SITE_URL + path.relative_to(addressed_site).as_posix()
        links = document.findall(f"{ATOM}link") + document.findall(f"{ATOM}entry/{ATOM}link")
        (self_link,) = [link for link in links if link.get("rel") == "self"]
        assert self_link.get("href") == own, path
        for link in links:
            href = link.get("href") or ""
            assert href.startswith(SITE_URL), (path, href)
            target = addressed_site / href.removeprefix(SITE_URL)
            assert target.is_file() or (target / "index.html").is_file(), (path, href)


def test_feed_links_are_relative_without_a_site_url(plain_site: Path) -> None:
    for path in _feeds(plain_site):
        for link in etree.parse(str(path)).iter(f"{ATOM}link"):
            href = link.get("href") or ""
            assert not urlsplit(href).scheme, (path, href)
            if link.get("rel") == "self":
                assert href == path.name


# ------------------------------------------------------------------ CSV


@pytest.mark.parametrize("name", sorted(TABLES))
def test_csv_files_open_in_a_spreadsheet_as_utf8(plain_site: Path, name: str) -> None:
    """A spreadsheet program takes a CSV file for UTF-8 by its byte order mark."""
    raw = (plain_site / name).read_bytes()
    assert raw[:3] == b"\xef\xbb\xbf", name
    assert raw[3:4] != b"\xef", "one byte order mark only"
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert rows[0] == [column.name for column in TABLES[name][1]]
    assert rows[0][0] == "id"  # not "\ufeffid": the mark is no part of the header


def test_persian_in_the_csv_reads_back_from_utf8(plain_site: Path) -> None:
    text = (plain_site / "data" / "resolutions.csv").read_bytes().decode("utf-8-sig")
    (record, *_rest) = list(csv.DictReader(io.StringIO(text, newline="")))
    assert re.search("[\u0600-\u06ff]", record["title_fa"])


# ------------------------------------------------------------- calendar


def test_no_calendar_and_no_link_to_it_without_meetings(plain_site: Path) -> None:
    """The real data has no council with regular meetings: RFC 5545 allows no calendar
    without a component, so there is none, and nothing links to it."""
    dataset = validate_project(REPO).dataset
    assert not ical.has_calendar(dataset)
    assert not list(plain_site.rglob("*.ics"))
    for page in plain_site.rglob("*.html"):
        assert "assemblies.ics" not in page.read_text(encoding="utf-8"), page


@pytest.fixture(scope="module")
def demo() -> Dataset:
    return validate_project(REPO / "examples" / "demo").dataset


@pytest.fixture(scope="module")
def demo_calendar(demo: Dataset, tmp_path_factory: pytest.TempPathFactory) -> Path:
    written = ical.write(demo, tmp_path_factory.mktemp("calendar"))
    (path,) = written
    return path


def _expected_starts(demo: Dataset, calendar: Calendar) -> dict[str, list[dt.datetime]]:
    """Each event's first occurrences in UTC by the data: the council's weekday, time
    and zone from the day it was last verified, repeated by the event's own rule in
    local time, each put in UTC by zoneinfo."""
    expected = {}
    for event in calendar.walk("VEVENT"):
        uid = str(event["uid"])
        council = next(
            c.model
            for i, c in demo.councils.items()
            if stable_id("assembly", i).removeprefix("urn:uuid:") == uid
        )
        assembly = council.assembly
        assert assembly and assembly.weekday and assembly.time and assembly.timezone
        day = council.last_verified
        while ical.WEEKDAYS[day.weekday()] != assembly.weekday:
            day += dt.timedelta(days=1)
        hour, minute = map(int, assembly.time.split(":"))
        first = dt.datetime(day.year, day.month, day.day, hour, minute)
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=first)
        zone = zoneinfo.ZoneInfo(assembly.timezone)
        local = [moment for _, moment in zip(range(OCCURRENCES), rule, strict=False)]
        expected[uid] = [m.replace(tzinfo=zone).astimezone(dt.UTC) for m in local]
    return expected


def test_the_calendar_is_rfc5545_as_icalendar_reads_it(demo_calendar: Path) -> None:
    raw = demo_calendar.read_bytes()
    assert raw.startswith(b"BEGIN:VCALENDAR\r\n") and raw.endswith(b"END:VCALENDAR\r\n")
    lines = raw.split(b"\r\n")[:-1]
    assert all(b"\n" not in line and b"\r" not in line for line in lines)
    assert all(len(line) <= 75 for line in lines)  # octets, folding included
    calendar = Calendar.from_ical(raw)
    assert {"PRODID", "VERSION"} <= set(calendar) and calendar["VERSION"] == "2.0"
    components = list(calendar.walk())
    assert all(not component.errors for component in components)
    events = calendar.walk("VEVENT")
    assert len(events) >= 30
    for event in events:
        assert {"UID", "DTSTAMP", "DTSTART", "DURATION", "RRULE", "SUMMARY"} <= set(event)
    used = {str(event["dtstart"].params["TZID"]) for event in events}
    assert used == {str(zone["TZID"]) for zone in calendar.walk("VTIMEZONE")}
    # The file is made again, identical, from the same data.
    assert Calendar.from_ical(raw).to_ical() == raw


def _observance_starts(observance: object) -> list[dt.datetime]:
    starts = [observance.decoded("dtstart")]  # type: ignore[attr-defined]
    rdates = observance.get("rdate", [])  # type: ignore[attr-defined]
    for rdate in rdates if isinstance(rdates, list) else [rdates]:
        starts += [period.dt for period in rdate.dts]
    return starts


def test_every_time_zone_change_falls_at_zoneinfos_instant(demo_calendar: Path) -> None:
    """DTSTART (and each RDATE) is the local time before the change: minus TZOFFSETFROM
    it is the UTC instant when zoneinfo's offset changes to TZOFFSETTO. And every
    change zoneinfo has in the covered years is there."""
    calendar = Calendar.from_ical(demo_calendar.read_bytes())
    zones = calendar.walk("VTIMEZONE")
    assert len(zones) >= 10
    second = dt.timedelta(seconds=1)
    summer_starts = 0
    for vtimezone in zones:
        zone = zoneinfo.ZoneInfo(str(vtimezone["TZID"]))
        instants = []
        first_local = min(o.decoded("dtstart") for o in vtimezone.subcomponents)
        for observance in vtimezone.subcomponents:
            before = observance["TZOFFSETFROM"].td
            after = observance["TZOFFSETTO"].td
            starts = _observance_starts(observance)
            if len(starts) > 1:  # ical.js skips a DTSTART that RDATE does not repeat
                assert starts[0] in starts[1:], (zone, observance.name)
            for local in sorted(set(starts)):
                if local == first_local and before == after:
                    continue  # the offset in force from the first day: no change
                instant = (local - before).replace(tzinfo=dt.UTC)
                assert instant.astimezone(zone).utcoffset() == after, (zone, local)
                assert (instant - second).astimezone(zone).utcoffset() == before, (zone, local)
                instants.append(instant)
                summer_starts += observance.name == "DAYLIGHT"
        # Every change of offset in the covered years, found by a plain daily scan.
        since = first_local.replace(tzinfo=zone).astimezone(dt.UTC)
        changes, here, offset = 0, since, since.astimezone(zone).utcoffset()
        while here < ical.ZONE_RULES_UNTIL:
            here += dt.timedelta(days=1)
            changes += offset != (offset := here.astimezone(zone).utcoffset())
        assert len(instants) == changes, zone
    assert summer_starts > 100


def _changes(demo_calendar: Path) -> list[tuple[str, dt.datetime, dt.timedelta, dt.timedelta]]:
    """(zone, UTC instant, offset before, offset after) of every change in zoneinfo in
    the years the calendar's definitions cover (found to the second by bisection)."""
    calendar = Calendar.from_ical(demo_calendar.read_bytes())
    changes = []
    for vtimezone in calendar.walk("VTIMEZONE"):
        tzid = str(vtimezone["TZID"])
        zone = zoneinfo.ZoneInfo(tzid)
        first = min(o.decoded("dtstart") for o in vtimezone.subcomponents)
        here = first.replace(tzinfo=zone).astimezone(dt.UTC)
        while here < ical.ZONE_RULES_UNTIL:
            there = here + dt.timedelta(days=1)
            before, after = here.astimezone(zone).utcoffset(), there.astimezone(zone).utcoffset()
            if before != after:
                low, high = here, there
                while high - low > dt.timedelta(seconds=1):
                    middle = low + (high - low) / 2
                    low, high = (
                        (middle, high) if middle.astimezone(zone).utcoffset() == before
                        else (low, middle)
                    )  # fmt: skip
                assert before is not None and after is not None
                changes.append((tzid, high.replace(microsecond=0), before, after))
            here = there
    return changes


def test_icalendar_reads_every_meeting_at_the_datas_instant(
    demo: Dataset, demo_calendar: Path
) -> None:
    """icalendar with the file's own time zone definitions (not its zoneinfo lookup):
    every meeting, and the offset either side of every change of zoneinfo's."""
    calendar = Calendar.from_ical(demo_calendar.read_bytes())
    zones = {str(z["TZID"]): z.to_tz(lookup_tzid=False) for z in calendar.walk("VTIMEZONE")}
    changes = _changes(demo_calendar)
    assert len(changes) > 200
    for tzid, instant, before, after in changes:
        # The last second before the change; when clocks go back, the last one before
        # the repeated hour (dateutil, under icalendar, takes the repeated hour's local
        # times for the later ones).
        last = instant - max(before - after, dt.timedelta()) - dt.timedelta(seconds=1)
        assert last.astimezone(zones[tzid]).utcoffset() == before, (tzid, instant)
        assert instant.astimezone(zones[tzid]).utcoffset() == after, (tzid, instant)
    expected = _expected_starts(demo, calendar)
    for event in calendar.walk("VEVENT"):
        start = event.decoded("dtstart")
        tzid = str(event["dtstart"].params["TZID"])
        rule = rrulestr(event["rrule"].to_ical().decode(), dtstart=start.replace(tzinfo=None))
        local = [moment for _, moment in zip(range(OCCURRENCES), rule, strict=False)]
        read = [m.replace(tzinfo=zones[tzid]).astimezone(dt.UTC) for m in local]
        assert read == expected[str(event["uid"])], tzid


def test_ical_js_reads_every_meeting_at_the_datas_instant(
    demo: Dataset, demo_calendar: Path, tmp_path: Path
) -> None:
    """ical.js (Thunderbird's parser) with only the file's definitions: every meeting,
    and the offset either side of every change of zoneinfo's."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the ical.js cross-check needs Node.js")
    if not (REPO / "node_modules" / "ical.js").is_dir():
        pytest.fail("node_modules/ical.js is missing: run `npm ci` (make test does)")
    # ical.js is asked the offset of local times (its conversion from UTC looks the
    # offset up by the UTC time as if it were local): from the last second before each
    # change back, and from the first after it on, every quarter of an hour for two
    # hours, all unambiguous (around a repeated hour, from its start back and its end on).
    changes = _changes(demo_calendar)
    asked: dict[str, list[str]] = {}
    for tzid, instant, before, after in changes:
        overlap = max(before - after, dt.timedelta())
        last = (instant - overlap - dt.timedelta(seconds=1) + before).replace(tzinfo=None)
        first = (instant + overlap + after).replace(tzinfo=None)
        steps = [dt.timedelta(minutes=15) * n for n in range(PROBES)]
        asked.setdefault(tzid, []).extend(
            [(last - step).isoformat() for step in steps]
            + [(first + step).isoformat() for step in steps]
        )
    times_file = tmp_path / "times.json"
    times_file.write_text(json.dumps(asked), encoding="utf-8")
    result = subprocess.run(
        [node, str(ICAL_JS), str(demo_calendar), str(OCCURRENCES), str(times_file)],
        capture_output=True, text=True, check=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    read = json.loads(result.stdout)
    expected = _expected_starts(demo, Calendar.from_ical(demo_calendar.read_bytes()))
    assert sorted(read["events"]) == sorted(expected)
    for uid, starts in expected.items():
        event = read["events"][uid]
        instants = [dt.datetime.fromtimestamp(s, tz=dt.UTC) for s in event["starts"]]
        assert instants == starts, event["tzid"]
    position: dict[str, int] = {}
    for tzid, instant, before, after in changes:
        index = position.get(tzid, 0)
        position[tzid] = index + 2 * PROBES
        got = read["offsets"][tzid][index : index + 2 * PROBES]
        wanted = [int(before.total_seconds())] * PROBES + [int(after.total_seconds())] * PROBES
        assert got == wanted, (tzid, instant)
