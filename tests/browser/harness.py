"""Browser-test harness: a local static server, Chromium via Playwright, guarded pages.

The pytest fixtures built on these helpers live in conftest.py.

  serve_directory(path, prefix) -> (base_url, stop)
      serve a directory on 127.0.0.1 (ephemeral port) under a sub-path prefix
  launch_chromium(playwright.chromium, fonts_config=None)
      headless Debian Chromium (`SHORA_CHROMIUM`, default /usr/bin/chromium), with the
      system's fonts or those of a fontconfig file
  guarded_page(browser, **context_options)
      a page (kept between tests, cleared) that cannot reach any host but 127.0.0.1
      and fails the test on any Content-Security-Policy violation; see `Guard`
  axe_violations(page)
      violations of the current page by axe-core (node_modules) as plain dicts
  save_screenshot(page, name)
      PNG under tests/artifacts/screenshots/ (`SHORA_ARTIFACTS_DIR` overrides tests/artifacts)
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import json
import os
import posixpath
import re
import sys
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, BrowserType, CDPSession, Page
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

REPO = Path(__file__).resolve().parents[2]
PREFIX = "/mirror/shora/"
CHROMIUM = os.environ.get("SHORA_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--dns-prefetch-disable",
    # Containers often have a tiny /dev/shm; Debian's wrapper adds this only sometimes.
    "--disable-dev-shm-usage",
    # Nothing leaves the machine: every request to another host goes to a proxy that is
    # not there (Chromium never sends the loopback address to a proxy), and no host
    # name resolves. The guard records such requests from the browser's events rather
    # than routing them: Playwright turns the HTTP cache off in a context with a route,
    # and every page of a test would fetch its stylesheets, fonts and scripts again.
    "--proxy-server=http://127.0.0.1:9",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_HOST = "127.0.0.1"
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
DEFAULT_TIMEOUT_MS = 10_000


def artifacts_dir() -> Path:
    return Path(os.environ.get("SHORA_ARTIFACTS_DIR", REPO / "tests" / "artifacts"))


# --------------------------------------------------------------------------- server


class _PrefixedHandler(http.server.SimpleHTTPRequestHandler):
    """Serve `directory` at `prefix`; everything outside the prefix is 404."""

    prefix = PREFIX
    extensions_map = {  # noqa: RUF012 (class attribute of the stdlib handler)
        **http.server.SimpleHTTPRequestHandler.extensions_map,
        ".html": "text/html; charset=utf-8",
        ".css": "text/css; charset=utf-8",
        ".js": "text/javascript; charset=utf-8",
        ".mjs": "text/javascript; charset=utf-8",
        ".json": "application/json",
        ".svg": "image/svg+xml",
        ".woff2": "font/woff2",
        ".webmanifest": "application/manifest+json",
        ".xml": "application/xml",
    }

    def _request_path(self) -> str:
        """The URL path with dot segments resolved, as a browser would send it."""
        path = urlsplit(self.path).path
        resolved = posixpath.normpath(path)
        if path.endswith("/") and resolved != "/":
            resolved += "/"
        return resolved

    def send_head(self):
        path = self._request_path()
        if path == self.prefix.rstrip("/"):
            self.send_response(301)
            self.send_header("Location", self.prefix)
            self.send_header("Content-Length", "0")
            self.end_headers()
            return None
        if not path.startswith(self.prefix):
            self.send_error(404, "Outside the served prefix")
            return None
        return super().send_head()

    def translate_path(self, path: str) -> str:
        # Only reached for paths under the prefix (checked in send_head).
        return super().translate_path("/" + self._request_path()[len(self.prefix) :])

    def send_error(self, code, message=None, explain=None):
        # Like a static host: a missing page inside the prefix gets the site's 404.html.
        page_404 = Path(self.directory, "404.html")
        inside = self._request_path().startswith(self.prefix)
        if code == 404 and inside and self.command == "GET" and page_404.is_file():
            body = page_404.read_bytes()
            self.send_response(404, message)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)
            return
        super().send_error(code, message, explain)

    def end_headers(self):
        # As a static host serves a site's assets: a test's second page takes them from
        # the cache (emptied between tests, `_GuardedContext.reset`).
        self.send_header("Cache-Control", "max-age=600")
        super().end_headers()

    def log_message(self, format, *args):  # quiet
        pass


class _Server(http.server.ThreadingHTTPServer):
    """A browser leaving a page drops the requests it no longer needs: a client gone is
    not the site's error, and socketserver would print a traceback for it."""

    daemon_threads = True

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], ConnectionError):
            return
        super().handle_error(request, client_address)


