"""Open data, feeds, the search documents, link integrity and reproducible builds:
the files under data/ and feeds/ checked against their formats, on a project with
councils, a federation and decisions (tests/publish_project.py)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from pathlib import Path
from xml.etree import ElementTree as ET

import jsonschema
import pytest
from icalendar import Calendar

from shora.build import build_site
from shora.core.persian import fold
from shora.models.clauses import anchors
from shora.publish.csv_files import TABLES
from shora.publish.linkcheck import check_site
from shora.publish.offline import file_link, rewrite_html
from shora.publish.search_index import index_fold
from shora.validate import validate_project

from .built_sites import publish_project
from .publish_project import COUNCILS, DECISIONS

ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})$")


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session, for the browser tests too (tests/built_sites.py)."""
    return publish_project(tmp_path_factory)


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


def _json(site: Path, name: str) -> dict:
    return json.loads((site / "data" / name).read_text(encoding="utf-8"))


TEXT = {
    "type": "object",
    "required": ["fa", "en"],
    "properties": {
        "fa": {"type": "string", "minLength": 1},
        "en": {"type": "string", "minLength": 1},
    },
}
RESOLUTIONS_SCHEMA = {
    "type": "object",
    "required": ["format_version", "resolutions"],
    "properties": {
        "resolutions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "title", "adopted", "vote", "status", "text", "url", "clauses"],
                "properties": {
                    "title": TEXT,
                    "adopted": {
                        "type": "object",
                        "required": ["date", "precision"],
                        "properties": {"precision": {"enum": ["day", "month", "year", "unknown"]}},
                    },
                    "url": {"type": "object", "required": ["fa", "en"]},
                    "text": {"type": "object", "required": ["points"]},
                    "clauses": {
                        "type": "array",
                        "minItems": 1,
                        "items": {
                            "type": "object",
                            "required": ["anchor", "kind", "label", "text"],
                            "properties": {
                                "anchor": {"type": "string", "pattern": "^[a-z0-9-]+$"},
                                "label": {
                                    "type": "object",
                                    "required": ["fa", "en"],
                                    "properties": {
                                        "fa": {"type": "string"},
                                        "en": {"type": "string"},
                                    },
                                },
                                "text": TEXT,
                            },
                        },
                    },
                },
            },
        }
    },
}

POINT = {
    "type": "object",
    "required": ["type", "coordinates"],
    "properties": {
        "type": {"const": "Point"},
        "coordinates": {
            "type": "array",
            "minItems": 2,
            "maxItems": 2,
            "prefixItems": [
                {"type": "number", "minimum": -180, "maximum": 180},
                {"type": "number", "minimum": -90, "maximum": 90},
            ],
        },
    },
}
GEOJSON_SCHEMA = {
    "type": "object",
    "required": ["type", "features"],
    "properties": {
        "type": {"const": "FeatureCollection"},
        "features": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["type", "id", "geometry", "properties"],
                "properties": {
                    "type": {"const": "Feature"},
                    "geometry": POINT,
                    "properties": {"type": "object", "required": ["name", "city", "country"]},
                },
            },
        },
    },
}

ID_REF = {"type": ["string", "null"]}
POPOLO_SCHEMA = {
    "type": "object",
    "required": ["organizations", "posts", "persons", "memberships", "motions", "vote_events"],
    "properties": {
        "organizations": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "name", "classification"]},
        },
        "posts": {
            "type": "array",
            "items": {"type": "object", "required": ["id", "organization_id", "label"]},
        },
        "persons": {"type": "array", "items": {"type": "object", "required": ["id", "name"]}},
        "memberships": {
            "type": "array",
            "items": {"type": "object", "required": ["person_id", "organization_id", "post_id"]},
        },
        "motions": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "organization_id", "text", "result"],
                "properties": {"result": {"enum": ["pass", "fail"]}, "date": ID_REF},
            },
        },
        "vote_events": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["id", "motion_id", "result", "counts"],
                "properties": {
                    "counts": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["option", "value"],
                            "properties": {
                                "option": {"enum": ["yes", "no", "abstain"]},
                                "value": {"type": "integer", "minimum": 0},
                            },
                        },
                    }
                },
            },
        },
    },
}


