"""The synthetic datasets of the benchmark: valid, deterministic, spread over the world."""

from __future__ import annotations

import datetime as dt
import hashlib
import subprocess
import sys
from pathlib import Path

from shora.models.geography import continent_of
from shora.tools.synthetic import PLACES, SIZES, Size, scaled, write_dataset
from shora.validate import validate_project

from .site_project import REPO

SMALL = Size(councils=90, resolutions=6, decisions=300)


def _digest(root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.yml")):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def test_sizes_are_proportional() -> None:
    assert SIZES["L"] == Size(2000, 500, 10000)
    assert scaled(SIZES["L"], 1 / 4) == SIZES["M"]
    assert SIZES["S"].councils * 16 == SIZES["L"].councils
    assert SIZES["S"].decisions * 16 == SIZES["L"].decisions


def test_generated_data_is_valid(tmp_path: Path) -> None:
    count = write_dataset(tmp_path, SMALL, seed=3)
    report = validate_project(tmp_path, today=dt.date(2026, 11, 22))
    assert [d.format() for d in report.errors] == []
    assert [d.format() for d in report.warnings] == []
    dataset = report.dataset
    assert count == len(dataset.documents)
    assert len(dataset.councils) == 90 and len(dataset.resolutions) == 6
    assert len(dataset.decisions) == 300
    assert all(entry.model.sample for entry in dataset.councils.values())
    assert all(entry.model.sample for entry in dataset.decisions.values())
    assert all(entry.model.sample for entry in dataset.federations.values())
    continents = {continent_of(e.model.country) for e in dataset.councils.values()}
    assert continents == {
        "africa", "asia", "europe", "north-america", "oceania", "south-america",
    }  # fmt: skip
    levels = {e.model.level for e in dataset.federations.values()}
    assert levels == {"country", "continent"}
    kinds = {e.model.kind for e in dataset.decisions.values()}
    assert kinds == {"policy", "election", "recall"}
    for entry in dataset.decisions.values():
        vote = entry.model.vote
        assert (vote.yes * 2 > vote.participants) == (entry.model.outcome == "adopted")
    longest = max(len(d.text) for p, d in dataset.documents.items() if p.startswith("resol"))
    assert longest > 10_000  # long Persian and English texts


def test_same_seed_same_files(tmp_path: Path) -> None:
    size = Size(councils=20, resolutions=3, decisions=40)
    write_dataset(tmp_path / "a", size, seed=7)
    write_dataset(tmp_path / "b", size, seed=7)
    write_dataset(tmp_path / "c", size, seed=8)
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b") != _digest(tmp_path / "c")


def test_places_are_inside_plausible_ranges() -> None:
    assert len({place.country for place in PLACES}) == len(PLACES) >= 40
    for place in PLACES:
        assert -60 < place.lat < 75 and -180 < place.lon < 180
        assert continent_of(place.country) not in (None, "antarctica")


def test_script(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(REPO / "scripts/generate-dataset"), str(tmp_path / "out"),
         "--size", "S", "--scale", "0.1", "--seed", "2"],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("wrote 92 files: 12 councils, 3 resolutions, 62 decisions")