def serve_directory(path: str | Path, prefix: str = PREFIX) -> tuple[str, Callable[[], None]]:
    """Serve `path` on 127.0.0.1 (ephemeral port) under `prefix`; return (base_url, stop)."""
    if not (prefix.startswith("/") and prefix.endswith("/")):
        raise ValueError(f"prefix must start and end with '/': {prefix!r}")
    root = Path(path).resolve()
    if not root.is_dir():
        raise FileNotFoundError(f"not a directory: {root}")
    handler = functools.partial(
        type("Handler", (_PrefixedHandler,), {"prefix": prefix}), directory=str(root)
    )
    server = _Server((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="shora-http", daemon=True)
    thread.start()
    port = server.server_address[1]

    def stop() -> None:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)

    return f"http://{LOCAL_HOST}:{port}{prefix}", stop


@contextlib.contextmanager
def served(path: str | Path, prefix: str = PREFIX) -> Iterator[str]:
    """`serve_directory` for a `with` block (or a fixture): stops the server after."""
    base_url, stop = serve_directory(path, prefix)
    try:
        yield base_url
    finally:
        stop()


def site_dir_or_fail(path: str | Path) -> Path:
    """The built site directory; fail (not skip) with instructions when it is not built."""
    site = Path(path)
    if not (site / "index.html").is_file():
        pytest.fail(
            f"No built site at {site} (index.html missing): run `make site` first "
            "(or point SHORA_SITE_DIR at a built site).",
            pytrace=False,
        )
    return site


# --------------------------------------------------------------------------- browser


def launch_chromium(chromium: BrowserType, fonts_config: Path | None = None) -> Browser:
    """Chromium with the system's fonts, or with only those a fontconfig file names."""
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: `apt-get install chromium` "
            "(or set SHORA_CHROMIUM).",
            pytrace=False,
        )
    env = None if fonts_config is None else {**os.environ, "FONTCONFIG_FILE": str(fonts_config)}
    return chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, env=env)


def is_local(url: str) -> bool:
    """True for URLs that do not use the network or that target the local server
    (file: too, so that a copy on disk can be opened in a guarded page)."""
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about", "file"):
        return True
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname == LOCAL_HOST


@dataclass
class Guard:
    """What a guarded browser context did.

    requests  every request URL, in order
    offsite   URLs of requests (and WebSockets) to any host other than 127.0.0.1;
              none reached it (CHROMIUM_ARGS), and the fixture fails the test if
              any remain
    failures  console errors, uncaught page errors, failed requests, HTTP >= 400
    cancelled requests the browser itself gave up (net::ERR_ABORTED): leaving a page
              cancels what it still had in flight, such as the icon Chromium asks
              for late. Not a failure of the site: a missing file is an HTTP 404,
              an unreachable one another net:: error, and both are failures.
    csp       what the pages' Content-Security-Policy refused (securitypolicyviolation
              events and the console's reports of them); the fixture fails the test
              if there is any: a page must not try what its own policy forbids
    """

    requests: list[str] = field(default_factory=list)
    offsite: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    cancelled: list[str] = field(default_factory=list)
    csp: list[str] = field(default_factory=list)

    def assert_no_csp_violation(self) -> None:
        if self.csp:
            listing = "\n  ".join(dict.fromkeys(self.csp))
            pytest.fail(
                f"{len(self.csp)} Content-Security-Policy violation(s):\n  {listing}",
                pytrace=False,
            )

    def assert_no_offsite(self) -> None:
        if self.offsite:
            listing = "\n  ".join(self.offsite)
            pytest.fail(
                f"{len(self.offsite)} request(s) to hosts other than {LOCAL_HOST} "
                f"(blocked):\n  {listing}",
                pytrace=False,
            )