def test_resolutions_json_has_the_structured_text_and_every_clause(
    project: Path, site: Path
) -> None:
    data = _json(site, "resolutions.json")
    jsonschema.validate(data, RESOLUTIONS_SCHEMA)
    dataset = validate_project(project).dataset
    assert [r["id"] for r in data["resolutions"]] == sorted(dataset.resolutions)
    for record in data["resolutions"]:
        model = dataset.resolutions[record["id"]].model
        assert {c["anchor"] for c in record["clauses"]} == anchors(model)
        assert record["text"]["points"][0]["fa"] == model.text.points[0].fa
    first = next(r for r in data["resolutions"] if r["id"] == "mass-organizing-abroad")
    item = next(c for c in first["clauses"] if c["anchor"] == "point-3-a")
    assert item["label"] == {"fa": "الف)", "en": "(a)"}


def test_geojson_is_a_feature_collection_of_rounded_city_points(site: Path) -> None:
    data = _json(site, "councils.geojson")
    jsonschema.validate(data, GEOJSON_SCHEMA)
    by_id = {feature["id"]: feature for feature in data["features"]}
    assert sorted(by_id) == sorted(COUNCILS)
    assert by_id["stockholm"]["geometry"]["coordinates"] == [18.07, 59.33]  # lon, lat
    assert "Göteborg" in by_id["gothenburg"]["properties"]["other_names"]


def test_popolo_has_organizations_with_parents_posts_and_vote_counts(site: Path) -> None:
    data = _json(site, "popolo.json")
    jsonschema.validate(data, POPOLO_SCHEMA)
    organizations = {o["id"]: o for o in data["organizations"]}
    assert organizations["stockholm"]["parent_id"] == "sweden"
    body = next(o for o in data["organizations"] if o["classification"] == "body")
    assert body["parent_id"] in organizations
    for reference in ("parent_id",):
        for organization in data["organizations"]:
            parent = organization.get(reference)
            assert parent is None or parent in organizations, organization
    assert {p["id"] for p in data["posts"]} == {"stockholm/secretary", "stockholm/treasurer"}
    # Only people who consented are named.
    assert [p["name"] for p in data["persons"]] == ["Sara"]
    assert data["memberships"][0]["post_id"] == "stockholm/secretary"
    motions = {m["id"] for m in data["motions"]}
    assert {f"decision/{id_}" for id_ in DECISIONS} <= motions
    for event in data["vote_events"]:
        assert event["motion_id"] in motions
    housing = next(
        e for e in data["vote_events"] if e["motion_id"] == "decision/stockholm-2026-10-housing"
    )
    assert housing["counts"] == [
        {"option": "yes", "value": 12},
        {"option": "no", "value": 3},
        {"option": "abstain", "value": 1},
    ]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_csv_files_have_the_documented_columns(site: Path, name: str) -> None:
    text = (site / name).read_text(encoding="utf-8-sig")  # after the byte order mark
    rows = list(csv.reader(io.StringIO(text)))
    columns = [column.name for column in TABLES[name][1]]
    assert rows[0] == columns
    assert all(len(row) == len(columns) for row in rows)
    assert len(rows) > 1
    # The data page documents every column, in both languages.
    for language_root in (site, site / "en"):
        page = (language_root / "data" / "index.html").read_text(encoding="utf-8")
        for column in columns:
            assert f"<code>{column}</code>" in page


def _feeds(site: Path) -> list[Path]:
    return sorted(site.glob("feeds/**/*.xml")) + sorted(site.glob("en/feeds/**/*.xml"))


