"""Finding, loading and type-checking every data file of a project.

The layout (one file per thing, the id is the file name's stem)::

    resolutions/<id>.yml            resolutions
    resolutions/_topics.yml         topic names
    councils/<id>.yml               councils
    councils/federations/<id>.yml   federations (country and continent)
    councils/organizations/<id>.yml organizations that adopt resolutions
    councils/platforms/<id>.yml     the councils' platform
    councils/decisions/**/<id>.yml  decisions of councils (subfolders allowed)
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg, msg_template
from shora.load.cache import FileCache, FileRecord, digest_of, stat_key
from shora.load.loader import Document, document_of, load_bytes, read_file
from shora.load.model_errors import model_diagnostics
from shora.models.common import ID_PATTERN
from shora.models.council import Council, Decision, Federation, Organization, Platform, Topics
from shora.models.kinds import (
    COUNCIL,
    DECISION,
    FEDERATION,
    KINDS,
    ORGANIZATION,
    PLATFORM,
    RESOLUTION,
    TOPICS,
    TOPICS_FILE,
    Kind,
)
from shora.models.resolution import Resolution

M = TypeVar("M", bound=BaseModel)


_ID_RE = re.compile(ID_PATTERN)
# Two files of a kind with one id (in two subfolders of decisions, or .yml and .YML).
DUPLICATE_ID: dict[str, str] = {
    "resolution": msg_template(
        "duplicate resolution id '{id}': {path} has the same name; rename one of them"
    ),
    "council": msg_template(
        "duplicate council id '{id}': {path} has the same name; rename one of them"
    ),
    "federation": msg_template(
        "duplicate federation id '{id}': {path} has the same name; rename one of them"
    ),
    "organization": msg_template(
        "duplicate organization id '{id}': {path} has the same name; rename one of them"
    ),
    "platform": msg_template(
        "duplicate platform id '{id}': {path} has the same name; rename one of them"
    ),
    "decision": msg_template(
        "duplicate decision id '{id}': {path} has the same name; rename one of them"
    ),
}
# Ids whose page address is already a list page of the site (shora/site/).
RESERVED_IDS: dict[str, dict[str, Message]] = {
    "resolution": {"page": msg("list of resolutions (resolutions/page/2/ ...)")},
    "council": {"country": msg("listing of councils by country (councils/country/<code>/)")},
    "decision": {"page": msg("list of decisions (decisions/page/2/ ...)")},
}


@dataclass
class Entry(Generic[M]):
    """One valid data file: its id, kind, loaded document and model."""

    id: str
    kind: Kind
    document: Document
    model: M

    @property
    def path(self) -> str:
        return self.document.path


@dataclass
class Dataset:
    root: Path
    resolutions: dict[str, Entry[Resolution]] = field(default_factory=dict)
    councils: dict[str, Entry[Council]] = field(default_factory=dict)
    federations: dict[str, Entry[Federation]] = field(default_factory=dict)
    organizations: dict[str, Entry[Organization]] = field(default_factory=dict)
    platforms: dict[str, Entry[Platform]] = field(default_factory=dict)
    decisions: dict[str, Entry[Decision]] = field(default_factory=dict)
    topics: Entry[Topics] | None = None
    # Every file that was read, valid or not, by display path.
    documents: dict[str, Document] = field(default_factory=dict)
    kinds: dict[str, Kind] = field(default_factory=dict)
    # Files whose model failed: they exist, so references to them are not "unknown".
    invalid_ids: dict[str, set[str]] = field(default_factory=dict)

    def table(self, kind: Kind) -> dict[str, Entry[Any]]:
        tables: dict[str, dict[str, Entry[Any]]] = {
            "resolution": self.resolutions,
            "council": self.councils,
            "federation": self.federations,
            "organization": self.organizations,
            "platform": self.platforms,
            "decision": self.decisions,
        }
        return tables[kind.name]

    def entries(self) -> Iterator[Entry[Any]]:
        for kind in KINDS:
            if kind is TOPICS:
                if self.topics:
                    yield self.topics
                continue
            yield from self.table(kind).values()

    def exists(self, kind: Kind, id_: str) -> bool:
        return id_ in self.table(kind) or id_ in self.invalid_ids.get(kind.name, set())


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


def _load_one(kind: Kind, display: str, raw: bytes) -> FileRecord:
    """Read and type-check one file: everything about it that needs no other file."""
    document, problems = load_bytes(raw, display)
    record = FileRecord(
        digest_of(raw), kind.name, document is not None,
        document.data if document is not None else None, problems, None, [],
    )  # fmt: skip
    if document is None or any(d.severity is Severity.ERROR for d in problems):
        return record
    try:
        record.model = kind.model.model_validate(document.data)
    except ValidationError as error:
        record.model_diagnostics = list(model_diagnostics(error, document, kind))
    return record


def _cached(cache: FileCache | None, kind: Kind, display: str, path: str) -> FileRecord | None:
    """The cache's record of a file whose stat shows it unchanged: no need to read it."""
    record = cache.find(display, kind.name) if cache is not None else None
    if record is None:
        return None
    try:
        stat = os.stat(path)
    except OSError:
        return None
    return record if record.stat == (stat.st_mtime_ns, stat.st_size, stat.st_ino) else None


def load_dataset(
    root: Path, cache: FileCache | None = None
) -> tuple[Dataset, list[Diagnostic], dict[str, FileRecord]]:
    """Load and type-check every file; cross-file checks come later (validate).
    Returns also each file's record (what ``cache`` keeps), by display path."""
    dataset = Dataset(root=root)
    files, diagnostics = discover(root)
    records: dict[str, FileRecord] = {}
    seen: dict[tuple[str, str], str] = {}
    for kind, display in files:
        path = os.path.join(root, display)
        id_ = display.rpartition("/")[2].rpartition(".")[0]
        record, raw = _cached(cache, kind, display, path), None
        if record is None:
            # The time and the stat come before the bytes: a change while reading shows
            # as a newer stat next time, never as an old stat on new bytes.
            read_at = time.time_ns()
            try:
                stat: os.stat_result | None = os.stat(path)
            except OSError:
                stat = None
            raw, problems = read_file(path, display)
            if raw is None:
                diagnostics += problems
                dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
                continue
            digest = digest_of(raw)
            record = cache.get(display, digest, kind.name) if cache is not None else None
            if record is None:
                record = _load_one(kind, display, raw)
                if cache is not None:
                    cache.put(display, record)
            known = stat_key(stat, read_at) if stat is not None else None
            if cache is not None and record.stat != known:
                record.stat = known
                cache.touch(display)
        records[display] = record
        diagnostics += record.load_diagnostics
        if not record.loaded:
            # The file exists but cannot be read: references to it are not "unknown".
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        document = document_of(raw, display, record.data, path)
        dataset.documents[display] = document
        dataset.kinds[display] = kind
        if kind is not TOPICS:
            first = seen.get((kind.name, id_))
            if first is not None:
                diagnostics.append(
                    Diagnostic(
                        display,
                        1,
                        1,
                        Severity.ERROR,
                        Message(DUPLICATE_ID[kind.name], {"id": id_, "path": first}),
                    )
                )
                continue
            seen[(kind.name, id_)] = display
        if record.model is None:
            # Loader errors (duplicate keys, aliases...) make the data unreliable.
            diagnostics += record.model_diagnostics
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        model = record.model
        if kind is TOPICS and isinstance(model, Topics):
            dataset.topics = Entry(id_, kind, document, model)
        else:
            dataset.table(kind)[id_] = Entry(id_, kind, document, model)
    return dataset, diagnostics, records
