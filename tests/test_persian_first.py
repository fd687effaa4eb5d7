"""Persian first: a resolution published before its English translation is done.

``translations.en.status: missing`` (or ``draft``) lets texts lack ``en``; ``complete``
needs every one. The English page still exists with every clause anchor and shows each
untranslated part in Persian (``lang="fa" dir="rtl"``) with a notice; the list, the
feeds, the open data and the search index treat it the same way."""

from __future__ import annotations

import copy
import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import pytest
from pydantic import ValidationError

from shora.build import build_site
from shora.load.dataset import Dataset, load_dataset
from shora.models.clauses import anchors, clauses, texts, untranslated
from shora.models.common import TranslatableText
from shora.models.resolution import Resolution
from shora.publish import search_index
from shora.publish.search_index import index_fold
from shora.validate.rules import translation_findings

from .browser.builds import built_once
from .site_project import make_project

ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

# A resolution as a dict, every text in both languages.
COMPLETE: dict[str, Any] = {
    "title": {"fa": "قطعنامه آزمایشی", "en": "A test resolution"},
    "organization": "worker-communist-unity-party",
    "adopted_by": {
        "body": {"fa": "کمیته مرکزی", "en": "Central Committee"},
        "session": {"fa": "پلنوم دوم", "en": "Second plenum"},
    },
    "adopted": {"date": "2010-03-01"},
    "vote": {"kind": "unanimous"},
    "status": "in-force",
    "published": [],
    "original_language": "fa",
    "translations": {"en": {"status": "complete"}},
    "topics": ["councils"],
    "text": {
        "considerations": [{"fa": "ملاحظه نخست.", "en": "First consideration."}],
        "points": [
            {"fa": "بند نخست.", "en": "First point."},
            {
                "fa": "بند دوم:",
                "en": "Second point:",
                "items": [
                    {"fa": "زیربند الف؛", "en": "item a;"},
                    {"fa": "زیربند ب.", "en": "item b."},
                ],
                "paragraphs": [{"fa": "بند دوم، دنباله.", "en": "Second point, continued."}],
            },
        ],
        "closing": [{"fa": "پایان.", "en": "The end."}],
    },
}


def without_english(data: dict[str, Any], *paths: tuple[str | int, ...]) -> dict[str, Any]:
    """A copy of ``data`` without the 'en' of the texts at ``paths``."""
    data = copy.deepcopy(data)
    for path in paths:
        node: Any = data
        for step in path:
            node = node[step]
        del node["en"]
    return data


def every_text_path(resolution: Resolution) -> list[tuple[str | int, ...]]:
    return [path for path, _, _ in texts(resolution)]


def only_persian(data: dict[str, Any]) -> dict[str, Any]:
    return without_english(data, *every_text_path(Resolution.model_validate(data)))


