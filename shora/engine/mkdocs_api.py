"""Every use of MkDocs' internals, behind names of our own.

Shora renders its pages with MkDocs 1.6 (or ProperDocs, its maintained fork, which
answers to the same ``mkdocs`` imports). MkDocs' public API (the configuration, plugins
and their events, ``structure.files`` and ``structure.pages``, ``LiveReloadServer``
itself) is used where it is needed; what is not public is used here and nowhere else:

* ``mkdocs.commands.build``'s private steps (``_populate_page``, ``_build_page``,
  ``_build_theme_template``) and the order in which ``build()`` calls them, so that
  ``shora serve`` renders one page as a build does;
* what ``Page.render`` leaves on a page (``_title_from_render``), for pages made from
  data, which skip the Markdown step;
* ``LiveReloadServer``'s request handler, rebuild loop, epochs and script injection,
  for a server that answers from the preview instead of from a folder.

Each was read in MkDocs 1.6.1 and ProperDocs 1.6.7, identical in these parts. Another
version may differ in any of them without notice (none is public), so every function
here first checks the installed engine (:func:`require_supported_engine`) and, on
another version, stops with what to do instead of failing somewhere inside (the private
names are looked up only after that check: none is imported by name).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import watchdog.observers
from mkdocs.commands import build as mkdocs_build
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files, InclusionLevel, get_files, set_exclusions
from mkdocs.structure.nav import Navigation, get_navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from shora.core.messages import Message, msg
from shora.engine.engines import loaded_engine
from shora.site.routes import page_address

# The engines and versions this module was written for (name as imported: ProperDocs
# makes ``import mkdocs`` give its own package).
SUPPORTED_ENGINES = {"mkdocs": "1.6.1", "properdocs": "1.6.7"}
ENGINE_NAMES = {"mkdocs": "MkDocs", "properdocs": "ProperDocs"}
INSTALL_COMMAND = "pip install -c requirements.lock -e '.[dev]'"


@dataclass(frozen=True)
class Engine:
    """The package that answers ``import mkdocs``: its name and version."""

    name: str  # "mkdocs" or "properdocs"
    version: str

    def __str__(self) -> str:
        return f"{ENGINE_NAMES.get(self.name, self.name)} {self.version}"


class UnsupportedEngine(Exception):
    """The installed engine is not one this module was written for."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def installed_engine() -> Engine:
    """The engine that answers ``import mkdocs`` in this process (see
    :mod:`shora.engine.engines`, which chooses it)."""
    import mkdocs

    return Engine(loaded_engine() or "mkdocs", mkdocs.__version__)


def engine_problem(engine: Engine) -> Message | None:
    """What to do when ``engine`` is not a supported one; None when it is."""
    if SUPPORTED_ENGINES.get(engine.name) == engine.version:
        return None
    return msg(
        "Shora works with {mkdocs} or {properdocs}: it uses parts of them that other "
        "versions may change without notice. {installed} is installed. Install the "
        "versions Shora is pinned to: {command}",
        mkdocs=str(Engine("mkdocs", SUPPORTED_ENGINES["mkdocs"])),
        properdocs=str(Engine("properdocs", SUPPORTED_ENGINES["properdocs"])),
        installed=str(engine),
        command=INSTALL_COMMAND,
    )


@cache
def require_supported_engine() -> Engine:
    """The installed engine; :class:`UnsupportedEngine` when it is not supported."""
    engine = installed_engine()
    problem = engine_problem(engine)
    if problem is not None:
        raise UnsupportedEngine(problem)
    return engine


# ---------------------------------------------------------------- pages


class DataPage(Page):
    """A page made from data: its HTML comes from the plugin's ``on_page_context``, just
    before its template is rendered, so MkDocs' Markdown step is skipped. (It makes a
    Python-Markdown instance with every extension for each page: a tenth of the build
    for pages with no Markdown.) Leaves the page as ``Page.render`` would for an empty
    text."""

    def render(self, config: MkDocsConfig, files: Files) -> None:
        self.content = ""
        self.toc = get_toc([])
        self._title_from_render = None
        self.present_anchor_ids = set()


@dataclass
class PreparedSite:
    """One language's files, navigation and theme environment, as a build makes them
    before it renders any page."""

    files: Files
    nav: Navigation
    env: Any  # jinja2.Environment
    doc_files: Sequence[File]
    static: dict[str, Path]  # dest_uri -> the copied file


def hand_written_pages(config: MkDocsConfig) -> list[str]:
    """The addresses (from the language's root) of the pages a build writes from the
    Markdown files of ``config``'s docs_dir, as MkDocs finds them (public API: a
    README.md where there is no index.md; what exclude_docs and draft_docs leave out
    left out), without rendering any."""
    return [page_address(file.dest_uri) for file in get_files(config).documentation_pages()]


