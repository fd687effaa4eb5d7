"""A safe YAML loader that agrees with YAML 1.2 and remembers where every value came from.

PyYAML's ``safe_load`` is not safe enough for files written by many hands: it
silently keeps the last of two duplicate keys, expands aliases (an "alias bomb"
of a few hundred bytes can take gigabytes), turns ``NO`` (Norway) into ``False``
and ``19:30`` into ``1170`` (YAML 1.1), and forgets line numbers. This module
uses PyYAML's parser and composer only, then builds plain Python values itself
with the YAML 1.2 core schema, recording the line and column of every key and
value so that every later error can say ``path:line:col``.

PyYAML's parser is not a YAML 1.2 parser, though: it accepts some invalid
documents (``key: "value"# comment``), refuses some valid ones (a tab as
separation space) and reads a few differently (``{ ?foo: bar }``). So every
document is also read by ``yaml12`` (saphyr, which passes the whole
yaml-test-suite), the arbiter: a document it refuses is refused, and where its
value differs from PyYAML's, its value is the one kept. PyYAML's composer still
gives the positions, the duplicate keys and the refusals by design (anchors and
aliases, tags, several documents, a top level that is not a mapping, empty
files), which yaml12 does not report. Where no reader can read a text otherwise (a
plain block mapping, the common case), yaml12's reading is taken without composing
at all (see _load_plain).
"""

from __future__ import annotations

import bisect
import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import yaml
import yaml12
from yaml.composer import Composer
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import BaseResolver
from yaml.scanner import Scanner

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg

if TYPE_CHECKING:
    import yaml._yaml

_CParser: type[yaml._yaml.CParser] | None
try:
    from yaml._yaml import CParser as _CParser
except ImportError:  # PyYAML without libyaml: the careful composer does everything
    _CParser = None

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
    too is made when first asked for, from the bytes read (``raw``) or from the file
    (``source``): a file the validator's cache knows unchanged is not read at all."""

    def __init__(
        self,
        path: str,
        text: str | None,
        data: Any,
        source_map: SourceMap | None = None,
        source: str | None = None,
        raw: bytes | None = None,
    ):
        self.path = path
        self.data = data
        self._text = text
        self._source = source
        self._raw = raw
        self._source_map = source_map
        self._line_starts: list[int] = []

    def __repr__(self) -> str:
        return f"Document({self.path!r})"

    @property
    def text(self) -> str:
        if self._text is None:
            raw = self._raw
            if raw is None:
                raw, _ = read_file(self._source or self.path, self.path)
            self._text = (_decode(raw, self.path)[0] if raw is not None else None) or ""
            self._raw = None
        return self._text

    @property
    def source_map(self) -> SourceMap:
        if self._source_map is None:
            self._source_map = _locate_values(self.text, self.path, self.data)
        return self._source_map

    def position_of_index(self, index: int) -> Position:
        if not self._line_starts:
            self._line_starts = [0] + [m.end() for m in re.finditer("\n", self.text)]
        line = bisect.bisect_right(self._line_starts, index)
        return Position(line, index - self._line_starts[line - 1] + 1)


class _Problem(Exception):
    def __init__(self, mark: yaml.Mark | None, message: Message):
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
        self.problems: list[tuple[yaml.Mark, Message]] = []
        self.saw_alias_or_anchor = False
        self._depth = 0

    def compose_node(self, parent: Node | None, index: Any) -> Node | None:
        if self.check_event(AliasEvent):
            event = self.get_event()
            self.saw_alias_or_anchor = True
            self.problems.append(
                (
                    event.start_mark,
                    _alias_refused(f"*{event.anchor}"),
                )
            )
            # A harmless stand-in: the alias is never expanded, so a bomb stays small.
            return ScalarNode(_NULL, "", event.start_mark, event.end_mark)
        event = self.peek_event()
        if event.anchor is not None:
            self.saw_alias_or_anchor = True
            self.problems.append(
                (
                    event.start_mark,
                    _anchor_refused(f"&{event.anchor}"),
                )
            )
            event.anchor = None
        tag = getattr(event, "tag", None)
        if tag not in (None, "!") or (tag == "!" and _written_tag(self, event)):
            self.problems.append((event.start_mark, _tag_refused(tag)))
            event.tag = None
            if hasattr(event, "implicit"):
                event.implicit = (True, True) if isinstance(event.implicit, tuple) else True
        self._depth += 1
        if self._depth > MAX_DEPTH:
            raise _Problem(event.start_mark, _too_deep())
        try:
            return super().compose_node(parent, index)
        finally:
            self._depth -= 1


def _written_tag(composer: _SafeComposer, event: Any) -> bool:
    """Whether a node's '!' tag was written (``! a``): PyYAML also gives '!' to
    every quoted scalar, which has no tag."""
    text: str = composer.buffer
    start = event.start_mark.index
    return start < len(text) and text[start] == "!"


def _anchor_refused(anchor: str) -> Message:
    return msg(
        "anchors are not allowed (found '{anchor}'): remove it and "
        "write repeated values out in full",
        anchor=anchor,
    )


def _alias_refused(alias: str) -> Message:
    return msg(
        "aliases are not allowed (found '{alias}'): write the value out in full", alias=alias
    )


def _tag_refused(tag: str) -> Message:
    return msg(
        "tags are not allowed (found '{tag}'): remove it; "
        "put the value in quotes if it must stay text",
        tag=tag.replace("tag:yaml.org,2002:", "!!"),
    )


def _too_deep() -> Message:
    return msg(
        "nesting is deeper than {limit} levels: data files need far fewer; "
        "check the brackets and the indentation",
        limit=MAX_DEPTH,
    )


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


