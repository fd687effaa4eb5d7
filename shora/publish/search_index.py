"""The search index: Pagefind, one bundle per language, written by ``shora build``
(never at page load) to pagefind/ (Persian) and en/pagefind/ (English).

Each language is indexed by a Pagefind run of its own: Pagefind holds the whole index
in memory while it writes it, and both languages at once took over 1 GB at the
benchmark's size L (`make bench`), one at a time about half: a large site's runs go
one at a time, a smaller site's at once (:class:`PagefindRuns`).

Pagefind does not fold Persian letter variants or digit systems, so it is not given
the pages as readers see them: for each searchable page it gets a search document
with the same address, ``<html lang>`` and clause ids, whose text is folded with the
rules of :func:`shora.core.persian.fold` (case is kept for readable snippets: Pagefind
lowercases by itself). The search page folds the query with the same rules
(``theme/assets/javascripts/search.js``). Each clause is a heading with the clause's
id, so Pagefind returns it as a sub-result that links to the clause.

The last bundle of each language is kept in the user's cache folder (``search/``,
see :func:`shora.load.cache.made_folder`) under a hash of every page Pagefind is
given, its version and configuration and this code: a build whose search documents did not
change puts that bundle into the site instead of running Pagefind (most of the search
stage's time), with the same bytes."""

from __future__ import annotations

import base64
import contextlib
import gzip
import hashlib
import itertools
import json
import os
import re
import shutil
import subprocess
import tempfile
import threading
import time
import zlib
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from html import escape
from html.parser import HTMLParser
from importlib import metadata
from pathlib import Path
from typing import IO, Any

from pagefind.service import get_executable
from pagefind.service.types import (
    InternalAddFileRequest,
    InternalNewIndexRequest,
    InternalPagefindServiceConfig,
    InternalWriteFilesRequest,
)

from shora.core.language import localize_digits
from shora.core.messages import msg
from shora.core.persian import fold_keeping_case
from shora.load import cache as file_cache
from shora.load.dataset import Dataset
from shora.models.clauses import Clause, clauses
from shora.models.common import country_names
from shora.site.routes import (
    LANGUAGES,
    TEXT_PAGES,
    bundle_path,
    council_url,
    decision_url,
    global_url,
    resolution_url,
)
from shora.site.strings import t


def index_fold(text: str) -> str:
    """:func:`shora.core.persian.fold` without case folding: ``fold(index_fold(x)) == fold(x)``."""
    return fold_keeping_case(text)


def clause_title(clause: Clause, language: str) -> str:
    number = clause.number or (int(clause.parent.split("-")[1]) if clause.parent else 0)
    letter = clause.label(language) if clause.letter_index is not None else ""
    # The site's catalog has a title for each kind of clause: search_clause_<kind>.
    text = t(f"search_clause_{clause.kind}", language, n=number, l=letter)
    return localize_digits(text, language)


Section = tuple[str | None, str, str]  # (heading's id, heading, text), as the page shows them


@dataclass(frozen=True)
class SearchDocument:
    """What a page gives search: its title and sections (the first without a heading).
    Rendered for Pagefind by :func:`pagefind_html` and for the index read from disk by
    :mod:`shora.publish.disk_search`: both engines index the same words."""

    language: str
    title: str
    sections: list[Section]

    @cached_property
    def folded_title(self) -> str:
        """The title as both indexes hold it (:func:`index_fold`)."""
        return index_fold(self.title)

    @cached_property
    def folded_sections(self) -> list[Section]:
        """The sections as both indexes hold them: headings and texts folded once for
        the two (:func:`index_fold`)."""
        return [(anchor, index_fold(heading), index_fold(text))
                for anchor, heading, text in self.sections]  # fmt: skip


def pagefind_html(document: SearchDocument) -> str:
    """A search document for Pagefind: the title as h1, then (id, heading, text)
    sections, headings as h2 (a heading with an id is a sub-result)."""
    language, title = document.language, document.title
    # Pagefind reads "key:value" pairs separated by commas: none in the value.
    meta = escape(title.replace(",", "،" if language == "fa" else ";"))
    parts = [
        f'<!doctype html><html lang="{language}"><head><meta charset="utf-8">'
        f"<title>{escape(title)}</title></head><body>",
        f'<span data-pagefind-meta="title:{meta}"></span>',
        f"<h1>{escape(document.folded_title)}</h1>",
    ]
    for (anchor, heading, _text), (_, folded_heading, folded_text) in zip(
        document.sections, document.folded_sections, strict=True
    ):
        attribute = f' id="{escape(anchor)}"' if anchor else ""
        if heading:
            parts.append(f"<h2{attribute}>{escape(folded_heading)}</h2>")
        parts.append(f"<p>{escape(folded_text)}</p>")
    parts.append("</body></html>")
    return "".join(parts)


