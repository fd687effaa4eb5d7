"""Aligning a translation with the original, clause by clause.

Both texts are recognised the same way; they must have the same parts in the same
order (publication, title, headnote, each consideration, the introduction, each point
with its sub-items and paragraphs, the closing paragraphs, signature, place and
date). Where they part, the error names the line in each file. A title may take two
lines in one language and one in the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from shora.core.messages import Message, msg
from shora.tools.importer.recognize import Key, Recognized, outline, vote_label


@dataclass(frozen=True)
class Parting:
    """Where the two texts stop having the same structure."""

    original_line: int | None  # None: the text ended before
    original_part: Message
    translation_line: int | None
    translation_part: Message
    problem: Message | None = None


def aligned_parts(found: Recognized) -> int:
    """How many parts are aligned (a title is one part, on one line or two)."""
    return len(_parts(found))


def _parts(found: Recognized) -> list[tuple[Key, int, Message]]:
    return [part for part in outline(found) if part[0] != ("title-continued",)]


def parting(original: Recognized, translation: Recognized) -> Parting | None:
    """None where the structures agree, else the first place where they differ."""
    ours, theirs = _parts(original), _parts(translation)
    for index in range(max(len(ours), len(theirs))):
        mine = ours[index] if index < len(ours) else None
        other = theirs[index] if index < len(theirs) else None
        if mine is not None and other is not None and mine[0] == other[0]:
            continue
        return Parting(
            mine[1] if mine else _last_line(original),
            mine[2] if mine else msg("the end of the text"),
            other[1] if other else _last_line(translation),
            other[2] if other else msg("the end of the text"),
        )
    return _details(original, translation)


def _last_line(found: Recognized) -> int | None:
    return found.source.lines[-1].line if found.source.lines else None


def _details(original: Recognized, translation: Recognized) -> Parting | None:
    """The same structure, but a number that differs: the issue or the session."""
    if (
        original.publication
        and translation.publication
        and original.publication.issue != translation.publication.issue
    ):
        return Parting(
            original.publication.piece.line,
            msg("issue {issue}", issue=original.publication.issue),
            translation.publication.piece.line,
            msg("issue {issue}", issue=translation.publication.issue),
            msg("the issue numbers differ"),
        )
    ours, theirs = original.adoption, translation.adoption
    if (
        ours
        and theirs
        and None not in (ours.session_number, theirs.session_number)
        and ours.session_number != theirs.session_number
    ):
        return Parting(
            ours.piece.line,
            msg("session {number}", number=ours.session_number or 0),
            theirs.piece.line,
            msg("session {number}", number=theirs.session_number or 0),
            msg("the sessions differ"),
        )
    if ours and theirs and (ours.vote, ours.counts) != (theirs.vote, theirs.counts):
        return Parting(
            ours.piece.line,
            vote_label(ours),
            theirs.piece.line,
            vote_label(theirs),
            msg("the votes differ"),
        )
    return None
