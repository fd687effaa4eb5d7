"""The code's messages against the translation catalogs: what a test and
``scripts/catalog-check`` report (a message without its Persian, a Persian text with
other placeholders than its English, an entry no code uses any more)."""

from __future__ import annotations

import string
from collections import defaultdict
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from shora.core.messages import CATALOGS

KEYWORDS = {"msg": None, "msg_template": None}


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
                if entry.id and isinstance(entry.id, str):
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
    return problems


def po_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