def resolution_document(dataset: Dataset, id_: str, language: str) -> str:
    return pagefind_html(resolution_search(dataset, id_, language))


def resolution_search(dataset: Dataset, id_: str, language: str) -> SearchDocument:
    """The page's title, body and clauses as the page shows them: in the English bundle,
    a text not translated yet is indexed in Persian, as the English page shows it, so
    that what a reader sees on a page is what finds it (under the same clause id)."""
    model = dataset.resolutions[id_].model
    adopted_by, adopted = model.adopted_by, model.adopted
    # The head of the page: who adopted it, when (or what the sources say of the date),
    # and where it was published ("Anternasional 273" finds it).
    head = [adopted_by.body[language]]
    head += [str(adopted.date)] if str(adopted.date) != "unknown" else []
    head += [text[language] for text in (adopted_by.session, adopted.note) if text]
    head += [
        f"{p.periodical[language]} {p.issue if p.issue is not None else ''}"
        for p in model.published
    ]
    sections: list[Section] = [(None, "", " ".join(head))]
    for clause in clauses(model):
        label = clause.label(language)
        text = f"{label} {clause.text[language]}" if label else clause.text[language]
        sections.append((clause.anchor, clause_title(clause, language), text))
    return SearchDocument(language, model.title[language], sections)


def council_document(dataset: Dataset, id_: str, language: str) -> str:
    return pagefind_html(council_search(dataset, id_, language))


def council_search(dataset: Dataset, id_: str, language: str) -> SearchDocument:
    """Every spelling of the council's city, in both languages, finds it."""
    model = dataset.councils[id_].model
    spellings = [model.city.fa, model.city.en, *model.other_names]
    country = country_names(language).get(model.country, model.country)
    text = " ".join([model.name.fa, model.name.en, *spellings, country])
    return SearchDocument(language, model.name[language], [(None, "", text)])


def decision_document(dataset: Dataset, id_: str, language: str) -> str:
    return pagefind_html(decision_search(dataset, id_, language))


def decision_search(dataset: Dataset, id_: str, language: str) -> SearchDocument:
    model = dataset.decisions[id_].model
    council = dataset.councils.get(model.council)
    who = council.model.name[language] if council else model.council
    text = f"{who} {model.text[language]}"
    return SearchDocument(language, model.title[language], [(None, "", text)])


