"""The safe YAML loader: core schema, positions, refusals and limits."""

from __future__ import annotations

import math
import os
import time
import tracemalloc
from pathlib import Path
from typing import Any

import pytest

from shora.core.diagnostics import Severity
from shora.load.loader import (
    MAX_DEPTH,
    MAX_FILE_BYTES,
    MAX_LOADER_PROBLEMS,
    Document,
    Position,
    document_of,
    load_bytes,
    load_file,
)


def load(text: str) -> tuple[Document | None, list[str]]:
    document, diagnostics = load_bytes(text.encode("utf-8"), "f.yml")
    for diagnostic in diagnostics:
        assert diagnostic.path == "f.yml"
        assert diagnostic.severity is Severity.ERROR
    return document, [f"{d.line}:{d.col}: {d.message}" for d in diagnostics]


def data(text: str) -> Any:
    document, problems = load(text)
    assert problems == []
    assert document is not None
    return document.data


# ---------------------------------------------------------------- core schema


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("NO", "NO"),  # Norway, not false (YAML 1.1 would say False)
        ("no", "no"),
        ("yes", "yes"),
        ("on", "on"),
        ("off", "off"),
        ("y", "y"),
        ("19:30", "19:30"),  # not 1170 (YAML 1.1 sexagesimal)
        ("2009-07-27", "2009-07-27"),  # not a date object
        ("2009-07-27T10:00:00Z", "2009-07-27T10:00:00Z"),
        ("1_000", "1_000"),
        ("0b101", "0b101"),
        ("true", True),
        ("True", True),
        ("TRUE", True),
        ("false", False),
        ("False", False),
        ("FALSE", False),
        ("42", 42),
        ("-7", -7),
        ("+3", 3),
        ("010", 10),  # decimal in the core schema, not octal
        ("0o17", 15),
        ("0x1F", 31),
        ("1.5", 1.5),
        ("-0.25", -0.25),
        ("1e3", 1000.0),
        ("6.02E+23", 6.02e23),
        (".5", 0.5),
        (".inf", math.inf),
        ("-.Inf", -math.inf),
        ("~", None),
        ("null", None),
        ("Null", None),
        ("NULL", None),
        ("", None),
        ('"true"', "true"),
        ("'42'", "42"),
        ('"19:30"', "19:30"),
        ('""', ""),
    ],
)
def test_core_schema_scalars(written: str, value: object) -> None:
    loaded = data(f"key: {written}\n")["key"]
    assert loaded == value
    assert type(loaded) is type(value)


def test_nan_is_a_float() -> None:
    assert math.isnan(data("key: .nan\n")["key"])


def test_keys_are_text() -> None:
    assert data("1: a\ntrue: b\nNO: c\n~: d\n") == {"1": "a", "true": "b", "NO": "c", "null": "d"}


def test_structures() -> None:
    assert data("a:\n  - 1\n  - b: [x, 'y']\nc: {d: e}\n") == {
        "a": [1, {"b": ["x", "y"]}],
        "c": {"d": "e"},
    }


def test_byte_order_mark_is_dropped() -> None:
    document, problems = load_bytes("\ufeffa: 1\n".encode(), "f.yml")
    assert problems == []
    assert document is not None
    assert document.text == "a: 1\n"
    assert document.data == {"a": 1}


# ---------------------------------------------------------------- positions


def test_positions_of_keys_and_values_are_one_based() -> None:
    text = "title:\n  fa: متن\n  en: Text\nlist:\n  - one\n  -   two\nflow: [a, bb]\n"
    document, problems = load(text)
    assert problems == []
    assert document is not None
    source = document.source_map
    assert source.key(("title",)) == Position(1, 1)
    assert source.value(("title",)) == Position(2, 3)
    assert source.key(("title", "fa")) == Position(2, 3)
    assert source.value(("title", "fa")) == Position(2, 7)
    assert source.value(("title", "en")) == Position(3, 7)
    assert source.value(("list", 0)) == Position(5, 5)
    assert source.value(("list", 1)) == Position(6, 7)
    assert source.value(("flow", 1)) == Position(7, 11)
    # A list item has no key: its key position is its value's.
    assert source.key(("list", 1)) == Position(6, 7)
    # Paths that do not exist fall back to their nearest ancestor, then to 1:1.
    assert source.value(("title", "de")) == Position(2, 3)
    assert source.value(("nothing",)) == Position(1, 1)


