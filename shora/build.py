"""``shora build``: one orchestrator for the whole build.

1. validate the data once;
2. render each language in a process of its own, both at once (Persian into the new
   site's root, English into a folder of its own that becomes en/), while this
   process writes what needs only the data (open data, feeds, the sitemap: the steps
   of :data:`shora.publish.STEPS` that need neither the pages nor their rendering)
   into a third folder;
3. put the three together and copy the PDFs the rendering made; then, at once, the
   link check and the steps that read the pages (cut fonts and stylesheets) in two
   worker processes forked afresh (the render's have ended, and the memory of their
   pages with them), and the search index, which reads all the data, in this one;
   last, Pagefind's runs alone (each holds a language's whole index in memory);
4. swap the new site into place: a failed build never replaces the last good site.
   The old site's files are deleted by a process of their own, which the command
   does not wait for (see :func:`remove_later`).

Each stage says on stderr what it did, with its count and time, when it finishes (a
progress bar while the pages render, on a terminal only); ``--timings`` writes the
same figures as JSON for the benchmark."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import glob
import json
import logging
import multiprocessing
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO
from urllib.parse import urljoin

from shora.core.messages import BROKEN_INTERNAL_LINKS, ERRORS, Message, count_of, msg
from shora.engine.engines import DEFAULT_ENGINE, Engine, select
from shora.load import cache as file_cache
from shora.site.routes import language_root
from shora.validate import Report, validate_project

if TYPE_CHECKING:
    from shora.load.dataset import Dataset
    from shora.publish.linkcheck import BrokenLink
    from shora.publish.search_index import PagefindRuns

PROGRESS_INTERVAL = 0.2  # seconds between two redraws of the progress bar
BAR_WIDTH = 24


@dataclass
class StageTime:
    """What a stage did: ``count`` things (files, pages, links) in ``seconds`` of wall
    time and ``cpu_seconds`` of processor time (in the process that ran it, and in the
    programs it ran and waited for)."""

    name: str
    count: int
    seconds: float
    cpu_seconds: float


@dataclass
class Timings:
    stages: list[StageTime] = field(default_factory=list)
    total_seconds: float = 0.0

    def write(self, path: Path) -> None:
        stages = [asdict(stage) for stage in self.stages]
        for stage in stages:
            stage["seconds"] = round(stage["seconds"], 3)
            stage["cpu_seconds"] = round(stage["cpu_seconds"], 3)
        document = {"stages": stages, "total_seconds": round(self.total_seconds, 3)}
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(document, indent=2) + "\n", encoding="utf-8")


def _cpu_time() -> float:
    """Processor time of this process and of the programs it has waited for."""
    times = os.times()
    return times.user + times.system + times.children_user + times.children_system


@contextmanager
def timed(name: str) -> Iterator[StageTime]:
    """Times the block (in whichever process runs it): set ``count`` on the stage it
    yields; its times are filled in at the end."""
    stage = StageTime(name, 0, 0.0, 0.0)
    started, cpu = time.perf_counter(), _cpu_time()
    yield stage
    stage.seconds = time.perf_counter() - started
    stage.cpu_seconds = _cpu_time() - cpu


class Reporter:
    """Says on stderr what the build is doing, in the editor's language: one line per
    finished stage; a progress bar while the pages render, on a terminal only; nothing
    but errors when quiet."""

    def __init__(self, language: str, quiet: bool = False, stream: TextIO | None = None):
        self.language = language
        self.quiet = quiet
        self.stream = stream if stream is not None else sys.stderr
        self.timings = Timings()
        self.terminal = not quiet and self.stream.isatty()
        self._lock = threading.Lock()
        self._bar_shown = False

    def error(self, text: Message | str) -> None:
        with self._lock:
            self._clear_bar()
            print(text.render(self.language) if isinstance(text, Message) else text,
                  file=self.stream)  # fmt: skip

    def say(self, message: Message) -> None:
        if self.quiet:
            return
        with self._lock:
            self._clear_bar()
            print(message.render(self.language), file=self.stream, flush=True)

    def record(self, stage: StageTime, message: Message | None) -> None:
        self.timings.stages.append(stage)
        if message is not None:
            self.say(message)

    @contextmanager
    def stage(self, name: str) -> Iterator[StageTime]:
        """Times the block (see :func:`timed`) and records the stage at the end."""
        with timed(name) as stage:
            yield stage
        self.timings.stages.append(stage)

    def bar(self, label: Message, done: int, total: int) -> None:
        """Draw the progress bar (a terminal only)."""
        if not self.terminal:
            return
        share = min(done / total, 1.0) if total else 0.0
        filled = round(share * BAR_WIDTH)
        counts = msg("{done} of {total}", done=done, total=total).render(self.language)
        line = (
            f"{label.render(self.language)} [{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {counts}"
        )
        with self._lock:
            self.stream.write("\r\033[K" + line)
            self.stream.flush()
            self._bar_shown = True

    def _clear_bar(self) -> None:
        if self._bar_shown:
            self.stream.write("\r\033[K")
            self._bar_shown = False


def seconds(value: float) -> float:
    return round(value, 1)


# The language workers. Each is given the validated report (inherited when the
# process is forked, pickled otherwise) and counters shared with the progress bar.
_worker: dict[str, Any] = {}


@dataclass(frozen=True)
class RenderJob:
    language: str  # "fa" or "en"
    config_file: str
    site_dir: str
    site_url: str | None
    data_root: str | None
    engine: str
    # The cores this language's PDFs may use: the machine's, shared by the languages
    # rendering at once.
    cores: int = 1
    # Whether the other language renders at the same time, whose PDFs this one may
    # share the making of (see shora.publish.pdf.share_cores).
    beside_another: bool = False


@dataclass(frozen=True)
class RenderResult:
    language: str
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    error: str | None = None
    # The PDFs the pages linked, made in the worker: (language, resolution) -> file.
    pdfs: dict[tuple[str, str], Path] = field(default_factory=dict)


def _start_worker(report: Report, counters: dict[str, Any]) -> None:
    _worker["report"] = report
    _worker["counters"] = counters


class _PageCounter:
    """A plugin added to a worker's build: counts the pages to build and built, for
    the progress bar of the process that started the build."""

    def __init__(self, total: Any, done: Any):
        self.total, self.done = total, done

    def on_files(self, files: Any, /, *, config: Any) -> Any:
        self.total.value = len(files.documentation_pages())
        return files

    def on_post_page(self, output: str, /, *, page: Any, config: Any) -> str:
        with self.done.get_lock():
            self.done.value += 1
        return output


# After every plugin's files: the attribute MkDocs' event_priority sets (this module
# imports no MkDocs), which mypy does not know on a function.
_PageCounter.on_files.mkdocs_priority = -1000  # type: ignore[attr-defined]


def render_language(job: RenderJob) -> RenderResult:
    """Build one language's pages into ``job.site_dir`` (in a worker process)."""
    started, cpu = time.perf_counter(), _cpu_time()
    engine = select(job.engine)
    options: dict[str, Any] = {"site_dir": job.site_dir}
    if job.site_url:
        options["site_url"] = job.site_url
    try:
        config = engine.load_config(job.config_file, **options)
    except engine.error as error:
        return RenderResult(job.language, error=str(error))
    plugin = config.plugins["shora"]
    if job.data_root is not None:
        plugin.config["data_root"] = job.data_root
    plugin.validated = _worker.get("report")  # validated once, by the orchestrator
    plugin.orchestrated = True  # no counterpart, no outputs: the orchestrator's
    from shora.publish import pdf

    pdf.share_cores(job.cores, helping=job.beside_another)
    counters = _worker.get("counters", {}).get(job.language)
    if counters is not None:
        config.plugins["shora-page-counter"] = _PageCounter(*counters)
    config.plugins.on_startup(command="build", dirty=False)
    try:
        engine.build(config)
        pages = len(plugin.files.documentation_pages())
    except engine.error as error:
        return RenderResult(job.language, error=str(error))
    finally:
        config.plugins.on_shutdown()
    return RenderResult(
        job.language,
        pages,
        time.perf_counter() - started,
        _cpu_time() - cpu,
        pdfs={key: path for key, path in pdf.made().items() if key[0] == job.language},
    )