class _TextExtractor(HTMLParser):
    """Sections of a built page's article: headings with ids start a new section."""

    SKIP = ("script", "style", "nav", "form", "button")

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # inside <article>
        self.skipping = 0
        self.title = ""
        self.sections: list[tuple[str | None, str, str]] = [(None, "", "")]
        self.heading: tuple[str | None, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article" and "md-content__inner" in (values.get("class") or ""):
            self.depth = 1
            return
        if not self.depth:
            return
        if tag == "article":
            self.depth += 1
        if tag in self.SKIP or "headerlink" in (values.get("class") or ""):
            self.skipping += 1
        elif re.fullmatch("h[1-6]", tag):
            self.heading = (values.get("id"), [])

    def handle_endtag(self, tag: str) -> None:
        if not self.depth:
            return
        if tag == "article":
            self.depth -= 1
        elif self.skipping and tag in (*self.SKIP, "a"):
            self.skipping -= 1
        elif self.heading and re.fullmatch("h[1-6]", tag):
            anchor, words = self.heading
            text = " ".join("".join(words).split())
            if tag == "h1" and not self.title:
                self.title = text
            else:
                self.sections.append((anchor, text, ""))
            self.heading = None

    def handle_data(self, data: str) -> None:
        if not self.depth or self.skipping:
            return
        if self.heading:
            self.heading[1].append(data)
        else:
            anchor, heading, text = self.sections[-1]
            self.sections[-1] = (anchor, heading, text + data)


def page_document(html: str, language: str) -> str | None:
    found = page_search(html, language)
    return pagefind_html(found) if found else None


def page_search(html: str, language: str) -> SearchDocument | None:
    extractor = _TextExtractor()
    extractor.feed(html)
    if not extractor.title:
        return None
    sections = [s for s in extractor.sections if s[1] or s[2].strip()]
    return SearchDocument(language, extractor.title, sections)


def documents(
    dataset: Dataset, site_dir: Path, languages: tuple[str, ...] = LANGUAGES
) -> Iterator[tuple[str, SearchDocument]]:
    """(address from the site's root, search document) of every searchable page, in a
    fixed order (the index from disk numbers pages in this order): the pages of the
    data, from the data (:mod:`shora.site.routes` says where), and the hand-written
    pages of TEXT_PAGES from their built HTML under ``site_dir``."""
    for language in languages:
        for id_ in sorted(dataset.resolutions):
            url = global_url(resolution_url(id_), language)
            yield url, resolution_search(dataset, id_, language)
        for id_ in sorted(dataset.councils):
            yield global_url(council_url(id_), language), council_search(dataset, id_, language)
        for id_ in sorted(dataset.decisions):
            url = global_url(decision_url(id_), language)
            yield url, decision_search(dataset, id_, language)
        for page in TEXT_PAGES:
            built = site_dir / global_url(page, language) / "index.html"
            if built.is_file():
                found = page_search(built.read_text(encoding="utf-8"), language)
                if found:
                    yield global_url(page, language), found


# The configuration of Pagefind's index (its defaults, as its command's): part of the
# stored bundles' key.
PAGEFIND_CONFIG: InternalPagefindServiceConfig = {}
# The distributions whose versions make Pagefind's output: its Python wrapper and the
# binaries it may start.
_PAGEFIND_DISTRIBUTIONS = ("pagefind", "pagefind_bin", "pagefind_bin_extended")
# The folder in the user's cache (:func:`shora.load.cache.made_folder`) of the last
# bundle made for each language.
STORE_NAME = "search"
_STALE_SECONDS = 24 * 3600


def index_language(
    documents: Iterable[tuple[str, SearchDocument]], site_dir: Path, language: str
) -> int:
    """Index one language's pages (``documents``, see :func:`documents`) into its bundle
    (see :func:`bundle_path`); the number of pages indexed.

    Pagefind's run is most of the search stage's time, and an unchanged project gives
    it the same files again: the last bundle of each language is kept in the user's
    cache (:func:`stored_bundle`), under a hash of every page Pagefind would be given,
    and put into the site instead of a run when that hash is the same; when it is not,
    the run starts from that bundle's files (see :class:`PendingBundle`)."""
    count, pending = index_language_later(documents, site_dir, language)
    if pending is not None:
        pending.run()
    return count


@dataclass
class PendingBundle:
    """A language's Pagefind run still to make, its input already written: Pagefind
    holds the whole index in memory while it writes it (about 600 MB a language at the
    benchmark's size L), so ``shora build`` runs a large site's languages one at a time,
    each writing once the workers that check links and cut fonts have ended
    (:class:`PagefindRuns`).

    ``seed``, the language's last kept bundle, made from other files: its files named
    by a hash of their contents are put into the output before the run. Pagefind does
    not write such a file again where it finds it (nor compress it), and after a
    change to a few pages most of them are the same: at the benchmark's size L a run
    took 2.0 s instead of 5.0 s a language. Those the new bundle does not name are
    removed after the run (:func:`_remove_unnamed`): the bundle is the one a run from
    nothing makes."""

    folder: tempfile.TemporaryDirectory[str]
    output: Path
    language: str
    key: str | None  # None: the cache is off, nothing is kept
    seed: Path | None = None

    def run(self, turn: Turn | None = None) -> None:
        """Make the bundle (alone, or in its ``turn`` among others: :class:`PagefindRuns`)."""
        try:
            if self.seed is not None:
                _seed(self.seed, self.output)
            index_folder(Path(self.folder.name), self.output, turn)
            if self.seed is not None and not _remove_unnamed(self.output, self.seed):
                # What is left of the seed is not known: made again from nothing.
                shutil.rmtree(self.output)
                index_folder(Path(self.folder.name), self.output, turn)
        finally:
            self.folder.cleanup()
        if turn is not None:
            turn.end()  # (the next run starts while this bundle is stored)
        if self.key is not None:
            store_bundle(self.output, self.language, self.key)

    def discard(self) -> None:
        self.folder.cleanup()

    def estimated_peak(self) -> int:
        """The most memory its run may hold, in bytes: from its input's size."""
        return PAGEFIND_PEAK_PER_INPUT_BYTE * (Path(self.folder.name) / REQUESTS).stat().st_size


def index_language_later(
    documents: Iterable[tuple[str, SearchDocument]], site_dir: Path, language: str
) -> tuple[int, PendingBundle | None]:
    """:func:`index_language` but for Pagefind's run, which is returned (None when the
    kept bundle was put into the site): the number of pages indexed."""
    found = list(documents)
    output = site_dir / bundle_path(language)
    key = bundle_key(found, language) if file_cache.enabled() else None
    seed = None
    if key is not None:
        stored = stored_bundle(language, key)
        if stored is not None and _put(stored, output):
            return len(found), None
        seed = last_bundle(language)
    folder = write_pagefind_input(found)
    return len(found), PendingBundle(folder, output, language, key, seed)


def pagefind_pages(documents: list[tuple[str, SearchDocument]]) -> Iterator[tuple[str, str]]:
    """The search documents as Pagefind indexes them: each page's address (from the
    site's root, as Pagefind's command gives a file ``<address>index.html`` under the
    folder it indexes) and its HTML, made as they are asked for (all at once, they
    would be about 100 MB a language at the benchmark's size L)."""
    for url, document in documents:
        yield f"/{url}", pagefind_html(document)


# The name of each folder of Pagefind's input begins so.
INPUT_PREFIX = "shora-search-"
# The one file in it: the requests that give Pagefind's service the pages.
REQUESTS = "pages.requests"
# The numbers of the requests besides the pages' (numbered from 1): the index's making
# and its writing, after every page.
_NEW_INDEX, _WRITE_FILES = 0, 2**32 - 1
# What ends the service's reading once it has written the index (see index_folder).
_END = b"!,"
# Pagefind's program allocates its memory with jemalloc (the Rust crate
# tikv-jemallocator), which takes its settings from this variable: one arena instead of
# four a core. At the benchmark's size L its peak went from 731 to 650-663 MB for the
# Persian index (two runs each way), without a difference of time beyond the noise;
# the peak of the whole build is Pagefind's beside this process. A value the
# environment gives is kept.
PAGEFIND_ALLOCATOR_VARIABLE = "_RJEM_MALLOC_CONF"
PAGEFIND_ALLOCATOR = "narenas:1"
# The most requests sent to the service before their answers (see _converse): fewer
# than all, so the answer to the last, the writing of the index, is read after them.
_UNANSWERED = 64
_ENDED = msg("the service ended before it wrote the index")


class PagefindFailed(RuntimeError):
    """Pagefind made no bundle: ``message`` says why, in either language (Pagefind's
    own words, or the system's, as they are)."""

    def __init__(self, problem: str) -> None:
        self.message = msg("pagefind failed: {problem}", problem=problem)
        super().__init__(str(self.message))


def _request(number: int, payload: Mapping[str, object]) -> bytes:
    """A request as Pagefind's service reads it from its input: JSON in base64, ended by
    a comma (the protocol of Pagefind's own Python and Node.js packages, which has no
    documentation of its own: tests/test_search_cache.py compares a bundle made so with
    the one Pagefind's Python package makes of the same pages)."""
    message = json.dumps({"message_id": number, "payload": payload}, ensure_ascii=False)
    return base64.b64encode(message.encode("utf-8")) + b","


def _add_page(number: int, address: str, html: str) -> bytes:
    # (The first index a service makes is its number 0: see index_folder.)
    page: InternalAddFileRequest = {
        "type": "AddFile", "index_id": 0, "file_path": None, "url": address,
        "file_contents": html,
    }  # fmt: skip
    return _request(number, page)


def write_pagefind_input(
    documents: list[tuple[str, SearchDocument]],
) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder with Pagefind's input for ``documents``: one file of the
    requests that give its service each page (:data:`REQUESTS`), for
    :func:`index_folder`.

    Pagefind's service takes the pages through a pipe, each with its address, where its
    command reads a folder of files: a folder and a file a page, which took as long to
    create as Pagefind's run itself on a disk slow to create files (8.0 to 8.5 s a
    language at the benchmark's size L on an ext4, against 2.1 s for as many files in
    one folder; the one file, 31 MB, a fraction of a second). It does not read them
    all at once, as its command does: the file holds them meanwhile (the documents'
    texts in this process, or the file in memory, would add to the build's peak of
    memory while Pagefind runs). Pagefind's Python package speaks the same protocol but
    reads one answer per tenth of a second (about 20 minutes a language at size L)."""
    folder = tempfile.TemporaryDirectory(prefix=INPUT_PREFIX)
    try:
        with open(Path(folder.name) / REQUESTS, "wb") as requests:
            for number, (address, html) in enumerate(pagefind_pages(documents), 1):
                requests.write(_add_page(number, address, html))
    except BaseException:
        folder.cleanup()
        raise
    return folder


def index_folder(folder: Path, output: Path, turn: Turn | None = None) -> None:
    """Pagefind's bundle of the pages in the input ``folder`` (see
    :func:`write_pagefind_input`), into the folder ``output``: its service, given a new
    index, the pages in the order of the documents, then the writing of the index (each
    step when its ``turn`` allows, if it has one)."""
    executable = get_executable()
    if executable is None:
        raise PagefindFailed(msg("its program is not installed (pagefind_bin)"))
    environment = {PAGEFIND_ALLOCATOR_VARIABLE: PAGEFIND_ALLOCATOR, **os.environ}
    if turn is not None:
        turn.wait_to_start()
    with tempfile.TemporaryFile() as errors:
        try:
            service = subprocess.Popen(
                [str(executable), "--service"],
                stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=errors, env=environment,
            )  # fmt: skip
        except OSError as error:  # not a program this system runs
            raise PagefindFailed(str(error)) from error
        with service:
            _converse_with(service, errors, folder, output, turn)
    # Pagefind writes its languages in hash-map order: sorted, two builds are identical.
    # Written aside and renamed, a new file: one the bundle's store links is never
    # written through (see :func:`_copy_tree`).
    entry = output / "pagefind-entry.json"
    aside = entry.with_name(f".{entry.name}.tmp")
    aside.write_text(
        json.dumps(json.loads(entry.read_text(encoding="utf-8")), ensure_ascii=False,
                   sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )  # fmt: skip
    os.replace(aside, entry)
    # Only the search API is used (theme/assets/javascripts/search.js), not Pagefind's UI.
    for extra in [*sorted(output.glob("pagefind-*ui.*")), output / "pagefind-highlight.js"]:
        extra.unlink(missing_ok=True)


def _converse_with(
    service: subprocess.Popen[bytes],
    errors: IO[bytes],
    folder: Path,
    output: Path,
    turn: Turn | None,
) -> None:
    """:func:`_converse` with the started ``service``, then its end: a RuntimeError with
    what it wrote to ``errors`` or what went wrong, and nothing of ``output`` left, when
    it did not write the index (:class:`PagefindFailed`)."""
    assert service.stdin is not None and service.stdout is not None
    try:
        problem = _converse(service.stdin, service.stdout.fileno(), folder, output, turn)
        if problem is None:
            # Pagefind 1.5's service answers the writing once its last writes are
            # handed to its threads, not done, and ends at the end of its input
            # without waiting for them (std::process::exit): the end of the input
            # would cut files short. A request that is not base64 ends its reading
            # instead (its service/mod.rs), after which it ends as a program does,
            # once its writes are done.
            service.stdin.write(_END)
            service.stdin.flush()
        else:  # (it would go on with the pages after, and write the index)
            service.kill()
    except OSError as error:  # the service ended early
        problem = str(error)
    except Cancelled:
        service.kill()
        raise
    finally:
        for stream in (service.stdin, service.stdout):
            with contextlib.suppress(OSError):
                stream.close()
    if service.wait() != 0 and problem is None:
        problem = msg("exit status {status}", status=service.returncode)
    if problem is not None:
        shutil.rmtree(output, ignore_errors=True)  # nothing half written is left
        errors.seek(0)
        said = errors.read().decode("utf-8", "replace").strip()
        raise PagefindFailed(said or problem)


def _converse(
    requests: IO[bytes], answers: int, folder: Path, output: Path, turn: Turn | None
) -> str | None:
    """Give the service on the other side of ``requests`` and ``answers`` (a file
    descriptor) a new index, the pages in ``folder``'s input and the writing of the
    index into ``output``, reading its answers: None once the index is written, else
    what went wrong (the first error it answered, or its end).

    At most :data:`_UNANSWERED` requests are sent ahead of its answers: its own thread
    reads its input as fast as it comes into a queue that its one thread of indexing
    empties more slowly, and all the pages queued there at once raised its peak of
    memory by a tenth at the benchmark's size L. With a ``turn``, the writing is asked
    for once the turn allows it (the pages are indexed meanwhile)."""
    new_index: InternalNewIndexRequest = {"type": "NewIndex", "config": PAGEFIND_CONFIG}
    write: InternalWriteFilesRequest = {
        "type": "WriteFiles", "index_id": 0, "output_path": str(output.resolve())
    }  # fmt: skip
    replies = _replies(answers)
    unanswered = 0
    for request in itertools.chain(
        [_request(_NEW_INDEX, new_index)], _requests_in(folder / REQUESTS)
    ):
        requests.write(request)
        unanswered += 1
        while unanswered > _UNANSWERED:
            requests.flush()
            reply = next(replies, {"type": "Error", "message": _ENDED})
            if reply["type"] == "Error":
                return str(reply.get("message"))
            unanswered -= 1
    requests.flush()
    if turn is not None:
        turn.wait_to_write()
    requests.write(_request(_WRITE_FILES, write))
    requests.flush()
    for reply in replies:
        if reply["type"] == "Error":
            return str(reply.get("message"))
        if reply["type"] == "WriteFiles":
            return None
    return _ENDED


def _requests_in(path: Path) -> Iterator[bytes]:
    """The requests of an input file (see :func:`_request`), each with its comma."""
    rest = b""
    with open(path, "rb") as requests:
        while chunk := requests.read(2**20):
            *whole, rest = (rest + chunk).split(b",")
            for request in whole:
                yield request + b","


def _replies(stream: int) -> Iterator[dict[str, Any]]:
    """The payload of each answer the service writes to the file descriptor ``stream``,
    as they come, until its end."""
    rest = b""
    while chunk := os.read(stream, 2**16):
        *whole, rest = (rest + chunk).split(b",")
        for answer in whole:
            reply = json.loads(base64.b64decode(answer))
            yield (reply or {}).get("payload") or {"type": None}


class Cancelled(Exception):
    """A run stopped before its end: the build it was part of failed."""


class Turn:
    """A Pagefind run's place among the runs of :class:`PagefindRuns`: it starts its
    service once the runs ``before`` it have ended, and asks for the writing of its
    index once ``writing`` is set; :class:`Cancelled` is raised instead when
    ``cancelled`` is."""

    def __init__(
        self, before: list[Turn], writing: threading.Event, cancelled: threading.Event
    ) -> None:
        self.before, self.writing, self.cancelled = before, writing, cancelled
        self.ended = threading.Event()  # its service ended, its bundle written

    def wait_to_start(self) -> None:
        for turn in self.before:
            self._wait(turn.ended)
        if self.cancelled.is_set():
            raise Cancelled

    def wait_to_write(self) -> None:
        self._wait(self.writing)

    def end(self) -> None:
        self.ended.set()

    def _wait(self, event: threading.Event) -> None:
        event.wait()
        if self.cancelled.is_set():
            raise Cancelled


# A run's peak of memory (while it writes its index) against the size of its input
# file (see write_pagefind_input): 20 to 29 bytes a byte in the runs measured, each
# alone, its maximum resident set (the benchmark's size M: 181 MB for the Persian's
# 7.9 MB of input, 173 MB for the English's 6.1 MB; L: 650 to 670 MB for the
# Persian's 32 MB, 626 MB for the English's 25 MB): estimated from above.
PAGEFIND_PEAK_PER_INPUT_BYTE = 30
# The memory the runs of a build may hold at once, by that estimate, to run side by
# side from the start, each writing as soon as its pages are given: the build's target
# of 1 GB at its peak, less what the build's process and its two workers hold then at
# the benchmark's size L (about 300 and 150 MB). The benchmark's M (about 420 MB for
# both languages) runs so; L (a language alone about 960 MB) in turn.
PAGEFIND_RUNS_BUDGET = 500 * 2**20


class PagefindRuns:
    """The Pagefind runs of a build, one a language, each in a thread of this process,
    each added (:meth:`add`) as soon as its input is written: at once, or in turn when
    they would hold too much memory together.

    A run takes its memory in two steps: while its pages are given, the index grows
    (about 180 MB a language at the benchmark's size L, on one core); when its writing
    is asked for, Pagefind makes every file of the bundle in memory at once (520 to 670
    MB), then writes them, which costs mostly the system's time of creating files (one
    core again, 5 to 7 s a language at L, a file a page) while its memory falls. It
    answers the writing only at the end of it (see :func:`_converse_with`).

    So runs whose estimated peaks fit :data:`PAGEFIND_RUNS_BUDGET` together (a small
    or middling site) start at once and write as soon as their pages are given, beside
    the build's workers: the cores the workers leave are used. The others go in turn:
    a run starts once the runs before it have ended, is given its pages beside the
    workers (the link check, the fonts), and writes only once the build allows it
    (:meth:`allow_writing`, once the workers have ended): the build's peak is one
    writing Pagefind beside its own process. The next cannot be given its pages while
    the one before writes (at L, beside that peak, they would pass the target of 1 GB).
    A failure cancels the runs after it."""

    def __init__(self, budget: int | None = None) -> None:
        self.budget = PAGEFIND_RUNS_BUDGET if budget is None else budget
        self._held = 0  # the estimated peaks of the runs at once
        self._at_once = threading.Event()  # the writing of runs at once: allowed
        self._at_once.set()
        self._writing = threading.Event()
        self._cancelled = threading.Event()
        self._runs: list[tuple[PendingBundle, Turn, threading.Thread]] = []
        self._errors: list[BaseException] = []

    def __enter__(self) -> PagefindRuns:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_rest: object) -> None:
        # Whatever stopped the build stops its runs: no service left writing into a
        # site that will not be.
        if kind is not None:
            self.discard()

    def add(self, bundle: PendingBundle) -> None:
        """Start ``bundle``'s run: at once if its estimated peak fits the budget beside
        the runs at once before it (and none went in turn), else after them all."""
        peak = bundle.estimated_peak()
        turns = [turn for _bundle, turn, _thread in self._runs]
        in_turn = any(turn.writing is self._writing for turn in turns)
        if not in_turn and self._held + peak <= self.budget:
            self._held += peak
            turn = Turn([], self._at_once, self._cancelled)
        else:
            turn = Turn(turns, self._writing, self._cancelled)
        thread = threading.Thread(
            target=self._run, args=(bundle, turn), name=f"pagefind-{bundle.language}"
        )
        self._runs.append((bundle, turn, thread))
        thread.start()

    def allow_writing(self) -> None:
        """Let the runs in turn write their indexes, each once those before it have."""
        self._writing.set()

    def join(self) -> None:
        """Wait for every run; the first error of any (:class:`PagefindFailed` when
        Pagefind made no bundle), raised once all have stopped."""
        for _bundle, _turn, thread in self._runs:
            thread.join()
        if self._errors:
            raise self._errors[0]

    def discard(self) -> None:
        """Stop every run (their services killed), their inputs removed."""
        self._cancel()
        for bundle, _turn, thread in self._runs:
            thread.join()
            bundle.discard()

    def _run(self, bundle: PendingBundle, turn: Turn) -> None:
        try:
            bundle.run(turn)
        except Cancelled:
            pass
        except BaseException as error:  # raised by join(), in the build's thread
            self._errors.append(error)
            self._cancel()
        finally:
            # (Ended by the run when it made its bundle; else here, after the cancelling,
            # which a run waiting for this one's end then sees.)
            turn.end()

    def _cancel(self) -> None:
        self._cancelled.set()
        self._writing.set()
        for _bundle, turn, _thread in self._runs:
            turn.end()


# ------------------------------------------------------------------ the stored bundles


def bundle_key(documents: list[tuple[str, SearchDocument]], language: str) -> str:
    """A hash of exactly what Pagefind is given (each page's address and HTML, in the
    order given) and of what else makes its bundle: Pagefind's version and configuration,
    the bundle's place in the site and this code (the whole package's fingerprint, as
    the validator's cache has it, so no change of ours meets a stale bundle)."""
    hasher = hashlib.blake2b(digest_size=20)

    def part(value: bytes) -> None:
        hasher.update(len(value).to_bytes(8, "big"))
        hasher.update(value)

    part(file_cache.validator_fingerprint())
    for name in _PAGEFIND_DISTRIBUTIONS:
        try:
            version = metadata.version(name)
        except metadata.PackageNotFoundError:
            version = "none"
        part(f"{name}={version}".encode())
    part(json.dumps(PAGEFIND_CONFIG, sort_keys=True).encode())
    part(bundle_path(language).encode())
    for address, html in pagefind_pages(documents):
        part(address.encode())
        part(html.encode("utf-8"))
    return hasher.hexdigest()


