"""Sites the browser tests build, each built once per test session.

Under xdist every worker would otherwise build its own copy of a module's site (a
module's tests are spread over the workers): each build here takes a lock in the
session's shared temporary folder, and the first worker to need the site builds it
while the others wait and then use it."""

from __future__ import annotations

import fcntl
import os
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

import shora.site.routes as routes_module
from shora.build import build_site
from shora.publish.offline import FOLDER, make_offline

from ..publish_project import make_publish_project
from .harness import REPO

DEMO = REPO / "examples" / "demo"
# A country listing's page holds this many councils in the demo site of the tests
# (100 on the real site), so that the 41 demo councils make countries of several pages.
DEMO_PER_PAGE = 3


def built_once(factory: pytest.TempPathFactory, name: str, build: Callable[[Path], None]) -> Path:
    """The folder ``name``, made by ``build(folder)`` the first time any worker asks."""
    base = factory.getbasetemp()
    # Under xdist each worker's folder is inside the session's; without it, base is it.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / name
    done = shared / f"{name}.done"
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not done.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            # A build sets SOURCE_DATE_EPOCH from its data when it is unset
            # (shora.publish.common) and the process keeps it: a shared build starts
            # without it, whatever this worker built before, and leaves it as it was.
            with pytest.MonkeyPatch.context() as patch:
                patch.delenv("SOURCE_DATE_EPOCH", raising=False)
                build(folder)
            done.touch()
    return folder


def demo_site_dir(factory: pytest.TempPathFactory) -> Path:
    """The demo data (examples/demo/) built with DEMO_PER_PAGE councils a page."""

    def build(folder: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(routes_module, "COUNCILS_PER_PAGE", DEMO_PER_PAGE)
            assert build_site(REPO, Path("mkdocs.yml"), folder / "site", data_root=DEMO) == 0

    return built_once(factory, f"shora-demo-{DEMO_PER_PAGE}", build) / "site"


def offline_copy_of(factory: pytest.TempPathFactory, site: Path) -> Path:
    """``site`` as `make offline` zips it, unzipped: the copy's root folder."""

    def unzip(folder: Path) -> None:
        with zipfile.ZipFile(make_offline(site, folder / "dist")) as archive:
            archive.extractall(folder / "unzipped")

    return built_once(factory, "shora-offline-copy", unzip) / "unzipped" / FOLDER


def publish_project(factory: pytest.TempPathFactory) -> Path:
    """The project of tests/publish_project.py (the real site with councils, a
    federation and decisions), built into its site/ folder."""

    def build(folder: Path) -> None:
        make_publish_project(folder)
        assert build_site(folder, Path("mkdocs.yml"), Path("site")) == 0

    return built_once(factory, "shora-publish-project", build)


def publish_project_site(factory: pytest.TempPathFactory) -> Path:
    """The site of publish_project."""
    return publish_project(factory) / "site"