# The base is libyaml's parser where PyYAML has it (only then is this class used), which
# mypy cannot take as a base class.
class _FastComposer(_CParser or object, CoreSchemaResolver):  # type: ignore[misc]
    def __init__(self, text: str):
        assert _CParser is not None  # made only where PyYAML has libyaml
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


def _compose_fast(text: str) -> Node | Literal[False] | None:
    """The document's root node (None when empty) composed by libyaml, or False when
    the file needs the careful composer (which reports its problems precisely).
    The depth limit is checked on the built values (see ``load_bytes``)."""
    if _CParser is None or _needs_careful_composer(text):
        return False
    try:
        root: Node | None = _FastComposer(text).get_single_node()
    except Exception:
        return False
    return root


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


def key_text(value: Any) -> str:
    """A key that is not text, spelled as YAML writes its value: ``true``, ``31`` for
    ``0x1F``, ``1.0``, ``.inf``, ``null`` (never Python's ``True`` or ``None``)."""
    if isinstance(value, str):
        return value
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isnan(value):
            return ".nan"
        if math.isinf(value):
            return ".inf" if value > 0 else "-.inf"
        return repr(value)
    return str(value)


def _key_of(node: ScalarNode) -> str:
    return node.value if node.tag == _STR else key_text(_scalar_value(node))


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
        if not isinstance(key_node, ScalarNode):
            raise _Unusual
        key = _key_of(key_node)
        if key in result:
            raise _Unusual
        result[key] = _plain_value(value_node, depth + 1)
    return result


_KINDS = {
    "mapping": msg("a mapping"),
    "list": msg("a list"),
    "single value": msg("a single value"),
}


def _kind(node: Node) -> Message:
    if isinstance(node, MappingNode):
        return _KINDS["mapping"]
    if isinstance(node, SequenceNode):
        return _KINDS["list"]
    return _KINDS["single value"]


def _key_not_text(kind: Message) -> Message:
    return msg(
        "a key must be plain text, found {kind}: write a single word or text before ':'",
        kind=kind,
    )


def _duplicate_key(key: str, first_line: int) -> Message:
    return msg(
        "duplicate key '{key}' (first defined on line {line}): keep only one",
        key=key,
        line=first_line,
    )


class _Builder:
    """Turns composed nodes into plain values, recording positions and duplicates."""

    def __init__(self, path: str):
        self.path = path
        self.source_map = SourceMap()
        self.problems: list[tuple[yaml.Mark, Message]] = []
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
                self.problems.append((key_node.start_mark, _key_not_text(_kind(key_node))))
                continue
            key = _key_of(key_node)
            if key in first_seen:
                self.problems.append(
                    (key_node.start_mark, _duplicate_key(key, first_seen[key].line + 1))
                )
                continue
            first_seen[key] = key_node.start_mark
            child = (*at, key)
            self.source_map.keys[child] = Position(
                key_node.start_mark.line + 1, key_node.start_mark.column + 1
            )
            result[key] = self.build(value_node, child)
        return result


# ---------------------------------------------------------------- messages of syntax errors


def _quoted(text: str) -> str:
    """``text`` as a double-quoted YAML scalar."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _line_of(text: str, line: int) -> str:
    lines = text.split("\n")
    return lines[line] if 0 <= line < len(lines) else ""


def _quoting_fix(line_text: str, value_start: int) -> str:
    """The line with its value from ``value_start`` on written in double quotes."""
    return line_text[:value_start] + _quoted(line_text[value_start:].strip())


def _value_start(line_text: str, before: int) -> int | None:
    """Where the value of the line's first 'key: ' starts, if it starts before ``before``."""
    found = re.match(r"[ \t]*(?:-[ \t]+)*[^ \t#][^:#]*?:[ \t]+", line_text)
    if found is None or found.end() > before:
        return None
    return found.end()