def errors_of(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    """What the validator's rule finds about the translation of a valid model."""
    return [(f.path, str(f.message)) for f in translation_findings(Resolution.model_validate(data))]


def model_errors_of(data: dict[str, Any]) -> list[tuple[tuple[Any, ...], str]]:
    with pytest.raises(ValidationError) as raised:
        Resolution.model_validate(data)
    return [(tuple(e["loc"]), e["msg"]) for e in raised.value.errors()]


def with_status(data: dict[str, Any], status: str) -> dict[str, Any]:
    data = copy.deepcopy(data)
    data["translations"]["en"]["status"] = status
    return data


# ------------------------------------------------------------------ the model


def test_the_text_type_shows_persian_until_translated() -> None:
    text = TranslatableText(fa="متن")
    assert (text.get("en"), text["en"], text.language_shown("en")) == (None, "متن", "fa")
    assert not text.translated()
    both = TranslatableText(fa="متن", en="Text")
    assert (both["en"], both.language_shown("en"), both.language_shown("fa")) == (
        "Text",
        "en",
        "fa",
    )
    assert both.translated()


def test_every_text_of_a_resolution_is_found() -> None:
    resolution = Resolution.model_validate(COMPLETE)
    paths = every_text_path(resolution)
    assert paths[:3] == [("title",), ("adopted_by", "body"), ("adopted_by", "session")]
    # every clause, by its path in the data
    assert [p for p in paths if p[0] == "text"] == [c.path for c in clauses(resolution)]
    assert untranslated(resolution) == []


@pytest.mark.parametrize("status", ["missing", "draft"])
def test_missing_or_draft_translation_allows_texts_without_english(status: str) -> None:
    partly = with_status(
        without_english(COMPLETE, ("title",), ("text", "points", 1, "items", 0)), status
    )
    resolution = Resolution.model_validate(partly)
    assert resolution.title.en is None and resolution.title["en"] == "قطعنامه آزمایشی"
    assert len(untranslated(resolution)) == 2
    nothing = with_status(only_persian(COMPLETE), status)
    assert len(untranslated(Resolution.model_validate(nothing))) == len(
        every_text_path(Resolution.model_validate(COMPLETE))
    )


def test_a_complete_translation_needs_every_english_text_each_located() -> None:
    data = without_english(COMPLETE, ("adopted_by", "session"), ("text", "points", 1, "items", 1))
    assert errors_of(data) == [
        (
            ("adopted_by", "session"),
            "no English text, but the translation is marked complete: add 'en:' with the "
            "English, or write 'status: draft' under 'translations: en:' until it is "
            "translated",
        ),
        (
            ("text", "points", 1, "items", 1),
            "clause point-2-b has no English text, but the translation is marked complete: "
            "add 'en:' with its English, or write 'status: draft' under 'translations: en:' "
            "until it is translated",
        ),
    ]


def test_a_complete_translation_with_no_english_at_all_is_one_error() -> None:
    assert errors_of(only_persian(COMPLETE)) == [
        (
            ("translations", "en", "status"),
            "the translation is marked complete, but no text has its English yet: write "
            "'status: missing' (or 'status: draft' once a part is translated)",
        )
    ]


def test_an_english_original_needs_its_english_and_persian_cannot_be_missing() -> None:
    english = copy.deepcopy(COMPLETE)
    english["original_language"] = "en"
    english["translations"] = {"fa": {"status": "draft"}}
    assert errors_of(english) == []
    assert errors_of(without_english(english, ("text", "closing", 0))) == [
        (
            ("text", "closing", 0),
            "no English text: English is the original language of this resolution; add "
            "'en:' with the text as adopted",
        )
    ]
    english["translations"] = {"fa": {"status": "missing"}}
    assert errors_of(english) == [
        (
            ("translations", "fa", "status"),
            "'missing' is for an English translation only: every text has its Persian; "
            "write 'status: complete' or 'status: draft'",
        )
    ]


def test_persian_is_always_required() -> None:
    data = copy.deepcopy(COMPLETE)
    del data["text"]["points"][0]["fa"]
    data["translations"]["en"]["status"] = "missing"
    assert [(loc, kind) for loc, kind in model_errors_of(data)] == [
        (("text", "points", 0, "fa"), "Field required")
    ]


# ------------------------------------------------------------------ the built site

MISSING_ID = "persian-only"
DRAFT_ID = "partly-translated"
# In the draft: the title, point 2's sub-item (a) and the closing are not translated.
DRAFT_UNTRANSLATED = {"point-2-a", "closing-1"}


class Elements(HTMLParser):
    """Every element with an id, and every element's attributes and text, of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.by_id: dict[str, dict[str, str | None]] = {}
        self.spans: list[tuple[dict[str, str | None], list[str]]] = []
        self._open: list[tuple[dict[str, str | None], list[str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs, tag=tag)
        if values.get("id"):
            self.by_id[str(values["id"])] = values
        if tag in ("span", "small", "h1", "a", "div"):
            entry: tuple[dict[str, str | None], list[str]] = (values, [])
            self.spans.append(entry)
            self._open.append(entry)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("span", "small", "h1", "a", "div") and self._open:
            self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, words in self._open:
            words.append(data)


def parse(path: Path) -> Elements:
    elements = Elements()
    elements.feed(path.read_text(encoding="utf-8"))
    return elements


def clause_texts(page: Elements) -> list[tuple[dict[str, str | None], str]]:
    return [
        (attrs, "".join(words))
        for attrs, words in page.spans
        if "shora-clause-text" in (attrs.get("class") or "")
    ]


def make_persian_first_project(tmp: Path) -> Path:
    """The real site and data, with a resolution not translated (MISSING_ID) and one
    partly translated (DRAFT_ID), built into site/ (also used by the browser test)."""
    root = make_project(tmp)
    write_resolution(root, MISSING_ID, with_status(only_persian(COMPLETE), "missing"))
    draft = without_english(
        COMPLETE, ("title",), ("text", "points", 1, "items", 0), ("text", "closing", 0)
    )
    write_resolution(root, DRAFT_ID, with_status(draft, "draft"))
    assert build_site(root, Path("mkdocs.yml"), Path("site")) == 0
    return root


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Built once per session, for the browser test too (tests/browser/builds.py)."""
    return built_once(tmp_path_factory, "shora-persian-first", make_persian_first_project)


def write_resolution(root: Path, id_: str, data: dict[str, Any]) -> None:
    header = "# yaml-language-server: $schema=../schemas/resolution.schema.json\n"
    # JSON is YAML: the file is read as any editor's file.
    (root / "resolutions" / f"{id_}.yml").write_text(
        header + json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8"
    )


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return project / "site"


@pytest.fixture(scope="module")
def dataset(project: Path) -> Dataset:
    loaded, diagnostics, _ = load_dataset(project)
    assert diagnostics == []
    return loaded


@pytest.fixture(scope="module")
def models(dataset: Dataset) -> dict[str, Resolution]:
    return {id_: entry.model for id_, entry in dataset.resolutions.items()}


@pytest.mark.parametrize("id_", [MISSING_ID, DRAFT_ID])
def test_every_clause_anchor_exists_in_both_languages(
    site: Path, models: dict[str, Resolution], id_: str
) -> None:
    wanted = anchors(models[id_])
    for prefix in ("", "en/"):
        for view in ("", "parallel/"):
            page = parse(site / f"{prefix}resolutions/{id_}/{view}index.html")
            assert wanted <= set(page.by_id), (prefix, view)


def test_english_page_of_an_untranslated_resolution(
    site: Path, models: dict[str, Resolution]
) -> None:
    page = parse(site / f"en/resolutions/{MISSING_ID}/index.html")
    title = page.by_id["title"]
    assert (title.get("lang"), title.get("dir")) == ("fa", "rtl")
    texts = clause_texts(page)
    model = models[MISSING_ID]
    assert [text for _, text in texts] == [c.text.fa for c in clauses(model)]
    assert all((a.get("lang"), a.get("dir")) == ("fa", "rtl") for a, _ in texts)
    html = (site / f"en/resolutions/{MISSING_ID}/index.html").read_text(encoding="utf-8")
    # One notice for the page; no note on every clause when none is translated.
    assert html.count("This resolution has not been translated into English yet") == 1
    assert "This is a translation" not in html
    assert "shora-untranslated" not in html
    # The metadata not translated is marked too: body and session as one Persian text.
    assert '<bdi lang="fa" dir="rtl">کمیته مرکزی، پلنوم دوم</bdi>' in html


def test_english_page_of_a_partly_translated_resolution(
    site: Path, models: dict[str, Resolution]
) -> None:
    page = parse(site / f"en/resolutions/{DRAFT_ID}/index.html")
    html = (site / f"en/resolutions/{DRAFT_ID}/index.html").read_text(encoding="utf-8")
    assert "The English translation of this resolution is not finished" in html
    model = models[DRAFT_ID]
    by_anchor = {c.anchor: c for c in clauses(model)}
    texts = clause_texts(page)
    assert len(texts) == len(by_anchor)
    for (attrs, text), (anchor, clause) in zip(texts, by_anchor.items(), strict=True):
        if anchor in DRAFT_UNTRANSLATED:
            assert (text, attrs.get("lang"), attrs.get("dir")) == (clause.text.fa, "fa", "rtl")
        else:
            assert (text, attrs.get("lang"), attrs.get("dir")) == (clause.text.en, None, None)
    # A note beside each untranslated clause, inside that clause's element.
    notes = re.findall(r'id="([a-z0-9-]+)"[^\n]*?\(not yet translated\)', html)
    assert set(notes) == DRAFT_UNTRANSLATED
    # The Persian page is unchanged: everything in Persian, nothing marked.
    persian = (site / f"resolutions/{DRAFT_ID}/index.html").read_text(encoding="utf-8")
    assert 'lang="fa" dir="rtl"><' not in persian and "shora-untranslated" not in persian


def test_parallel_view_leaves_an_untranslated_cell_with_a_note(site: Path) -> None:
    for prefix, note, note_lang in (
        ("en/", "(not yet translated)", "en"),
        ("", "(هنوز ترجمه نشده)", "fa"),
    ):
        page = parse(site / f"{prefix}resolutions/{DRAFT_ID}/parallel/index.html")
        cells = [
            (attrs, "".join(words))
            for attrs, words in page.spans
            if attrs.get("role") == "cell" and attrs.get("lang") == "en"
        ]
        untranslated = [text for _, text in cells if note in text]
        # the title row, point 2 (a) and the closing
        assert len(untranslated) == 3, prefix
        spans = [a for a, w in page.spans if a.get("tag") == "span" and "".join(w) == note]
        assert {a.get("lang") for a in spans} == {note_lang}


def test_lists_show_an_untranslated_title_in_persian(site: Path) -> None:
    html = (site / "en/resolutions/index.html").read_text(encoding="utf-8")
    assert f'<a href="{MISSING_ID}/" lang="fa" dir="rtl">قطعنامه آزمایشی</a>' in html
    assert f'<a href="{DRAFT_ID}/" lang="fa" dir="rtl">قطعنامه آزمایشی</a>' in html
    data = (site / "en/resolutions/index-data.js").read_text(encoding="utf-8")
    # (the same list item, as a JavaScript string)
    assert f'{MISSING_ID}/\\" lang=\\"fa\\" dir=\\"rtl\\">قطعنامه آزمایشی' in data
    assert '<bdi lang="fa" dir="rtl">کمیته مرکزی، پلنوم دوم</bdi>' in html
    assert "Central Committee, Second plenum" in html
    # The filter names the body the same way in both languages.
    assert 'data-body="کمیته مرکزی"' in html
    assert 'data-body="Central Committee"' in html


def test_json_ld_gives_an_untranslated_name_its_language(site: Path) -> None:
    html = (site / f"en/resolutions/{MISSING_ID}/index.html").read_text(encoding="utf-8")
    data = json.loads(
        re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1)
    )  # type: ignore[union-attr]
    assert data["name"] == {"@value": "قطعنامه آزمایشی", "@language": "fa"}
    assert data["inLanguage"] == "fa" and "translationOfWork" not in data
    assert "alternateName" not in data


