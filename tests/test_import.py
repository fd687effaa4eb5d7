"""``shora import resolution``: the two source documents come back as the committed
resolutions; the committed English comes back clause by clause through --translation;
Word files made here; usage errors; the report in Persian."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml

from shora.core.messages import msg, untranslated
from shora.core.persian import latin_letter
from shora.tools.importer.numbering import (
    english_ordinal,
    english_ordinal_words,
    numbered,
    persian_ordinal,
)
from shora.tools.importer.recognize import recognize
from shora.tools.importer.sources import read_source
from shora.tools.importer.writer import untranslated_status

from .test_import_corpus import CORPUS, importing_project, run_import
from .validator_support import ROOT


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return importing_project(tmp_path, monkeypatch)


SEEDS = {
    "place-and-importance-of-the-party": (
        "000_df212550a4b51865.txt",
        ["--organization", "worker-communist-party"],
    ),
    "mass-organizing-abroad": ("002_56d39c39a9e0a95d.txt", []),
}
# The source documents as handed over, beside the repository (the copies in the
# corpus must stay the same bytes).
SHARED_SEEDS = ROOT.parent / "shared" / "seeds"


def committed(resolution_id: str) -> dict[str, Any]:
    path = ROOT / "resolutions" / f"{resolution_id}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def written(project: Path, resolution_id: str = "imported") -> dict[str, Any]:
    path = project / "resolutions" / f"{resolution_id}.yml"
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def structure(data: dict[str, Any]) -> dict[str, Any]:
    """What the import must reproduce: the parts of the text and how many of each,
    and the metadata the text states (not the editors' notes, topics or English
    names of the metadata)."""
    text = data["text"]
    return {
        "text_keys": list(text),
        "considerations": len(text.get("considerations", [])),
        "points": [
            (len(point.get("items", [])), len(point.get("paragraphs", [])))
            for point in text["points"]
        ],
        "closing": len(text.get("closing", [])),
        "organization": data["organization"],
        "body": data["adopted_by"]["body"]["fa"],
        "session": data["adopted_by"].get("session"),
        "date": str(data["adopted"]["date"]),
        "vote": data["vote"],
        "status": data["status"],
        "published": [
            (p["periodical"]["fa"], str(p["issue"]), str(p["date"])) for p in data["published"]
        ],
        "original_language": data["original_language"],
        "top_keys": [key for key in data if key != "topics"],
    }


def texts(data: dict[str, Any], language: str) -> list[tuple[str, str]]:
    """Every text of the resolution in ``language``, with where it is."""
    found = [("title", data["title"][language])] if language in data["title"] else []
    for publication in data["published"]:
        if language in publication["periodical"]:
            found.append(("periodical", publication["periodical"][language]))

    def walk(value: Any, path: str) -> None:
        if isinstance(value, dict):
            if language in value:
                found.append((path, value[language]))
            for key, inner in value.items():
                # The misprints an editor marks (sic) are notes on a text, not text.
                if isinstance(inner, (dict, list)) and key != "sic":
                    walk(inner, f"{path}.{key}")
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, f"{path}[{index}]")

    walk(data["text"], "text")
    return found


def laid_out(data: dict[str, Any], language: str = "en") -> str:
    """The committed text of one language as a published text file: publication,
    title, headnote, '1.' considerations, introduction, '1.' points with '(a)'
    sub-items and further paragraphs, closing, signature, place and date."""
    lines = [f"{p['periodical'][language]} {p['issue']}" for p in data["published"]]
    lines.append(data["title"][language])
    text = data["text"]
    if "headnote" in text:
        lines.append(text["headnote"][language])
    lines += [f"{n}. {c[language]}" for n, c in enumerate(text.get("considerations", []), 1)]
    if "operative_intro" in text:
        lines.append(text["operative_intro"][language])
    for number, point in enumerate(text["points"], 1):
        lines.append(f"{number}. {point[language]}")
        lines += [
            f"({latin_letter(i)}) {item[language]}" for i, item in enumerate(point.get("items", []))
        ]
        lines += [paragraph[language] for paragraph in point.get("paragraphs", [])]
    lines += [closing[language] for closing in text.get("closing", [])]
    lines += [text[key][language] for key in ("signature", "place_date") if key in text]
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------- the two seeds


@pytest.mark.skipif(
    not SHARED_SEEDS.is_dir(), reason="the handed-over seeds are not beside the repository"
)
def test_the_corpus_holds_the_seeds_as_handed_over() -> None:
    for name, _ in SEEDS.values():
        assert (CORPUS / "seeds" / name).read_bytes() == (SHARED_SEEDS / name).read_bytes()


@pytest.mark.parametrize("resolution_id", sorted(SEEDS))
def test_seed_imports_to_the_committed_structure(
    resolution_id: str,
    project: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, options = SEEDS[resolution_id]
    code, out, err = run_import(
        capsys, project, str(CORPUS / "seeds" / name), "--id", "imported", *options
    )
    assert err == ""
    # Persian only: it writes the structure and says that the English is missing.
    assert code == 1
    assert "needs the editor:" in out and "the English translation:" in out
    imported, expected = written(project), committed(resolution_id)
    assert structure(imported) == structure(expected)
    # The Persian equals the committed Persian after the normalization, everywhere.
    assert texts(imported, "fa") == texts(expected, "fa")
    assert texts(imported, "en") == []
    assert imported["translations"] == {"en": {"status": untranslated_status("en")}}


@pytest.mark.parametrize("resolution_id", sorted(SEEDS))
def test_committed_english_comes_back_clause_by_clause(
    resolution_id: str,
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    name, options = SEEDS[resolution_id]
    expected = committed(resolution_id)
    english = tmp_path / "english.txt"
    english.write_text(laid_out(expected), encoding="utf-8")
    code, out, err = run_import(
        capsys, project, str(CORPUS / "seeds" / name), "--id", "imported",
        "--translation", str(english), *options,
    )  # fmt: skip
    assert (code, err) == (0, "")
    assert out.endswith("resolutions/imported.yml is valid\n")
    imported = written(project)
    assert structure(imported) == structure(expected)
    assert texts(imported, "fa") == texts(expected, "fa")
    assert texts(imported, "en") == texts(expected, "en")
    assert imported["translations"] == {"en": {"status": "complete"}}
    assert imported["adopted_by"].get("session") == expected["adopted_by"].get("session")


def test_a_translation_that_parts_names_the_line_in_each_file(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    expected = committed("mass-organizing-abroad")
    english = laid_out(expected).splitlines()
    # The English of point 2 split in two paragraphs: from there on they part.
    at = next(i for i, line in enumerate(english) if line.startswith("2. The basic"))
    english.insert(at + 1, "An added paragraph.")
    path = tmp_path / "english.txt"
    path.write_text("\n".join(english) + "\n", encoding="utf-8")
    seed = CORPUS / "seeds" / SEEDS["mass-organizing-abroad"][0]
    code, _, err = run_import(
        capsys, project, str(seed), "--id", "imported", "--translation", str(path)
    )
    assert code == 1
    assert err == (
        f"{seed}:10: error: the translation does not follow the same structure: here the text "
        f"has point 3, and {path}:{at + 2} has point 2, paragraph 1\n"
    )
    assert not (project / "resolutions" / "imported.yml").exists()


def test_the_issue_number_must_agree(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    english = laid_out(committed("place-and-importance-of-the-party")).replace(
        "Anternasional 273", "Anternasional 274"
    )
    path = tmp_path / "english.txt"
    path.write_text(english, encoding="utf-8")
    seed = CORPUS / "seeds" / SEEDS["place-and-importance-of-the-party"][0]
    code, _, err = run_import(capsys, project, str(seed), "--id", "x", "--translation", str(path))
    assert code == 1
    assert "the issue numbers differ" in err and f"{path}:1 has issue 274" in err


# ---------------------------------------------------------------- Word files


def test_a_word_file_made_here(
    project: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = docx.Document()
    document.add_paragraph("قطعنامه درباره")
    document.add_paragraph("آموزش اعضا")
    document.add_paragraph("مصوب پلنوم سوم کمیته مرکزی باتفاق آرا")
    document.add_paragraph("۱- هر عضو برنامه را میشناسد.")
    document.add_paragraph("")
    document.add_paragraph("۲- کلاس ها برای همه آزاد است:")
    document.add_paragraph("الف) کلاس تاریخ؛")
    document.add_paragraph("ب) کلاس اقتصاد.")
    run = document.add_paragraph().add_run("کمیته مرکزی اتحادیه نمونه")
    run.add_break()
    run.add_text("۱۵ مهر ۱۴۰۴")
    document.add_table(rows=1, cols=1)
    path = tmp_path / "resolution.docx"
    document.save(str(path))
    code, out, err = run_import(capsys, project, str(path), "--id", "imported")
    assert (code, err) == (1, "")
    lines = out.splitlines()
    assert lines[0] == f"{path}: Word file in Persian, 10 lines"
    assert f"{path}: tables left out: 1 (only paragraphs are imported)" in lines
    assert f"{path}:7: point 2, sub-item الف" in lines
    assert f"{path}:9: signature" in lines and f"{path}:9: place and date: 1404-07-15 SH" in lines
    data = written(project)
    assert data["title"] == {"fa": "قطعنامه درباره آموزش اعضا"}
    assert data["organization"] == "example-union"
    assert data["vote"] == {"kind": "unanimous"}
    assert data["adopted"] == {"date": "1404-07-15 SH"}
    assert data["adopted_by"]["session"] == {"fa": "پلنوم سوم", "en": "third plenum"}
    assert [p["fa"] for p in data["text"]["points"]] == [
        "هر عضو برنامه را میشناسد.",
        "کلاس ها برای همه آزاد است:",
    ]
    assert data["text"]["points"][1]["items"] == [{"fa": "کلاس تاریخ؛"}, {"fa": "کلاس اقتصاد."}]


def test_word_numbering_is_read_as_numbers_and_letters(tmp_path: Path) -> None:
    """Word draws automatic numbers and letters without storing them in the text: the
    points in Word's "List Number" list, their sub-items one level down in the same
    list; a bulleted paragraph is no number."""
    document = docx.Document()
    document.add_paragraph("Resolution on numbering")
    document.add_paragraph("1. First consideration.")
    document.add_paragraph("2. Second consideration.")
    document.add_paragraph("The congress resolves:")
    first = document.add_paragraph("First point, with:", style="List Number")
    for text in ("a sub-item;", "another."):
        item = document.add_paragraph(text, style="List Number")
        numbering = item._p.get_or_add_pPr().get_or_add_numPr()
        numbering.get_or_add_ilvl().val = 1
        numbering.get_or_add_numId().val = first.style.element.pPr.numPr.numId.val
    document.add_paragraph("A bulleted remark.", style="List Bullet")
    document.add_paragraph("Second point.", style="List Number")
    path = tmp_path / "numbered.docx"
    document.save(str(path))
    found = recognize(read_source(path, "numbered.docx"))
    assert [piece.text for piece in found.considerations] == [
        "First consideration.",
        "Second consideration.",
    ]
    assert found.intro is not None and found.intro.text == "The congress resolves:"
    assert [point.point.text for point in found.points] == ["First point, with:", "Second point."]
    assert [item.text for item in found.points[0].items] == ["a sub-item;", "another."]
    assert [piece.text for piece in found.points[0].paragraphs] == ["A bulleted remark."]


# ---------------------------------------------------------------- usage


def test_usage_errors_exit_2_and_never_overwrite(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = CORPUS / "015-unknown-organization" / "source.txt"
    code, _, err = run_import(capsys, project, str(source), "--id", "Not An Id")
    assert code == 2 and "'Not An Id' is not a valid id" in err
    code, _, err = run_import(capsys, project, str(source), "--id", "x", "--organization", "nobody")
    assert code == 2 and "no organization 'nobody' in councils/organizations/" in err
    code, _, err = run_import(capsys, project, str(tmp_path / "missing.txt"), "--id", "x")
    assert code == 2 and "no such file" in err
    code, _, err = run_import(
        capsys, project, str(source), "--id", "x", "--translation", str(source)
    )
    assert code == 2 and "the translation must be the text in the other language" in err
    code, _, err = run_import(capsys, project, str(source))
    assert code == 2 and "--id" in err
    existing = project / "resolutions" / "local-councils.yml"
    before = existing.read_bytes()
    code, _, err = run_import(capsys, project, str(source), "--id", "local-councils")
    assert code == 2
    assert "resolutions/local-councils.yml exists already: choose another id, or add --force" in err
    assert existing.read_bytes() == before
    code, _, _ = run_import(capsys, project, str(source), "--id", "local-councils", "--force")
    assert code == 1 and existing.read_bytes() != before


def test_the_report_in_persian(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    seed = CORPUS / "seeds" / SEEDS["mass-organizing-abroad"][0]
    code, out, _ = run_import(capsys, project, str(seed), "--id", "imported", "--lang", "fa")
    assert code == 1
    lines = out.splitlines()
    assert lines[0] == f"{seed}: متن ساده به زبان فارسی، ۲۱ سطر"
    assert f"{seed}:11: بند ۳، زیربند \u2068الف\u2069" in lines
    assert (
        f"{seed}:4: اصلاح شد: «٬» که به جای ویرگول آمده بود به ویرگول فارسی «،» تبدیل شد (۲ بار)"
        in lines
    )
    assert "\u2068resolutions/imported.yml\u2069 هنوز کار ویراستار را لازم دارد:" in lines


def test_every_message_of_the_importer_is_in_persian() -> None:
    from shora.core.catalogs import code_messages
    from shora.core.messages import catalog

    places = code_messages(ROOT / "shora")
    ours = [m for m, where in places.items() if any(p.startswith("tools/importer/") for p in where)]
    ours += [
        "make a data file from a published text (.txt, .html, .docx)",
        "the resolution as published",
        "the text in the other language, laid out the same way",
        "replace the file if it exists",
    ]
    assert len(ours) > 60
    assert [m for m in ours if m not in catalog("fa")] == []
    assert untranslated(msg("point {number}, sub-item {letter}", number=3, letter="ب"), "fa") == []


# ---------------------------------------------------------------- numbers and ordinals


@pytest.mark.parametrize(
    ("line", "number", "marked"),
    [("۱- متن", 1, True), ("١- متن", 1, True), ("1. text", 1, True), ("1) text", 1, True),
     ("(12) text", 12, True), ("۵ – متن", 5, True), ("۸ تلاش", 8, False), ("10 — text", 10, True)],
)  # fmt: skip
def test_clause_numbers(line: str, number: int, marked: bool) -> None:
    found = numbered(line)
    assert found is not None and (found.number, found.marked) == (number, marked)


@pytest.mark.parametrize(
    "line", ["1.5 million workers", "1990 was a year", "۱۴۰۴/۰۷/۱۵", "text 1."]
)
def test_not_clause_numbers(line: str) -> None:
    found = numbered(line)
    assert found is None or not found.marked


@pytest.mark.parametrize(
    ("words", "number"),
    [("سی و یکمین", 31), ("دوم", 2), ("سوم", 3), ("نخستین", 1), ("یازدهمین", 11),
     ("بیست و پنجم", 25), ("سی ام", 30), ("۳۱مین", 31), ("دوازدهم", 12), ("صدمین", 100)],
)  # fmt: skip
def test_persian_ordinals(words: str, number: int) -> None:
    assert persian_ordinal(words) == number


@pytest.mark.parametrize(
    ("words", "number"), [("thirty-first", 31), ("31st", 31), ("second", 2), ("twelfth", 12)]
)
def test_english_ordinals(words: str, number: int) -> None:
    assert english_ordinal(words) == number


def test_english_ordinals_are_written_in_words_and_read_back() -> None:
    assert english_ordinal_words(31) == "thirty-first"
    assert english_ordinal_words(12) == "twelfth"
    assert english_ordinal_words(101) == "101st"
    assert all(english_ordinal(english_ordinal_words(n)) == n for n in range(1, 100))


def test_the_seeds_in_the_corpus_are_the_files_of_the_tests() -> None:
    assert sorted(path.name for path in (CORPUS / "seeds").iterdir()) == sorted(
        name for name, _ in SEEDS.values()
    )
    assert shutil.which  # the corpus is read in place: nothing is copied into it
