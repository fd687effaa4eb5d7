"""``shora new``: every kind of file has a template; every example value it writes is
reported by the validator, located, until replaced; once replaced, the file is valid."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from shora.cli import main
from shora.load.loader import load_bytes
from shora.tools.scaffold import TEMPLATES, new_file, yaml_scalar
from shora.validate import validate_project
from shora.validate.placeholders import PLACEHOLDERS, placeholders_at

from .validator_support import BASE

ROOT = Path(__file__).resolve().parent.parent
TODAY = dt.date.today()  # `new` writes today's date, which must not be "in the future"

EXAMPLE = "still the template's example"
COUNCIL_LINES = [
    f"7:7: error: name.fa: {EXAMPLE}: write the council's name in Persian",
    f"8:7: error: name.en: {EXAMPLE}: write the council's name in English",
    f"10:7: error: city.fa: {EXAMPLE}: write the council's city in Persian",
    f"11:7: error: city.en: {EXAMPLE}: write the council's city in English",
    f"16:10: error: country: {EXAMPLE}: write the country's two-letter code (ISO 3166-1), e.g. SE",
    f"19:1: error: coordinates: {EXAMPLE}: write the latitude and longitude of the city centre",
    f"45:9: error: assembly.text.fa: {EXAMPLE}: write in Persian when the general assembly "
    "meets, or give its schedule",
    f"46:9: error: assembly.text.en: {EXAMPLE}: write in English when the general assembly "
    "meets, or give its schedule",
]
DATE_LINE = (
    f"10:7: error: date: {EXAMPLE}: write the day of the meeting (e.g. 2025-10-12, "
    "or 1404-07-20 SH)"
)
DECISION_TEXT_LINES = [
    f"error: title.fa: {EXAMPLE}: write the decision's title in Persian",
    f"error: title.en: {EXAMPLE}: write the decision's title in English",
    f"error: text.fa: {EXAMPLE}: write the decision's text in Persian",
    f"error: text.en: {EXAMPLE}: write the decision's text in English",
    f"error: vote: {EXAMPLE}: write the real counts of the vote and the number of participants",
]
COUNCIL_ID_LINE = (
    f"7:10: error: council: {EXAMPLE}: write the id of the council that decided "
    "(its file name in councils/)"
)
ROLE_LINE = (
    f"17:7: error: role: {EXAMPLE}: write the id of the board role, as the council's file "
    "lists it under 'board:'"
)
ROLE_DECISION_LINES = [
    COUNCIL_ID_LINE,
    DATE_LINE,
    ROLE_LINE,
    *(
        f"{at}: {line}"
        for at, line in zip(
            ["28:7", "29:7", "31:7", "32:7", "35:1"], DECISION_TEXT_LINES, strict=True
        )
    ),
]
UNFILLED: dict[str, tuple[str, list[str]]] = {
    "resolution": (
        "resolutions/new-one.yml",
        [
            f"7:7: error: title.fa: {EXAMPLE}: write the resolution's title in Persian",
            f"8:7: error: title.en: {EXAMPLE}: write the resolution's title in English",
            f"11:15: error: organization: {EXAMPLE}: write the id of the organization that "
            "adopted it (a file name in councils/organizations/)",
            f"14:9: error: adopted_by.body.fa: {EXAMPLE}: write in Persian the body that "
            "adopted it, e.g. the congress",
            f"15:9: error: adopted_by.body.en: {EXAMPLE}: write in English the body that "
            "adopted it, e.g. the congress",
            f"26:9: error: adopted.note.fa: {EXAMPLE}: write in Persian what the sources say "
            "about the date of adoption, or remove the note if the date is known",
            f"27:9: error: adopted.note.en: {EXAMPLE}: write in English what the sources say "
            "about the date of adoption, or remove the note if the date is known",
            f"45:11: error: text.considerations[1].fa: {EXAMPLE}: write the consideration's "
            "Persian text, or remove it",
            f"46:11: error: text.considerations[1].en: {EXAMPLE}: write the consideration's "
            "English text, or remove it",
            f"50:9: error: text.operative_intro.fa: {EXAMPLE}: write the Persian sentence "
            "before the points (quoted, it ends in ':')",
            f"51:9: error: text.operative_intro.en: {EXAMPLE}: write the English sentence "
            "before the points (quoted, it ends in ':')",
            f"53:11: error: text.points[1].fa: {EXAMPLE}: write the point's Persian text",
            f"54:11: error: text.points[1].en: {EXAMPLE}: write the point's English text",
        ],
    ),
    "council": ("councils/new-one.yml", COUNCIL_LINES),
    "federation": (
        "councils/federations/new-one.yml",
        [
            f"8:7: error: name.fa: {EXAMPLE}: write the federation's name in Persian",
            f"9:7: error: name.en: {EXAMPLE}: write the federation's name in English",
            f"11:10: error: country: {EXAMPLE}: write the country's two-letter code "
            "(ISO 3166-1), e.g. SE",
        ],
    ),
    "organization": (
        "councils/organizations/new-one.yml",
        [
            f"6:7: error: name.fa: {EXAMPLE}: write the organization's name in Persian",
            f"7:7: error: name.en: {EXAMPLE}: write the organization's name in English",
        ],
    ),
    "decision": (
        "councils/decisions/new-one.yml",
        [
            COUNCIL_ID_LINE,
            DATE_LINE,
            *(
                f"{at}: {line}"
                for at, line in zip(
                    ["16:7", "17:7", "19:7", "20:7", "23:1"], DECISION_TEXT_LINES, strict=True
                )
            ),
        ],
    ),
    "election": ("councils/decisions/new-one.yml", ROLE_DECISION_LINES),
    "recall": ("councils/decisions/new-one.yml", ROLE_DECISION_LINES),
}

# What an editor writes in place of each example, by the placeholder's path.
FILLED: dict[str, Any] = {
    "organization": "example-union",
    "council": "uppsala",
    "date": TODAY.isoformat(),  # (a recall's election, in the base project, is earlier)
    "role": "secretary",
    "country": "SE",
    "coordinates.lat": 59.86,
    "coordinates.lon": 17.64,
    "vote.yes": 14,
    "vote.no": 2,
    "vote.abstain": 1,
    "vote.participants": 17,
}


def _filled(slot: str, path: tuple[Any, ...]) -> Any:
    if slot in FILLED:
        return FILLED[slot]
    # A text: in its language, naming its place, so that no two are alike.
    where = ".".join(str(part) for part in path[:-1])
    return f"متن {where}:" if path[-1] == "fa" else f"The text of {where}:"


def fill(text: str, kind_name: str, display: str) -> str:
    """``text`` with every example replaced, as an editor would: value by value, in place."""
    document, problems = load_bytes(text.encode(), display)
    assert document is not None and not problems
    spans: list[tuple[int, int, str]] = []
    for path, placeholder in placeholders_at(kind_name, document.data):
        fields = (
            [((*path, key), f"{placeholder.slot}.{key}") for key in placeholder.example]
            if isinstance(placeholder.example, dict)
            else [(path, placeholder.slot)]
        )
        for at, slot in fields:
            start, end = document.source_map.spans[at]
            spans.append((start, end, yaml_scalar(_filled(slot, at))))
    for start, end, replacement in sorted(spans, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def validate_lines(project: Path, relative: str, capsys: pytest.CaptureFixture[str]) -> list[str]:
    code = main(["--root", str(project), "validate", str(project / relative)])
    out = capsys.readouterr().out.splitlines()
    assert code == (1 if any(": error: " in line for line in out) else 0)
    return out


def test_every_kind_of_data_file_has_a_template() -> None:
    kinds = {kind.name for kind, _ in TEMPLATES.values()}
    assert kinds == {"resolution", "council", "federation", "organization", "decision"}
    assert set(UNFILLED) == set(TEMPLATES)


@pytest.mark.parametrize("what", sorted(TEMPLATES))
def test_unfilled_template_reports_every_example(
    project: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    relative, expected = UNFILLED[what]
    assert main(["--root", str(project), "new", what, "new-one"]) == 0
    assert capsys.readouterr().out.splitlines() == [relative]
    assert validate_lines(project, relative, capsys) == [f"{relative}:{line}" for line in expected]


@pytest.mark.parametrize("what", sorted(TEMPLATES))
def test_filled_template_validates(
    project: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    kind, _ = TEMPLATES[what]
    path, text = new_file(project, what, "new-one", TODAY)
    relative = path.relative_to(project).as_posix()
    filled = fill(text, kind.name, relative)
    assert filled != text
    path.write_text(filled, encoding="utf-8")
    assert validate_lines(project, relative, capsys) == []


@pytest.mark.parametrize("what", ["election", "recall"])
def test_named_person_with_consent(
    project: Path, capsys: pytest.CaptureFixture[str], what: str
) -> None:
    """The template's person, once its lines are uncommented: its name is an example
    until written, and then publishable with the consent the template gives."""
    path, text = new_file(project, what, "new-one", TODAY, council="uppsala")
    relative = path.relative_to(project).as_posix()
    text = text.replace("role: role-id", "role: secretary")
    start = text.index("# person:")
    block = text[start : text.index("consent: true", start) + len("consent: true")]
    text = text.replace(block, "\n".join(line[2:] for line in block.splitlines()))
    path.write_text(text, encoding="utf-8")
    lines = validate_lines(project, relative, capsys)
    # (A recall dated 1900 also warns that no earlier election is published.)
    assert [line for line in lines if ": error: " in line][:3] == [
        f"{relative}:{DATE_LINE}",
        f"{relative}:24:9: error: person.name.fa: {EXAMPLE}: write the name in Persian",
        f"{relative}:25:9: error: person.name.en: {EXAMPLE}: write the name in English",
    ]
    path.write_text(fill(text, "decision", relative), encoding="utf-8")
    assert validate_lines(project, relative, capsys) == []
    assert "consent: true" in path.read_text(encoding="utf-8")


def test_values_given_to_new_replace_the_examples(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    options = ["--council", "uppsala"]
    assert main(["--root", str(project), "new", "election", "new-one", *options]) == 0
    relative = capsys.readouterr().out.strip()
    lines = validate_lines(project, relative, capsys)
    assert not any(": council: " in line for line in lines)
    assert f"{relative}:{ROLE_LINE}" in lines


def test_operative_introduction_is_quoted_and_ends_in_a_colon() -> None:
    _, text = new_file(Path("."), "resolution", "x", TODAY)
    intro = yaml.safe_load(text)["text"]["operative_intro"]
    for language in ("fa", "en"):
        assert intro[language].endswith(":")
        assert f'{language}: "{intro[language]}"' in text


def test_template_comments_are_persian_first() -> None:
    for what, (_, template) in TEMPLATES.items():
        comments = [line for line in template.splitlines() if line.lstrip().startswith("#")]
        first = comments[0]  # (the schema line is <<schema>>)
        assert any("\u0600" <= char <= "\u06ff" for char in first), what


def test_every_example_is_written_by_a_template() -> None:
    for kind_name, placeholders in PLACEHOLDERS.items():
        templates = "".join(text for kind, text in TEMPLATES.values() if kind.name == kind_name)
        for placeholder in placeholders:
            slots = (
                [f"{placeholder.slot}.{key}" for key in placeholder.example]
                if isinstance(placeholder.example, dict)
                else [placeholder.slot]
            )
            for slot in slots:
                assert f"<<{slot}>>" in templates, (kind_name, slot)


def _data_files() -> list[Path]:
    folders = [ROOT / "resolutions", ROOT / "councils", ROOT / "examples"]
    return sorted(path for folder in folders for path in folder.rglob("*.yml"))


def test_no_real_or_sample_file_holds_an_example() -> None:
    """The examples are compared exactly, so no real data matches them: the project's
    own files and the demonstration's hundreds of samples have none."""
    from shora.load.dataset import KINDS

    by_folder = {kind.folder: kind for kind in KINDS}
    checked = 0
    for path in _data_files():
        relative = path.relative_to(ROOT).as_posix()
        folder = relative.removeprefix("examples/demo/").rpartition("/")[0]
        kind = by_folder.get(folder) or (
            by_folder["councils/decisions"] if "/decisions/" in relative else None
        )
        if kind is None:
            continue
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        assert list(placeholders_at(kind.name, data)) == [], relative
        checked += 1
    assert checked > 100


