"""A safe YAML loader that remembers where every value came from.

PyYAML's ``safe_load`` is not safe enough for files written by many hands: it
silently keeps the last of two duplicate keys, expands aliases (an "alias bomb"
of a few hundred bytes can take gigabytes), turns ``NO`` (Norway) into ``False``
and ``19:30`` into ``1170`` (YAML 1.1), and forgets line numbers. This module
uses PyYAML's parser and composer only, then builds plain Python values itself
with the YAML 1.2 core schema, recording the line and column of every key and
value so that every later error can say ``path:line:col``.
"""

from __future__ import annotations

import bisect
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML without libyaml: the careful composer does everything
    _CParser = None

from shora.diagnostics import Diagnostic, Severity

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_LOADER_PROBLEMS = 20

PathKey = tuple[str | int, ...]

_STR = "tag:yaml.org,2002:str"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"
_BOOL = "tag:yaml.org,2002:bool"
_NULL = "tag:yaml.org,2002:null"


class CoreSchemaResolver(BaseResolver):
    """YAML 1.2 core schema: only true/false are booleans, no sexagesimal numbers,
    no implicit dates (dates stay text and are parsed by the models)."""


CoreSchemaResolver.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
CoreSchemaResolver.add_implicit_resolver(
    _INT, re.compile(r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$"), list("-+0123456789")
)
CoreSchemaResolver.add_implicit_resolver(
    _FLOAT,
    re.compile(
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$"
    ),
    list("-+.0123456789"),
)
CoreSchemaResolver.add_implicit_resolver(
    _NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""]
)


@dataclass(frozen=True)
class Position:
    line: int  # 1-based
    col: int  # 1-based


@dataclass
class SourceMap:
    """Where each key and value of a document starts, by path of keys and indexes."""

    values: dict[PathKey, Position] = field(default_factory=dict)
    keys: dict[PathKey, Position] = field(default_factory=dict)
    # Character span of each scalar in the file's text, to point inside a string.
    spans: dict[PathKey, tuple[int, int]] = field(default_factory=dict)

    def value(self, path: PathKey) -> Position:
        """Position of the value at ``path``, or of its nearest located ancestor."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Position(1, 1)

    def key(self, path: PathKey) -> Position:
        """Position of the key that introduces ``path`` (falls back to the value)."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)


class Document:
    """One loaded YAML file: its display path, text, plain data and source map.

    The source map is made when first asked for: a valid file never needs one, and
    recording the position of every value costs more than reading the file. The text
    too may be read when first asked for (``source``): a file the validator's cache
    knows unchanged is not read at all."""

    def __init__(
        self,
        path: str,
        text: str | None,
        data: Any,
        source_map: SourceMap | None = None,
        source: str | None = None,
    ):
        self.path = path
        self.data = data
        self._text = text
        self._source = source
        self._source_map = source_map
        self._line_starts: list[int] = []

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            raw, _ = read_file(self._source or self.path, self.path)
            self._text = (_decode(raw, self.path)[0] if raw is not None else None) or ""
        return self._text

    @property
    def source_map(self) -> SourceMap:
        if self._source_map is None:
            self._source_map = _locate_values(self.text, self.path)
        return self._source_map

    def position_of_index(self, index: int) -> Position:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, index)
        return Position(line, index - self._line_starts[line - 1] + 1)


class _Problem(Exception):
    def __init__(self, mark: yaml.Mark | None, message: str):
        super().__init__(message)
        self.mark = mark
        self.message = message


class _SafeComposer(Reader, Scanner, Parser, Composer, CoreSchemaResolver):
    """PyYAML's reader, scanner, parser and composer with three refusals:
    aliases and anchors, explicit tags, and nesting deeper than MAX_DEPTH."""

    def __init__(self, text: str):
        Reader.__init__(self, text)
        Scanner.__init__(self)
        Parser.__init__(self)
        Composer.__init__(self)
        CoreSchemaResolver.__init__(self)
        self.problems: list[tuple[yaml.Mark, str]] = []
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        if self.check_event(AliasEvent):
            event = self.get_event()
            self.problems.append(
                (
                    event.start_mark,
                    f"aliases are not allowed (found '*{event.anchor}'): "
                    "write the value out in full",
                )
            )
            # A harmless stand-in: the alias is never expanded, so a bomb stays small.
            return ScalarNode(_NULL, "", event.start_mark, event.end_mark)
        event = self.peek_event()
        if event.anchor is not None:
            self.problems.append(
                (
                    event.start_mark,
                    f"anchors are not allowed (found '&{event.anchor}'): remove it and "
                    "write repeated values out in full",
                )
            )
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag not in (None, "!"):
            shown = tag.replace("tag:yaml.org,2002:", "!!")
            self.problems.append(
                (
                    event.start_mark,
                    f"tags are not allowed (found '{shown}'): remove it; "
                    "put the value in quotes if it must stay text",
                )
            )
            event.tag = None
            if hasattr(event, "implicit"):
                event.implicit = (True, True) if isinstance(event.implicit, tuple) else True
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Problem(
                event.start_mark,
                f"nesting is deeper than {MAX_DEPTH} levels: data files need far fewer; "
                "check the brackets and the indentation",
            )
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