@contextmanager
def _workers(
    context: Any, count: int, report: Report, counters: dict[str, Any]
) -> Iterator[ProcessPoolExecutor]:
    """A pool of ``count`` worker processes, forked (at the first submit) with the
    validated data. The data's objects stay frozen in this process while the workers
    live: neither their collector nor this one's walks them, which would write into
    every page of them and so copy the memory the processes share."""
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=count,
            mp_context=context,
            initializer=_start_worker,
            initargs=(report, counters),
        ) as pool:
            yield pool
    finally:
        gc.unfreeze()


def _counterpart(engine: Engine, config_file: Path) -> tuple[Path | None, str | None]:
    """The English config file named by the Persian one, and the site's address."""
    config = engine.load_config(str(config_file))
    counterpart = config.plugins["shora"].config.counterpart
    path = config_file.parent / counterpart if counterpart else None
    return path, config.site_url or None


def _merge(source: Path, target: Path) -> None:
    """Move every file of ``source`` to the same place under ``target``, replacing what
    is there (as a later step's writing would); ``source`` is removed."""
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        source.rename(target)
        return
    for folder, _dirs, files in os.walk(source):
        destination = target / Path(folder).relative_to(source)
        destination.mkdir(parents=True, exist_ok=True)
        for name in files:
            os.replace(Path(folder) / name, destination / name)
    shutil.rmtree(source, ignore_errors=True)


