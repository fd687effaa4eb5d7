"""`make bench` runs and prints its table: the smallest size at 1/32 (one resolution,
four councils: the table's cells, not the speed, are checked here), without the plain
site, the preview or Lighthouse (the full run takes minutes; its figures are in the
README). The bench's weight and Lighthouse parts are checked on a small table of its own."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest

from .scripts_loader import load_script
from .site_project import REPO


@pytest.mark.slow  # several processes, one of them a whole MkDocs build with the cache off
def test_the_benchmark_prints_its_table() -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts" / "bench"), "--sizes", "S", "--scale", "0.03125",
         "--no-plain", "--no-serve", "--full-sizes", "", "--no-lighthouse",
         "--rest-patience", "0"],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-3000:]
    lines = result.stdout.splitlines()
    assert lines[0].startswith("| size | files | pages | validate: cold / warm |")
    cells = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert cells[:3] == ["S", "32", "90"]  # size S at 1/32
    assert re.fullmatch(r"\d+\.\d s / \d+\.\d s", cells[3])
    assert re.fullmatch(r"\d+\.\d s \(\d+\.\d s\)", cells[4])
    # The largest page, a cold visit and a first search: measured, never "n/a".
    assert all(re.fullmatch(r"[\d,.]+ KiB", cell) for cell in cells[7:10]), cells
    assert cells[10:] == ["-", "-"]  # no plain site asked for
    report = result.stdout
    assert re.search(r"S: search index alone .*: [\d.]+ s .*\d+ pages indexed", report)
    assert re.search(r"S: cold visit to resolutions/[\w-]+/: .* = [\d,]+ bytes\n", report)
    assert "EXTERNAL" not in report
    # The machine's speed, at the start and the end of the run.
    speed = (
        r"30 million additions in Python in \d+\.\d\d s of CPU, a page's folder and file "
        r"made in the work folder in \d+\.\d\d ms(, in memory \(/dev/shm\) \d+\.\d\d ms)?"
    )
    assert re.search(rf"; at the start {speed}; at the end {speed}; Python 3", report), report
    # The file system's speed before the timed build (no wait asked for).
    assert re.search(
        r"^S: the MkDocs phase: before it, a page's folder and file made in \d+\.\d\d ms, "
        r"after 0 s of rest$", report, re.M,
    ), report  # fmt: skip


def _bench_module():
    return load_script("bench")


def test_cold_visit_counts_the_fonts_of_each_family_the_text_is_set_in(tmp_path) -> None:
    """The Latin letters of the language switch load the language family's font only;
    a face whose characters the page does not show, or of a family not used, is not
    counted; local() faces have no file."""
    bench = _bench_module()
    faces = [
        ("Vazirmatn", 'url("arabic.woff2")', "U+600-6FF"),
        ("Vazirmatn", 'url("common.woff2")', "U+20-40"),
        ("Vazirmatn", 'url("latin.woff2")', "U+41-7A"),
        ("Vazirmatn Language", 'url("language.woff2")', "U+41-7A"),
        ("Vazirmatn Fallback", 'local("Arial")', "U+0-7F"),
    ]
    (tmp_path / "f.css").write_text(
        "".join(
            f'@font-face {{ font-family: "{family}"; src: {src}; unicode-range: {covered}; }}\n'
            for family, src, covered in faces
        ),
        encoding="utf-8",
    )
    for name, size in (("arabic", 1000), ("common", 200), ("latin", 500), ("language", 30)):
        (tmp_path / f"{name}.woff2").write_bytes(bytes(range(256)) * (size // 256 + 1))
    page = tmp_path / "index.html"
    page.write_text(
        '<html><head><link rel="stylesheet" href="f.css"></head><body>'
        '<p>سلام دنیا</p><a class="shora-language__link" lang="en">English</a></body></html>',
        encoding="utf-8",
    )
    weight = bench.cold_visit(tmp_path, page)
    expected = sum(
        bench.gz((tmp_path / f"{name}.woff2").read_bytes())
        for name in ("arabic", "common", "language")
    )
    assert weight.fonts == expected
    assert weight.external == []


def test_the_audit_fails_over_the_weight_budget_and_under_the_score() -> None:
    bench = _bench_module()
    light, heavy = bench.Weight(html=50_000), bench.Weight(html=bench.WEIGHT_BUDGET + 1)
    audits = [
        bench.Audit(
            "resolution (the largest)", "fa", light, 99.0, {"cumulative-layout-shift": 0}, "", 1500
        ),
        bench.Audit("resolution (the largest)", "en", heavy, 97.0),
        bench.Audit("home", "fa", heavy, 94.0),
        bench.Audit("search", "en", light, None, error="Chrome did not start"),
    ]
    failures = bench.audit_failures(audits, 95)
    budget = bench.WEIGHT_BUDGET
    assert failures == [
        f"resolution (the largest) (en): cold visit {heavy.total:,} bytes > {budget:,}",
        "home (fa): Lighthouse 94.0 < 95",
        "search (en): Lighthouse None < 95",
    ]
    table = bench.audit_table(audits).splitlines()
    assert table[2].startswith("| resolution (the largest) | fa | 50,000 | 99 |")
    assert table[2].endswith("| 0.000 | 1,500 |")
    assert "failed: Chrome did not start" in table[5]


def test_the_whole_build_table_has_the_stages_as_sub_rows_and_the_targets(tmp_path) -> None:
    bench = _bench_module()
    timings = tmp_path / "timings.json"
    timings.write_text(json.dumps({
        "stages": [
            {"name": "validate", "count": 834, "seconds": 1.2, "cpu_seconds": 1.1},
            {"name": "render-fa", "count": 930, "seconds": 20.0, "cpu_seconds": 19.5},
        ],
        "total_seconds": 30.0,
    }), encoding="utf-8")  # fmt: skip
    (tmp_path / "broken.json").write_text('{"stages": [{"name": "x"}]}', encoding="utf-8")
    assert bench.read_timings(tmp_path / "broken.json") is None
    assert bench.read_timings(tmp_path / "missing.json") is None

    def run(seconds, cpu, returncode=0):
        return bench.Run(seconds, cpu, 500, returncode, "", 900)

    row = bench.Row("L", pages=26_624, build=run(150, 150), plain=run(160, 160))
    row.validate, row.validate_warm = run(3.5, 3.4), run(0.8, 0.7)
    row.whole_cold = bench.Whole(run(120, 200), bench.read_timings(timings))
    row.whole_warm = bench.Whole(run(60, 90, returncode=1))
    row.whole_cold_pdfs_made = bench.Whole(run(80, 120))
    row.whole_one_changed = bench.Whole(run(64, 96))
    lines = bench.whole_table([row, bench.Row("S")]).splitlines()
    assert len(lines) == 2 + 1 + 3  # header, rule, L, its two stages and its total; no S
    cells = [cell.strip() for cell in lines[2].strip("|").split("|")]
    assert cells == [
        "L", "26,624", "120.0 s (200.0 s)", "500 / 900 MB", "failed", "160.0 s (160.0 s)",
        "500 / 900 MB", "0.75 (1.25)", "-", "150.0 s (150.0 s)", "0.94 (0.94)",
        "80.0 s (120.0 s)", "0.50 (0.75)", "64.0 s (96.0 s)", "0.40 (0.60)",
    ]  # fmt: skip
    assert lines[3].startswith("| L › validate | 834 | 1.2 s (1.1 s) |  |  |")
    assert lines[5].startswith("| L › total, by the build's own clock |  | 30.0 s |")
    assert bench.targets([row], 1) == [
        "L: whole build, cold, 0.75 times plain Material's wall time (target <= 1.0; "
        "stretch 0.6): met",
        "L: the same with the PDFs already made, 0.50 times (the PDFs: 40.0 s of the cold "
        "build's 120.0 s)",
        "L: validate cold 3.5 s (target < 3 s): MISSED; warm 0.8 s (target < 1 s): met",
        "L: peak memory of the whole build, all processes at once, 900 MB (target < 1,024 MB): met",
    ]


def test_the_audit_keeps_the_median_run_and_shows_the_range() -> None:
    bench = _bench_module()
    light = bench.Weight(html=50_000)

    def run(score: float | None, paint: float) -> object:
        return bench.Audit(
            "home", "fa", light, score, {"largest-contentful-paint": paint}, "" if score else "x"
        )

    median = bench.median_run([run(100, 900), run(91, 2500), run(98, 1200)])
    assert (median.score, median.metrics["largest-contentful-paint"]) == (98, 1200)
    assert median.scores == [91, 98, 100]
    assert "| 98 (91-100 in 3) |" in bench.audit_table([median])
    # Equal scores: the slower paint is the median's; a failed run counts lowest.
    median = bench.median_run([run(99, 900), run(99, 1500), run(None, 0), run(100, 800)])
    assert (median.score, median.metrics["largest-contentful-paint"]) == (99, 1500)
    assert median.scores == [99, 99, 100]
    # One run, or runs that agree: the score alone.
    assert "| 100 |" in bench.audit_table([bench.median_run([run(100, 1), run(100, 2)])])


def test_one_council_renamed_changes_its_english_name_for_the_build_and_puts_it_back(
    tmp_path, monkeypatch
) -> None:
    bench = _bench_module()
    councils = tmp_path / "councils"
    councils.mkdir()
    text = "sample: true\nname:\n  fa: شورای الف\n  en: Council A\ncity:\n  en: A\n"
    (councils / "a.yml").write_text(text, encoding="utf-8")
    seen = []

    def build(project, cache, timings, label):
        seen.append((councils / "a.yml").read_text(encoding="utf-8"))
        return "built"

    monkeypatch.setattr(bench, "whole_build", build)
    assert bench.one_council_renamed(tmp_path, tmp_path / "cache") == "built"
    assert seen == [text.replace("en: Council A", "en: Council A (renamed)")]
    assert (councils / "a.yml").read_text(encoding="utf-8") == text


def test_a_timed_build_waits_for_the_file_system_to_rest(tmp_path, monkeypatch) -> None:
    """Slow page making (after many files were removed) is waited out before a timed
    build, up to the patience given; the details say the wait and the speed found."""
    bench = _bench_module()
    speeds = iter([1.5, 0.9, 0.1])
    slept = []
    monkeypatch.setattr(bench, "page_making_speed", lambda folder, count: next(speeds))
    monkeypatch.setattr(bench.time, "sleep", slept.append)
    monkeypatch.setattr(bench, "FILE_SYSTEM", bench.FileSystemRest(tmp_path, patience=600))
    bench.rest("L: plain Material")
    assert len(slept) == 2
    assert bench.FILE_SYSTEM.log == [
        "L: plain Material: before it, a page's folder and file made in 0.10 ms, after 0 s of rest"
    ]
    # Out of patience: measured once, not waited for.
    speeds = iter([1.5])
    monkeypatch.setattr(bench, "FILE_SYSTEM", bench.FileSystemRest(tmp_path, patience=0))
    bench.rest("L: plain Material")
    assert len(slept) == 2
    assert bench.FILE_SYSTEM.log[0].endswith("made in 1.50 ms, after 0 s of rest")