# Anything the careful composer refuses or must locate (anchors, aliases, tags, nested
# flow collections, deep or compact nesting, characters YAML forbids) goes to it; the
# plain block YAML of almost every data file is composed by libyaml, ten times faster.
_NESTED_FLOW_RE = re.compile(r"[\[{][^\]}]*[\[{]")
_COMPACT_NESTING_RE = re.compile(r"(?:[-?][ \t]+){3,}")


def _needs_careful_composer(text: str) -> bool:
    return (
        "&" in text
        or "*" in text
        or "!" in text
        or "\n" + " " * 64 in text
        or (("[" in text or "{" in text) and _NESTED_FLOW_RE.search(text) is not None)
        or (("- -" in text or "? " in text) and _COMPACT_NESTING_RE.search(text) is not None)
        or Reader.NON_PRINTABLE.search(text) is not None
    )


# A plain scalar starting with any other character is text in the core schema.
_MAYBE_NOT_TEXT = frozenset("tTfF-+.0123456789~nN")
_PLAIN_TAGS: dict[str, str] = {}


class _FastComposer(_CParser or object, CoreSchemaResolver):  # type: ignore[misc]
    def __init__(self, text: str):
        _CParser.__init__(self, text)
        CoreSchemaResolver.__init__(self)

    def resolve(self, kind: type[Node], value: Any, implicit: Any) -> str:
        # libyaml calls this for every scalar: most are text, known by their first letter.
        if kind is ScalarNode:
            if not implicit[0] or (value and value[0] not in _MAYBE_NOT_TEXT):
                return _STR
            tag = _PLAIN_TAGS.get(value)
            if tag is None:
                tag = CoreSchemaResolver.resolve(self, kind, value, implicit)
                if len(value) <= 32 and len(_PLAIN_TAGS) < 50_000:
                    _PLAIN_TAGS[value] = tag  # keys and short values repeat in every file
            return tag
        return self.DEFAULT_MAPPING_TAG if kind is MappingNode else self.DEFAULT_SEQUENCE_TAG

    # No path resolvers are registered: nothing to track while descending.
    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        return None

    def ascend_resolver(self) -> None:
        return None


def _compose_fast(text: str) -> Node | bool | None:
    """The document's root node (None when empty) composed by libyaml, or False when
    the file needs the careful composer (which reports its problems precisely).
    The depth limit is checked on the built values (see ``load_bytes``)."""
    if _CParser is None or _needs_careful_composer(text):
        return False
    try:
        return _FastComposer(text).get_single_node()
    except Exception:
        return False


def _scalar_value(node: ScalarNode) -> Any:
    text = node.value
    if node.tag == _BOOL:
        return text.lower() == "true"
    if node.tag == _INT:
        if text[:2] in ("0o", "0x"):
            return int(text, 0)
        return int(text, 10)
    if node.tag == _FLOAT:
        lowered = text.lower()
        if lowered.endswith((".inf", ".nan")):
            return float(lowered.replace(".", ""))
        return float(text)
    if node.tag == _NULL:
        return None
    return text


class _Unusual(Exception):
    """The plain builder met something the located builder must report."""


def _plain_value(node: Node, depth: int) -> Any:
    """The node's value without positions: the common case of a clean file. Raises
    _Unusual on a duplicate or non-text key or too deep nesting."""
    if depth > MAX_DEPTH:
        raise _Unusual
    if isinstance(node, ScalarNode):
        return node.value if node.tag == _STR else _scalar_value(node)
    if isinstance(node, SequenceNode):
        return [_plain_value(item, depth + 1) for item in node.value]
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, ScalarNode) or key_node.tag == _NULL:
            raise _Unusual
        key = key_node.value if key_node.tag == _STR else str(_scalar_value(key_node))
        if key in result:
            raise _Unusual
        result[key] = _plain_value(value_node, depth + 1)
    return result


