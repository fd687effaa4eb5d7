"""Finding the data files of a project and the problems with their names.

Apart from the loading, and with no model imported: answering from the cache that
nothing changed (see :mod:`shora.load.cache`) needs the list of files only.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg
from shora.models.kinds import (
    COUNCIL,
    DECISION,
    FEDERATION,
    ID_PATTERN,
    KINDS,
    ORGANIZATION,
    PLATFORM,
    RESOLUTION,
    TOPICS,
    TOPICS_FILE,
    Kind,
)

_ID_RE = re.compile(ID_PATTERN)
# Ids whose page address is already a list page of the site (shora/site/).
RESERVED_IDS: dict[str, dict[str, Message]] = {
    "resolution": {"page": msg("list of resolutions (resolutions/page/2/ ...)")},
    "council": {"country": msg("listing of councils by country (councils/country/<code>/)")},
    "decision": {"page": msg("list of decisions (decisions/page/2/ ...)")},
}


def _walk(
    folder: str, recursive: bool, skip: frozenset[str] = frozenset()
) -> Iterator[tuple[tuple[str, ...], bool]]:
    """(parts relative to ``folder``, is a file) of its entries, one level or all,
    not going into the subfolders named in ``skip`` (relative, '/'-joined)."""
    stack: list[tuple[str, ...]] = [()]
    while stack:
        parts = stack.pop()
        try:
            entries = list(os.scandir(os.path.join(folder, *parts)))
        except OSError:
            continue
        for entry in entries:
            child = (*parts, entry.name)
            if entry.is_dir():
                yield child, False
                if recursive and "/".join(child) not in skip:
                    stack.append(child)
            elif entry.is_file():
                yield child, True


# A data file's name spelled otherwise: another case, .yaml, or '.txt' added by an editor
# (Notepad, TextEdit): 'name.YML', 'name.yaml', 'name.yml.txt'. Such files are not read.
_OTHER_SPELLING = re.compile(r"^(.+?)\.(ya?ml)((?:\.txt)*)$", re.IGNORECASE)


def _is_data_name(name: str) -> bool:
    """A data file's name, or one spelled otherwise (reported, not read)."""
    return name.endswith(".yml") or _OTHER_SPELLING.match(name) is not None


def _files_of(root: Path, kind: Kind) -> list[str]:
    """The display paths of the kind's data files, and of files whose name is a data
    file's spelled otherwise, in path order.
    (Strings and os.scandir: globbing and comparing Path objects take seconds at
    thousands of files.)"""
    folder = os.path.join(root, kind.folder)
    if not os.path.isdir(folder):
        return []
    found = sorted(
        parts
        for parts, is_file in _walk(folder, kind.recursive)
        if is_file and _is_data_name(parts[-1])
    )
    return ["/".join((kind.folder, *parts)) for parts in found]


def _misspelt(root: Path, display: str) -> Diagnostic:
    """The file ``display``, whose name is not '<id>.yml', is not read: how to rename it."""
    folder, _, name = display.rpartition("/")
    match = _OTHER_SPELLING.match(name)
    stem = match.group(1) if match else name
    twin = f"{stem}.yml"
    here, there = os.path.join(root, display), os.path.join(root, folder, twin)
    # (On a file system that ignores case, 'x.YML' and 'x.yml' are one file.)
    if os.path.exists(there) and not os.path.samefile(here, there):
        message = msg(
            "data files end in .yml, and '{twin}' exists already: keep one of the two files",
            twin=twin,
        )
    elif name.endswith(".yaml"):
        message = msg("data files end in .yml: rename it to '{twin}'", twin=twin)
    else:
        message = msg(
            "this file is not read: data files end in exactly '.yml', in small letters and "
            "with nothing after it: rename it to '{twin}'",
            twin=twin,
        )
    return Diagnostic(display, 1, 1, Severity.ERROR, message)


def discover(root: Path) -> tuple[list[tuple[Kind, str]], list[Diagnostic]]:
    """Every data file (its display path, relative to ``root``) with its kind, and
    problems with file names."""
    found: list[tuple[Kind, str]] = []
    problems: list[Diagnostic] = []
    for kind in (RESOLUTION, COUNCIL, FEDERATION, ORGANIZATION, PLATFORM, DECISION):
        for display in _files_of(root, kind):
            name = display.rpartition("/")[2]
            if not name.endswith(".yml"):
                problems.append(_misspelt(root, display))
                continue
            stem = name[: -len(".yml")]
            if display == TOPICS_FILE:
                found.append((TOPICS, display))
                continue
            if not _ID_RE.match(stem):
                suggestion = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-") or "name"
                problems.append(
                    Diagnostic(
                        display,
                        1,
                        1,
                        Severity.ERROR,
                        msg(
                            "the file name '{name}' is not a valid id: use lowercase ASCII "
                            "words joined by '-', e.g. '{suggestion}'",
                            name=name,
                            suggestion=f"{suggestion}.yml",
                        ),
                    )
                )
                continue
            reserved = RESERVED_IDS.get(kind.name, {}).get(stem)
            if reserved:
                problems.append(
                    Diagnostic(
                        display,
                        1,
                        1,
                        Severity.ERROR,
                        msg(
                            "the id '{id}' is taken by the site's {page}: choose another "
                            "file name (and id), e.g. '{suggestion}'",
                            id=stem,
                            page=reserved,
                            suggestion=f"{stem}-1.yml",
                        ),
                    )
                )
                continue
            found.append((kind, display))
    # Subfolders where no kind reads files: an editor's file there would be ignored silently.
    flat = [f"{k.folder}/" for k in KINDS if not k.recursive and k is not TOPICS]
    nested = [f"{k.folder}/" for k in KINDS if k.recursive]
    known = {k.folder for k in KINDS if not k.recursive}
    recursive = tuple(f"{k.folder}/" for k in KINDS if k.recursive)
    unread: list[str] = []
    for kind in (RESOLUTION, COUNCIL):
        folder = os.path.join(root, kind.folder)
        if not os.path.isdir(folder):
            continue
        inside = frozenset(k.folder.removeprefix(f"{kind.folder}/") for k in KINDS if k.recursive)
        for parts, is_file in _walk(folder, recursive=True, skip=inside):
            display = "/".join((kind.folder, *parts))
            parent = display.rpartition("/")[0]
            if (
                is_file
                and _is_data_name(parts[-1])
                and parent not in known
                and not display.startswith(recursive)
            ):
                unread.append(display)
    for display in sorted(set(unread)):
        problems.append(
            Diagnostic(
                display,
                1,
                1,
                Severity.ERROR,
                msg(
                    "this file is not read: data files belong directly in {flat}, "
                    "or anywhere under {nested}",
                    flat=flat,
                    nested=nested,
                ),
            )
        )
    return found, problems


CONTENT_LANGUAGES = ("fa", "en")


def content_pages(root: Path) -> dict[str, set[str]]:
    """The hand-written pages (``content/<language>/**/*.md``) of each language that has
    a folder, relative to it."""
    content = root / "content"
    return {
        language: {
            p.relative_to(content / language).as_posix() for p in (content / language).rglob("*.md")
        }
        for language in CONTENT_LANGUAGES
        if (content / language).is_dir()
    }
