"""What the validator learnt about each file, kept between runs, keyed by the file's bytes.

Reading YAML is most of a validation's cost: libyaml still makes a Python object for
every value, and a project of thousands of files spends seconds there although an
edit touches a few files. So each file's loaded data, its model and the problems
found in it alone are kept in the user's cache folder (``$XDG_CACHE_HOME/shora``,
by default ``~/.cache/shora``; never in the project), keyed by a hash of the file's
bytes. A file whose bytes changed is read again; checks that depend on the date are
redone on another day; the checks across files are always redone. Beside them, the
whole report of the last validation (``report.bin``, see shora.validate.unchanged)
answers for a project in which nothing changed.

The cache is also keyed by the validator itself (its source, its data and the
versions of the libraries it relies on), so a new rule or a fixed message never
meets a stale answer. Set ``SHORA_CACHE=off`` to neither read nor write it.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import os
import pickle
import re
import sys
import tempfile
import time
import zlib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from shora.core.diagnostics import Diagnostic
from shora.load.processes import can_fork

if TYPE_CHECKING:
    from pydantic import BaseModel

ENVIRONMENT_SWITCH = "SHORA_CACHE"
_LIBRARIES = (
    "pydantic",
    "pydantic-core",
    "PyYAML",
    "py-yaml12",
    "email-validator",
    "tzdata",
    "jdatetime",
)


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
    # (modification time in ns, size, inode) of the file whose bytes gave ``digest``, when
    # that is proof enough that the file did not change since (see ``stat_key``).
    stat: tuple[int, int, int] | None = None


# A file modified again within this time of its previous change may keep the same
# modification time (file systems count time in ticks): its stat proves nothing then.
_RACY_NS = 2_000_000_000
SHARDS = 32
# Shards to write from which a process of their own is worth its start (a fork).
WRITE_ASIDE_FROM = SHARDS // 4


def stat_key(stat: os.stat_result, read_at_ns: int) -> tuple[int, int, int] | None:
    """What identifies the file's bytes read at ``read_at_ns``, or None while a change
    in the same tick of the clock could go unseen (as git does for its index)."""
    if read_at_ns - stat.st_mtime_ns < _RACY_NS:
        return None
    return (stat.st_mtime_ns, stat.st_size, stat.st_ino)


@cache
def shard_of(display: str) -> int:
    """The number of the shard that keeps the record of ``display`` (asked for every
    record each time shards are pickled: kept)."""
    return zlib.crc32(display.encode()) % SHARDS


def digest_of(raw: bytes) -> bytes:
    return hashlib.blake2b(raw, digest_size=16).digest()


def _installed_versions(names: tuple[str, ...]) -> dict[str, str]:
    """The installed version of each distribution, from the names of the ``.dist-info``
    folders on ``sys.path`` (``pydantic-2.14.3.dist-info``): what importlib.metadata
    finds first, without importing it and parsing every METADATA (a tenth of a
    validation of an unchanged project)."""

    def normal(name: str) -> str:
        return re.sub(r"[-_.]+", "_", name).lower()

    wanted = {normal(name): name for name in names}
    found: dict[str, str] = {}
    for folder in sys.path:
        try:
            entries = os.listdir(folder or ".")
        except OSError:
            continue
        for entry in entries:
            if not entry.endswith(".dist-info"):
                continue
            name, _, version = entry.removesuffix(".dist-info").partition("-")
            wanted_name = wanted.get(normal(name))
            if wanted_name is not None and wanted_name not in found:
                found[wanted_name] = version
    return found


@cache
def validator_fingerprint() -> bytes:
    """Changes whenever the code, data or libraries that produce the results change."""
    package = Path(__file__).resolve().parents[1]  # the whole shora package
    hasher = hashlib.blake2b(digest_size=16)
    hasher.update(sys.version.encode())
    versions = _installed_versions(_LIBRARIES)
    for name in _LIBRARIES:
        hasher.update(f"{name}={versions.get(name, 'none')}".encode())
    sources = []
    for folder, subfolders, names in os.walk(package):
        subfolders[:] = [name for name in subfolders if name != "__pycache__"]
        sources += [os.path.join(folder, n) for n in names if n.endswith((".py", ".json"))]
    for path in sorted(Path(source) for source in sources):
        hasher.update(path.relative_to(package).as_posix().encode())
        hasher.update(path.read_bytes())
    return hasher.digest()


def _user_cache() -> Path:
    return Path(os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")) / "shora"


def cache_folder(root: Path) -> Path:
    """One folder per project folder, in the user's cache folder."""
    name = hashlib.blake2b(str(root.resolve()).encode(), digest_size=12).hexdigest()
    return _user_cache() / f"validate-{name}"