def _kind(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "a mapping"
    if isinstance(node, SequenceNode):
        return "a list"
    return "a single value"


class _Builder:
    """Turns composed nodes into plain values, recording positions and duplicates."""

    def __init__(self, path: str):
        self.path = path
        self.source_map = SourceMap()
        self.problems: list[tuple[yaml.Mark, str]] = []
        self.deepest = 0

    def build(self, node: Node, at: PathKey) -> Any:
        if len(at) >= self.deepest:
            self.deepest = len(at) + 1
        mark = node.start_mark
        self.source_map.values[at] = Position(mark.line + 1, mark.column + 1)
        if isinstance(node, ScalarNode):
            self.source_map.spans[at] = (node.start_mark.index, node.end_mark.index)
            return _scalar_value(node)
        if isinstance(node, SequenceNode):
            return [self.build(item, (*at, i)) for i, item in enumerate(node.value)]
        result: dict[str, Any] = {}
        first_seen: dict[str, yaml.Mark] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self.problems.append(
                    (key_node.start_mark, f"a key must be plain text, found {_kind(key_node)}")
                )
                continue
            key = str(_scalar_value(key_node)) if key_node.tag != _NULL else ""
            if key in first_seen:
                first = first_seen[key]
                self.problems.append(
                    (
                        key_node.start_mark,
                        f"duplicate key '{key}' (first defined on line {first.line + 1}): "
                        "keep only one",
                    )
                )
                continue
            first_seen[key] = key_node.start_mark
            child = (*at, key)
            self.source_map.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.build(value_node, child)
        return result


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, str]:
    """Where a syntax error is best shown, and what it means for an editor."""
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    if "'\\t'" in problem or "\\t" in problem:
        return mark, "YAML syntax error: a tab character is not allowed here; indent with spaces"
    if context == "while scanning a quoted scalar" and error.context_mark:
        return error.context_mark, (
            "YAML syntax error: the quoted text that starts here is never closed: "
            "add the closing quote at its end"
        )
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return error.context_mark or mark, (
            f"YAML syntax error: the '{opening}' here is not closed: add '{closing}' at the end "
            "of its values (and separate the values with ',')"
        )
    if context == "while scanning a simple key" and error.context_mark:
        return error.context_mark, (
            "YAML syntax error: this line has no 'key:': write 'key: value', or, if the line "
            "continues the text above, put that whole text in double quotes"
        )
    if problem == "mapping values are not allowed here" and mark is not None:
        lines = text.splitlines()
        before = lines[mark.line][: mark.column] if mark.line < len(lines) else ""
        if ": " not in before.strip() + " ":  # the first ':' of its line: a misplaced key
            return mark, (
                "YAML syntax error: unexpected ':' here: if this line is a key, align it with "
                "the keys above it (check the indentation); if it is part of a text, put the "
                "whole text in double quotes"
            )
    if problem.startswith("expected <block end>, but found"):
        found = problem.rsplit("found ", 1)[-1]
        explanation = {
            "'<block mapping start>'": "this line is not aligned with the lines above it: "
            "check its indentation",
            "'?'": "this line is not aligned with the lines above it: check its indentation",
            "'-'": "a list item ('- ') cannot stand here: check its indentation",
            "'<scalar>'": "unexpected text here: if the value is quoted, put the whole value "
            "inside the quotes",
        }.get(found)
        if explanation:
            return mark, f"YAML syntax error: {explanation}"
    if problem.startswith("expected '<document start>'"):
        return mark, (
            "YAML syntax error: text after a line '...' (the end of the document): "
            "remove the '...' line"
        )
    message = f"YAML syntax error: {problem}"
    if context:
        message += f" ({context})"
    hints = {
        "mapping values are not allowed here": (
            "; if the text contains ': ', put the whole value in double quotes"
        ),
    }
    cannot_start = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if cannot_start:
        hints[problem] = f"; put values starting with {cannot_start.group(1)} in double quotes"
    if problem.startswith("expected the node content, but found"):
        hints[problem] = "; put the value in double quotes"
    if problem.startswith("found unknown escape character"):
        hints[problem] = "; in double quotes write '\\\\' for a backslash, or use single quotes"
    if context in ("while scanning an anchor", "while scanning an alias"):
        hints[problem] = "; put values starting with & or * in double quotes"
    return mark, message + hints.get(problem, "")


def _decode(raw: bytes, display: str) -> tuple[str | None, Diagnostic | None]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        line_bytes = before[before.rfind(b"\n") + 1 :]
        col = len(line_bytes.decode("utf-8", errors="replace")) + 1
        byte = raw[error.start]
        return None, Diagnostic(
            display,
            line,
            col,
            Severity.ERROR,
            f"the file is not valid UTF-8 (byte 0x{byte:02x}); save it with UTF-8 encoding",
        )
    # One kind of line break, as Python's text files read it (and `shora fix` writes):
    # positions and fixes then count lines the same way everywhere.
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff"), None