def _syntax_error(error: yaml.MarkedYAMLError, text: str) -> tuple[yaml.Mark | None, Message]:
    """Where a syntax error is best shown, and what it means for an editor."""
    problem = error.problem or "invalid YAML"
    context = error.context or ""
    mark = error.problem_mark or error.context_mark
    if "'\\t'" in problem or "\\t" in problem:
        return mark, msg(
            "YAML syntax error: a tab character is not allowed here; indent with spaces"
        )
    if context == "while scanning a quoted scalar" and error.context_mark:
        return error.context_mark, msg(
            "YAML syntax error: the quoted text that starts here is never closed: "
            "add the closing quote at its end"
        )
    if context in ("while parsing a flow sequence", "while parsing a flow mapping"):
        opening, closing = ("[", "]") if "sequence" in context else ("{", "}")
        return error.context_mark or mark, msg(
            "YAML syntax error: the '{opening}' here is not closed: add '{closing}' at the end "
            "of its values (and separate the values with ',')",
            opening=opening,
            closing=closing,
        )
    if context == "while scanning a simple key" and error.context_mark:
        return error.context_mark, msg(
            "YAML syntax error: this line has no 'key:': write 'key: value', or, if the line "
            "continues the text above, put that whole text in double quotes"
        )
    line_text = _line_of(text, mark.line) if mark is not None else ""
    after_quote = msg(
        "YAML syntax error: unexpected text here: if the value is quoted, put the whole "
        "value inside the quotes"
    )
    if problem == "mapping values are not allowed here" and mark is not None:
        start = _value_start(line_text, mark.column)
        if start is not None and line_text[start] in "\"'":
            return mark, after_quote
        if start is None:  # the first ':' of its line: a misplaced key
            return mark, msg(
                "YAML syntax error: unexpected ':' here: if this line is a key, align it with "
                "the keys above it (check the indentation); if it is part of a text, put the "
                "whole text in double quotes"
            )
        return mark, msg(
            "YAML syntax error: the text holds ': ', which YAML reads as the start of "
            "another key; put the whole text in double quotes: {fix}",
            fix=_quoting_fix(line_text, start).strip(),
        )
    if problem == "sequence entries are not allowed here" and mark is not None:
        start = _value_start(line_text, mark.column + 1)
        if start is not None and start == mark.column:
            return mark, msg(
                "YAML syntax error: a text that starts with '- ' reads as a list item; "
                "put the whole text in double quotes: {fix}",
                fix=_quoting_fix(line_text, start).strip(),
            )
    if problem.startswith("expected <block end>, but found"):
        found = problem.rsplit("found ", 1)[-1]
        misaligned = msg(
            "YAML syntax error: this line is not aligned with the lines above it: "
            "check its indentation"
        )
        explanation = {
            "'<block mapping start>'": misaligned,
            "'?'": misaligned,
            "'-'": msg(
                "YAML syntax error: a list item ('- ') cannot stand here: check its indentation"
            ),
            "'<scalar>'": after_quote,
        }.get(found)
        if explanation is not None:
            return mark, explanation
    if problem.startswith("expected '<document start>'"):
        return mark, msg(
            "YAML syntax error: text after a line '...' (the end of the document): "
            "remove the '...' line"
        )
    cannot_start = re.fullmatch(r"found character '(.)' that cannot start any token", problem)
    if cannot_start:
        return mark, msg(
            "YAML syntax error: a value cannot start with {character}: put values starting "
            "with {character} in double quotes",
            character=cannot_start.group(1),
        )
    escape = re.fullmatch(r"found unknown escape character '?(.+?)'?", problem)
    if escape:
        return mark, msg(
            "YAML syntax error: '\\{character}' is not an escape that double quotes know: "
            "in double quotes write '\\\\' for a backslash, or use single quotes",
            character=escape.group(1),
        )
    detail = f"{problem} ({context})" if context else problem
    hint: Message | None = None
    if problem == "mapping values are not allowed here":
        hint = msg("if the text contains ': ', put the whole value in double quotes")
    if problem.startswith("expected the node content, but found"):
        hint = msg("put the value in double quotes")
    if context in ("while scanning an anchor", "while scanning an alias"):
        hint = msg("put values starting with & or * in double quotes")
    if hint is None:
        return mark, msg("YAML syntax error: {detail}", detail=detail)
    return mark, msg("YAML syntax error: {detail}; {hint}", detail=detail, hint=hint)


# The arbiter's messages ("... at byte 6 line 1 column 7"), with what an editor can do.
_ARBITER_ERROR_RE = re.compile(
    r"^(?:YAML parse error: )?(.*?)(?: at byte \d+)? line (\d+) column (\d+)"
)
_ARBITER_HINTS = {
    "comments must be separated from other tokens by whitespace": msg(
        "YAML syntax error: a comment needs a space before its '#': write ' #', or, if the "
        "'#' is part of the text, put the whole value in double quotes"
    ),
    "tab cannot be used as indentation": msg(
        "YAML syntax error: a tab character is not allowed here; indent with spaces"
    ),
    "plain scalar cannot start with '-' followed by ,[]{}": msg(
        "YAML syntax error: a text inside '[ ]' or '{{ }}' cannot start with '-' followed by "
        "',', a bracket or a brace: put the text in double quotes"
    ),
    "invalid indentation in quoted scalar": msg(
        "YAML syntax error: a quoted text that goes on over several lines must be indented "
        "more than its key on every line: indent its lines"
    ),
    "wrongly indented line in block scalar": msg(
        "YAML syntax error: a line of this block of text ('|' or '>') is indented less than "
        "its first line: indent it like the first"
    ),
    "invalid indentation in flow construct": msg(
        "YAML syntax error: a line inside '[ ]' or '{{ }}' must be indented more than the key "
        "it belongs to: indent it"
    ),
}


def _arbiter_error(error: BaseException) -> tuple[int, int, Message]:
    """Line, column (1-based) and message of a document the arbiter refuses."""
    found = _ARBITER_ERROR_RE.match(str(error))
    if found is None:
        return 1, 1, msg("YAML syntax error: {detail}", detail=str(error))
    detail, line, col = found.group(1), int(found.group(2)), int(found.group(3))
    message = _ARBITER_HINTS.get(detail)
    if message is None:
        message = msg("YAML syntax error: {detail}", detail=detail)
    return line, col, message


# ---------------------------------------------------------------- the arbiter


# Token starts that may be an anchor, an alias or a tag (also inside comments and quoted
# text, where they are none: the composers tell which).
_ANCHOR_LIKE = re.compile(r"(?:^|[ \t\[{,])&[^ \t\n,\[\]{}]", re.MULTILINE)
_ALIAS_LIKE = re.compile(r"(?:^|[ \t\[{,])\*[^ \t\n,\[\]{}]", re.MULTILINE)
_TAG_LIKE = re.compile(r"(?:^|[ \t\[{,])!", re.MULTILINE)


