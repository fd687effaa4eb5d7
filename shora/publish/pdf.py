"""A PDF of every resolution in each language, for forwarding and printing.

    resolutions/<id>/<id>.fa.pdf        beside the Persian page
    en/resolutions/<id>/<id>.en.pdf     beside the English page

Made from a print template of its own (``templates/print/resolution.html`` and its
stylesheet; the theme's page layout does not paginate) by WeasyPrint, with the site's
font, Vazirmatn, in the font project's static files (``shora/data/vazirmatn-print``),
of which WeasyPrint embeds only the glyphs used. WeasyPrint was
chosen on evidence: its text layer reads back as the text (pypdf gets every paragraph;
Chromium's print of the same HTML stores presentation forms in visual order), and it
needs nothing beyond a Python package and Debian's Pango, and HarfBuzz's subsetter to
cut the font (without it WeasyPrint cuts with fontTools, slower: :func:`font_cutter`).

The page links its PDF with its size, so the PDFs are made when the first resolution
page of a language is rendered (:func:`download`), all of that language at once, in
worker processes; the build writes them into the site afterwards (:func:`write`).
A PDF is kept in the user's cache folder under a hash of everything it is made from
(its HTML, the stylesheet, the fonts, WeasyPrint's version, the font cutter), so an
unchanged resolution is not laid out again. The bytes are reproducible: the document's
dates are ``SOURCE_DATE_EPOCH`` (see :func:`shora.publish.common.build_epoch`), its
identifier is derived from the resolution and the language.
"""

from __future__ import annotations

import atexit
import ctypes
import ctypes.util
import hashlib
import logging
import multiprocessing
import os
import re
import sys
import tempfile
from collections.abc import Iterable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

from shora.core.language import language_of, localize_digits, other_language
from shora.core.messages import Message, msg
from shora.load import cache as file_cache
from shora.load.dataset import Dataset, Entry
from shora.models.resolution import Resolution
from shora.publish import pdf_text
from shora.publish.common import build_epoch, epoch_datetime, language_dir, stable_id
from shora.site.pages import SiteRenderer
from shora.site.routes import LANGUAGES, global_url, pdf_name, pdf_url, resolution_url

TEMPLATE = "print/resolution.html"
STYLESHEET = "print/resolution.css"
# The print font, one file a weight (scripts/fetch-vendor).
PRINT_FONTS = {
    weight: Path(__file__).resolve().parents[1] / "data" / "vazirmatn-print" / name
    for weight, name in ((400, "Vazirmatn-Regular.ttf"), (700, "Vazirmatn-Bold.ttf"))
}
SITE_URL_VARIABLE = "SHORA_SITE_URL"
# Below this many PDFs to make, worker processes cost more than they save.
POOL_THRESHOLD = 4
_LIBRARIES = ("weasyprint", "pydyf", "fonttools", "tinycss2", "cssselect2")
# HarfBuzz's subsetter, by the names WeasyPrint 70 opens it by (text/ffi.py), the bare
# name looked up as the linker would.
_SUBSETTER_FILES = (
    "libharfbuzz-subset.so.0",
    "libharfbuzz-subset.0.dylib",
    "libharfbuzz-subset-0.dll",
    "harfbuzz-subset",
)
# What WeasyPrint logs for each font of each PDF it cuts with fontTools: said once a
# build instead (cutter_warning).
_FONTTOOLS_NOTICE = "Using fontTools instead of HarfBuzz-Subset"


@cache
def font_cutter() -> str:
    """What WeasyPrint cuts the print font to each PDF's glyphs with: ``"harfbuzz"``,
    HarfBuzz's subsetter (4.1 or later) where the system has it, which later WeasyPrint
    versions require; else ``"fonttools"``, with which the PDFs take about half as
    long again to make and differ in their bytes. Found as WeasyPrint finds it, without
    loading WeasyPrint (see _lay_out)."""
    for name in _SUBSETTER_FILES:
        path = name if "." in name else ctypes.util.find_library(name)
        if path is None:
            continue
        try:
            # (The subsetter's own dependency, HarfBuzz, answers for the version.)
            return "harfbuzz" if ctypes.CDLL(path).hb_version_atleast(4, 1, 0) else "fonttools"
        except (OSError, AttributeError):
            continue
    return "fonttools"


