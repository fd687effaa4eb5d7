"""``shora serve``: a live preview that renders a page only when the browser asks for it.

``mkdocs serve`` rebuilds every page of both languages after each change: minutes for
a large project. This preview loads both MkDocs configurations once (``mkdocs.yml``,
and its counterpart into ``en/``), runs the plugins' ``on_config`` and ``on_files``,
builds the navigation and the theme's environment, and copies the static files, all
with MkDocs' own functions (:mod:`mkdocs.commands.build`). A page is rendered, by the
same functions as in a build, when it is requested, and kept until something changes.

After a change the data is validated again (:func:`shora.validate.validate_project`,
fast on a second call: it keeps what it learnt about unchanged files), each language's
renderer takes the new data when its next page is asked for, ``on_files`` runs again
only when the set of pages changed, and the browser reloads. Errors in the data are
shown in the browser and in the terminal, and the last good site stays loaded until
they are fixed.

The HTTP server is MkDocs' own (:class:`mkdocs.livereload.LiveReloadServer`: its
long-polling ``/livereload/`` endpoint and the small script it adds to the pages it
serves, which asks nothing of another host); only the answer to a request is ours
(MkDocs' internals are used through :mod:`shora.engine.mkdocs_api` only). What a build
writes from the data besides the pages (open data, the data scripts of the directory
and of the resolutions filter, PDFs, feeds) is written when one of its files is asked
for, and the search indexes (Pagefind's and the one read from disk, both languages)
when one of theirs is: all from the data as it is then, written again after a change.
"""

from __future__ import annotations

import gc
import html
import logging
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import watchdog.events

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.language import language_of
from shora.core.messages import ERRORS, FILES, WARNINGS, Message, count_of, msg
from shora.engine.mkdocs_api import (
    Answer,
    PreparedSite,
    ReloadServer,
    UnsupportedEngine,
    content_type,
    prepare_site,
    render_page,
    render_theme_template,
    require_supported_engine,
)
from shora.engine.plugin import ShoraPlugin
from shora.load.cache import FileCache
from shora.publish import Step, served_steps
from shora.publish.search import write_index
from shora.site.routes import (
    LANGUAGES,
    TEXT_PAGES,
    Routes,
    bundle_path,
    disk_path,
    global_url,
    language_root,
)
from shora.validate import Report, validate_project

log = logging.getLogger("shora.preview.server")

# The search indexes' folders (Pagefind's bundle, the index read from disk), each
# language's, from the site's root: all written at the first request of one of them.
SEARCH_FOLDERS = tuple(
    folder(language) for language in LANGUAGES for folder in (bundle_path, disk_path)
)
# Kinds of change, from the cheapest to handle to the dearest.
DATA, CONTENT, CONFIG = "data", "content", "config"
COLLECT_AFTER = 2.0  # seconds after a change: see PreviewServer._rebuild
_IGNORED_NAME_RE = re.compile(r"(^\.|~$|\.sw[a-z]$|^4913$|\.tmp$)")


@dataclass
class Response:
    status: int
    body: bytes = b""
    file: Path | None = None  # the body is this file's content
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # a redirect
    html: bool = True  # a page that gets the live-reload script

    def content(self) -> bytes:
        return self.file.read_bytes() if self.file is not None else self.body


@dataclass
class LanguageSite:
    """One language's site as the preview holds it: its MkDocs configuration, files,
    navigation and theme environment, and which of its pages are rendered since the last
    change."""

    code: str  # "fa" or "en"
    config: Any  # MkDocsConfig
    plugin: Any  # shora.engine.plugin.ShoraPlugin
    site_dir: Path
    site: PreparedSite | None = None  # files, navigation and theme environment
    pages: dict[str, Any] = field(default_factory=dict)  # dest_uri -> File
    static: dict[str, Path] = field(default_factory=dict)  # dest_uri -> copied file
    rendered: set[str] = field(default_factory=set)
    pending: Report | None = None  # validated data not yet handed to the renderer
    restructure: bool = False  # the hand-written pages changed: files and navigation again


