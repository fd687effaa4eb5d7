"""Numbers, letters and ordinals as resolutions print them.

Clause numbers in any digits and with any of the usual marks (``۱-``, ``١-``, ``1.``,
``1)``, ``(1)``, ``۵ –``, or a bare number), sub-item letters in abjad order
(``الف)``, ``ب)``) or Latin (``(a)``, ``b)``), and the ordinals of sessions, in
Persian words (``سی و یکمین`` = 31), English words (``thirty-first``) or digits
(``31st``, ``۳۱مین``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shora.core.persian import ABJAD_LETTERS, LATIN_LETTERS, to_ascii_digits


@dataclass(frozen=True)
class Numbered:
    number: int
    rest: str
    marked: bool  # a mark follows the number ('-', '.', ')'); False for a bare number


@dataclass(frozen=True)
class Lettered:
    index: int  # 0-based position in the alphabet (abjad or Latin)
    rest: str


# '.' only before a space or the end, so that '1.5 million' is not point 1.
_NUMBER_RE = re.compile(
    r"^(?:\((?P<paren>\d{1,3})\)|(?P<number>\d{1,3})(?!\d)\s*"
    r"(?P<mark>[-–—)]|\.(?=\s|$))?)\s*(?P<rest>.*)$",
    re.DOTALL,
)


def numbered(line: str) -> Numbered | None:
    """The clause number that begins ``line``, if any (bare numbers included: the
    caller accepts them only where that number is expected)."""
    match = _NUMBER_RE.match(line)
    if not match:
        return None
    digits = match.group("paren") or match.group("number")
    marked = bool(match.group("paren") or match.group("mark"))
    rest = match.group("rest")
    if not marked and not line[len(digits) :][:1].isspace():
        return None
    return Numbered(int(to_ascii_digits(digits)), rest, marked)


_ABJAD_ALTERNATION = "|".join(sorted(ABJAD_LETTERS, key=len, reverse=True))
# The letter ه is also written with a tatweel or a joiner (هـ, ه‍) to stand alone.
_ABJAD_RE = re.compile(
    rf"^\(?(?P<letter>{_ABJAD_ALTERNATION})[\u0640\u200d]?\s*[)\-–.]\s*(?P<rest>.*)$", re.DOTALL
)
_LATIN_RE = re.compile(
    r"^(?:\((?P<paren>[a-z]{1,2})\)|(?P<letter>[a-z]{1,2})[).])\s*(?P<rest>.*)$", re.DOTALL
)


def latin_index(letters: str) -> int | None:
    """``a`` -> 0, ``z`` -> 25, ``aa`` -> 26 (as :func:`shora.core.persian.latin_letter`)."""
    if len(set(letters)) != 1:
        return None
    return LATIN_LETTERS.index(letters[0]) + len(LATIN_LETTERS) * (len(letters) - 1)


def lettered(line: str, language: str) -> Lettered | None:
    """The sub-item letter that begins ``line``: abjad in Persian, Latin in English."""
    if language == "fa":
        match = _ABJAD_RE.match(line)
        if match:
            return Lettered(ABJAD_LETTERS.index(match.group("letter")), match.group("rest"))
        return None
    match = _LATIN_RE.match(line)
    if not match:
        return None
    index = latin_index(match.group("paren") or match.group("letter"))
    return None if index is None else Lettered(index, match.group("rest"))


# ---------------------------------------------------------------- ordinals

_PERSIAN_NUMBERS = {
    "یک": 1, "دو": 2, "سه": 3, "سو": 3, "چهار": 4, "پنج": 5, "شش": 6, "هفت": 7,
    "هشت": 8, "نه": 9, "ده": 10, "یازده": 11, "دوازده": 12, "سیزده": 13,
    "چهارده": 14, "پانزده": 15, "پونزده": 15, "شانزده": 16, "هفده": 17, "هیفده": 17,
    "هجده": 18, "هیجده": 18, "نوزده": 19, "بیست": 20, "سی": 30, "چهل": 40,
    "پنجاه": 50, "شصت": 60, "هفتاد": 70, "هشتاد": 80, "نود": 90, "صد": 100,
}  # fmt: skip
_PERSIAN_FIRST = {"اول", "اولین", "نخست", "نخستین"}
# Ordinal endings, longest first: سی‌امین, یکمین, سوم, سی‌ام.
_PERSIAN_ORDINAL_ENDINGS = ("امین", "مین", "ام", "م")


def _persian_cardinal(word: str) -> int | None:
    return _PERSIAN_NUMBERS.get(word.replace("\u200c", "").strip())


def persian_ordinal(words: str) -> int | None:
    """``سی و یکمین`` -> 31, ``دوم`` -> 2, ``نخستین`` -> 1, ``۳۱مین`` -> 31."""
    words = " ".join(words.replace("\u200c", " ").split())
    if words in _PERSIAN_FIRST:
        return 1
    digits = re.fullmatch(r"(\d{1,3})\s*-?\s*(?:امین|مین|ام|م)", words)
    if digits:
        return int(to_ascii_digits(digits.group(1)))
    parts = [part.strip() for part in words.split(" و ")]
    last = parts[-1].replace(" ", "")
    for ending in _PERSIAN_ORDINAL_ENDINGS:
        if last.endswith(ending) and _persian_cardinal(last[: -len(ending)]) is not None:
            parts[-1] = last[: -len(ending)]
            break
    else:
        return None
    values = [_persian_cardinal(part) for part in parts]
    if any(value is None for value in values):
        return None
    return sum(value for value in values if value is not None)


_ENGLISH_UNITS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6,
    "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
    "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15,
    "sixteenth": 16, "seventeenth": 17, "eighteenth": 18, "nineteenth": 19,
    "twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50,
    "sixtieth": 60, "seventieth": 70, "eightieth": 80, "ninetieth": 90,
}  # fmt: skip
_ENGLISH_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip


def english_ordinal(words: str) -> int | None:
    """``thirty-first`` -> 31, ``31st`` -> 31, ``second`` -> 2."""
    words = words.strip().lower().replace(" ", "-")
    digits = re.fullmatch(r"(\d{1,3})(?:st|nd|rd|th)", words)
    if digits:
        return int(digits.group(1))
    if words in _ENGLISH_UNITS:
        return _ENGLISH_UNITS[words]
    tens, _, unit = words.partition("-")
    if tens in _ENGLISH_TENS and unit in _ENGLISH_UNITS and _ENGLISH_UNITS[unit] < 10:
        return _ENGLISH_TENS[tens] + _ENGLISH_UNITS[unit]
    return None


_ORDINAL_WORDS = {value: word for word, value in _ENGLISH_UNITS.items()}
_TENS_WORDS = {value: word for word, value in _ENGLISH_TENS.items()}


def english_ordinal_words(number: int) -> str:
    """31 -> ``thirty-first``, 12 -> ``twelfth`` (digits from 100 on: ``101st``): how
    the resolutions' English writes a session, as their glossary says."""
    if number in _ORDINAL_WORDS:
        return _ORDINAL_WORDS[number]
    tens, unit = divmod(number, 10)
    if 2 <= tens <= 9:
        return f"{_TENS_WORDS[tens * 10]}-{_ORDINAL_WORDS[unit]}"
    return english_ordinal_digits(number)


def english_ordinal_digits(number: int) -> str:
    """31 -> ``31st``, 12 -> ``12th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
