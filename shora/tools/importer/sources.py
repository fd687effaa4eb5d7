"""Reading a published resolution: plain text, a saved web page, or a Word file.

Each reader gives the text as :class:`SourceLine` s, each with the line of the source
it comes from (for a Word file: the number of its paragraph), so that every later
message can point at it. What cannot be read safely is refused with a located
:class:`SourceProblem`: a file too large to be a resolution, binary data, text that is
not UTF-8, a Word file that would unpack to more than it can hold (a zip bomb). A web
page's scripts, styles and other active content are never read: each one left out is
reported with its line.
"""

from __future__ import annotations

import codecs
import html.parser
import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from shora.core.messages import Message, msg

if TYPE_CHECKING:  # python-docx is imported only by the reader of Word files
    from docx.document import Document as WordDocument
    from docx.text.paragraph import Paragraph

# A resolution's text is a few kilobytes; the largest known are under 100 KB.
MAX_TEXT_BYTES = 1024 * 1024
# A saved page carries its styles and markup besides the text.
MAX_HTML_BYTES = 8 * 1024 * 1024
MAX_DOCX_BYTES = 16 * 1024 * 1024
# What a Word file may unpack to: its parts together, and how many there are.
MAX_DOCX_UNPACKED = 64 * 1024 * 1024
MAX_DOCX_PARTS = 2000
# The text read from any source, in characters.
MAX_TEXT_CHARACTERS = 1024 * 1024

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
DOCX_SUFFIXES = {".docx"}

_MB = 1024 * 1024


@dataclass(frozen=True)
class SourceLine:
    """One line (one paragraph) of the source, as written."""

    line: int
    text: str
    # A list item whose number the format makes (an HTML <ol>, Word's numbering):
    # its depth (0 for the outer list) and its 0-based position.
    list_depth: int | None = None
    list_index: int | None = None


@dataclass(frozen=True)
class SourceNote:
    """Something left out while reading, to report."""

    line: int | None
    message: Message


@dataclass
class Source:
    path: str  # as the editor named it
    kind: Message  # "plain text", "web page", "Word file"
    lines: list[SourceLine]
    notes: list[SourceNote] = field(default_factory=list)


class SourceProblem(Exception):
    """A source refused, with where and why."""

    def __init__(
        self, path: str, message: Message, line: int | None = None, col: int | None = None
    ):
        super().__init__(message)
        self.path = path
        self.message = message
        self.line = line
        self.col = col


def read_source(path: Path, shown: str) -> Source:
    """The lines of the resolution in ``path`` (named ``shown`` in messages)."""
    if not path.is_file():
        raise SourceProblem(shown, msg("no such file"))
    suffix = path.suffix.lower()
    size = path.stat().st_size
    if suffix in DOCX_SUFFIXES:
        _check_size(shown, size, MAX_DOCX_BYTES)
        return _read_docx(path, shown)
    if suffix in {".doc", ".odt", ".rtf", ".pdf"}:
        raise SourceProblem(
            shown,
            msg(
                "'{suffix}' files cannot be read: save the text as {formats}",
                suffix=suffix,
                formats=[".docx", ".html", ".txt"],
            ),
        )
    limit = MAX_HTML_BYTES if suffix in HTML_SUFFIXES else MAX_TEXT_BYTES
    _check_size(shown, size, max(limit, MAX_TEXT_BYTES))
    raw = path.read_bytes()
    if raw.startswith(b"PK\x03\x04"):
        raise SourceProblem(
            shown,
            msg(
                "this is a zip archive (a Word file?): name it {suffix} to import it",
                suffix=".docx",
            ),
            1,
            1,
        )
    if raw.startswith(b"%PDF"):
        raise SourceProblem(
            shown, msg("this is a PDF: copy its text into a {suffix} file", suffix=".txt"), 1, 1
        )
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and _looks_like_html(raw)):
        _check_size(shown, size, MAX_HTML_BYTES)
        return _read_html(raw, shown)
    _check_size(shown, size, MAX_TEXT_BYTES)
    text = _decode(raw, shown, "utf-8")
    return Source(shown, msg("plain text"), _text_lines(text))


