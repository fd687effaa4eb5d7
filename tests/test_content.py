"""The repository's own data: valid, complete, and citable clause by clause."""

from __future__ import annotations

import pytest

from shora.clauses import anchors
from shora.validate import Report, validate_project

from .validator_support import ROOT


@pytest.fixture(scope="module")
def report() -> Report:
    return validate_project(ROOT)


def test_no_errors_and_no_warnings(report: Report) -> None:
    assert [d.format() for d in report.diagnostics] == []


def test_both_resolutions_load(report: Report) -> None:
    assert {"mass-organizing-abroad", "place-and-importance-of-the-party"} <= set(
        report.dataset.resolutions
    )
    assert not report.dataset.invalid_ids


def test_membership_conditions_are_citable(report: Report) -> None:
    known = anchors(report.dataset.resolutions["mass-organizing-abroad"].model)
    assert {f"point-3-{letter}" for letter in "abcdef"} <= known
    assert "point-3-g" not in known


def test_platform_clauses_resolve(report: Report) -> None:
    platform = report.dataset.platforms["red-councils"].model
    source = report.dataset.resolutions[platform.source]
    known = anchors(source.model)
    clauses = {
        name: getattr(platform, name).clause
        for name in ("unit", "federations", "membership", "decisions", "executive_board")
    }
    assert set(clauses.values()) <= known
