"""Sites built once per test session and shared by the modules that read them, also
across xdist workers: they share the parent of their temporary folders, and a lock
makes one of them build each site.

real_site(factory)  the real data (resolutions/, councils/)
demo_site(factory)  the demo data (examples/demo/), DEMO_PER_PAGE councils a page of a
                    country listing, as tests/browser/test_directory.py builds it (the
                    same folder: one build serves both)
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

import pytest

import shora.site.directory as directory_module
from shora.build import build_site

REPO = Path(__file__).resolve().parents[1]
DEMO = REPO / "examples" / "demo"
DEMO_PER_PAGE = 3


def _built(
    factory: pytest.TempPathFactory,
    name: str,
    data_root: Path | None = None,
    per_page: int | None = None,
) -> Path:
    base = factory.getbasetemp()
    # Under xdist each worker's folder is inside the session's; without it, base is it.
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    site = shared / name
    with open(shared / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (site / "councils" / "index.html").is_file():
            with pytest.MonkeyPatch.context() as patch:
                if per_page is not None:
                    patch.setattr(directory_module, "COUNCILS_PER_PAGE", per_page)
                assert build_site(REPO, Path("mkdocs.yml"), site, data_root=data_root) == 0
    return site


def real_site(factory: pytest.TempPathFactory) -> Path:
    return _built(factory, "shora-real-site")


def demo_site(factory: pytest.TempPathFactory) -> Path:
    return _built(factory, f"shora-demo-site-{DEMO_PER_PAGE}", DEMO, DEMO_PER_PAGE)
