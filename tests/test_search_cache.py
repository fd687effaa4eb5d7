"""The last Pagefind bundle of each language, kept in the user's cache: a build whose
search documents did not change gets the same bytes without running Pagefind, and a
changed document gives the bundle a build without the cache gives."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from shora.load.dataset import Dataset
from shora.publish import search_index
from shora.publish.search import write_index
from shora.publish.search_index import SearchDocument, bundle_key, documents, index_language
from shora.site.routes import LANGUAGES, bundle_path
from shora.validate import validate_project

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    report = validate_project(REPO)
    assert report.dataset is not None
    return report.dataset


@pytest.fixture
def runs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Path]]:
    """The bundle folders Pagefind was run for, with a cache of this test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("SHORA_CACHE", "on")
    started: list[Path] = []
    run = search_index.index_folder

    def counted(folder: Path, output: Path) -> None:
        started.append(output)
        run(folder, output)

    monkeypatch.setattr(search_index, "index_folder", counted)
    yield started


def _files(folder: Path) -> dict[str, bytes]:
    found = {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*")
             if p.is_file()}  # fmt: skip
    assert found, f"nothing in {folder}"
    return found


def _stored(tmp_path: Path) -> list[str]:
    store = tmp_path / "cache" / "shora" / search_index.STORE_NAME
    return sorted(path.name for path in store.iterdir())


def test_an_unchanged_project_is_indexed_once_and_the_bundles_are_those_made_without_cache(
    dataset: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    first, second, uncached = tmp_path / "first", tmp_path / "second", tmp_path / "uncached"
    count = write_index(dataset, first)
    assert len(runs) == len(LANGUAGES)
    assert write_index(dataset, second) == count
    assert len(runs) == len(LANGUAGES)  # the second build ran no Pagefind
    monkeypatch.setenv("SHORA_CACHE", "off")
    assert write_index(dataset, uncached) == count
    assert len(runs) == 2 * len(LANGUAGES)
    for language in LANGUAGES:
        made = _files(uncached / bundle_path(language))
        assert _files(first / bundle_path(language)) == made
        assert _files(second / bundle_path(language)) == made
    # The disk index is written again by every build, the same.
    assert _files(second) == _files(uncached) == _files(first)
    assert [name.split("-")[0] for name in _stored(tmp_path)] == sorted(LANGUAGES)


def test_a_changed_document_gives_a_new_bundle_and_only_it_is_kept(
    dataset: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language = LANGUAGES[-1]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))
    assert index_language(found, tmp_path / "before", language) == len(found)
    kept = _stored(tmp_path)
    url, document = found[0]
    changed = [(url, dataclasses.replace(document, title=document.title + " Zanzibar")),
               *found[1:]]  # fmt: skip
    assert bundle_key(changed, language) != bundle_key(found, language)
    index_language(changed, tmp_path / "after", language)
    assert len(runs) == 2
    assert _stored(tmp_path) != kept and len(_stored(tmp_path)) == 1
    monkeypatch.setenv("SHORA_CACHE", "off")
    index_language(changed, tmp_path / "uncached", language)
    after, before = _files(tmp_path / "after"), _files(tmp_path / "before")
    assert after == _files(tmp_path / "uncached") and after != before
    monkeypatch.setenv("SHORA_CACHE", "on")
    # The old documents again: the bundle kept is the changed one's, so Pagefind runs.
    index_language(found, tmp_path / "again", language)
    assert len(runs) == 4 and _files(tmp_path / "again") == before


def test_the_cache_turned_off_is_neither_read_nor_written(
    dataset: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHORA_CACHE", "off")
    language = LANGUAGES[0]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))[:20]
    index_language(found, tmp_path / "one", language)
    index_language(found, tmp_path / "two", language)
    assert len(runs) == 2
    assert not (tmp_path / "cache" / "shora" / search_index.STORE_NAME).exists()


def test_a_kept_bundle_that_cannot_be_read_whole_is_made_again(
    dataset: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language = LANGUAGES[0]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))[:20]
    index_language(found, tmp_path / "one", language)

    def failing(source: Path, target: Path) -> None:
        (target / "partial").mkdir(parents=True)
        raise OSError("removed by another build")

    monkeypatch.setattr(search_index, "_copy_tree", failing)
    index_language(found, tmp_path / "two", language)
    assert len(runs) == 2
    assert _files(tmp_path / "two") == _files(tmp_path / "one")