def _store_entry(store: Path, language: str, key: str) -> Path:
    return store / f"{language}-{key}"


def stored_bundle(language: str, key: str) -> Path | None:
    """The kept bundle of ``language`` made from the files that ``key`` names, if any
    (never with the cache turned off, ``SHORA_CACHE=off``)."""
    store = file_cache.made_folder(STORE_NAME)
    if store is None:
        return None
    entry = _store_entry(store, language, key)
    return entry if entry.is_dir() else None


def last_bundle(language: str) -> Path | None:
    """The bundle of ``language`` kept last, whatever files it was made from (None
    with the cache turned off)."""
    store = file_cache.made_folder(STORE_NAME)
    if store is None:
        return None
    try:
        kept = [entry for entry in store.glob(f"{language}-*") if entry.is_dir()]
        return max(kept, key=lambda entry: entry.stat().st_mtime, default=None)
    except OSError:  # removed meanwhile by another build
        return None


# The files of a bundle Pagefind names by a hash of their contents and never writes
# again where it finds them (Pagefind 1.5, ``output/mod.rs``: its "immutable" files);
# the others (its scripts, its WebAssembly, the entry) it writes every run.
_HASHED_FILES = ("pagefind.*.pf_meta", "fragment/*.pf_fragment", "index/*.pf_index",
                 "filter/*.pf_filter")  # fmt: skip


