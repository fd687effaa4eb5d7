"""Numbers in any digits: vote counts, participants, coordinates and times of day in
ASCII, Persian (۰-۹) or Arabic-Indic (٠-٩) digits, with '.' or the Persian '٫'."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from shora.cli import main
from shora.core.messages import untranslated
from shora.core.persian import safe_fix
from shora.models.council import Assembly, Coordinates, DecisionVote
from shora.models.resolution import VoteCounts
from shora.validate import validate_project

from .validator_support import BASE, TODAY

PERSIAN = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")
ARABIC_INDIC = str.maketrans("0123456789.", "٠١٢٣٤٥٦٧٨٩٫")


@pytest.mark.parametrize(
    ("written", "value"),
    [(23, 23), ("23", 23), ("۲۳", 23), ("٢٣", 23), (" ۲۳ ", 23), ("۰", 0), ("+۷", 7)],
)
def test_a_count_in_any_digits(written: object, value: int) -> None:
    vote = VoteCounts(kind="counts", yes=written, no=0)  # type: ignore[arg-type]
    assert vote.yes == value
    assert DecisionVote(yes=written, no="۲", participants="٢٥").yes == value  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("۵۹٫۳۳", 59.33),
        ("٥٩٫٣٣", 59.33),
        ("59.33", 59.33),
        (59.33, 59.33),
        (59, 59),
        ("-۱۸٫۰۷", -18.07),
        ("−18.07", -18.07),
        ("۹۰", 90.0),
    ],
)
def test_a_coordinate_in_any_digits_with_either_decimal_separator(
    written: object, value: float
) -> None:
    assert Coordinates(lat=written, lon=written).lat == value  # type: ignore[arg-type]


@pytest.mark.parametrize("written", ["۱۸:۳۰", "١٨:٣٠", "18:30"])
def test_a_time_of_day_in_any_digits(written: str) -> None:
    assert Assembly(time=written).time == "18:30"


def _message(error: ValidationError) -> str:
    [detail] = error.errors()
    message = detail["ctx"]["message"] if detail["type"] == "shora" else detail["type"]
    assert untranslated(message, "fa") == []
    return str(message)


@pytest.mark.parametrize(
    ("written", "message"),
    [
        ("۲۳٫۵", "'۲۳٫۵' is not a whole number: write e.g. 23 or ۲۳"),
        ("twenty", "'twenty' is not a number: write digits, e.g. 23 or ۲۳"),
        (
            "۱٬۰۴۶",
            "'۱٬۰۴۶' is not a number: write it without a thousands separator, e.g. 23 or ۲۳",
        ),
        (True, "expected a whole number such as 23 or ۲۳, found true"),
        (23.0, "expected a whole number such as 23 or ۲۳, found the number 23.0"),
        (None, "expected a whole number such as 23 or ۲۳, found nothing"),
        ("-۲", "greater_than_equal"),
    ],
)
def test_a_count_that_is_not_one_says_what_to_write(written: object, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        VoteCounts(kind="counts", yes=written, no=0)  # type: ignore[arg-type]
    assert _message(raised.value) == message


@pytest.mark.parametrize(
    ("written", "message"),
    [
        (
            "۵۹/۳۳",
            "'۵۹/۳۳' is not a number: the decimal separator is '٫' or '.', e.g. 59.33 or ۵۹٫۳۳",
        ),
        ("north", "'north' is not a number: write digits, e.g. 59.33 or ۵۹٫۳۳"),
        (float("nan"), "expected a number such as 59.33 or ۵۹٫۳۳, found the number nan"),
        ([1], "expected a number such as 59.33 or ۵۹٫۳۳, found a list"),
        ("۹۵", "less_than_equal"),
    ],
)
def test_a_coordinate_that_is_not_one_says_what_to_write(written: object, message: str) -> None:
    with pytest.raises(ValidationError) as raised:
        Coordinates(lat=written, lon=0)  # type: ignore[arg-type]
    assert _message(raised.value) == message


@given(st.integers(min_value=0, max_value=10**6), st.sampled_from([PERSIAN, ARABIC_INDIC, None]))
def test_any_count_reads_the_same_in_every_digit_system(number: int, digits: dict | None) -> None:
    written = str(number) if digits is None else str(number).translate(digits)
    assert VoteCounts(kind="counts", yes=written, no=0).yes == number  # type: ignore[arg-type]
    # `shora fix` turns Arabic-Indic digits into Persian ones: still the same number.
    assert VoteCounts(kind="counts", yes=safe_fix(written), no=0).yes == number  # type: ignore[arg-type]


@given(
    st.decimals(min_value=-90, max_value=90, places=2, allow_nan=False),
    st.sampled_from([PERSIAN, ARABIC_INDIC]),
)
def test_any_coordinate_reads_the_same_in_every_digit_system(number: object, digits: dict) -> None:
    written = str(number).translate(digits)
    assert Coordinates(lat=written, lon=0).lat == float(str(number))  # type: ignore[arg-type]
    assert Coordinates(lat=safe_fix(written), lon=0).lat == float(str(number))  # type: ignore[arg-type]


def test_a_project_with_numbers_in_persian_digits_is_valid(tmp_path: Path) -> None:
    """Counts, participants, coordinates and the time of day, written as Persian editors
    write them, in the files of a real project."""
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    edits = {
        "resolutions/local-councils.yml": [
            ("  yes: 41", "  yes: ۴۱"),
            ("  no: 3", "  no: ٣"),
            ("  participants: 46", "  participants: ۴۶"),
        ],
        "councils/uppsala.yml": [
            ("  lat: 59.86", "  lat: ۵۹٫۸۶"),
            ("  lon: 17.64", "  lon: ١٧٫٦٤"),
            ('  time: "18:00"', "  time: ۱۸:۰۰"),
        ],
        "councils/decisions/2026/uppsala-2026-01.yml": [
            ("  yes: 14", "  yes: ۱۴"),
            ("  participants: 17", "  participants: ۱۷"),
        ],
    }
    for path, replacements in edits.items():
        file = project / path
        text = file.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old + "\n" in text
            text = text.replace(old + "\n", new + "\n")
        file.write_text(text, encoding="utf-8")
    report = validate_project(project, today=TODAY, cache=False)
    assert [str(d) for d in report.errors] == []
    dataset = report.dataset
    council = dataset.councils["uppsala"].model
    assert (council.coordinates.lat, council.coordinates.lon) == (59.86, 17.64)
    assert council.assembly is not None and council.assembly.time == "18:00"
    vote = dataset.resolutions["local-councils"].model.vote
    assert (vote.yes, vote.no, vote.participants) == (41, 3, 46)  # type: ignore[union-attr]
    assert dataset.decisions["uppsala-2026-01"].model.vote.participants == 17


def test_shora_fix_leaves_dates_and_numbers_in_arabic_indic_digits_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_today: object
) -> None:
    """`shora fix` writes Persian digits for Arabic-Indic ones: in dates and numbers the
    result is still valid and means the same."""
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    edits = {
        "councils/uppsala.yml": [
            ("  lat: 59.86", "  lat: ٥٩٫٨٦"),
            ('  time: "18:00"', "  time: ١٨:٠٠"),
            ("founded: 2025-04-01", "founded: ١٢ فروردين ١٤٠٤"),  # Arabic yeh too
        ],
        "councils/decisions/2026/uppsala-2026-01.yml": [
            ("date: 2026-03-01", "date: ١٤٠٤/١٢/١٠ ش"),
            ("  participants: 17", "  participants: ١٧"),
        ],
    }
    for path, replacements in edits.items():
        file = project / path
        text = file.read_text(encoding="utf-8")
        for old, new in replacements:
            assert old + "\n" in text
            text = text.replace(old + "\n", new + "\n")
        file.write_text(text, encoding="utf-8")
    before = validate_project(project, today=TODAY, cache=False)
    assert before.errors == [] and before.warnings != []
    assert main(["--root", str(project), "fix", "--lang", "en"]) == 0
    capsys.readouterr()
    council = (project / "councils/uppsala.yml").read_text(encoding="utf-8")
    assert "lat: ۵۹٫۸۶" in council and "founded: ۱۲ فروردین ۱۴۰۴" in council
    after = validate_project(project, today=TODAY, cache=False)
    assert after.errors == [] and after.warnings == []
    model = after.dataset.councils["uppsala"].model
    assert (
        model.coordinates.lat == 59.86
        and model.founded == before.dataset.councils["uppsala"].model.founded
    )
    decision = after.dataset.decisions["uppsala-2026-01"].model
    assert (decision.date, decision.vote.participants) == (dt.date(2026, 3, 1), 17)


@pytest.mark.parametrize("written", ["55,70", "12،5", "59٬3"])
def test_a_decimal_comma_is_told_the_decimal_separator(written: str) -> None:
    """A separator before other than three digits is a decimal comma, not a thousands one."""
    with pytest.raises(ValidationError) as raised:
        Coordinates.model_validate({"lat": written, "lon": 13})
    assert "the decimal separator is '٫' or '.'" in str(raised.value)