def test_the_key_changes_with_pagefinds_version(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    language = LANGUAGES[0]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))[:5]
    key = bundle_key(found, language)
    assert bundle_key(found, language) == key
    assert bundle_key(found[1:], language) != key
    assert bundle_key(found, LANGUAGES[1]) != key
    monkeypatch.setattr("importlib.metadata.version", lambda name: "0.0.1")
    assert bundle_key(found, language) != key


def test_what_a_stopped_build_left_aside_is_removed_when_a_day_old(
    dataset: Dataset, runs: list[Path], tmp_path: Path
) -> None:
    store = tmp_path / "cache" / "shora" / search_index.STORE_NAME
    stale, recent = store / ".fa-stopped.tmp", store / ".fa-writing.tmp"
    for folder in (stale, recent):
        (folder / "fragment").mkdir(parents=True)
    day_old = time.time() - 25 * 3600
    os.utime(stale, (day_old, day_old))
    language = LANGUAGES[0]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))[:20]
    index_language(found, tmp_path / "one", language)
    assert len(runs) == 1
    assert not stale.exists() and recent.exists()


# ------------------------------------------------------------------ a run from the last bundle


@pytest.fixture(scope="module")
def demo() -> Dataset:
    """The demo data: many pages a language, of which a change leaves most as they were."""
    report = validate_project(REPO / "examples" / "demo")
    assert report.dataset is not None
    return report.dataset


def _inodes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_ino for p in folder.rglob("*")
            if p.is_file()}  # fmt: skip


def _changed_one(
    dataset: Dataset, tmp_path: Path, language: str
) -> tuple[list[tuple[str, SearchDocument]], list[tuple[str, SearchDocument]]]:
    """A language's documents, and the same with one title changed and one page gone."""
    found = list(documents(dataset, tmp_path / "no-site", (language,)))
    url, document = found[0]
    changed = [(url, dataclasses.replace(document, title=document.title + " Zanzibar")),
               *found[1:-1]]  # fmt: skip
    return found, changed


