"""The tables of the site's JavaScript folding, written from shora.core.persian.

theme/assets/javascripts/fold.js folds as :func:`shora.core.persian.fold` does, with the
browser's own NFKD, NFC, marks (``\\p{M}``) and ``toLowerCase``, and with tables for
the rest: the characters removed, the whitespace Python splits on, and every character
whose folding is not what ``toLowerCase`` gives it (the Persian table, and where case
folding is not lowercasing: ß to ss, ς to σ, Cherokee to its capitals...). This module
computes those tables from the Python and writes them between the script's markers:

    .venv/bin/python -m shora.tools.fold_script

tests/test_fold.py fails when the script's tables are not the ones this writes, and
compares the two foldings over every code point.
"""

from __future__ import annotations

import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from shora.core.persian import FOLD_REMOVED, FOLD_TABLE, without_marks

SCRIPT = Path(__file__).resolve().parents[2] / "theme" / "assets" / "javascripts" / "fold.js"
BEGIN = "/* Tables written by shora.tools.fold_script from shora.core.persian: */\n"
END = "  /* (end of the written tables) */\n"
# Categories of the code points no character folds from: unassigned, surrogates, private.
_NOTHING = ("Cn", "Cs", "Co")


def assigned() -> Iterator[str]:
    """Every character of Python's Unicode database but surrogates and private use."""
    for code in range(sys.maxunicode + 1):
        character = chr(code)
        if unicodedata.category(character) not in _NOTHING:
            yield character


@cache
def reachable() -> frozenset[str]:
    """The characters that reach the table and the case folding: those of
    :func:`without_marks` of each character (NFKD turns ﻻ into لا, آ into ا)."""
    found: set[str] = set()
    for character in assigned():
        found.update(without_marks(character))
    return frozenset(found)


_FOLD_TRANSLATION = str.maketrans(FOLD_TABLE)


def folded(character: str) -> str:
    """What the table and the case folding make of one character."""
    return character.translate(_FOLD_TRANSLATION).casefold()


@dataclass(frozen=True)
class Tables:
    # (first, last, shift): characters that fold to the one `shift` code points on.
    shifts: tuple[tuple[int, int, int], ...]
    # Characters that fold to other text (none, or more than one character).
    texts: dict[str, str]
    # Ranges (first, last) of the characters Python's str.split() splits on.
    spaces: tuple[tuple[int, int], ...]


def _ranges(codes: list[int]) -> Iterator[tuple[int, int]]:
    first = last = None
    for code in codes:
        if last is not None and code == last + 1:
            last = code
            continue
        if first is not None and last is not None:
            yield first, last
        first = last = code
    if first is not None and last is not None:
        yield first, last


def tables() -> Tables:
    """Every reachable character whose folding is not its ``lower()`` (``toLowerCase``
    in the browser), as shifts where it is one character, else as text."""
    shifts: list[list[int]] = []
    texts: dict[str, str] = {}
    for character in sorted(reachable()):
        target = folded(character)
        if target == character.lower():
            continue
        code = ord(character)
        if len(target) != 1:
            texts[character] = target
            continue
        shift = ord(target) - code
        if shifts and shifts[-1][1] == code - 1 and shifts[-1][2] == shift:
            shifts[-1][1] = code
        else:
            shifts.append([code, code, shift])
    spaces = tuple(_ranges([ord(c) for c in assigned() if c.isspace()]))
    return Tables(tuple((a, b, c) for a, b, c in shifts), texts, spaces)


def _escape(character: str) -> str:
    code = ord(character)
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\u{{{code:x}}}"


def _text(text: str) -> str:
    """A JavaScript string's content: letters and digits of ASCII as they are."""
    return "".join(c if c.isascii() and c.isalnum() else _escape(c) for c in text)


def _class(ranges: tuple[tuple[int, int], ...]) -> str:
    return "".join(
        _escape(chr(a)) if a == b else f"{_escape(chr(a))}-{_escape(chr(b))}" for a, b in ranges
    )


def block(found: Tables | None = None) -> str:
    """The script's tables, as written between BEGIN and END (ASCII only: the font
    subsets are cut to the characters of the site's pages and scripts)."""
    found = found or tables()
    shifts = ",\n    ".join(f"[0x{a:x}, 0x{b:x}, {shift}]" for a, b, shift in found.shifts)
    texts = ", ".join(f'"{_escape(c)}": "{_text(text)}"' for c, text in found.texts.items())
    removed = "".join(c if c == "-" else _escape(c) for c in FOLD_REMOVED)
    return (
        f"  var REMOVED = /[{removed}]/g;\n"
        f"  var SPACES = /[{_class(found.spaces)}]+/;\n"
        f"  var SHIFTS = [\n    {shifts}\n  ];\n"
        f"  var TEXTS = {{{texts}}};\n"
    )


def written(script: str, found: Tables | None = None) -> str:
    """``script`` with its tables replaced by :func:`block`."""
    start = script.index(BEGIN) + len(BEGIN)
    end = script.index(END, start)
    return script[:start] + block(found) + script[end:]


def main() -> int:
    text = SCRIPT.read_text(encoding="utf-8")
    new = written(text)
    if new != text:
        SCRIPT.write_text(new, encoding="utf-8")
        print(f"wrote the tables of {SCRIPT}")
    else:
        print(f"{SCRIPT}: its tables are current")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
