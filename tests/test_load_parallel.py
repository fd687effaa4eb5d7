"""Files read by two processes: the same diagnostics, in the same order, as one.

A project is made of every broken file of the corpus (each renamed after its case, so
that all of them sit side by side), and validated with and without the second process.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

import shora.load.cache
import shora.load.dataset
from shora.core.diagnostics import Diagnostic
from shora.load.cache import FileRecord
from shora.load.dataset import FileChecks
from shora.models.kinds import Kind
from shora.validate import validate_project

from .validator_support import BASE, CORPUS, TODAY


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("parallel") / "project"
    shutil.copytree(BASE, root)
    for case in sorted(CORPUS.iterdir()):
        if case.name.startswith("_") or not case.is_dir():
            continue
        number = case.name.partition("-")[0]
        for path in case.rglob("*"):
            if path.is_file() and not path.name.startswith("expected"):
                relative = path.relative_to(case)
                target = root / relative.parent / f"c{number}-{relative.name}"
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(path, target)
    return root


def shown(diagnostics: list[Diagnostic]) -> list[tuple[str, str, object]]:
    return [(d.format("en"), d.format("fa"), d.fix) for d in diagnostics]


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two processes from the first file on; the number of forks made."""
    made: list[int] = []
    real = os.fork

    def counted() -> int:
        made.append(1)
        return real()

    monkeypatch.setattr(shora.load.dataset, "PARALLEL_FROM", 1)
    monkeypatch.setattr(shora.load.dataset, "_can_fork", lambda: True)
    monkeypatch.setattr(os, "fork", counted)
    return made


@pytest.fixture(scope="module")
def alone(project: Path) -> list[tuple[str, str, object]]:
    return shown(validate_project(project, TODAY, cache=False).diagnostics)


def test_two_processes_find_what_one_finds(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    here: list[str] = []  # the files read by this process (the child's list is its own)
    real = shora.load.dataset._load_and_check

    def counted(kind: Kind, display: str, raw: bytes, checks: FileChecks | None) -> FileRecord:
        here.append(display)
        return real(kind, display, raw, checks)

    monkeypatch.setattr(shora.load.dataset, "_load_and_check", counted)
    assert len(alone) > 150  # the corpus's problems, and those of the renamed files
    assert shown(validate_project(project, TODAY, cache=False).diagnostics) == alone
    assert forks == [1]
    files = shora.load.dataset.discover(project)[0]
    kinds = len({kind for kind, _ in files})  # the first file of each is read before the fork
    rest = len(files) - kinds  # the others shared, 8 in 15 made here
    assert len(here) == kinds + sum(
        not shora.load.dataset.second_process_takes(number) for number in range(rest)
    )
    assert 0.5 < (len(here) - kinds) / rest < 0.6


def test_what_the_second_process_found_is_kept_and_used(
    project: Path, alone: list[tuple[str, str, object]], forks: list[int], tmp_path: Path
) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(project, copy)
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    assert forks == [1]
    shora.load.cache.FileCache._in_memory.clear()
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    assert forks == [1]  # every record from the cache: nothing to read


def test_a_failed_second_process_is_made_up_for(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def refuse(*args: object, **kwargs: object) -> bytes:
        raise MemoryError

    monkeypatch.setattr(shora.load.dataset.pickle, "dumps", refuse)  # in the child only
    assert shown(validate_project(project, TODAY, cache=False).diagnostics) == alone
    assert forks == [1]