def prepare_site(config: MkDocsConfig) -> PreparedSite:
    """The first half of ``mkdocs serve``'s build, for a configuration whose
    ``on_config`` and ``on_pre_build`` have run: files, the plugins' ``on_files``,
    navigation, ``on_nav``, each page in the navigation read (its title may come from
    its content; the HTML is dropped again), ``on_env``, and the static files copied
    (only those changed since the last copy)."""
    require_supported_engine()
    env = config.theme.get_env()
    files = get_files(config)
    files.add_files_from_theme(env, config)
    files = config.plugins.on_files(files, config=config)
    set_exclusions(files, config)
    nav = get_navigation(files, config)
    nav = config.plugins.on_nav(nav, config=config, files=files)
    for page in nav.pages:
        mkdocs_build._populate_page(page, config, files)
        page.content = None
    env = config.plugins.on_env(env, config=config, files=files)
    files.copy_static_files(dirty=True, inclusion=InclusionLevel.is_in_serve)
    return PreparedSite(
        files=files,
        nav=nav,
        env=env,
        doc_files=files.documentation_pages(inclusion=InclusionLevel.is_in_serve),
        static={
            file.dest_uri: Path(file.abs_dest_path)
            for file in files
            if not file.is_documentation_page() and InclusionLevel.is_in_serve(file.inclusion)
        },
    )


def render_page(config: MkDocsConfig, site: PreparedSite, file: File) -> Path:
    """Render the page of ``file`` as a build does (read, Markdown and the page events,
    then the theme's template) into its place in the site folder; the written file.
    The HTML does not stay in memory: the file on disk is the cache."""
    require_supported_engine()
    page = file.page
    assert page is not None, file.src_uri
    mkdocs_build._populate_page(page, config, site.files)
    mkdocs_build._build_page(
        page, config, site.doc_files, site.nav, site.env, excluded=file.inclusion.is_excluded()
    )
    page.content = None
    return Path(file.abs_dest_path)


def render_theme_template(config: MkDocsConfig, site: PreparedSite, name: str) -> Path:
    """Render the theme's template ``name`` (e.g. 404.html) as a build does; the file."""
    require_supported_engine()
    mkdocs_build._build_theme_template(name, site.env, site.files, config, site.nav)
    return Path(config.site_dir) / name


# ---------------------------------------------------------------- serving


def content_type(name: str) -> str:
    """The Content-Type ``mkdocs serve`` gives a file of this name (text in UTF-8)."""
    require_supported_engine()
    guessed: str = LiveReloadServer._guess_type(name)
    return guessed + ("; charset=utf-8" if guessed.startswith("text/") else "")


@dataclass
class Answer:
    """The answer to a GET, from :meth:`ReloadServer.answer`."""

    status: int
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    location: str | None = None  # a redirect
    reload_script: bool = False  # add the script that reloads the page after a change


_REASONS = {200: "OK", 302: "Found", 404: "Not Found", 500: "Internal Server Error"}
_POLL_RE = re.compile(r"/livereload/([0-9]+)/[0-9]+")


class ReloadServer(LiveReloadServer):
    """MkDocs' live-reload server, with MkDocs' long-polling ``/livereload/`` endpoint
    and the small script it adds to pages (which asks nothing of another host), but
    with every other answer from :meth:`answer` instead of from a folder, and files
    watched through the system's notifications (inotify) instead of polling."""

    def __init__(
        self, rebuild: Callable[[], None], host: str, port: int, root: str, build_delay: float
    ):
        require_supported_engine()
        super().__init__(builder=rebuild, host=host, port=port, root=root)
        # MkDocs declares the polling observer it makes; any of watchdog's observers does.
        self.observer = watchdog.observers.Observer()  # type: ignore[assignment]
        self.build_delay = build_delay  # quiet time after a change before the rebuild

    def answer(self, path: str) -> Answer:
        """The answer to a GET of ``path`` (decoded, without the query); called once
        a rebuild under way has finished."""
        raise NotImplementedError

    def request_rebuild(self, note: Callable[[], None] = lambda: None) -> None:
        """Rebuild once changes stop for ``build_delay``; ``note`` runs under the same
        lock as the rebuild's start, so what it records is seen by that rebuild."""
        with self._rebuild_cond:
            note()
            self._want_rebuild = True
            self._rebuild_cond.notify_all()

    def under_rebuild_lock(self, take: Callable[[], Any]) -> Any:
        """``take()`` under the lock of :meth:`request_rebuild`."""
        with self._rebuild_cond:
            return take()

    def run(self) -> None:
        """Answer requests (in a thread) and rebuild after changes (in this one) until
        :meth:`shutdown`; bind first."""
        self.serve_thread.start()
        self._build_loop()

    def _serve_request(
        self, environ: dict[str, Any], start_response: Any
    ) -> Iterable[bytes] | None:
        path = environ["PATH_INFO"].encode("latin-1").decode("utf-8", "ignore")
        if path.startswith("/livereload/"):
            if _POLL_RE.fullmatch(path):
                return super()._serve_request(environ, start_response)
            return None
        # Wait for a rebuild under way, so that no page shows the data before the change.
        with self._epoch_cond:
            self._epoch_cond.wait_for(lambda: self._visible_epoch == self._wanted_epoch)
            epoch = self._visible_epoch
        answer = self.answer(path)
        status = f"{answer.status} {_REASONS.get(answer.status, '')}".strip()
        if answer.location is not None:
            start_response(status, [("Location", answer.location)])
            return []
        content = answer.body
        if answer.reload_script:
            content = self._inject_js_into_html(content, epoch)
        start_response(
            status,
            [
                ("Content-Type", answer.content_type),
                ("Content-Length", str(len(content))),
                ("Cache-Control", "no-cache"),
            ],
        )
        return [content]