def test_feeds_are_atom(site: Path) -> None:
    feeds = _feeds(site)
    names = {path.relative_to(site).as_posix() for path in feeds}
    for prefix in ("", "en/"):
        assert {f"{prefix}feeds/resolutions.xml", f"{prefix}feeds/decisions.xml"} <= names
        assert {f"{prefix}feeds/councils/{id_}.xml" for id_ in COUNCILS} <= names
    ids: set[str] = set()
    for path in feeds:
        root = ET.parse(path).getroot()
        assert root.tag == f"{ATOM}feed", path
        assert root.get("{http://www.w3.org/XML/1998/namespace}lang") in ("fa", "en")
        for tag in ("id", "title", "updated", "author"):
            assert root.find(f"{ATOM}{tag}") is not None, (path, tag)
        assert RFC3339.match(root.findtext(f"{ATOM}updated") or ""), path
        links = {link.get("rel"): link.get("href") for link in root.findall(f"{ATOM}link")}
        assert links["self"] == path.name
        for rel_target in (links["alternate"],):
            assert (path.parent / rel_target / "index.html").is_file(), (path, rel_target)
        assert root.findtext(f"{ATOM}id") not in ids
        ids.add(root.findtext(f"{ATOM}id") or "")
        entry_ids = set()
        for entry in root.findall(f"{ATOM}entry"):
            for tag in ("id", "title", "updated", "summary"):
                assert entry.findtext(f"{ATOM}{tag}"), (path, tag)
            assert entry.findtext(f"{ATOM}id").startswith("urn:uuid:")
            assert RFC3339.match(entry.findtext(f"{ATOM}updated") or "")
            link = entry.find(f"{ATOM}link[@rel='alternate']")
            assert link is not None and (path.parent / link.get("href") / "index.html").is_file()
            entry_ids.add(entry.findtext(f"{ATOM}id"))
        assert len(entry_ids) == len(root.findall(f"{ATOM}entry"))
    stockholm = ET.parse(site / "en/feeds/councils/stockholm.xml").getroot()
    assert len(stockholm.findall(f"{ATOM}entry")) == 2
    assert stockholm.findtext(f"{ATOM}updated") == "2026-10-18T00:00:00Z"


def test_pages_advertise_feeds_without_rel_alternate(site: Path) -> None:
    page = (site / "councils" / "stockholm" / "index.html").read_text(encoding="utf-8")
    links = re.findall(r"<link [^>]*application/atom\+xml[^>]*>", page)
    assert len(links) == 3
    assert all('rel="alternate feed"' in link for link in links)
    assert 'href="../../feeds/councils/stockholm.xml"' in " ".join(links)


def test_icalendar_parses_with_one_event_per_scheduled_council(site: Path) -> None:
    raw = (site / "data" / "assemblies.ics").read_bytes()
    assert b"\r\n" in raw and b"\n" not in raw.replace(b"\r\n", b"")
    calendar = Calendar.from_ical(raw)
    events = calendar.walk("VEVENT")
    assert len(events) == 1  # Gothenburg meets irregularly
    event = events[0]
    assert event["rrule"]["FREQ"] == ["WEEKLY"] and event["rrule"]["INTERVAL"] == [2]
    start = event.decoded("dtstart")
    assert (start.isoformat(), str(start.tzinfo)) == (
        "2026-10-04T18:00:00+02:00",
        "Europe/Stockholm",
    )
    # The zone's rules start just before the first meeting, not in 1970: a client needs
    # no earlier ones, and decades of them would weigh down the file.
    (zone,) = calendar.walk("VTIMEZONE")
    assert zone["TZID"] == "Europe/Stockholm"
    rules_from = min(rule.decoded("dtstart") for rule in zone.subcomponents)
    assert rules_from.date() == dt.date(2026, 10, 3)
    # With a meeting, the data page of each language links the calendar.
    for data_page in (site / "data" / "index.html", site / "en" / "data" / "index.html"):
        assert "data/assemblies.ics" in data_page.read_text(encoding="utf-8")


