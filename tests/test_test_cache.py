"""The test run's own cache folder (tests/conftest.py): made by the run's first
process for the builds the tests start, removed when that process ends."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
# What a process starting a run sees first (the folder, named by the variable).
SHOW_FOLDER = "import os, tests.conftest; print(os.environ['SHORA_TEST_CACHE_HOME'])"


def _start(tmp_path: Path, **variables: str) -> Path:
    env = {k: v for k, v in os.environ.items() if k != "SHORA_TEST_CACHE_HOME"}
    env.update(TMPDIR=str(tmp_path), **variables)
    done = subprocess.run([sys.executable, "-c", SHOW_FOLDER], cwd=REPO, env=env,
                          capture_output=True, text=True, check=True)  # fmt: skip
    return Path(done.stdout.strip())


def test_the_cache_folder_a_run_made_is_removed_when_it_ends(tmp_path: Path) -> None:
    # (Left behind, each run of the whole suite left 45 MB in the temporary folder.)
    folder = _start(tmp_path)
    assert folder.parent == tmp_path and folder.name.startswith("shora-test-cache-")
    assert not folder.exists()
    assert list(tmp_path.iterdir()) == []


def test_a_cache_folder_the_environment_names_is_left(tmp_path: Path) -> None:
    named = tmp_path / "named"
    named.mkdir()
    assert _start(tmp_path, SHORA_TEST_CACHE_HOME=str(named)) == named
    assert named.is_dir()
