"""The search indexes made from one set of search documents, each folded once: what
the shortcuts of shora.publish.search_index and shora.publish.disk_search give is what
the definitions give, over every text of the demo data's documents."""

from __future__ import annotations

from collections import Counter
from html import escape
from pathlib import Path

import pytest

from shora.core.persian import fold
from shora.publish.disk_search import folded_words, words
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