def test_spans_point_into_the_text() -> None:
    text = 'a: "quoted"\nb: plain text\n'
    document, _ = load(text)
    assert document is not None
    start, end = document.source_map.spans[("a",)]
    assert text[start:end] == '"quoted"'
    start, end = document.source_map.spans[("b",)]
    assert text[start:end] == "plain text"


def test_position_of_index() -> None:
    document, _ = load("a: 1\nbb: ۲۳\n")
    assert document is not None
    assert document.position_of_index(0) == Position(1, 1)
    assert document.position_of_index(5) == Position(2, 1)
    assert document.position_of_index(document.text.index("۳")) == Position(2, 6)


def test_crlf_positions() -> None:
    document, problems = load("a: 1\r\nb:\r\n  c: x\r\n")
    assert problems == []
    assert document is not None
    assert document.data == {"a": 1, "b": {"c": "x"}}
    assert document.source_map.value(("b", "c")) == Position(3, 6)


# ---------------------------------------------------------------- refusals


def test_duplicate_keys_keep_the_first_and_are_reported() -> None:
    document, problems = load("a: 1\nb:\n  c: 2\n  c: 3\na: 4\n")
    assert problems == [
        "4:3: duplicate key 'c' (first defined on line 3): keep only one",
        "5:1: duplicate key 'a' (first defined on line 1): keep only one",
    ]
    assert document is not None
    assert document.data == {"a": 1, "b": {"c": 2}}


def test_anchors_and_aliases_are_refused_and_not_expanded() -> None:
    document, problems = load("a: &x [1, 2]\nb: *x\n")
    assert problems == [
        "1:4: anchors are not allowed (found '&x'): remove it and write repeated values "
        "out in full",
        "2:4: aliases are not allowed (found '*x'): write the value out in full",
    ]
    assert document is not None
    assert document.data == {"a": [1, 2], "b": None}


def test_merge_keys_are_refused() -> None:
    _, problems = load("base: &b {x: 1}\nother:\n  <<: *b\n")
    assert problems[-1] == "3:7: aliases are not allowed (found '*b'): write the value out in full"


def billion_laughs(levels: int = 9) -> bytes:
    names = "abcdefghijklmnopqrstuvwxyz"
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(['"lol"'] * 9) + "]"]
    for i in range(1, levels):
        aliases = ", ".join([f"*{names[i - 1]}"] * 9)
        lines.append(f"{names[i]}: &{names[i]} [{aliases}]")
    return ("\n".join(lines) + "\n").encode()


def test_alias_bomb_is_refused_with_flat_memory() -> None:
    raw = billion_laughs(9)  # 9**9 = 387,420,489 strings if expanded
    tracemalloc.start()
    started = time.perf_counter()
    try:
        document, diagnostics = load_bytes(raw, "bomb.yml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    elapsed = time.perf_counter() - started
    assert peak < 4 * 1024 * 1024
    assert elapsed < 5  # a generous sanity bound; it takes milliseconds
    assert len(diagnostics) == MAX_LOADER_PROBLEMS
    assert diagnostics[0].message.startswith("anchors are not allowed (found '&a')")
    assert all(
        d.message.startswith(("anchors are not allowed", "aliases are not allowed"))
        for d in diagnostics
    )
    # Nothing was expanded: every alias became a single empty value.
    assert document is not None
    assert document.data["i"] == [None] * 9


def test_python_tags_are_refused_and_never_run(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object) -> int:
        raise AssertionError("os.system was called")

    monkeypatch.setattr(os, "system", refuse)
    document, problems = load('a: !!python/object/apply:os.system ["echo pwned"]\n')
    assert problems == [
        "1:4: tags are not allowed (found '!!python/object/apply:os.system'): remove it; "
        "put the value in quotes if it must stay text"
    ]
    assert document is not None
    assert document.data == {"a": ["echo pwned"]}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("a: !custom x\n", "1:4: tags are not allowed (found '!custom'): remove it; "),
        ("a: !!str 5\n", "1:4: tags are not allowed (found '!!str'): remove it; "),
        ("a: !!binary aGVsbG8=\n", "1:4: tags are not allowed (found '!!binary'): remove it; "),
    ],
)
def test_other_tags_are_refused(text: str, problem: str) -> None:
    _, problems = load(text)
    assert problems == [problem + "put the value in quotes if it must stay text"]