# Reports every Content-Security-Policy violation of every page and frame to the
# Guard (a binding survives navigation) and keeps them on the page for a last look.
_CSP_LISTENER = """
window.__shoraCsp = [];
document.addEventListener("securitypolicyviolation", (e) => {
  const text = `${e.effectiveDirective} refused ${e.blockedURI || "inline"} `
    + `(${e.sourceFile || document.URL}:${e.lineNumber}) ${e.sample}`;
  window.__shoraCsp.push(text);
  if (window.__shoraCspViolation) window.__shoraCspViolation(text);
});
"""


# Matches every URL that `is_local` refuses: in Python for each request the browser
# reports, and in Playwright's driver for WebSockets (a regular expression, which the
# driver matches itself, rather than a Python predicate it would ask about each one).
# The syntax both languages read; urlsplit's reading of a host: after any user info,
# up to a port, a path, a query, a fragment or the end.
NOT_LOCAL = re.compile(
    r"^(?!(?:data|blob|about|file):"
    r"|(?:https?|wss?)://(?:[^/?#@]*@)?" + re.escape(LOCAL_HOST) + r"(?::\d*)?(?:[/?#]|$))"
)


class _GuardedContext:
    """A browser context whose listeners report to `guard`, the Guard of the test now
    using it; kept between tests with its page (see `guarded_page`)."""

    def __init__(self, browser: Browser, options: dict) -> None:
        self.context = browser.new_context(**options)
        self.context.set_default_timeout(DEFAULT_TIMEOUT_MS)
        self.guard = Guard()
        self.page: Page | None = None
        self.cdp: CDPSession | None = None
        self._attach()

    def _attach(self) -> None:
        context = self.context
        context.expose_binding(
            "__shoraCspViolation", lambda source, text: self.guard.csp.append(text)
        )
        context.add_init_script(_CSP_LISTENER)

        def on_request(request) -> None:
            self.guard.requests.append(request.url)
            if NOT_LOCAL.match(request.url):
                self.guard.offsite.append(request.url)

        def block_ws(ws) -> None:
            self.guard.offsite.append(ws.url)
            ws.close()

        def on_response(response) -> None:
            if response.status >= 400:
                self.guard.failures.append(f"HTTP {response.status}: {response.url}")

        def on_console(message) -> None:
            if message.type == "error":
                self.guard.failures.append(f"console error: {message.text} ({message.location})")
            if "Content Security Policy" in message.text:
                self.guard.csp.append(f"console: {message.text}")

        def on_request_failed(request) -> None:
            if NOT_LOCAL.match(request.url):
                # Stopped by the proxy: recorded as offsite. Refused by the page's own
                # policy, it never left the browser: the policy's guard reports it.
                # (Its request may have been reported to the test before this one.)
                if request.failure == "csp" and request.url in self.guard.offsite:
                    self.guard.offsite.remove(request.url)
                return
            if request.failure == "net::ERR_ABORTED":
                self.guard.cancelled.append(request.url)
            else:
                self.guard.failures.append(f"request failed ({request.failure}): {request.url}")

        context.route_web_socket(NOT_LOCAL, block_ws)
        context.on("request", on_request)
        context.on("response", on_response)
        context.on("requestfailed", on_request_failed)
        context.on("console", on_console)
        context.on(
            "weberror", lambda error: self.guard.failures.append(f"page error: {error.error}")
        )

    def open_page(self, guard: Guard) -> Page:
        """The kept page (blank) or a new one, reporting to `guard` from now on."""
        self.guard = guard
        if self.page is None:
            self.page = self.context.new_page()
            self.cdp = self.context.new_cdp_session(self.page)
        page = self.page
        page.__class__ = _TrackedPage
        page._shora_state = _Changed()
        page.shora = guard
        page.shora_requests = guard.requests
        page.shora_offsite = guard.offsite
        page.shora_failures = guard.failures
        return page

    def reset(self) -> bool:
        """Leave nothing of the last test for the next one: its other pages closed,
        its page blank (or closed when the test changed it), the context's storage
        (every origin's, sessionStorage too) and cookies cleared. False when the context cannot be
        kept (the test used it directly: routes, permissions, a clock... or it broke)."""
        page, cdp = self.page, self.cdp
        changed = page._shora_state if page is not None else _Changed(context=True)
        if changed.context:
            return False
        for other in self.context.pages:
            if other is not page:
                other.close()
        if page is None or page.is_closed() or cdp is None:
            return False
        if not changed.page:
            page.goto("about:blank")
            page.mouse.move(-1, -1)  # nothing hovered in the next page
        # Every origin's storage at once, the context's own (each context has its own
        # partition). Named one by one, Chromium keeps the tab's sessionStorage, which
        # some of its versions (150) then give the next test's page of that origin.
        cdp.send("Storage.clearDataForOrigin", {"origin": "", "storageTypes": "all"})
        self.context.clear_cookies()
        cdp.send("Network.clearBrowserCache")  # each test's first visit is a cold one
        if changed.page:
            page.close()
            self.page = self.cdp = None
        self.guard = Guard()  # reports between tests go nowhere
        return True


