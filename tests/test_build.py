"""`shora build` and the MkDocs plugin: validation first, atomic replacement of site/,
clean errors without tracebacks, what each stage did."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

import shora.build
from shora.build import Reporter, build_site
from shora.core.messages import msg

from .site_project import REPO, make_project

BROKEN = "resolutions/place-and-importance-of-the-party.yml"


def _break(project: Path) -> None:
    path = project / BROKEN
    path.write_text(path.read_text(encoding="utf-8").replace("status: unknown", "status: valid"))


def test_build_writes_both_languages(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    said = io.StringIO()
    timings = tmp_path / "timings.json"
    assert build_site(project, Path("mkdocs.yml"), Path("site"), stream=said, timings=timings) == 0
    site = project / "site"
    # Each stage says what it did when it finishes, with its count (plain lines: no
    # terminal), and the same figures are in the timings' JSON.
    lines = said.getvalue().splitlines()
    pages = len(list(site.glob("**/*.html")))
    persian = len([p for p in site.glob("**/index.html") if "en" not in p.relative_to(site).parts])
    assert lines[0].startswith("validated 6 files in ")
    assert any(line.startswith(f"rendered {persian} Persian pages in ") for line in lines)
    assert any(line.startswith("rendered ") and " English pages in " in line for line in lines)
    assert any(line.startswith(f"checked the links of {pages} pages in ") for line in lines)
    assert lines[-1].startswith("built site in ") and lines[-1].endswith(" s")
    assert "\r" not in said.getvalue()  # no progress bar but on a terminal
    document = json.loads(timings.read_text(encoding="utf-8"))
    stages = {stage["name"]: stage for stage in document["stages"]}
    assert {"validate", "render-fa", "render-en", "publish-data", "publish-pages", "search",
            "links"} <= set(stages)  # fmt: skip
    assert stages["validate"]["count"] == 6 and stages["links"]["count"] == pages
    # The fonts and the stylesheets, one stage of a worker, with the files they wrote.
    cut = [*site.glob("**/assets/fonts/vazirmatn/*.woff2"),
           *site.glob("**/assets/fonts/vazirmatn/fonts.css"),
           *site.glob("**/assets/stylesheets/*.min.css")]  # fmt: skip
    assert stages["publish-pages"]["count"] == len(cut) > 0
    assert any(line.startswith(f"wrote the fonts and stylesheets ({len(cut)} files) in ")
               for line in lines)  # fmt: skip
    for stage in document["stages"]:
        assert set(stage) == {"name", "count", "seconds", "cpu_seconds"}
        assert 0 <= stage["seconds"] <= document["total_seconds"]
    for language_root in (site, site / "en"):
        assert (language_root / "index.html").is_file()
        for resolution in ("mass-organizing-abroad", "place-and-importance-of-the-party"):
            assert (language_root / "resolutions" / resolution / "index.html").is_file()
            assert (
                language_root / "resolutions" / resolution / "parallel" / "index.html"
            ).is_file()
    persian = (site / "index.html").read_text(encoding="utf-8")
    english = (site / "en" / "index.html").read_text(encoding="utf-8")
    assert '<html lang="fa"' in persian and 'dir="rtl"' in persian
    assert '<html lang="en"' in english and 'dir="ltr"' in english


def test_failed_build_keeps_the_last_good_site(tmp_path: Path, capsys) -> None:
    project = make_project(tmp_path)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    assert capsys.readouterr().err == ""  # quiet: nothing but errors
    marker = project / "site" / "index.html"
    before = marker.read_bytes()
    _break(project)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 1
    assert marker.read_bytes() == before
    err = capsys.readouterr().err
    assert f"{BROKEN}:20:9: error: status: 'valid' is not allowed here" in err
    assert "site was not changed" in err
    # No half-built folder is left beside it.
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_broken_link_fails_the_build_and_keeps_the_last_good_site(tmp_path: Path, capsys) -> None:
    # The links are checked in a worker process: what it finds must come back whole.
    project = make_project(tmp_path, with_real_data=False)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    marker = project / "site" / "about" / "index.html"
    before = marker.read_bytes()
    page = project / "content" / "fa" / "about.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[نشانی](../no-such-page/)\n", encoding="utf-8"
    )
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 1
    assert marker.read_bytes() == before
    err = capsys.readouterr().err
    assert "about/index.html: ../no-such-page/: no such file" in err
    assert "shora: 1 broken internal link; site was not changed" in err
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_the_old_site_is_removed_after_the_build_by_a_process_of_its_own(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build ends once the new site is in place; the old one's files are removed
    by a process it does not wait for (here held back until the build has returned),
    with the leftovers of a removal that was stopped and the name the swap used before."""
    project = make_project(tmp_path, with_real_data=False)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    old = (project / "site" / "index.html").stat().st_ino
    stopped = project / ".site.old-stopped" / "site" / "about"
    stopped.mkdir(parents=True)
    (stopped / "index.html").write_text("a removal stopped half-way", encoding="utf-8")
    (project / ".site.old" / "site").mkdir(parents=True)
    gate = tmp_path / "gate"
    held = (  # (up to a minute: a build that waited for it would return after it, to fail)
        f"import os, time\nfor _ in range(6000):\n    if os.path.exists({str(gate)!r}): break\n"
        "    time.sleep(0.01)\nelse:\n    raise SystemExit(3)\n"
    )
    monkeypatch.setattr(shora.build, "_REMOVE", held + shora.build._REMOVE)
    started: list[subprocess.Popen[bytes] | None] = []
    remove_later = shora.build.remove_later
    monkeypatch.setattr(
        shora.build, "remove_later", lambda folders: started.append(remove_later(folders))
    )
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    [process] = started
    assert process is not None and process.poll() is None  # still held
    assert os.getsid(process.pid) == process.pid  # a session of its own
    aside = [p.name for p in project.iterdir() if p.name.startswith(".site")]
    assert sorted(aside)[0] == ".site.old" and ".site.old-stopped" in aside and len(aside) == 3
    assert sorted(shora.build.old_sites(project / "site")) == sorted(project / n for n in aside)
    [moved] = [name for name in aside if name not in (".site.old", ".site.old-stopped")]
    assert (project / moved / "site" / "index.html").stat().st_ino == old  # the old site
    assert (project / "site" / "index.html").stat().st_ino != old
    gate.touch()
    assert process.wait(timeout=60) == 0
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
    assert (project / "site" / "index.html").is_file()


