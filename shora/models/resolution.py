"""Resolutions: metadata and the text as structure (considerations, points, sub-items).

Numbers, letters and anchors are never typed by editors: they follow from position
(see :mod:`shora.clauses`).

Every text is Persian first (:class:`~shora.models.common.TranslatableText`): its English
may wait while the translation is ``missing`` or ``draft``; once it is ``complete``,
every text needs it (a rule of :mod:`shora.validate.rules`).
"""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    Tag,
    WithJsonSchema,
)

from shora.messages import msg
from shora.models.common import (
    ID_PATTERN,
    Count,
    HttpsUrl,
    Id,
    Language,
    Model,
    NumberOrText,
    SomeDate,
    TranslatableText,
    fail,
)

CLAUSE_REF_PATTERN = ID_PATTERN[:-1] + r"(?:#[a-z0-9]+(?:-[a-z0-9]+)*)?$"
_CLAUSE_REF_RE = re.compile(CLAUSE_REF_PATTERN)


def _check_clause_ref(value: object) -> object:
    if isinstance(value, str) and not _CLAUSE_REF_RE.match(value):
        raise fail(
            msg(
                "'{value}' is not a reference: write a resolution id, optionally followed by "
                "'#' and a clause anchor, e.g. 'mass-organizing-abroad#point-3'",
                value=value,
            )
        )
    return value


ClauseRef = Annotated[
    str,
    BeforeValidator(_check_clause_ref),
    WithJsonSchema({"type": "string", "pattern": CLAUSE_REF_PATTERN}),
]


class AdoptingBody(Model):
    body: TranslatableText = Field(
        description="The body that adopted it, e.g. the Central Committee."
    )
    session: TranslatableText | None = Field(None, description="The session, e.g. the 31st plenum.")


class Adoption(Model):
    date: SomeDate = Field(
        description="Adoption date: 2009-07-27, 2009-07, 2009, 1404-07-15 SH, 1404-07 SH, "
        "1404 SH, '15 مهر 1404', '27 July 2009', or 'unknown'."
    )
    note: TranslatableText | None = Field(
        None, description="Required when the date is unknown: what the sources say about it."
    )


class Unanimous(Model):
    kind: Literal["unanimous"]
    yes: Count | None = None
    no: Count | None = None
    abstain: Count | None = None
    participants: Count | None = None


class VoteCounts(Model):
    kind: Literal["counts"]
    yes: Count
    no: Count
    abstain: Count = 0
    participants: Count | None = None


class WithoutVote(Model):
    kind: Literal["without-vote"]


class UnknownVote(Model):
    kind: Literal["unknown"]


def _vote_kind(value: object) -> str | None:
    if isinstance(value, dict):
        kind = value.get("kind")
        return kind if isinstance(kind, str) else None
    return getattr(value, "kind", None)


Vote = Annotated[
    Annotated[Unanimous, Tag("unanimous")]
    | Annotated[VoteCounts, Tag("counts")]
    | Annotated[WithoutVote, Tag("without-vote")]
    | Annotated[UnknownVote, Tag("unknown")],
    Discriminator(
        _vote_kind,
        custom_error_type="shora",
        # A Message is text: pydantic keeps its English, and the validator finds its Persian.
        custom_error_message=msg(
            "the vote needs 'kind:' with one of: unanimous, counts, without-vote, unknown"
        ),
    ),
]


class Publication(Model):
    periodical: TranslatableText = Field(description="Name of the periodical or site.")
    issue: NumberOrText | None = Field(None, description="Issue number, as printed.")
    date: SomeDate = Field(description="Date of the issue, or 'unknown'.")
    url: HttpsUrl | None = Field(None, description="https:// address of the publication.")


TranslationStatus = Literal["complete", "draft", "missing"]


class Translation(Model):
    status: TranslationStatus = Field(
        description="complete (every text has it), draft (being translated: texts not yet "
        "translated may lack it) or missing (not translated yet)."
    )
    note: TranslatableText | None = Field(None, description="Who translated it, and how.")


class Point(TranslatableText):
    """An operative point: its text, lettered sub-items and further paragraphs."""

    items: list[TranslatableText] = Field(
        default_factory=list, description="Lettered sub-items (الف، ب، ج ... / a, b, c ...)."
    )
    paragraphs: list[TranslatableText] = Field(
        default_factory=list, description="Further unnumbered paragraphs of this point."
    )


class ResolutionText(Model):
    headnote: TranslatableText | None = Field(None, description="A line under the title, if any.")
    considerations: list[TranslatableText] = Field(
        default_factory=list, description="Numbered considerations before the operative part."
    )
    operative_intro: TranslatableText | None = Field(
        None, description="The sentence introducing the operative points."
    )
    points: list[Point] = Field(min_length=1, description="Numbered operative points.")
    closing: list[TranslatableText] = Field(
        default_factory=list, description="Closing paragraph(s)."
    )
    signature: TranslatableText | None = Field(None, description="Who signed it.")
    place_date: TranslatableText | None = Field(None, description="The place and date line.")


class Resolution(Model):
    """A resolution, one file ``resolutions/<id>.yml``."""

    id: Id | None = Field(None, description="Optional; must equal the file name.")
    title: TranslatableText
    organization: Id = Field(description="Id of a file in councils/organizations/.")
    adopted_by: AdoptingBody
    adopted: Adoption
    vote: Vote
    status: Literal["in-force", "superseded", "repealed", "unknown"] = Field(
        description="in-force, superseded, repealed, or unknown where no source says."
    )
    supersedes: list[ClauseRef] = Field(
        default_factory=list, description="Resolutions (or 'id#clause') this one replaces."
    )
    amends: list[ClauseRef] = Field(
        default_factory=list, description="Resolutions (or 'id#clause') this one changes."
    )
    published: list[Publication] = Field(
        default_factory=list, description="Where it was published."
    )
    original_language: Language
    translations: dict[Language, Translation] = Field(
        description="One entry per language other than the original. While the English "
        "translation is missing or draft, texts may lack 'en'; when it is complete, every "
        "text needs it."
    )
    topics: list[Id] = Field(default_factory=list, description="Ids from resolutions/_topics.yml.")
    text: ResolutionText

    def translation_status(self, language: str = "en") -> TranslationStatus | None:
        """The status of the text in ``language``: ``complete`` for the original
        language, None where the file gives none."""
        if language == self.original_language:
            return "complete"
        return next(
            (entry.status for name, entry in self.translations.items() if name == language),
            None,
        )