def test_a_changed_project_is_indexed_from_the_last_bundles_files_as_from_nothing(
    demo: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language = LANGUAGES[0]
    found, changed = _changed_one(demo, tmp_path, language)
    index_language(found, tmp_path / "before", language)
    bundle = bundle_path(language)
    before, before_inodes = _files(tmp_path / "before"), _inodes(tmp_path / "before" / bundle)
    index_language(changed, tmp_path / "after", language)
    assert len(runs) == 2
    after_inodes = _inodes(tmp_path / "after" / bundle)
    # The fragments of the pages left as they were are the last bundle's files, not
    # written again; the changed page's and the removed page's are not in the bundle.
    reused = [name for name, inode in after_inodes.items() if before_inodes.get(name) == inode]
    fragments = [name for name in after_inodes if name.startswith("fragment/")]
    assert len([name for name in reused if name.startswith("fragment/")]) == len(found) - 2
    assert len(fragments) == len(changed)
    assert not any(name.endswith(".pf_meta") for name in reused)
    # Nothing was written through those links: the last bundle's files are as they were.
    assert _files(tmp_path / "before") == before
    monkeypatch.setenv("SHORA_CACHE", "off")
    index_language(changed, tmp_path / "uncached", language)
    assert _files(tmp_path / "after") == _files(tmp_path / "uncached") != before


def test_a_last_bundle_of_another_pagefind_version_is_not_used(
    demo: Dataset, runs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    language = LANGUAGES[-1]
    found, changed = _changed_one(demo, tmp_path, language)
    index_language(found, tmp_path / "before", language)
    # The kept bundle as an older Pagefind would have written it (its entry says so).
    store = tmp_path / "cache" / "shora" / search_index.STORE_NAME
    (kept,) = store.glob(f"{language}-*")
    entry_file = kept / "pagefind-entry.json"
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    entry_file.unlink()  # (a link of the site's file: not written through)
    entry_file.write_text(json.dumps({**entry, "version": "1.4.0"}), encoding="utf-8")
    index_language(changed, tmp_path / "after", language)
    assert len(runs) == 3  # the seeded run, then one from nothing
    before_inodes = set(_inodes(tmp_path / "before").values())
    assert not before_inodes & set(_inodes(tmp_path / "after").values())
    monkeypatch.setenv("SHORA_CACHE", "off")
    index_language(changed, tmp_path / "uncached", language)
    assert _files(tmp_path / "after") == _files(tmp_path / "uncached")


# ------------------------------------------------------------------ Pagefind's input


@pytest.fixture
def inputs(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[list[Path]]:
    """The folders Pagefind was given, each with a page of it, with the cache off and a
    folder of this test's own standing for the folder in memory."""
    monkeypatch.setenv("SHORA_CACHE", "off")
    monkeypatch.delenv("TMPDIR", raising=False)
    memory = tmp_path / "memory"
    memory.mkdir()
    monkeypatch.setattr(search_index, "MEMORY_FOLDER", memory)
    given: list[Path] = []
    run = search_index.index_folder

    def recorded(folder: Path, output: Path) -> None:
        assert next(folder.rglob("index.html"), None) is not None
        given.append(folder)
        run(folder, output)

    monkeypatch.setattr(search_index, "index_folder", recorded)
    yield given


def _indexed(dataset: Dataset, target: Path) -> dict[str, bytes]:
    language = LANGUAGES[0]
    found = list(documents(dataset, target / "no-site", (language,)))
    assert index_language(found, target, language) == len(found) > 1
    return _files(target / bundle_path(language))


def test_pagefinds_input_is_written_in_memory_where_there_is_room_and_removed(
    dataset: Dataset, inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder a page, created, read once and removed: in memory (Linux's /dev/shm)
    when it has room and the input is not too large (it would add to the build's peak
    of memory), else in the system's temporary folder; the same bundle."""
    in_memory = _indexed(dataset, tmp_path / "one")
    monkeypatch.setattr(search_index, "MEMORY_SHARE", 0.0)  # no room
    on_disk = _indexed(dataset, tmp_path / "two")
    assert on_disk == in_memory
    monkeypatch.setattr(search_index, "MEMORY_SHARE", 0.5)
    monkeypatch.setattr(search_index, "MEMORY_INPUT_LIMIT", 4096)  # too large to keep
    assert _indexed(dataset, tmp_path / "three") == in_memory
    memory, disk = tmp_path / "memory", Path(tempfile.gettempdir())
    assert [folder.parent for folder in inputs] == [memory, disk, disk]
    assert not any(folder.exists() for folder in inputs)
    assert list(memory.iterdir()) == []


def test_what_a_stopped_build_left_in_the_folder_in_memory_is_removed_when_a_day_old(
    dataset: Dataset, inputs: list[Path], tmp_path: Path
) -> None:
    memory = tmp_path / "memory"
    prefix = search_index.INPUT_PREFIX
    stale, recent = memory / f"{prefix}stopped", memory / f"{prefix}running"
    other = memory / "other-program"
    for folder in (stale, recent, other):
        (folder / "councils" / "x").mkdir(parents=True)
        (folder / "councils" / "x" / "index.html").write_text("<p>x</p>", encoding="utf-8")
    day_old = time.time() - 25 * 3600
    for folder in (stale, other):
        os.utime(folder, (day_old, day_old))
    _indexed(dataset, tmp_path / "one")
    assert not stale.exists()
    assert recent.exists() and other.exists()


def test_a_tmpdir_named_is_used_for_pagefinds_input(
    dataset: Dataset, inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "named"
    named.mkdir()
    monkeypatch.setenv("TMPDIR", str(named))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    _indexed(dataset, tmp_path / "one")
    assert [folder.parent for folder in inputs] == [named]


def test_a_memory_folder_that_fills_while_written_is_given_up_for_the_disk(
    dataset: Dataset, inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory = tmp_path / "memory"
    write_bytes = Path.write_bytes

    def full(path: Path, body: bytes) -> int:
        if path.is_relative_to(memory) and any(memory.rglob("index.html")):
            raise OSError(errno.ENOSPC, "No space left on device", str(path))
        return write_bytes(path, body)

    monkeypatch.setattr(Path, "write_bytes", full)
    bundle = _indexed(dataset, tmp_path / "one")
    assert [folder.parent for folder in inputs] == [Path(tempfile.gettempdir())]
    assert list(memory.iterdir()) == []
    monkeypatch.setattr(Path, "write_bytes", write_bytes)
    assert _indexed(dataset, tmp_path / "two") == bundle
