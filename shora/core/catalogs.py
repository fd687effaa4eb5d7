"""The code's messages against the translation catalogs: what a test and
``scripts/catalog-check`` report (a message without its Persian, a Persian text with
other placeholders than its English, an entry no code uses any more).

Two kinds of catalog share ``shora/locale/fa/LC_MESSAGES/``: the editors' messages
(``msg("English {x}")``: the English is the msgid) and the site's interface text
(``site.po``: ``t("key")``, the key is the msgctxt, see shora/site/strings.py). An
entry with a msgctxt is the site's, and the editors' checks leave it to the site's.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from functools import cache
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.extract import extract_from_dir
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from shora.core.messages import CATALOGS

KEYWORDS = {"msg": None, "msg_template": None}
SITE_CATALOG = CATALOGS / "fa" / "LC_MESSAGES" / "site.po"
# Where the site's text is asked for: the code, and the Jinja templates (their t() is
# the same function with the page's language bound).
BRACE_FORMAT = "python-brace-format"
# The extracted comment ("#. HTML") of a site text the page shows as markup.
HTML_MARK = "HTML"
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
SITE_TEXT_SOURCES = [("**.py", "python"), ("site/templates/**.html", "jinja2.ext:babel_extract")]


def code_messages(package: Path) -> dict[str, list[str]]:
    """Every message template in the code under ``package``, with where it is."""
    found: dict[str, list[str]] = defaultdict(list)
    for filename, lineno, message, _comments, _context in extract_from_dir(
        str(package),
        method_map=[("**.py", "python")],
        keywords=KEYWORDS,
        comment_tags=(),
        strip_comment_tags=True,
    ):
        if isinstance(message, str) and message:
            found[message].append(f"{filename}:{lineno}")
    return dict(found)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def catalog_entries(language: str) -> dict[str, list[tuple[str, str, bool]]]:
    """msgid -> every (file, translation, fuzzy) the language's catalogs hold for it."""
    entries: dict[str, list[tuple[str, str, bool]]] = defaultdict(list)
    for path in sorted((CATALOGS / language / "LC_MESSAGES").glob("*.po")):
        with path.open("rb") as stream:
            for entry in read_po(stream, locale=language):
                if entry.id and isinstance(entry.id, str) and not entry.context:
                    entries[entry.id].append((path.name, str(entry.string or ""), entry.fuzzy))
    return dict(entries)


def catalog_problems(package: Path, language: str = "fa") -> list[str]:
    """What is wrong between the code's messages and the language's catalogs."""
    problems = []
    code = code_messages(package)
    entries = catalog_entries(language)
    for message, places in sorted(code.items()):
        found = entries.get(message)
        if not found or not any(text for _, text, fuzzy in found if not fuzzy):
            problems.append(f"{places[0]}: no {language} translation: {message!r}")
            continue
        try:
            wanted = placeholders(message)
        except ValueError:
            problems.append(f"{places[0]}: not a valid template: {message!r}")
            continue
        for file, text, _ in found:
            try:
                given = placeholders(text)
            except ValueError:
                problems.append(f"{file}: not a valid template: {text!r}")
                continue
            if given != wanted:
                problems.append(
                    f"{file}: placeholders {sorted(given)} differ from {sorted(wanted)} "
                    f"in {message!r}"
                )
    for message, found in sorted(entries.items()):
        files = sorted({file for file, _, _ in found})
        if message not in code:
            problems.append(f"{files[0]}: no code uses {message!r}")
        if len({text for _, text, _ in found}) > 1:
            problems.append(f"{', '.join(files)}: {message!r} is translated differently")
    if language == "fa":
        problems += site_catalog_problems(package)
    return problems


def html_tags(text: str) -> list[str]:
    """The tags of an HTML text, in their order (attributes and all)."""
    return _TAG.findall(text)


def site_text_keys(package: Path, function: str) -> dict[str, list[str]]:
    """Every key the code and templates under ``package`` ask ``function`` (``t`` or
    ``t_count``) for by its literal name, with where. Keys made from data
    (``"status_" + status``) are not found here: the site's builds render those."""
    return _site_text_keys(str(package), function)