class _Refused(Exception):
    """The arbiter's document holds what is refused by design."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


def _from_arbiter(value: Any, depth: int = 1) -> Any:
    """The arbiter's value with the loader's conventions: keys as text, as YAML spells
    them. Raises _Refused for a tag or a key that is a list or a mapping."""
    if depth > MAX_DEPTH:
        raise _Refused(_too_deep())
    if isinstance(value, yaml12.Yaml):
        if value.tag is not None:
            raise _Refused(_tag_refused(value.tag))
        return _from_arbiter(value.value, depth)
    if isinstance(value, list):
        return [_from_arbiter(item, depth + 1) for item in value]
    if isinstance(value, dict):
        result: dict[str, Any] = {}
        for key, item in value.items():
            if isinstance(key, yaml12.Yaml):
                if key.tag is not None:
                    raise _Refused(_tag_refused(key.tag))
                inner = key.value
                kind = _KINDS["mapping" if isinstance(inner, dict) else "list"]
                raise _Refused(_key_not_text(kind))
            result[key_text(key)] = _from_arbiter(item, depth + 1)
        return result
    return value


def _same(ours: Any, theirs: Any) -> bool:
    """Equal values of the same types (NaN equal to itself, 1 not equal to True)."""
    if type(ours) is int and type(theirs) is float and not -(2**63) <= ours < 2**63:
        # The core schema's integers have no size limit; the arbiter reads one beyond
        # 64 bits as the nearest float: PyYAML's exact integer is the YAML 1.2 value.
        return float(ours) == theirs
    if type(ours) is not type(theirs):
        return False
    if isinstance(ours, dict):
        return list(ours) == list(theirs) and all(_same(ours[k], theirs[k]) for k in ours)
    if isinstance(ours, list):
        return len(ours) == len(theirs) and all(map(_same, ours, theirs))
    if isinstance(ours, float) and math.isnan(ours):
        return math.isnan(theirs)
    return bool(ours == theirs)


@dataclass
class _Verdict:
    """What the arbiter says of a document: its documents, or where it is invalid."""

    documents: list[Any] | None = None
    error: BaseException | None = None  # a panic of the Rust code is no Exception
    # Read with every '*' written '+' (see _arbitrate): its texts differ there.
    defused: bool = False


def _arbitrate(text: str, pyyaml_found_no_alias: bool = False) -> _Verdict | None:
    """The arbiter's reading, or None where it cannot be asked safely: it expands
    aliases, so a text that may hold both an anchor and an alias is not given to it as
    it is. Where PyYAML read the whole text and found no alias, each '*' is in a comment
    or a text, where any other printable character is as valid: the arbiter is given
    the text with every '*' written as a private-use character the text does not hold,
    in which no alias can be expanded, and its texts are given their '*' back."""
    defused = False
    stand_in = ""
    if (
        "&" in text
        and "*" in text
        and _ANCHOR_LIKE.search(text) is not None
        and _ALIAS_LIKE.search(text) is not None
    ):
        if not pyyaml_found_no_alias:
            return None
        stand_in = next((c for c in map(chr, range(0xE000, 0xF900)) if c not in text), "")
        if not stand_in:  # a text holding every private-use character: '+' will do
            text, defused = text.replace("*", "+"), True
        else:
            text = text.replace("*", stand_in)
    try:
        documents = yaml12.parse_yaml(text, multi=True)
        if stand_in:
            documents = [_with_stars(document, stand_in) for document in documents]
        return _Verdict(documents=documents, defused=defused)
    except Exception as error:  # ValueError: invalid YAML, with its place
        return _Verdict(error=error, defused=defused)
    except BaseException as error:  # a panic of the Rust code: the loader never raises
        if type(error).__name__ != "PanicException":
            raise
        return _Verdict(error=error, defused=defused)


def _with_stars(value: Any, stand_in: str) -> Any:
    """The arbiter's value with each stand-in character written '*' again."""
    if isinstance(value, str):
        return value.replace(stand_in, "*")
    if isinstance(value, list):
        return [_with_stars(item, stand_in) for item in value]
    if isinstance(value, dict):
        return {_with_stars(k, stand_in): _with_stars(v, stand_in) for k, v in value.items()}
    if isinstance(value, yaml12.Yaml):
        # yaml12's stub gives its __init__ none of the arguments its __new__ takes.
        return yaml12.Yaml(_with_stars(value.value, stand_in), value.tag)  # type: ignore[call-arg]
    return value


# ---------------------------------------------------------------- positions without PyYAML


def _approximate_source_map(text: str, data: Any) -> SourceMap:
    """Positions of a document PyYAML cannot compose (valid YAML all the same): each key
    found where it is first written after its parent, each value just after its key."""
    source_map = SourceMap()
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]

    def position(index: int) -> Position:
        line = bisect.bisect_right(line_starts, index)
        return Position(line, index - line_starts[line - 1] + 1)

    def visit(value: Any, at: PathKey, start: int) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                pattern = re.compile(r"""(["']?)""" + re.escape(key) + r"""\1[ \t]*:""")
                found = pattern.search(text, start) if key else None
                if found is None:
                    continue
                source_map.keys[(*at, key)] = position(found.start())
                after = re.compile(r"[ \t]*").match(text, found.end())
                value_at = after.end() if after else found.end()
                source_map.values[(*at, key)] = position(value_at)
                visit(item, (*at, key), found.end())
        elif isinstance(value, list):
            for index, item in enumerate(value):
                visit(item, (*at, index), start)

    source_map.values[()] = Position(1, 1)
    visit(data, (), 0)
    return source_map


# ---------------------------------------------------------------- warnings


# One space, then '#': how a text with ' # ' in it is cut. A comment meant as one has
# two spaces or more before its '#' (the convention yamllint checks by default).
_COMMENT_AFTER_RE = re.compile(r" #")