def test_resolutions_json(site: Path, models: dict[str, Resolution]) -> None:
    document = json.loads((site / "data/resolutions.json").read_text(encoding="utf-8"))
    assert document["format_version"] == 2
    records = {r["id"]: r for r in document["resolutions"]}
    missing, draft = records[MISSING_ID], records[DRAFT_ID]
    assert missing["translations"] == {"en": {"status": "missing", "note": None}}
    assert missing["title"] == {"fa": "قطعنامه آزمایشی", "en": None}
    assert missing["adopted_by"]["body"] == {"fa": "کمیته مرکزی", "en": None}
    assert all(c["text"]["en"] is None and c["translated"] is False for c in missing["clauses"])
    assert {c["anchor"] for c in draft["clauses"] if not c["translated"]} == DRAFT_UNTRANSLATED
    assert all(c["text"]["en"] for c in draft["clauses"] if c["translated"])
    # The structured text holds the same nulls.
    assert draft["text"]["points"][1]["items"][0] == {"fa": "زیربند الف؛", "en": None}
    assert all(c["translated"] for c in records["mass-organizing-abroad"]["clauses"])


def test_resolutions_csv(site: Path) -> None:
    text = (site / "data/resolutions.csv").read_text(encoding="utf-8-sig")
    rows = {row["id"]: row for row in csv.DictReader(io.StringIO(text))}
    assert (rows[MISSING_ID]["title_en"], rows[MISSING_ID]["body_en"]) == ("", "")
    assert (rows[DRAFT_ID]["title_en"], rows[DRAFT_ID]["body_en"]) == ("", "Central Committee")
    assert {id_: row["translation"] for id_, row in rows.items()} == {
        MISSING_ID: "missing",
        DRAFT_ID: "draft",
        "mass-organizing-abroad": "complete",
        "place-and-importance-of-the-party": "complete",
    }