def cutter_warning(dataset: Dataset) -> Message | None:
    """What a build of ``dataset`` says once when it has PDFs to make and their fonts
    will be cut with fontTools."""
    if not dataset.resolutions or font_cutter() == "harfbuzz":
        return None
    return msg(
        "HarfBuzz's font subsetter is not installed (Debian: apt-get install "
        "libharfbuzz-subset0): the PDFs' fonts are cut with fontTools instead, and the "
        "PDFs take about half as long again to make"
    )


def page_address(resolution_id: str, language: str) -> str:
    """The address of the resolution's page printed in its PDF: absolute under the
    site's address when ``SHORA_SITE_URL`` gives one, else relative to the site's root
    (the site works from any address, so no other one can be printed)."""
    path = global_url(resolution_url(resolution_id), language)
    base = os.environ.get(SITE_URL_VARIABLE, "").strip()
    return urljoin(base.rstrip("/") + "/", path) if base else path


@dataclass(frozen=True)
class Download:
    """A PDF as its page links it: ``href`` relative to the page, its size in bytes."""

    href: str
    size: int

    def kilobytes(self, language: str) -> str:
        return localize_digits(str(max(1, round(self.size / 1024))), language)


@dataclass(frozen=True)
class _Job:
    key: str
    html: str
    identifier: bytes


# (language, resolution id) -> the PDF's file in the store, for the build to copy.
_made: dict[tuple[str, str], Path] = {}
# Renderers whose language has been made, by id(): a page render asks once per page.
_prepared: dict[int, Any] = {}
# How many processes may lay out this process's PDFs (None: one a core); see share_cores.
_cores: list[int | None] = [None]
# Whether this process makes the other language's PDFs once its own are made.
_helping: list[bool] = [False]


def share_cores(cores: int, helping: bool = False) -> None:
    """Lay out this process's PDFs in ``cores`` processes at most, this one included.

    ``shora build`` renders the two languages in two processes at once, each making its
    PDFs: on two cores each makes its own, without a pool. A pool of one a core in each
    would run four layouts on two cores, and every forked worker copies the memory pages
    of the data it touches (the largest cost of memory of a cold build).

    With ``helping`` (the other language renders at the same time, in a process of its
    own), once this process has made its own language's PDFs it makes the other's, from
    the last towards the first, until it meets one already made, while that process
    makes them from the first and passes over those it finds made. The two languages'
    PDFs do not take the same time (WeasyPrint breaks each right-to-left line twice:
    a Persian PDF takes about a tenth longer), and so the process that would have
    ended first takes a share of the other's. Only where the two share the store (the
    user's cache folder); a PDF both happen to make at once is the same bytes."""
    _cores[0] = max(1, cores)
    _helping[0] = helping


def download(renderer: SiteRenderer, entry: Entry[Resolution]) -> Download:
    """The PDF of ``entry`` in the renderer's language, made (with every other
    resolution's of that language) on the first call."""
    language = renderer.language
    if _prepared.get(id(renderer)) is not renderer:
        make_all(renderer)
        _prepared.clear()
        _prepared[id(renderer)] = renderer
    path = _made.get((language, entry.id))
    if path is None:  # a resolution added since: made alone
        make_all(renderer, [entry])
        path = _made[(language, entry.id)]
    return Download(pdf_name(entry.id, language), path.stat().st_size)


def make_all(renderer: SiteRenderer, entries: Iterable[Entry[Resolution]] | None = None) -> None:
    """Make the PDFs of ``entries`` (every resolution by default) in the renderer's
    language: from the store when there, else laid out, in worker processes when many."""
    language = renderer.language
    chosen = list(renderer.resolutions if entries is None else entries)
    jobs = {entry.id: _job(renderer, entry) for entry in chosen}
    store = _store()
    missing = [job for job in jobs.values() if not (store / f"{job.key}.pdf").is_file()]
    fonts = _font_faces()
    # With none of its own to make (a warm build), the other language's are most likely
    # made too: not looked for, which costs a renderer and a print page.
    if missing and entries is None and _shares_work(store):
        for job in missing:
            path = store / f"{job.key}.pdf"
            if not path.is_file():  # else made since by the other language's process
                _save(path, _pdf(job.html, job.identifier, fonts))
        _make_the_other_languages(renderer, store, fonts)
    else:
        for job, pdf in zip(missing, _lay_out(missing, fonts), strict=True):
            _save(store / f"{job.key}.pdf", pdf)
    for resolution_id, job in jobs.items():
        _made[(language, resolution_id)] = store / f"{job.key}.pdf"
        file_cache.used(store / f"{job.key}.pdf")