def _cut_by_comment(text: str, root: Node) -> list[tuple[int, int, Message]]:
    """Plain text values followed by ' #' on their line: the editor may have meant the
    ' #' and what follows as part of the text (a title with ' # ' in it)."""
    found: list[tuple[int, int, Message]] = []
    # Only block collections: inside '[ ]' or '{ }' the fix would be another one.
    stack: list[Node] = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            if not node.flow_style:
                stack.extend(value for _, value in node.value)
        elif isinstance(node, SequenceNode):
            if not node.flow_style:
                stack.extend(node.value)
        elif (
            isinstance(node, ScalarNode)
            and node.tag == _STR
            and node.style in (None, "")
            and node.start_mark.line == node.end_mark.line
        ):
            comment = _COMMENT_AFTER_RE.match(text, node.end_mark.index)
            if comment is None:
                continue
            hash_index = comment.end() - 1
            line_end = text.find("\n", hash_index)
            line_end = len(text) if line_end < 0 else line_end
            start = node.start_mark.index
            line_start = start - node.start_mark.column
            whole = text[start:line_end].rstrip()
            fix = (text[line_start:start] + _quoted(whole)).strip()
            hash_col = hash_index - line_start
            found.append(
                (
                    node.start_mark.line + 1,
                    hash_col + 1,
                    msg(
                        "the text stops before ' #': what follows is a comment; if it is part "
                        "of the text, put the whole value in double quotes: {fix} (if it is a "
                        "comment, put it on a line of its own)",
                        fix=fix,
                    ),
                )
            )
    return sorted(found, key=lambda item: (item[0], item[1]))


# ---------------------------------------------------------------- loading


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
            msg(
                "the file is not valid UTF-8 (byte {byte}); save it with UTF-8 encoding",
                byte=f"0x{byte:02x}",
            ),
        )
    # One kind of line break, as Python's text files read it (and `shora fix` writes):
    # positions and fixes then count lines the same way everywhere.
    if "\r" in text:  # (one pass over the text where there is none, not two)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text.removeprefix("\ufeff"), None


def _too_large(size: int, display: str) -> Diagnostic:
    return Diagnostic(
        display,
        1,
        1,
        Severity.ERROR,
        msg(
            "the file is too large ({size} bytes; the limit is {limit}): "
            "split it into several files",
            size=size,
            limit=MAX_FILE_BYTES,
        ),
    )


_EMPTY = msg("the file is empty: it needs at least the required keys (see the schema)")
_SEVERAL_DOCUMENTS = msg(
    "the file holds more than one YAML document: remove this '---' or '...' line "
    "so that one document remains"
)


def _not_a_mapping(kind: Message) -> Message:
    return msg("the top level must be a mapping of 'key: value' lines, found {kind}", kind=kind)


@dataclass
class _Composed:
    """PyYAML's reading of a document: its root node, or why it could not compose it."""

    root: Node | None = None
    composer: _SafeComposer | None = None
    failure: tuple[int, int, Message] | None = None
    several_documents: bool = False


def _compose(text: str, careful: bool) -> _Composed | tuple[int, int, Message]:
    """PyYAML's composition, or a final refusal (nesting too deep, a control character)
    as line, column and message."""
    fast = False if careful else _compose_fast(text)
    if fast is not False:
        return _Composed(root=fast)
    composer = None  # until the text is read
    try:
        composer = _SafeComposer(text)
        return _Composed(root=composer.get_single_node(), composer=composer)
    except _Problem as problem:
        mark = problem.mark
        return (mark.line + 1 if mark else 1, mark.column + 1 if mark else 1, problem.message)
    except yaml.reader.ReaderError as unreadable:  # control characters and the like
        at = Document("", text, None, SourceMap()).position_of_index(unreadable.position)
        return (
            at.line,
            at.col,
            msg(
                "the file contains a control character ({code}) that YAML does not allow: "
                "delete it",
                code=f"U+{unreadable.character:04X}",
            ),
        )
    except yaml.MarkedYAMLError as syntax:
        mark = syntax.problem_mark or syntax.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        if "expected a single document" in (syntax.problem or "") + (syntax.context or ""):
            failure = (line, col, _SEVERAL_DOCUMENTS)
            return _Composed(composer=composer, failure=failure, several_documents=True)
        mark, message = _syntax_error(syntax, text)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return _Composed(composer=composer, failure=(line, col, message))


def load_bytes(
    raw: bytes, display: str, careful: bool = False
) -> tuple[Document | None, list[Diagnostic]]:
    """Load one YAML document from bytes. Returns the document (None when it
    cannot be used at all) and every problem found, each located. Never raises.

    ``careful`` skips the fast paths (the arbiter alone, or libyaml), which are only
    taken for a document that every reader agrees on: the answer is the same either
    way."""
    if len(raw) > MAX_FILE_BYTES:
        return None, [_too_large(len(raw), display)]
    text, problem = _decode(raw, display)
    if text is None:
        return None, [problem] if problem else []
    if not careful:
        verdict = None
        if _in_plain_subset(text):
            verdict = _arbitrate(text)
            plain = _load_plain(text, display, verdict)
            if plain is not None:
                return plain
        fast = _load_fast(text, display, verdict)
        if fast is not None:
            return fast
    return _load_carefully(text, display)


# ---------------------------------------------------------------- the arbiter alone
#
# Composing with libyaml costs twice what the arbiter's whole reading does, and a data
# file is almost always a plain block mapping that every reader reads alike. In the
# subset of YAML below, no reader can read a text otherwise than the arbiter, so its
# value is taken without composing; what libyaml is still needed for there, duplicate
# keys, is found by counting. Outside it (and where the count differs) the text takes
# the composing paths, which give the same answer at their own cost.

