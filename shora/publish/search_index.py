"""The search index: Pagefind, one bundle per language, written by ``shora build``
(never at page load) to pagefind/ (Persian) and en/pagefind/ (English).

Each language is indexed by a Pagefind run of its own: Pagefind holds the whole index
in memory while it writes it, and both languages at once took over 1 GB at the
benchmark's size L (`make bench`); one at a time takes about half.

Pagefind does not fold Persian letter variants or digit systems, so it is not given
the pages as readers see them: for each searchable page it gets a search document
with the same address, ``<html lang>`` and clause ids, whose text is folded with the
rules of :func:`shora.core.persian.fold` (case is kept for readable snippets: Pagefind
lowercases by itself). The search page folds the query with the same rules
(``theme/assets/javascripts/search.js``). Each clause is a heading with the clause's
id, so Pagefind returns it as a sub-result that links to the clause."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from html import escape
from html.parser import HTMLParser
from pathlib import Path

from shora.core.language import localize_digits
from shora.core.persian import fold_keeping_case
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


def index_language(
    documents: Iterable[tuple[str, SearchDocument]], site_dir: Path, language: str
) -> int:
    """Index one language's pages (``documents``, see :func:`documents`) into its bundle
    (see :func:`bundle_path`); the number of pages indexed.

    The search documents are written to a temporary folder at the pages' paths (from
    the site's root, so that Pagefind's addresses are the pages') and Pagefind's
    command indexes that folder. Its Python API reads one answer per tenth of a second
    (hours at the benchmark's size L), and its service, given the pages through a pipe,
    indexes them one at a time for more processor time than the command with the
    folder's writing and removal (measured at size M)."""
    output = site_dir / bundle_path(language)
    count = 0
    with tempfile.TemporaryDirectory(prefix="shora-search-") as temporary:
        folder = Path(temporary)
        for url, document in documents:
            target = folder / url / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(pagefind_html(document), encoding="utf-8")
            count += 1
        command = [sys.executable, "-m", "pagefind", "--site", str(folder),
                   "--output-path", str(output.resolve()), "--silent"]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"pagefind failed: {(result.stderr or result.stdout).strip()}")
    # Pagefind writes its languages in hash-map order: sorted, two builds are identical.
    entry = output / "pagefind-entry.json"
    entry.write_text(
        json.dumps(json.loads(entry.read_text(encoding="utf-8")), ensure_ascii=False,
                   sort_keys=True, separators=(",", ":")),
        encoding="utf-8",
    )  # fmt: skip
    # Only the search API is used (theme/assets/javascripts/search.js), not Pagefind's UI.
    for extra in [*sorted(output.glob("pagefind-*ui.*")), output / "pagefind-highlight.js"]:
        extra.unlink(missing_ok=True)
    return count