@dataclass
class _Changed:
    """What a test changed of its page (then closed after it) or of the context
    (then closed after it too), beyond what navigating away and clearing storage undo."""

    page: bool = False
    context: bool = False


class _TrackedPage(Page):
    """A Page that notes when a test changes what outlives a navigation: its
    listeners, init scripts, routes, bindings, emulation, timeouts (then the page is
    not kept), or touches its context (then neither is the context)."""

    @property
    def context(self):
        self._shora_state.context = True
        return Page.context.fget(self)

    @property
    def clock(self):
        self._shora_state.context = True
        return Page.clock.fget(self)


def _changes_page(name: str) -> Callable:
    original = getattr(Page, name)

    @functools.wraps(original)
    def method(self, *args, **kwargs):
        self._shora_state.page = True
        return original(self, *args, **kwargs)

    return method


for _name in (
    "add_init_script",
    "on",
    "once",
    "route",
    "route_from_har",
    "route_web_socket",
    "set_viewport_size",
    "emulate_media",
    "expose_binding",
    "expose_function",
    "set_extra_http_headers",
    "set_default_timeout",
    "set_default_navigation_timeout",
    "add_locator_handler",
):
    setattr(_TrackedPage, _name, _changes_page(_name))
del _name


# Kept contexts of each browser, by their options: idle ones only (a test that opens
# a second guarded page with the same options while the first is open gets another).
_KEPT: weakref.WeakKeyDictionary[Browser, dict[str, list[_GuardedContext]]] = (
    weakref.WeakKeyDictionary()
)


@contextlib.contextmanager
def guarded_page(browser: Browser, **context_options) -> Iterator[Page]:
    """A page whose requests leave 127.0.0.1 never, in a context with these options.

    The page carries `shora` (its `Guard`) and, for convenience, `shora_requests`,
    `shora_offsite` and `shora_failures` (the same lists). On exit offsite requests
    or Content-Security-Policy violations, if any, fail the test.

    A context costs the browser little, a page (a renderer process) much: both are
    kept for the next guarded page with the same options, the page blank and the
    storage and cookies cleared. A test that changes the page beyond its document
    (listeners, init scripts, routes, emulation...) gets it closed after it; one that
    touches the context (`page.context`, `page.clock`) gets that closed. (`page.request`
    shares only the cookies, cleared anyway.)
    """
    context_options.setdefault("service_workers", "block")  # keep every fetch routable
    key = json.dumps(context_options, sort_keys=True, default=repr)
    idle = _KEPT.setdefault(browser, {}).setdefault(key, [])
    kept = idle.pop() if idle else _GuardedContext(browser, context_options)
    guard = Guard()
    page = kept.open_page(guard)
    keep = False
    try:
        yield page
        with contextlib.suppress(Exception):  # a violation whose report has not arrived
            late = page.evaluate("window.__shoraCsp || []")
            guard.csp.extend(text for text in late if text not in guard.csp)
    finally:
        with contextlib.suppress(PlaywrightError):
            keep = kept.reset()
        if keep:
            idle.append(kept)
        else:
            with contextlib.suppress(PlaywrightError):
                kept.context.close()
    guard.assert_no_offsite()
    guard.assert_no_csp_violation()


