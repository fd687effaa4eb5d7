"""Files read by two processes: the same diagnostics, in the same order, as one.

A project is made of every broken file of the corpus (each renamed after its case, so
that all of them sit side by side), and validated with and without the second process.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path
from typing import Any

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


def settled_copy(project: Path, copy: Path) -> Path:
    """A copy of ``project`` whose files were last changed an hour ago: their stats
    prove them unchanged at once (see shora.load.cache.stat_key)."""
    shutil.copytree(project, copy)
    past = time.time() - 3600
    for path in copy.rglob("*"):
        os.utime(path, (past, past))
    return copy


def validated_again(copy: Path) -> list[tuple[str, str, object]]:
    """What validating ``copy`` again shows, with the cache of this process forgotten:
    every record comes from the cache folder or is read again."""
    shora.load.cache.FileCache._in_memory.clear()
    return shown(validate_project(copy, TODAY).diagnostics)


@pytest.fixture
def forks(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Two processes from the first file on, a third to write this one's shards; the
    number of forks made."""
    made: list[int] = []
    real = os.fork

    def counted() -> int:
        made.append(1)
        return real()

    monkeypatch.setattr(shora.load.dataset, "PARALLEL_FROM", 1)
    # And a third for this process's shards, however few the second process left it
    # (each takes the next shard when done with one: on a busy machine, the second
    # took all but a few, and no third was made).
    monkeypatch.setattr(shora.load.cache, "WRITE_ASIDE_FROM", 1)
    monkeypatch.setattr(shora.load.dataset, "can_fork", lambda: True)
    monkeypatch.setattr(shora.load.cache, "can_fork", lambda: True)
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
    first: dict[str, str] = {}  # the first file of each kind is read before the fork
    for kind, display in files:
        first.setdefault(kind.name, display)
    rest = [display for _, display in files if display not in first.values()]
    # The others by the cache's shards, each shard read whole by one process (which
    # takes how many is the machine's doing: each takes the next when done with one).
    ours = {shora.load.cache.shard_of(display) for display in here if display not in first.values()}
    assert sorted(here) == sorted(
        [*first.values(), *(d for d in rest if shora.load.cache.shard_of(d) in ours)]
    )


def test_what_the_second_process_found_is_kept_and_used(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = settled_copy(project, tmp_path / "copy")
    log = tmp_path / "written"  # by each process: its id and the shards it wrote
    real = shora.load.cache.FileCache.write

    def logged(cache: shora.load.cache.FileCache, content: dict[int, bytes]) -> bool:
        with log.open("a") as stream:
            stream.write(f"{os.getpid()} {' '.join(map(str, sorted(content)))}\n")
        return real(cache, content)

    monkeypatch.setattr(shora.load.cache.FileCache, "write", logged)
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    # The second process wrote its own shards, a third one those of this one, while
    # the files were compared here.
    assert len(forks) == 2
    writers: dict[int, set[int]] = {}
    for line in log.read_text().splitlines():
        pid, *numbers = line.split(" ")
        writers.setdefault(int(pid), set()).update(int(number) for number in numbers)
    assert len(writers) == 2 and os.getpid() not in writers
    files = shora.load.dataset.discover(copy)[0]
    shards = list(writers.values())
    assert not shards[0] & shards[1]
    assert shards[0] | shards[1] == {shora.load.cache.shard_of(d) for _, d in files}
    assert validated_again(copy) == alone
    assert len(forks) == 2  # every record from the cache: nothing to read or write


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


def test_shards_the_other_processes_failed_to_write_are_written_here(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = settled_copy(project, tmp_path / "copy")
    here = os.getpid()
    real = shora.load.cache.FileCache.write

    def only_here(cache: shora.load.cache.FileCache, content: dict[int, bytes]) -> bool:
        return real(cache, content) if os.getpid() == here else False  # a full disk

    monkeypatch.setattr(shora.load.cache.FileCache, "write", only_here)
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    assert len(forks) == 2
    assert validated_again(copy) == alone
    assert len(forks) == 2  # every record from the cache: nothing to read


def test_files_touched_but_unchanged_are_known_by_their_bytes(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    copy = settled_copy(project, tmp_path / "copy")
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    made = tmp_path / "made"  # by any process, one line a file
    real = shora.load.dataset._load_and_check

    def logged(kind: Kind, display: str, raw: bytes, checks: FileChecks | None) -> FileRecord:
        with made.open("a") as stream:
            stream.write(display + "\n")
        return real(kind, display, raw, checks)

    monkeypatch.setattr(shora.load.dataset, "_load_and_check", logged)
    files = [copy / display for _, display in shora.load.dataset.discover(copy)[0]]
    earlier = time.time() - 1800
    for path in files:  # as a checkout may do: new times, the same bytes
        os.utime(path, (earlier, earlier))
    changed = files[-1]
    changed.write_bytes(changed.read_bytes() + b"\n")
    os.utime(changed, (earlier, earlier))
    forked = len(forks)
    assert validated_again(copy) == alone
    assert len(forks) > forked  # read by two processes
    assert made.read_text().splitlines() == [changed.relative_to(copy).as_posix()]
    # Their new stats are kept, in this process and on disk: the next runs read none.
    forked = len(forks)
    assert shown(validate_project(copy, TODAY).diagnostics) == alone
    assert validated_again(copy) == alone
    assert len(forks) == forked


def test_a_second_process_failed_halfway_is_made_up_for(
    project: Path,
    alone: list[tuple[str, str, object]],
    forks: list[int],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    real = shora.load.dataset._shard_message
    sent: list[int] = []  # in the child only

    def first_only(*args: Any) -> bytes:
        if sent:
            raise MemoryError
        sent.append(1)
        return real(*args)

    here: list[str] = []
    real_load = shora.load.dataset._load_and_check

    def counted(kind: Kind, display: str, raw: bytes, checks: FileChecks | None) -> FileRecord:
        here.append(display)
        return real_load(kind, display, raw, checks)

    monkeypatch.setattr(shora.load.dataset, "_shard_message", first_only)
    monkeypatch.setattr(shora.load.dataset, "_load_and_check", counted)
    assert shown(validate_project(project, TODAY, cache=False).diagnostics) == alone
    assert forks == [1]
    files = shora.load.dataset.discover(project)[0]
    # Only the one shard the second process sent (if it took one) was not read here.
    read_there = {display for _, display in files} - set(here)
    assert len({shora.load.cache.shard_of(display) for display in read_there}) <= 1


def test_each_shard_is_taken_by_one_process_and_every_shard_by_one() -> None:
    """The shards wait in a pipe, a byte each; two processes taking them in turn, each
    when done with one, take each shard once between them, and neither waits at the
    end (the pipe's writing end is closed: an empty pipe says so at once)."""
    shards = list(range(shora.load.cache.SHARDS))
    claims = shora.load.dataset._claims(shards)
    report_reading, report_writing = os.pipe()
    child = os.fork()
    if child == 0:
        status = 1
        try:
            taken = []
            while (number := shora.load.dataset._claim(claims)) is not None:
                taken.append(number)
                time.sleep(0.001)  # a shard's work
            os.write(report_writing, bytes(taken))
            status = 0
        finally:
            os._exit(status)
    os.close(report_writing)
    here = []
    while (number := shora.load.dataset._claim(claims)) is not None:
        here.append(number)
        time.sleep(0.001)
    os.close(claims)
    with os.fdopen(report_reading, "rb") as report:
        there = list(report.read())
    assert os.waitpid(child, 0)[1] == 0
    assert sorted(here + there) == shards
