"""The last Pagefind bundle of each language, kept in the user's cache: a build whose
search documents did not change gets the same bytes without running Pagefind, and a
changed document gives the bundle a build without the cache gives."""

from __future__ import annotations

import asyncio
import base64
import concurrent.futures
import contextlib
import dataclasses
import errno
import gzip
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pagefind.service import get_executable

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

    def counted(folder: Path, output: Path, turn: search_index.Turn | None = None) -> None:
        started.append(output)
        run(folder, output, turn)

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
    """The folders Pagefind was given, each with its input, with the cache off."""
    monkeypatch.setenv("SHORA_CACHE", "off")
    given: list[Path] = []
    run = search_index.index_folder

    def recorded(folder: Path, output: Path, turn: search_index.Turn | None = None) -> None:
        assert [path.name for path in folder.iterdir()] == [search_index.REQUESTS]
        given.append(folder)
        run(folder, output, turn)

    monkeypatch.setattr(search_index, "index_folder", recorded)
    yield given


def _indexed(dataset: Dataset, target: Path) -> dict[str, bytes]:
    language = LANGUAGES[0]
    found = list(documents(dataset, target / "no-site", (language,)))
    assert index_language(found, target, language) == len(found) > 1
    return _files(target / bundle_path(language))


def test_pagefinds_input_is_one_file_in_the_temporary_folder_removed_after_the_run(
    dataset: Dataset, inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One file of the pages, written, read once and removed (a folder and a file a
    page, as Pagefind's command reads them, cost seconds to create on some disks), in
    the system's temporary folder, or the one TMPDIR names."""
    _indexed(dataset, tmp_path / "one")
    named = tmp_path / "named"
    named.mkdir()
    monkeypatch.setenv("TMPDIR", str(named))
    monkeypatch.setattr(tempfile, "tempdir", None)  # read TMPDIR again
    _indexed(dataset, tmp_path / "two")
    monkeypatch.undo()
    assert [folder.parent for folder in inputs] == [Path(tempfile.gettempdir()), named]
    assert not any(folder.exists() for folder in inputs)
    assert list(named.iterdir()) == []


def test_an_input_that_cannot_be_written_leaves_nothing(
    dataset: Dataset, inputs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = tmp_path / "named"
    named.mkdir()
    monkeypatch.setenv("TMPDIR", str(named))
    monkeypatch.setattr(tempfile, "tempdir", None)

    class Full(io.BufferedWriter):
        """A disk that fills after the first page."""

        def write(self, data: Any) -> int:
            if self.tell() > 0:
                raise OSError(errno.ENOSPC, "No space left on device", self.name)
            return super().write(data)

    def opened(path: Path, mode: str = "r", *args: Any, **kwargs: Any) -> Any:
        if mode == "wb":
            return Full(io.FileIO(path, "w"))
        return open(path, mode, *args, **kwargs)

    monkeypatch.setattr(search_index, "open", opened, raising=False)
    with pytest.raises(OSError, match="No space left on device"):
        _indexed(dataset, tmp_path / "one")
    assert inputs == []
    assert list(named.iterdir()) == []


# ------------------------------------------------------------------ Pagefind's service


def _page_order(bundle: Path, language: str) -> list[str]:
    """The addresses of a bundle's pages in the order Pagefind numbers them: its meta
    file names each page's fragment in that order."""
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    meta_hash = entry["languages"][language]["hash"]
    meta = gzip.decompress((bundle / f"pagefind.{meta_hash}.pf_meta").read_bytes())
    order = []
    for name in re.findall(rb"%s_[0-9a-f]+" % language.encode(), meta):
        fragment = bundle / "fragment" / f"{name.decode()}.pf_fragment"
        if fragment.is_file():  # (index chunks and filters are named so too)
            data = gzip.decompress(fragment.read_bytes())
            order.append(json.loads(data[data.index(b"{") :])["url"])
    return order


def test_the_pages_are_numbered_in_the_order_of_the_documents(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's command numbers the files of a folder in the order the file system
    lists them (on an ext4, by a hash of its own): the same data gave other bundles on
    other disks, and results of equal score in that order. Its service numbers them as
    given: the order of the documents, the same everywhere."""
    monkeypatch.setenv("SHORA_CACHE", "off")
    language = LANGUAGES[0]
    found = list(documents(dataset, tmp_path / "no-site", (language,)))
    index_language(found, tmp_path / "given", language)
    addresses = [f"/{url}" for url, _ in found]
    assert _page_order(tmp_path / "given" / bundle_path(language), language) == addresses
    index_language(found[::-1], tmp_path / "reversed", language)
    order = _page_order(tmp_path / "reversed" / bundle_path(language), language)
    assert order == addresses[::-1]


def test_the_bundle_is_the_one_pagefinds_own_package_writes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pagefind's service is spoken to directly (search_index._converse), in the
    protocol of Pagefind's own Python package, which reads its answers too slowly for
    a large site. The same pages given by that package, of the version pinned beside
    the program, make the same files: a new version whose protocol changed fails here."""
    from pagefind.index import PagefindIndex

    monkeypatch.setenv("SHORA_CACHE", "off")
    language = LANGUAGES[0]
    demo = validate_project(REPO / "examples" / "demo").dataset
    assert demo is not None
    # Councils, decisions and resolutions (the package takes a tenth of a second a page).
    found = list(documents(demo, tmp_path / "no-site", (language,)))[::4]
    index_language(found, tmp_path / "ours", language)
    ours = _files(tmp_path / "ours" / bundle_path(language))

    async def theirs_made(output: Path) -> dict[str, bytes]:
        # Its files as the service hands them over, not as it writes them: the package
        # ends the service once it answers the writing, before its threads have written
        # every file (an empty entry file was seen so; index_folder waits for them). As
        # the context ends it writes them too, into the configured folder (else into
        # ./pagefind), which is not read.
        config = {**search_index.PAGEFIND_CONFIG, "output_path": str(output)}
        async with PagefindIndex(config=config) as index:
            for address, html in search_index.pagefind_pages(found):
                await index.add_html_file(content=html, url=address)
            return {file["path"]: file["content"] for file in await index.get_files()}

    # In a thread of its own: a browser test run before in this process leaves
    # Playwright's event loop running in this one, where asyncio.run refuses to start.
    with concurrent.futures.ThreadPoolExecutor(1) as thread:
        theirs = thread.submit(asyncio.run, theirs_made(tmp_path / "unread")).result()
    # What the build changes after the run: the entry file's keys sorted, no UI.
    entry = "pagefind-entry.json"
    assert json.loads(ours.pop(entry)) == json.loads(theirs.pop(entry))
    interface = re.compile(r"pagefind-(?:\w+-)?ui\.\w+|pagefind-highlight\.js")
    theirs = {name: data for name, data in theirs.items() if not interface.fullmatch(name)}
    assert len(ours) > 40 and sorted(ours) == sorted(theirs)
    assert ours == theirs


def _service() -> subprocess.Popen[bytes]:
    executable = get_executable()
    assert executable is not None
    return subprocess.Popen(
        [str(executable), "--service"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def test_pagefinds_service_ends_by_itself_after_a_request_not_in_base64() -> None:
    """What index_folder relies on to let the service finish writing the index: after
    such a request it reads no more (the request after it is not answered) and ends
    with its input still open. The end of its input would end it at once, its last
    writes not done (the bundle's files cut short: seen in runs of these tests on a
    loaded machine)."""
    service = _service()
    assert service.stdin is not None and service.stdout is not None
    new_index = search_index._request(1, {"type": "NewIndex", "config": {}})
    service.stdin.write(search_index._END + new_index)
    service.stdin.flush()
    try:
        assert service.wait(timeout=30) == 0
        answers = [json.loads(base64.b64decode(answer))
                   for answer in service.stdout.read().split(b",") if answer]  # fmt: skip
    finally:
        service.kill()
        service.stdin.close()
        service.stdout.close()
    # Its answer to what it could not read, an error, may be lost as it ends (once, on a
    # loaded machine): the request after it is what must not be answered.
    kinds = [((answer or {}).get("payload") or {}).get("type") for answer in answers]
    assert set(kinds) <= {"Error", None}, kinds


def test_an_error_pagefind_answers_fails_the_run_with_its_words(tmp_path: Path) -> None:
    (tmp_path / search_index.REQUESTS).write_bytes(
        search_index._request(1, {"type": "AddFile", "index_id": 7, "file_path": None,
                                  "url": "/x/", "file_contents": "<html></html>"})
    )  # fmt: skip
    with pytest.raises(RuntimeError) as raised:
        search_index.index_folder(tmp_path, tmp_path / "bundle")
    expected = "pagefind failed: Invalid index, does not yet exist in the Pagefind service"
    assert str(raised.value) == expected
    assert isinstance(raised.value, search_index.PagefindFailed)
    assert raised.value.message.render("fa") == (
        "Pagefind نمایهٔ جست‌وجو را نساخت: \u2068Invalid index, does not yet exist in the "
        "Pagefind service\u2069"
    )
    assert not (tmp_path / "bundle").exists()


def test_a_service_that_ends_early_fails_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", shutil.which("true") or "/bin/true")
    (tmp_path / search_index.REQUESTS).write_bytes(b"")
    with pytest.raises(RuntimeError) as raised:
        search_index.index_folder(tmp_path, tmp_path / "bundle")
    # As it ended before or after the requests were sent.
    assert str(raised.value) in {
        f"pagefind failed: {search_index._ENDED}",
        f"pagefind failed: {os.strerror(errno.EPIPE)}",
        f"pagefind failed: [Errno {errno.EPIPE}] {os.strerror(errno.EPIPE)}",
    }


def test_a_pagefind_program_this_system_cannot_run_fails_the_run_with_why(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "pagefind"
    program.write_text("not a program", encoding="utf-8")  # (and not executable)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    (tmp_path / search_index.REQUESTS).write_bytes(b"")
    with pytest.raises(RuntimeError) as raised:
        search_index.index_folder(tmp_path, tmp_path / "bundle")
    denied = f"[Errno {errno.EACCES}] {os.strerror(errno.EACCES)}: '{program}'"
    assert str(raised.value) == f"pagefind failed: {denied}"


def _pending(dataset: Dataset, site: Path, language: str) -> search_index.PendingBundle:
    found = list(documents(dataset, REPO / "site-never-built", (language,)))
    bundle = search_index.PendingBundle(
        search_index.write_pagefind_input(found), site / bundle_path(language), language, None
    )
    return bundle


def test_a_failed_run_stops_the_runs_after_it_which_make_nothing(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run = search_index.index_folder
    services: list[Path] = []

    def failing_first(folder: Path, output: Path, turn: search_index.Turn | None = None) -> None:
        if output.parent == tmp_path:  # the Persian bundle, pagefind/
            raise search_index.PagefindFailed("the disk is full")
        real_start = search_index.subprocess.Popen

        def noted(*args: Any, **kwargs: Any) -> Any:
            services.append(output)
            return real_start(*args, **kwargs)

        monkeypatch.setattr(search_index.subprocess, "Popen", noted)
        run(folder, output, turn)

    monkeypatch.setattr(search_index, "index_folder", failing_first)
    bundles = [_pending(dataset, tmp_path, language) for language in LANGUAGES]
    runs = search_index.PagefindRuns(budget=0)  # in turn
    for bundle in bundles:
        runs.add(bundle)
    runs.allow_writing()
    with pytest.raises(search_index.PagefindFailed) as raised:
        runs.join()
    assert str(raised.value) == "pagefind failed: the disk is full"
    assert services == []  # the English run never started its service
    assert not (tmp_path / "en").exists()
    assert not any(Path(bundle.folder.name).exists() for bundle in bundles)


def test_runs_discarded_before_they_may_write_end_their_services_and_write_nothing(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # (A build whose links are broken: the Persian run has been given its pages, the
    # English one waits for it to write.)
    waiting = threading.Event()
    wait_to_write = search_index.Turn.wait_to_write

    def noted(turn: search_index.Turn) -> None:
        waiting.set()
        wait_to_write(turn)

    monkeypatch.setattr(search_index.Turn, "wait_to_write", noted)
    bundles = [_pending(dataset, tmp_path, language) for language in LANGUAGES]
    runs = search_index.PagefindRuns(budget=0)  # in turn
    for bundle in bundles:
        runs.add(bundle)
    assert waiting.wait(60)
    runs.discard()
    runs.join()  # nothing to raise: stopped, not failed
    assert not (tmp_path / "pagefind" / "pagefind-entry.json").exists()
    assert not (tmp_path / "en").exists()
    assert not any(Path(bundle.folder.name).exists() for bundle in bundles)
    assert not [line for line in _processes() if "--service" in line]


def test_a_run_s_peak_is_estimated_from_its_input(dataset: Dataset, tmp_path: Path) -> None:
    bundle = _pending(dataset, tmp_path, "fa")
    size = (Path(bundle.folder.name) / search_index.REQUESTS).stat().st_size
    assert size > 0
    assert bundle.estimated_peak() == search_index.PAGEFIND_PEAK_PER_INPUT_BYTE * size
    bundle.discard()


def _ordered_runs(
    monkeypatch: pytest.MonkeyPatch, steps: list[tuple[str, str]], together: threading.Barrier
) -> None:
    """Pagefind's runs replaced by ones that note their steps, (step, language), and
    wait at ``together`` (a run alone times out there, and goes on) before writing."""
    lock = threading.Lock()

    def run(folder: Path, output: Path, turn: search_index.Turn | None = None) -> None:
        assert turn is not None
        language = "en" if output.parent.name == "en" else "fa"
        turn.wait_to_start()
        with lock:
            steps.append(("started", language))
        with contextlib.suppress(threading.BrokenBarrierError):
            together.wait()
        turn.wait_to_write()
        with lock:
            steps.append(("writes", language))
        output.mkdir(parents=True)

    monkeypatch.setattr(search_index, "index_folder", run)


def test_runs_that_fit_the_budget_together_start_at_once_and_write_unasked(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[tuple[str, str]] = []
    _ordered_runs(monkeypatch, steps, threading.Barrier(2, timeout=30))
    bundles = [_pending(dataset, tmp_path, language) for language in LANGUAGES]
    runs = search_index.PagefindRuns(budget=sum(b.estimated_peak() for b in bundles))
    for bundle in bundles:
        runs.add(bundle)
    # Never allowed to write: runs at once do not ask.
    joined = threading.Thread(target=runs.join, daemon=True)
    joined.start()
    joined.join(60)
    if joined.is_alive():  # (a run waits to write: stopped, and the test fails)
        runs.discard()
    assert not joined.is_alive()
    # Each started before either wrote.
    assert sorted(steps[:2]) == [("started", "en"), ("started", "fa")]
    assert sorted(steps[2:]) == [("writes", "en"), ("writes", "fa")]
    assert (tmp_path / "pagefind").is_dir() and (tmp_path / "en" / "pagefind").is_dir()


def test_a_run_over_the_budget_goes_in_turn_after_those_at_once(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    steps: list[tuple[str, str]] = []
    _ordered_runs(monkeypatch, steps, threading.Barrier(2, timeout=1))
    persian, english = (_pending(dataset, tmp_path, language) for language in LANGUAGES)
    runs = search_index.PagefindRuns(budget=persian.estimated_peak())  # not both
    runs.add(persian)
    runs.add(english)
    deadline = time.monotonic() + 60
    while len(steps) < 3 and time.monotonic() < deadline:
        time.sleep(0.05)
    time.sleep(0.2)  # (time to write, were it allowed)
    # The Persian alone at its barrier, written; the English started once it had
    # ended, and waits to be allowed to write.
    assert steps == [("started", "fa"), ("writes", "fa"), ("started", "en")]
    runs.allow_writing()
    runs.join()
    assert steps[3:] == [("writes", "en")]


def _processes() -> list[str]:
    """The command lines of this process's children."""
    found = []
    for task in Path(f"/proc/{os.getpid()}/task").iterdir():
        for child in (task / "children").read_text().split():
            with contextlib.suppress(OSError):
                found.append((Path("/proc") / child / "cmdline").read_bytes().decode())
    return found