class Preview:
    """The preview's state and its answer to a request; no HTTP here (see
    :class:`PreviewServer`)."""

    def __init__(
        self,
        root: Path,
        config_file: Path = Path("mkdocs.yml"),
        data_root: Path | None = None,
        language: str = "en",
    ):
        self.root = root.resolve()
        self.language = language  # of the terminal's messages; a page's are in its own
        self.config_file = (self.root / config_file).resolve()
        data = data_root if data_root is None or data_root.is_absolute() else root / data_root
        self.data_root = (data or root).resolve()
        self.work = Path(tempfile.mkdtemp(prefix="shora-serve-"))
        self.lock = threading.RLock()  # the languages' state and every rendering
        self.languages: dict[str, LanguageSite] = {}
        self.report: Report | None = None
        # Errors to show instead of the site, each page in its own language.
        self.problems: list[Diagnostic | Message] = []
        self.problem_title: Message = msg("The data has errors")
        self.version = 0  # of the data; the open data are written per version
        self._unapplied: set[str] = set()  # changes not applied while there were errors
        self._warnings: set[str] = set()
        self._generation = 0
        self._open_data_lock = threading.Lock()
        self._open_data_of: dict[str, Step] = {}  # file (from the site's root) -> step
        self._open_data_written: set[tuple[int, Step]] = set()  # (version, step)
        self._open_data_tried: set[Step] = set()
        # The files the data makes (shora.site.routes), for one version of the data.
        self._data_files: tuple[int, frozenset[str]] | None = None
        self._search_lock = threading.Lock()
        self._search_version: int | None = None  # of the data in the search indexes
        self._validated_once = False

    # ------------------------------------------------------------ changes

    def refresh(self, changes: Iterable[str] = (CONFIG,)) -> None:
        """Validate the data and take it (``changes``: DATA, CONTENT, CONFIG). Never
        raises: a problem is shown in the browser until a later change fixes it."""
        changes = set(changes) | self._unapplied
        started = time.perf_counter()
        try:
            # Written to disk at the first validation and when the preview stops, not
            # after every change: writing takes about a second at L.
            report = validate_project(self.data_root, save_cache=not self._validated_once)
            self._validated_once = True
        except Exception as error:  # a bug, or a file the validator cannot read at all
            self._fail(changes, msg("The data could not be validated"), error)
            return
        validated = time.perf_counter() - started
        errors = [d.format(self.language) for d in report.errors]
        warnings = [
            d.format(self.language) for d in report.diagnostics if d.severity is Severity.WARNING
        ]
        files = len(report.dataset.documents)
        summary = msg(
            "validated {files} in {seconds} s: {errors}, {warnings}",
            files=count_of(files, *FILES),
            seconds=f"{validated:.2f}",
            errors=count_of(len(errors), *ERRORS),
            warnings=count_of(len(warnings), *WARNINGS),
        )
        if errors:
            for line in errors:
                print(line, file=sys.stderr, flush=True)
            shown = msg(
                "{summary}; the preview shows the errors until they are fixed", summary=summary
            )
            log.error(shown.render(self.language))
            with self.lock:
                self._unapplied = changes
                self.problem_title = msg(
                    "The data has {errors}", errors=count_of(len(errors), *ERRORS)
                )
                self.problems = list(report.errors)
                self.version += 1
            return
        if self.languages:  # the first build's configurations print every warning
            for line in warnings:
                if line not in self._warnings:
                    print(line, file=sys.stderr, flush=True)
        self._warnings = set(warnings)
        try:
            with self.lock:
                self.report = report
                if CONFIG in changes or not self.languages:
                    self._open(report)
                else:
                    for language in self.languages.values():
                        language.pending = report
                        language.restructure |= CONTENT in changes
                        language.rendered.clear()
                self._unapplied = set()
                self.problems = []
                self.version += 1
        except Exception as error:  # e.g. mkdocs.yml or the theme is broken
            self._fail(changes | {CONFIG}, msg("The site could not be loaded"), error)
            return
        ready = msg(
            "{summary}; ready in {seconds} s",
            summary=summary,
            seconds=f"{time.perf_counter() - started:.2f}",
        )
        log.info(ready.render(self.language))

    def _fail(self, changes: set[str], title: Message, error: BaseException) -> None:
        traceback.print_exc()
        problem = msg("{problem}", problem=_one_line(error))
        with self.lock:
            self._unapplied = changes
            self.problem_title = title
            self.problems = [problem]
            self.version += 1
        log.error(msg("{title}: {problem}", title=title, problem=problem).render(self.language))

    # ------------------------------------------------------------ MkDocs state

    def _open(self, report: Report) -> None:
        """Load both configurations and everything that does not change with the data."""
        self._generation += 1
        site_dir = self.work / f"site-{self._generation}"
        languages: list[LanguageSite] = []
        try:
            languages.append(self._load(self.config_file, site_dir, report))
            counterpart = languages[0].plugin.config.counterpart
            if counterpart:
                other = self.config_file.parent / counterpart
                languages.append(self._load(other, site_dir / "en", report))
        except BaseException:
            for language in languages:
                language.config.plugins.on_shutdown()
            shutil.rmtree(site_dir, ignore_errors=True)
            raise
        self.close_languages()
        self.languages = {language.code: language for language in languages}

    def _load(self, config_file: Path, site_dir: Path, report: Report) -> LanguageSite:
        """One language, as ``mkdocs build`` starts it: configuration, plugins' on_config
        (the data is handed over, not validated again), files and navigation."""
        from mkdocs.config import load_config

        config = load_config(str(config_file), site_dir=str(site_dir))
        plugin = config.plugins["shora"]
        assert isinstance(plugin, ShoraPlugin), "mkdocs.yml names another plugin 'shora'"
        plugin.config["data_root"] = str(self.data_root)
        plugin.validated = report
        config.plugins.on_startup(command="serve", dirty=False)
        config = config.plugins.on_config(config)
        config.plugins.on_pre_build(config=config)
        language = LanguageSite(plugin.config.language, config, plugin, Path(config.site_dir))
        self._structure(language)
        return language

    def _structure(self, language: LanguageSite) -> None:
        """Files, navigation and theme environment, as a build makes them (the
        navigation's titles read, as a build does: a generated page's is set in
        on_page_markdown), and the static files copied (only those changed since the
        last copy)."""
        site = prepare_site(language.config)
        language.site = site
        language.pages = {file.dest_uri: file for file in site.doc_files}
        language.static = site.static
        language.rendered.clear()
        language.restructure = False

    def _take_data(self, language: LanguageSite) -> None:
        """Hand newly validated data to a language's renderer; files and navigation
        again only when the set of pages changed."""
        started = time.perf_counter()
        report, language.pending = language.pending, None
        restructure = language.restructure
        if report is not None:
            plugin = language.plugin
            before = set(plugin.generated.values())
            plugin.use(report)
            restructure |= set(plugin.renderer.pages()) != before
        if restructure:
            self._structure(language)
        log.info(
            f"{language.code}: new data taken in "
            f"{time.perf_counter() - started:.2f} s"
            + (" (the set of pages changed)" if restructure else "")
        )

    def _render(self, language: LanguageSite, name: str) -> Path:
        """The rendered file of the page ``name`` (a dest_uri), rendered if needed."""
        if name in language.rendered:
            return language.site_dir / name
        started = time.perf_counter()
        config, site = language.config, language.site
        assert site is not None
        if name == "404.html":
            render_theme_template(config, site, name)
        else:
            # The file on disk is the cache: the HTML does not stay in memory (the
            # Markdown and metadata do: the title comes from them).
            render_page(config, site, language.pages[name])
        language.rendered.add(name)
        address = language_root(language.code) + name
        log.info(f"rendered /{address} in {time.perf_counter() - started:.2f} s")
        return language.site_dir / name

    def close_languages(self) -> None:
        for language in self.languages.values():
            language.config.plugins.on_shutdown()
        old = {language.site_dir for language in self.languages.values()}
        self.languages = {}
        for site_dir in old:
            if site_dir.name != "en":
                shutil.rmtree(site_dir, ignore_errors=True)

    def close(self) -> None:
        with self.lock:
            self.close_languages()
        shutil.rmtree(self.work, ignore_errors=True)
        FileCache.save_kept(self.data_root)

    # ------------------------------------------------------------ requests

    def respond(self, path: str) -> Response:
        """The answer to a GET of ``path`` (decoded, without the query). Only pages
        of the site, its static files and open data are served: nothing else of the
        disk, whatever the address."""
        segments = path.split("/")
        code = "en" if path.startswith("/en/") else "fa"
        if not path.startswith("/") or "\\" in path or "\x00" in path or ".." in segments:
            return self._message(
                404, msg("Not found"), msg("This address is outside the site."), code
            )
        if path == "/en":
            return Response(302, location="/en/", html=False)
        relative = path[len("/en/") :] if code == "en" else path[1:]
        name = relative + "index.html" if relative == "" or relative.endswith("/") else relative
        with self.lock:
            language = self.languages.get(code)
            stale = language is not None and (language.pending or language.restructure)
            if language is not None and stale and not self.problems:
                self._take_data(language)
            if language is not None and name in language.static:
                return Response(200, file=language.static[name], html=name.endswith(".html"),
                                content_type=content_type(name))  # fmt: skip
            if self.problems:
                return self._problems(code)
            if language is None:
                return self._message(
                    404, msg("Not found"), msg("The site has no such language."), code
                )
            if name not in language.pages and f"{name}/index.html" in language.pages:
                return Response(302, location=f"{path}/", html=False)
            if name in language.pages or name == "404.html":
                return self._page(language, name, 200)
            version, report = self.version, self.report
        if report is not None:
            whole = f"{code}/{relative}" if code == "en" else relative
            try:
                if whole.startswith(SEARCH_FOLDERS):
                    data = self._search_file(whole, version, report)
                else:
                    data = self._open_data(whole, version, report)
            except Exception as error:
                traceback.print_exc()
                return self._message(
                    500,
                    msg("This file could not be written"),
                    msg("{problem}", problem=_one_line(error)),
                    code,
                )
            if data is not None:
                return Response(200, body=data, html=False, content_type=content_type(whole))
        with self.lock:
            return self._page(language, "404.html", 404)

    def _page(self, language: LanguageSite, name: str, status: int) -> Response:
        """A page of the site, rendered if needed (called with the lock held: the bytes
        are read before another rendering can write the file again)."""
        try:
            return Response(status, body=self._render(language, name).read_bytes())
        except Exception as error:
            traceback.print_exc()
            return self._message(
                500,
                msg("This page could not be rendered"),
                msg("{problem}", problem=_one_line(error)),
                language.code,
            )

    def _open_data(self, whole: str, version: int, report: Report) -> bytes | None:
        """A file of the publish steps a preview serves (:func:`shora.publish.served_steps`:
        open data, the data scripts, PDFs, feeds; ``whole``: its address from the
        site's root), written from this version of the data when it is first asked
        for. An address the routes do not list is not found at once (no step runs for
        it); which step writes which file is learnt when a step first runs."""
        with self._open_data_lock:
            folder = self.work / f"data-{version}"
            if not folder.exists():
                for old in self.work.glob("data-*"):
                    if int(old.name.removeprefix("data-")) < version:
                        shutil.rmtree(old, ignore_errors=True)
            if self._data_files is None or self._data_files[0] != version:
                self._data_files = (version, frozenset(Routes(report.dataset).files()))
            if whole not in self._data_files[1]:
                return None  # no step writes it: not found at once, nothing written
            known = self._open_data_of.get(whole)
            if known is not None:
                candidates = [known]
            else:
                candidates = [s for s in served_steps() if s not in self._open_data_tried]
            for step in candidates:
                if (version, step) in self._open_data_written:
                    continue
                started = time.perf_counter()
                self._open_data_tried.add(step)
                # No site address: links relative to each file, as a build without one.
                written = step.run(report.dataset, folder)
                self._open_data_written.add((version, step))
                for path in written:
                    self._open_data_of[path.relative_to(folder).as_posix()] = step
                log.info(f"wrote {step.name} in {time.perf_counter() - started:.2f} s")
                if whole in self._open_data_of:
                    break
            path = folder / whole
            # Read here: a newer version's first request removes this folder.
            found = whole in self._open_data_of and path.is_file()
            return path.read_bytes() if found else None

    def _search_file(self, whole: str, version: int, report: Report) -> bytes | None:
        """A file of the search indexes (``whole``: its address from the site's root),
        as ``shora build`` writes them: both indexes of both languages are written from
        this version of the data when one of their files is first asked for (Pagefind
        takes a few seconds), from the models and the hand-written pages that are
        searchable, rendered as the site shows them."""
        with self._search_lock:
            folder = self.work / f"search-{version}"
            if self._search_version != version:
                started = time.perf_counter()
                for old in self.work.glob("search-*"):
                    shutil.rmtree(old, ignore_errors=True)
                folder.mkdir()
                with self.lock:
                    pages = self._text_pages()
                    for name, rendered in pages.items():
                        (folder / name).parent.mkdir(parents=True, exist_ok=True)
                        shutil.copyfile(rendered, folder / name)
                count = write_index(report.dataset, folder)
                for name in pages:
                    (folder / name).unlink()
                self._search_version = version
                log.info(
                    f"indexed {count} pages for search in {time.perf_counter() - started:.2f} s"
                )
            path = folder / whole
            return path.read_bytes() if path.is_file() else None

    def _text_pages(self) -> dict[str, Path]:
        """The searchable hand-written pages of every language, rendered (with the
        lock held): address of the file from the site's root -> the rendered file."""
        pages = {}
        for language in self.languages.values():
            if (language.pending or language.restructure) and not self.problems:
                self._take_data(language)
            for page in TEXT_PAGES:
                name = f"{page}index.html"
                if name in language.pages:
                    pages[global_url(name, language.code)] = self._render(language, name)
        return pages

    def _problems(self, language: str) -> Response:
        """The errors that keep the site from being shown, in the page's language."""
        items = "\n".join(
            f'<li dir="auto"><code>{html.escape(_shown(problem, language))}</code></li>'
            for problem in self.problems
        )
        note = msg(
            "The preview shows the site again as soon as they are fixed; this page "
            "reloads by itself. The terminal lists them too."
        )
        body = f'<p>{html.escape(note.render(language))}</p>\n<ul class="problems">\n{items}\n</ul>'
        return self._page_of(500, self.problem_title.render(language), body, language)

    @classmethod
    def _message(cls, status: int, title: Message, text: Message, language: str) -> Response:
        # The message's parameters are the project's own words (paths, commands): shown
        # as code; the rest is escaped.
        shown = html.escape(text.render(language))
        for _, value in text.params:
            if isinstance(value, str) and value:
                shown = shown.replace(html.escape(value), f"<code>{html.escape(value)}</code>")
        return cls._page_of(status, title.render(language), f"<p>{shown}</p>", language)

    @staticmethod
    def _page_of(status: int, title: str, body: str, language: str) -> Response:
        direction = language_of(language).direction
        preview = msg("Shora preview").render(language)
        page = (
            f'<!doctype html>\n<html lang="{language}" dir="{direction}">\n<head>\n'
            '<meta charset="utf-8">\n'
            f"<title>{html.escape(title)} · {html.escape(preview)}</title>\n"
            "<style>body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:60rem;"
            "padding:0 1rem;line-height:1.5}code{white-space:pre-wrap}"
            ".problems li{margin:.3rem 0}</style>\n</head>\n<body>\n"
            f"<h1>{html.escape(title)}</h1>\n{body}\n</body>\n</html>\n"
        )
        return Response(status, body=page.encode("utf-8"))

    # ------------------------------------------------------------ watching

    def watched(self) -> list[str]:
        """Paths to watch: what ``mkdocs serve`` watches (the docs_dir, the config file,
        ``watch:``, what the plugins' on_serve adds), the theme, the data's folders and
        the hand-written pages. Asked again after each change: a site that could not be
        loaded at first adds its paths once it loads."""
        recorder = _Recorder()
        recorder.watch(str(self.config_file))
        for language in self.languages.values():
            config = language.config
            recorder.watch(config.docs_dir)
            recorder.watch(config.config_file_path)
            if config.theme.custom_dir:
                recorder.watch(config.theme.custom_dir)
            for item in config.watch:
                recorder.watch(item)
            config.plugins.on_serve(recorder, config=config, builder=self.refresh)
        for folder in (self.data_root / "resolutions", self.data_root / "councils"):
            recorder.watch(str(folder))
        recorder.watch(str(self.root / "content"))
        return recorder.paths

    def kind_of(self, path: str) -> str | None:
        """What a change of ``path`` means; None for a file nothing depends on."""
        changed = Path(os.path.abspath(path))
        if _IGNORED_NAME_RE.search(changed.name):
            return None
        for folder in ("resolutions", "councils"):
            if changed.is_relative_to(self.data_root / folder):
                return DATA
        if changed.is_relative_to(self.root / "content"):
            return CONTENT
        return CONFIG


