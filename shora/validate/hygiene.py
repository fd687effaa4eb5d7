"""Persian hygiene: warnings about letters, digits and commas, with safe fixes.

Each warning points at the exact character in the file when it can be found
there literally (not behind an escape), and then carries a fix ``shora fix`` may
apply without changing meaning.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg
from shora.core.persian import (
    ARABIC_COMMA_LOOKALIKE,
    ARABIC_INDIC_DIGITS,
    LETTER_FIXES,
    PERSIAN_COMMA,
    PERSIAN_DIGITS,
    is_thousands_separator,
)
from shora.load.loader import Document, PathKey
from shora.load.model_errors import at_path, display_path

_PERSIAN_DIGIT_RE = re.compile(f"[{PERSIAN_DIGITS}]")
_ASCII_DIGIT_RE = re.compile("[0-9]")
_ARABIC_SCRIPT_RE = re.compile("[\u0600-\u06ff]")
# The characters the loop below reports: most texts have none, and a regular
# expression finds them far faster than a loop over every character.
_SUSPECT_RE = re.compile(
    "[" + re.escape("".join(LETTER_FIXES) + ARABIC_INDIC_DIGITS + ARABIC_COMMA_LOOKALIKE) + "]"
)
# Either of the above: what a text must hold for any of its strings to be reported
# (one pass over it, where a search for each would take two).
_SUSPECT_OR_PERSIAN_DIGIT_RE = re.compile(
    "["
    + re.escape(
        "".join(LETTER_FIXES) + ARABIC_INDIC_DIGITS + ARABIC_COMMA_LOOKALIKE + PERSIAN_DIGITS
    )
    + "]"
)
# The letters of LETTER_FIXES, as messages name them.
_LETTER_NAMES: dict[str, Message] = {
    "\u064a": msg("Arabic yeh '{letter}'", letter="\u064a"),
    "\u0649": msg("Arabic alef maksura '{letter}'", letter="\u0649"),
    "\u0643": msg("Arabic kaf '{letter}'", letter="\u0643"),
}


def _strings(data: Any, path: PathKey = ()) -> Iterator[tuple[PathKey, str]]:
    if isinstance(data, str):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))


def _all_strings(data: Any, found: list[str]) -> list[str]:
    """The strings :func:`_strings` finds, without their paths."""
    if isinstance(data, str):
        found.append(data)
    elif isinstance(data, dict):
        for value in data.values():
            _all_strings(value, found)
    elif isinstance(data, list):
        for value in data:
            _all_strings(value, found)
    return found


def _may_be_reported(value: str) -> bool:
    """False when the loop of :func:`hygiene_diagnostics` reports nothing in ``value``."""
    if _SUSPECT_OR_PERSIAN_DIGIT_RE.search(value) is None:
        return False  # (most strings: one search instead of two or three)
    return _ARABIC_SCRIPT_RE.search(value) is not None and (
        _SUSPECT_RE.search(value) is not None
        or (
            _PERSIAN_DIGIT_RE.search(value) is not None
            and _ASCII_DIGIT_RE.search(value) is not None
        )
    )


def _raw_index(document: Document, path: PathKey, value: str, index: int) -> int | None:
    """Index in the file's text of ``value[index]``, if that character is written there
    literally and the same number of times (so the n-th match is the same one)."""
    span = document.source_map.spans.get(path)
    if span is None:
        return None
    raw = document.text[span[0] : span[1]]
    character = value[index]
    if raw.count(character) != value.count(character):
        return None
    occurrence = value[:index].count(character)
    position = -1
    for _ in range(occurrence + 1):
        position = raw.find(character, position + 1)
    return span[0] + position


def _warning(
    document: Document,
    path: PathKey,
    value: str,
    index: int,
    message: Message,
    replacement: str | None,
) -> Diagnostic:
    raw = _raw_index(document, path, value, index)
    if raw is None:
        position = document.source_map.value(path)
        fix = None
    else:
        position = document.position_of_index(raw)
        fix = (raw, raw + 1, replacement) if replacement is not None else None
    return Diagnostic(
        document.path,
        position.line,
        position.col,
        Severity.WARNING,
        at_path(display_path(path), message),
        fix,
    )


def _may_need_hygiene(text: str) -> bool:
    """False when no string of the file can hold anything reported here: no suspect
    character, no Persian digit to mix, and no escape that could write either."""
    return _SUSPECT_OR_PERSIAN_DIGIT_RE.search(text) is not None or "\\" in text


def hygiene_diagnostics(document: Document) -> Iterator[Diagnostic]:
    if not _may_need_hygiene(document.text):
        return
    # The strings first, without their paths: most files have nothing to report.
    if not any(_may_be_reported(value) for value in _all_strings(document.data, [])):
        return
    for path, value in _strings(document.data):
        if not _ARABIC_SCRIPT_RE.search(value):
            continue

        for match in _SUSPECT_RE.finditer(value):
            index, character = match.start(), match.group()
            if character in LETTER_FIXES:
                right = LETTER_FIXES[character][0]
                yield _warning(
                    document,
                    path,
                    value,
                    index,
                    msg(
                        "{letter} in Persian text: write '{right}' (shora fix)",
                        letter=_LETTER_NAMES[character],
                        right=right,
                    ),
                    right,
                )
            elif character in ARABIC_INDIC_DIGITS:
                persian = PERSIAN_DIGITS[ARABIC_INDIC_DIGITS.index(character)]
                yield _warning(
                    document,
                    path,
                    value,
                    index,
                    msg(
                        "Arabic-Indic digit '{digit}': write the Persian digit '{persian}' "
                        "(shora fix)",
                        digit=character,
                        persian=persian,
                    ),
                    persian,
                )
            elif character == ARABIC_COMMA_LOOKALIKE and not is_thousands_separator(value, index):
                yield _warning(
                    document,
                    path,
                    value,
                    index,
                    msg(
                        "'{separator}' is a thousands separator, not a comma: "
                        "write '{comma}' (shora fix)",
                        separator=ARABIC_COMMA_LOOKALIKE,
                        comma=PERSIAN_COMMA,
                    ),
                    PERSIAN_COMMA,
                )
        persian_digit = _PERSIAN_DIGIT_RE.search(value)
        ascii_digit = _ASCII_DIGIT_RE.search(value)
        if persian_digit and ascii_digit:
            yield _warning(
                document,
                path,
                value,
                ascii_digit.start(),
                msg("Persian and ASCII digits are mixed in one text: use one digit system"),
                None,
            )
