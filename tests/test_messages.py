"""Messages in the editor's language: the catalogs, the choice of language, and how a
Persian line shows what it quotes from a file."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from shora.core.catalogs import catalog_problems, code_messages
from shora.core.messages import (
    BROKEN_INTERNAL_LINKS,
    ERRORS,
    FILES,
    FIRST_STRONG_ISOLATE,
    POP_DIRECTIONAL_ISOLATE,
    Localized,
    Message,
    count_of,
    language_from_environment,
    msg,
    untranslated,
)

from .validator_support import BASE

PACKAGE = Path(__file__).resolve().parent.parent / "shora"
FSI, PDI = FIRST_STRONG_ISOLATE, POP_DIRECTIONAL_ISOLATE


def test_every_message_of_the_code_has_its_persian() -> None:
    """Every message Babel finds in the code is translated, with the same placeholders,
    once, and the catalogs hold nothing the code no longer says."""
    assert len(code_messages(PACKAGE)) > 200
    assert catalog_problems(PACKAGE) == []


def test_a_message_is_its_english_text_and_keeps_its_parameters() -> None:
    message = msg("unknown key '{key}' on line {line}", key="titel", line=12)
    assert message == "unknown key 'titel' on line 12"
    assert isinstance(message, str)
    restored = pickle.loads(pickle.dumps(message))  # the validator's cache keeps it
    assert isinstance(restored, Message) and restored.params == message.params


def test_persian_isolates_what_is_quoted_and_writes_its_own_numbers_in_persian() -> None:
    message = msg("missing required key '{key}'", key="en")
    assert message.render("fa") == f"کلید لازم «{FSI}en{PDI}» نوشته نشده است"
    counts = msg(
        "yes + no + abstain = {cast} is more than the {participants} participants",
        cast=12,
        participants=9,
    )
    assert "۱۲" in counts.render("fa") and "۹" in counts.render("fa")
    assert "12" in counts and FSI not in counts  # English: as written, nothing added


def test_nested_messages_lists_and_names_in_both_languages() -> None:
    country = msg("{code} ({name})", code="SE", name=Localized("سوئد", "Sweden"))
    assert country == "SE (Sweden)"
    assert country.render("fa") == f"سوئد ({FSI}SE{PDI})"
    listing = msg(
        "a regular meeting needs weekday, time and timezone: add {missing}",
        missing=["time", "timezone"],
    )
    assert listing.endswith("add time, timezone")
    assert f"{FSI}time{PDI}، {FSI}timezone{PDI}" in listing.render("fa")


@pytest.mark.parametrize(
    ("count", "english", "persian"),
    [
        (0, "shora: 0 errors in the data; site was not changed", "shora: داده‌ها ۰ خطا دارند؛"),
        (1, "shora: 1 error in the data; site was not changed", "shora: داده‌ها ۱ خطا دارند؛"),
        (2, "shora: 2 errors in the data; site was not changed", "shora: داده‌ها ۲ خطا دارند؛"),
    ],
)
def test_counts_take_the_english_singular_at_one_and_one_persian_form(
    count: int, english: str, persian: str
) -> None:
    message = msg(
        "shora: {errors} in the data; {site} was not changed",
        errors=count_of(count, *ERRORS),
        site="site",
    )
    assert message.render("en") == english
    assert message.render("fa").startswith(persian)
    assert (
        count_of(1, *FILES) == "1 file"
        and count_of(1, *BROKEN_INTERNAL_LINKS).render("fa") == "۱ پیوند درونی شکسته"
    )
    assert "(s)" not in "".join(code_messages(PACKAGE))  # no "error(s)": the forms instead


def test_a_message_without_translation_is_found() -> None:
    inner = Message("a message no catalog knows", {})
    outer = msg("{path}: {message}", path="title", message=inner)
    assert untranslated(outer, "fa") == ["a message no catalog knows"]
    assert untranslated(outer, "en") == []


@pytest.mark.parametrize(
    ("environment", "language"),
    [
        ({}, "en"),
        ({"LANG": "fa_IR.UTF-8"}, "fa"),
        ({"LANG": "fa"}, "fa"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({"LANG": "fa_IR.UTF-8", "LC_ALL": "en_GB.UTF-8"}, "en"),  # LC_ALL comes first
        ({"LANG": "en_US.UTF-8", "LC_MESSAGES": "fa_IR.UTF-8"}, "fa"),
        ({"LANG": "fa_IR.UTF-8", "LC_ALL": ""}, "fa"),  # an empty variable is not set
    ],
)
def test_the_locale_chooses_the_language(environment: dict[str, str], language: str) -> None:
    assert language_from_environment(environment) == language


def _broken_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    council = next((project / "councils").glob("*.yml"))
    text = council.read_text(encoding="utf-8")
    council.write_text(text + "titel: x\n", encoding="utf-8")
    return project


def _shora(project: Path, *arguments: str, **environment: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE", "GITHUB_ACTIONS")
    }
    env.update(environment)
    return subprocess.run(
        [sys.executable, "-m", "shora.cli", "--root", str(project), *arguments],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )


def test_the_command_speaks_the_language_chosen_before_or_after_its_name(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    english = _shora(project, "validate")
    before = _shora(project, "--lang", "fa", "validate")
    after = _shora(project, "validate", "--lang", "fa")
    from_locale = _shora(project, "validate", LANG="fa_IR.UTF-8")
    overridden = _shora(project, "validate", "--lang=en", LANG="fa_IR.UTF-8")
    assert english.returncode == before.returncode == after.returncode == 1
    assert before.stdout == after.stdout == from_locale.stdout
    assert overridden.stdout == english.stdout
    english_line = english.stdout.splitlines()[0]
    persian_line = before.stdout.splitlines()[0]
    assert "unknown key 'titel'" in english_line
    # The location is first and the same; the words are Persian; the key as written.
    location = english_line.split(": error: ")[0]
    assert persian_line.startswith(f"{location}: خطا: ")
    assert f"«{FSI}titel{PDI}» شناخته نیست" in persian_line
    assert "۱ خطا و ۰ هشدار در ۱ فایل" in before.stderr
    assert "1 error, 0 warnings in 1 file" in english.stderr


def test_github_annotations_in_the_chosen_language(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    result = _shora(project, "validate", "--format", "github", "--lang", "fa")
    line = result.stdout.splitlines()[0]
    assert line.startswith("::error file=councils/")
    assert line.split("::", 2)[2].startswith("کلید")


def test_usage_errors_and_help_in_persian(tmp_path: Path) -> None:
    project = _broken_project(tmp_path)
    unknown = _shora(project, "validate", "--lang", "fa", "--no-such-option")
    assert unknown.returncode == 2
    assert "طرز استفاده:" in unknown.stderr and "ورودی‌های ناشناخته" in unknown.stderr
    command = _shora(project, "--lang", "fa", "no-such-command")
    assert command.returncode == 2 and "جزو گزینه‌ها نیست" in command.stderr
    helped = _shora(project, "validate", "--help", "--lang", "fa")
    assert helped.returncode == 0 and "بررسی همهٔ فایل‌های داده" not in helped.stdout
    assert "گزارش فقط دربارهٔ این فایل‌ها یا پوشه‌ها" in helped.stdout
    assert "Traceback" not in unknown.stderr + command.stderr + helped.stderr
