"""The repository's own data: valid, complete, citable clause by clause, and saying
exactly what the sources say (names, misprints, summaries, translation terms)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import lxml.html
import pytest
import yaml

from shora.models.clauses import anchors, clauses
from shora.models.common import TranslatableText
from shora.models.resolution import Resolution
from shora.publish.resolutions_json import resolution_record
from shora.site.pages import GeneratedPage, SiteRenderer
from shora.validate import Report, validate_project

from .validator_support import ROOT

P = "place-and-importance-of-the-party"
M = "mass-organizing-abroad"
PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"


@pytest.fixture(scope="module")
def report() -> Report:
    return validate_project(ROOT)


@pytest.fixture(scope="module")
def renderers(report: Report) -> dict[str, SiteRenderer]:
    return {language: SiteRenderer(report.dataset, language) for language in ("fa", "en")}


def _page(renderers: dict[str, SiteRenderer], language: str, kind: str, key: str) -> Any:
    src = f"resolutions/{key}.md" if kind == "resolution" else f"resolutions/{key}/{kind}.md"
    html = renderers[language].render(GeneratedPage(src, kind, key))
    return lxml.html.fragment_fromstring(html, create_parent="div")


def _text(element: Any) -> str:
    return re.sub(r"\s+", " ", element.text_content()).strip()


def _model(report: Report, id_: str) -> Resolution:
    return report.dataset.resolutions[id_].model


def test_no_errors_and_no_warnings(report: Report) -> None:
    assert [d.format() for d in report.diagnostics] == []


def test_both_resolutions_load(report: Report) -> None:
    assert {M, P} <= set(report.dataset.resolutions)
    assert not report.dataset.invalid_ids


def test_membership_conditions_are_citable(report: Report) -> None:
    known = anchors(_model(report, M))
    assert {f"point-3-{letter}" for letter in "abcdef"} <= known
    assert "point-3-g" not in known


def test_platform_clauses_resolve(report: Report) -> None:
    platform = report.dataset.platforms["red-councils"].model
    source = report.dataset.resolutions[platform.source]
    known = anchors(source.model)
    clauses = {
        name: getattr(platform, name).clause
        for name in ("unit", "federations", "membership", "decisions", "executive_board")
    }
    assert set(clauses.values()) <= known


# ---------------------------------------------------------------- names


def _texts(data: object) -> Iterator[dict[str, str]]:
    """Every {fa, en} pair of a data file."""
    if isinstance(data, dict):
        if isinstance(data.get("fa"), str) and isinstance(data.get("en"), str):
            yield data
        for value in data.values():
            yield from _texts(value)
    elif isinstance(data, list):
        for value in data:
            yield from _texts(value)


def test_organizations_have_the_english_names_they_use_with_the_source_cited(
    report: Report,
) -> None:
    organizations = report.dataset.organizations
    names = {id_: entry.model.name.en for id_, entry in organizations.items()}
    assert names == {
        "worker-communist-party": "Worker-communist Party of Iran",
        "worker-communist-unity-party": "Worker-communism Unity Party",
    }
    for id_, entry in organizations.items():
        source = entry.model.name_source
        assert source is not None, id_
        # The citation quotes the name as the organization writes it, in both languages.
        assert entry.model.name.en in source.en and entry.model.name.en in source.fa, id_


def test_the_old_english_names_are_gone_and_the_texts_use_the_new() -> None:
    files = [
        *ROOT.glob("resolutions/*.yml"),
        *ROOT.glob("councils/**/*.yml"),
        *ROOT.glob(".github/ISSUE_TEMPLATE/*.yml"),
    ]
    for path in files:
        assert "Worker-communist Unity Party" not in path.read_text(encoding="utf-8"), path
    data = yaml.safe_load((ROOT / f"resolutions/{M}.yml").read_text(encoding="utf-8"))
    pairs = [pair for pair in _texts(data) if "حزب اتحاد کمونیسم کارگری" in pair["fa"]]
    assert len(pairs) >= 5
    assert all("Worker-communism Unity Party" in pair["en"] for pair in pairs)


# ---------------------------------------------------------------- misprints


def test_the_sources_misprints_are_kept_with_the_intended_word(report: Report) -> None:
    found = {
        (clause.anchor, sic.printed, sic.intended, sic.en)
        for clause in clauses(_model(report, P))
        for sic in getattr(clause.text, "sic", [])
    }
    assert found == {
        ("point-1", "تبلیع", "تبلیغ", "Agitation"),
        ("point-7", "جرئی", "جزئی", "part"),
    }
    by_anchor = {clause.anchor: clause.text for clause in clauses(_model(report, P))}
    assert "تبلیع" in by_anchor["point-1"].fa and "جرئی" in by_anchor["point-7"].fa
    # The open data and search read the text as printed: the word is still found.
    record = resolution_record(report.dataset, P)
    texts = {c["anchor"]: c["text"]["fa"] for c in record["clauses"]}
    assert "تبلیع" in texts["point-1"] and "جرئی" in texts["point-7"]


@pytest.mark.parametrize("kind", ["resolution", "parallel"])
@pytest.mark.parametrize("language", ["fa", "en"])
def test_misprints_are_marked_sic_with_a_note_on_every_view(
    renderers: dict[str, SiteRenderer], language: str, kind: str
) -> None:
    page = _page(renderers, language, kind, P)
    ids = {element.get("id"): element for element in page.iter() if element.get("id")}
    marks = page.find_class("shora-sic")
    shown = sorted(_text(mark) for mark in marks)
    # The single view shows one language; the parallel view both columns.
    expected = {"fa": ["تبلیع", "جرئی"], "en": ["Agitation", "part"]}
    wanted = sorted(
        expected[language]
        + (expected["en" if language == "fa" else "fa"] if kind == "parallel" else [])
    )
    assert shown == wanted
    for mark in marks:
        note = ids[mark.get("aria-describedby")]
        assert "shora-sic-note" in note.get("class")
        assert _text(note).startswith("[sic]")
        printed, intended = ("تبلیع", "تبلیغ") if "point-1" in note.get("id") else ("جرئی", "جزئی")
        assert printed in _text(note) and intended in _text(note)
        if _text(mark) == printed:  # the Persian: the word as printed, then [sic]
            assert (mark.tail or "").strip() == "" and _text(mark.getnext()) == "[sic]"
        else:  # the English: the note says it translates the intended word
            word = "translates the intended word" if language == "en" else "برگردان واژهٔ درست"
            assert word in _text(note)
    # The Persian still reads as printed, then the mark, for find in page and search.
    if language == "fa" or kind == "parallel":
        assert "تبلیع [sic] و اشاعه" in _text(page.get_element_by_id("point-1"))


def test_a_misprint_not_in_the_text_is_a_located_error(tmp_path) -> None:
    from .site_project import make_project

    root = make_project(tmp_path)
    path = root / f"resolutions/{P}.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("printed: جرئی", "printed: جرعی"), encoding="utf-8")
    found = [d for d in validate_project(root).diagnostics if d.path.endswith(f"{P}.yml")]
    assert len(found) == 1
    line = text.splitlines().index("        - printed: جرئی") + 1
    assert (
        found[0].line in (line - 1, line)
        and "'جرعی' is not in the Persian text" in found[0].message
    )


# ---------------------------------------------------------------- the platform


def test_the_platforms_summaries_say_what_the_source_says(
    renderers: dict[str, SiteRenderer],
) -> None:
    for language in ("fa", "en"):
        html = renderers[language].include("platform", "platform/")
        page = lxml.html.fragment_fromstring(html, create_parent="div")
        board = page.get_element_by_id("platform-board").getnext()
        decisions = page.get_element_by_id("platform-decisions").getnext()
        reading = decisions.getnext()
        if language == "fa":
            assert _text(board) == "انتخاب‌شدگان در هر اجلاس می‌توانند با تصمیم جمع عزل و تعویض شوند"
            assert "هر زمان" not in html
            assert _text(reading).startswith("برداشت ما:")
        else:
            assert _text(board) == (
                "Those elected at any session can be removed and replaced by decision of "
                "the collective"
            )
            assert "at any time" not in html and "the assembly" not in _text(board)
            assert _text(reading).startswith("Our reading:")
        assert "shora-reading" in reading.get("class")


# ---------------------------------------------------------------- the translation

# Each term of the glossary: how the Persian writes it, and the English every
# translation of it uses.
GLOSSARY = {
    "تبلیغ": (r"تبلیغ", r"[Aa]gitat"),
    "ترویج": (r"ترویج", r"propag"),
    "حکومت": (r"حکومت", r"\bgovernment\b"),
    "رژیم": (r"رژیم", r"\bregime\b"),
    "روشنگری": (r"روشنگری", r"consciousness-raising"),
    "آگاهگری": (r"آگاهگری", r"awareness-raising"),
    "عرصه": (r"عرصه", r"\barenas?\b"),
    "اجلاس": (r"اجلاس", r"\bsession\b"),
    "جلسه": (r"جلس(?:ه|ات)", r"\bmeetings?\b"),
    "برانداختن": (r"برانداختن", r"\babol"),
}


def test_terms_are_translated_as_the_glossary_says_in_both_resolutions() -> None:
    for id_ in (M, P):
        data = yaml.safe_load((ROOT / f"resolutions/{id_}.yml").read_text(encoding="utf-8"))
        for pair in _texts(data.get("text")):
            for persian, english in GLOSSARY.values():
                count = len(re.findall(persian, pair["fa"]))
                assert len(re.findall(english, pair["en"])) >= count, (id_, persian, pair["en"])
    for about in ("fa", "en"):
        glossary = (ROOT / f"content/{about}/about.md").read_text(encoding="utf-8")
        glossary = glossary.split("{#glossary}")[1].split("\n## ")[0]
        for term, (_, english) in GLOSSARY.items():
            assert term in glossary and re.search(english, glossary), (about, term)


def test_one_form_of_the_plenum_and_the_corrected_phrases() -> None:
    text = (ROOT / f"resolutions/{P}.yml").read_text(encoding="utf-8")
    abroad = (ROOT / f"resolutions/{M}.yml").read_text(encoding="utf-8")
    assert "31st" not in text and text.count("thirty-first plenum") == 2
    for wrong in (
        "The view held by",
        "known as the opposition",
        "side effect",
        "protest movements for rights",
        "enlightenment",
        "axis",
        "movement for overthrow",
        "promotion to cadres",
        "Promoting",
    ):
        assert wrong not in text, wrong
    for wrong in ("Abroad is an important field", "passed the verdict", "set up the “Council"):
        assert wrong not in abroad, wrong
    assert "to organize and set up “Councils of the Reds”" in abroad


def test_english_translations_are_marked_as_ours(report: Report) -> None:
    for id_ in (M, P):
        note = _model(report, id_).translations["en"].note
        assert isinstance(note, TranslatableText)
        assert "Shora editors" in (note.en or "") and "glossary" in (note.en or "")


def test_the_about_page_lists_every_change_to_the_texts(report: Report) -> None:
    fa = (ROOT / "content/fa/about.md").read_text(encoding="utf-8")
    en = (ROOT / "content/en/about.md").read_text(encoding="utf-8")
    for words in ("فاصله", "ستاره", "«۸» بدون خط تیره", "«۵ –»", "تبلیع", "جرئی", "فاصلهٔ نشکن"):
        assert words in fa, words
    for words in ("spaces", "star", "“۸” without its dash", "“۵ –”", "تبلیع", "جرئی", "no-break"):
        assert words in en, words
    # What the notes say was dropped is not in the data.
    texts = [clause.text.fa for id_ in (M, P) for clause in clauses(_model(report, id_))]
    assert not any("*" in text or "  " in text or "\xa0" in text for text in texts)


# ---------------------------------------------------------------- the pages


def _details(page: Any) -> dict[str, Any]:
    """The metadata panel: each term's text -> its <dd>."""
    return {_text(term): term.getnext() for term in page.iter("dt")}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_published_line_and_print_footer_never_end_in_a_bare_unknown(
    renderers: dict[str, SiteRenderer], language: str
) -> None:
    published = {"fa": "محل انتشار", "en": "Published in"}[language]
    page = _page(renderers, language, "resolution", P)
    line = _text(_details(page)[published])
    footer = _text(page.find_class("shora-print-source")[0].find("p"))
    if language == "fa":
        assert line == "انترناسیونال، شماره ۲۷۳، تاریخ نامعلوم"
        assert footer == "منبع: انترناسیونال، شماره ۲۷۳، تاریخ نامعلوم"
    else:
        assert line == "Anternasional, issue 273, date unknown"
        assert footer == "Source: Anternasional, issue 273, date unknown"
    unpublished = _page(renderers, language, "resolution", M)
    footer = _text(unpublished.find_class("shora-print-source")[0].find("p"))
    assert footer in ("منبع: محل انتشار نامعلوم", "Source: place of publication unknown")


