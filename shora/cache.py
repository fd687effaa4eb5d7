"""What the validator learnt about each file, kept between runs, keyed by the file's bytes.

Reading YAML is most of a validation's cost: libyaml still makes a Python object for
every value, and a project of thousands of files spends seconds there although an
edit touches a few files. So each file's loaded data, its model and the problems
found in it alone are kept in the user's cache folder (``$XDG_CACHE_HOME/shora``,
by default ``~/.cache/shora``; never in the project), keyed by a hash of the file's
bytes. A file whose bytes changed is read again; checks that depend on the date are
redone on another day; the checks across files are always redone.

The cache is also keyed by the validator itself (its source, its data and the
versions of the libraries it relies on), so a new rule or a fixed message never
meets a stale answer. Set ``SHORA_CACHE=off`` to neither read nor write it.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass, field
from functools import cache
from importlib import metadata
from pathlib import Path
from typing import Any, ClassVar

from pydantic import BaseModel

from shora.diagnostics import Diagnostic

ENVIRONMENT_SWITCH = "SHORA_CACHE"
_LIBRARIES = ("pydantic", "pydantic-core", "PyYAML", "email-validator", "tzdata")


@dataclass
class FileRecord:
    """One file's results, valid while its bytes (``digest``) stay the same."""

    digest: bytes
    kind: str
    loaded: bool  # the file could be read as a YAML mapping; ``data`` holds it
    data: Any
    load_diagnostics: list[Diagnostic]
    model: BaseModel | None
    model_diagnostics: list[Diagnostic]
    # The per-file checks (rules, schema line, hygiene) and the day they were made on:
    # some rules compare dates with today.
    checked_on: str | None = None
    checks: list[Diagnostic] = field(default_factory=list)


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


@cache
def validator_fingerprint() -> bytes:
    """Changes whenever the code, data or libraries that produce the results change."""
    package = Path(__file__).resolve().parent
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(sys.version.encode())
    for name in _LIBRARIES:
        try:
            hasher.update(f"{name}={metadata.version(name)}".encode())
        except metadata.PackageNotFoundError:
            hasher.update(f"{name}=none".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix in (".py", ".json") and "__pycache__" not in path.parts:
            hasher.update(path.relative_to(package).as_posix().encode())
            hasher.update(path.read_bytes())
    return hasher.digest()


def cache_file(root: Path) -> Path:
    """One file per project folder, in the user's cache folder."""
    home = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    return Path(home) / "shora" / f"validate-{name}.pickle"


def enabled() -> bool:
    return os.environ.get(ENVIRONMENT_SWITCH, "").lower() not in ("off", "0", "no", "false")


class FileCache:
    """The records of one project, by display path (``councils/x.yml``)."""

    def __init__(self, root: Path, records: dict[str, FileRecord] | None = None):
        self.root = root
        self.records: dict[str, FileRecord] = records or {}
        self.changed = False
        self.used: set[str] = set()

    @property
    def file(self) -> Path:
        return cache_file(self.root)

    # One process may validate the same project again (the preview server does on
    # every change): the records stay in memory instead of being read back each time.
    _in_memory: ClassVar[dict[Path, FileCache]] = {}

    @classmethod
    def open(cls, root: Path) -> FileCache:
        root = root.resolve()
        kept = cls._in_memory.get(root)
        if kept is not None:
            kept.used = set()
            return kept
        found = cls(root, cls._read(cache_file(root)))
        cls._in_memory[root] = found
        return found

    @classmethod
    def save_kept(cls, root: Path) -> None:
        """Write the records this process keeps for ``root``, if any changed."""
        kept = cls._in_memory.get(root.resolve())
        if kept is not None:
            kept.save()

    @staticmethod
    def _read(file: Path) -> dict[str, FileRecord]:
        # Unpickling makes hundreds of thousands of objects, none of them garbage: the
        # collector would walk them all, again and again, for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            with file.open("rb") as stream:
                fingerprint, records = pickle.load(stream)
        except Exception:  # missing, unreadable or from another version: start afresh
            return {}
        finally:
            if collecting:
                gc.enable()
        if fingerprint != validator_fingerprint() or not isinstance(records, dict):
            return {}
        return records

    def get(self, display: str, digest: bytes, kind: str) -> FileRecord | None:
        self.used.add(display)
        record = self.records.get(display)
        if record is None or record.digest != digest or record.kind != kind:
            return None
        return record

    def put(self, display: str, record: FileRecord) -> None:
        self.used.add(display)
        self.records[display] = record
        self.changed = True

    def save(self) -> None:
        """Write the records of the files seen in this run, if anything changed."""
        gone = self.records.keys() - self.used
        for display in gone:
            del self.records[display]
        if not (self.changed or gone):
            return
        folder = self.file.parent
        try:
            folder.mkdir(parents=True, exist_ok=True)
            # Written aside, then renamed: a reader never sees half a file.
            handle, name = tempfile.mkstemp(dir=folder, prefix=".validate-", suffix=".tmp")
            with os.fdopen(handle, "wb") as stream:
                pickle.dump(
                    (validator_fingerprint(), self.records),
                    stream,
                    protocol=pickle.HIGHEST_PROTOCOL,
                )
            os.replace(name, self.file)
        except OSError:
            return  # a read-only checkout validates all the same, only slower
        self.changed = False
