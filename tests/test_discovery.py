"""Finding data files: a data file's name spelled otherwise is reported, never ignored;
other files in the data folders are left alone."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shora.load.dataset import discover

from .validator_support import BASE


@pytest.fixture
def project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(BASE, root)
    return root


@pytest.mark.parametrize(
    ("name", "twin"),
    [
        ("oslo.YML", "oslo.yml"),
        ("oslo.Yml", "oslo.yml"),
        ("oslo.yaml", "oslo.yml"),
        ("oslo.YAML", "oslo.yml"),
        ("oslo.yml.txt", "oslo.yml"),
        ("oslo.yaml.txt", "oslo.yml"),
        ("oslo.YML.TXT", "oslo.yml"),
        ("oslo.yml.txt.txt", "oslo.yml"),
    ],
)
def test_other_spellings_are_reported_with_the_name_to_give(
    project: Path, name: str, twin: str
) -> None:
    (project / "councils" / name).write_text("x: 1\n", encoding="utf-8")
    found, problems = discover(project)
    assert all(not display.endswith(name) for _, display in found)
    assert [(p.path, p.line, p.col) for p in problems] == [(f"councils/{name}", 1, 1)]
    assert problems[0].message.endswith(f"rename it to '{twin}'")


@pytest.mark.parametrize(
    "name", ["README.md", "notes.txt", "oslo.yml.bak", "oslo.yml~", ".gitkeep"]
)
def test_other_files_are_left_alone(project: Path, name: str) -> None:
    (project / "councils" / name).write_text("x\n", encoding="utf-8")
    before = discover(project)
    assert before[1] == []
    assert [display for _, display in before[0] if name in display] == []
