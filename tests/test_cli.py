"""The ``shora`` command: exit codes, output formats, selected paths, fix, new, schemas."""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

import shora.cli
import shora.validate.project
from shora.cli import main
from shora.core.diagnostics import Diagnostic, Severity

from .validator_support import BASE, ROOT

RESOLUTION = "resolutions/local-councils.yml"
COUNCIL = "councils/uppsala.yml"
DECISION = "councils/decisions/2026/uppsala-2026-01.yml"
ORGANIZATION = "councils/organizations/example-union.yml"


@pytest.fixture
def project(tmp_path: Path, fixed_today: object, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the corpus base; outside GitHub Actions whatever runs the tests."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


def edit(project: Path, relative: str, old: str, new: str) -> None:
    path = project / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str], str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def usage_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(list(argv))
    assert exit_.value.code == 2
    return capsys.readouterr().err


# ---------------------------------------------------------------- exit codes


def test_clean_project_exits_0_silently(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--root", str(project), "validate") == (0, [], "")


def test_errors_exit_1_with_a_summary(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, COUNCIL, "country: SE", "country: se")
    edit(project, RESOLUTION, "status: in-force", "status: valid")
    code, out, err = run(capsys, "--root", str(project), "validate")
    assert code == 1
    assert out == [
        "councils/uppsala.yml:10:10: error: country: 'se' must be written in capitals: 'SE'",
        "resolutions/local-councils.yml:21:9: error: status: 'valid' is not allowed here; "
        "write one of: in-force, superseded, repealed, unknown",
    ]
    assert err == "2 errors, 0 warnings in 2 files\n"


def test_warnings_only_exit_0(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    edit(project, DECISION, "  fa: انتخاب دبیر", "  fa: انتخاب دبير")
    code, out, err = run(capsys, "--root", str(project), "validate")
    assert code == 0
    assert out == [
        f"{DECISION}:9:16: warning: title.fa: Arabic yeh 'ي' in Persian text: write 'ی' (shora fix)"
    ]
    assert err == "0 errors, 1 warning in 1 file\n"


def test_unknown_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert "'check' is not one of the choices" in usage_error(capsys, "check")


def test_missing_command_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert "these arguments are missing: COMMAND" in usage_error(capsys)


def test_path_that_does_not_exist_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    missing = str(project / "resolutions" / "nothing.yml")
    assert f"no such file or folder: {missing}" in usage_error(
        capsys, "--root", str(project), "validate", missing
    )
    assert "no such file or folder" in usage_error(capsys, "--root", str(project), "fix", missing)


def test_root_that_does_not_exist_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    err = usage_error(capsys, "--root", str(tmp_path / "nowhere"), "validate")
    assert f"no such folder: {tmp_path / 'nowhere'}" in err


@pytest.mark.parametrize("bad_id", ["Stockholm", "my_council", "x-", "a--b", "شورا", ""])
def test_new_with_an_invalid_id_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str], bad_id: str
) -> None:
    err = usage_error(capsys, "--root", str(project), "new", "council", bad_id)
    assert f"'{bad_id}' is not a valid id: use lowercase ASCII words joined by '-'" in err
    assert not (project / "councils" / f"{bad_id}.yml").exists()


