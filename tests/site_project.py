"""A throw-away project for build tests: the real site configuration, theme and
pages, with data written by the test."""

from __future__ import annotations

import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SITE_FILES = ("mkdocs.yml", "mkdocs.en.yml", "content", "theme")


def make_project(tmp: Path, with_real_data: bool = True) -> Path:
    for name in SITE_FILES:
        source = REPO / name
        if source.is_dir():
            shutil.copytree(source, tmp / name)
        else:
            shutil.copy2(source, tmp / name)
    if with_real_data:
        shutil.copytree(REPO / "resolutions", tmp / "resolutions")
        shutil.copytree(REPO / "councils", tmp / "councils")
    return tmp