def test_mkdocs_build_reports_invalid_data_without_traceback(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _break(project)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-q"],
        cwd=project,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr + result.stdout
    assert f"{BROKEN}:20:9: error: status:" in result.stderr + result.stdout
    assert not (project / "site" / "index.html").exists()


def test_cli_build_exit_code_and_message(tmp_path: Path) -> None:
    project = make_project(tmp_path)
    _break(project)
    result = subprocess.run(
        [sys.executable, "-m", "shora.cli", "--root", str(project), "build"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "shora: 1 error in the data; site was not changed" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_only() -> None:
    for stream, shown in ((_Terminal(), True), (io.StringIO(), False)):
        reporter = Reporter("en", stream=stream)
        reporter.bar(msg("rendering pages"), 5, 20)
        reporter.say(msg("validated {count} files in {seconds} s", count=3, seconds=0.5))
        text = stream.getvalue()
        assert ("rendering pages [" in text and "5 of 20" in text) is shown
        # The bar is cleared before a line is said, so the line stands alone.
        assert text.endswith("validated 3 files in 0.5 s\n")
    quiet = _Terminal()
    Reporter("en", quiet=True, stream=quiet).bar(msg("rendering pages"), 5, 20)
    assert quiet.getvalue() == ""


def test_stages_are_said_in_the_editors_language() -> None:
    stream = io.StringIO()
    Reporter("fa", stream=stream).say(
        msg("rendered {count} Persian pages in {seconds} s", count=1646, seconds=6.1)
    )
    assert stream.getvalue() == "۱۶۴۶ صفحهٔ فارسی در ۶٫۱ ثانیه ساخته شد\n"


def test_a_configuration_mkdocs_refuses_is_a_failed_build(tmp_path: Path) -> None:
    """An error MkDocs finds in mkdocs.yml: one line and the site untouched, never a
    traceback from the orchestrator or a worker."""
    project = make_project(tmp_path)
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace("name: material", "name: no-such-theme"),
        encoding="utf-8",
    )
    said = io.StringIO()
    assert build_site(project, Path("mkdocs.yml"), Path("site"), stream=said) == 1
    lines = said.getvalue().splitlines()
    assert lines[-2].startswith("shora: the build failed: ")
    assert lines[-1] == "shora: site was not changed"
    assert "Traceback" not in said.getvalue()
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []


def test_a_build_keeps_the_pdfs_it_uses_and_lets_go_of_those_unused_for_a_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each build notes the PDFs and cut fonts it uses, new or kept: the cache holds
    what is in use, not a PDF of every version of every resolution since the first
    build."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = tmp_path / "project"
    project.mkdir()
    make_project(project)
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    store = tmp_path / "cache" / "shora" / "pdf"
    fonts = tmp_path / "cache" / "shora" / "fonts"
    made = sorted([*store.glob("*.pdf"), *fonts.glob("*.woff2")])
    assert len([path for path in made if path.suffix == ".pdf"]) == 4  # 2 resolutions, 2 languages
    assert len(made) > 4
    month = time.time() - 31 * 86400
    stale = store / f"{'0' * 40}.pdf"  # a resolution's earlier text, say
    stale.write_bytes(b"%PDF-")
    for path in [*made, stale]:
        os.utime(path, (month, month))
    assert build_site(project, Path("mkdocs.yml"), Path("site"), quiet=True) == 0
    assert sorted([*store.glob("*.pdf"), *fonts.glob("*.woff2")]) == made
    assert all(path.stat().st_mtime > month + 86400 for path in made)


@pytest.mark.parametrize(
    ("language", "failed", "kept"),
    [
        ("en", "shora: the build failed: pagefind failed: ", "shora: site was not changed"),
        ("fa", "shora: ساختن سایت شکست خورد: Pagefind نمایهٔ جست‌وجو را نساخت: ",
         "shora: \u2068site\u2069 تغییری نکرد"),
    ],
)  # fmt: skip
def test_a_search_index_pagefind_cannot_make_is_a_failed_build_in_the_editors_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, language: str, failed: str, kept: str
) -> None:
    monkeypatch.setenv("SHORA_CACHE", "off")  # (else a kept bundle may stand in for the run)
    project = make_project(tmp_path, with_real_data=False)
    program = tmp_path / "not-pagefind"
    program.write_text("not a program", encoding="utf-8")  # (and not executable)
    monkeypatch.setenv("PAGEFIND_BINARY_PATH", str(program))
    (project / "site").mkdir()
    (project / "site" / "index.html").write_text("the last good site", encoding="utf-8")
    said = io.StringIO()
    code = build_site(
        project, Path("mkdocs.yml"), Path("site"), language=language, stream=said, quiet=True
    )
    assert code == 1
    lines = said.getvalue().splitlines()
    assert lines[-2].startswith(failed) and "Permission denied" in lines[-2]
    assert lines[-1] == kept
    assert "Traceback" not in said.getvalue()
    assert (project / "site" / "index.html").read_text(encoding="utf-8") == "the last good site"
    assert sorted(p.name for p in project.iterdir() if p.name.startswith(".site")) == []
