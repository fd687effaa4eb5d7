"""Clauses of a resolution: anchors, numbers and letters derived from position.

Anchors are ASCII and identical in both languages, so a citation such as
``resolutions/mass-organizing-abroad/#point-3-b`` points at the same clause in the
Persian and the English page, and survives any later change of wording.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from shora.core.persian import ABJAD_LETTERS, abjad_letter, latin_letter, to_persian_digits
from shora.models.common import TranslatableText
from shora.models.resolution import Resolution

ClauseKind = Literal[
    "headnote",
    "consideration",
    "operative-intro",
    "point",
    "item",
    "paragraph",
    "closing",
    "signature",
    "place-date",
]

MAX_ITEMS = len(ABJAD_LETTERS)


@dataclass(frozen=True)
class Clause:
    anchor: str
    kind: ClauseKind
    text: TranslatableText
    # Path of the clause in the data, to locate it in its file.
    path: tuple[str | int, ...]
    number: int | None = None  # 1-based number of considerations and points
    letter_index: int | None = None  # 0-based index of a sub-item
    parent: str | None = None  # anchor of the enclosing point

    def label(self, language: str) -> str:
        """The number or letter as printed before the clause ('۳-', '3.', 'الف)', '(a)')."""
        if self.number is not None:
            return (
                f"{to_persian_digits(str(self.number))}-" if language == "fa" else f"{self.number}."
            )
        if self.letter_index is not None:
            if language == "fa":
                return f"{abjad_letter(self.letter_index)})"
            return f"({latin_letter(self.letter_index)})"
        return ""


def clauses(resolution: Resolution) -> Iterator[Clause]:
    """Every clause in reading order, with its anchor."""
    text = resolution.text
    if text.headnote:
        yield Clause("headnote", "headnote", text.headnote, ("text", "headnote"))
    for i, consideration in enumerate(text.considerations):
        yield Clause(
            f"consideration-{i + 1}",
            "consideration",
            consideration,
            ("text", "considerations", i),
            number=i + 1,
        )
    if text.operative_intro:
        yield Clause(
            "operative-intro", "operative-intro", text.operative_intro, ("text", "operative_intro")
        )
    for i, point in enumerate(text.points):
        anchor = f"point-{i + 1}"
        yield Clause(anchor, "point", point, ("text", "points", i), number=i + 1)
        for j, item in enumerate(point.items[:MAX_ITEMS]):
            yield Clause(
                f"{anchor}-{latin_letter(j)}",
                "item",
                item,
                ("text", "points", i, "items", j),
                letter_index=j,
                parent=anchor,
            )
        for j, paragraph in enumerate(point.paragraphs):
            yield Clause(
                f"{anchor}-para-{j + 1}",
                "paragraph",
                paragraph,
                ("text", "points", i, "paragraphs", j),
                parent=anchor,
            )
    for i, paragraph in enumerate(text.closing):
        yield Clause(f"closing-{i + 1}", "closing", paragraph, ("text", "closing", i))
    if text.signature:
        yield Clause("signature", "signature", text.signature, ("text", "signature"))
    if text.place_date:
        yield Clause("place-date", "place-date", text.place_date, ("text", "place_date"))


def texts(
    resolution: Resolution,
) -> Iterator[tuple[tuple[str | int, ...], TranslatableText, str | None]]:
    """Every text of the resolution: (its path in the data, the text, the anchor of
    its clause or None), in the order of the file."""
    yield ("title",), resolution.title, None
    yield ("adopted_by", "body"), resolution.adopted_by.body, None
    if resolution.adopted_by.session:
        yield ("adopted_by", "session"), resolution.adopted_by.session, None
    if resolution.adopted.note:
        yield ("adopted", "note"), resolution.adopted.note, None
    for i, publication in enumerate(resolution.published):
        yield ("published", i, "periodical"), publication.periodical, None
    for language, translation in resolution.translations.items():
        if translation.note:
            yield ("translations", language, "note"), translation.note, None
    for clause in clauses(resolution):
        yield clause.path, clause.text, clause.anchor


def untranslated(resolution: Resolution, language: str = "en") -> list[TranslatableText]:
    """The texts not written in ``language`` (shown in Persian on its pages)."""
    return [text for _, text, _ in texts(resolution) if text.get(language) is None]


def anchors(resolution: Resolution) -> set[str]:
    return {clause.anchor for clause in clauses(resolution)}


@dataclass(frozen=True)
class PointClauses:
    point: Clause
    items: list[Clause]
    paragraphs: list[Clause]


@dataclass(frozen=True)
class Outline:
    """The clauses grouped as a page shows them."""

    headnote: Clause | None
    considerations: list[Clause]
    intro: Clause | None
    points: list[PointClauses]
    closing: list[Clause]
    signature: Clause | None
    place_date: Clause | None


def outline(resolution: Resolution) -> Outline:
    every = list(clauses(resolution))

    def of(kind: str) -> list[Clause]:
        return [clause for clause in every if clause.kind == kind]

    def one(kind: str) -> Clause | None:
        found = of(kind)
        return found[0] if found else None

    points = [
        PointClauses(
            point,
            [c for c in every if c.parent == point.anchor and c.kind == "item"],
            [c for c in every if c.parent == point.anchor and c.kind == "paragraph"],
        )
        for point in of("point")
    ]
    return Outline(
        one("headnote"),
        of("consideration"),
        one("operative-intro"),
        points,
        of("closing"),
        one("signature"),
        one("place-date"),
    )
