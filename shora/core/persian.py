"""Persian text: digits, abjad letters, safe fixes and search folding.

The safe fixes are the unambiguous ones (see the project's notes on Persian
text): Arabic yeh and kaf to their Persian forms, Arabic-Indic digits to Persian
digits, and the Arabic thousands separator used as a comma to the Persian comma.
"""

from __future__ import annotations

import functools
import re
import unicodedata

PERSIAN_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
ASCII_DIGITS = "0123456789"

# Letters of sub-items, in abjad order (the order Persian documents use).
ABJAD_LETTERS = (
    "الف", "ب", "ج", "د", "ه", "و", "ز", "ح", "ط", "ی", "ک", "ل", "م", "ن",
    "س", "ع", "ف", "ص", "ق", "ر", "ش", "ت", "ث", "خ", "ذ", "ض", "ظ", "غ",
)  # fmt: skip
LATIN_LETTERS = "abcdefghijklmnopqrstuvwxyz"

_TO_PERSIAN_DIGITS = str.maketrans(ASCII_DIGITS + ARABIC_INDIC_DIGITS, PERSIAN_DIGITS * 2)
_TO_ASCII_DIGITS = str.maketrans(PERSIAN_DIGITS + ARABIC_INDIC_DIGITS, ASCII_DIGITS * 2)

# Safe letter fixes: character -> (replacement, name used in messages).
LETTER_FIXES: dict[str, tuple[str, str]] = {
    "\u064a": ("\u06cc", "Arabic yeh 'ي'"),
    "\u0649": ("\u06cc", "Arabic alef maksura 'ى'"),
    "\u0643": ("\u06a9", "Arabic kaf 'ك'"),
}
ARABIC_COMMA_LOOKALIKE = "\u066c"  # '٬', the Arabic thousands separator
PERSIAN_COMMA = "\u060c"  # '،'


def to_persian_digits(text: str) -> str:
    return text.translate(_TO_PERSIAN_DIGITS)


def to_ascii_digits(text: str) -> str:
    return text.translate(_TO_ASCII_DIGITS)


def abjad_letter(index: int) -> str:
    """Letter of the sub-item at 0-based ``index``: الف, ب, ج, ..."""
    return ABJAD_LETTERS[index]


def latin_letter(index: int) -> str:
    """Letter of the sub-item at 0-based ``index`` in English: a ... z, then aa, bb
    (as legal texts continue), since Persian has 28 abjad letters and English 26."""
    letter = LATIN_LETTERS[index % len(LATIN_LETTERS)]
    return letter * (index // len(LATIN_LETTERS) + 1)


def is_thousands_separator(text: str, index: int) -> bool:
    """True where '٬' at ``index`` stands between two digits (its real use)."""
    before = text[index - 1] if index > 0 else ""
    after = text[index + 1] if index + 1 < len(text) else ""
    return before.isdigit() and after.isdigit()


def safe_fix(text: str) -> str:
    """Apply the safe fixes to Persian text."""
    for wrong, (right, _name) in LETTER_FIXES.items():
        text = text.replace(wrong, right)
    text = text.translate(str.maketrans(ARABIC_INDIC_DIGITS, PERSIAN_DIGITS))
    fixed = []
    for index, character in enumerate(text):
        if character == ARABIC_COMMA_LOOKALIKE and not is_thousands_separator(text, index):
            fixed.append(PERSIAN_COMMA)
        else:
            fixed.append(character)
    return unicodedata.normalize("NFC", "".join(fixed))


# ---------------------------------------------------------------- search folding
# One definition for the site's Python (the search indexes, the directory's data) and
# its JavaScript (theme/assets/javascripts/fold.js, whose tables shora.tools.fold_script
# writes from this module; tests/test_fold.py compares the two over every code point).
#
# The steps: NFKD; the harakat and Quranic marks (FOLD_REMOVED: some of them are not
# Unicode marks) and then every mark (category M) removed; NFC; FOLD_TABLE; case folding;
# whitespace collapsed. NFKD splits آ أ إ ؤ ئ ۀ into a letter and a mark, so the table
# sees only the letter.

# Ranges of characters removed, as in a regular expression's [...].
FOLD_REMOVED = "\u064b-\u065f\u0670\u06d6-\u06ed"
FOLD_TABLE: dict[str, str] = {
    "\u064a": "\u06cc",  # ي -> ی
    "\u0649": "\u06cc",  # ى -> ی
    "\u0643": "\u06a9",  # ك -> ک
    "\u0629": "\u0647",  # ة -> ه
    "\u06d5": "\u0647",  # ە (what NFKD leaves of ۀ) -> ه, so that خانۀ is found by خانه
    "\u0640": "",  # tatweel
    "\u200c": " ",  # ZWNJ -> space
    "\u200d": "",  # ZWJ
    **dict(zip(PERSIAN_DIGITS, ASCII_DIGITS, strict=True)),
    **dict(zip(ARABIC_INDIC_DIGITS, ASCII_DIGITS, strict=True)),
}
_REMOVED_RE = re.compile(f"[{FOLD_REMOVED}]")
# The table as replacements one after another, which is str.translate's result since no
# replacement holds a character of the table (tests/test_fold.py), at a tenth of its cost.
_FOLD_REPLACEMENTS = tuple(FOLD_TABLE.items())


def _is_removed(character: str) -> bool:
    return bool(_REMOVED_RE.match(character)) or unicodedata.category(character)[0] == "M"


def _ranges_kept(first: int, last: int) -> str:
    """The characters from ``first`` to ``last`` the folding keeps, as ranges of a
    regular expression's [...]."""
    ranges: list[list[int]] = []
    for code in range(first, last + 1):
        if _is_removed(chr(code)):
            continue
        if ranges and ranges[-1][1] == code - 1:
            ranges[-1][1] = code
        else:
            ranges.append([code, code])
    return "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in ranges)


# Characters that may be removed: all but those of the blocks most text is written in
# (Latin, Greek, Cyrillic, Arabic..., general punctuation) that are never removed. Only
# these are looked up one by one, and a text is searched for them in one pass.
_NEVER_REMOVED = _ranges_kept(0x0000, 0x07FF) + _ranges_kept(0x2000, 0x206F)
_MAYBE_REMOVED_RE = re.compile(f"[^{_NEVER_REMOVED}]")
_removed = functools.cache(_is_removed)


def without_marks(text: str) -> str:
    """The folding's first steps: ``text`` in NFKD without FOLD_REMOVED and marks, in NFC."""
    text = unicodedata.normalize("NFKD", text)
    for character in set(_MAYBE_REMOVED_RE.findall(text)):
        if _removed(character):
            text = text.replace(character, "")
    return unicodedata.normalize("NFC", text)


def fold_keeping_case(text: str) -> str:
    """:func:`fold` without its case folding: ``fold(x) == fold_keeping_case(x).casefold()``
    (the search indexes keep the text's case for Pagefind's own)."""
    text = without_marks(text)
    for character, replacement in _FOLD_REPLACEMENTS:
        if character in text:
            text = text.replace(character, replacement)
    return " ".join(text.split())


def fold(text: str) -> str:
    """Fold text for matching: the same for what is searched and what is typed.

    Letter variants, all digit systems, diacritics, tatweel and ZWNJ fold to one
    form; case folds (ß to ss); whitespace collapses.
    """
    return fold_keeping_case(text).casefold()
