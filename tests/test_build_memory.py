"""What keeps a build's memory down: the pages' HTML never all held at once, and the
data's objects never walked by a collector while forked workers share them."""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from pathlib import Path
from typing import Any

import pytest

from shora.build import _workers
from shora.engine.engines import select
from shora.validate import validate_project

from .site_project import make_project


class _Probe:
    """Notes how much page HTML the build holds once every page is read (before any
    is written), and the HTML of each page as its template is rendered."""

    def __init__(self) -> None:
        self.held_when_read: dict[str, int] = {}
        self.rendered: dict[str, int] = {}

    def on_env(self, env: Any, /, *, config: Any, files: Any) -> Any:
        for file in files.documentation_pages():
            self.held_when_read[file.src_uri] = len(file.page.content or "")
        return env

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        self.rendered[page.file.src_uri] = len(page.content or "")
        return output


def test_a_data_page_holds_its_html_only_while_it_is_written(tmp_path: Path) -> None:
    # MkDocs reads every page before it writes the first: were each data page's HTML
    # made when it is read, the HTML of every page would be in memory at once.
    project = make_project(tmp_path)
    engine = select()
    config = engine.load_config(str(project / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    plugin = config.plugins["shora"]
    plugin.orchestrated = True  # this language only
    probe = _Probe()
    config.plugins["probe"] = probe
    config.plugins.on_startup(command="build", dirty=False)
    try:
        engine.build(config)
    finally:
        config.plugins.on_shutdown()
    data_pages = set(plugin.generated)
    assert len(data_pages) >= 10
    assert all(probe.held_when_read[name] == 0 for name in data_pages)
    # Each had its HTML when its template was rendered (the probe runs before the
    # plugin's last step frees it), and the written page has it.
    assert all(probe.rendered[name] > 0 for name in data_pages)
    resolution = "resolutions/mass-organizing-abroad.md"
    assert resolution in data_pages
    page = (tmp_path / "site/resolutions/mass-organizing-abroad/index.html").read_text("utf-8")
    assert 'class="shora-clause"' in page
    # Once written, no page keeps its HTML.
    pages = [file.page for file in plugin.files.documentation_pages()]
    assert pages and all(page.content is None for page in pages)
    assert not any("shora_head" in page.meta for page in pages)


def test_the_data_stays_frozen_here_while_the_workers_live(tmp_path: Path) -> None:
    # A collection here would write into every object's header, so into every page of
    # memory the forked workers share with this process: each page copied.
    report = validate_project(make_project(tmp_path, with_real_data=False))
    context = multiprocessing.get_context("fork")
    assert gc.get_freeze_count() == 0
    with _workers(context, 1, report, {}) as pool:
        assert pool.submit(os.getpid).result() != os.getpid()
        assert gc.get_freeze_count() > 0
        gc.collect()  # what this process makes meanwhile is still collected
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0


def _process_of(html: str, identifier: bytes, fonts: str) -> bytes:
    return str(os.getpid()).encode()


def test_each_language_lays_out_its_pdfs_itself_on_its_share_of_the_cores(
    monkeypatch: Any,
) -> None:
    # Two languages render at once, each laying out its PDFs: with a pool of one a core
    # in each, four layouts would share two cores, and each forked worker would copy
    # the memory pages of the data it touches.
    from shora.publish import pdf

    monkeypatch.setattr(pdf, "_pdf", _process_of)
    monkeypatch.setattr(pdf, "_cores", [None])
    monkeypatch.setattr(os, "cpu_count", lambda: 2)
    jobs = [pdf._Job(str(n), "<p>", b"id") for n in range(pdf.POOL_THRESHOLD * 2)]
    here = str(os.getpid()).encode()

    pdf.share_cores(1)  # a language's share of two cores, with the other rendering
    assert set(pdf._lay_out(jobs, "")) == {here}

    pdf.share_cores(2)  # one language alone (`mkdocs build`, `shora serve`)
    assert here not in set(pdf._lay_out(jobs, ""))


@pytest.mark.parametrize("large", [True, False], ids=["large", "small"])
def test_a_large_site_s_pagefind_writes_alone_once_the_workers_have_ended(
    tmp_path: Path, monkeypatch: Any, large: bool
) -> None:
    # Pagefind holds a language's whole index in memory while it writes it (about 600 MB
    # at the benchmark's size L): beside the link check's and the fonts' workers, or
    # beside the other language's pages or writing, it would make the build's peak.
    # The first may take its pages beside the workers (its index grows to about 180 MB).
    # A small site's runs go at once (the test's project is small: made large by a
    # budget of nothing).
    from shora.build import build_site
    from shora.publish import search_index

    monkeypatch.setenv("SHORA_CACHE", "off")  # Pagefind runs
    if large:
        monkeypatch.setattr(search_index, "PAGEFIND_RUNS_BUDGET", 0)
    events: list[tuple[str, str, int]] = []  # (what, language, workers alive)
    lock = threading.Lock()

    def noted(what: str, output: Path) -> None:
        language = "en" if output.parent.name == "en" else "fa"
        with lock:
            events.append((what, language, len(multiprocessing.active_children())))

    run, start, write = (search_index.index_folder, search_index.Turn.wait_to_start,
                         search_index.Turn.wait_to_write)  # fmt: skip
    outputs: dict[int, Path] = {}

    def index_folder(folder: Path, output: Path, turn: Any = None) -> None:
        outputs[id(turn)] = output
        run(folder, output, turn)
        noted("ended", output)

    def wait_to_start(turn: Any) -> None:
        start(turn)
        noted("started", outputs[id(turn)])

    def wait_to_write(turn: Any) -> None:
        write(turn)
        noted("writes", outputs[id(turn)])

    monkeypatch.setattr(search_index, "index_folder", index_folder)
    monkeypatch.setattr(search_index.Turn, "wait_to_start", wait_to_start)
    monkeypatch.setattr(search_index.Turn, "wait_to_write", wait_to_write)
    project = make_project(tmp_path, with_real_data=False)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    steps = [(name, language) for name, language, _alive in events]
    if large:
        # Persian first, given its pages beside the workers; English once it has ended.
        assert steps == [
            ("started", "fa"), ("writes", "fa"), ("ended", "fa"),
            ("started", "en"), ("writes", "en"), ("ended", "en"),
        ]  # fmt: skip
        # No worker alive when either writes.
        assert [alive for name, _, alive in events if name == "writes"] == [0, 0]
    else:  # each language's steps in order, the two at once (test_search_cache.py)
        for language in ("fa", "en"):
            mine = [name for name, of in steps if of == language]
            assert mine == ["started", "writes", "ended"]
    assert (project / "site" / "pagefind" / "pagefind-entry.json").is_file()
    assert (project / "site" / "en" / "pagefind" / "pagefind-entry.json").is_file()
