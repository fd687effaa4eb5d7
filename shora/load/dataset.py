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

import multiprocessing
import os
import pickle
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from pydantic import BaseModel, ValidationError

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg_template
from shora.load.cache import (
    SHARDS,
    FileCache,
    FileRecord,
    digest_of,
    pickled_shard,
    shard_of,
    shard_records,
    stat_key,
)
from shora.load.files import RESERVED_IDS as RESERVED_IDS
from shora.load.files import discover as discover
from shora.load.loader import Document, document_of, load_bytes, read_with_stat
from shora.load.model_errors import model_diagnostics
from shora.load.processes import can_fork, widen
from shora.models.kinds import KINDS, TOPICS, Kind

if TYPE_CHECKING:
    from multiprocessing.connection import Connection

    from shora.models.council import (
        Council,
        Decision,
        Federation,
        Organization,
        Platform,
        Topics,
    )
    from shora.models.resolution import Resolution

M = TypeVar("M", bound=BaseModel)


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


def _load_one(kind: Kind, display: str, raw: bytes) -> tuple[FileRecord, str | None]:
    """Read and type-check one file: everything about it that needs no other file.
    Returns also its text, when it could be decoded."""
    document, problems = load_bytes(raw, display)
    record = FileRecord(
        digest_of(raw), kind.name, document is not None,
        document.data if document is not None else None, problems, None, [],
    )  # fmt: skip
    if document is None:
        return record, None
    if not any(d.severity is Severity.ERROR for d in problems):
        try:
            record.model = kind.model.model_validate(document.data)
        except ValidationError as error:
            record.model_diagnostics = list(model_diagnostics(error, document, kind))
    return record, document.text


# What the validator finds in one file alone, given its document and its valid model,
# if any (see shora.validate): made beside the loading when the files are read by two
# processes. Returns the checks and what they were made for (FileRecord.checked_on).
FileChecks = Callable[[Kind, str, Document, BaseModel | None], tuple[str, list[Diagnostic]]]

# Files to read from which a second process is worth its start (a fork, and sending
# the records back, cost about what 150 files to type-check do).
PARALLEL_FROM = 1000
# How often the first process takes what the second one sent: every so many files.
# (A shard's message is larger than the pipe holds at L: the second process waits
# until it is taken, up to this many files' time.)
_LOOK_EVERY = 4


@dataclass
class _Read:
    """A file read: its record (made, or the cache's for the same bytes), and its bytes
    (or why it could not be read)."""

    record: FileRecord | None
    raw: bytes | None = None
    unread: list[Diagnostic] = field(default_factory=list)
    made: bool = False


def _claims(shards: list[int]) -> int:
    """A pipe holding the numbers of ``shards`` to read, one byte each (SHARDS < 256),
    its writing end closed: each process takes the next with :func:`_claim` when it is
    done with one, so the two end within a shard's time of each other whatever else
    slows either (a split decided beforehand left one waiting up to a second at L).
    A process that dies holds nothing the other would wait for."""
    reading, writing = os.pipe()
    os.write(writing, bytes(shards))
    os.close(writing)
    return reading


def _claim(claims: int) -> int | None:
    """The next shard to read, or None when every shard has been taken."""
    taken = os.read(claims, 1)  # (a read of one byte is whole: no two take the same)
    return taken[0] if taken else None


def _load_and_check(kind: Kind, display: str, raw: bytes, checks: FileChecks | None) -> FileRecord:
    record, text = _load_one(kind, display, raw)
    if checks is not None and record.loaded:
        # The text decoded once; the source map made again if asked for, as for a
        # document from the cache (see Document).
        document = Document(display, text, record.data)
        record.checked_on, record.checks = checks(kind, display, document, record.model)
    return record


def _read(
    folder: str, kind: Kind, display: str, cache: FileCache | None, checks: FileChecks | None
) -> _Read:
    """Read a file the cache does not know unchanged by its stat (``folder`` is the
    project's, see _folder); its record from the cache when its bytes are the same,
    else made and put there."""
    path = folder + display
    # The time and the stat come before the bytes: a change while reading shows as a
    # newer stat next time, never as an old stat on new bytes.
    read_at = time.time_ns()
    raw, stat, unread = read_with_stat(path, display)
    if raw is None or stat is None:
        return _Read(None, None, unread)
    known = stat_key(stat, read_at)
    # (The digest only for a file the cache knows: else it is made with the record.)
    record = None
    if cache is not None and display in cache.records:
        record = cache.get(display, digest_of(raw), kind.name)
    if record is None:
        record = _load_and_check(kind, display, raw, checks)
        record.stat = known
        if cache is not None:
            cache.put(display, record)
        return _Read(record, raw, made=True)
    _restat(cache, display, record, known)
    return _Read(record, raw)