def _check_size(shown: str, size: int, limit: int) -> None:
    if size > limit:
        raise SourceProblem(
            shown,
            msg(
                "the file is {size} MB, more than a resolution's text can be "
                "(at most {limit} MB here): is it the right file?",
                size=_megabytes(size, up=True),
                limit=_megabytes(limit),
            ),
        )


def _megabytes(size: int, up: bool = False) -> str:
    """``1.5``: megabytes to one decimal (rounded up: a size just over a limit
    does not read as the limit)."""
    tenths = -(-size * 10 // _MB) if up else round(size * 10 / _MB)
    return f"{tenths / 10:.1f}".removesuffix(".0")


def _looks_like_html(raw: bytes) -> bool:
    head = raw[:2048].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html", b"<p", b"<div", b"<body", b"<meta"))


_LINE_BREAK = re.compile(r"\r\n|\r|\n|\u2028|\u2029")


def _text_lines(text: str) -> list[SourceLine]:
    lines = _LINE_BREAK.split(text)
    if lines and not lines[-1]:  # the line break that ends the last line
        lines.pop()
    return [SourceLine(number, line) for number, line in enumerate(lines, 1)]


def _decode(raw: bytes, shown: str, encoding: str) -> str:
    """Text from bytes: UTF-16 with its byte-order mark, else ``encoding`` (UTF-8 with
    or without a byte-order mark); binary data and bytes that are not text refused
    with their line and column."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = raw.decode("utf-16")
        except UnicodeDecodeError:
            raise SourceProblem(
                shown, msg("not UTF-16 text, although it begins as such"), 1, 1
            ) from None
    else:
        if encoding.replace("_", "-").lower() in {"utf-8", "utf8"}:
            encoding = "utf-8-sig"
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError as error:
            line, col = _position(raw, error.start)
            if b"\x00" in raw[: error.start + 1024]:
                raise SourceProblem(shown, _binary(), line, col) from None
            raise SourceProblem(
                shown,
                msg(
                    "byte 0x{byte} is not UTF-8 text: save the file as UTF-8 "
                    "(in Notepad: Save as, Encoding UTF-8)",
                    byte=f"{raw[error.start]:02X}",
                ),
                line,
                col,
            ) from None
    control = re.search(r"[\x00-\x08\x0e-\x1f\x7f]", text)
    if control:
        before = text[: control.start()]
        line = len(_LINE_BREAK.findall(before)) + 1
        col = control.start() - max(before.rfind("\n"), before.rfind("\r"))
        raise SourceProblem(shown, _binary(), line, col)
    if len(text) > MAX_TEXT_CHARACTERS:
        raise SourceProblem(shown, msg("the text is longer than a resolution can be"))
    return text


def _binary() -> Message:
    return msg(
        "binary data, not text: import the resolution as {formats}",
        formats=[".txt", ".html", ".docx"],
    )


def _position(raw: bytes, offset: int) -> tuple[int, int]:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    start = before.rfind(b"\n") + 1
    return line, len(before[start:].decode("utf-8", errors="replace")) + 1


# ---------------------------------------------------------------- web pages

# Elements whose content is never text of the page (and never kept).
_LEFT_OUT = {"script", "style", "noscript", "template", "iframe", "object", "embed", "svg",
             "math", "canvas", "head", "select", "textarea", "button"}  # fmt: skip
_ACTIVE = {"script", "iframe", "object", "embed"}
# Elements that end a paragraph.
_BLOCKS = {"p", "div", "br", "li", "ol", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "tr",
           "td", "th", "table", "blockquote", "section", "article", "header", "footer",
           "main", "aside", "nav", "pre", "hr", "dd", "dt", "dl", "center", "body", "html",
           "form", "figure", "figcaption", "address"}  # fmt: skip
_VOID = {"br", "hr", "img", "meta", "link", "input", "wbr", "area", "base", "col", "source"}
_CHARSET_RE = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


class _PageText(html.parser.HTMLParser):
    """The paragraphs of a page, each with the line where its text begins."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[SourceLine] = []
        self.notes: list[SourceNote] = []
        self._parts: list[str] = []
        self._first_line: int | None = None
        self._skipping: list[str] = []
        self._lists: list[list[int | bool]] = []  # [ordered, next index]
        self._item: tuple[int, int] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _ACTIVE:
            self.notes.append(
                SourceNote(
                    self.getpos()[0],
                    msg(
                        "a <{tag}> element was left out: active content is never imported",
                        tag=tag,
                    ),
                )
            )
        if tag == "body" and "head" in self._skipping:  # a page whose head is not closed
            self._skipping.clear()
        if self._skipping:
            if tag == self._skipping[-1] and tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _LEFT_OUT:
            if tag not in _VOID:
                self._skipping.append(tag)
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in {"ol", "ul"}:
            start = dict(attrs).get("start") or "1"
            first = int(start) - 1 if start.isdigit() else 0
            self._lists.append([tag == "ol", first])
        elif tag == "li" and self._lists:
            ordered, index = self._lists[-1]
            self._lists[-1][1] = int(index) + 1
            if ordered:
                depth = sum(1 for kind, _ in self._lists if kind) - 1
                self._item = (depth, int(index))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if not self._skipping and tag in _BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in _BLOCKS:
            self._flush()
        if tag in {"ol", "ul"} and self._lists:
            self._lists.pop()

    def handle_data(self, data: str) -> None:
        if self._skipping:
            return
        if self._first_line is None and data.strip():
            self._first_line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        self._parts.append(data)

    def _flush(self) -> None:
        text = "".join(self._parts)
        if text.strip():
            depth, index = self._item if self._item else (None, None)
            self.lines.append(SourceLine(self._first_line or 1, text, depth, index))
            self._item = None
        self._parts = []
        self._first_line = None

    def close(self) -> None:
        super().close()
        self._flush()


def _read_html(raw: bytes, shown: str) -> Source:
    declared = _CHARSET_RE.search(raw[:4096])
    encoding = "utf-8"
    if declared:
        try:
            encoding = codecs.lookup(declared.group(1).decode("ascii")).name
        except LookupError:
            encoding = "utf-8"
    text = _decode(raw, shown, encoding)
    page = _PageText()
    page.feed(text)
    page.close()
    return Source(shown, msg("web page"), page.lines, page.notes)


# ---------------------------------------------------------------- Word files


def _check_docx_archive(path: Path, shown: str) -> None:
    """Refuse a Word file that would unpack to more than a document can hold, before
    anything is unpacked. The sizes checked are those the archive declares; Python's
    zipfile never unpacks a part beyond its declared size (a part that lies about it
    fails its checksum)."""
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as error:
        raise SourceProblem(
            shown, msg("not a Word file ({suffix}): {problem}", suffix=".docx", problem=str(error))
        ) from None
    if len(parts) > MAX_DOCX_PARTS:
        raise SourceProblem(
            shown,
            msg(
                "the Word file holds {count} parts (at most {limit}): refused",
                count=len(parts),
                limit=MAX_DOCX_PARTS,
            ),
        )
    unpacked = sum(part.file_size for part in parts)
    if unpacked > MAX_DOCX_UNPACKED:
        largest = max(parts, key=lambda part: part.file_size)
        raise SourceProblem(
            shown,
            msg(
                "the Word file would unpack to {size} MB (its part {part}: {part_size} MB), "
                "more than a document can hold (at most {limit} MB): refused",
                size=_megabytes(unpacked, up=True),
                part=largest.filename,
                part_size=_megabytes(largest.file_size),
                limit=_megabytes(MAX_DOCX_UNPACKED),
            ),
        )
    if "word/document.xml" not in {part.filename for part in parts}:
        raise SourceProblem(
            shown,
            msg(
                "not a Word file ({suffix}): it has no {part}",
                suffix=".docx",
                part="word/document.xml",
            ),
        )


def _read_docx(path: Path, shown: str) -> Source:
    _check_docx_archive(path, shown)
    import docx  # python-docx; imported here, as only this reader needs it

    try:
        document = docx.Document(str(path))
    except Exception as error:  # a damaged file: any of zipfile's, lxml's or docx's errors
        raise SourceProblem(
            shown, msg("cannot read this Word file: {problem}", problem=str(error))
        ) from None
    lines: list[SourceLine] = []
    notes: list[SourceNote] = []
    counters: dict[str, list[int]] = {}
    levels = _word_levels(document)
    total = 0
    for number, paragraph in enumerate(document.paragraphs, 1):
        text = paragraph.text
        total += len(text)
        if total > MAX_TEXT_CHARACTERS:
            raise SourceProblem(shown, msg("the text is longer than a resolution can be"))
        depth, index = _word_numbering(paragraph, levels, counters)
        for part_number, part in enumerate(text.split("\n")):
            numbered = part_number == 0 and depth is not None
            lines.append(
                SourceLine(number, part, depth if numbered else None, index if numbered else None)
            )
    if document.tables:
        notes.append(
            SourceNote(
                None,
                msg(
                    "tables left out: {count} (only paragraphs are imported)",
                    count=len(document.tables),
                ),
            )
        )
    return Source(shown, msg("Word file"), lines, notes)


@dataclass(frozen=True)
class _WordLevel:
    start: int
    drawn: bool  # False for bullets and levels that draw nothing
    style: str | None  # the paragraph style linked to the level


def _word_levels(document: WordDocument) -> dict[str, dict[int, _WordLevel]]:
    """numId -> level -> how Word numbers it, from the file's numbering part."""
    from docx.oxml.ns import qn

    try:
        numbering = document.part.numbering_part.element
    except (KeyError, NotImplementedError, AttributeError):
        return {}
    abstracts: dict[str, dict[int, _WordLevel]] = {}
    for abstract in numbering.iterchildren(qn("w:abstractNum")):
        levels = {}
        for level in abstract.iterchildren(qn("w:lvl")):
            start, fmt, style = (
                level.find(qn("w:start")),
                level.find(qn("w:numFmt")),
                level.find(qn("w:pStyle")),
            )
            kind = fmt.get(qn("w:val")) if fmt is not None else "decimal"
            levels[int(level.get(qn("w:ilvl"), "0"))] = _WordLevel(
                int(start.get(qn("w:val"), "1")) if start is not None else 1,
                kind not in {"bullet", "none"},
                style.get(qn("w:val")) if style is not None else None,
            )
        abstracts[abstract.get(qn("w:abstractNumId"), "")] = levels
    found = {}
    for number in numbering.iterchildren(qn("w:num")):
        abstract_id = number.find(qn("w:abstractNumId"))
        if abstract_id is not None:
            found[number.get(qn("w:numId"), "")] = abstracts.get(abstract_id.get(qn("w:val")), {})
    return found


def _word_numbering(
    paragraph: Paragraph, levels: dict[str, dict[int, _WordLevel]], counters: dict[str, list[int]]
) -> tuple[int | None, int | None]:
    """Depth and position of a paragraph in Word's automatic numbering (which Word
    draws and does not store in the text), from its own or its style's numbering;
    bullets are not numbers."""
    properties = paragraph._p.pPr
    # python-docx declares numPr as the descriptor that makes it, not the element it gives.
    numbering: Any = properties.numPr if properties is not None else None
    style = paragraph.style
    if numbering is None and style is not None:
        style_properties = style.element.pPr
        numbering = style_properties.numPr if style_properties is not None else None
    if numbering is None or numbering.numId is None or numbering.numId.val == 0:
        return None, None
    number_id = str(numbering.numId.val)
    defined = levels.get(number_id, {})
    if numbering.ilvl is not None:
        depth = numbering.ilvl.val
    else:  # a style's numbering: the level linked to the style
        style_id = style.style_id if style is not None else None
        depth = next((d for d, level in defined.items() if level.style == style_id), 0)
    level = defined.get(depth, _WordLevel(1, True, None))
    if not level.drawn:
        return None, None
    counts = counters.setdefault(number_id, [])
    while len(counts) <= depth:
        counts.append(0)
    del counts[depth + 1 :]
    counts[depth] += 1
    return depth, level.start - 1 + counts[depth] - 1
