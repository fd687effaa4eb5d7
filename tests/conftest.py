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

# The validator's cache and the made PDFs and cut fonts (shora.load.cache) go to a
# folder of this test run, not the user's: also for the `shora` and `mkdocs` processes
# the tests start. One folder for the whole run, shared by the xdist workers (they
# inherit the environment of the process that starts them): the PDFs and fonts of the
# real data are made by the first build that needs them, not once per worker.
# (Writes to it are atomic renames: builds side by side are safe.)
TEST_CACHE = "SHORA_TEST_CACHE_HOME"
if TEST_CACHE not in os.environ:
    os.environ[TEST_CACHE] = tempfile.mkdtemp(prefix="shora-test-cache-")
os.environ["XDG_CACHE_HOME"] = os.environ[TEST_CACHE]


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
