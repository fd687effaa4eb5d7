"""The vendored third-party files are the ones `scripts/fetch-vendor` fetched: each
folder's README lists the SHA-256 of every other file in it, and they match."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from .site_project import REPO

_LISTED = re.compile(r"^    ([0-9a-f]{64})  (\S+)$", re.MULTILINE)
FOLDERS = sorted(
    readme.parent
    for pattern in (
        "theme/assets/fonts/*/README.md",
        "vendor/*/README.md",
        "shora/data/*/README.md",
    )
    for readme in REPO.glob(pattern)
    if "SHA-256 of the other files" in readme.read_text(encoding="utf-8")
)


def test_every_vendored_folder_is_found() -> None:
    names = {folder.relative_to(REPO).as_posix() for folder in FOLDERS}
    assert {
        "theme/assets/fonts/vazirmatn",
        "shora/data/vazirmatn-print",
        "shora/data/world-atlas",
        "vendor/countries-list",
    } <= names


@pytest.mark.parametrize("folder", FOLDERS, ids=lambda folder: folder.name)
def test_each_vendored_file_is_the_one_its_readme_lists(folder: Path) -> None:
    listed = dict(
        (name, digest)
        for digest, name in _LISTED.findall((folder / "README.md").read_text(encoding="utf-8"))
    )
    present = {path.name for path in folder.iterdir() if path.name != "README.md"}
    assert present == set(listed)
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