def _start_method() -> str:
    # Forked workers inherit the validated data and the imported engine at no cost;
    # nothing runs in a thread when they start.
    methods = multiprocessing.get_all_start_methods()
    return "fork" if "fork" in methods else "spawn"


# The folders of things made from their inputs alone that builds note as used
# (shora.publish.pdf, shora.publish.fonts).
MADE_FOLDERS = ("pdf", "fonts")


def build_site(
    root: Path,
    config_file: Path,
    site_dir: Path,
    data_root: Path | None = None,
    language: str = "en",
    *,
    engine: str = DEFAULT_ENGINE,
    quiet: bool = False,
    timings: Path | None = None,
    stream: TextIO | None = None,
) -> int:
    """``data_root`` holds resolutions/ and councils/ when they are not in ``root``
    (the demo data under examples/demo/ is built with the real site's pages and theme).
    ``language`` is the one of the messages; ``timings`` a JSON file for the stages'
    figures. The exit code: 0 when the new site is in place."""
    reporter = Reporter(language, quiet, stream)
    started = time.perf_counter()
    try:
        code = _build(reporter, root, config_file, site_dir, data_root, engine)
    finally:
        reporter.timings.total_seconds = time.perf_counter() - started
        if timings is not None:
            reporter.timings.write(timings)
    if code == 0:
        reporter.say(
            msg(
                "built {site} in {seconds} s",
                site=str(site_dir),
                seconds=seconds(reporter.timings.total_seconds),
            )
        )
    return code


