"""The answer of the last validation, when nothing it depends on changed since.

Validating a project again although none of its files changed is the common case
(before a commit, in an editor's loop, in CI from a kept cache). The whole result is
kept in the cache folder with what it depends on (:class:`ProjectState`: the day, each
data file's stat, the file names' problems and the hand-written pages) and the
validator's fingerprint: then no file is read, no model imported or unpickled.

A file modified within the last two seconds proves nothing by its stat (see
``stat_key``): another change in the same tick of the clock could keep its size and
modification time. As git does for its index, such a file is kept in the state with a
digest of the bytes that were validated, and the next run reads and hashes those files
only (right after ``scripts/generate-dataset`` or an editor's save, possibly all of
them). Once they have settled, the state is written again with their stats.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import pickle
import time
from collections.abc import Mapping
from pathlib import Path

from shora.core.diagnostics import Diagnostic
from shora.load.cache import ProjectState, digest_of, save_report, saved_report, stat_key
from shora.load.cache import enabled as cache_enabled
from shora.load.files import content_pages, discover
from shora.models.kinds import Kind

Discovered = tuple[list[tuple[Kind, str]], list[Diagnostic]]

# A digest not known yet: the file is read after the state is taken (see ``with_digests``).
_UNKNOWN = b""


def _stats(
    root: Path, files: list[tuple[Kind, str]]
) -> tuple[tuple[tuple[int, int, int], ...], list[str]] | None:
    """Each file's stat, and the files whose stat proves nothing yet (None when a file
    cannot be stat'ed). The time is taken first: a change after it shows a newer stat."""
    now = time.time_ns()
    stats = []
    racy = []
    folder = os.path.join(root, "")  # (joined once: thousands of files)
    for _, display in files:
        try:
            stat = os.stat(folder + display)
        except OSError:
            return None
        stats.append((stat.st_mtime_ns, stat.st_size, stat.st_ino))
        if stat_key(stat, now) is None:
            racy.append(display)
    return tuple(stats), racy


def _pages(pages: dict[str, set[str]]) -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((language, tuple(sorted(names))) for language, names in sorted(pages.items()))


def project_state(
    root: Path, today: dt.date, discovered: Discovered, pages: dict[str, set[str]]
) -> ProjectState | None:
    """What a validation of ``root`` on ``today`` depends on (its files found by
    :func:`discover`, its hand-written ``pages``), taken before any file is read; the
    digests of its racy files are given by :func:`with_digests` once they are read.
    None when a file cannot be stat'ed."""
    files, problems = discovered
    taken = _stats(root, files)
    if taken is None:
        return None
    stats, racy = taken
    return ProjectState(
        today.isoformat(),
        tuple((kind.name, display) for kind, display in files),
        stats,
        tuple((display, _UNKNOWN) for display in racy),
        pickle.dumps(problems, protocol=pickle.HIGHEST_PROTOCOL),
        _pages(pages),
    )


def with_digests(state: ProjectState, digests: Mapping[str, bytes]) -> ProjectState | None:
    """The state with the digests of its racy files' bytes that were validated, or None
    when one of them was not read (an unreadable file)."""
    racy = []
    for display, _ in state.racy:
        digest = digests.get(display)
        if not digest:
            return None
        racy.append((display, digest))
    return dataclasses.replace(state, racy=tuple(racy))


def unchanged_diagnostics(root: Path, today: dt.date) -> list[Diagnostic] | None:
    """The diagnostics of the last validation of ``root`` if nothing changed since."""
    if not cache_enabled():
        return None
    saved = saved_report(root)
    if saved is None:
        return None
    state, diagnostics = saved
    if state.today != today.isoformat():
        return None
    files, problems = discover(root)
    if tuple((kind.name, display) for kind, display in files) != state.files:
        return None
    if _pages(content_pages(root)) != state.pages:
        return None
    if pickle.dumps(problems, protocol=pickle.HIGHEST_PROTOCOL) != state.name_problems:
        return None
    taken = _stats(root, files)
    if taken is None:
        return None
    stats, racy_now = taken
    racy = dict(state.racy)
    if not racy:
        return diagnostics if stats == state.stats else None
    for number, (stat, saved_stat) in enumerate(zip(stats, state.stats, strict=True)):
        if stat != saved_stat and state.files[number][1] not in racy:
            return None
    # The stats were taken before the bytes are read: a change meanwhile shows next time.
    for display, digest in racy.items():
        try:
            with open(os.path.join(root, display), "rb") as stream:
                if digest_of(stream.read()) != digest:
                    return None
        except OSError:
            return None
    still_racy = set(racy_now) & racy.keys()
    if len(still_racy) < len(racy):
        # Settled since: their stats are proof enough from now on.
        settled = dataclasses.replace(
            state,
            stats=stats,
            racy=tuple(
                (display, digest) for display, digest in state.racy if display in still_racy
            ),
        )
        save_report(root, settled, diagnostics)
    return diagnostics
