"""The validator's per-file cache: reused only while nothing it depends on changed.

Each test compares a cached validation with one that reads every file afresh
(``cache=False``): the cache may only change how fast the answer comes.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import shora.load.dataset
from shora.load import cache
from shora.load.cache import FileCache, cache_folder
from shora.validate import validate_project
from shora.validate.unchanged import unchanged_diagnostics

from .validator_support import BASE, TODAY

COUNCIL = "councils/uppsala.yml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


@pytest.fixture
def loads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths of the files read and type-checked (not taken from the cache)."""
    done: list[str] = []
    real = shora.load.dataset._load_one

    def counted(
        kind: shora.load.dataset.Kind, display: str, raw: bytes
    ) -> tuple[cache.FileRecord, str | None]:
        done.append(display)
        return real(kind, display, raw)

    monkeypatch.setattr(shora.load.dataset, "_load_one", counted)
    return done


def forget_memory() -> None:
    """As a new process would start: only the cache file remains."""
    FileCache._in_memory.clear()


def messages(root: Path, today: dt.date = TODAY, use_cache: bool = True) -> list[str]:
    return [d.format() for d in validate_project(root, today, cache=use_cache).diagnostics]


def edit(root: Path, relative: str, old: str, new: str) -> None:
    path = root / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_unchanged_files_are_not_read_again(project: Path, loads: list[str]) -> None:
    first = messages(project)
    count = len(loads)
    assert count == 7
    forget_memory()
    assert messages(project) == first
    assert len(loads) == count  # all from the cache files
    assert list(cache_folder(project).glob("*.pickle"))


def test_a_changed_file_is_read_again_and_its_new_error_reported(
    project: Path, loads: list[str]
) -> None:
    assert messages(project) == []
    loads.clear()
    edit(project, COUNCIL, "status: active", "status: asleep")
    forget_memory()
    found = messages(project)
    assert loads == [COUNCIL]
    assert found == messages(project, use_cache=False)
    assert any(m.startswith(f"{COUNCIL}:") and "asleep" in m for m in found)


def test_the_same_process_reuses_its_records_without_the_file(
    project: Path, loads: list[str]
) -> None:
    messages(project)
    shutil.rmtree(cache_folder(project))
    loads.clear()
    edit(project, COUNCIL, "status: active", "status: inactive")
    found = messages(project)
    assert loads == [COUNCIL]
    assert found == messages(project, use_cache=False)


def test_checks_that_depend_on_the_day_are_made_again_on_another_day(project: Path) -> None:
    assert messages(project, TODAY) == []
    later = TODAY + dt.timedelta(days=800)
    found = messages(project, later)
    assert found == messages(project, later, use_cache=False)
    assert any("more than a year ago" in m for m in found)


def test_a_file_whose_id_is_taken_by_another_loses_its_rules(project: Path) -> None:
    original = project / "councils/decisions/2026/uppsala-2026-01.yml"
    moved = project / "councils/decisions/uppsala-2026-01.yml"
    text = original.read_text(encoding="utf-8")
    original.unlink()
    moved.write_text(text.replace("date: 2026-03-01", "date: 2099-03-01"), encoding="utf-8")
    alone = messages(project)
    assert any(m.startswith(f"{moved.relative_to(project)}:") and "future" in m for m in alone)
    original.write_text(text, encoding="utf-8")  # sorted first: it keeps the id
    found = messages(project)
    assert found == messages(project, use_cache=False)
    assert not any("future" in m for m in found)
    assert any("duplicate decision id" in m for m in found)


