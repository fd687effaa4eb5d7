"""`scripts/pair-with-plain`: plain Material and `shora build` in turn, a line a build
with the file system's speed before it, then the median ratio."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from shora.tools.synthetic import SIZES, scaled, write_dataset

from .site_project import REPO, make_project


@pytest.mark.slow  # two builds of ours and two of plain Material
def test_each_pair_is_timed_and_the_median_ratio_printed(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", with_real_data=False)
    write_dataset(project, scaled(SIZES["S"], 0.03125))
    script = str(REPO / "scripts" / "pair-with-plain")
    refused = subprocess.run(
        [sys.executable, script, str(project)], capture_output=True, text=True, check=False
    )
    assert refused.returncode == 2 and "has no built site" in refused.stderr
    subprocess.run(
        [sys.executable, "-m", "shora.cli", "build", "-q"], cwd=project, check=True,
        capture_output=True,
    )  # fmt: skip
    result = subprocess.run(
        [sys.executable, script, str(project), "--pairs", "2"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    number = r"\d+\.\d+"
    for pair in (1, 2):
        assert re.search(
            rf"^pair {pair}: page made in {number} ms; plain Material {number} s "
            rf"\(user {number} s, system {number} s\)$", result.stdout, re.M,
        ), result.stdout  # fmt: skip
        assert re.search(
            rf"^pair {pair}: page made in {number} ms; shora build {number} s "
            rf"\(user {number} s, system {number} s\); ratio {number}$", result.stdout, re.M,
        ), result.stdout  # fmt: skip
    assert re.search(rf"^median ratio {number} \(2 pairs\)$", result.stdout, re.M)
