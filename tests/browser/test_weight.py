"""What a first visit costs a reader: bytes and layout shift.

Every kind of page in both languages, on the real site and on the demo site (the
directory and a council), opened cold in a phone-size browser from a server that
compresses as a web server does and sends the fonts late, as a slow connection would:

- the cold weight of the largest resolution page: every response's body, gzip -9
  compressed as a server would send it (fonts as they are: woff2 is compressed
  already), at most WEIGHT_BUDGET; written to tests/artifacts/page-weight.txt;
- the cumulative layout shift (the browser's own `layout-shift` entries, with the fonts
  arriving after the first paint) at most CLS_BUDGET on every kind of page, with the
  fonts of each system of FONT_SETS in turn (the first paint is in their fallback
  faces); written to tests/artifacts/layout-shift.txt.

One test a visit (each waits on the delayed fonts and scripts), spread over the xdist
workers; each adds its part to the table.
"""

from __future__ import annotations

import fcntl
import functools
import gzip
import http.server
import io
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import material
import pytest
from fontTools.ttLib import TTFont
from playwright.sync_api import Browser, Page, Route

from shora.publish import fonts
from shora.validate import validate_project

from .builds import built_once
from .harness import (
    LOCAL_HOST,
    PHONE,
    PREFIX,
    REPO,
    _PrefixedHandler,
    artifacts_dir,
    guarded_page,
    launch_chromium,
)

WEIGHT_BUDGET = 100 * 1024
CLS_BUDGET = 0.05
# Fonts and scripts arrive this long after they are asked for, as on a slow connection:
# the page is painted with the fallback font and before its scripts have run, and the
# swap to Vazirmatn and what the scripts change happen in front of the measurement.
FONT_DELAY_S = 0.6
SCRIPT_DELAY_S = 0.3
COMPRESSED = (".html", ".css", ".js", ".json", ".svg", ".xml")

REAL = validate_project(REPO).dataset
DEMO = validate_project(REPO / "examples" / "demo").dataset
LANGUAGES = {"fa": "", "en": "en/"}


def _largest_resolution(site: Path) -> str:
    pages = (site / "resolutions").glob("*/index.html")
    return max(pages, key=lambda p: p.stat().st_size).parent.name


# Every kind of page, by its path in the Persian site (the English one adds en/).
REAL_PAGES = {
    "home": "",
    "resolutions list": "resolutions/",
    "resolution": "resolutions/{largest}/",
    "parallel view": "resolutions/{largest}/parallel/",
    "platform": "platform/",
    "search": "search/",
    "about": "about/",
    "council directory (no council)": "councils/",
}
DEMO_PAGES = {
    "council directory (demo)": "councils/",
    "council (demo)": f"councils/{sorted(DEMO.councils)[0]}/",
    "country listing (demo)": "councils/country/se/",
    "federation (demo)": f"federations/{sorted(DEMO.federations)[0]}/",
}


FONTS = Path("/usr/share/fonts/truetype")


@dataclass(frozen=True)
class FontSet:
    """The fonts of a reader's system, as Debian packages them."""

    packages: str
    files: tuple[str, ...]  # under FONTS
    families: tuple[str, ...]  # what the generic families (sans-serif, system-ui...) are
    # fontconfig's hinting style: Debian's default is slight (its 10-hinting-slight.conf),
    # Android hints none. Full hinting rounds each glyph's advance to whole pixels.
    hinting: str = "hintslight"


# Each kind of page is opened with the fonts of each of these systems alone (Chromium
# given only them, by a fontconfig file of the test's): the first paint is in the
# fallback faces of fonts.css, or the browser's own fallback where none matches. So the
# result is the same on any machine that has the packages (.ci/run installs them), and
# each face of shora.publish.fonts.FALLBACKS is taken somewhere. Not here: Windows'
# and Apple's fonts (not in Debian).
FONT_SETS = {
    "Linux": FontSet(
        "fonts-dejavu-core",
        ("dejavu/DejaVuSans.ttf", "dejavu/DejaVuSans-Bold.ttf"),
        ("DejaVu Sans",),
    ),
    "Linux with Arial's twin": FontSet(
        "fonts-liberation fonts-dejavu-core",
        (
            "liberation/LiberationSans-Regular.ttf",
            "liberation/LiberationSans-Bold.ttf",
            "dejavu/DejaVuSans.ttf",
            "dejavu/DejaVuSans-Bold.ttf",
        ),
        ("Liberation Sans", "DejaVu Sans"),
    ),
    "Android": FontSet(
        "fonts-roboto-unhinted fonts-noto-ui-core",
        (
            "roboto/unhinted/RobotoTTF/Roboto-Regular.ttf",
            "roboto/unhinted/RobotoTTF/Roboto-Bold.ttf",
            "noto/NotoNaskhArabicUI-Regular.ttf",
            "noto/NotoNaskhArabicUI-Bold.ttf",
        ),
        ("Roboto", "Noto Naskh Arabic UI"),
        hinting="hintnone",
    ),
}
GENERIC_FAMILIES = ("sans-serif", "serif", "monospace", "system-ui")