def _too_large(size: int, display: str) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        Severity.ERROR,
        f"the file is too large ({size:,} bytes; the limit is {MAX_FILE_BYTES:,}): "
        "split it into several files",
    )


def load_bytes(
    raw: bytes, display: str, careful: bool = False
) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML document from bytes. Returns the document (None when it
    cannot be used at all) and every problem found, each located."""

    def error(line: int, col: int, message: str) -> Diagnostic:
        return Diagnostic(display, line, col, Severity.ERROR, message)

    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(len(raw), display)]
    text, problem = _decode(raw, display)
    if text is None:
        return None, [problem] if problem else []

    fast = False if careful else _compose_fast(text)
    try:
        composer = _SafeComposer(text) if fast is False else None
        root = composer.get_single_node() if composer is not None else fast
    except _Problem as problem_:
        mark = problem_.mark
        return None, [
            error(mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem_.message)
        ]
    except yaml.MarkedYAMLError as syntax:
        mark = syntax.problem_mark or syntax.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "expected a single document" in (syntax.problem or "") + (syntax.context or ""):
            return None, [
                error(line, col, "the file holds more than one YAML document: remove '---'")
            ]
        mark, message = _syntax_error(syntax, text)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [error(line, col, message)]
    except yaml.reader.ReaderError as unreadable:  # control characters and the like
        at = Document(display, text, None, SourceMap()).position_of_index(unreadable.position)
        return None, [
            error(
                at.line,
                at.col,
                f"the file contains a control character (U+{unreadable.character:04X}) "
                "that YAML does not allow: delete it",
            )
        ]

    diagnostics = [
        error(mark.line + 1, mark.column + 1, message)
        for mark, message in (composer.problems if composer else [])[:MAX_LOADER_PROBLEMS]
    ]
    if root is None:
        diagnostics.append(
            error(1, 1, "the file is empty: it needs at least the required keys (see the schema)")
        )
        return None, diagnostics
    if composer is None and isinstance(root, MappingNode):
        try:
            return Document(display, text, _plain_value(root, 1)), diagnostics
        except (_Unusual, RecursionError):
            pass  # built again below, with positions, to locate the problem
    builder = _Builder(display)
    data = builder.build(root, ())
    if composer is None and builder.deepest > MAX_DEPTH:
        return load_bytes(raw, display, careful=True)  # to report where it is too deep
    diagnostics += [
        error(mark.line + 1, mark.column + 1, message)
        for mark, message in builder.problems[:MAX_LOADER_PROBLEMS]
    ]
    if not isinstance(data, dict):
        mark = root.start_mark
        diagnostics.append(
            error(
                mark.line + 1,
                mark.column + 1,
                f"the top level must be a mapping of 'key: value' lines, found {_kind(root)}",
            )
        )
        return None, diagnostics
    return Document(display, text, data, builder.source_map), diagnostics


def _locate_values(text: str, display: str) -> SourceMap:
    """The positions of a document's keys and values, composed again from its text."""
    root = _compose_fast(text)
    if root is False:
        try:
            root = _SafeComposer(text).get_single_node()
        except (yaml.YAMLError, _Problem):
            return SourceMap()
    if root is None:
        return SourceMap()
    builder = _Builder(display)
    builder.build(root, ())
    return builder.source_map


def read_file(path: str | Path, display: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A data file's bytes, or why it cannot be read."""
    try:
        with open(path, "rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            if size > MAX_FILE_BYTES:
                # Refuse before reading: a huge file must not be read into memory.
                return None, [_too_large(size, display)]
            return stream.read(), []
    except OSError as error:
        return None, [
            Diagnostic(display, 1, 1, Severity.ERROR, f"cannot read the file: {error.strerror}")
        ]


def document_of(raw: bytes | None, display: str, data: Any, source: str) -> Document:
    """The document of a file loaded before into ``data`` (see shora.cache): of its
    bytes, or, when they were not read, of the file at ``source`` when needed."""
    if raw is None:
        return Document(display, None, data, source=source)
    text, _ = _decode(raw, display)
    return Document(display, text or "", data)


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Load a YAML file; ``display`` is the path shown in messages."""
    shown = display or path.as_posix()
    raw, problems = read_file(path, shown)
    if raw is None:
        return None, problems
    return load_bytes(raw, shown)
