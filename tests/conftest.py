"""Fixtures shared by the validator's tests."""

from __future__ import annotations

import datetime as dt
import functools

import pytest

import shora.cli
from shora.validate import validate_project

from .validator_support import TODAY


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the ``shora`` command validate as if on ``TODAY``."""
    monkeypatch.setattr(
        shora.cli, "validate_project", functools.partial(validate_project, today=TODAY)
    )
    return TODAY
