"""The loader reads a plain block mapping with the arbiter alone, and other plain block
YAML with libyaml: the result is the same as the careful composer's, and files they
refuse, or that YAML 1.2 reads otherwise, still go to the careful composer."""

from __future__ import annotations

from pathlib import Path

import pytest
from yaml.reader import Reader

from shora.load import loader
from shora.load.loader import load_bytes

from .site_project import REPO

FILES = sorted(p for folder in ("resolutions", "councils") for p in (REPO / folder).rglob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_fast_and_careful_composers_agree(path: Path) -> None:
    raw = path.read_bytes()
    fast, fast_problems = load_bytes(raw, "x.yml")
    careful, careful_problems = load_bytes(raw, "x.yml", careful=True)
    assert fast is not None and careful is not None
    assert fast.data == careful.data
    assert fast.source_map == careful.source_map
    assert fast_problems == careful_problems


def test_the_fast_path_is_taken_for_plain_files() -> None:
    assert loader._CParser is not None
    text = (REPO / "resolutions" / "_topics.yml").read_text(encoding="utf-8")
    assert loader._compose_fast(text) not in (False, None)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_arbiter_agrees_with_the_fast_path_on_every_data_file(path: Path) -> None:
    # Where YAML 1.2 read a data file otherwise, the careful path would be taken: slower.
    assert loader._load_fast(path.read_text(encoding="utf-8"), "x.yml") is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: [[1]]\n",
        "- - - - 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 'open\n",
        "a: \x07\n",
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 40)),
    ],
)
def test_what_the_fast_path_refuses(text: str) -> None:
    fast = loader._compose_fast(text)
    document, problems = load_bytes(text.encode(), "x.yml")
    careful, careful_problems = load_bytes(text.encode(), "x.yml", careful=True)
    assert problems == careful_problems
    assert (document is None) == (careful is None)
    if text.startswith("a:\n"):
        assert fast not in (False, None)  # composed, then refused for its depth
        assert any("nesting is deeper" in p.message for p in problems)
    else:
        assert fast is False


# The arbiter alone: a text of the plain subset is read by yaml12 without composing.


def test_a_plain_data_file_is_read_by_the_arbiter_alone() -> None:
    text = (REPO / "resolutions" / "_topics.yml").read_text(encoding="utf-8")
    assert loader._in_plain_subset(text)
    plain = loader._load_plain(text, "x.yml", loader._arbitrate(text))
    assert plain is not None
    careful, problems = load_bytes(text.encode(), "x.yml", careful=True)
    assert careful is not None and problems == plain[1] == []
    assert plain[0].data == careful.data
    assert plain[0].source_map == careful.source_map


@pytest.mark.parametrize(
    "text",
    [
        "a: 1\na: 2\n",
        "a: 1\n'a': 2\n",
        '"a": 1\na: 2\n',
        "a : 1\na: 2\n",
        "x:\n  b: 1\n  c: 2\n  b: 3\n",
        "x:\n- b: 1\n  b: 2\n",
        "x:\n  - b: 1\n    c: |\n      d: 4\n    b: 2\n",
        "it's: 1\n'it''s': 2\n",
        "نام: ۱\nنام: ۲\n",
    ],
)
def test_a_duplicate_key_is_never_read_by_the_arbiter_alone(text: str) -> None:
    # The arbiter keeps the last of two keys: the composing paths report them.
    assert loader._in_plain_subset(text)
    assert loader._load_plain(text, "x.yml", loader._arbitrate(text)) is None
    _, problems = load_bytes(text.encode(), "x.yml")
    assert any("duplicate key" in p.format() for p in problems)
    assert problems == load_bytes(text.encode(), "x.yml", careful=True)[1]


@pytest.mark.parametrize(
    "text",
    [
        "a: x # comment\n",
        "a: [1, 2]\n",
        "a: {b: 1}\n",
        "? a\n: 1\n",
        "a:\t1\n",
        'a: "\\u0041"\n',
        "a: b\u2028c\n",
        "---\na: 1\n",
        "a:\n- - 1\n",
        "a: &x 1\n",
    ],
)
def test_what_the_plain_subset_leaves_out(text: str) -> None:
    assert not loader._in_plain_subset(text)


def test_one_expression_finds_every_character_the_plain_subset_leaves_out() -> None:
    # Every code point a decoded text can hold (no lone surrogates), each on its own
    # line: the expression finds exactly those YAML does not allow and those the
    # subset leaves out.
    points = [c for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    text = "".join(chr(c) for c in points)
    found = {m.start() for m in loader._OUTSIDE_PLAIN_CHARACTER_RE.finditer(text)}
    expected = {
        index
        for index, c in enumerate(points)
        if chr(c) in loader._OUTSIDE_PLAIN_CHARACTERS
        or Reader.NON_PRINTABLE.match(chr(c)) is not None
    }
    assert found == expected
    assert len(expected) > 60  # (the control characters, at least)


def test_lines_that_only_look_like_keys_send_the_text_to_the_composing_paths() -> None:
    text = "a: |\n  b: 1\nc: 2\n"
    assert loader._load_plain(text, "x.yml", loader._arbitrate(text)) is None
    document, problems = load_bytes(text.encode(), "x.yml")
    assert document is not None and document.data == {"a": "b: 1\n", "c": 2}
    assert problems == []


def test_positions_of_a_value_libyaml_reads_otherwise() -> None:
    # libyaml reads the last line's spaces otherwise than YAML 1.2 ('x\n ' for 'x\n \n'):
    # positions come from where the arbiter's reading is found, fresh or from the cache.
    raw = b"a: 1\nfoo: |\n  x\n   "
    fresh, _ = load_bytes(raw, "x.yml")
    careful, _ = load_bytes(raw, "x.yml", careful=True)
    assert fresh is not None and careful is not None
    assert fresh.data == careful.data == {"a": 1, "foo": "x\n \n"}
    cached = loader.document_of(raw, "x.yml", fresh.data, "x.yml")
    assert fresh.source_map == careful.source_map == cached.source_map
