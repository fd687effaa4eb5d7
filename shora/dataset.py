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

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from shora.diagnostics import Diagnostic, Severity
from shora.loader import Document, load_file
from shora.models.common import ID_PATTERN
from shora.models.council import Council, Decision, Federation, Organization, Platform, Topics
from shora.models.resolution import Resolution

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's name: schemas/<name>.schema.json
    folder: str  # relative to the project root
    model: type[BaseModel]
    recursive: bool = False


RESOLUTION = Kind("resolution", "resolutions", Resolution)
TOPICS = Kind("topics", "resolutions", Topics)
COUNCIL = Kind("council", "councils", Council)
FEDERATION = Kind("federation", "councils/federations", Federation)
ORGANIZATION = Kind("organization", "councils/organizations", Organization)
PLATFORM = Kind("platform", "councils/platforms", Platform)
DECISION = Kind("decision", "councils/decisions", Decision, recursive=True)
KINDS = (RESOLUTION, TOPICS, COUNCIL, FEDERATION, ORGANIZATION, PLATFORM, DECISION)
TOPICS_FILE = "resolutions/_topics.yml"

_ID_RE = re.compile(ID_PATTERN)


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
        return {
            "resolution": self.resolutions,
            "council": self.councils,
            "federation": self.federations,
            "organization": self.organizations,
            "platform": self.platforms,
            "decision": self.decisions,
        }[kind.name]

    def entries(self) -> Iterator[Entry[Any]]:
        for kind in KINDS:
            if kind is TOPICS:
                if self.topics:
                    yield self.topics
                continue
            yield from self.table(kind).values()

    def exists(self, kind: Kind, id_: str) -> bool:
        return id_ in self.table(kind) or id_ in self.invalid_ids.get(kind.name, set())


def _files_of(root: Path, kind: Kind) -> Iterator[Path]:
    folder = root / kind.folder
    if not folder.is_dir():
        return
    pattern = "**/*" if kind.recursive else "*"
    for path in sorted(folder.glob(pattern)):
        if path.is_file() and path.suffix in (".yml", ".yaml"):
            yield path


def discover(root: Path) -> tuple[list[tuple[Kind, Path]], list[Diagnostic]]:
    """Every data file with its kind, and problems with file names."""
    found: list[tuple[Kind, Path]] = []
    problems: list[Diagnostic] = []
    for kind in (RESOLUTION, COUNCIL, FEDERATION, ORGANIZATION, PLATFORM, DECISION):
        for path in _files_of(root, kind):
            display = path.relative_to(root).as_posix()
            if path.suffix == ".yaml":
                twin = path.with_suffix(".yml")
                message = (
                    f"data files end in .yml, and '{twin.name}' exists already: keep one "
                    "of the two files"
                    if twin.exists()
                    else f"data files end in .yml: rename it to '{twin.name}'"
                )
                problems.append(Diagnostic(display, 1, 1, Severity.ERROR, message))
                continue
            if display == TOPICS_FILE:
                found.append((TOPICS, path))
                continue
            if not _ID_RE.match(path.stem):
                suggestion = re.sub(r"[^a-z0-9]+", "-", path.stem.lower()).strip("-") or "name"
                problems.append(
                    Diagnostic(
                        display,
                        1,
                        1,
                        Severity.ERROR,
                        f"the file name '{path.name}' is not a valid id: use lowercase ASCII "
                        f"words joined by '-', e.g. '{suggestion}.yml'",
                    )
                )
                continue
            found.append((kind, path))
    # Subfolders where no kind reads files: an editor's file there would be ignored silently.
    known = {root / kind.folder for kind in KINDS}
    flat = ", ".join(f"{k.folder}/" for k in KINDS if not k.recursive and k is not TOPICS)
    nested = ", ".join(f"{k.folder}/" for k in KINDS if k.recursive)
    for kind in (RESOLUTION, COUNCIL):
        folder = root / kind.folder
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*.y*ml")):
            if path.parent in known or any(
                k.recursive and (root / k.folder) in path.parents for k in KINDS
            ):
                continue
            problems.append(
                Diagnostic(
                    path.relative_to(root).as_posix(),
                    1,
                    1,
                    Severity.ERROR,
                    f"this file is not read: data files belong directly in {flat}, "
                    f"or anywhere under {nested}",
                )
            )
    return found, problems


def load_dataset(root: Path) -> tuple[Dataset, list[Diagnostic]]:
    """Load and type-check every file; cross-file checks come later (validate)."""
    from shora.validate.model_errors import model_diagnostics

    dataset = Dataset(root=root)
    files, diagnostics = discover(root)
    seen: dict[tuple[str, str], str] = {}
    for kind, path in files:
        display = path.relative_to(root).as_posix()
        document, problems = load_file(path, display)
        diagnostics += problems
        id_ = path.stem
        if document is None:
            # The file exists but cannot be read: references to it are not "unknown".
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
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
                        f"duplicate {kind.name} id '{id_}': {first} has the same name; "
                        "rename one of them",
                    )
                )
                continue
            seen[(kind.name, id_)] = display
        if problems and any(d.severity is Severity.ERROR for d in problems):
            # Loader errors (duplicate keys, aliases...) make the data unreliable.
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        try:
            model = kind.model.model_validate(document.data)
        except ValidationError as error:
            diagnostics += model_diagnostics(error, document, kind)
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        entry = Entry(id_, kind, document, model)
        if kind is TOPICS:
            dataset.topics = entry
        else:
            dataset.table(kind)[id_] = entry
    return dataset, diagnostics