def test_nesting_limit() -> None:
    def nested(levels: int) -> str:
        # The top-level mapping is the first level.
        return "k: " + "[" * (levels - 1) + "]" * (levels - 1) + "\n"

    assert load(nested(MAX_DEPTH))[1] == []
    document, problems = load(nested(MAX_DEPTH + 1))
    assert document is None
    assert problems == [
        f"1:{3 + MAX_DEPTH}: nesting is deeper than {MAX_DEPTH} levels: data files need far "
        "fewer; check the brackets and the indentation"
    ]


def test_nesting_limit_in_block_style() -> None:
    # One space of indentation per level: keys count as one level below their mapping.
    def nested(levels: int) -> str:
        return "".join(" " * i + "a:\n" for i in range(levels))

    assert load(nested(MAX_DEPTH - 1))[1] == []
    document, problems = load(nested(MAX_DEPTH + 8))
    assert document is None
    assert problems == [
        f"{MAX_DEPTH}:{MAX_DEPTH}: nesting is deeper than {MAX_DEPTH} levels: data files "
        "need far fewer; check the brackets and the indentation"
    ]


def test_key_that_is_not_text() -> None:
    document, problems = load("? [a]\n: b\nc: d\n")
    assert problems == [
        "1:3: a key must be plain text, found a list: write a single word or text before ':'"
    ]
    assert document is not None
    assert document.data == {"c": "d"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("", "1:1: the file is empty: it needs at least the required keys (see the schema)"),
        ("# only\n# comments\n", "1:1: the file is empty: it needs at least the required keys "),
        ("- a\n- b\n", "1:1: the top level must be a mapping of 'key: value' lines, found a list"),
        ("hello\n", "1:1: the top level must be a mapping of 'key: value' lines, found a single"),
        ("a: 1\n---\nb: 2\n", "2:1: the file holds more than one YAML document: remove this "),
        ("a: 1\n...\nb: 2\n", "2:1: the file holds more than one YAML document: remove this "),
    ],
)
def test_unusable_files(text: str, problem: str) -> None:
    document, problems = load(text)
    assert document is None
    assert len(problems) == 1
    assert problems[0].startswith(problem)


# ---------------------------------------------------------------- syntax errors


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a:\n\tb: 1\n", "2:1: YAML syntax error: a tab character is not allowed here; indent "),
        ('a: "x\nb: 1\n', "1:4: YAML syntax error: the quoted text that starts here is never "),
        ("a: [x, y\nb: 1\n", "1:4: YAML syntax error: the '[' here is not closed: add ']' "),
        ("a: {x: 1\nb: 1\n", "1:4: YAML syntax error: the '{' here is not closed: add '}' "),
        ("a:\n  b: 1\n   c: 2\n", "3:5: YAML syntax error: unexpected ':' here: if this line "),
        ("a:\n  b: 1\n c: 2\n", "3:2: YAML syntax error: this line is not aligned with the "),
        ("a: b: c\n", "1:5: YAML syntax error: the text holds ': ', which YAML reads as the "),
        ("a: 1\ntext\nb: 2\n", "2:1: YAML syntax error: this line has no 'key:': write "),
        ("a: 1\n- b\n", "2:1: YAML syntax error: a list item ('- ') cannot stand here: check "),
        ("a: @x\n", "1:4: YAML syntax error: a value cannot start with @: put values "),
        ('a: "\\q"\n', "1:6: YAML syntax error: '\\q' is not an escape that double quotes "),
    ],
)
def test_syntax_errors_are_located_and_explained(text: str, expected: str) -> None:
    document, problems = load(text)
    assert document is None
    assert len(problems) == 1
    assert problems[0].startswith(expected)


def test_invalid_utf8_is_located_in_characters() -> None:
    raw = "a: 1\nb: ۱۲".encode() + b"\xff rest\n"
    document, diagnostics = load_bytes(raw, "f.yml")
    assert document is None
    assert [d.format() for d in diagnostics] == [
        "f.yml:2:6: error: the file is not valid UTF-8 (byte 0xff); save it with UTF-8 encoding"
    ]


@pytest.mark.parametrize(("character", "code"), [("\x00", "0000"), ("\x07", "0007")])
def test_control_characters_are_located(character: str, code: str) -> None:
    document, problems = load(f"a: 1\nb: x{character}y\n")
    assert document is None
    assert problems == [
        f"2:5: the file contains a control character (U+{code}) that YAML does not allow: delete it"
    ]