@pytest.mark.parametrize("kind", ["resolution", "parallel"])
def test_clause_links_name_the_clause_in_the_pages_language(
    report: Report, renderers: dict[str, SiteRenderer], kind: str
) -> None:
    for id_ in (M, P):
        expected = anchors(_model(report, id_))
        for language in ("fa", "en"):
            page = _page(renderers, language, kind, id_)
            links = page.find_class("shora-clause-link")
            labels = {link.get("href")[1:]: link.get("aria-label") for link in links}
            assert set(labels) == expected
            assert all(link.get("title") == link.get("aria-label") for link in links)
            for anchor, label in labels.items():
                assert "-" not in anchor or anchor not in label
                if language == "fa":
                    assert label.startswith("پیوند به ") and not re.search(r"[A-Za-z0-9]", label)
                else:
                    assert label.startswith("Link to ")
    page = _page(renderers, "fa", kind, P)
    label = next(
        a for a in page.find_class("shora-clause-link") if a.get("href") == "#point-4-para-1"
    )
    assert label.get("aria-label") == label.get("title") == "پیوند به بند ۴، پاراگراف ۱"
    page = _page(renderers, "en", kind, P)
    label = next(
        a for a in page.find_class("shora-clause-link") if a.get("href") == "#point-4-para-1"
    )
    assert label.get("aria-label") == "Link to point 4, paragraph 1"
    page = _page(renderers, "fa", kind, M)
    item = next(a for a in page.find_class("shora-clause-link") if a.get("href") == "#point-3-a")
    assert item.get("aria-label") == "پیوند به بند ۳، زیربند الف"
    consideration = next(
        a for a in page.find_class("shora-clause-link") if a.get("href") == "#consideration-2"
    )
    assert consideration.get("aria-label") == "پیوند به بند ۲ مقدمه"


def test_the_date_row_shows_the_date_the_source_prints_first(
    report: Report, renderers: dict[str, SiteRenderer]
) -> None:
    printed = _model(report, M).text.place_date
    assert printed is not None and printed.fa == "۲۷ ژوئیه ۲۰۰۹"
    row = _details(_page(renderers, "fa", "resolution", M))["تاریخ"]
    time = row.find("time")
    assert time.get("datetime") == "2009-07-27" and _text(time) == printed.fa
    assert _text(row).startswith("۲۷ ژوئیه ۲۰۰۹ (۵ مرداد ۱۳۸۸ هجری شمسی)")
    english = _details(_page(renderers, "en", "resolution", M))["Date"]
    assert _text(english).startswith("27 July 2009 (5 Mordad 1388 SH)")
    assert all(d in PERSIAN_DIGITS + " ژوئیه" for d in _text(time))
