"""The answer of the last validation, when nothing it depends on changed since.

Validating a project again although none of its files changed is the common case
(before a commit, in an editor's loop, in CI from a kept cache). The whole result is
kept in the cache folder with what it depends on (:class:`ProjectState`: the day, each
data file's stat, the file names' problems and the hand-written pages) and the
validator's fingerprint: then no file is read, no model imported or unpickled.

A file modified within the last two seconds proves nothing by its stat (see
``stat_key``): the project is validated, and its result not kept, until it settles.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
import time
from pathlib import Path

from shora.core.diagnostics import Diagnostic
from shora.load.cache import ProjectState, saved_report, stat_key
from shora.load.cache import enabled as cache_enabled
from shora.load.files import content_pages, discover
from shora.models.kinds import Kind

Discovered = tuple[list[tuple[Kind, str]], list[Diagnostic]]


def project_state(
    root: Path, today: dt.date, discovered: Discovered, pages: dict[str, set[str]]
) -> ProjectState | None:
    """What a validation of ``root`` on ``today`` depends on (its files found by
    :func:`discover`, its hand-written ``pages``), or None while a file's stat cannot
    prove that its bytes are the ones read."""
    files, problems = discovered
    now = time.time_ns()
    stats = []
    for kind, display in files:
        try:
            key = stat_key(os.stat(os.path.join(root, display)), now)
        except OSError:
            return None
        if key is None:
            return None
        stats.append((kind.name, display, key))
    return ProjectState(
        today.isoformat(),
        tuple(stats),
        pickle.dumps(problems, protocol=pickle.HIGHEST_PROTOCOL),
        tuple((language, tuple(sorted(names))) for language, names in sorted(pages.items())),
    )


def unchanged_diagnostics(root: Path, today: dt.date) -> list[Diagnostic] | None:
    """The diagnostics of the last validation of ``root`` if nothing changed since."""
    if not cache_enabled():
        return None
    state = project_state(root, today, discover(root), content_pages(root))
    return saved_report(root, state) if state is not None else None