def test_problems_are_capped() -> None:
    text = "".join(f"k{i}: &a{i} x\n" for i in range(MAX_LOADER_PROBLEMS + 10))
    _, problems = load(text)
    assert len(problems) == MAX_LOADER_PROBLEMS


# ---------------------------------------------------------------- size cap and files


def test_too_large_bytes_are_refused() -> None:
    document, diagnostics = load_bytes(b"#" * (MAX_FILE_BYTES + 1), "big.yml")
    assert document is None
    assert [d.format() for d in diagnostics] == [
        "big.yml:1:1: error: the file is too large (1,048,577 bytes; the limit is 1,048,576): "
        "split it into several files"
    ]


def test_file_at_the_limit_is_read() -> None:
    raw = b"a: 1\n" + b"#" * (MAX_FILE_BYTES - 5)
    assert len(raw) == MAX_FILE_BYTES
    document, diagnostics = load_bytes(raw, "f.yml")
    assert diagnostics == []
    assert document is not None


def test_too_large_file_is_refused_without_being_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "big.yml"
    with path.open("wb") as handle:
        handle.truncate(MAX_FILE_BYTES * 64)  # sparse: large on paper, cheap on disk

    def refuse(self: Path) -> bytes:
        raise AssertionError("the file was read")

    monkeypatch.setattr(Path, "read_bytes", refuse)
    monkeypatch.setattr(Path, "read_text", refuse)
    monkeypatch.setattr(Path, "open", refuse)
    document, diagnostics = load_file(path, "big.yml")
    assert document is None
    assert [d.format() for d in diagnostics] == [
        "big.yml:1:1: error: the file is too large (67,108,864 bytes; the limit is 1,048,576): "
        "split it into several files"
    ]


def test_load_file_reads_and_names_the_file(tmp_path: Path) -> None:
    path = tmp_path / "ok.yml"
    path.write_text("a: [1, 2]\n", encoding="utf-8")
    document, diagnostics = load_file(path, "shown/ok.yml")
    assert diagnostics == []
    assert document is not None
    assert document.path == "shown/ok.yml"
    assert document.data == {"a": [1, 2]}


def test_unreadable_file_is_reported(tmp_path: Path) -> None:
    document, diagnostics = load_file(tmp_path / "missing.yml", "missing.yml")
    assert document is None
    assert [d.format() for d in diagnostics] == [
        "missing.yml:1:1: error: cannot read the file: No such file or directory"
    ]


# ---------------------------------------------------------------- YAML 1.2 (the arbiter)


def both_paths(text: str) -> tuple[Document | None, list[str]]:
    """The answer of the loader, checked to be the same on the fast and careful paths."""
    raw = text.encode("utf-8")
    fast, fast_problems = load_bytes(raw, "f.yml")
    careful, careful_problems = load_bytes(raw, "f.yml", careful=True)
    assert (fast and fast.data, fast_problems) == (careful and careful.data, careful_problems)
    assert [(d.line, d.col) for d in fast_problems] == [(d.line, d.col) for d in careful_problems]
    return fast, [f"{d.line}:{d.col}: {d.severity}: {d.message}" for d in fast_problems]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'key: "value"# comment\n',
            "1:13: error: YAML syntax error: a comment needs a space before its '#': write ' #', "
            "or, if the '#' is part of the text, put the whole value in double quotes",
        ),
        (
            "block: ># comment\n  scalar\n",
            "1:9: error: YAML syntax error: expected chomping or indentation indicators, "
            "but found '#' (while scanning a block scalar)",
        ),
        (
            "a: [b,\nc]\n",
            "2:1: error: YAML syntax error: a line inside '[ ]' or '{ }' must be indented more "
            "than the key it belongs to: indent it",
        ),
    ],
)
def test_invalid_yaml_that_pyyaml_accepts_is_refused(text: str, expected: str) -> None:
    document, problems = both_paths(text)
    assert document is None
    assert problems == [expected]


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("a: b\t\nc: d\n", {"a": "b", "c": "d"}),  # a tab after a value
        ("a: b\n\t\nc: d\n", {"a": "b", "c": "d"}),  # an empty line holding a tab
        ("- a\n-\tb\n", None),  # a tab after '-' (the top level is then a list)
        ("a: {x\n  : y}\n", {"a": {"x": "y"}}),  # ':' on the next line inside '{ }'
        ("a: {x: :x}\n", {"a": {"x": ":x"}}),
        ("a: { ?foo: bar }\n", {"a": {"?foo": "bar"}}),  # PyYAML reads the key as 'foo'
        ("a: |\n  x\n   \n", {"a": "x\n \n"}),  # PyYAML loses the spaced last line
        ("title: Hello\t\nnote: Hi!\n", {"title": "Hello", "note": "Hi!"}),
    ],
)
def test_valid_yaml_is_read_as_yaml_1_2_reads_it(text: str, value: Any) -> None:
    document, problems = both_paths(text)
    if value is None:
        assert document is None
        assert problems == [
            "1:1: error: the top level must be a mapping of 'key: value' lines, found a list"
        ]
    else:
        assert problems == []
        assert document is not None
        assert document.data == value


