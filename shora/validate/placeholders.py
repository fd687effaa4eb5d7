"""Templates left unfilled: every field that still holds the example ``shora new``
wrote there is an error, located at the value, until the editor replaces it.

The examples are kept here, in :data:`PLACEHOLDERS`, once per field (``shora new``'s
templates take them from here), and compared exactly, so real data never matches them.
The check reads the loaded document, not the model: a file with other errors still
shows which examples are left.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg
from shora.load.loader import Document, PathKey
from shora.load.model_errors import at_path, display_path
from shora.models.kinds import Kind

ANY_INDEX = "*"  # in a placeholder's path: any item of a list


@dataclass(frozen=True)
class Placeholder:
    """A value a template writes as an example, which the editor must replace."""

    path: PathKey  # keys and ANY_INDEX
    example: Any  # str, number, or a mapping compared as a whole
    what: Message  # what to write instead

    @property
    def slot(self) -> str:
        """Its name in a template: the path joined by '.'."""
        return ".".join(str(part) for part in self.path)

    def matches(self, value: Any) -> bool:
        """``value`` is the example itself (of the same type: ``true`` is not 1)."""
        return _same(value, self.example)


def _same(value: Any, example: Any) -> bool:
    if isinstance(example, dict):
        return (
            isinstance(value, dict)
            and value.keys() == example.keys()
            and all(_same(value[key], example[key]) for key in example)
        )
    if isinstance(example, (int, float)):
        return isinstance(value, (int, float)) and not isinstance(value, bool) and value == example
    return type(value) is type(example) and value == example


def _placeholder(path: str, example: Any, what: Message) -> Placeholder:
    return Placeholder(tuple(path.split(".")), example, what)


# The examples of every kind of file, by the kind's name.
PLACEHOLDERS: dict[str, tuple[Placeholder, ...]] = {
    "resolution": (
        _placeholder("title.fa", "عنوان قطعنامه", msg("write the resolution's title in Persian")),
        _placeholder(
            "title.en", "Title of the resolution", msg("write the resolution's title in English")
        ),
        _placeholder(
            "organization",
            "organization-id",
            msg(
                "write the id of the organization that adopted it "
                "(a file name in councils/organizations/)"
            ),
        ),
        _placeholder(
            "adopted_by.body.fa",
            "نهادی که قطعنامه را تصویب کرد",
            msg("write in Persian the body that adopted it, e.g. the congress"),
        ),
        _placeholder(
            "adopted_by.body.en",
            "The body that adopted it",
            msg("write in English the body that adopted it, e.g. the congress"),
        ),
        _placeholder(
            "adopted.note.fa",
            "آنچه منابع دربارهٔ تاریخ تصویب می‌گویند",
            msg(
                "write in Persian what the sources say about the date of adoption, "
                "or remove the note if the date is known"
            ),
        ),
        _placeholder(
            "adopted.note.en",
            "What the sources say about the date of adoption",
            msg(
                "write in English what the sources say about the date of adoption, "
                "or remove the note if the date is known"
            ),
        ),
        _placeholder(
            "text.considerations.*.fa",
            "نخستین بند مقدمه",
            msg("write the consideration's Persian text, or remove it"),
        ),
        _placeholder(
            "text.considerations.*.en",
            "First consideration",
            msg("write the consideration's English text, or remove it"),
        ),
        _placeholder(
            "text.operative_intro.fa",
            "جملهٔ پیش از بندها، که با دونقطه تمام می‌شود:",
            msg("write the Persian sentence before the points (quoted, it ends in ':')"),
        ),
        _placeholder(
            "text.operative_intro.en",
            "The sentence before the points, ending in a colon:",
            msg("write the English sentence before the points (quoted, it ends in ':')"),
        ),
        _placeholder("text.points.*.fa", "نخستین بند", msg("write the point's Persian text")),
        _placeholder("text.points.*.en", "First point", msg("write the point's English text")),
    ),
    "council": (
        _placeholder("name.fa", "شورای نام شهر", msg("write the council's name in Persian")),
        _placeholder("name.en", "Council of City name", msg("write the council's name in English")),
        _placeholder("city.fa", "نام شهر", msg("write the council's city in Persian")),
        _placeholder("city.en", "City name", msg("write the council's city in English")),
        # Antarctica: a valid code that no council's country can be.
        _placeholder(
            "country", "AQ", msg("write the country's two-letter code (ISO 3166-1), e.g. SE")
        ),
        _placeholder(
            "coordinates",
            {"lat": -75.0, "lon": 0.0},
            msg("write the latitude and longitude of the city centre"),
        ),
        _placeholder(
            "assembly.text.fa",
            "زمان برگزاری مجمع عمومی",
            msg("write in Persian when the general assembly meets, or give its schedule"),
        ),
        _placeholder(
            "assembly.text.en",
            "When the general assembly meets",
            msg("write in English when the general assembly meets, or give its schedule"),
        ),
    ),
    "federation": (
        _placeholder(
            "name.fa", "فدراسیون شوراهای نام کشور", msg("write the federation's name in Persian")
        ),
        _placeholder(
            "name.en",
            "Federation of the Councils of Country name",
            msg("write the federation's name in English"),
        ),
        _placeholder(
            "country", "AQ", msg("write the country's two-letter code (ISO 3166-1), e.g. SE")
        ),
    ),
    "organization": (
        _placeholder("name.fa", "نام سازمان", msg("write the organization's name in Persian")),
        _placeholder(
            "name.en", "Name of the organization", msg("write the organization's name in English")
        ),
    ),
    "decision": (
        _placeholder(
            "council",
            "council-id",
            msg("write the id of the council that decided (its file name in councils/)"),
        ),
        # No meeting of a council was held in 1900: the day cannot be left as it is.
        _placeholder(
            "date",
            "1900-01-01",
            msg("write the day of the meeting (e.g. 2025-10-12, or 1404-07-20 SH)"),
        ),
        _placeholder("title.fa", "عنوان تصمیم", msg("write the decision's title in Persian")),
        _placeholder(
            "title.en", "Title of the decision", msg("write the decision's title in English")
        ),
        _placeholder("text.fa", "متن تصمیم", msg("write the decision's text in Persian")),
        _placeholder(
            "text.en", "Text of the decision", msg("write the decision's text in English")
        ),
        _placeholder(
            "vote",
            {"yes": 1, "no": 0, "abstain": 0, "participants": 1},
            msg("write the real counts of the vote and the number of participants"),
        ),
        _placeholder(
            "role",
            "role-id",
            msg("write the id of the board role, as the council's file lists it under 'board:'"),
        ),
        _placeholder("person.name.fa", "نام و نام خانوادگی", msg("write the name in Persian")),
        _placeholder("person.name.en", "Full name", msg("write the name in English")),
    ),
}


# Of each kind's placeholders: whether its path holds ANY_INDEX, and its example when
# that is a text (compared here, without a call: each placeholder, in every file).
_PLANS: dict[str, tuple[tuple[Placeholder, bool, str | None], ...]] = {
    kind_name: tuple(
        (p, ANY_INDEX in p.path, p.example if type(p.example) is str else None)
        for p in placeholders
    )
    for kind_name, placeholders in PLACEHOLDERS.items()
}


def placeholders_at(kind_name: str, data: Any) -> Iterator[tuple[PathKey, Placeholder]]:
    """Every field of ``data`` (a file of that kind) that still holds its example."""
    for placeholder, indexed, text in _PLANS.get(kind_name, ()):
        if not indexed:
            # One field at most: looked up directly (most placeholders, in every file).
            value = data
            for head in placeholder.path:
                if not isinstance(value, dict) or head not in value:
                    break
                value = value[head]
            else:
                # (A text example: as Placeholder.matches compares it.)
                if (
                    (type(value) is str and value == text)
                    if text is not None
                    else placeholder.matches(value)
                ):
                    yield placeholder.path, placeholder
            continue
        for path, value in _values_at(data, placeholder.path, ()):
            if placeholder.matches(value):
                yield path, placeholder


def is_example(kind_name: str, path: PathKey, value: Any) -> bool:
    """``value``, at ``path`` of a file of that kind, is still the template's example
    (a reference to it is then reported as a placeholder, not as unknown)."""
    return any(p.matches(value) for p in _placeholders_of(kind_name, path))


@cache
def _placeholders_of(kind_name: str, path: PathKey) -> tuple[Placeholder, ...]:
    """The placeholders of that kind at ``path`` (asked for every reference of every
    file, at a few paths)."""
    return tuple(
        p
        for p in PLACEHOLDERS.get(kind_name, ())
        if len(p.path) == len(path)
        and all(want in (ANY_INDEX, got) for want, got in zip(p.path, path, strict=True))
    )


def _values_at(data: Any, pattern: PathKey, at: PathKey) -> Iterator[tuple[PathKey, Any]]:
    if not pattern:
        yield at, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == ANY_INDEX:
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from _values_at(item, rest, (*at, i))
    elif isinstance(data, dict) and head in data:
        yield from _values_at(data[head], rest, (*at, head))


def placeholder_diagnostics(document: Document, kind: Kind) -> Iterator[Diagnostic]:
    for path, placeholder in placeholders_at(kind.name, document.data):
        source_map = document.source_map
        # A mapping compared as a whole (coordinates, a vote) is pointed at by its key.
        position = (
            source_map.key(path)
            if isinstance(placeholder.example, dict)
            else source_map.value(path)
        )
        yield Diagnostic(
            document.path,
            position.line,
            position.col,
            Severity.ERROR,
            at_path(
                display_path(path),
                msg("still the template's example: {what}", what=placeholder.what),
            ),
        )
