"""`shora build` and the MkDocs plugin: validation first, atomic replacement of site/,
clean errors without tracebacks."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from shora.build import build_site

from .site_project import REPO, make_project

BROKEN = "resolutions/place-and-importance-of-the-party.yml"


def _break(project: Path) -> None:
    path = project / BROKEN
    path.write_text(path.read_text(encoding="utf-8").replace("status: unknown", "status: valid"))


def test_build_writes_both_languages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    assert build_site(project, Path("mkdocs.yml"), Path("site")) == 0
    site = project / "site"
    for language_root in (site, site / "en"):
        assert (language_root / "index.html").is_file()
        for resolution in ("mass-organizing-abroad", "place-and-importance-of-the-party"):
            assert (language_root / "resolutions" / resolution / "index.html").is_file()
            assert (
                language_root / "resolutions" / resolution / "parallel" / "index.html"
            ).is_file()
    persian = (site / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa"' in persian and 'dir="rtl"' in persian
    assert '<html lang="en"' in english and 'dir="ltr"' in english


def test_failed_build_keeps_the_last_good_site(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    assert build_site(project, Path("mkdocs.yml"), Path("site")) == 0
    marker = project / "site" / "index.html"
    before = marker.read_bytes()
    _break(project)
    assert build_site(project, Path("mkdocs.yml"), Path("site")) == 1
    assert marker.read_bytes() == before
    err = capsys.readouterr().err
    assert f"{BROKEN}:20:9: error: status: 'valid' is not allowed here" in err
    assert "site was not changed" in err
    # No half-built folder is left beside it.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_mkdocs_build_reports_invalid_data_without_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _break(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{BROKEN}:20:9: error: status:" in result.stderr + result.stdout
    assert not (project / "site" / "index.html").exists()


def test_cli_build_exit_code_and_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _break(project)
    result = subprocess.run(
        [sys.executable, "-m", "shora.cli", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "1 error(s) in the data; site was not changed" in result.stderr