def test_feeds(site: Path) -> None:
    def entries(path: str) -> dict[str, ET.Element]:
        root = ET.parse(site / path).getroot()
        return {
            e.find(f"{ATOM}link").get("href").split("/")[-2]: e  # type: ignore[union-attr]
            for e in root.iter(f"{ATOM}entry")
        }

    english = entries("en/feeds/resolutions.xml")
    title = english[MISSING_ID].find(f"{ATOM}title")
    summary = english[MISSING_ID].find(f"{ATOM}summary")
    assert title is not None and summary is not None
    assert (title.text, title.get(XML_LANG)) == ("قطعنامه آزمایشی", "fa")
    assert (summary.text, summary.get(XML_LANG)) == ("کمیته مرکزی، پلنوم دوم", "fa")
    draft_summary = english[DRAFT_ID].find(f"{ATOM}summary")
    assert draft_summary is not None
    assert (draft_summary.text, draft_summary.get(XML_LANG)) == (
        "Central Committee, Second plenum",
        None,
    )
    translated = english["mass-organizing-abroad"].find(f"{ATOM}title")
    assert translated is not None and translated.get(XML_LANG) is None
    persian = entries("feeds/resolutions.xml")[DRAFT_ID].find(f"{ATOM}title")
    assert persian is not None and persian.get(XML_LANG) is None


