"""`scripts/memory-timeline`: a command's processes, their memory sampled until it ends."""

from __future__ import annotations

import re
import subprocess
import sys

from .site_project import REPO

# A parent that holds 60 MB of its own and forks a child that writes into 40 MB of it
# (each page copied: private to each) and allocates 30 MB more.
_PROGRAM = """
import os, time
held = bytearray(60 * 2**20)
for offset in range(0, len(held), 4096):
    held[offset] = 1
pid = os.fork()
if pid == 0:
    for offset in range(0, 40 * 2**20, 4096):
        held[offset] = 2
    more = bytearray(30 * 2**20)
    for offset in range(0, len(more), 4096):
        more[offset] = 1
    time.sleep(1.5)
    os._exit(0)
os.waitpid(pid, 0)
"""


def test_each_process_is_listed_with_its_memory_and_the_peak_is_the_sum() -> None:
    shown = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "memory-timeline"), "--every", "0.2", "--",
         sys.executable, "-c", _PROGRAM],
        capture_output=True, text=True, check=True, timeout=60,
    ).stdout  # fmt: skip
    # Lines with both processes alive (the child, once ended, is listed unnamed until
    # its parent waits for it).
    both = [
        found.group(1, 2)
        for line in shown.splitlines()
        if (
            found := re.fullmatch(
                r"\s*[\d.]+ s\s+(\d+) MB \| \d+ -c \d+/\d+ \| \d+ -c \d+/(\d+)", line
            )
        )
    ]
    assert both, shown
    # The child's private memory: the 40 MB it copied and the 30 MB it made.
    total, child = max(both, key=lambda values: int(values[1]))
    assert 65 <= int(child) <= 100
    assert int(total) >= 60 + 65
    peak = re.fullmatch(r"peak (\d+) MB at [\d.]+ s; exit 0", shown.splitlines()[-1])
    assert peak is not None and int(peak.group(1)) >= int(total)