def made_folder(name: str) -> Path | None:
    """The folder where things the build makes from its inputs alone (PDFs, cut fonts)
    are kept under a hash of those inputs, shared by every project; None when the
    cache is off or the folder cannot be made (a read-only home)."""
    if not enabled():
        return None
    folder = _user_cache() / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder


# A file the build made from its inputs alone (a PDF, a cut font) and no build has used
# for this long is removed at the end of a build: the folders hold what is in use, not
# every version of every resolution since the first build.
UNUSED_DAYS = 30


def used(path: Path) -> None:
    """Note that ``path``, a made file, was used now (its modification time, which
    :func:`prune_made` reads)."""
    # Gone since, or a read-only cache: it is made again when needed.
    with contextlib.suppress(OSError):
        os.utime(path)


def prune_made(names: Iterable[str], days: float = UNUSED_DAYS) -> list[Path]:
    """Remove the files of the made folders ``names`` that no build has used for
    ``days`` days; the removed files. A build that wants one later makes it again."""
    if not enabled():
        return []
    oldest = time.time() - days * 86400
    removed: list[Path] = []
    for name in names:
        folder = _user_cache() / name
        try:
            entries = list(os.scandir(folder))
        except OSError:
            continue
        for entry in entries:
            try:
                if entry.is_file() and entry.stat().st_mtime < oldest:
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
            except OSError:
                continue
    return removed


def enabled() -> bool:
    return os.environ.get(ENVIRONMENT_SWITCH, "").lower() not in ("off", "0", "no", "false")


class FileCache:
    """The records of one project, by display path (``councils/x.yml``).

    On disk in SHARDS files by a hash of the path, so that a change to a few files
    writes a few small files, not the records of the whole project again."""

    def __init__(self, root: Path, records: dict[str, FileRecord] | None = None):
        self.root = root
        self.records: dict[str, FileRecord] = records or {}
        self.dirty: set[int] = set()
        self.used: set[str] = set()
        # Processes writing shards (see save_aside), and which.
        self._writers: list[tuple[int, set[int]]] = []

    @property
    def folder(self) -> Path:
        return cache_folder(self.root)

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
        found = cls(root, cls._read(cache_folder(root)))
        cls._in_memory[root] = found
        return found

    @classmethod
    def save_kept(cls, root: Path) -> None:
        """Write the records this process keeps for ``root``, if any changed."""
        kept = cls._in_memory.get(root.resolve())
        if kept is not None:
            kept.save()

    @staticmethod
    def _read(folder: Path) -> dict[str, FileRecord]:
        records: dict[str, FileRecord] = {}
        # Unpickling makes hundreds of thousands of objects, none of them garbage: the
        # collector would walk them all, again and again, for nothing.
        collecting = gc.isenabled()
        gc.disable()
        try:
            for number in range(SHARDS):
                try:
                    with (folder / f"{number:02d}.pickle").open("rb") as stream:
                        fingerprint, shard = pickle.load(stream)
                except Exception:  # missing, unreadable or damaged: read those files again
                    continue
                if fingerprint == validator_fingerprint() and isinstance(shard, dict):
                    records.update(shard)
        finally:
            if collecting:
                gc.enable()
        return records

    def seen(self, displays: Iterable[str]) -> None:
        """These files are in the project: their records are kept."""
        self.used.update(displays)

    def find(self, display: str, kind: str) -> FileRecord | None:
        """The record of a file not read yet, if its stat shows it unchanged."""
        record = self.records.get(display)
        if record is None or record.stat is None or record.kind != kind:
            return None
        self.used.add(display)
        return record

    def get(self, display: str, digest: bytes, kind: str) -> FileRecord | None:
        self.used.add(display)
        record = self.records.get(display)
        if record is None or record.digest != digest or record.kind != kind:
            return None
        return record

    def put(self, display: str, record: FileRecord) -> None:
        self.used.add(display)
        self.records[display] = record
        self.touch(display)

    def touch(self, display: str) -> None:
        """The record of ``display`` changed: write its shard."""
        self.dirty.add(shard_of(display))

    def _forget_unused(self) -> None:
        """Drop the records of files not seen in this run (deleted or renamed)."""
        for display in self.records.keys() - self.used:
            del self.records[display]
            self.touch(display)

    def pickled(self, numbers: set[int]) -> dict[int, bytes]:
        """The shards ``numbers`` as written on disk, with the records of the files seen
        in this run."""
        self._forget_unused()
        shards: dict[int, dict[str, FileRecord]] = {number: {} for number in numbers}
        for display, record in self.records.items():
            shard = shards.get(shard_of(display))
            if shard is not None:
                shard[display] = record
        return {number: pickled_shard(shard) for number, shard in shards.items()}

    def write(self, pickled: dict[int, bytes]) -> bool:
        """Write shards made by :meth:`pickled` (here or in another process); whether
        they were written."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            for number, content in pickled.items():
                # Written aside, then renamed: a reader never sees half a file.
                handle, name = tempfile.mkstemp(dir=self.folder, prefix=".", suffix=".tmp")
                with os.fdopen(handle, "wb") as stream:
                    stream.write(content)
                os.replace(name, self.folder / f"{number:02d}.pickle")
        except OSError:
            return False  # a read-only checkout validates all the same, only slower
        self.written(set(pickled))
        return True

    def written(self, numbers: set[int]) -> None:
        """The shards ``numbers`` are on disk as they are here."""
        self.dirty -= numbers

    def save(self) -> None:
        """Write the shards that changed, with the records of the files seen in this run
        (once those being written aside are)."""
        for child, numbers in self._writers:
            _, status = os.waitpid(child, 0)
            if status != 0:
                self.dirty |= numbers  # not written: written here
        self._writers = []
        self._forget_unused()
        if self.dirty:
            self.write(self.pickled(self.dirty))

    def save_aside(self, numbers: set[int]) -> None:
        """Write the shards ``numbers`` that changed by another process while this one
        goes on (pickling the records of a project read afresh takes a second at L);
        :meth:`save` waits for it, and writes them when no process could be made."""
        self._forget_unused()
        numbers = numbers & self.dirty
        if len(numbers) < WRITE_ASIDE_FROM or not can_fork():
            return  # left to save
        child = os.fork()
        if child == 0:  # the writer: gone at once, without Python's teardown
            status = 1
            try:
                status = 0 if self.write(self.pickled(numbers)) else 1
            finally:
                os._exit(status)
        self.written(numbers)
        self._writers.append((child, numbers))


def pickled_shard(records: dict[str, FileRecord]) -> bytes:
    """One shard file's content."""
    content = (validator_fingerprint(), records)
    return pickle.dumps(content, protocol=pickle.HIGHEST_PROTOCOL)