def _restat(
    cache: FileCache | None, display: str, record: FileRecord, stat: tuple[int, int, int] | None
) -> None:
    """The stat that proves ``record``'s bytes unchanged from now on."""
    if cache is not None and record.stat != stat:
        record.stat = stat
        cache.touch(display)


def _read_many(
    root: Path,
    pending: list[tuple[Kind, str]],
    checks: FileChecks | None,
    cache: FileCache | None,
    save: bool,
) -> list[_Read]:
    """The files read, in order, their records put in ``cache``: when there are many,
    the cache's shards shared with a second process, each process taking the next
    shard when done with one (reading YAML and type-checking are pure Python, one core
    each); the second writes its shards when ``save`` (and a third process this one's,
    see FileCache.save_aside). This process keeps the bytes of its files only."""

    folder = _folder(root)

    def read_here(indexes: list[int]) -> list[_Read]:
        return [_read(folder, *pending[index], cache, checks) for index in indexes]

    if len(pending) < PARALLEL_FROM or not can_fork():
        return read_here(list(range(len(pending))))
    done: dict[int, _Read] = {}
    # The first file of each kind first: what its checks load once (the world's map,
    # patterns, catalogs) the second process then inherits instead of loading again.
    first: dict[str, int] = {}
    for index, (kind, _) in enumerate(pending):
        first.setdefault(kind.name, index)
    done.update(zip(first.values(), read_here(list(first.values())), strict=True))
    # The rest by the cache's shards: a shard's files all read by one process, which
    # then writes the shard. The largest first, so that the last ones taken are small.
    by_shard: dict[int, list[int]] = {}
    for index in range(len(pending)):
        if index not in done:
            by_shard.setdefault(shard_of(pending[index][1]), []).append(index)
    claims = _claims(sorted(by_shard, key=lambda number: (-len(by_shard[number]), number)))
    # One message a shard, each with its length (multiprocessing's connection).
    reading, writing = multiprocessing.Pipe(duplex=False)
    widen(writing.fileno())
    child = os.fork()
    if child == 0:  # the second process: shards one by one, then gone at once
        status = 1
        try:
            reading.close()
            while (number := _claim(claims)) is not None:
                read = read_here(by_shard[number])
                message = _shard_message(pending, number, by_shard[number], read, cache, save)
                writing.send_bytes(message)
            writing.close()
            status = 0
        finally:
            os._exit(status)
    writing.close()

    def take(arrived: Iterator[bytes]) -> None:
        """What the second process sent: its records put here as if read here."""
        for content in arrived:
            received = _received(content, by_shard, pending, cache)
            if received is None:
                continue  # (its files are read here below)
            number, written, results = received
            for index, result in zip(by_shard[number], results, strict=True):
                done[index] = result
                if cache is not None and result.made and result.record is not None:
                    cache.put(pending[index][1], result.record)
            if cache is not None and written:
                cache.written({number})

    # Its records taken while this process reads its own files (else they would be
    # taken after, by this process alone).
    ours: set[int] = set()
    read_so_far = 0
    try:
        while (number := _claim(claims)) is not None:
            ours.add(number)
            for index in by_shard[number]:
                done[index] = _read(folder, *pending[index], cache, checks)
                read_so_far += 1
                if read_so_far % _LOOK_EVERY == 0:
                    take(_arrived(reading))
    finally:
        os.close(claims)
    theirs = set(by_shard) - ours  # every shard is taken by now
    if cache is not None and save:
        # This process's shards are complete: written by a third while it goes on.
        cache.save_aside(set(range(SHARDS)) - theirs)
    try:
        take(_rest(reading))
    finally:
        reading.close()
        os.waitpid(child, 0)
    # What the second process did not send (killed, out of memory) is read here.
    missing = [index for number in theirs for index in by_shard[number] if index not in done]
    done.update(zip(missing, read_here(missing), strict=True))
    return [done[index] for index in range(len(pending))]


def _arrived(connection: Connection) -> Iterator[bytes]:
    """The messages the other process has begun to send, without waiting for more."""
    while connection.poll():
        try:
            yield connection.recv_bytes()
        except (EOFError, OSError):
            return


def _rest(connection: Connection) -> Iterator[bytes]:
    """The messages still to come, until the other process closes its end."""
    while True:
        try:
            yield connection.recv_bytes()
        except (EOFError, OSError):
            return


