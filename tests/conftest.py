"""Shared helpers for the validator's tests."""

from __future__ import annotations

import datetime as dt
import functools
import shutil
from pathlib import Path

import pytest

import shora.cli
from shora.validate import validate_project

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
BASE = CORPUS / "_base"
# The corpus is checked as if on this day, so that "in the future" and "more than a
# year ago" do not change with the calendar.
TODAY = dt.date(2026, 6, 15)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the ``shora`` command validate as if on ``TODAY``."""
    monkeypatch.setattr(shora.cli, "validate_project", functools.partial(validate_project, today=TODAY))
    return TODAY


@pytest.fixture
def base_project(tmp_path: Path) -> Path:
    """A copy of the small valid project the corpus cases are overlaid on."""
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    return project
