"""Messages to editors, in Persian and in English.

Every message the tools print is written in the code as its English text with named
placeholders, ``msg("unknown key '{key}'", key=name)``, and translated through the
Persian gettext catalogs ``shora/locale/fa/LC_MESSAGES/*.po`` (one file per area of
the code; Babel reads them and finds every message with ``pybabel extract -k msg``).

A :class:`Message` is the English text itself (a ``str``, so it sorts, compares and
prints as before) that also keeps its template and parameters until it is shown: the
same diagnostic is printed in either language, and the validator's cache keeps it in
neither. Parameters are shown by their type:

* ``int`` or ``float`` (not ``bool``): a count, a line number or a limit of our own, in
  Persian digits (and the decimal separator ``٫``) in Persian;
* ``str``: a path, key or value quoted from the file, shown exactly as written and,
  in Persian, isolated (U+2068 ... U+2069) so that Latin text and digits inside a
  right-to-left line keep their order in a terminal and on GitHub;
* ``Message``: another message, shown in the same language;
* :class:`Localized`: a name the project knows in both languages (a country's), shown
  in the message's language;
* ``tuple`` or ``list``: several of the above, joined with the language's comma.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from shora.core.language import LANGUAGES, LanguageCode, language_of

MESSAGE_LANGUAGES: tuple[LanguageCode, ...] = tuple(language.code for language in LANGUAGES)
CATALOGS = Path(__file__).resolve().parents[1] / "locale"

FIRST_STRONG_ISOLATE = "\u2068"
POP_DIRECTIONAL_ISOLATE = "\u2069"
_LIST_SEPARATOR: dict[str, str] = {language.code: language.comma for language in LANGUAGES}


class Message(str):
    """The English text of a message, which can also be shown in Persian."""

    template: str
    params: tuple[tuple[str, Any], ...]

    def __new__(cls, template: str, params: Mapping[str, Any] | None = None) -> Message:
        frozen = tuple(sorted((name, _freeze(value)) for name, value in (params or {}).items()))
        self = super().__new__(cls, _fill(template, frozen, "en"))
        self.template = template
        self.params = frozen
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Message, (self.template, dict(self.params)))

    def render(self, language: str) -> str:
        if language == "en":
            return str.__str__(self)
        return _fill(translate(self.template, language), self.params, language)


@dataclass(frozen=True)
class Localized:
    """A name in each language, shown in the language of the message around it."""

    fa: str
    en: str


def msg(template: str, /, **params: Any) -> Message:
    """A message to an editor: ``template`` is its English text (the gettext msgid)."""
    return Message(template, params)


def msg_template(text: str, /) -> str:
    """A message's English text to be filled in later (``Message(template, params)``):
    marked so that the catalogs' extraction finds it too."""
    return text


def count_of(count: int, one: Message, many: str) -> Message:
    """``1 error`` or ``3 errors``: ``many`` is a template with ``{count}``. English has
    these two forms (CLDR's ``one`` is exactly 1 for a whole number); Persian keeps one
    form after any number, so both translate alike."""
    return one if count == 1 else Message(many, {"count": count})


def describe(value: Any) -> Message:
    """A value from a file as a message names it: ``'۲۳'``, ``the number 5``, ``a list``."""
    if value is None:
        return msg("nothing")
    if isinstance(value, bool):
        return msg("{value}", value=str(value).lower())
    if isinstance(value, dict):
        return msg("a mapping")
    if isinstance(value, list):
        return msg("a list")
    if isinstance(value, (int, float)):
        return msg("the number {value}", value=str(value))
    return msg("'{value}'", value=str(value))


def render(text: str, language: str) -> str:
    """``text`` in ``language`` where it is a :class:`Message`; other text as it is."""
    return text.render(language) if isinstance(text, Message) else str(text)


def untranslated(text: str, language: str) -> list[str]:
    """The templates in ``text`` (a message and those inside it) that ``language``'s
    catalogs do not translate: what a test finds when extraction missed a message."""
    if language == "en" or not isinstance(text, Message):
        return []
    missing = [] if text.template in catalog(language) else [text.template]
    for _, value in text.params:
        for item in value if isinstance(value, tuple) else (value,):
            missing += untranslated(item, language)
    return missing


def _freeze(value: Any) -> Any:
    if isinstance(value, list):
        return tuple(_freeze(item) for item in value)
    return value


def _show(value: Any, language: str) -> str:
    if isinstance(value, Message):
        return value.render(language)
    if isinstance(value, Localized):
        return value.fa if language == "fa" else value.en
    if isinstance(value, tuple):
        return _LIST_SEPARATOR.get(language, ", ").join(_show(item, language) for item in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        # A number of our own (a count, a line, a limit): in the language's digits.
        return language_of(language).localize_number(value)
    shown = str(value)
    if language == "fa" and shown:
        return f"{FIRST_STRONG_ISOLATE}{shown}{POP_DIRECTIONAL_ISOLATE}"
    return shown


def _fill(template: str, params: tuple[tuple[str, Any], ...], language: str) -> str:
    # Always formatted, so a literal brace is written '{{' in every template. A
    # placeholder without a value stays as it is written rather than failing.
    return template.format_map(_Shown({name: _show(value, language) for name, value in params}))


class _Shown(dict[str, str]):
    def __missing__(self, name: str) -> str:
        return "{" + name + "}"


def translate(template: str, language: str) -> str:
    """The template in ``language``; the English one where no translation exists."""
    if language == "en":
        return template
    return catalog(language).get(template) or template


@cache
def catalog(language: str) -> dict[str, str]:
    """msgid -> msgstr of every catalog of ``language`` (all of its ``.po`` files)."""
    from babel.messages.pofile import read_po

    merged: dict[str, str] = {}
    folder = CATALOGS / language / "LC_MESSAGES"
    for path in sorted(folder.glob("*.po")) if folder.is_dir() else []:
        with path.open("rb") as stream:
            for entry in read_po(stream, locale=language):
                # An entry with a msgctxt is the site's text (site.po), not a message.
                if entry.context or not (entry.id and isinstance(entry.id, str)):
                    continue
                if entry.string and not entry.fuzzy:
                    merged[entry.id] = str(entry.string)
    return merged


def language_from_environment(environ: Mapping[str, str] | None = None) -> LanguageCode:
    """Persian where the locale says so (LC_ALL, LC_MESSAGES or LANG begins with
    ``fa``, in POSIX order of precedence), English otherwise."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name)
        if value:
            return "fa" if value.lower().startswith("fa") else "en"
    return "en"


def join(parts: Iterable[str], language: str) -> str:
    """Several shown texts as one list, in the language's way."""
    return _LIST_SEPARATOR.get(language, ", ").join(parts)


# Counts the tools print, for count_of().
ERRORS = (msg("1 error"), msg_template("{count} errors"))
WARNINGS = (msg("1 warning"), msg_template("{count} warnings"))
FILES = (msg("1 file"), msg_template("{count} files"))
BROKEN_LINKS = (msg("1 broken link"), msg_template("{count} broken links"))
BROKEN_INTERNAL_LINKS = (
    msg("1 broken internal link"),
    msg_template("{count} broken internal links"),
)
