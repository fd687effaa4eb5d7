"""A second process for the work of a validation that is pure Python (one core each)."""

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


def send(stream: int, content: bytes) -> None:
    """One message into the pipe ``stream`` (see :class:`Messages`)."""
    view = memoryview(len(content).to_bytes(8, "little") + content)
    while view:
        view = view[os.write(stream, view) :]


class Messages:
    """The messages another process sends into the pipe ``stream`` (each its length in 8
    bytes, then its bytes), taken as they come without waiting, then all of them."""

    def __init__(self, stream: int):
        self.stream = stream
        self.buffer = bytearray()
        os.set_blocking(stream, False)

    def arrived(self) -> list[bytes]:
        """The messages complete so far."""
        try:
            while chunk := os.read(self.stream, 1 << 20):
                self.buffer += chunk
        except BlockingIOError:
            pass
        return self._complete()

    def rest(self) -> list[bytes]:
        """The messages still to come, once the other process closed the pipe."""
        os.set_blocking(self.stream, True)
        while chunk := os.read(self.stream, 1 << 20):
            self.buffer += chunk
        return self._complete()

    def _complete(self) -> list[bytes]:
        found = []
        at = 0
        while len(self.buffer) - at >= 8:
            size = int.from_bytes(self.buffer[at : at + 8], "little")
            if len(self.buffer) - at - 8 < size:
                break
            found.append(bytes(self.buffer[at + 8 : at + 8 + size]))
            at += 8 + size
        del self.buffer[:at]
        return found