def test_each_language_has_a_search_bundle_of_its_own(site: Path) -> None:
    """Indexed one language at a time (Pagefind's memory), each into its own folder."""
    for folder, language in (("pagefind", "fa"), ("en/pagefind", "en")):
        entry = json.loads((site / folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        assert list(entry["languages"]) == [language], folder
        assert entry["languages"][language]["page_count"] > 0
        assert (site / folder / "pagefind.js").is_file()
    search = (site / "en" / "search" / "index.html").read_text(encoding="utf-8")
    assert 'data-bundle="../pagefind/pagefind.js"' in search


def test_search_documents_fold_like_the_query() -> None:
    cases = ["حزبيت", "Party POLICY", "سازمان‌يافته", "١٣٨٨ ۱۳۸۸", "كمونيسم", "حِزبـیّت", "Straße"]
    for case in cases:
        assert fold(index_fold(case)) == fold(case), case


def test_the_built_sites_have_no_broken_links(site: Path) -> None:
    assert check_site(site) == []


def test_link_checker_finds_missing_pages_and_anchors(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a><a href="a/#here">ok</a><a href="a/#gone">x</a>'
        '<a href="b/">x</a><a href="/abs/">x</a><a href="https://example.org/">ext</a>'
        '<a href="#top" id="top">self</a>',
        encoding="utf-8",
    )
    (tmp_path / "a" / "index.html").write_text('<p id="here">', encoding="utf-8")
    broken = {(link.link, link.reason.split(":")[0]) for link in check_site(tmp_path)}
    assert broken == {
        ("a/#gone", "no id 'gone' in the target"),
        ("b/", "no such file"),
        ("/abs/", "absolute path"),
    }


def test_offline_links_name_the_file() -> None:
    assert file_link("../") == "../index.html"
    assert file_link("./") == "index.html"
    assert file_link(".") == "index.html"
    assert file_link("..") == "../index.html"
    assert file_link("../../resolutions/x/#point-3") == "../../resolutions/x/index.html#point-3"
    assert file_link("#point-3") == "#point-3"
    assert file_link("assets/x.css") == "assets/x.css"
    assert file_link("https://example.org/") == "https://example.org/"
    assert rewrite_html('<a class="x" href="en/">') == '<a class="x" href="en/index.html">'


def test_two_builds_are_identical(
    project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("SHORA_SITE_URL", "https://example.org/shora/")  # with a sitemap
    trees = []
    for name in ("one", "two"):
        assert build_site(project, Path("mkdocs.yml"), tmp_path / name) == 0
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        root = tmp_path / name
        trees.append(
            {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        )
    assert sorted(trees[0]) == sorted(trees[1])
    different = [name for name in trees[0] if trees[0][name] != trees[1][name]]
    assert different == []
    # sitemap.xml.gz is dated (its gzip header) from SOURCE_DATE_EPOCH, set from the data.
    assert "sitemap.xml.gz" in trees[0] and "pagefind/pagefind-entry.json" in trees[0]


def test_the_date_follows_the_data_in_a_process_that_builds_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The preview builds again in the same process after the data changed: the date
    set from the first data must not stay; a date the environment gave always does."""
    from shora.publish import common

    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setattr(common, "_set_from_data", [None])
    monkeypatch.setattr(common, "data_epoch", lambda dataset: dataset)
    common.ensure_source_date_epoch(100)  # type: ignore[arg-type]
    assert common.os.environ["SOURCE_DATE_EPOCH"] == "100"
    common.ensure_source_date_epoch(200)  # type: ignore[arg-type]
    assert common.os.environ["SOURCE_DATE_EPOCH"] == "200"
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "5")
    common.ensure_source_date_epoch(300)  # type: ignore[arg-type]
    assert common.os.environ["SOURCE_DATE_EPOCH"] == "5"


def test_the_built_site_dir_has_no_broken_links() -> None:
    """`make test` builds site/ first; every internal link and anchor there resolves."""
    import os

    from .site_project import REPO

    site = Path(os.environ.get("SHORA_SITE_DIR", REPO / "site"))
    if not (site / "index.html").is_file():
        pytest.fail(f"No built site at {site}: run `make site` first.", pytrace=False)
    broken = check_site(site)
    assert broken == [], "\n".join(link.format() for link in broken)


def test_a_councils_decision_lists_advertise_its_feed() -> None:
    from types import SimpleNamespace

    from shora.publish.atom import feeds_of_page

    council = SimpleNamespace(model=SimpleNamespace(name={"en": "Stockholm", "fa": "استکهلم"}))
    dataset = SimpleNamespace(councils={"stockholm": council})

    def feeds(url: str) -> list[str]:
        return [feed.path for feed in feeds_of_page(dataset, "en", url)]  # type: ignore[arg-type]

    own = "feeds/councils/stockholm.xml"
    assert own in feeds("councils/stockholm/")
    assert own in feeds("councils/stockholm/decisions/page/2/")
    assert not any("councils/" in path for path in feeds("councils/country/se/"))
    assert not any("councils/" in path for path in feeds("councils/"))


def test_a_councils_meeting_time_names_its_time_zone_as_readers_know_it(site: Path) -> None:
    """``Europe/Stockholm`` is shown by CLDR's name in each language, not as an id."""
    fa = (site / "councils" / "stockholm" / "index.html").read_text(encoding="utf-8")
    en = (site / "en" / "councils" / "stockholm" / "index.html").read_text(encoding="utf-8")
    assert "(وقت سوئد)" in fa and "(Sweden Time)" in en
    assert "Europe/Stockholm" not in fa + en
