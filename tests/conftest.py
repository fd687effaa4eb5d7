"""Fixtures shared by the validator's tests."""

from __future__ import annotations

import datetime as dt
import functools
import os
import tempfile

import pytest

import shora.cli
from shora.validate import validate_project

from .validator_support import TODAY

# The validator's cache (shora.load.cache) goes to a folder of this test run, not the
# user's: also for the `shora` and `mkdocs` processes the tests start.
os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="shora-test-cache-")


BROWSER_TESTS = os.path.join(os.path.dirname(__file__), "browser")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests (two thirds of the suite's time) are marked ``browser``:
    ``make test-quick`` (``pytest -m "not browser"``) runs the rest."""
    for item in items:
        if str(item.path).startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the ``shora`` command validate as if on ``TODAY``."""
    monkeypatch.setattr(
        shora.cli, "validate_project", functools.partial(validate_project, today=TODAY)
    )
    return TODAY