def _shares_work(store: Path) -> bool:
    """Whether this process makes its PDFs one by one, sharing the other language's
    (see :func:`share_cores`): a store both processes see, no pool."""
    return _helping[0] and _cores[0] == 1 and store == file_cache.made_folder("pdf")


def _make_the_other_languages(renderer: SiteRenderer, store: Path, fonts: str) -> None:
    """The other language's PDFs, from the last, until one is found made."""
    other = SiteRenderer(renderer.dataset, other_language(renderer.language))
    for entry in reversed(other.resolutions):
        job = _job(other, entry)
        path = store / f"{job.key}.pdf"
        if path.is_file():
            return
        _save(path, _pdf(job.html, job.identifier, fonts))


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    """Copy every resolution's PDF, in both languages, beside its page."""
    written: list[Path] = []
    renderers: dict[str, SiteRenderer] = {}
    for language in LANGUAGES:
        for entry in dataset.resolutions.values():
            source = _made.get((language, entry.id))
            if source is None or not source.is_file():
                if language not in renderers:
                    renderers[language] = SiteRenderer(dataset, language)
                make_all(renderers[language], [entry])
                source = _made[(language, entry.id)]
            target = language_dir(site_dir, language) / pdf_url(entry.id, language)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(source.read_bytes())
            written.append(target)
    return written


# ------------------------------------------------------------------ making one PDF


@dataclass(frozen=True)
class _Head:
    """What the print template needs beyond the page's own values."""

    created: str  # ISO 8601, from SOURCE_DATE_EPOCH
    address: str


def _job(renderer: SiteRenderer, entry: Entry[Resolution]) -> _Job:
    language = renderer.language
    created = epoch_datetime(build_epoch(renderer.dataset)).strftime("%Y-%m-%dT%H:%M:%SZ")
    head = _Head(created=created, address=page_address(entry.id, language))
    # The same values as the resolution's page: the same notices, labels and dates.
    values = renderer._resolution_values(entry)
    html = _without_plain_spans(
        renderer.template(TEMPLATE, resolution_url(entry.id), pdf=head, **values)
    )
    # The first half of a PDF's ID is the document's permanent identifier.
    identifier = stable_id("pdf", language, entry.id).removeprefix("urn:uuid:").encode()
    hasher = hashlib.blake2b(digest_size=20)
    for part in (_fingerprint(), identifier, html.encode()):
        hasher.update(len(part).to_bytes(8, "big"))
        hasher.update(part)
    return _Job(hasher.hexdigest(), html, identifier)


# A clause's words as the site wraps them (``_clause.html``), in no language of their
# own: a span the print styles nothing with. WeasyPrint splits, line by line, every
# inline box a paragraph's lines pass through (this one cost a sixth of a PDF's
# time), so the print goes without it. Inside it only the leaf spans of a misprint
# (``shora-sic``, ``shora-sic-mark``); a span of any other shape is left as it is.
_PLAIN_WORDS = re.compile(
    r'<span class="shora-clause-text">((?:[^<]+|<span [^<>]*>[^<]*</span>)*)</span>'
)


def _without_plain_spans(html: str) -> str:
    return _PLAIN_WORDS.sub(r"\1", html)


@cache
def _fingerprint() -> bytes:
    """Everything besides the HTML a PDF is made from."""
    hasher = hashlib.blake2b(digest_size=20)
    for module in (__file__, pdf_text.__file__):  # how a PDF is made
        hasher.update(Path(module).read_bytes())
    hasher.update(_stylesheet().encode())
    for library in _LIBRARIES:
        hasher.update(f"{library}={metadata.version(library)}".encode())
    hasher.update(f"cutter={font_cutter()}".encode())
    for weight, path in PRINT_FONTS.items():
        hasher.update(f"{weight}:{path.name}".encode())
        hasher.update(path.read_bytes())
    return hasher.digest()


def _font_faces() -> str:
    """@font-face rules of the print font.

    The site's pages take Vazirmatn as two variable files split by script (Arabic,
    Latin), which WeasyPrint would embed as two fonts: a Persian line would change
    font at every space and full stop, and text extraction (pypdf) restarts its
    right-to-left run at each change, printing the pieces of a line in the wrong
    order. The font project's static files hold both scripts in one font a weight,
    so a line keeps one font."""
    return "".join(
        f'@font-face {{ font-family: "Vazirmatn print"; font-weight: {weight}; '
        f'src: url("{path.as_uri()}"); }}\n'
        for weight, path in PRINT_FONTS.items()
    )


