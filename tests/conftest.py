"""Fixtures shared by the validator's tests."""

from __future__ import annotations

import atexit
import datetime as dt
import os
import shutil
import tempfile
from collections import defaultdict
from typing import Any

import pytest

import shora.cli

from .validator_support import TODAY

# The validator's cache and the made PDFs and cut fonts (shora.load.cache) go to a
# folder of this test run, not the user's: also for the `shora` and `mkdocs` processes
# the tests start. One folder for the whole run, shared by the xdist workers (they
# inherit the environment of the process that starts them): the PDFs and fonts of the
# real data are made by the first build that needs them, not once per worker.
# (Writes to it are atomic renames: builds side by side are safe.)
# Made by the run's first process, and removed when it ends (45 MB after a whole run:
# PDFs, cut fonts, search bundles, the browsers' caches); one named by the environment
# is left as it is.
TEST_CACHE = "SHORA_TEST_CACHE_HOME"
if TEST_CACHE not in os.environ:
    os.environ[TEST_CACHE] = tempfile.mkdtemp(prefix="shora-test-cache-")
    atexit.register(shutil.rmtree, os.environ[TEST_CACHE], ignore_errors=True)
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


def pytest_itemcollected(item: pytest.Item) -> None:
    """The browser tests (two thirds of the suite's time) are marked ``browser``:
    ``make test-quick`` (``pytest -m "not browser"``) runs the rest."""
    if str(item.path).startswith(BROWSER_TESTS):
        item.add_marker(pytest.mark.browser)


@pytest.hookimpl(trylast=True)  # after -m and -k have left tests out
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under xdist the modules are dealt to the workers by their time."""
    workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "0"))
    if workers > 1:
        known = getattr(config, "workerinput", {}).get(DURATIONS_KEY, {})
        items[:] = balanced_order(items, workers, known)


# ---------------------------------------------------------------- the order under xdist
#
# `make test` runs `pytest -n 3 --dist worksteal`: each worker is sent an equal COUNT
# of consecutive tests of the collection, and a worker with nothing left takes the
# last half of the longest queue. In the collection's own order one worker got the
# browser tests that run for minutes and the others mostly tests of milliseconds: they
# ran out, took the light tails, and the suite ended with one core busy. Here every
# module goes whole to one worker's share where it fits (its module fixtures are made
# once), the longest modules first, each to the share with the least time so far;
# within a share the longest modules run first, so that what others take from its end
# is light.
#
# The time of a module: the sum of its tests' last times (setup, call and teardown,
# kept by the controller in pytest's cache, .pytest_cache/), else MODULE_SECONDS (a
# first run, as on CI), else DEFAULT_SECONDS a test.
DURATIONS_KEY = "shora/durations"
DEFAULT_SECONDS = 0.05
# Each module's time in a run of the whole suite (make test, 3 workers on 2 cores,
# 30 November 2026), those of 8 s or more.
MODULE_SECONDS = {
    "tests/browser/test_accessibility.py": 517,
    "tests/browser/test_directory.py": 316,
    "tests/browser/test_weight.py": 184,
    "tests/test_preview.py": 112,
    "tests/browser/test_firefox.py": 81,
    "tests/browser/test_site.py": 99,
    "tests/browser/test_search.py": 66,
    "tests/test_pdf.py": 59,
    "tests/test_bench.py": 51,
    "tests/test_directory_pages.py": 40,
    "tests/test_build.py": 35,
    "tests/browser/test_offline.py": 35,
    "tests/browser/test_webkit.py": 40,
    "tests/test_corpus.py": 32,
    "tests/browser/test_xss.py": 32,
    "tests/test_properties.py": 32,
    "tests/browser/test_policy.py": 32,
    "tests/browser/test_persian_first.py": 24,
    "tests/test_build_memory.py": 20,
    "tests/test_html_validity.py": 20,
    "tests/test_engines.py": 17,
    "tests/test_open_data_checks.py": 17,
    "tests/test_dates.py": 16,
    "tests/browser/test_not_found.py": 15,
    "tests/test_pagination.py": 15,
    "tests/test_messages.py": 13,
    "tests/browser/test_invitation.py": 12,
    "tests/test_publish.py": 11,
    "tests/browser/test_harness.py": 10,
    "tests/test_pdf_text.py": 10,
    "tests/test_fold.py": 8,
}


def _module(item: pytest.Item) -> str:
    return item.nodeid.split("::", 1)[0]


def balanced_order(
    items: list[pytest.Item], workers: int, known: dict[str, float]
) -> list[pytest.Item]:
    """``items`` as ``workers`` consecutive shares of the counts worksteal sends out,
    each share's time as even as whole modules allow, its longest modules first."""
    modules: dict[str, list[pytest.Item]] = defaultdict(list)
    for item in items:
        modules[_module(item)].append(item)

    def seconds(name: str) -> float:
        timed = [known[item.nodeid] for item in modules[name] if item.nodeid in known]
        if len(timed) * 2 >= len(modules[name]):
            return sum(timed) + DEFAULT_SECONDS * (len(modules[name]) - len(timed))
        return MODULE_SECONDS.get(name, DEFAULT_SECONDS * len(modules[name]))

    # The counts worksteal sends first (xdist.scheduler.worksteal.check_schedule).
    room: list[int] = []
    left = len(items)
    for share in range(workers):
        room.append(left // (workers - share))
        left -= room[-1]
    shares: list[list[tuple[float, list[pytest.Item]]]] = [[] for _ in range(workers)]
    busy = [0.0] * workers
    for name in sorted(modules, key=lambda name: (-seconds(name), name)):
        module, time_left = modules[name], seconds(name)
        while module:
            fits = [s for s in range(workers) if room[s] >= len(module)]
            # A module larger than every share's room is split, the most room first.
            share = (
                min(fits, key=busy.__getitem__)
                if fits
                else max(range(workers), key=room.__getitem__)
            )
            part, module = module[: room[share]], module[room[share] :]
            part_time = time_left * len(part) / (len(part) + len(module))
            shares[share].append((part_time, part))
            busy[share] += part_time
            room[share] -= len(part)
            time_left -= part_time
    return [
        item
        for share in shares
        for _, part in sorted(share, key=lambda timed: -timed[0])
        for item in part
    ]


class Durations:
    """Kept by the controller (or by a run without xdist): each test's time, for the
    order of the next run. The controller reads the last times once and sends them to
    the workers, which must all order the tests alike (another run in the same folder
    may write the cache meanwhile)."""

    def __init__(self, config: pytest.Config) -> None:
        # No cache with `-p no:cacheprovider`.
        self.cache: pytest.Cache | None = getattr(config, "cache", None)
        self.last: dict[str, float] = self.cache.get(DURATIONS_KEY, {}) if self.cache else {}
        self.seconds: dict[str, float] = defaultdict(float)

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:
        node.workerinput[DURATIONS_KEY] = self.last

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.seconds[report.nodeid] += report.duration

    def pytest_sessionfinish(self) -> None:
        if self.cache is not None and self.seconds:
            known = self.cache.get(DURATIONS_KEY, {})
            self.cache.set(DURATIONS_KEY, {**known, **self.seconds})


def pytest_configure(config: pytest.Config) -> None:
    if not hasattr(config, "workerinput"):
        config.pluginmanager.register(Durations(config), "shora-durations")


@pytest.fixture
def fixed_today(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    """Make the ``shora`` command validate as if on ``TODAY``."""
    monkeypatch.setattr(shora.cli, "today", lambda: TODAY)
    return TODAY