def _fonts_config(folder: Path, font_set: FontSet) -> str:
    prefer = "".join(f"<family>{family}</family>" for family in font_set.families)
    aliases = "".join(
        f'<alias binding="same"><family>{generic}</family><prefer>{prefer}</prefer></alias>'
        for generic in GENERIC_FAMILIES
    )
    hinted = "false" if font_set.hinting == "hintnone" else "true"
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">\n'
        f"<fontconfig><dir>{folder}</dir><cachedir>{folder / 'cache'}</cachedir>{aliases}"
        '<match target="font"><edit name="antialias" mode="assign"><bool>true</bool></edit>'
        f'<edit name="hinting" mode="assign"><bool>{hinted}</bool></edit>'
        f'<edit name="hintstyle" mode="assign"><const>{font_set.hinting}</const></edit>'
        "</match></fontconfig>\n"
    )


@pytest.fixture(scope="session")
def browser_with_fonts(
    browser: Browser, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Callable[[str], Browser]]:
    """``browser_with_fonts(name)``: a Chromium that has only the fonts of
    FONT_SETS[name], launched on first use (the test is skipped where they are not
    installed)."""
    launched: dict[str, Browser] = {}

    def with_fonts(name: str) -> Browser:
        if name not in launched:
            font_set = FONT_SETS[name]
            if not _installed(font_set):
                pytest.skip(f"{name}'s fonts not installed: apt-get install {font_set.packages}")
            folder = tmp_path_factory.mktemp("fonts")
            for file in font_set.files:
                (folder / Path(file).name).symlink_to(FONTS / file)
            config = folder / "fonts.conf"
            config.write_text(_fonts_config(folder, font_set), encoding="utf-8")
            launched[name] = launch_chromium(browser.browser_type, config)
        return launched[name]

    yield with_fonts
    for launched_browser in launched.values():
        launched_browser.close()


def _installed(font_set: FontSet) -> bool:
    return all((FONTS / file).is_file() for file in font_set.files)


def test_each_set_of_fonts_is_all_the_browser_has(
    browser_with_fonts: Callable[[str], Browser],
) -> None:
    """The families a page asks for resolve to the set's fonts: Arial's twin draws
    the Latin over DejaVu Sans, Android's fonts both scripts; no other font on the
    machine takes their place."""
    widths = {}
    for name in FONT_SETS:
        with guarded_page(browser_with_fonts(name)) as page:
            page.set_content(
                "<p style='font: 40px sans-serif'><span>Shora councils</span> "
                "<span>شوراهای محلی</span></p>"
            )
            widths[name] = page.eval_on_selector_all(
                "span", "spans => spans.map(s => s.getBoundingClientRect().width)"
            )
    linux, arial, android = (widths[name] for name in FONT_SETS)
    assert arial[0] != linux[0]
    assert android[0] not in (linux[0], arial[0]) and android[1] != linux[1]


def test_every_fallback_face_is_taken_on_one_of_the_systems() -> None:
    """Each face of fonts.FALLBACKS names (in ``local()``) a font of one of FONT_SETS,
    so the layout shift is measured with it."""
    if not all(_installed(font_set) for font_set in FONT_SETS.values()):
        pytest.skip("the fonts of FONT_SETS are not all installed")
    answers = set()  # the names the sets' fonts answer to: full and PostScript
    for font_set in FONT_SETS.values():
        for file in font_set.files:
            table = TTFont(FONTS / file)["name"]
            answers |= {table.getDebugName(4), table.getDebugName(6)}
    for _, local, _ in fonts.FALLBACKS:
        assert set(local) & answers, local