# Whatever the plain subset leaves out: flow collections, anchors, aliases and tags,
# tabs, escapes, comments after a value (' #', which may cut a text: see
# _cut_by_comment), directives and document markers, the characters that YAML 1.1
# (libyaml) reads as line breaks or as a byte order mark, explicit keys ('? ') and
# compact nested sequences ('- - '). The characters left out are looked for with
# those YAML does not allow (Reader.NON_PRINTABLE's) by one expression, in one pass
# over the text (a search for each character would take one pass each); the longer
# substrings by a search each.
_OUTSIDE_PLAIN_CHARACTERS = "[]{}&*!\t\\\x85\u2028\u2029\ufeff"
_OUTSIDE_PLAIN_CHARACTER_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff"
    + re.escape(_OUTSIDE_PLAIN_CHARACTERS)
    + "]"
)
_OUTSIDE_PLAIN_SUBSET = (" #", "\n---", "\n...", "\n%", "\n" + " " * 64)
_EXPLICIT_KEY_RE = re.compile(r"\n[ -]*\?(?=[ \n]|\Z)")  # searched after a line break
_COMPACT_SEQUENCE_RE = re.compile(r"-[ ]+-(?:[ ]|$)", re.MULTILINE)
# A line holding a key of a block mapping: after its indentation and any '- ' of the
# sequences it starts, a plain key followed by ': ' (or ':' at the end of the line), or
# a quoted key followed by ':'. In the plain subset every key is on such a line, one a
# line at most; a line of a text may look like one too. (Searched in the text after a
# line break: an expression that starts with a character is found faster than '^'.)
_KEY_LINE_RE = re.compile(
    r"""\n[ ]*(?:-[ ]+)*"""
    r"""(?:"[^"\n]*"[ ]*:|'(?:[^'\n]|'')*'[ ]*:|[^ \n#'"][^\n]*?[ ]*:(?=[ \n]|\Z))"""
)


def _in_plain_subset(text: str) -> bool:
    """Whether the text is in the plain subset, where the careful composer is never
    needed either (see _needs_careful_composer)."""
    if text.startswith(("---", "...", "%")):
        return False
    for part in _OUTSIDE_PLAIN_SUBSET:
        if part in text:
            return False
    if "?" in text and (
        _EXPLICIT_KEY_RE.search("\n" + text) is not None
        or _COMPACT_NESTING_RE.search(text) is not None
    ):
        return False
    if "- " in text and _COMPACT_SEQUENCE_RE.search(text) is not None:
        return False
    return _OUTSIDE_PLAIN_CHARACTER_RE.search(text) is None


def _keys_of_plain(value: Any, depth: int) -> int:
    """How many keys the arbiter's value holds, all of them texts. Raises _Unusual for
    a key that is not a text, a tag, nesting deeper than MAX_DEPTH, or a float that
    may be an integer beyond 64 bits (which the arbiter reads as the nearest float)."""
    if depth > MAX_DEPTH:
        raise _Unusual
    kind = type(value)
    if kind is dict:
        count = len(value)
        for key, item in value.items():
            if type(key) is not str:
                raise _Unusual
            if type(item) in _CONTAINERS or depth == MAX_DEPTH:
                count += _keys_of_plain(item, depth + 1)
            elif type(item) is float or type(item) is yaml12.Yaml:
                _keys_of_plain(item, depth + 1)
        return count
    if kind is list:
        return sum(_keys_of_plain(item, depth + 1) for item in value)
    if kind is float:
        if not -(2.0**63) < value < 2.0**63:
            raise _Unusual
        return 0
    if kind is yaml12.Yaml:
        raise _Unusual
    return 0


_CONTAINERS = (dict, list)


def _load_plain(
    text: str, display: str, verdict: _Verdict | None
) -> tuple[Document, list[Diagnostic]] | None:
    """The document read by the arbiter alone, for a text of the plain subset that it
    reads as one mapping with as many keys as the text has lines of keys: none of them
    a duplicate. None for anything else (then libyaml decides)."""
    if verdict is None or verdict.documents is None or len(verdict.documents) != 1:
        return None
    data = verdict.documents[0]
    if type(data) is not dict:
        return None
    try:
        keys = _keys_of_plain(data, 1)
    except _Unusual:
        return None
    if keys != len(_KEY_LINE_RE.findall("\n" + text)):
        return None
    return Document(display, text, data), []


def _warnings(text: str, display: str, root: Node) -> list[Diagnostic]:
    if " #" not in text:
        return []
    return [
        Diagnostic(display, line, col, Severity.WARNING, message)
        for line, col, message in _cut_by_comment(text, root)
    ]


def _load_fast(
    text: str, display: str, verdict: _Verdict | None = None
) -> tuple[Document, list[Diagnostic]] | None:
    """The document composed by libyaml, when the arbiter agrees with its every value
    (``verdict``, when it was asked already); None for anything else (then the careful
    path decides)."""
    root = _compose_fast(text)
    if not isinstance(root, MappingNode):
        return None
    try:
        data = _plain_value(root, 1)
    except (_Unusual, RecursionError):
        return None
    if not _arbiter_agrees(data, verdict if verdict is not None else _arbitrate(text)):
        return None
    return Document(display, text, data), _warnings(text, display, root)


