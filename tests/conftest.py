"""Fixtures shared by the validator's tests."""

from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest

import shora.cli

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

# A build sets SOURCE_DATE_EPOCH from its data when the environment has none
# (shora.publish.common.ensure_source_date_epoch) and the test process keeps it: a later
# build of other data in the same worker would be dated by the first one's data. Each
# test starts with the value the run started with (none, as a rule).
SOURCE_DATE_EPOCH = os.environ.get("SOURCE_DATE_EPOCH")

BROWSER_TESTS = os.path.join(os.path.dirname(__file__), "browser")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    """Before the test's fixtures are set up (module fixtures build sites)."""
    if SOURCE_DATE_EPOCH is None:
        os.environ.pop("SOURCE_DATE_EPOCH", None)
    else:
        os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """The browser tests (two thirds of the suite's time) are marked ``browser``:
    ``make test-quick`` (``pytest -m "not browser"``) runs the rest."""
    for item in items:
        if str(item.path).startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the ``shora`` command validate as if on ``TODAY``."""
    monkeypatch.setattr(shora.cli, "today", lambda: TODAY)
    return TODAY
