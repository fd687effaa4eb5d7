"""The corpus of import inputs: each case of tests/import_corpus/NNN-name/ is imported
and must give exactly the file and the report recorded beside it.

A case holds ``source.*`` (the text as published), optionally ``translation.*`` and
``args`` (more arguments, one a line), and the expected results: ``expected.yml`` (the
file written; absent where none may be written) and ``expected.txt`` (the exit code
and every line printed). ``SHORA_UPDATE_IMPORT_CORPUS=1`` rewrites the expected
results from what the importer does now: review every difference.
"""

from __future__ import annotations

import functools
import os
import shutil
from pathlib import Path

import pytest
import yaml

import shora.tools.importer.command
from shora.cli import main
from shora.tools.importer.writer import untranslated_status
from shora.validate import validate_project

from .validator_support import BASE, ROOT, TODAY

CORPUS = ROOT / "tests" / "import_corpus"
CASES = sorted(path for path in CORPUS.iterdir() if path.name[:3].isdigit())
UPDATE = os.environ.get("SHORA_UPDATE_IMPORT_CORPUS") == "1"
DRAFT = "translations:\n  en:\n    status: draft\n"
UNTRANSLATED = DRAFT.replace("draft", untranslated_status("en"))


def import_project(root: Path) -> Path:
    """The validator's small valid project, with the real organizations as well."""
    shutil.copytree(BASE, root)
    for path in (ROOT / "councils" / "organizations").glob("*.yml"):
        shutil.copy(path, root / "councils" / "organizations" / path.name)
    return root


def importing_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project to import into, validated as if on the tests' fixed day."""
    monkeypatch.setattr(
        shora.tools.importer.command,
        "validate_project",
        functools.partial(validate_project, today=TODAY),
    )
    return import_project(tmp_path / "project")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return importing_project(tmp_path, monkeypatch)


def run_import(
    capsys: pytest.CaptureFixture[str], project: Path, *arguments: str
) -> tuple[int, str, str]:
    try:
        code = main(["--root", str(project), "import", "resolution", *arguments])
    except SystemExit as exit_:
        code = int(exit_.code or 0)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def _one(case: Path, stem: str) -> Path | None:
    found = [path for path in case.iterdir() if path.stem == stem]
    return found[0] if found else None


@pytest.mark.parametrize("case", CASES, ids=[case.name for case in CASES])
def test_import_case(
    case: Path, project: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(case)
    source = _one(case, "source")
    assert source is not None
    arguments = [source.name, "--id", "imported"]
    translation = _one(case, "translation")
    if translation is not None:
        arguments += ["--translation", translation.name]
    if (case / "args").is_file():
        arguments += (case / "args").read_text(encoding="utf-8").split()
    code, out, err = run_import(capsys, project, *arguments)
    report = f"exit: {code}\n{out}{err}"
    written = project / "resolutions" / "imported.yml"
    if written.exists():
        # The status of a translation not made yet is 'missing' where the model has it
        # (Persian first), else 'draft': the expected files hold 'draft'.
        text = written.read_text(encoding="utf-8")
        written.write_text(text.replace(UNTRANSLATED, DRAFT), encoding="utf-8")
    expected_file = case / "expected.yml"
    expected_report = case / "expected.txt"
    if UPDATE:
        expected_report.write_text(report, encoding="utf-8")
        if written.exists():
            shutil.copy(written, expected_file)
        elif expected_file.exists():
            expected_file.unlink()
    assert report == expected_report.read_text(encoding="utf-8")
    if expected_file.exists():
        assert written.read_text(encoding="utf-8") == expected_file.read_text(encoding="utf-8")
        # Written in the layout of the committed files, and read back as written.
        assert written.read_text(encoding="utf-8").startswith(
            "# yaml-language-server: $schema=../schemas/resolution.schema.json\n"
        )
        yaml.safe_load(written.read_text(encoding="utf-8"))
    else:
        assert not written.exists()
    assert "Traceback" not in report