def _build(
    reporter: Reporter,
    root: Path,
    config_file: Path,
    site_dir: Path,
    data_root: Path | None,
    engine_name: str,
) -> int:
    data = data_root if data_root is None or data_root.is_absolute() else root / data_root
    with reporter.stage("validate") as stage:
        report = validate_project(data or root)
        stage.count = len(report.dataset.kinds)
    errors = report.errors
    for diagnostic in report.diagnostics:
        if not reporter.quiet or diagnostic in errors:
            reporter.error(diagnostic.format(reporter.language))
    if errors:
        reporter.error(
            msg(
                "shora: {errors} in the data; {site} was not changed",
                errors=count_of(len(errors), *ERRORS),
                site=str(site_dir),
            )
        )
        return 1
    reporter.say(
        msg("validated {count} files in {seconds} s", count=stage.count,
            seconds=seconds(stage.seconds))
    )  # fmt: skip

    logging.basicConfig(
        level=logging.ERROR if reporter.quiet else logging.WARNING,
        format="%(levelname)-7s -  %(message)s",
    )
    engine = select(engine_name)
    persian_config = (root / config_file).resolve()
    target = (root / site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    made: list[Path] = []

    def folder(kind: str) -> Path:
        made.append(Path(tempfile.mkdtemp(prefix=f".{target.name}.{kind}-", dir=target.parent)))
        return made[-1]

    staging, english, outputs = folder("new"), folder("en"), folder("data")
    try:
        english_config, site_url = _counterpart(engine, persian_config)
        broken = _build_into(
            reporter, report, engine, persian_config, english_config, site_url,
            data, staging, english, outputs, str(site_dir),
        )  # fmt: skip
    except engine.error as error:  # the configuration, as MkDocs reads it
        reporter.error(msg("shora: the build failed: {problem}", problem=str(error)))
        broken = msg("shora: {site} was not changed", site=str(site_dir))
    except BaseException:
        for path in made:
            shutil.rmtree(path, ignore_errors=True)
        raise
    for path in (english, outputs):
        shutil.rmtree(path, ignore_errors=True)
    if broken is not None:
        shutil.rmtree(staging, ignore_errors=True)
        reporter.error(broken)
        return 1
    with reporter.stage("swap") as stage:
        # The old site is moved aside first, so there is always a complete one.
        if target.exists():
            aside = tempfile.mkdtemp(prefix=f".{target.name}.old-", dir=target.parent)
            target.rename(Path(aside) / target.name)
        staging.rename(target)
        stage.count = 1
    # With those a removal stopped before its end left (the machine shut down).
    remove_later(old_sites(target))
    # The PDFs and cut fonts no build has used for a month (each build notes those it
    # uses): the cache holds what is in use, not every version since the first build.
    file_cache.prune_made(MADE_FOLDERS)
    return 0


def old_sites(target: Path) -> list[Path]:
    """The folders the swap moved old sites into beside ``target``, until they are
    removed (and the one name the swap used before, ``.site.old``)."""
    aside = sorted(target.parent.glob(f".{glob.escape(target.name)}.old-*"))
    before = target.with_name(f".{target.name}.old")
    return [*aside, before] if before.is_dir() else aside


# Removing an old site is waiting on the disk: its 82,703 files at L take 20-28 s
# (7 s of it CPU) on a file system that trims freed blocks at once, and nobody
# needs it done before using the new site. A process of its own does it, in its own
# session (a Ctrl-C of the terminal's build does not stop it), with nothing to say.
_REMOVE = "import shutil, sys\nfor path in sys.argv[1:]:\n    shutil.rmtree(path, True)\n"
_removing: list[subprocess.Popen[bytes]] = []


def remove_later(folders: list[Path]) -> subprocess.Popen[bytes] | None:
    """Start removing ``folders`` in a process the caller does not wait for; at once
    here if it cannot start. Returns the process (the tests wait for it)."""
    if not folders:
        return None
    try:
        process = subprocess.Popen(
            [sys.executable, "-I", "-S", "-c", _REMOVE, *map(str, folders)],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    except OSError:
        for folder in folders:
            shutil.rmtree(folder, ignore_errors=True)
        return None
    # Kept, so that Python does not warn of a process still running when it lets go.
    _removing.append(process)
    return process


def _build_into(
    reporter: Reporter,
    report: Report,
    engine: Engine,
    persian_config: Path,
    english_config: Path | None,
    site_url: str | None,
    data: Path | None,
    staging: Path,
    english: Path,
    outputs: Path,
    unchanged: str,
) -> Message | None:
    """Build the new site into ``staging``: None when it is good, else why it is not
    (``unchanged``: the site's folder as the editor named it)."""
    from shora.publish import data_steps, page_steps, pdf, run_steps
    from shora.publish.common import ensure_source_date_epoch

    if (cutter := pdf.cutter_warning(report.dataset)) is not None:
        reporter.say(cutter)  # (once, not once a PDF as WeasyPrint would)
    data_root = str(data.resolve()) if data is not None else None
    jobs = [RenderJob("fa", str(persian_config), str(staging), None, data_root, engine.name)]
    if english_config is not None:
        english_url = urljoin(site_url, language_root("en")) if site_url else None
        jobs.append(
            RenderJob("en", str(english_config), str(english), english_url, data_root, engine.name)
        )
    cores = max(1, (os.cpu_count() or 1) // len(jobs))
    jobs = [replace(job, cores=cores, beside_another=len(jobs) > 1) for job in jobs]
    context = multiprocessing.get_context(_start_method())
    counters = {
        job.language: (context.Value("i", 0, lock=False), context.Value("i", 0)) for job in jobs
    }
    # Dates MkDocs and the steps write come from the data, never the clock.
    ensure_source_date_epoch(report.dataset)
    results: dict[str, RenderResult] = {}
    with _workers(context, len(jobs), report, counters) as pool:
        futures = {job.language: pool.submit(render_language, job) for job in jobs}
        progress = threading.Thread(
            target=_show_progress,
            args=(reporter, futures, counters, msg("rendering pages")),
            daemon=True,
        )
        progress.start()
        # Meanwhile, what needs only the data (and the names of the hand-written
        # pages, for the sitemap), into a folder of its own.
        with reporter.stage("publish-data") as stage:
            hand_written = _hand_written(engine, jobs)
            written = run_steps(data_steps(), report.dataset, outputs, site_url, hand_written)
            stage.count = len(written)
        reporter.say(
            msg("wrote {count} open data, feed and sitemap files in {seconds} s",
                count=stage.count, seconds=seconds(stage.seconds))
        )  # fmt: skip
        for future in as_completed(futures.values()):
            result = future.result()
            results[result.language] = result
            if result.error is None:
                _rendered(reporter, result)
        progress.join()
    # The render workers have ended, and the memory of their pages with them: what reads
    # the pages runs in workers forked afresh from this process, which holds the data only.
    for result in results.values():
        if result.error is not None:
            reporter.error(msg("shora: the build failed: {problem}", problem=result.error))
            return msg("shora: {site} was not changed", site=unchanged)
    with reporter.stage("assemble") as stage:
        if "en" in results:
            _merge(english, staging / "en")
        _merge(outputs, staging)
        stage.count = 1
    for result in results.values():
        pdf.remember(result.pdfs)
    with reporter.stage("publish-rendered") as stage:
        rendered = [step for step in page_steps() if not step.needs_pages]
        stage.count = len(run_steps(rendered, report.dataset, staging, site_url))
    reporter.say(
        msg("copied {count} PDFs in {seconds} s", count=stage.count,
            seconds=seconds(stage.seconds))
    )  # fmt: skip
    # Now the site has every file its pages link. In two workers: the link check and
    # the steps that read the pages (fonts, stylesheets; one task, which lists the
    # site's files once for both), neither of which reads the data; here, the search
    # indexes, which read all of it (a worker reading it would copy the memory pages it
    # shares with this process). None writes a page nor a file a page links, nor
    # anything another reads, so they run at once. Pagefind's runs start here too, each
    # as soon as its input is written; a large site's write their indexes (their peak
    # of memory) only once the workers have ended (PagefindRuns).
    from shora.publish.search_index import PagefindFailed, PagefindRuns

    try:
        with PagefindRuns() as runs:
            link_counter = (context.Value("i", 0, lock=False), context.Value("i", 0, lock=False))
            with _workers(context, 2, report, {"links": link_counter}) as pool:
                checking = pool.submit(check_links, str(staging))
                reading = pool.submit(publish_pages, str(staging), site_url)
                progress = threading.Thread(
                    target=_show_progress,
                    args=(reporter, {"links": checking}, {"links": link_counter},
                          msg("checking links")),
                    daemon=True,
                )  # fmt: skip
                progress.start()
                indexed = index_search(report.dataset, str(staging), runs)
                _give_back_freed_memory()
                published = reading.result()
                reporter.record(
                    published,
                    msg("wrote the fonts and stylesheets ({count} files) in {seconds} s",
                        count=published.count, seconds=seconds(published.seconds)),
                )  # fmt: skip
                links, broken = checking.result()
                progress.join()
            reporter.record(links, None)
            for link in broken:
                reporter.error(link.format(reporter.language))
            if broken:
                runs.discard()
                return msg(
                    "shora: {links}; {site} was not changed",
                    links=count_of(len(broken), *BROKEN_INTERNAL_LINKS),
                    site=unchanged,
                )
            reporter.say(
                msg("checked the links of {count} pages in {seconds} s", count=links.count,
                    seconds=seconds(links.seconds))
            )  # fmt: skip
            with timed("pagefind") as waited:
                runs.allow_writing()
                runs.join()
    except PagefindFailed as failure:
        reporter.error(msg("shora: the build failed: {problem}", problem=failure.message))
        return msg("shora: {site} was not changed", site=unchanged)
    indexed.seconds += waited.seconds
    indexed.cpu_seconds += waited.cpu_seconds
    reporter.record(
        indexed,
        msg("indexed {count} pages for search in {seconds} s", count=indexed.count,
            seconds=seconds(indexed.seconds)),
    )  # fmt: skip
    return None


def _give_back_freed_memory() -> None:
    """Return to the system the memory this process has freed but the C library keeps
    for later (the search documents' texts: about 80 MB at the benchmark's size L),
    before a program that needs much of its own runs. glibc's ``malloc_trim``; nothing
    elsewhere."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        trim = libc.malloc_trim
    except (OSError, AttributeError):
        return
    trim(0)


def _hand_written(engine: Engine, jobs: list[RenderJob]) -> dict[str, list[str]]:
    """Each language's hand-written pages, as its configuration finds them (the names
    of its Markdown files only: nothing is rendered)."""
    from shora.engine.mkdocs_api import hand_written_pages

    return {job.language: hand_written_pages(engine.load_config(job.config_file)) for job in jobs}


def publish_pages(site_dir: str, site_url: str | None) -> StageTime:
    """Run the steps that read the built pages (in a worker process)."""
    from shora.publish import built_files, page_steps, run_steps

    with timed("publish-pages") as stage, built_files.listed_once(Path(site_dir)):
        reading = [step for step in page_steps() if step.needs_pages]
        stage.count = len(run_steps(reading, _worker["report"].dataset, Path(site_dir), site_url))
    return stage


def index_search(dataset: Dataset, site_dir: str, runs: PagefindRuns) -> StageTime:
    """Write the search indexes of the site in ``site_dir``, but for the end of
    Pagefind's runs, which are added to ``runs``."""
    from shora.publish.search import prepare_index

    with timed("search") as stage:
        stage.count = prepare_index(dataset, Path(site_dir), runs)
    return stage


def check_links(site_dir: str) -> tuple[StageTime, list[BrokenLink]]:
    """The broken internal links of the site in ``site_dir`` (in a worker process,
    telling the pages checked to the counters of the process that started it)."""
    from shora.publish.linkcheck import check_site_counted

    total, done = _worker["counters"]["links"]

    def progress(checked: int, pages: int) -> None:
        total.value, done.value = pages, checked

    with timed("links") as stage:
        broken, stage.count = check_site_counted(Path(site_dir), progress)
    return stage, broken


def _rendered(reporter: Reporter, result: RenderResult) -> None:
    count, taken = result.pages, seconds(result.seconds)
    if result.language == "fa":
        message = msg("rendered {count} Persian pages in {seconds} s", count=count, seconds=taken)
    else:
        message = msg("rendered {count} English pages in {seconds} s", count=count, seconds=taken)
    reporter.record(
        StageTime(f"render-{result.language}", result.pages, result.seconds, result.cpu_seconds),
        message,
    )


def _show_progress(
    reporter: Reporter,
    futures: dict[str, Future[Any]],
    counters: dict[str, Any],
    label: Message,
) -> None:
    """Redraw the bar of ``label`` (the pages rendered, the links checked) until every
    one of ``futures`` is done."""
    shown = (0, 0)
    while not all(future.done() for future in futures.values()):
        done = sum(counter[1].value for counter in counters.values())
        total = sum(counter[0].value for counter in counters.values())
        if total and (done, total) != shown:  # drawn again only when it has moved
            reporter.bar(label, done, total)
            shown = (done, total)
        time.sleep(PROGRESS_INTERVAL)