def test_another_validator_does_not_use_the_records(
    project: Path, loads: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    messages(project)
    forget_memory()
    loads.clear()
    monkeypatch.setattr(cache, "validator_fingerprint", lambda: b"a changed rule")
    assert messages(project) == []
    assert len(loads) == 7


def test_a_damaged_cache_file_is_ignored(project: Path, loads: list[str]) -> None:
    messages(project)
    for shard in cache_folder(project).glob("*.pickle"):
        shard.write_bytes(b"\x80\x05not a pickle")
    forget_memory()
    loads.clear()
    edit(project, COUNCIL, "status: active", "status: asleep")
    found = messages(project)
    assert len(loads) == 7
    assert found == messages(project, use_cache=False)
    for shard in cache_folder(project).glob("*.pickle"):  # written anew, readable
        with shard.open("rb") as stream:
            assert pickle.load(stream)[0] == cache.validator_fingerprint()


def test_records_of_deleted_files_are_dropped(project: Path) -> None:
    messages(project)
    (project / "councils/decisions/2026/uppsala-2026-01.yml").unlink()
    messages(project)
    forget_memory()
    assert "councils/decisions/2026/uppsala-2026-01.yml" not in FileCache.open(project).records


def test_switched_off_by_the_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHORA_CACHE", "off")
    messages(project)
    assert not cache_folder(project).exists()


def test_the_cache_lives_outside_the_project(project: Path) -> None:
    before = sorted(p.relative_to(project) for p in project.rglob("*"))
    messages(project)
    assert sorted(p.relative_to(project) for p in project.rglob("*")) == before
    assert project not in cache_folder(project).parents


def age(root: Path, seconds: int = 3600) -> None:
    """Every file modified ``seconds`` ago (long enough for its stat to be trusted)."""
    past = time.time() - seconds
    for path in root.rglob("*.yml"):
        os.utime(path, (past, past))


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The display paths whose bytes the validator read."""
    done: list[str] = []
    real = shora.load.dataset.read_with_stat

    def counted(path: str | Path, display: str) -> tuple[bytes | None, object, list[object]]:
        done.append(display)
        return real(path, display)  # type: ignore[return-value]

    monkeypatch.setattr(shora.load.dataset, "read_with_stat", counted)
    return done


def test_files_unchanged_since_long_are_not_even_read(project: Path, reads: list[str]) -> None:
    age(project)
    first = messages(project)
    assert len(reads) == 7
    forget_memory()
    reads.clear()
    assert messages(project) == first
    assert reads == []


def test_a_change_that_keeps_the_size_is_seen(project: Path, reads: list[str]) -> None:
    age(project)
    messages(project)
    forget_memory()
    reads.clear()
    edit(project, COUNCIL, "status: active", "status: asleep")  # as many bytes
    found = messages(project)
    assert reads == [COUNCIL]
    assert any(m.startswith(f"{COUNCIL}:") and "asleep" in m for m in found)


def test_a_file_read_just_after_a_change_is_read_again_next_time(
    project: Path, reads: list[str]
) -> None:
    # Changed a moment ago: another change within the same tick of the clock could keep
    # the same modification time, so the stat is not trusted yet.
    for path in project.rglob("*.yml"):
        os.utime(path)
    messages(project)
    forget_memory()
    reads.clear()
    messages(project)
    assert len(reads) == 7


def test_stat_is_trusted_only_well_after_the_last_change(project: Path) -> None:
    stat = (project / COUNCIL).stat()
    assert cache.stat_key(stat, stat.st_mtime_ns + 1_000_000) is None
    assert cache.stat_key(stat, stat.st_mtime_ns + 5_000_000_000) == (
        stat.st_mtime_ns, stat.st_size, stat.st_ino,
    )  # fmt: skip


def test_a_change_writes_only_its_shard(project: Path) -> None:
    age(project)
    messages(project)
    before = {p.name: p.stat().st_mtime_ns for p in cache_folder(project).glob("*.pickle")}
    edit(project, COUNCIL, "status: active", "status: inactive")
    messages(project)
    after = {p.name: p.stat().st_mtime_ns for p in cache_folder(project).glob("*.pickle")}
    assert before.keys() == after.keys()
    assert [name for name in after if after[name] != before[name]] == [
        f"{cache.shard_of(COUNCIL):02d}.pickle"
    ]


# The whole report of an unchanged project (shora.validate.unchanged).


def report(root: Path, today: dt.date = TODAY) -> list[str]:
    return [d.format() for d in validate_project(root, today).diagnostics]


def unchanged(root: Path, today: dt.date = TODAY) -> list[str] | None:
    found = unchanged_diagnostics(root, today)
    return None if found is None else [d.format() for d in found]


@pytest.fixture
def settled(project: Path) -> Path:
    """The project with an error, its files changed long ago, validated once."""
    edit(project, COUNCIL, "status: active", "status: asleep")
    age(project)
    assert any("asleep" in m for m in report(project))
    return project


def test_an_unchanged_project_is_answered_without_reading_a_file(
    settled: Path, reads: list[str]
) -> None:
    reads.clear()
    forget_memory()
    assert unchanged(settled) == report(settled)
    assert reads == []


def test_the_report_is_not_used_after_a_change(settled: Path) -> None:
    edit(settled, COUNCIL, "status: asleep", "status: active")  # as many bytes
    age(settled, 600)
    assert unchanged(settled) is None
    assert report(settled) == messages(settled, use_cache=False) == []
    assert unchanged(settled) == []


def test_the_report_is_not_used_on_another_day(settled: Path) -> None:
    assert unchanged(settled, TODAY + dt.timedelta(days=1)) is None


def test_the_report_is_not_used_after_a_file_is_added_or_removed(settled: Path) -> None:
    decision = settled / "councils/decisions/2026/uppsala-2026-01.yml"
    copy = settled / "councils/decisions/uppsala-2026-01.yml"
    shutil.copy2(decision, copy)  # the same stat but another path, and a duplicate id
    assert unchanged(settled) is None
    assert any("duplicate decision id" in m for m in report(settled))
    copy.unlink()
    assert unchanged(settled) is None


def test_the_report_is_not_used_after_a_badly_named_file_appears(settled: Path) -> None:
    (settled / "councils/federations/norway.yaml").write_text("name: x\n", encoding="utf-8")
    assert unchanged(settled) is None
    assert any("norway.yaml" in m for m in report(settled))


def test_the_report_is_not_used_after_a_page_appears(settled: Path) -> None:
    (settled / "content/fa").mkdir(parents=True)
    (settled / "content/fa/about.md").write_text("# درباره\n", encoding="utf-8")
    assert unchanged(settled) is None
    assert any("content/en/about.md" in m for m in report(settled))


def test_the_report_is_not_used_by_another_validator(
    settled: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "validator_fingerprint", lambda: b"a changed rule")
    assert unchanged(settled) is None


def test_the_report_is_not_used_while_a_file_was_changed_a_moment_ago(settled: Path) -> None:
    os.utime(settled / COUNCIL)
    assert unchanged(settled) is None


@pytest.fixture
def fresh(project: Path) -> Path:
    """The project with an error, its files changed a moment ago (as just generated or
    saved by an editor), validated once."""
    edit(project, COUNCIL, "status: active", "status: asleep")
    for path in project.rglob("*.yml"):
        os.utime(path)
    assert any("asleep" in m for m in report(project))
    return project


def saved_state(root: Path) -> cache.ProjectState:
    saved = cache.saved_report(root)
    assert saved is not None
    return saved[0]


def test_a_report_made_just_after_a_change_answers_the_next_run(fresh: Path) -> None:
    # Every file's stat proves nothing yet: the report keeps the digests of their bytes.
    assert len(saved_state(fresh).racy) == len(saved_state(fresh).files) == 7
    forget_memory()
    assert unchanged(fresh) == report(fresh)


def test_a_change_in_the_same_tick_with_the_same_size_is_seen(fresh: Path) -> None:
    path = fresh / COUNCIL
    before = path.stat()
    edit(fresh, COUNCIL, "status: asleep", "status: active")  # as many bytes
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # in the same tick
    after = path.stat()
    assert (after.st_mtime_ns, after.st_size, after.st_ino) == (
        before.st_mtime_ns, before.st_size, before.st_ino,
    )  # fmt: skip
    assert unchanged(fresh) is None
    assert report(fresh) == messages(fresh, use_cache=False) == []


def test_files_that_settled_are_trusted_by_their_stat_again(fresh: Path) -> None:
    expected = messages(fresh, use_cache=False)
    age(fresh)  # (another modification time: for a file kept by its digest, no change)
    assert unchanged(fresh) == expected
    # The report was written again, with the settled files' stats instead of digests.
    assert saved_state(fresh).racy == ()
    assert unchanged(fresh) == expected
    edit(fresh, COUNCIL, "status: asleep", "status: active")
    age(fresh, 600)
    assert unchanged(fresh) is None


def test_the_report_is_neither_kept_nor_used_with_the_cache_off(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    age(project)
    report(project)
    assert unchanged(project) == []
    monkeypatch.setenv("SHORA_CACHE", "off")
    assert unchanged(project) is None


def test_the_command_on_an_unchanged_project_imports_no_model(
    settled: Path, tmp_path: Path
) -> None:
    """What makes it fast: building the models costs more than answering."""
    environment = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache")}
    environment.pop("SHORA_CACHE", None)
    script = (
        "import sys\nfrom shora.cli import main\ncode = main(['--lang', 'en', 'validate'])\n"
        "print(code, sorted(m for m in sys.modules if m.startswith('shora.models.')))"
    )
    outputs = [
        subprocess.run(
            [sys.executable, "-c", script], cwd=settled, env=environment,
            capture_output=True, text=True, check=True,
        ).stdout.splitlines()
        for _ in range(2)
    ]  # fmt: skip
    assert outputs[0][:-1] == outputs[1][:-1]
    assert any("asleep" in line for line in outputs[0])
    assert "shora.models.council" in outputs[0][-1]
    assert outputs[1][-1] == "1 ['shora.models.kinds', 'shora.models.schema']"


def test_made_files_no_build_used_for_a_month_are_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The made folders hold what builds use: a file not used for 30 days goes, one
    used since stays, whatever its age, and so does what is in other folders."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    monkeypatch.setenv("SHORA_CACHE", "on")
    month = time.time() - 31 * 86400
    files = {
        name: tmp_path / "shora" / name
        for name in ("pdf/unused.pdf", "pdf/used.pdf", "fonts/unused.woff2", "search/kept")
    }
    for path in files.values():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"made")
        os.utime(path, (month, month))
    cache.used(files["pdf/used.pdf"])
    cache.used(tmp_path / "shora" / "pdf" / "gone.pdf")  # no error
    removed = cache.prune_made(("pdf", "fonts", "absent"))
    assert sorted(removed) == sorted([files["pdf/unused.pdf"], files["fonts/unused.woff2"]])
    assert sorted(path.name for path in files.values() if path.exists()) == ["kept", "used.pdf"]
    # With the cache turned off, nothing is read, written, nor removed.
    os.utime(files["pdf/used.pdf"], (month, month))
    monkeypatch.setenv("SHORA_CACHE", "off")
    assert cache.prune_made(("pdf",)) == []
    assert files["pdf/used.pdf"].exists()
