"""A second process for the work of a validation that is pure Python (one core each):
whether one is worth it, and its pipe."""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading


def can_fork() -> bool:
    """Whether a second process may be forked and is worth it (a second core)."""
    # A fork copies only the calling thread: with other threads (the preview server's),
    # a lock one of them holds would never be released in the child.
    if not hasattr(os, "fork") or threading.active_count() > 1:
        return False
    usable = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else None
    return (len(usable) if usable is not None else os.cpu_count() or 1) > 1


def widen(stream: int) -> None:
    """Let the pipe ``stream`` hold a megabyte (where the system allows it): a process
    sending a large message then rarely waits for the other to take it."""
    with contextlib.suppress(OSError, AttributeError):  # not Linux, or a smaller limit
        fcntl.fcntl(stream, fcntl.F_SETPIPE_SZ, 1 << 20)