def test_new_of_an_unknown_kind_is_a_usage_error(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert "'platform' is not one of the choices" in usage_error(
        capsys, "--root", str(project), "new", "platform", "norway"
    )


def test_internal_error_is_one_line_and_exit_3(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.delenv("SHORA_DEBUG", raising=False)
    monkeypatch.setattr(shora.validate.project, "validate_project", broken)
    code, out, err = run(capsys, "--root", str(project), "validate")
    assert (code, out) == (3, [])
    assert err == (
        "shora: internal error: RuntimeError: something broke\n"
        "shora: please report it; set SHORA_DEBUG=1 to see details\n"
    )


def test_no_traceback_from_a_subprocess(project: Path) -> None:
    edit(project, RESOLUTION, "title:\n", "title: &t\n")
    (project / ORGANIZATION).write_bytes(b"\x00\xff\xfe garbage")
    environment = {
        k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "SHORA_DEBUG")
    }
    result = subprocess.run(
        [sys.executable, "-m", "shora.cli", "--root", str(project), "validate"],
        capture_output=True,
        text=True,
        env=environment,
        timeout=60,
        check=False,
    )
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "internal error" not in result.stderr
    assert f"{ORGANIZATION}:1:2: error: the file is not valid UTF-8 (byte 0xff)" in result.stdout
    assert f"{RESOLUTION}:2:8: error: anchors are not allowed (found '&t')" in result.stdout
    assert result.stderr == "2 errors, 0 warnings in 2 files\n"


def test_the_command_ends_with_its_exit_code_and_all_its_output(project: Path) -> None:
    """`shora` ends without Python's teardown (shora.cli.run): nothing may be lost."""
    for argv, code, stream, text in (
        (["validate"], 0, "stdout", ""),
        (["no-such-command"], 2, "stderr", "'no-such-command' is not one of the choices"),
        (["new", "council", "x" * 3], 0, "stdout", "councils/xxx.yml"),
    ):
        result = subprocess.run(
            [sys.executable, "-m", "shora.cli", "--root", str(project), *argv],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert result.returncode == code, result.stderr
        assert text in getattr(result, stream)


# ---------------------------------------------------------------- output formats


GITHUB_LINES = [
    "::error file=councils/uppsala.yml,line=10,col=10::country: 'se' must be written in "
    "capitals: 'SE'",
    f"::warning file={DECISION},line=9,col=16::title.fa: Arabic yeh 'ي' in Persian text: "
    "write 'ی' (shora fix)",
]


def break_for_github(project: Path) -> None:
    edit(project, COUNCIL, "country: SE", "country: se")
    edit(project, DECISION, "  fa: انتخاب دبیر", "  fa: انتخاب دبير")


def test_github_format(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    break_for_github(project)
    code, out, _ = run(capsys, "--root", str(project), "validate", "--format", "github")
    assert code == 1
    assert sorted(out) == sorted(GITHUB_LINES)


def test_github_format_is_automatic_on_github_actions(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    break_for_github(project)
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    code, out, _ = run(capsys, "--root", str(project), "validate")
    assert code == 1
    assert sorted(out) == sorted(GITHUB_LINES)
    # An explicit --format wins.
    _, out, _ = run(capsys, "--root", str(project), "validate", "--format", "text")
    assert (
        "councils/uppsala.yml:10:10: error: country: 'se' must be written in capitals: 'SE'" in out
    )
    assert not any(line.startswith("::") for line in out)


def test_github_format_escapes_the_message() -> None:
    diagnostic = Diagnostic("a.yml", 3, 4, Severity.ERROR, "100% sure\r\nnext line")
    assert (
        diagnostic.format_github() == "::error file=a.yml,line=3,col=4::100%25 sure%0D%0Anext line"
    )


# ---------------------------------------------------------------- selected paths


def test_validate_path_reports_only_that_file_but_checks_references(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An error elsewhere, in a council that stays usable (its data is valid)...
    edit(project, COUNCIL, "last_verified: 2026-05-20", "last_verified: 2026-07-01")
    # ... and a cross-file error in the decision that refers to it.
    edit(project, DECISION, "role: secretary", "role: treasurer")
    decision = str(project / DECISION)
    code, out, _ = run(capsys, "--root", str(project), "validate", decision)
    assert code == 1
    assert out == [
        f"{DECISION}:7:7: error: role: council 'uppsala' has no board role 'treasurer'; "
        "its roles: secretary"
    ]
    # The other file alone: its error, and only it.
    code, out, _ = run(capsys, "--root", str(project), "validate", str(project / COUNCIL))
    assert (code, len(out)) == (1, 1)
    assert out[0].startswith("councils/uppsala.yml:17:16: error: last_verified: the date ")


def test_validate_path_of_a_valid_file_that_others_refer_to(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(project, COUNCIL, "country: SE", "country: se")
    # The decision refers to the council: it is still known, so the decision is clean.
    assert run(capsys, "--root", str(project), "validate", str(project / DECISION)) == (0, [], "")


def test_validate_relative_path_and_folder(
    project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    edit(project, COUNCIL, "country: SE", "country: se")
    edit(project, RESOLUTION, "status: in-force", "status: valid")
    monkeypatch.chdir(project)
    code, out, _ = run(capsys, "validate", "councils")
    assert code == 1
    assert [line.split(":")[0] for line in out] == ["councils/uppsala.yml"]
    code, out, _ = run(capsys, "validate", "councils/decisions/")
    assert (code, out) == (0, [])
    code, out, _ = run(capsys, "validate", ".")
    assert (code, len(out)) == (1, 2)


# ---------------------------------------------------------------- fix

FIXABLE = {
    # Arabic yeh, Arabic kaf, Arabic-Indic digits, '٬' used as a comma; the thousands
    # separator between digits stays.
    DECISION: (
        "  fa: مجمع عمومی یک دبیر برای شش ماه انتخاب کرد.",
        "  fa: مجمع عمومي يک دبیر براي ٦ ماه٬ با ۱٬۲۰۰ رأی انتخاب كرد.",
        "  fa: مجمع عمومی یک دبیر برای ۶ ماه، با ۱٬۲۰۰ رأی انتخاب کرد.",
    ),
}


def make_fixable(project: Path) -> None:
    for relative, (old, new, _) in FIXABLE.items():
        edit(project, relative, old, new)
    # A missing schema line...
    path = project / ORGANIZATION
    path.write_text(path.read_text(encoding="utf-8").partition("\n")[2], encoding="utf-8")
    # ... and a wrong one.
    edit(project, COUNCIL, "../schemas/council", "../schemas/councils")


def test_fix_applies_only_safe_fixes_and_shows_a_diff(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_fixable(project)
    # Not fixable: text behind an escape, and an error that needs a person.
    edit(project, RESOLUTION, "  fa: قطعنامه درباره شوراهای محلی", '  fa: "قطعنامه \\u064A"')
    edit(project, RESOLUTION, "status: in-force", "status: valid")
    resolution_before = (project / RESOLUTION).read_bytes()

    code, out, err = run(capsys, "--root", str(project), "fix")
    assert code == 1
    text = "\n".join(out)
    assert f"--- a/{DECISION}\n+++ b/{DECISION}\n" in text
    assert "-" + FIXABLE[DECISION][1] in out
    assert "+" + FIXABLE[DECISION][2] in out
    assert f"--- a/{ORGANIZATION}" in text
    assert "+# yaml-language-server: $schema=../../schemas/organization.schema.json" in out
    assert "-# yaml-language-server: $schema=../schemas/councils.schema.json" in out
    assert "+# yaml-language-server: $schema=../schemas/council.schema.json" in out
    assert err.startswith("fixed 3 files\n")
    # What is left is reported, and only that.
    assert out[-2:] == [
        f"{RESOLUTION}:3:7: warning: title.fa: Arabic yeh 'ي' in Persian text: write 'ی' "
        "(shora fix)",
        f"{RESOLUTION}:21:9: error: status: 'valid' is not allowed here; write one of: "
        "in-force, superseded, repealed, unknown",
    ]

    assert FIXABLE[DECISION][2] in (project / DECISION).read_text(encoding="utf-8")
    assert (project / ORGANIZATION).read_text(encoding="utf-8") == (BASE / ORGANIZATION).read_text(
        encoding="utf-8"
    )
    assert (project / COUNCIL).read_text(encoding="utf-8") == (BASE / COUNCIL).read_text(
        encoding="utf-8"
    )
    assert (project / RESOLUTION).read_bytes() == resolution_before

    # The fixed files are valid; a second run has nothing left to fix.
    code, out, err = run(capsys, "--root", str(project), "fix")
    assert err.startswith("fixed 0 files\n")
    assert not any(line.startswith(("---", "+++")) for line in out)


def test_fix_leaves_the_project_valid(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_fixable(project)
    assert run(capsys, "--root", str(project), "validate")[0] == 1
    code, _, _ = run(capsys, "--root", str(project), "fix")
    assert code == 0
    assert run(capsys, "--root", str(project), "validate") == (0, [], "")


def test_fix_dry_run_changes_nothing(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_fixable(project)
    before = {p: p.read_bytes() for p in project.rglob("*") if p.is_file()}
    _, out, err = run(capsys, "--root", str(project), "fix", "--dry-run")
    assert f"--- a/{DECISION}" in out
    assert "+" + FIXABLE[DECISION][2] in out
    assert err.startswith("would fix 3 files\n")
    assert {p: p.read_bytes() for p in project.rglob("*") if p.is_file()} == before


def test_fix_of_one_path_changes_only_that_file(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    make_fixable(project)
    code, out, err = run(capsys, "--root", str(project), "fix", str(project / DECISION))
    assert code == 0
    assert err.startswith("fixed 1 file\n")
    assert out[0] == f"--- a/{DECISION}"
    assert FIXABLE[DECISION][2] in (project / DECISION).read_text(encoding="utf-8")
    assert not (project / ORGANIZATION).read_text(encoding="utf-8").startswith("# yaml-language")


# ---------------------------------------------------------------- new


# Templates and what the validator says of them: tests/test_scaffold.py.


def test_new_refuses_to_overwrite(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = (project / COUNCIL).read_bytes()
    code, out, err = run(capsys, "--root", str(project), "new", "council", "uppsala")
    assert (code, out) == (2, [])
    assert err == "councils/uppsala.yml exists already: choose another id\n"
    assert (project / COUNCIL).read_bytes() == before


# ---------------------------------------------------------------- schemas


def test_committed_schemas_are_up_to_date(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, _ = run(capsys, "--root", str(tmp_path), "schemas")
    assert code == 0
    written = sorted(p.name for p in (tmp_path / "schemas").iterdir())
    committed = sorted(p.name for p in (ROOT / "schemas").iterdir())
    assert written == committed
    assert sorted(out) == [f"wrote schemas/{name}" for name in written]
    for name in written:
        assert (tmp_path / "schemas" / name).read_text(encoding="utf-8") == (
            ROOT / "schemas" / name
        ).read_text(encoding="utf-8"), f"schemas/{name} is out of date: run `shora schemas`"
    # A second run finds nothing to write.
    assert run(capsys, "--root", str(tmp_path), "schemas") == (0, [], "")


def test_fix_on_a_file_with_windows_line_breaks(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Positions and fixes count lines the same way for CRLF files."""
    topics = project / "resolutions" / "_topics.yml"
    text = topics.read_text(encoding="utf-8").replace("شوراها", "شوراها ي", 1)
    topics.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    code, lines, _ = run(capsys, "--root", str(project), "validate")
    assert code == 0
    assert any("Arabic yeh" in line for line in lines), lines
    line, col = (int(part) for part in lines[0].split(":")[1:3])
    assert text.splitlines()[line - 1][col - 1] == "ي"
    code, _, _ = run(capsys, "--root", str(project), "fix")
    assert "ي" not in topics.read_text(encoding="utf-8")
    code, lines, _ = run(capsys, "--root", str(project), "validate")
    assert (code, lines) == (0, [])


def test_fix_dry_run_exits_1_while_fixable_errors_remain(
    project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    topics = project / "resolutions" / "_topics.yml"
    topics.write_text(topics.read_text(encoding="utf-8").split("\n", 1)[1], encoding="utf-8")
    code, _, _ = run(capsys, "--root", str(project), "fix", "--dry-run")
    assert code == 1
    code, _, _ = run(capsys, "--root", str(project), "fix")
    assert code == 0


@pytest.mark.parametrize("language", ["fa", "en"])
def test_every_option_of_every_command_is_explained(language: str) -> None:
    """`shora COMMAND --help` explains each option and argument, in the editor's
    language: `build --site-dir`, `--config`, `offline --site` and `--dist` and
    `check-links`' folder had no word of help, in either language."""
    parser = shora.cli.build_parser(language)
    commands = next(
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    )
    unexplained = [
        f"{name} {action.option_strings or action.dest}"
        for name, command in [("shora", parser), *commands.choices.items()]
        for action in command._actions
        if not isinstance(action, argparse._SubParsersAction)
        and (not action.help or action.help == argparse.SUPPRESS)
    ]
    assert unexplained == []
    if language == "fa":
        english = shora.cli.build_parser("en").format_help()
        for name, command in commands.choices.items():
            helps = [action.help for action in command._actions if action.help]
            untranslated = [help_ for help_ in helps if help_ in english and help_.isascii()]
            assert untranslated == [], name
