"""Pytest fixtures for the browser tests (helpers in harness.py).

served_site  base URL of the built site (`SHORA_SITE_DIR`, default `<repo>/site`)
             served under the sub-path prefix `/mirror/shora/`, as on a mirror
site_dir     the built site's folder (`SHORA_SITE_DIR`, default `<repo>/site`)
offline_copy that site as `make offline` zips it, unzipped (the copy's root folder),
             once per session for every module and worker
demo_dir     the demo data's site (examples/demo/, builds.DEMO_PER_PAGE councils a
             listing page), built once per session for every module and worker
demo_site    its base URL, served under `/mirror/shora/`
browser      headless Debian Chromium, one per session (per xdist worker)
page         a fresh context + page confined to 127.0.0.1 (`page.shora`: see Guard);
             the test fails if anything tried to reach another host
phone_page   the same with a phone-size viewport (390x844, scale 2, mobile, touch)
screenshot   `screenshot(page, name="")` saves tests/artifacts/screenshots/<test>-<name>.png
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from .builds import demo_site_dir, offline_copy_of
from .harness import (
    PHONE,
    PREFIX,
    REPO,
    guarded_page,
    launch_chromium,
    save_screenshot,
    served,
    site_dir_or_fail,
)


@pytest.fixture(scope="session")
def served_site() -> Iterator[str]:
    site = site_dir_or_fail(os.environ.get("SHORA_SITE_DIR", REPO / "site"))
    with served(site, PREFIX) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def site_dir() -> Path:
    return site_dir_or_fail(os.environ.get("SHORA_SITE_DIR", REPO / "site"))


@pytest.fixture(scope="session")
def offline_copy(site_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return offline_copy_of(tmp_path_factory, site_dir)


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return demo_site_dir(tmp_path_factory)


@pytest.fixture(scope="session")
def demo_site(demo_dir: Path) -> Iterator[str]:
    with served(demo_dir, PREFIX) as base_url:
        yield base_url


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright.chromium)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    with guarded_page(browser) as p:
        yield p


@pytest.fixture
def phone_page(browser: Browser) -> Iterator[Page]:
    with guarded_page(browser, **PHONE) as p:
        yield p


@pytest.fixture
def screenshot(request: pytest.FixtureRequest) -> Callable[..., Path]:
    """`screenshot(page, name="")` saves `<test name>[-<name>].png` and returns its path."""

    def take(page: Page, name: str = "", *, full_page: bool = True) -> Path:
        stem = request.node.name + (f"-{name}" if name else "")
        return save_screenshot(page, stem, full_page=full_page)

    return take
