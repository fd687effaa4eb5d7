"""The search index read from disk: the same pages, words and clauses as Pagefind's
(shora/publish/search_index.py), written as small scripts that a page loads with
``<script>`` elements, which browsers allow on ``file://`` where Pagefind's ``fetch``
and WebAssembly are refused. The search page uses it when opened from disk
(``theme/assets/javascripts/search-disk.js``, loaded by ``search.js`` then only); a
served site keeps Pagefind.

Each language has its folder, ``search/disk/`` and ``en/search/disk/``:

``meta.js``
    ``shoraSearchData.meta({"keys": [...], "lengths": [...], "files": [...]})``: the
    shard keys, the number of words of each page (for ranking, as Pagefind does), pages
    numbered in the order of :func:`shora.publish.search_index.documents`, and the
    number of the first page of each file of pages (``p-0.js``, ``p-1.js``...).
``w-<key>.js``
    ``shoraSearchData.shard(key, {word: [page, weight, page, weight, ...]})``: every
    folded word that starts with ``key`` (its first two letters; a one-letter word is
    its own key), in file names as hexadecimal code points (``w-62a-632.js``). A
    query loads the shards of its words only: a word matches every indexed word it
    begins, as in Pagefind.
``p-<n>.js``
    ``shoraSearchData.pages(first, [{"url", "title", "sections"}, ...])``: what a
    result shows, loaded for the shown results only: the title as written, and the
    sections ``[id, heading, text]`` folded like Pagefind's copy (the title is the
    first section's heading), from which the page builds snippets and clause
    sub-results. Consecutive pages share a file up to :data:`RECORDS_FILE_BYTES`
    (a longer page has one of its own); ``meta.js``'s ``files`` gives the first page of
    each. Files are fewer: a copy unzips and mirrors faster, and a build creates a
    third as many (on a file system slow to create files, seconds at the benchmark's
    size M).

Words are found by :func:`words` in :func:`shora.core.persian.fold`'s output; the page
splits the folded query and the texts it marks with the same rules (``words`` in
search-disk.js, compared with this one in the browser tests). Files are written with sorted
keys and no dates: two builds are byte-identical."""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from pathlib import Path

from shora.core.persian import fold
from shora.publish.search_index import SearchDocument
from shora.site.routes import disk_path

REGISTRY = "shoraSearchData"
WORD_RE = re.compile(r"[^\W_]+")
KEY_LETTERS = 2
# Pages are put together in a file up to this size (in UTF-8): a resolution alone, or
# a few councils or decisions, a file; at the benchmark's size M, 1,078 files for 3,128
# pages. The search page shows 20 results, so it reads at most 20 such files besides
# the resolutions' own (80 KB, about 25 KB gzipped, where Pagefind cannot load): a
# compromise between the reader's bytes and the files a build makes.
RECORDS_FILE_BYTES = 4096
# Words in titles and headings count more, as Pagefind weighs h1 and h2 by default.
TITLE_WEIGHT = 7
HEADING_WEIGHT = 6


def words(text: str) -> list[str]:
    """The indexed words of ``text``, as Pagefind finds them: a run between spaces
    that punctuation splits (``mass-organizing``, ``x.yml:3``) gives the parts joined
    (``massorganizing``) and its parts but those of one ASCII character (Pagefind
    keeps parts of two bytes or more in UTF-8)."""
    return folded_words(fold(text))


def folded_words(folded: str) -> list[str]:
    """:func:`words` of a text :func:`shora.core.persian.fold` has folded."""
    found: list[str] = []
    for run in folded.split():
        if run.isalnum():  # one part: what [^\W_] matches is what str.isalnum() accepts
            found.append(run)
            continue
        parts = WORD_RE.findall(run)
        if len(parts) > 1:
            found.append("".join(parts))
            found.extend(part for part in parts if len(part.encode("utf-8")) > 1)
        else:
            found.extend(parts)
    return found


