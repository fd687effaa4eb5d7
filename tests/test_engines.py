"""The engines that render the pages: MkDocs 1.6 and ProperDocs 1.6 (its maintained
fork) build the same site, and a plain ``mkdocs build`` gives what ``shora build``
gives, and Material's partials memoized or not give the same site. The site of ``shora
build`` is the session's (tests/built_sites.py)."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from shora.build import build_site
from shora.engine import theme_memo
from shora.site import routes

from .browser.builds import DEMO_PER_PAGE
from .built_sites import DEMO, REPO, demo_site, real_site

# Material names the engine and its version in every page.
GENERATOR_RE = re.compile(rb'<meta name="generator" content="[^"]*">')


def _files(root: Path) -> dict[str, bytes]:
    return {
        path.relative_to(root).as_posix(): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


def _differences(one: dict[str, bytes], other: dict[str, bytes]) -> list[str]:
    missing = sorted(set(one) ^ set(other))
    changed = [
        name
        for name in sorted(set(one) & set(other))
        if GENERATOR_RE.sub(b"", one[name]) != GENERATOR_RE.sub(b"", other[name])
    ]
    return [f"only in one: {name}" for name in missing] + [f"differs: {name}" for name in changed]


def _environment() -> dict[str, str]:
    environment = {key: value for key, value in os.environ.items() if key != "SHORA_SITE_URL"}
    return {**environment, "PYTHONPATH": str(REPO)}


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return real_site(tmp_path_factory)


def test_properdocs_builds_the_same_site(site: Path, tmp_path: Path) -> None:
    """`shora build --engine properdocs` (a process of its own: ProperDocs takes over
    every `mkdocs` import) writes the same files, the generator tag aside."""
    result = subprocess.run(
        [sys.executable, "-m", "shora.cli", "--root", str(REPO), "build", "-q",
         "--engine", "properdocs", "--site-dir", str(tmp_path / "site")],
        capture_output=True, text=True, env=_environment(), timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""  # -q: nothing but errors
    built = _files(tmp_path / "site")
    assert _differences(_files(site), built) == []
    # The tag does name the engine: the comparison above did compare two engines' sites.
    home = built["index.html"]
    assert b"properdocs" in GENERATOR_RE.search(home).group(0).lower()  # type: ignore[union-attr]
    assert b"properdocs" not in _files(site)["index.html"].lower()


def test_a_plain_mkdocs_build_gives_the_whole_site(site: Path, tmp_path: Path) -> None:
    """Without `shora build`, MkDocs builds both languages, the outputs and the search
    index as `shora build` does (only the link check is `shora build`'s)."""
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(tmp_path / "site")],
        cwd=REPO, capture_output=True, text=True, env=_environment(), timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert _differences(_files(site), _files(tmp_path / "site")) == []


def test_one_engine_a_process() -> None:
    """Once MkDocs is imported, ProperDocs cannot take over: a clear refusal, not a site
    built by a mix of both."""
    code = (
        "import mkdocs.config\n"
        "from shora.engine.engines import EngineConflict, select\n"
        "assert select('mkdocs').name == 'mkdocs'\n"
        "try:\n"
        "    select('properdocs')\n"
        "except EngineConflict as error:\n"
        "    print(error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_environment(),
        timeout=120, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert (
        result.stdout.strip() == "mkdocs is loaded already: properdocs needs a process of its own"
    )


@pytest.mark.slow
@pytest.mark.parametrize("data", ["real", "demo"])
def test_the_theme_memo_changes_no_file(
    data: str,
    tmp_path: Path,
    tmp_path_factory: pytest.TempPathFactory,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The session's sites, built with Material's partials memoized
    (shora/engine/theme_memo.py; tests/test_theme_memo.py: they are, with the installed
    Material), and the same data built with nothing memoized (the workers that render
    are forked from this process, with what it patched), are the same files."""
    # (The session's site first: built here when no other test has yet, memoized.)
    site = demo_site(tmp_path_factory) if data == "demo" else real_site(tmp_path_factory)
    monkeypatch.delenv("SHORA_SITE_URL", raising=False)
    monkeypatch.setattr(theme_memo, "_material_templates", lambda: None)
    if data == "demo":
        monkeypatch.setattr(routes, "COUNCILS_PER_PAGE", DEMO_PER_PAGE)
    data_root = DEMO if data == "demo" else None
    assert build_site(REPO, Path("mkdocs.yml"), tmp_path / "site", data_root=data_root) == 0
    assert _differences(_files(site), _files(tmp_path / "site")) == []
