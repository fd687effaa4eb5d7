"""The loader against the official YAML test suite (tests/yaml-test-suite/, vendored
from github.com/yaml/yaml-test-suite by scripts/fetch-yaml-test-suite).

Every invalid document is refused. Every valid document is either accepted, with the
value of the suite's ``in.json``, or refused by design, for a reason the suite's own
parse events (``test.event``) confirm: an anchor, an alias or a tag, several
documents, no document at all, a top level that is not a mapping, or a key that is
a list or a mapping. The fast path (libyaml) and the careful path give one answer.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message
from shora.load.loader import Document, load_bytes

SUITE = Path(__file__).parent / "yaml-test-suite"
CASES = sorted(p.parent.relative_to(SUITE).as_posix() for p in SUITE.rglob("in.yaml"))

# The loader's refusals by design, known by their message templates.
REASONS = {
    "aliases are not allowed (found '{alias}'): write the value out in full": "alias",
    "anchors are not allowed (found '{anchor}'): remove it and "
    "write repeated values out in full": "anchor",
    "tags are not allowed (found '{tag}'): remove it; "
    "put the value in quotes if it must stay text": "tag",
    "the file holds more than one YAML document: remove this '---' or '...' line "
    "so that one document remains": "several documents",
    "the file is empty: it needs at least the required keys (see the schema)": "empty",
    "the top level must be a mapping of 'key: value' lines, found {kind}": "not a mapping",
    "a key must be plain text, found {kind}: write a single word or text before ':'": (
        "key not text"
    ),
}


def designed_reasons(events: str) -> set[str]:
    """What a case holds that the loader refuses by design, read from the suite's
    parse events (one event a line: +DOC, +MAP, =VAL &anchor <tag> :text, =ALI ...)."""
    reasons: set[str] = set()
    lines = events.splitlines()
    documents = [i for i, line in enumerate(lines) if line.startswith("+DOC")]
    if len(documents) > 1:
        reasons.add("several documents")
    if not documents:
        reasons.add("empty")
    else:
        first = lines[documents[0] + 1]
        if first in ("=VAL :", "-DOC"):
            reasons.add("empty")
        elif not first.startswith("+MAP"):
            reasons.add("not a mapping")
    # A mapping's entries alternate key, value: a collection in a key's place is a key
    # that is not text. The stack holds, for each open collection, whether a key is next
    # (None for a sequence).
    key_next: list[bool | None] = []
    for line in lines:
        kind, _, rest = line.partition(" ")
        if kind == "=ALI":
            reasons.add("alias")
        if re.search(r"(?:^| )&\S", rest):
            reasons.add("anchor")
        if re.search(r"(?:^| )<", rest):
            reasons.add("tag")
        if kind in ("+MAP", "+SEQ", "=VAL", "=ALI") and key_next and key_next[-1] is not None:
            if key_next[-1] and kind in ("+MAP", "+SEQ"):
                reasons.add("key not text")
            key_next[-1] = not key_next[-1]
        if kind == "+MAP":
            key_next.append(True)
        elif kind == "+SEQ":
            key_next.append(None)
        elif kind in ("-MAP", "-SEQ"):
            key_next.pop()
    return reasons


def json_values(text: str) -> list[Any]:
    decoder = json.JSONDecoder()
    values, index = [], 0
    while True:
        while index < len(text) and text[index].isspace():
            index += 1
        if index >= len(text):
            return values
        value, index = decoder.raw_decode(text, index)
        values.append(value)


def same(ours: Any, theirs: Any) -> bool:
    """Equal values, numbers of either kind compared by value (JSON writes 1e3 as 1000)."""
    if isinstance(theirs, bool) or isinstance(ours, bool):
        return type(ours) is type(theirs) and ours == theirs
    if isinstance(theirs, (int, float)) and isinstance(ours, (int, float)):
        return ours == theirs or (math.isnan(ours) and math.isnan(theirs))
    if isinstance(theirs, dict):
        return (
            isinstance(ours, dict)
            and ours.keys() == theirs.keys()  # JSON objects have no order
            and all(same(ours[key], theirs[key]) for key in theirs)
        )
    if isinstance(theirs, list):
        return isinstance(ours, list) and len(ours) == len(theirs) and all(map(same, ours, theirs))
    return type(ours) is type(theirs) and ours == theirs


def answer(document: Document | None, diagnostics: list[Diagnostic]) -> tuple[Any, ...]:
    return (
        None if document is None else document.data,
        [(d.line, d.col, d.severity, d.message) for d in diagnostics],
    )


def errors(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    return [d for d in diagnostics if d.severity is Severity.ERROR]


def outcome(case: str) -> str:
    """The case's outcome, after checking it against the suite."""
    folder = SUITE / case
    raw = (folder / "in.yaml").read_bytes()
    document, diagnostics = load_bytes(raw, "in.yaml")
    careful = load_bytes(raw, "in.yaml", careful=True)
    assert answer(document, diagnostics) == answer(*careful), "the two paths disagree"
    refused = document is None or bool(errors(diagnostics))
    if (folder / "error").exists():
        assert refused, "an invalid document was accepted"
        return "invalid, refused"
    expected = designed_reasons((folder / "test.event").read_text(encoding="utf-8"))
    if not refused:
        assert not expected, f"accepted although it holds {sorted(expected)}"
        if (folder / "in.json").exists():
            (value,) = json_values((folder / "in.json").read_text(encoding="utf-8"))
            assert same(document.data, value)  # type: ignore[union-attr]
            return "valid, accepted, equal to in.json"
        return "valid, accepted (no in.json)"
    first = errors(diagnostics)[0].message
    assert isinstance(first, Message)
    reason = REASONS.get(first.template)
    assert reason is not None, f"a valid document was refused: {first}"
    assert reason in expected, f"refused for {reason!r}, holds {sorted(expected)}"
    return f"valid, refused by design: {reason}"


