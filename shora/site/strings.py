"""The site's interface text in both languages, from the gettext catalog
``shora/locale/fa/LC_MESSAGES/site.po``.

Code and templates ask for a text by its key, ``t("resolutions", language)``; in the
catalog the key is the entry's ``msgctxt``, the English its ``msgid`` and the Persian
its ``msgstr``. The key rather than the English text names an entry because the same
English is sometimes two Persian texts ("Unknown" of a vote and of a date; "Decision"
as a heading and as a kind of decision), and because many keys are made from data
(``"status_" + status``, ``f"weekday_{day}"``).

A text that depends on a number is one entry with ``msgid_plural`` and is asked for
with :func:`t_count`: the form comes from each language's plural rule (Babel's, in the
catalog's ``Plural-Forms``: Persian nouns keep one form after any number, English has
two), and ``{count}`` is written in the language's digits.

A text with markup (the open-data page's paragraphs) is marked ``#. HTML`` in the
catalog and written into its template with ``| safe``; the check compares its tags in
both languages.

New text: add an entry to site.po (``scripts/catalog-check`` and its test fail on an
entry without its Persian or with other placeholders than its English).
"""

from __future__ import annotations

import gettext
from dataclasses import dataclass
from functools import cache, lru_cache
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from shora.core.language import LANGUAGES, Language, language_of
from shora.core.messages import CATALOGS

SITE_CATALOG = CATALOGS / "fa" / "LC_MESSAGES" / "site.po"

LANGUAGE_NAMES = {language.code: language.name for language in LANGUAGES}


@dataclass(frozen=True)
class SiteText:
    """One entry of the catalog: its key and English forms (one, or singular and plural)."""

    key: str
    english: tuple[str, ...]

    @property
    def plural(self) -> bool:
        return len(self.english) == 2


@dataclass(frozen=True)
class SiteCatalog:
    entries: dict[str, SiteText]
    # Each language's text of every key that does not depend on a number, ready to
    # use: t() is called for nearly every word of every page, so it only looks up.
    texts: dict[str | Language, dict[str, str]]
    persian: gettext.GNUTranslations


def read_site_catalog(path: Path = SITE_CATALOG) -> Catalog:
    with path.open("rb") as stream:
        return read_po(stream, locale="fa", domain="site")


@cache
def _site_catalog() -> SiteCatalog:
    catalog = read_site_catalog()
    entries = {}
    for entry in catalog:
        if entry.id and entry.context:
            english = (entry.id,) if isinstance(entry.id, str) else tuple(entry.id)
            entries[entry.context] = SiteText(entry.context, english)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    persian = gettext.GNUTranslations(compiled)
    singular = [entry for entry in entries.values() if not entry.plural]
    texts: dict[str | Language, dict[str, str]] = {}
    for language in LANGUAGES:
        texts[language] = texts[language.code] = {
            entry.key: (
                persian.pgettext(entry.key, entry.english[0])
                if language.is_persian
                else entry.english[0]
            )
            for entry in singular
        }
    return SiteCatalog(entries, texts, persian)


def _entry(key: str) -> SiteText:
    try:
        return _site_catalog().entries[key]
    except KeyError:
        raise KeyError(f"no site text {key!r} in {SITE_CATALOG.name}") from None


def t(key: str, language: str, **values: object) -> str:
    """The text ``key`` in ``language``, its placeholders filled with ``values``."""
    try:
        text = _site_catalog().texts[language][key]
    except KeyError:
        language_of(language)  # a clear error for an unknown language
        if _entry(key).plural:  # ... or a key not in the catalog
            raise TypeError(
                f"site text {key!r} depends on a number: ask for it with t_count()"
            ) from None
        raise
    return text.format(**values) if values else text


def t_count(key: str, language: str, count: int, **values: object) -> str:
    """The text ``key`` for ``count`` things in ``language``: the plural form the
    language's rule chooses, ``{count}`` written in its digits."""
    text, digits = _plural_form(key, language, count)
    return text.format(count=digits, **values)


def plural_forms(key: str, language: str, **values: object) -> dict[str, str]:
    """The text ``key`` for each plural category of the language's rule, named as
    CLDR names them (``one``, ``other``...), for a script that knows the count only in
    the browser (``Intl.PluralRules`` gives the same names). ``{count}`` is left for
    the script to fill; a category no whole number falls in is left out (the script
    falls back to ``other``)."""
    rule = language_of(language).locale.plural_form
    forms: dict[str, str] = {}
    for category in sorted({*rule.tags, "other"}):
        sample = next((n for n in range(1000) if rule(n) == category), None)
        if sample is not None:
            text, _ = _plural_form(key, language, sample)
            forms[category] = text.format(count="{count}", **values)
    return forms


@lru_cache(maxsize=4096)
def _plural_form(key: str, language: str, count: int) -> tuple[str, str]:
    # Cached: the plural rules take longer than the look-up, and pages repeat counts.
    entry = _entry(key)
    if not entry.plural:
        raise TypeError(f"site text {key!r} does not depend on a number: ask for it with t()")
    singular, plural = entry.english
    chosen = language_of(language)
    if chosen.is_persian:
        text = _site_catalog().persian.npgettext(key, singular, plural, count)
    else:
        # The msgids are the English text: its forms by CLDR's rule for English.
        text = singular if chosen.locale.plural_form(count) == "one" else plural
    return text, chosen.localize_digits(str(count))
