"""The site's two languages: what the code decides by a page's language.

Persian is the first language (the site's root, right to left, Persian digits);
English the second (under ``en/``, left to right, Latin digits). Code that needs one
of these decisions asks the :class:`Language` rather than comparing a code with
``"fa"``: ``language_of(code).direction``, ``.other``, ``.localize_digits(text)``.

Templates, ``t()`` and the data's ``language:`` fields still carry the code (``"fa"``,
``"en"``): a short string is what YAML, URLs and Jinja hold, and the value is found
from it where a decision is made.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property
from typing import Literal

from babel import Locale
from babel.numbers import format_decimal

from shora.core.persian import ASCII_DIGITS, PERSIAN_DIGITS, to_persian_digits

LanguageCode = Literal["fa", "en"]
# Numbers of four digits (years among them) are written whole, longer ones in groups.
GROUPED_FROM = 10_000
Direction = Literal["rtl", "ltr"]


@dataclass(frozen=True)
class Language:
    """One of the site's languages."""

    code: LanguageCode
    direction: Direction
    # The language's name in itself, as a language switch shows it.
    name: str
    # The ten digits its readers write numbers with, 0 to 9, and the decimal separator.
    digits: str
    decimal_separator: str
    # Between the items of a list, and between groups of items.
    comma: str
    semicolon: str

    def __str__(self) -> str:
        return self.code

    @cached_property
    def locale(self) -> Locale:
        """The Babel locale: plural rules, names of languages and countries."""
        return Locale.parse(self.code)

    @property
    def other(self) -> Language:
        """The site's other language: where a page's language switch leads."""
        return ENGLISH if self is PERSIAN else PERSIAN

    @property
    def is_persian(self) -> bool:
        return self is PERSIAN

    @property
    def rtl(self) -> bool:
        return self.direction == "rtl"

    def localize_number(self, number: int | float) -> str:
        """A number of our own (a count, a limit) as this language writes it: from five
        digits on, in groups of three (26,626; ۲۶٬۶۲۶), as the locale separates them."""
        if isinstance(number, int) and abs(number) >= GROUPED_FROM:
            grouped = format_decimal(number, locale=self.locale, numbering_system="default")
            return self.localize_digits(grouped)
        return self.localize_digits(str(number)).replace(".", self.decimal_separator)

    def localize_digits(self, text: str) -> str:
        """``text`` with its digits as this language's readers write them. English
        leaves text as it is (a Persian digit quoted in English stays Persian)."""
        return to_persian_digits(text) if self.digits == PERSIAN_DIGITS else text


PERSIAN = Language(
    code="fa",
    direction="rtl",
    name="فارسی",
    digits=PERSIAN_DIGITS,
    decimal_separator="٫",
    comma="، ",
    semicolon="؛ ",
)
ENGLISH = Language(
    code="en",
    direction="ltr",
    name="English",
    digits=ASCII_DIGITS,
    decimal_separator=".",
    comma=", ",
    semicolon="; ",
)
# Persian first: the order of the builds, of the language switch and of the files.
LANGUAGES: tuple[Language, ...] = (PERSIAN, ENGLISH)
_BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def language_of(code: str | Language) -> Language:
    """The language whose code is ``code`` (a :class:`Language` is returned as it is)."""
    if isinstance(code, Language):
        return code
    try:
        return _BY_CODE[code]
    except KeyError:
        known = ", ".join(_BY_CODE)
        raise ValueError(f"unknown language {code!r}: the site's languages are {known}") from None


def localize_digits(text: str, language: str) -> str:
    """Digits as readers of ``language`` (its code) expect them."""
    return language_of(language).localize_digits(text)


def other_language(code: str) -> LanguageCode:
    """The code of the site's other language than ``code``."""
    return language_of(code).other.code
