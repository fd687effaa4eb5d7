"""The normalization of imported text, and the report of every change it makes.

Only these changes are made; everything else stays exactly as written:

* spacing: runs of spaces, tabs and no-break spaces (``&nbsp;``) become one space,
  and spaces and invisible direction marks at both ends of a line are removed;
* in Persian text, the safe fixes of :func:`shora.core.persian.safe_fix`: Arabic yeh and
  kaf to Persian ``ی`` ``ک``, Arabic-Indic digits to Persian digits, the Arabic
  thousands separator used as a comma ``٬`` to ``،``; Unicode NFC in both languages;
* a footnote mark ``*`` at the end of a paragraph, whose note is not part of the text.

The spacing and footnote changes are reported once per line; every safe fix is
reported with its line and count.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from shora.core.messages import Message, msg, msg_template
from shora.core.persian import (
    ARABIC_COMMA_LOOKALIKE,
    ARABIC_INDIC_DIGITS,
    LETTER_FIXES,
    is_thousands_separator,
    safe_fix,
)

# The letters safe_fix changes, each with its message.
_LETTER_MESSAGES = {
    "\u064a": msg_template("Arabic yeh 'ي' changed to Persian 'ی' ({count}×)"),
    "\u0649": msg_template("Arabic alef maksura 'ى' changed to Persian 'ی' ({count}×)"),
    "\u0643": msg_template("Arabic kaf 'ك' changed to Persian 'ک' ({count}×)"),
}
assert set(_LETTER_MESSAGES) == set(LETTER_FIXES)

_SPACES = re.compile(r"\s+")
# Invisible marks that only order text (LRM, RLM, embeddings, isolates, BOM, ZWSP).
_EDGE_MARKS = "\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u200b"
_FOOTNOTE_MARK = re.compile(r"\s*\*+$")


@dataclass(frozen=True)
class Fix:
    """One kind of change made on one line."""

    line: int
    message: Message


def spaced(text: str) -> str:
    """The line with its spacing normalized (step 1)."""
    return _SPACES.sub(" ", text).strip(" " + _EDGE_MARKS)


def fixed(text: str, language: str) -> str:
    """The line with the safe fixes of its language (step 2)."""
    return safe_fix(text) if language == "fa" else unicodedata.normalize("NFC", text)


def fixes_in(written: str, kept: str, line: int, language: str) -> list[Fix]:
    """The safe fixes made to the part of ``written`` that is kept as ``kept`` (the
    end of the line: its number or letter is not kept)."""
    if language != "fa":
        return []
    part = written[len(written) - len(kept) :] if kept else written
    if len(fixed(part, language)) != len(kept):  # NFC joined letters: report the line
        part = written
    return [Fix(line, message) for message in persian_fixes(part)]


def without_footnote_mark(text: str) -> str:
    """The text without a footnote mark at its end (``... قرار دهد. *``)."""
    stripped = _FOOTNOTE_MARK.sub("", text)
    return stripped if stripped.strip() else text


def persian_fixes(text: str) -> list[Message]:
    """What :func:`shora.core.persian.safe_fix` changes in ``text``, one message a kind."""
    found: list[Message] = []
    for wrong, template in _LETTER_MESSAGES.items():
        count = text.count(wrong)
        if count:
            found.append(Message(template, {"count": count}))
    digits = sum(text.count(digit) for digit in ARABIC_INDIC_DIGITS)
    if digits:
        found.append(msg("Arabic-Indic digits changed to Persian digits ({count}×)", count=digits))
    commas = sum(
        1
        for index, character in enumerate(text)
        if character == ARABIC_COMMA_LOOKALIKE and not is_thousands_separator(text, index)
    )
    if commas:
        found.append(
            msg("'٬' used as a comma changed to the Persian comma '،' ({count}×)", count=commas)
        )
    return found
