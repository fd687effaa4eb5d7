"""A second process for the work of a validation that is pure Python (one core each)."""

from __future__ import annotations

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


def read_all(stream: int) -> bytes:
    """Everything a child process writes into the pipe ``stream``, until it closes it."""
    parts = []
    while chunk := os.read(stream, 1 << 20):
        parts.append(chunk)
    return b"".join(parts)