@cache
def _stylesheet() -> str:
    return (resources.files("shora.site") / "templates" / STYLESHEET).read_text(encoding="utf-8")


def _lay_out(jobs: list[_Job], fonts: str) -> list[bytes]:
    workers = min(len(jobs), _cores[0] or os.cpu_count() or 1)
    if len(jobs) < POOL_THRESHOLD or workers == 1:
        return [_pdf(job.html, job.identifier, fonts) for job in jobs]
    # Forked while this process has not loaded WeasyPrint (Pango and fontconfig are
    # not safe to fork once in use); spawned otherwise, which starts from nothing but
    # imports the program's main module again (a script calling the build needs the
    # usual ``if __name__ == "__main__"``).
    fresh = "weasyprint" not in sys.modules and "fork" in multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("fork" if fresh else "spawn")
    with ProcessPoolExecutor(workers, mp_context=context) as pool:
        chunk = max(1, len(jobs) // (workers * 4))
        htmls = [job.html for job in jobs]
        identifiers = [job.identifier for job in jobs]
        return list(pool.map(_pdf, htmls, identifiers, [fonts] * len(jobs), chunksize=chunk))


def _pdf(html: str, identifier: bytes, fonts: str) -> bytes:
    """Lay out one print page with WeasyPrint (also run in worker processes)."""
    from weasyprint import HTML

    configuration, stylesheets = _print_styles(fonts)
    document = HTML(string=html).render(stylesheets=stylesheets, font_config=configuration)
    rtl = language_of(document.metadata.lang).rtl
    pdf: bytes = document.write_pdf(
        pdf_identifier=identifier,
        finisher=_right_to_left if rtl else pdf_text.separate_ligatures,
    )
    return pdf


@cache
def _print_styles(fonts: str) -> tuple[Any, list[Any]]:
    """The font configuration and stylesheets, made once per process: setting up the
    fonts is a good part of a short document's time."""
    from weasyprint import CSS
    from weasyprint.text.fonts import FontConfiguration

    logging.getLogger("weasyprint").addFilter(_without_fonttools_notice)
    configuration = FontConfiguration()
    stylesheets = [
        CSS(string=fonts, font_config=configuration),
        CSS(string=_stylesheet(), font_config=configuration),
    ]
    # Let go before the interpreter tears down the modules the configuration's own
    # clean-up calls (else it prints an error at exit).
    atexit.register(_print_styles.cache_clear)
    return configuration, stylesheets


def _without_fonttools_notice(record: logging.LogRecord) -> bool:
    return not record.getMessage().startswith(_FONTTOOLS_NOTICE)


def _right_to_left(document: Any, pdf: Any) -> None:
    """A Persian PDF is read right to left: viewers lay out facing pages and order
    thumbnails that way (PDF 1.7, 12.2, ViewerPreferences /Direction). Its ligatures
    are read as their letters, as in every PDF (:mod:`shora.publish.pdf_text`)."""
    import pydyf

    pdf_text.separate_ligatures(document, pdf)
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"Direction": "/R2L"})


# ------------------------------------------------------------------ the store


def _store() -> Path:
    """The folder of made PDFs: in the user's cache folder, or, with the cache turned
    off (``SHORA_CACHE=off``), a temporary one for this process."""
    return file_cache.made_folder("pdf") or _temporary_store()


@cache
def _temporary_store() -> Path:
    folder = tempfile.TemporaryDirectory(prefix="shora-pdf-")
    _keep.append(folder)
    return Path(folder.name)


_keep: list[tempfile.TemporaryDirectory[str]] = []


def _save(path: Path, pdf: bytes) -> None:
    # Written aside, then renamed: a build running at the same time never reads half.
    handle, name = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    with os.fdopen(handle, "wb") as stream:
        stream.write(pdf)
    os.replace(name, path)


def made() -> dict[tuple[str, str], Path]:
    """The PDFs made in this process: (language, resolution id) -> its file in the store."""
    return dict(_made)


def remember(pdfs: dict[tuple[str, str], Path]) -> None:
    """PDFs made in another process (a language of ``shora build``), for :func:`write`."""
    _made.update(pdfs)