class _Recorder:
    """Stands in for the server in plugins' on_serve: only the paths are wanted."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def watch(self, path: str, func: Any = None, *, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path not in self.paths and os.path.exists(path):
            self.paths.append(path)


def _one_line(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


# Not "opened" or "closed without writing": every validation reads every file.
_EVENTS = (
    watchdog.events.FileCreatedEvent, watchdog.events.FileModifiedEvent,
    watchdog.events.FileDeletedEvent, watchdog.events.FileMovedEvent,
    watchdog.events.FileClosedEvent, watchdog.events.DirCreatedEvent,
    watchdog.events.DirDeletedEvent, watchdog.events.DirMovedEvent,
)  # fmt: skip


class PreviewServer(ReloadServer):
    """MkDocs' live-reload server (see :class:`shora.engine.mkdocs_api.ReloadServer`),
    answering from a :class:`Preview` and watching with the system's notifications
    (inotify) instead of polling thousands of files."""

    def __init__(self, preview: Preview, host: str, port: int):
        self.preview = preview
        # build_delay: quiet time after a change before the rebuild (MkDocs: 0.1 s).
        super().__init__(self._rebuild, host, port, root=str(preview.work), build_delay=0.05)
        self.watched_paths: set[str] = set()
        self._changes: set[str] = set()
        self._scheduled: set[str] = set()  # folders given to the observer
        self._collector: threading.Timer | None = None

    def watch(self, path: str, func: Any = None, *, recursive: bool = True) -> None:
        """Watch ``path``; a file is watched through its folder (editors often replace
        a file when they save it)."""
        path = os.path.abspath(path)
        if path in self.watched_paths:
            return
        self.watched_paths.add(path)
        folder = path if os.path.isdir(path) else os.path.dirname(path)
        if folder in self._scheduled:
            return
        self._scheduled.add(folder)
        handler = watchdog.events.FileSystemEventHandler()
        # The handler's one method replaced on this instance, as a subclass would override it.
        handler.on_any_event = self._on_event  # type: ignore[method-assign]
        self.observer.schedule(
            handler, folder, recursive=os.path.isdir(path), event_filter=list(_EVENTS)
        )

    def watch_all(self) -> None:
        """Watch what the preview depends on; changes are seen once this returns."""
        for path in self.preview.watched():
            self.watch(path)
        if not self.observer.is_alive():
            self.observer.start()

    def _on_event(self, event: watchdog.events.FileSystemEvent) -> None:
        if event.event_type == "modified" and event.is_directory:
            return
        kinds = set()
        for raw in (event.src_path, getattr(event, "dest_path", "")):
            path = os.fsdecode(raw)
            if path and self._is_watched(path):
                kind = self.preview.kind_of(path)
                if kind is not None:
                    kinds.add(kind)
        if kinds:
            log.debug(f"{event.event_type}: {event.src_path!r}")
            self.request_rebuild(lambda: self._changes.update(kinds))

    def _is_watched(self, path: str) -> bool:
        return any(
            path == watched or path.startswith(watched + os.sep) for watched in self.watched_paths
        )

    def _take_changes(self) -> set[str]:
        changes, self._changes = self._changes, set()
        return changes

    def _rebuild(self) -> None:
        self.preview.refresh(self.under_rebuild_lock(self._take_changes))
        self.watch_all()
        # The data replaced has reference cycles, and the plugin's garbage collection
        # thresholds (made for one build) would keep each old copy in memory (60 MB at
        # size L). Collect once the browser has had time to fetch the new page.
        if self._collector is not None:
            self._collector.cancel()
        self._collector = threading.Timer(COLLECT_AFTER, self._collect)
        self._collector.daemon = True
        self._collector.start()

    @staticmethod
    def _collect() -> None:
        started = time.perf_counter()
        found = gc.collect()
        log.debug(f"collected {found} objects in {time.perf_counter() - started:.2f} s")

    def shutdown(self, wait: bool = False) -> None:
        if self._collector is not None:
            self._collector.cancel()
        super().shutdown(wait)

    def bind(self) -> None:
        """Listen (before serve(), so that a port in use is reported at once)."""
        self.server_bind()
        self.server_activate()
        host, port = self.server_address[:2]
        self.url = f"http://{host!s}:{port}/"

    def serve(self, *, open_in_browser: bool = False) -> None:
        """Answer requests and rebuild after changes; bind() and watch_all() first."""
        log.info(f"Serving on {self.url}")
        self.run()

    def answer(self, path: str) -> Answer:
        response = self.preview.respond(path)
        return Answer(
            status=response.status,
            body=b"" if response.location is not None else response.content(),
            content_type=response.content_type,
            location=response.location,
            reload_script=response.html,
        )


def parse_address(value: str) -> tuple[str, int]:
    """``HOST:PORT`` (``[::1]:8000`` for IPv6), as ``mkdocs serve --dev-addr``."""
    host, colon, port = value.rpartition(":")
    if not colon or not port.isdigit() or not host or int(port) > 65535:
        raise ValueError(f"'{value}' is not HOST:PORT, e.g. 127.0.0.1:8000")
    return host.strip("[]"), int(port)


def serve(
    root: Path,
    config_file: Path = Path("mkdocs.yml"),
    address: tuple[str, int] = ("127.0.0.1", 8000),
    data_root: Path | None = None,
    language: str = "en",
) -> int:
    """Run the preview until interrupted (Ctrl-C or SIGTERM); ``language`` is the one of
    the terminal's messages."""
    started = time.perf_counter()
    try:
        require_supported_engine()
    except UnsupportedEngine as error:
        print(error.message.render(language), file=sys.stderr)
        return 1
    preview = Preview(root, config_file, data_root, language)
    server: PreviewServer | None = None
    try:
        server = PreviewServer(preview, *address)
        try:
            server.bind()  # first: a port in use is said at once, not after the loading
        except OSError as error:
            cannot = msg(
                "shora: cannot listen on {address}: {problem}",
                address=f"{address[0]}:{address[1]}",
                problem=str(error.strerror or error),
            )
            print(cannot.render(language), file=sys.stderr)
            return 2
        preview.refresh()
        server.watch_all()
        started_in = msg(
            "started in {seconds} s; pages, open data, feeds and the search indexes are "
            "made when they are asked for",
            seconds=f"{time.perf_counter() - started:.1f}",
        )
        log.info(started_in.render(language))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info(msg("Shutting down...").render(language))
        return 0
    finally:
        _ignore_interruptions()  # a second Ctrl-C or SIGTERM must not stop the cleaning
        if server is not None:
            server.shutdown()
        preview.close()


def _shown(problem: Diagnostic | Message, language: str) -> str:
    return problem.format(language) if isinstance(problem, Diagnostic) else problem.render(language)


def _ignore_interruptions() -> None:
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