class _Handler(_PrefixedHandler):
    """The test server's handler, compressing text with gzip (as a web server does) and
    holding the fonts and scripts back (FONT_DELAY_S, SCRIPT_DELAY_S)."""

    def send_head(self):
        path = self._request_path()
        if path.endswith(".woff2"):
            time.sleep(FONT_DELAY_S)
        elif path.endswith(".js"):
            time.sleep(SCRIPT_DELAY_S)
        if not path.endswith(COMPRESSED) and not path.endswith("/"):
            return super().send_head()
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        local = Path(self.translate_path(self.path))
        if local.is_dir():
            local = local / "index.html"
        if not local.is_file() or not path.startswith(self.prefix):
            return super().send_head()
        body = gzip.compress(local.read_bytes(), 6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(local)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def _serve(site: Path) -> tuple[str, http.server.ThreadingHTTPServer]:
    handler = functools.partial(_Handler, directory=str(site.resolve()))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{LOCAL_HOST}:{server.server_address[1]}{PREFIX}", server


@pytest.fixture(scope="module")
def real_site() -> Iterator[tuple[str, Path]]:
    import os

    site = Path(os.environ.get("SHORA_SITE_DIR", REPO / "site"))
    base, server = _serve(site)
    yield base, site
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def demo(demo_dir: Path) -> Iterator[tuple[str, Path]]:
    base, server = _serve(demo_dir)
    yield base, demo_dir
    server.shutdown()
    server.server_close()


# Sums the layout shifts the browser reports, as Lighthouse and the Web Vitals do
# (shifts right after an input excluded): the browser keeps a page's entries from its
# start (a buffered observer gets them), so nothing is installed before the page runs.
LAYOUT_SHIFTS = """
() => new Promise(resolve => {
  const name = node => !node ? '?' : node.nodeName + (node.id ? '#' + node.id : '')
    + (typeof node.className === 'string' && node.className ? '.' + node.className.trim()
      .split(/\\s+/).join('.') : '');
  const shifts = [];
  new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      shifts.push({value: entry.value, nodes: entry.sources.map(s => name(s.node))});
    }
  }).observe({type: 'layout-shift', buffered: true});
  // The buffered entries arrive in the observer's first task; none may come.
  setTimeout(() => resolve(shifts), 50);
})
"""


def _visit(
    browser: Browser, url: str, weigh: bool = True
) -> tuple[dict[str, int], float, list[dict]]:
    """Open ``url`` cold on a phone: the bytes of each response (gzip -9 for what a
    server compresses; none unless ``weigh``) and the layout shift until the fonts are
    in and the page still."""
    sizes: dict[str, int] = {}

    def on_response(response) -> None:
        body = response.body()
        size = len(body)
        if response.url.split("?")[0].endswith(COMPRESSED) or response.url.endswith("/"):
            size = len(gzip.compress(body, 9, mtime=0))
        sizes[response.url] = size

    with guarded_page(browser, **PHONE) as page:
        if weigh:  # a listener: the page is not kept for the next test
            page.on("response", on_response)
        response = page.goto(url, wait_until="load")
        assert response is not None and response.status == 200, url
        page.evaluate("document.fonts.ready.then(() => true)")
        page.wait_for_timeout(300)
        shifts = page.evaluate(LAYOUT_SHIFTS)
        assert page.shora.failures == [], page.shora.failures
    return sizes, sum(s["value"] for s in shifts), shifts


def _kinds(real: tuple[str, Path], demo: tuple[str, Path]) -> Iterator[tuple[str, str, str]]:
    base, site = real
    largest = _largest_resolution(site)
    for language, prefix in LANGUAGES.items():
        for kind, path in REAL_PAGES.items():
            yield kind, language, base + prefix + path.format(largest=largest)
        for kind, path in DEMO_PAGES.items():
            yield kind, language, demo[0] + prefix + path


# The kinds of page whose text is all in their own language's script but for the
# language switch's word: they load no file of the other script's letters (the switch's
# word has a family of its own).
ONE_SCRIPT_KINDS = [
    "home",
    "resolutions list",
    "platform",
    "search",
    "council directory (no council)",
]
OTHER_SCRIPT_FILE = {"fa": "/vazirmatn-latin.", "en": "/vazirmatn-arabic."}
# Every kind of page in each language, in the order of _kinds and of the table.
KINDS = [(kind, language) for language in LANGUAGES for kind in (*REAL_PAGES, *DEMO_PAGES)]
TABLE_HEAD = [
    "| page | language | cold visit (bytes, gzip -9) | of which fonts | "
    + " | ".join(f"layout shift, {name}" for name in FONT_SETS)
    + " |",
    "|---|---|---|---|" + "---|" * len(FONT_SETS),
]


@pytest.fixture(scope="session")
def shift_rows(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The folder where each visit leaves its part of the table, one for the whole run
    (its tests are spread over the xdist workers)."""
    return built_once(tmp_path_factory, "shora-layout-shift-rows", lambda folder: None)


def _write_table(rows: Path) -> str:
    """tests/artifacts/layout-shift.txt, of the visits made so far in this run."""
    with open(rows / "table.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        lines = list(TABLE_HEAD)
        for number, (kind, language) in enumerate(KINDS):
            visits = [rows / f"{number:02d}-{index}.visit" for index in range(len(FONT_SETS))]
            # Each visit's "bytes fonts shift" ("- -" for the bytes of one not weighed).
            parts = [v.read_text(encoding="utf-8").split() if v.is_file() else None for v in visits]
            if not any(parts):
                continue
            weighed = [found for found in parts if found and found[0] != "-"] or [["-", "-"]]
            total, fonts_total = weighed[0][:2]
            shifts = [found[2] if found else "-" for found in parts]
            lines.append(
                f"| {kind} | {language} | {total} | {fonts_total} | {' | '.join(shifts)} |"
            )
        table = "\n".join(lines)
        folder = artifacts_dir()
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "layout-shift.txt").write_text(table + "\n", encoding="utf-8")
    return table


@pytest.mark.parametrize("font_set", FONT_SETS)
@pytest.mark.parametrize(("kind", "language"), KINDS)
def test_cold_weight_and_layout_shift_of_every_kind_of_page(
    browser_with_fonts: Callable[[str], Browser],
    real_site: tuple[str, Path],
    demo: tuple[str, Path],
    shift_rows: Path,
    kind: str,
    language: str,
    font_set: str,
) -> None:
    """One visit a test, so that the workers share them; each adds its part to the table.
    The bytes are the same whatever the fonts: weighed with the first set only."""
    urls = {(k, lang): url for k, lang, url in _kinds(real_site, demo)}
    weigh = font_set == next(iter(FONT_SETS))
    sizes, shift, shifts = _visit(browser_with_fonts(font_set), urls[kind, language], weigh)
    total = sum(sizes.values())
    fonts_total = sum(size for u, size in sizes.items() if u.endswith(".woff2"))
    visit = (
        shift_rows / f"{KINDS.index((kind, language)):02d}-{list(FONT_SETS).index(font_set)}.visit"
    )
    weight = f"{total:,} {fonts_total:,}" if weigh else "- -"
    visit.write_text(f"{weight} {shift:.3f}", encoding="utf-8")
    table = _write_table(shift_rows)
    print(kind, language, font_set, weight, f"{shift:.3f}")
    if weigh and kind == "resolution" and language == "fa":
        detail = [f"{size:>8} {u.split(PREFIX, 1)[-1]}" for u, size in sorted(sizes.items())]
        page_weight = "\n".join([*detail, f"{total:>8} total (gzip -9 bytes)"]) + "\n"
        (artifacts_dir() / "page-weight.txt").write_text(page_weight, encoding="utf-8")
    if weigh and kind == "resolution":  # the largest resolution page, in each language
        assert total <= WEIGHT_BUDGET, table
    if weigh and kind in ONE_SCRIPT_KINDS:
        other = [u for u in sizes if OTHER_SCRIPT_FILE[language] in u]
        assert other == [], (kind, language, other)
    assert shift <= CLS_BUDGET, (kind, language, font_set, round(shift, 3), shifts)


def _tools_and_first_list(page: Page) -> list[float]:
    """Where the filter's fields and the first year's list stand on the page."""
    return page.evaluate(
        "() => [...document.querySelectorAll('.shora-filter label, .shora-year')]"
        ".slice(0, 6).map(e => { const r = e.getBoundingClientRect();"
        " return [r.top + scrollY, r.left, r.width]; }).flat()"
    )


@pytest.mark.parametrize("font_set", FONT_SETS)
@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_filter_takes_its_room_before_its_script_and_fonts_arrive(
    browser_with_fonts: Callable[[str], Browser],
    real_site: tuple[str, Path],
    language: str,
    font_set: str,
) -> None:
    """On a slow phone the page is painted before the deferred script shows the filter
    and fills its count, and before Vazirmatn arrives: neither may move the fields or
    the list (the filter's columns come from the page's width, not from its options'
    text; its count keeps its line)."""
    url = real_site[0] + LANGUAGES[language] + REAL_PAGES["resolutions list"]
    browser = browser_with_fonts(font_set)
    with guarded_page(browser, **PHONE) as page:
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        final = _tools_and_first_list(page)
        assert page.locator(".shora-filter__count").inner_text().strip()  # the script ran
    for slow in ("**/*.js", "**/*.woff2"):
        with guarded_page(browser, **PHONE) as page:
            page.route(slow, lambda route: route.abort())
            page.goto(url, wait_until="load")
            assert _tools_and_first_list(page) == pytest.approx(final, abs=1), slow
            page.shora.failures.clear()  # the requests refused on purpose


# ---------------------------------------------------------------- what the cuts keep

MATERIAL_CSS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

# The computed style of every element outside the maps' drawings (and of its ::before
# and ::after when they are drawn), each as its name and a hash of its properties: the
# whole of it would be megabytes. Custom properties are left out: they are set by rules
# without classes, which the cut keeps, and what they change shows in the others.
COMPUTED_STYLES = """
() => {
  const hash = text => {
    let h = 2166136261;
    for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
    return (h >>> 0).toString(16);
  };
  const out = [];
  for (const node of document.querySelectorAll('body *')) {
    if (node.closest('svg')) continue;
    for (const pseudo of [null, '::before', '::after']) {
      const style = getComputedStyle(node, pseudo);
      if (pseudo && style.content === 'none') continue;
      const values = [];
      for (let i = 0; i < style.length; i++) {
        const name = style[i];
        if (!name.startsWith('--')) values.push(name + ':' + style.getPropertyValue(name));
      }
      out.push(node.tagName + '.' + node.className + (pseudo || '') + ' ' + hash(values.join(';')));
    }
  }
  return out;
}
"""


def _fulfil_with(path: Path) -> Callable[[Route], None]:
    return lambda route: route.fulfill(path=path)


def _styles(browser: Browser, url: str, whole: bool, **context) -> list[str]:
    with guarded_page(browser, **context) as page:
        if whole:
            # Material's own stylesheets, as the theme ships them, instead of the cut ones.
            for name in ("main", "palette"):
                (original,) = MATERIAL_CSS.glob(f"{name}.*.min.css")
                page.route(f"**/{original.name}", _fulfil_with(original))
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        # Material's script has run (on the reader's first key, theme/assets/javascripts/
        # shora.js) and its header has settled (its shadow follows the scroll position,
        # measured after layout).
        page.keyboard.press("Shift")
        page.wait_for_function("document.documentElement.classList.contains('js')")
        page.wait_for_timeout(500)
        return page.evaluate(COMPUTED_STYLES)


# The pages compared, and in which colour scheme (a phone in the light one, a desktop
# in the dark one): every template of Material's the site uses shows on these.
STYLED = [
    ("home", "fa", "light"),
    ("resolution", "fa", "light"),
    ("resolution", "en", "light"),
    ("resolutions list", "fa", "light"),
    ("search", "fa", "light"),
    ("council directory (demo)", "fa", "light"),
    ("council (demo)", "fa", "light"),
    ("home", "en", "dark"),
    ("resolution", "fa", "dark"),
    ("council directory (demo)", "en", "dark"),
]


@pytest.mark.parametrize(("kind", "language", "scheme"), STYLED)
def test_cut_stylesheets_style_every_element_as_the_whole_ones(
    browser: Browser,
    real_site: tuple[str, Path],
    demo: tuple[str, Path],
    kind: str,
    language: str,
    scheme: str,
) -> None:
    """Material's stylesheets cut to the site's classes (shora.publish.stylesheets) give
    every element the same computed style as the whole ones, in both colour schemes."""
    urls = {(k, lang): url for k, lang, url in _kinds(real_site, demo)}
    url = urls[kind, language]
    context = {**(PHONE if scheme == "light" else {}), "color_scheme": scheme}
    cut, whole = _styles(browser, url, False, **context), _styles(browser, url, True, **context)
    assert len(cut) == len(whole), url
    changed = [a.rsplit(" ", 1)[0] for a, b in zip(cut, whole, strict=True) if a != b]
    assert changed[:5] == [], url


def _scheme(page: Page) -> str | None:
    return page.evaluate("document.body.getAttribute('data-md-color-scheme')")


def _material_ran(page: Page) -> bool:
    return page.evaluate("document.documentElement.classList.contains('js')")


def test_theme_features_work_on_a_phone(browser: Browser, real_site: tuple[str, Path]) -> None:
    """With the scripts deferred and the stylesheets cut: the drawer opens, the palette
    toggles and is remembered, back to top shows, the header's search box searches.
    Material's script waits for the reader's first touch (shora.js): each of these
    works from that very tap, the palette's switch shown before it."""
    base, _ = real_site
    with guarded_page(browser, **PHONE) as page:
        page.goto(base + "resolutions/", wait_until="load")
        page.wait_for_timeout(SCRIPT_DELAY_S * 1000 + 300)
        assert not _material_ran(page)  # nothing asked for it yet

        # The palette's switch, tapped first: the bundle starts then and takes the choice.
        assert _scheme(page) == "default"
        page.locator("form[data-md-component=palette] label:visible").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
        assert _material_ran(page)
        assert page.locator("form[data-md-component=palette] label:visible").count() == 1
        page.reload(wait_until="load")  # remembered: the bundle runs at once to show it
        page.wait_for_function("document.documentElement.classList.contains('js')")
        assert _scheme(page) == "slate"
        page.locator("form[data-md-component=palette] label:visible").click()
        page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'default'")

        # The drawer, tapped first on a fresh page.
        page.goto(base + "resolutions/", wait_until="load")
        assert not _material_ran(page)
        drawer = page.locator(".md-sidebar--primary")
        # Whether any of the drawer is in the phone's width (390 px); it slides in and
        # out, so the tests wait for it rather than for a time.
        drawer_shown = (
            "() => { const box = document.querySelector('.md-sidebar--primary')"
            ".getBoundingClientRect(); return box.x < 390 && box.x + box.width > 0 }"
        )

        assert not page.evaluate(drawer_shown)
        page.locator("label.md-header__button[for=__drawer]").click()
        page.wait_for_function(drawer_shown)
        assert drawer.locator(".md-nav__link").first.is_visible()
        page.locator("label.md-overlay").click(position={"x": 5, "y": 400})  # drawer: right
        page.wait_for_function(f"() => !({drawer_shown})()")

        # Back to top, with the first scroll on a fresh page.
        page.goto(base + "resolutions/", wait_until="load")
        assert not _material_ran(page)
        page.mouse.wheel(0, 3000)
        page.wait_for_function("document.documentElement.classList.contains('js')")
        page.wait_for_timeout(300)
        page.mouse.wheel(0, -400)  # scrolling back up shows "back to top"
        page.locator("[data-md-component=top]").wait_for(state="visible")

        # On a phone the header's box is its button alone: it opens the search page.
        page.goto(base, wait_until="load")
        page.locator(".shora-search-box__button").click()
        page.wait_for_url("**/search/?q=")
        page.locator(".shora-search input[name=q]").fill("حزب")
        page.keyboard.press("Enter")
        page.wait_for_url("**/search/?q=*%*")
        assert page.shora.failures == []


def test_material_runs_at_once_for_a_scheme_it_must_show(
    browser: Browser, real_site: tuple[str, Path]
) -> None:
    """The system's dark scheme is shown without the reader asking (Material's script
    runs at once), from a server and from a copy on disk; the light one waits."""
    base, site = real_site
    for url in (base + "resolutions/", (site / "resolutions" / "index.html").as_uri()):
        with guarded_page(browser, color_scheme="dark") as page:
            page.goto(url, wait_until="load")
            page.wait_for_function("document.body.getAttribute('data-md-color-scheme') === 'slate'")
            assert _material_ran(page)
            assert page.locator("form[data-md-component=palette] label:visible").count() == 1
        with guarded_page(browser, color_scheme="light") as page:
            page.goto(url, wait_until="load")
            page.wait_for_timeout(SCRIPT_DELAY_S * 1000 + 300)
            assert not _material_ran(page) and _scheme(page) == "default"
            page.keyboard.press("Tab")  # a key: the bundle runs
            page.wait_for_function("document.documentElement.classList.contains('js')")
            assert _scheme(page) == "default"
            assert page.shora.failures == []