def test_popolo_names_every_untranslated_text(site: Path) -> None:
    popolo = json.loads((site / "data/popolo.json").read_text(encoding="utf-8"))
    motion = next(m for m in popolo["motions"] if m["id"] == f"resolution/{MISSING_ID}")
    assert motion["text"] == "قطعنامه آزمایشی"
    body = next(o for o in popolo["organizations"] if o["id"] == motion["organization_id"])
    assert body["name"] == "کمیته مرکزی"
    assert body["other_names"] == [{"name": "کمیته مرکزی", "note": "fa"}]
    assert re.fullmatch(r"worker-communist-unity-party/body-[0-9a-f]{8}", body["id"])
    assert "null" not in json.dumps(body)


def test_english_search_indexes_what_the_english_page_shows(
    dataset: Dataset, site: Path, models: dict[str, Resolution]
) -> None:
    """The English bundle indexes the Persian of an untranslated clause, under the
    clause's id, as the English page shows it."""
    document = search_index.resolution_document(dataset, DRAFT_ID, "en")
    model = models[DRAFT_ID]
    for clause in clauses(model):
        section = re.search(rf'id="{clause.anchor}">[^<]*</h2><p>([^<]*)</p>', document)
        assert section is not None, clause.anchor
        shown = clause.text.fa if clause.anchor in DRAFT_UNTRANSLATED else clause.text.en
        assert index_fold(shown or "") in section.group(1)
    assert '<html lang="en">' in document
    assert (site / "en/pagefind/pagefind-entry.json").is_file()