@cache
def _site_text_keys(package: str, function: str) -> dict[str, list[str]]:
    # Cached: reading the whole package takes seconds, and the checks ask more than once.
    found: dict[str, list[str]] = defaultdict(list)
    for filename, lineno, key, _comments, _context in extract_from_dir(
        package,
        method_map=SITE_TEXT_SOURCES,
        keywords={function: None},
        comment_tags=(),
        strip_comment_tags=True,
    ):
        if isinstance(key, str) and key:
            found[key].append(f"{filename}:{lineno}")
    return dict(found)


def site_catalog_problems(package: Path, path: Path = SITE_CATALOG) -> list[str]:
    """What is wrong with the site's catalog: an entry without its key or its Persian,
    a Persian text with other placeholders than its English, plural forms other than
    Babel's rule for Persian, a key the code asks for that the catalog lacks."""
    name = path.name
    with path.open("rb") as stream:
        catalog = read_po(stream, locale="fa", domain="site")
    problems = []
    unmarked = _unmarked_for_msgfmt(path.read_text(encoding="utf-8"))
    wanted_rule = get_plural("fa")
    if catalog.plural_forms != wanted_rule.plural_forms:
        problems.append(
            f"{name}: Plural-Forms is {catalog.plural_forms!r}, "
            f"Babel's for Persian is {wanted_rule.plural_forms!r}"
        )
    singular: set[str] = set()
    plural: set[str] = set()
    for entry in _entries(catalog):
        where = f"{name}:{entry.lineno}"
        key = entry.context
        if not key:
            problems.append(f"{where}: an entry without its key (msgctxt): {entry.id!r}")
            continue
        if key in singular | plural:
            problems.append(f"{where}: the key {key!r} is in the catalog twice")
        # A plural entry's forms are a tuple; an untranslated entry's string is empty.
        english = (entry.id,) if isinstance(entry.id, str) else tuple(entry.id)
        persian = (
            (entry.string or "",) if isinstance(entry.string, str | None) else tuple(entry.string)
        )
        (plural if len(english) == 2 else singular).add(key)
        if entry.fuzzy or not all(persian):
            problems.append(f"{where}: no fa translation of {key!r}")
            continue
        if len(english) == 2 and len(persian) != wanted_rule.num_plurals:
            problems.append(
                f"{where}: {key!r} has {len(persian)} Persian forms, "
                f"Persian has {wanted_rule.num_plurals}"
            )
        try:
            wanted = placeholders(english[-1])
            if not placeholders(english[0]) <= wanted:
                problems.append(f"{where}: the singular of {key!r} has other placeholders")
            if wanted and key in unmarked:
                # So that GNU msgfmt --check compares the placeholders as well.
                problems.append(f"{where}: mark {key!r} '#, {BRACE_FORMAT}'")
            for text in persian:
                if placeholders(text) != wanted:
                    problems.append(
                        f"{where}: placeholders {sorted(placeholders(text))} differ from "
                        f"{sorted(wanted)} in {key!r}"
                    )
        except ValueError as error:
            problems.append(f"{where}: {key!r} is not a valid template ({error})")
        if HTML_MARK in entry.auto_comments:
            # Written into the page unescaped: the Persian must have the English's markup.
            for text in persian:
                if html_tags(text) != html_tags(english[-1]):
                    problems.append(f"{where}: the HTML tags of {key!r} differ from the English")
    for function, kind, known in (("t", "a text", singular), ("t_count", "a plural", plural)):
        for key, places in sorted(site_text_keys(package, function).items()):
            if key not in known:
                problems.append(f"{places[0]}: no site text {key!r} ({kind}) in {name}")
    return problems


def _unmarked_for_msgfmt(text: str) -> set[str]:
    """The keys of the entries whose flags, as written in the file, lack
    python-brace-format (Babel adds the flag as it reads a msgid with braces, so
    only the file says what msgfmt will see)."""
    unmarked = set()
    for block in text.split("\n\n"):
        key = re.search(r'^msgctxt "(.*)"$', block, re.MULTILINE)
        flags = re.search(r"^#,(.*)$", block, re.MULTILINE)
        if key and not (flags and BRACE_FORMAT in flags.group(1)):
            unmarked.add(key.group(1))
    return unmarked


def _entries(catalog: Catalog) -> list[Message]:
    # Babel's catalog without its header entry (the one with an empty msgid).
    return [entry for entry in catalog if entry.id]


def po_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