def shard_records(content: bytes) -> dict[str, FileRecord] | None:
    """The records of one shard file's content, or None when another validator
    made it."""
    fingerprint, shard = pickle.loads(content)
    if fingerprint != validator_fingerprint() or not isinstance(shard, dict):
        return None
    return shard


@dataclass(frozen=True)
class ProjectState:
    """What a whole validation's result depends on, apart from the validator itself:
    the day, every data file (by the stat that proves its bytes unchanged, or, for a
    file changed too shortly before for its stat to prove anything, by a digest of the
    bytes validated), the problems with the files' names and the hand-written pages of
    each language."""

    today: str
    files: tuple[tuple[str, str], ...]  # kind, display path
    stats: tuple[tuple[int, int, int], ...]  # of each file: modification time (ns), size, inode
    # The files whose stat proved nothing when the state was taken (see ``stat_key``),
    # with the digest of their bytes that were validated (as git's index does).
    racy: tuple[tuple[str, bytes], ...]
    name_problems: bytes  # pickled: Diagnostic's equality ignores the Persian
    pages: tuple[tuple[str, tuple[str, ...]], ...]


REPORT_FILE = "report.bin"  # (the shards are the *.pickle files)


def saved_report(root: Path) -> tuple[ProjectState, list[Diagnostic]] | None:
    """The last whole validation of ``root`` by this validator: the state it was made
    in and its diagnostics (see shora.validate.unchanged)."""
    if not enabled():
        return None
    try:
        with (cache_folder(root) / REPORT_FILE).open("rb") as stream:
            fingerprint, state, diagnostics = pickle.load(stream)
    except Exception:  # missing, unreadable or damaged: validate
        return None
    if (
        fingerprint != validator_fingerprint()
        or not isinstance(state, ProjectState)
        or not isinstance(diagnostics, list)
    ):
        return None
    return state, diagnostics


def save_report(root: Path, state: ProjectState, diagnostics: list[Diagnostic]) -> None:
    """Keep a whole validation's diagnostics for :func:`saved_report`."""
    if not enabled():
        return
    folder = cache_folder(root)
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle, name = tempfile.mkstemp(dir=folder, prefix=".", suffix=".tmp")
        with os.fdopen(handle, "wb") as stream:
            content = (validator_fingerprint(), state, diagnostics)
            pickle.dump(content, stream, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(name, folder / REPORT_FILE)
    except OSError:
        return