@pytest.mark.parametrize("comment", ["", "# hi!\n", "# &x\n", "# *x\n", "# !!str\n"])
def test_a_comment_holding_anchor_alias_or_tag_signs_changes_nothing(comment: str) -> None:
    for text in ("a: b\t\nc: d\n", "a: { ?foo: bar }\n", 'key: "value"# c\n', "a: [1,\n2]\n"):
        plain = both_paths(text)
        commented = both_paths(comment + text)
        assert (plain[0] and plain[0].data) == (commented[0] and commented[0].data)
        assert [p.split(": ", 1)[1] for p in plain[1]] == [
            p.split(": ", 1)[1] for p in commented[1]
        ]


def test_keys_are_spelled_as_yaml_writes_them() -> None:
    assert data("true: 1\nFalse: 2\n0x1F: 3\n1.50: 4\n.inf: 5\n-.Inf: 6\n.NaN: 7\n") == {
        "true": 1,
        "false": 2,
        "31": 3,
        "1.5": 4,
        ".inf": 5,
        "-.inf": 6,
        ".nan": 7,
    }
    # Keys that Python would take for one (1 == True == 1.0) stay apart.
    assert data("1: a\ntrue: b\n1.0: c\n") == {"1": "a", "true": "b", "1.0": "c"}


def test_a_document_only_yaml_1_2_reads_has_positions() -> None:
    # PyYAML refuses the tab after 'seq:'; libyaml gives the positions.
    document, problems = both_paths("a: b\t\nseq:\t\n - x\nc: d\n")
    assert problems == []
    assert document is not None
    assert document.source_map.key(("c",)) == Position(4, 1)
    assert document.source_map.value(("seq", 0)) == Position(3, 4)


def test_anchors_in_a_document_pyyaml_cannot_read_are_refused_by_design() -> None:
    document, problems = both_paths("&a: key: &a value\nfoo:\n  *a:\n")
    assert document is None
    assert problems == [
        "1:1: error: anchors are not allowed (found '&a:'): remove it and write repeated "
        "values out in full"
    ]


# ---------------------------------------------------------------- text an editor meant


def test_a_comment_that_cuts_a_plain_text_short_is_warned() -> None:
    document, problems = both_paths("title:\n  fa: نشست # ۵ شورا\n  en: Meeting\n")
    assert document is not None
    assert document.data == {"title": {"fa": "نشست", "en": "Meeting"}}
    assert problems == [
        "2:12: warning: the text stops before ' #': what follows is a comment; if it is part "
        'of the text, put the whole value in double quotes: fa: "نشست # ۵ شورا" (if it is a '
        "comment, put it on a line of its own)"
    ]


def test_a_list_item_cut_short_is_warned() -> None:
    _, problems = both_paths("points:\n  - Item # 2 of the list\n")
    assert problems == [
        "2:10: warning: the text stops before ' #': what follows is a comment; if it is part "
        'of the text, put the whole value in double quotes: - "Item # 2 of the list" (if it is '
        "a comment, put it on a line of its own)"
    ]


@pytest.mark.parametrize(
    "text",
    [
        "a: 5 # a number, not text\n",
        'a: "quoted" # after quotes\n',
        "# a: whole line\na: b\n",
        "a: b#not a comment\n",
        "a: [b] # after a list\n",
        "a: point-2  # a comment meant as one: two spaces\n",
        "a: b\t# after a tab\n",
        "a:\n  - x    # aligned\n",
    ],
)
def test_comments_that_cut_no_text_are_not_warned(text: str) -> None:
    document, problems = both_paths(text)
    assert document is not None
    assert problems == []