def shard_key(word: str) -> str:
    return word[:KEY_LETTERS]


def key_file(key: str) -> str:
    return "w-" + "-".join(f"{ord(c):x}" for c in key) + ".js"


def _merged_sections(document: SearchDocument) -> list[list[str | None]]:
    """[id, heading, text] as Pagefind reads them: a heading without an id continues
    the section before it; the title heads the first section."""
    merged: list[list[str | None]] = []
    for index, (anchor, heading, text) in enumerate(document.folded_sections):
        if index == 0:
            merged.append([None, document.folded_title, " ".join(filter(None, (heading, text)))])
        elif anchor or not merged:
            merged.append([anchor, heading, text])
        else:
            previous = merged[-1]
            previous[2] = " ".join(filter(None, (previous[2], heading, text)))
    return merged


def _json(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _script(call: str, *arguments: object) -> str:
    return f"{REGISTRY}.{call}({','.join(_json(value) for value in arguments)});\n"


class _RecordFiles:
    """Writes the pages' records into ``p-<n>.js`` files of consecutive pages, each up to
    :data:`RECORDS_FILE_BYTES` (a longer record alone)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.firsts: list[int] = []  # the first page of each file written
        self.first = 0
        self.waiting: list[str] = []  # the records of the file to come, as JSON
        self.size = 0

    def add(self, number: int, record: dict[str, object]) -> None:
        text = _json(record)
        size = len(text.encode("utf-8")) + 1
        if self.waiting and self.size + size > RECORDS_FILE_BYTES:
            self.flush()
        if not self.waiting:
            self.first = number
        self.waiting.append(text)
        self.size += size

    def flush(self) -> None:
        if not self.waiting:
            return
        name = f"p-{len(self.firsts)}.js"
        text = f"{REGISTRY}.pages({self.first},[{','.join(self.waiting)}]);\n"
        (self.folder / name).write_text(text, encoding="utf-8")
        self.firsts.append(self.first)
        self.waiting, self.size = [], 0


def write_disk_index(
    documents: Iterable[tuple[str, SearchDocument]], site_dir: Path, language: str
) -> int:
    """Write one language's index under ``site_dir``; the number of pages indexed."""
    folder = site_dir / disk_path(language)
    folder.mkdir(parents=True, exist_ok=True)
    for stale in folder.glob("*.js"):
        stale.unlink()
    # word -> [page, weight, page, weight...]: pages come in order, so the lists are sorted.
    postings: dict[str, list[int]] = defaultdict(list)
    lengths: list[int] = []
    records = _RecordFiles(folder)
    for number, (url, document) in enumerate(documents):
        sections = _merged_sections(document)
        weights: Counter[str] = Counter()
        length = 0  # words between spaces, as Pagefind counts a page's length
        for index, (_anchor, heading, text) in enumerate(sections):
            heading_weight = TITLE_WEIGHT if index == 0 else HEADING_WEIGHT
            # Folded for the index already: folding twice is folding once, so its
            # words are those of the text's case folding.
            for word in folded_words((heading or "").casefold()):
                weights[word] += heading_weight
            weights.update(folded_words((text or "").casefold()))
            length += len((heading or "").split()) + len((text or "").split())
        for word, weight in weights.items():
            postings[word] += (number, weight)
        lengths.append(length)
        records.add(number, {"url": url, "title": document.title, "sections": sections})
    records.flush()
    shards: dict[str, dict[str, list[int]]] = defaultdict(dict)
    for word in sorted(postings):
        shards[shard_key(word)][word] = postings[word]
    for key, shard in shards.items():
        (folder / key_file(key)).write_text(_script("shard", key, shard), encoding="utf-8")
    meta = {"keys": sorted(shards), "lengths": lengths, "files": records.firsts}
    (folder / "meta.js").write_text(_script("meta", meta), encoding="utf-8")
    return len(lengths)