def _shard_message(
    pending: list[tuple[Kind, str]],
    number: int,
    indexes: list[int],
    read: list[_Read],
    cache: FileCache | None,
    save: bool,
) -> bytes:
    """What the second process sends of shard ``number`` once it read its files
    (``indexes``) and wrote the shard (when ``save``): the records it made, the stats
    of the records of the files whose bytes the cache knew, and why the others could
    not be read."""
    displays = [pending[index][1] for index in indexes]
    unreadable = {d: r.unread for d, r in zip(displays, read, strict=True) if r.record is None}
    stats = {
        display: result.record.stat
        for display, result in zip(displays, read, strict=True)
        if result.record is not None and not result.made
    }
    made = {d: r.record for d, r in zip(displays, read, strict=True) if r.made and r.record}
    written = False
    content = None
    if cache is not None:
        shard = cache.pickled({number} & cache.dirty)
        written = save and cache.write(shard)
        if len(made) == len(displays) and shard:
            content = shard[number]  # every file new (the common case): as written
    if content is None:
        content = pickled_shard(made)  # (not the records the first process has)
    message = (number, written, content, stats, unreadable)
    return pickle.dumps(message, protocol=pickle.HIGHEST_PROTOCOL)


def _received(
    message: bytes,
    by_shard: dict[int, list[int]],
    pending: list[tuple[Kind, str]],
    cache: FileCache | None,
) -> tuple[int, bool, list[_Read]] | None:
    """The shard a message of the second process is about, whether it wrote it, and
    what it read of the shard's files (without the bytes); None when it is unusable."""
    try:
        number, written, content, stats, unreadable = pickle.loads(message)
        found = shard_records(content)
        if found is None:
            return None
        results = []
        for index in by_shard[number]:
            display = pending[index][1]
            if display in unreadable:
                results.append(_Read(None, None, unreadable[display]))
            elif display in stats:  # the cache's record, as here
                assert cache is not None
                record = cache.records[display]
                _restat(cache, display, record, stats[display])
                results.append(_Read(record))
            else:
                results.append(_Read(found[display], made=True))
        return number, bool(written), results
    except Exception:
        return None


def _folder(root: Path) -> str:
    """The project's folder, to which a display path is added to make the file's path
    (as os.path.join would, once for all the files)."""
    return os.path.join(root, "")


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
    root: Path,
    cache: FileCache | None = None,
    discovered: tuple[list[tuple[Kind, str]], list[Diagnostic]] | None = None,
    checks: FileChecks | None = None,
    save: bool = False,
) -> tuple[Dataset, list[Diagnostic], dict[str, FileRecord]]:
    """Load and type-check every file; cross-file checks come later (validate).
    Returns also each file's record (what ``cache`` keeps), by display path.
    ``discovered`` is what :func:`discover` found, when it was asked already;
    ``checks`` may be made beside the loading of files read afresh. With ``save``,
    a second process writes the cache's shards of the files it read."""
    dataset = Dataset(root=root)
    files, problems = discovered if discovered is not None else discover(root)
    diagnostics = list(problems)
    records: dict[str, FileRecord] = {}
    raws: dict[str, bytes] = {}
    unreadable: dict[str, list[Diagnostic]] = {}
    # First what the cache knows by the files' stats; then the rest read, and
    # type-checked unless the cache knows their bytes (by two processes when there are
    # many); then the dataset, in order.
    pending: list[tuple[Kind, str]] = []
    if cache is not None:
        cache.seen(display for _, display in files)
    folder = _folder(root)
    for kind, display in files:
        record = _cached(cache, kind, display, folder + display)
        if record is not None:
            records[display] = record
        else:
            pending.append((kind, display))
    for (_, display), read in zip(
        pending, _read_many(root, pending, checks, cache, save), strict=True
    ):
        if read.record is None:
            unreadable[display] = read.unread
            continue
        records[display] = read.record
        if read.raw is not None:
            raws[display] = read.raw
    seen: dict[tuple[str, str], str] = {}
    for kind, display in files:
        path = folder + display
        id_ = display.rpartition("/")[2].rpartition(".")[0]
        if display in unreadable:
            diagnostics += unreadable[display]
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        record = records[display]
        diagnostics += record.load_diagnostics
        if not record.loaded:
            # The file exists but cannot be read: references to it are not "unknown".
            dataset.invalid_ids.setdefault(kind.name, set()).add(id_)
            continue
        document = document_of(raws.get(display), display, record.data, path)
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
        if kind is TOPICS:
            dataset.topics = Entry(id_, kind, document, cast("Topics", model))
        else:
            dataset.table(kind)[id_] = Entry(id_, kind, document, model)
    return dataset, diagnostics, records