def test_base_project_has_no_example(fixed_today: object) -> None:
    assert validate_project(BASE, cache=False).diagnostics == []


def test_yaml_scalar_reads_back_the_same() -> None:
    for value in ["plain", "ends in:", "a: b", "- item", "x # y", "'quoted'", "متن", 1, -75.0]:
        assert yaml.safe_load(f"k: {yaml_scalar(value)}") == {"k": value}
    assert yaml_scalar("ends in:") == json.dumps("ends in:")


def test_examples_are_reported_in_persian(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--root", str(project), "new", "council", "new-one"]) == 0
    capsys.readouterr()
    main(["--root", str(project), "validate", "--lang", "fa", str(project / "councils")])
    out = capsys.readouterr().out.splitlines()
    assert out[3] == (
        "councils/new-one.yml:11:7: خطا: \u2068city.en\u2069: هنوز همان نمونهٔ الگوست: "
        "نام شهر شورا را به انگلیسی بنویسید"
    )
    assert len(out) == len(COUNCIL_LINES)


@pytest.mark.parametrize("date", ["1404-07-15 SH", "۱۵ مهر ۱۴۰۴"])
@pytest.mark.parametrize(
    ("what", "line"), [("council", "founded: unknown"), ("decision", "date: ")]
)
def test_dates_in_the_forms_the_comments_show_are_valid(
    project: Path, capsys: pytest.CaptureFixture[str], date: str, what: str, line: str
) -> None:
    kind, _ = TEMPLATES[what]
    path, text = new_file(project, what, "new-one", TODAY)
    assert date in text  # (in the comment above the date)
    start = text.index(f"\n{line}") + 1
    end = text.index("\n", start)
    key = line.split(":")[0]
    text = text[:start] + f"{key}: {date}" + text[end:]
    relative = path.relative_to(project).as_posix()
    path.write_text(fill(text, kind.name, relative), encoding="utf-8")
    assert validate_lines(project, relative, capsys) == []


def test_examples_are_reported_beside_other_errors(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A file whose model fails still shows which examples are left."""
    path, text = new_file(project, "council", "new-one", TODAY)
    path.write_text(text.replace("status: forming", "status: aktive"), encoding="utf-8")
    lines = validate_lines(project, "councils/new-one.yml", capsys)
    assert [line for line in lines if EXAMPLE in line] == [
        f"councils/new-one.yml:{line}" for line in COUNCIL_LINES
    ]
    assert any("status: 'aktive' is not allowed here" in line for line in lines)