def _seed(bundle: Path, output: Path) -> None:
    """Put the hashed files of ``bundle`` into ``output`` (hard links, as the store's
    own: Pagefind does not write through a file it finds). A bundle removed meanwhile
    by another build gives what was put so far: every file put is whole."""
    try:
        for pattern in _HASHED_FILES:
            for source in bundle.glob(pattern):
                target = output / source.relative_to(bundle)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(source, target)
                except OSError:
                    shutil.copy2(source, target)
    except OSError:
        return


def _remove_unnamed(output: Path, seed: Path) -> bool:
    """Remove the hashed files of ``output`` its bundle does not name: the ``seed``'s
    files of pages changed or gone. The entry names each language's meta file; a meta
    file names every fragment, index chunk and filter by its hash. False, nothing
    removed, when the seed was made by another version of Pagefind (which may write
    other bytes under the same name) or the bundle cannot be read so."""
    try:
        entry = json.loads((output / "pagefind-entry.json").read_text(encoding="utf-8"))
        seeded = json.loads((seed / "pagefind-entry.json").read_text(encoding="utf-8"))
        if entry["version"] != seeded["version"]:
            return False
        metas = {f"pagefind.{language['hash']}.pf_meta" for language in entry["languages"].values()}
        # Each a gzip stream of Pagefind's own header and CBOR, in which a name is a string.
        named = b"\0".join(gzip.decompress((output / name).read_bytes()) for name in metas)
    except (OSError, ValueError, KeyError, TypeError, EOFError, zlib.error):
        return False
    for pattern in _HASHED_FILES:
        for path in output.glob(pattern):
            if path.suffix == ".pf_meta":
                unnamed = path.name not in metas
            else:
                unnamed = path.stem.encode() not in named
            if unnamed:
                path.unlink()
    return True