# --------------------------------------------------------------------------- waiting


def _wait_for_function(
    self: Page,
    expression: str,
    *,
    arg: object = None,
    timeout: float | None = None,
    polling: float | str | None = None,
) -> object:
    """`Page.wait_for_function` for pages under a Content-Security-Policy.

    Playwright's own evaluates the expression with `eval` inside the page, which the
    site's policy (no 'unsafe-eval') refuses: the wait fails with an EvalError and
    the page reports a violation. This polls with `Page.evaluate` instead, which the
    browser runs outside the page's policy. Returns the expression's truthy value
    (not a JSHandle)."""
    limit = DEFAULT_TIMEOUT_MS if timeout is None else timeout
    deadline = time.monotonic() + limit / 1000
    interval = polling if isinstance(polling, int | float) else 50
    while True:
        try:
            value = self.evaluate(expression, arg)
        except PlaywrightError as error:  # a navigation replaced the document: retry
            if not ("context was destroyed" in str(error) or "Cannot find context" in str(error)):
                raise
            value = None
        if value:
            return value
        if limit and time.monotonic() > deadline:
            raise PlaywrightTimeoutError(
                f"Page.wait_for_function: timeout {limit:.0f} ms exceeded: {expression}"
            )
        self.wait_for_timeout(interval)


Page.wait_for_function = _wait_for_function  # type: ignore[method-assign]


# --------------------------------------------------------------------------- helpers


def start_material(page: Page) -> None:
    """Wait until Material's script has run. It starts at the reader's first key, touch
    or scroll (theme/assets/javascripts/shora.js): press a key once shora.js listens."""
    page.wait_for_function("'shoraMaterial' in window")
    page.keyboard.press("Shift")
    page.wait_for_function("document.documentElement.classList.contains('js')")


AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
AXE_VERSION = "4.14.1"  # package-lock.json's


@functools.cache
def axe_source() -> str:
    """axe-core's script from node_modules, then a value for the evaluation (the
    script itself ends in a call)."""
    if not AXE.is_file():
        pytest.fail("axe-core is missing from node_modules: run `npm ci`.", pytrace=False)
    return AXE.read_text(encoding="utf-8") + "\n;void 0"


def axe_violations(
    page: Page, context: str | None = None, options: dict | None = None
) -> list[dict]:
    """Run axe-core (node_modules, the current release) on the current page; return
    [{id, impact, help, targets}, ...]. An accessible page gives [].

    `context` (a CSS selector) and `options` are passed to `axe.run` (see the axe-core
    docs), e.g. options={"runOnly": ["wcag2a", "wcag2aa"]}. axe is evaluated through
    the DevTools protocol, which the page's Content-Security-Policy does not govern (an
    added <script> element would be refused by it, as it should).
    """
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(axe_source())
    assert page.evaluate("axe.version") == AXE_VERSION
    run_options = {"resultTypes": ["violations"], **(options or {})}
    violations = page.evaluate(
        """([context, options]) => axe.run(context || document, options)
             .then(results => results.violations)""",
        [context, run_options],
    )
    return [
        {
            "id": violation["id"],
            "impact": violation.get("impact"),
            "help": violation.get("help"),
            "targets": [
                " >> ".join(map(str, node["target"])) for node in violation.get("nodes", [])
            ],
        }
        for violation in violations
    ]


def save_screenshot(page: Page, name: str, *, full_page: bool = True) -> Path:
    """Save a PNG of `page` as tests/artifacts/screenshots/<name>.png; return its path."""
    folder = artifacts_dir() / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", name).strip("_") or "screenshot"
    path = folder / f"{safe}.png"
    page.screenshot(path=str(path), full_page=full_page)
    return path
