"""`make bench` runs and prints its table: the smallest size, without the plain site or
the preview (the full run takes minutes; its figures are in the README)."""

from __future__ import annotations

import re
import subprocess
import sys

from .site_project import REPO


def test_the_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench"), "--sizes", "S", "--no-plain",
         "--no-serve", "--full-sizes", ""],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| size | files | pages | validate: cold / warm |")
    cells = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert cells[:3] == ["S", "834", "1,860"]
    assert re.fullmatch(r"\d+\.\d s / \d+\.\d s", cells[3])
    assert re.fullmatch(r"\d+\.\d s \(\d+\.\d s\)", cells[4])
    # The largest page, a cold visit and a first search: measured, never "n/a".
    assert all(re.fullmatch(r"[\d,.]+ KiB", cell) for cell in cells[7:10]), cells
    assert cells[10:] == ["-", "-"]  # no plain site asked for
    report = result.stdout
    assert re.search(r"S: search index alone .*: [\d.]+ s .*\d+ pages indexed", report)
    assert re.search(r"S: cold visit to resolutions/[\w-]+/: .* = [\d,]+ bytes\n", report)
    assert "EXTERNAL" not in report