def _arbiter_agrees(data: Any, verdict: _Verdict | None) -> bool:
    """Whether PyYAML's reading ``data`` is the arbiter's (or the best there is)."""
    if verdict is None or verdict.documents is None or len(verdict.documents) != 1:
        return False
    if verdict.defused:
        # The arbiter has judged the text valid, but its texts are not the file's ('+'
        # for '*'): PyYAML's reading is kept.
        return True
    if data == verdict.documents[0]:
        # The common case, compared at C speed: every key is text, every value equal.
        # (Equal values of other types, such as 1 and true, would need the two readers
        # to read different texts at the same place, and then the structures differ.)
        return True
    try:
        theirs = _from_arbiter(verdict.documents[0])
    except _Refused:
        return False
    # The arbiter's keys are Python values, so `1:` and `true:` (or `2.5:` and `2.50:`)
    # are one key there: where it merged keys, its reading cannot be compared and PyYAML's
    # is kept. Anywhere else a difference is a difference.
    return _same(data, theirs) or _merged_keys(data, theirs)


def _merged_keys(ours: Any, theirs: Any) -> bool:
    """Whether a mapping of the arbiter's reading has fewer keys than the same mapping
    of PyYAML's (keys that are equal as Python values merged into one)."""
    if isinstance(ours, dict) and isinstance(theirs, dict):
        if len(theirs) < len(ours):
            return True
        return any(_merged_keys(ours[key], theirs[key]) for key in ours if key in theirs)
    if isinstance(ours, list) and isinstance(theirs, list):
        return any(map(_merged_keys, ours, theirs))
    return False


def _load_carefully(text: str, display: str) -> tuple[Document | None, list[Diagnostic]]:
    def error(line: int, col: int, message: Message) -> Diagnostic:
        return Diagnostic(display, line, col, Severity.ERROR, message)

    composed = _compose(text, careful=True)
    if isinstance(composed, tuple):
        return None, [error(*composed)]
    composer = composed.composer
    assert composer is not None
    diagnostics = [
        error(mark.line + 1, mark.column + 1, message)
        for mark, message in composer.problems[:MAX_LOADER_PROBLEMS]
    ]
    # Anchors and aliases are refused: the arbiter, which would expand them, is not asked.
    verdict = (
        None
        if composer.saw_alias_or_anchor
        else _arbitrate(text, pyyaml_found_no_alias=composed.failure is None)
    )

    if composed.failure is not None:
        if verdict is not None and verdict.error is not None:
            return None, [error(*composed.failure)]  # both say invalid: PyYAML explains
        if composed.several_documents:
            return None, [*diagnostics[:1], error(*composed.failure)]
        designed = _designed_refusal(text)
        if designed is not None:
            return None, [error(*designed)]
        if verdict is None or verdict.defused:
            return None, [error(*composed.failure)]
        return _load_arbitrated(text, display, verdict.documents or [])
    if verdict is not None and verdict.error is not None:
        return None, [error(*_arbiter_error(verdict.error))]
    if verdict is not None and verdict.documents is not None and len(verdict.documents) > 1:
        return None, [*diagnostics[:1], error(*_second_document(text))]

    root = composed.root
    if root is None or (isinstance(root, ScalarNode) and root.tag == _NULL and not root.value):
        diagnostics.append(error(1, 1, _EMPTY))
        return None, diagnostics
    builder = _Builder(display)
    data = builder.build(root, ())
    diagnostics += [
        error(mark.line + 1, mark.column + 1, message)
        for mark, message in builder.problems[:MAX_LOADER_PROBLEMS]
    ]
    if not isinstance(data, dict):
        mark = root.start_mark
        diagnostics.append(error(mark.line + 1, mark.column + 1, _not_a_mapping(_kind(root))))
        return None, diagnostics
    if not diagnostics and verdict is not None and not _arbiter_agrees(data, verdict):
        # PyYAML read it differently: the arbiter's value is the YAML 1.2 one.
        arbitrated = _load_arbitrated(text, display, verdict.documents or [])
        if arbitrated[0] is not None:
            return arbitrated
    return Document(display, text, data, builder.source_map), diagnostics + _warnings(
        text, display, root
    )


def _designed_refusal(text: str) -> tuple[int, int, Message] | None:
    """For a text PyYAML cannot read: the first anchor, alias or tag in it, where YAML
    would read one (not in a comment, not inside quotes on its line)."""
    found: list[tuple[int, str]] = []
    for pattern in (_ANCHOR_LIKE, _ALIAS_LIKE, _TAG_LIKE):
        for match in pattern.finditer(text):
            # The sign itself: the match ends one character after '&' or '*', at '!'.
            start = match.end() - (1 if pattern is _TAG_LIKE else 2)
            before = text[text.rfind("\n", 0, start) + 1 : start]
            if re.search(r"(?:^|[ \t])#", before) or before.count('"') % 2 or before.count("'") % 2:
                continue
            found.append((start, text[start]))
            break
    if not found:
        return None
    start, sign = min(found)
    token = re.match(r"[^ \t\n,\[\]{}]*", text[start:])
    written = token.group(0) if token else sign
    at = Document("", text, None).position_of_index(start)
    refusal = {"&": _anchor_refused, "*": _alias_refused}.get(sign, _tag_refused)
    message = refusal(written)
    return at.line, at.col, message


def _second_document(text: str) -> tuple[int, int, Message]:
    """Where the second document of a text starts: its '---' or '...' line after content."""
    in_document = False  # after content or a '---'
    for number, line in enumerate(text.split("\n"), start=1):
        marker = re.match(r"(?:---|\.\.\.)(?=[ \t]|$)", line)
        if marker and in_document:
            return number, 1, _SEVERAL_DOCUMENTS
        rest = (line[3:] if marker else line).strip(" \t")
        if (marker and marker.group() == "---") or (rest and not rest.startswith(("#", "%"))):
            in_document = True
    return 1, 1, _SEVERAL_DOCUMENTS


