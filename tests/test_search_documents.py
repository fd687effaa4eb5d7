"""The search indexes made from one set of search documents, each folded once: what
the shortcuts of shora.publish.search_index and shora.publish.disk_search give is what
the definitions give, over every text of the demo data's documents."""

from __future__ import annotations

import json
from collections import Counter
from html import escape
from pathlib import Path
from typing import Any

import pytest

from shora.core.persian import fold
from shora.publish.disk_search import (
    RECORDS_FILE_BYTES,
    REGISTRY,
    disk_path,
    folded_words,
    words,
    write_disk_index,
)
from shora.publish.search_index import SearchDocument, documents, index_fold, pagefind_html
from shora.validate import validate_project

REPO = Path(__file__).resolve().parents[1]
# Runs punctuation splits, parts of one ASCII character, marks and letter variants.
TRICKY = [
    "mass-organizing x.yml:3 a,b a-b-c _x_ foo_bar x__y 1.2.3 a. .a é-a a-é",
    "«قطعنامهٔ» مُصَوَّب، خانۀ كمونيسم ١٣٨٨-۱۳۸۹ توده\u200cای",
    "ΣΑΣ Straße ﬁnal ﷲ",
]


@pytest.fixture(scope="module")
def demo_documents() -> list[tuple[str, SearchDocument]]:
    dataset = validate_project(REPO / "examples" / "demo").dataset
    # No built site: the hand-written pages are left out, the data's are all there.
    return list(documents(dataset, REPO / "examples" / "demo" / "no-site"))


def _texts(found: list[tuple[str, SearchDocument]]) -> list[str]:
    texts = [*TRICKY]
    for _url, document in found:
        texts.append(document.title)
        texts.extend(
            text for _anchor, heading, text in document.sections for text in (heading, text)
        )
    return texts


def test_the_demo_data_gives_documents_in_both_languages(
    demo_documents: list[tuple[str, SearchDocument]],
) -> None:
    languages = Counter(document.language for _url, document in demo_documents)
    assert languages["fa"] == languages["en"] > 150


def test_the_disk_index_finds_in_a_folded_text_the_words_of_the_text(
    demo_documents: list[tuple[str, SearchDocument]],
) -> None:
    """The disk index takes the words of the text both indexes hold, case folded:
    those :func:`words` finds in the text itself."""
    for text in _texts(demo_documents):
        assert folded_words(index_fold(text).casefold()) == words(text), text
        assert folded_words(fold(text)) == words(text), text


def test_a_document_is_folded_as_its_texts_are(
    demo_documents: list[tuple[str, SearchDocument]],
) -> None:
    for _url, document in demo_documents[::7]:
        assert document.folded_title == index_fold(document.title)
        assert document.folded_sections == [
            (anchor, index_fold(heading), index_fold(text))
            for anchor, heading, text in document.sections
        ]
        html = pagefind_html(document)
        assert f"<h1>{escape(index_fold(document.title))}</h1>" in html
        for _anchor, _heading, text in document.sections:
            assert f"<p>{escape(index_fold(text))}</p>" in html


def test_a_heading_folded_to_nothing_is_still_a_heading() -> None:
    """Whether a section has a heading is the text's, not its folding's."""
    document = SearchDocument("fa", "عنوان", [(None, "", "متن"), ("c-1", "\u0640", "بند")])
    assert '<h2 id="c-1"></h2><p>بند</p>' in pagefind_html(document)


def test_the_records_of_the_disk_index_are_few_files_each_found_by_meta(
    demo_documents: list[tuple[str, SearchDocument]], tmp_path: Path
) -> None:
    """Consecutive pages share a file of records up to its size (a longer page alone);
    meta.js names each file's first page, so the search finds any page's record, all
    of them in order."""
    fa = [(url, document) for url, document in demo_documents if document.language == "fa"]
    assert write_disk_index(fa, tmp_path, "fa") == len(fa)
    folder = tmp_path / disk_path("fa")
    meta = _called(folder / "meta.js", "meta")[0]
    files = sorted(folder.glob("p-*.js"), key=lambda path: int(path.stem[2:]))
    assert [path.name for path in files] == [f"p-{n}.js" for n in range(len(meta["files"]))]
    assert 1 < len(files) < len(fa) / 5
    records: list[dict[str, object]] = []
    for path, first in zip(files, meta["files"], strict=True):
        start, pages = _called(path, "pages")
        assert start == first == len(records)
        assert len(pages) == 1 or path.stat().st_size <= RECORDS_FILE_BYTES + 64, path.name
        records += pages
    assert [record["url"] for record in records] == [url for url, _document in fa]
    assert records[3]["title"] == fa[3][1].title


def _called(path: Path, call: str) -> list[Any]:
    """The arguments of the one call a file of the disk index makes."""
    text = path.read_text(encoding="utf-8")
    prefix = f"{REGISTRY}.{call}("
    assert text.startswith(prefix) and text.endswith(");\n"), text[:80]
    return json.loads(f"[{text[len(prefix) : -3]}]")
