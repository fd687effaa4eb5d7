"""Clause anchors, numbers and letters follow from position."""

from __future__ import annotations

from shora.models.clauses import MAX_ITEMS, anchors, clauses
from shora.models.resolution import Resolution
from shora.validate import validate_project

from .site_project import REPO


def _resolution_with_items(count: int) -> Resolution:
    text = {"fa": "متن", "en": "text"}
    return Resolution.model_validate(
        {
            "title": text,
            "organization": "org",
            "adopted_by": {"body": text},
            "adopted": {"date": "2009"},
            "vote": {"kind": "unknown"},
            "status": "unknown",
            "original_language": "fa",
            "translations": {"en": {"status": "complete"}},
            "text": {"points": [{**text, "items": [text] * count}]},
        }
    )


def test_every_abjad_letter_has_a_unique_anchor_and_label() -> None:
    resolution = _resolution_with_items(MAX_ITEMS)
    items = [clause for clause in clauses(resolution) if clause.kind == "item"]
    assert len(items) == MAX_ITEMS == 28
    assert len({item.anchor for item in items}) == MAX_ITEMS
    assert [items[0].label("fa"), items[-1].label("fa")] == ["الف)", "غ)"]
    assert [items[25].label("en"), items[26].label("en"), items[27].label("en")] == [
        "(z)",
        "(aa)",
        "(bb)",
    ]
    assert items[-1].anchor == "point-1-bb"


def test_anchors_of_the_real_resolutions() -> None:
    dataset = validate_project(REPO).dataset
    abroad = anchors(dataset.resolutions["mass-organizing-abroad"].model)
    assert {f"point-3-{letter}" for letter in "abcdef"} <= abroad
    assert {"consideration-3", "operative-intro", "point-5", "closing-1", "signature"} <= abroad
    party = anchors(dataset.resolutions["place-and-importance-of-the-party"].model)
    assert {"headnote", "consideration-8", "point-8", "point-4-para-1"} <= party