def store_bundle(output: Path, language: str, key: str) -> None:
    """Keep the bundle in ``output`` as the last of ``language``, in place of the one
    kept before (so the cache does not grow). Made aside in a temporary folder of the
    store, then renamed: a build reading the store never sees half a bundle. A store
    that cannot be written is no error: the next build runs Pagefind again."""
    store = file_cache.made_folder(STORE_NAME)
    if store is None:
        return
    entry = _store_entry(store, language, key)
    try:
        if not entry.is_dir():
            aside = Path(tempfile.mkdtemp(dir=store, prefix=f".{language}-", suffix=".tmp"))
            try:
                _copy_tree(output, aside)
                aside.rename(entry)
            except OSError:
                shutil.rmtree(aside, ignore_errors=True)
                return
        for old in store.glob(f"{language}-*"):
            if old != entry:
                # Renamed before its removal: a build copying it at the same time
                # meets a missing file, never a folder with some files gone.
                gone = Path(tempfile.mkdtemp(dir=store, prefix=".old-", suffix=".tmp"))
                with contextlib.suppress(OSError):  # another build removed it first
                    old.rename(gone / old.name)
                shutil.rmtree(gone, ignore_errors=True)
        # What a build stopped halfway left aside (a build still writing its own is
        # younger than this).
        for aside_before in store.glob(".*.tmp"):
            if time.time() - aside_before.stat().st_mtime > _STALE_SECONDS:
                shutil.rmtree(aside_before, ignore_errors=True)
    except OSError:
        return


def _put(stored: Path, output: Path) -> bool:
    """Put the kept bundle ``stored`` into the site at ``output``; False (and nothing
    left at ``output``) if it could not be read whole, for instance when another build
    replaced it meanwhile."""
    try:
        _copy_tree(stored, output)
    except OSError:
        shutil.rmtree(output, ignore_errors=True)
        return False
    return True


def _copy_tree(source: Path, target: Path) -> None:
    """Hard links where both folders are on one file system (a bundle's files are never
    written again once made: the site's and the store's can be one), else copies."""

    def link_or_copy(source_file: str, target_file: str) -> object:
        try:
            os.link(source_file, target_file)
        except OSError:
            return shutil.copy2(source_file, target_file)
        return target_file

    shutil.copytree(source, target, copy_function=link_or_copy, dirs_exist_ok=True)
