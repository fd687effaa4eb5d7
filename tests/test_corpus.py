"""The corpus of broken inputs: each case, overlaid on a small valid project, must make
``shora validate`` print exactly the lines in its ``expected.txt``.

A case is a folder ``tests/corpus/<NN-short-name>/`` holding:

* files to overlay on ``tests/corpus/_base/``, at the same relative paths;
* ``expected.txt``: every line ``shora validate`` must print, in order;
* ``expected.fa.txt``: the same with ``--lang fa``, the messages in Persian;
* optionally ``_delete``: base files to remove, one relative path a line;
* optionally ``_generate``: files too large to keep, one ``<path> <bytes>`` a line; each
  becomes the base resolution followed by comment lines, until it has that many bytes.

``SHORA_UPDATE_CORPUS=1 pytest tests/test_corpus.py`` rewrites every ``expected.txt``
and ``expected.fa.txt`` from the current output. Review each change by eye before
committing it: every message must tell an editor what is wrong and what to write
instead, in both languages.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import shora.cli
from shora.cli import main
from shora.core.messages import untranslated
from shora.validate import validate_project

from .validator_support import BASE, CORPUS

UPDATE = os.environ.get("SHORA_UPDATE_CORPUS") == "1"
SPECIAL = {"expected.txt", "expected.fa.txt", "_delete", "_generate"}
EXPECTED = {"en": "expected.txt", "fa": "expected.fa.txt"}
CASES = sorted(p.name for p in CORPUS.iterdir() if p.is_dir() and not p.name.startswith("_"))


def build_project(case: Path, project: Path) -> None:
    shutil.copytree(BASE, project)
    delete = case / "_delete"
    if delete.exists():
        for line in delete.read_text(encoding="utf-8").splitlines():
            if line.strip():
                (project / line.strip()).unlink()
    for source in sorted(case.rglob("*")):
        relative = source.relative_to(case)
        if source.is_dir() or relative.as_posix() in SPECIAL:
            continue
        target = project / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    generate = case / "_generate"
    if generate.exists():
        filler = "# " + "padding " * 12 + "\n"
        for line in generate.read_text(encoding="utf-8").splitlines():
            if not line.strip():
                continue
            name, size = line.split()
            text = (BASE / "resolutions" / "local-councils.yml").read_text(encoding="utf-8")
            repeat = int(size) // len(filler) + 1
            target = project / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text + filler * repeat, encoding="utf-8")


@pytest.fixture(autouse=True)
def text_output(monkeypatch: pytest.MonkeyPatch) -> None:
    """Plain text output even where the tests run on GitHub Actions."""
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run_validate(
    project: Path, capsys: pytest.CaptureFixture[str], language: str = "en"
) -> tuple[int, list[str], str]:
    code = main(["--root", str(project), "validate", "--lang", language])
    captured = capsys.readouterr()
    return code, captured.out.splitlines(), captured.err


def test_corpus_is_large_enough() -> None:
    assert len(CASES) >= 70


def test_base_project_is_valid(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fixed_today: object
) -> None:
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    code, lines, err = run_validate(project, capsys)
    assert (code, lines, err) == (0, [], "")


@pytest.mark.parametrize("language", ["en", "fa"])
@pytest.mark.parametrize("name", CASES)
def test_case(
    name: str,
    language: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fixed_today: object,
) -> None:
    case = CORPUS / name
    project = tmp_path / "project"
    build_project(case, project)
    code, lines, err = run_validate(project, capsys, language)
    expected_file = case / EXPECTED[language]
    if UPDATE:
        expected_file.write_text("".join(f"{line}\n" for line in lines), encoding="utf-8")
    expected = expected_file.read_text(encoding="utf-8").splitlines()
    # A case that expects nothing would pass on a validator that checks nothing.
    assert expected, f"{name}: expected.txt is empty"
    assert lines == expected
    errors = any(": error: " in line for line in (case / "expected.txt").read_text().splitlines())
    assert code == (1 if errors else 0)
    assert "Traceback" not in err and "internal error" not in err
    if language == "fa":
        # Every message, and every message inside one, has its Persian.
        report = validate_project(project, shora.cli.today())  # as of the fixed day
        missing = {t for d in report.diagnostics for t in untranslated(d.message, "fa")}
        assert not missing
