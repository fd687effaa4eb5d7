"""Sites built once per test session and shared by the modules that read them, also
across xdist workers and with the browser tests (tests/browser/builds.py, whose lock
makes one worker build each site while the others wait).

real_site(factory)  the real data (resolutions/, councils/), as the project publishes it
                    (no address: SHORA_SITE_URL unset)
demo_site(factory)  the demo data (examples/demo/), builds.DEMO_PER_PAGE councils a page
                    of a country listing: the browser tests' demo_dir, one build for both
publish_project(factory)
                    the project of tests/publish_project.py (real data with councils, a
                    federation and decisions), built into its site/: the browser tests'
                    publish_project_site is its site/
"""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.build import build_site

from .browser.builds import DEMO, built_once, demo_site_dir, publish_project

REPO = Path(__file__).resolve().parents[1]
__all__ = ["DEMO", "REPO", "demo_site", "publish_project", "real_site"]


def real_site(factory: pytest.TempPathFactory) -> Path:
    def build(folder: Path) -> None:
        with pytest.MonkeyPatch.context() as patch:
            patch.delenv("SHORA_SITE_URL", raising=False)
            assert build_site(REPO, Path("mkdocs.yml"), folder / "site") == 0

    return built_once(factory, "shora-real", build) / "site"


def demo_site(factory: pytest.TempPathFactory) -> Path:
    return demo_site_dir(factory)