def test_a_text_starting_with_a_dash_is_explained() -> None:
    document, problems = both_paths("title:\n  fa: - بند نخست\n")
    assert document is None
    assert problems == [
        "2:7: error: YAML syntax error: a text that starts with '- ' reads as a list item; "
        'put the whole text in double quotes: fa: "- بند نخست"'
    ]


def test_a_text_holding_colon_space_is_explained() -> None:
    document, problems = both_paths('intro: The council decides: "yes"\n')
    assert document is None
    assert problems == [
        "1:27: error: YAML syntax error: the text holds ': ', which YAML reads as the start "
        'of another key; put the whole text in double quotes: intro: "The council decides: '
        '\\"yes\\""'
    ]


def test_messages_are_in_persian_too() -> None:
    _, diagnostics = load_bytes(b"a: &x 1\n", "f.yml")
    assert [d.format("fa") for d in diagnostics] == [
        "f.yml:1:4: خطا: لنگر (anchor) مجاز نیست ('\u2068&x\u2069' آمده است): آن را بردارید "
        "و مقدارهای تکراری را کامل بنویسید"
    ]


def test_alias_bomb_that_pyyaml_cannot_read_is_never_expanded() -> None:
    # The tab after 'seq:' is valid YAML 1.2 that PyYAML refuses: the arbiter, which
    # expands aliases, must not be given this text.
    raw = billion_laughs(9) + b"seq:\t\n - x\n"
    tracemalloc.start()
    try:
        document, diagnostics = load_bytes(raw, "bomb.yml")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 4 * 1024 * 1024
    assert document is None
    assert [d.message for d in diagnostics] == [
        "anchors are not allowed (found '&a'): remove it and write repeated values out in full"
    ]


def test_anchor_and_alias_signs_in_comments_do_not_hide_invalid_yaml() -> None:
    document, problems = both_paths("# &a and *b\na: {b: -}\n")
    assert document is None
    assert problems == [
        "2:8: error: YAML syntax error: a text inside '[ ]' or '{ }' cannot start with '-' "
        "followed by ',', a bracket or a brace: put the text in double quotes"
    ]
    document, problems = both_paths("# &a and *b\na: 'x * y'\n")
    assert problems == []
    assert document is not None
    assert document.data == {"a": "x * y"}


def test_a_comment_inside_brackets_is_not_warned() -> None:
    document, problems = both_paths("a: [b # c\n  , d]\ne: {f: g # h\n  }\n")
    assert document is not None
    assert document.data == {"a": ["b", "d"], "e": {"f": "g"}}
    assert problems == []


def test_positions_of_a_document_only_yaml_1_2_reads_are_found_again() -> None:
    # As the validator's cache does: the data kept, the positions found when needed.
    text = "a: b\t\nseq:\t\n - x\nc: d\n"
    document, _ = both_paths(text)
    assert document is not None
    again = document_of(text.encode(), "f.yml", document.data, "f.yml")
    assert again.source_map == document.source_map


def test_positions_where_neither_pyyaml_nor_libyaml_reads_the_document() -> None:
    # An empty line holding a tab: valid YAML 1.2, refused by PyYAML and libyaml alike.
    document, problems = both_paths("foo: 1\n\t\nbar:\n  baz: 2\n")
    assert problems == []
    assert document is not None
    assert document.data == {"foo": 1, "bar": {"baz": 2}}
    source = document.source_map
    assert source.key(("bar",)) == Position(3, 1)
    assert source.key(("bar", "baz")) == Position(4, 3)
    assert source.value(("bar", "baz")) == Position(4, 8)


@pytest.mark.parametrize(
    "text",
    [
        "id: 9223372036854775809\n",  # beyond 64 bits: the arbiter's reading is a float
        "? '\x85  '\n: null\n",  # NEL is no line break in YAML 1.2
        "a: x*y & z\n",
    ],
)
def test_a_comment_with_anchor_alias_and_tag_characters_changes_nothing(text: str) -> None:
    """The careful path (taken for any '&', '*' or '!') reads what the fast path reads."""
    plain, plain_problems = load_bytes(text.encode("utf-8"), "f.yml")
    commented, commented_problems = load_bytes(
        (text + "# &anchor *alias !tag\n").encode("utf-8"), "f.yml"
    )
    assert plain is not None and commented is not None
    assert plain_problems == commented_problems == []
    assert repr(plain.data) == repr(commented.data)