def _content_start(text: str) -> Position:
    """Where a document's content starts: after comments, directives and '---'."""
    index = 0
    for line in text.split("\n"):
        stripped = line.strip(" \t")
        if stripped and not stripped.startswith(("#", "%")) and stripped != "---":
            offset = len(line) - len(line.lstrip(" \t"))
            if stripped.startswith("---"):
                offset += 3 + len(line[offset + 3 :]) - len(line[offset + 3 :].lstrip(" \t"))
            return Document("", text, None).position_of_index(index + offset)
        index += len(line) + 1
    return Position(1, 1)


def _load_arbitrated(
    text: str, display: str, documents: list[Any]
) -> tuple[Document | None, list[Diagnostic]]:
    """A document that PyYAML cannot compose (or reads otherwise) and the arbiter reads:
    its value is the arbiter's, its positions libyaml's where libyaml reads the same
    value, else the nearest that can be found in the text."""

    def error(line: int, col: int, message: Message) -> Diagnostic:
        return Diagnostic(display, line, col, Severity.ERROR, message)

    if len(documents) > 1:
        return None, [error(*_second_document(text))]
    start = _content_start(text)
    if not documents or documents[0] is None:
        return None, [error(1, 1, _EMPTY)]
    try:
        data = _from_arbiter(documents[0])
    except _Refused as refused:
        return None, [error(start.line, start.col, refused.message)]
    if not isinstance(data, dict):
        kind = _KINDS["list" if isinstance(data, list) else "single value"]
        return None, [error(start.line, start.col, _not_a_mapping(kind))]
    located = _located_by_libyaml(text, display, data)
    if located is not None:
        source_map, root = located
        return Document(display, text, data, source_map), _warnings(text, display, root)
    return Document(display, text, data, _approximate_source_map(text, data)), []


def _located_by_libyaml(text: str, display: str, data: Any) -> tuple[SourceMap, Node] | None:
    """The positions of ``data`` as libyaml reads them, where libyaml, more lenient than
    PyYAML's own parser, reads the text to the same value."""
    if _CParser is None or Reader.NON_PRINTABLE.search(text):
        return None
    try:
        root = _FastComposer(text).get_single_node()
    except Exception:
        return None
    if not isinstance(root, MappingNode):
        return None
    builder = _Builder(display)
    if not _same(builder.build(root, ()), data) or builder.problems:
        return None
    return builder.source_map, root


def _locate_values(text: str, display: str, data: Any = None) -> SourceMap:
    """The positions of a document's keys and values, composed again from its text:
    from the reading that gave ``data``, as loading took them (libyaml's, PyYAML's, or,
    where neither reads the arbiter's value, found in the text)."""
    root = _compose_fast(text)
    if root is not False:
        located = _built_map(root, display, data)
        if located is not None:
            return located
    try:
        root = _SafeComposer(text).get_single_node()
    except (yaml.YAMLError, _Problem):
        root = False  # valid YAML 1.2 that PyYAML cannot read (see _load_arbitrated)
    if root is not False:
        located = _built_map(root, display, data)
        if located is not None:
            return located
    if data is None:
        return SourceMap()
    by_libyaml = _located_by_libyaml(text, display, data)
    return by_libyaml[0] if by_libyaml else _approximate_source_map(text, data)


def _built_map(root: Node | None, display: str, data: Any) -> SourceMap | None:
    """The positions of a composed document, if it reads as ``data`` (or has problems,
    which keep PyYAML's reading, or no data is known); None if it reads otherwise."""
    if root is None:
        return SourceMap()
    builder = _Builder(display)
    built = builder.build(root, ())
    if data is None or builder.problems or _same(built, data):
        return builder.source_map
    return None


def read_file(path: str | Path, display: str) -> tuple[bytes | None, list[Diagnostic]]:
    """A data file's bytes, or why it cannot be read."""
    raw, _, problems = read_with_stat(path, display)
    return raw, problems


def read_with_stat(
    path: str | Path, display: str
) -> tuple[bytes | None, os.stat_result | None, list[Diagnostic]]:
    """A data file's bytes and its stat, taken before them, or why it cannot be read.
    (The descriptor itself, without Python's file object and its buffer: a third of
    the cost of reading a small file, thousands of times.)"""
    try:
        descriptor = os.open(path, os.O_RDONLY)
        try:
            stat = os.fstat(descriptor)
            if stat.st_size > MAX_FILE_BYTES:
                # Refuse before reading: a huge file must not be read into memory.
                return None, stat, [_too_large(stat.st_size, display)]
            # One byte more than its size: a file grown meanwhile is read to its end.
            raw = os.read(descriptor, stat.st_size + 1)
            if len(raw) > stat.st_size:
                parts = [raw]
                while part := os.read(descriptor, 1 << 16):
                    parts.append(part)
                raw = b"".join(parts)
            return raw, stat, []
        finally:
            os.close(descriptor)
    except OSError as error:
        return (
            None,
            None,
            [
                Diagnostic(
                    display,
                    1,
                    1,
                    Severity.ERROR,
                    msg("cannot read the file: {reason}", reason=error.strerror or str(error)),
                )
            ],
        )


def document_of(raw: bytes | None, display: str, data: Any, source: str) -> Document:
    """The document of a file loaded before into ``data`` (see shora.load.cache): of its
    bytes, or, when they were not read, of the file at ``source`` when needed."""
    # Decoded when first asked for: most documents of a valid file never are.
    return Document(display, None, data, source=source, raw=raw)


def load_file(path: Path, display: str | None = None) -> tuple[Document | None, list[Diagnostic]]:
    """Load a YAML file; ``display`` is the path shown in messages."""
    shown = display or path.as_posix()
    raw, problems = read_file(path, shown)
    if raw is None:
        return None, problems
    return load_bytes(raw, shown)