@pytest.mark.parametrize("case", CASES)
def test_yaml_test_suite_case(case: str) -> None:
    outcome(case)


def test_the_whole_suite_is_vendored_and_counted() -> None:
    counts = Counter(outcome(case) for case in CASES)
    assert len(CASES) == 402
    assert (SUITE / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert counts["invalid, refused"] == 94
    assert sum(counts.values()) == 402
    print()
    for name, count in sorted(counts.items()):
        print(f"{count:4} {name}")


@pytest.mark.parametrize(
    ("events", "reasons"),
    [
        ("+STR\n+DOC\n+MAP\n=VAL :a\n=VAL :b\n-MAP\n-DOC\n-STR\n", set()),
        ("+STR\n-STR\n", {"empty"}),
        ("+STR\n+DOC ---\n=VAL :\n-DOC\n-STR\n", {"empty"}),
        ("+STR\n+DOC\n+SEQ\n=VAL :a\n-SEQ\n-DOC\n-STR\n", {"not a mapping"}),
        (
            "+STR\n+DOC\n+MAP\n=VAL :a\n-MAP\n-DOC\n+DOC\n=VAL :b\n-DOC\n-STR\n",
            {"several documents"},
        ),
        ("+STR\n+DOC\n+MAP &x\n=VAL :a\n=ALI *x\n-MAP\n-DOC\n-STR\n", {"anchor", "alias"}),
        ("+STR\n+DOC\n+MAP\n=VAL :a\n=VAL <tag:yaml.org,2002:str> :b\n-MAP\n-DOC\n-STR\n", {"tag"}),
        ("+STR\n+DOC\n+MAP\n+SEQ []\n=VAL :a\n-SEQ\n=VAL :b\n-MAP\n-DOC\n-STR\n", {"key not text"}),
        ("+STR\n+DOC\n+MAP\n=VAL :a\n+SEQ\n=VAL :b\n-SEQ\n-MAP\n-DOC\n-STR\n", set()),
    ],
)
def test_designed_reasons_are_read_from_the_events(events: str, reasons: set[str]) -> None:
    assert designed_reasons(events) == reasons
