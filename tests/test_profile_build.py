"""`scripts/profile-build`: each sample of py-spy's given to the code that owns it, and
the whole build run under py-spy with its table printed."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from shora.tools.synthetic import SIZES, scaled, write_dataset

from .scripts_loader import load_script
from .site_project import REPO, make_project

SITE_PACKAGES = "/venv/lib/python3.11/site-packages"
THEME = "/project/theme/"
SHORA = str(REPO / "shora")
BUILD = ("render_language", f"{SHORA}/build.py")
MKDOCS = ("build", f"{SITE_PACKAGES}/mkdocs/commands/build.py")
JINJA = ("Context.call", f"{SITE_PACKAGES}/jinja2/runtime.py")
PYTHON = ("ChainMap.__iter__", "/usr/lib/python3.11/collections/__init__.py")


def _profile_module():
    return load_script("profile-build")


def _line(*frames: tuple[str, str], count: int = 1) -> str:
    process = 'process 7:"python -m shora.cli build"'
    return ";".join([process, *(f"{name} ({path}:1)" for name, path in frames)]) + f" {count}"


def _owners(*lines: str) -> dict[str, int]:
    owners, _, _ = _profile_module().attribute(lines, THEME)
    return dict(owners)


def test_a_sample_belongs_to_the_innermost_code_that_is_not_jinja_or_python() -> None:
    profile = _profile_module()
    shora, build, mkdocs, jinja, python = SHORA, BUILD, MKDOCS, JINJA, PYTHON
    base = ("root", f"{SITE_PACKAGES}/material/templates/base.html")
    ours = ("root", f"{shora}/site/templates/decision.html")
    pages = ("SiteRenderer.render", f"{shora}/site/pages.py")
    assert _owners(_line(build, mkdocs, base, jinja, python, count=3)) == {
        "Material for MkDocs: its templates": 3
    }
    assert _owners(_line(build, mkdocs, base, pages, ours, jinja)) == {"Shora: its templates": 1}
    assert _owners(_line(build, mkdocs, base, pages, jinja)) == {"Shora: shora.site": 1}
    assert _owners(_line(build, mkdocs, ("root", f"{THEME}main.html"), jinja)) == {
        "Shora: its theme's templates": 1
    }
    assert _owners(_line(build, mkdocs, python)) == {"MkDocs": 1}
    assert _owners(_line(("run", f"{shora}/cli.py"))) == {"Shora: shora.cli": 1}
    assert _owners(_line(python), _line(jinja)) == {profile.OTHER: 2}


def test_writing_a_page_and_laying_out_a_pdf_count_wherever_they_run() -> None:
    profile = _profile_module()
    shora = SHORA
    write = ("write_file", f"{SITE_PACKAGES}/mkdocs/utils/__init__.py")
    makedirs = ("makedirs", "<frozen os>")
    download = ("download", f"{shora}/publish/pdf.py")
    layout = ("layout_document", f"{SITE_PACKAGES}/weasyprint/layout/__init__.py")
    assert _owners(_line(write, makedirs)) == {profile.FILE_SYSTEM: 1}
    assert _owners(_line(download, layout, ("split_first_line", f"{shora}/x.py"))) == {
        profile.WEASYPRINT: 1
    }
    _, running, publishing = profile.attribute([_line(write, makedirs, count=2)], THEME)
    assert running == {"makedirs (<frozen os>)": 2}
    assert publishing == {}


def test_a_publish_step_counts_all_that_runs_under_it() -> None:
    profile = _profile_module()
    shora = SHORA
    steps = ("run_steps", f"{shora}/publish/__init__.py")
    feeds = ("write", f"{shora}/publish/atom.py")
    common = ("write_text", f"{shora}/publish/common.py")
    fonts = ("write", f"{shora}/publish/fonts.py")
    cut = ("subset", f"{SITE_PACKAGES}/fontTools/subset/__init__.py")
    search = ("prepare_index", f"{shora}/publish/search.py")
    disk = ("write_disk_index", f"{shora}/publish/disk_search.py")
    lines = [
        _line(steps, feeds, common, count=2),
        _line(steps, fonts, cut, count=3),
        _line(search, disk),
        _line(steps),
    ]
    owners, _, publishing = profile.attribute(lines, THEME)
    assert publishing == {"shora.publish.atom": 2, "shora.publish.fonts": 3,
                          "shora.publish.disk_search": 1, "shora.publish.__init__": 1}  # fmt: skip
    assert owners == {"Shora: shora.publish": 4, "fontTools: the web fonts cut": 3}


@pytest.mark.slow  # a whole build, sampled
def test_the_whole_build_under_py_spy_prints_its_owners_and_stages(tmp_path: Path) -> None:
    (tmp_path / "project").mkdir()
    project = make_project(tmp_path / "project", with_real_data=False)
    write_dataset(project, scaled(SIZES["S"], 0.03125))
    raw = tmp_path / "samples.txt"
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "profile-build"), str(project), "--raw", str(raw)],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    if result.returncode != 0 and "Permission denied" in result.stderr:
        pytest.skip(f"py-spy may not read the build's processes here: {result.stderr[-300:]}")
    assert result.returncode == 0, result.stderr[-3000:]
    rows = re.findall(r"^\| (.+?) \| ([\d.]+) \| (\d+)% \|$", result.stdout, re.M)
    owners = {name for name, _, _ in rows}
    assert "Material for MkDocs: its templates" in owners
    assert any(name.startswith("Shora: ") for name in owners)
    assert 97 <= sum(int(share) for _, _, share in rows) <= 103  # (rounded)
    for stage in ("validate", "render-fa", "render-en", "links", "search", "swap"):
        assert re.search(rf"^ +{stage} +[\d.]+ +[\d.]+$", result.stdout, re.M), stage
    # Every process of the build was sampled: the two languages' render among them.
    processes = {re.findall(r"process (\d+):", line)[-1] for line in raw.read_text().splitlines()}
    assert len(processes) >= 3, processes
