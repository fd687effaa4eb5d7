"""Resolutions: metadata and the text as structure (considerations, points, sub-items).

Numbers, letters and anchors are never typed by editors: they follow from position
(see :mod:`shora.models.clauses`).

Every text is Persian first (:class:`~shora.models.common.TranslatableText`): its English
may wait while the translation is ``missing`` or ``draft``; once it is ``complete``,
every text needs it (a rule of :mod:`shora.validate.rules`).
"""

from __future__ import annotations

import re
from typing import Annotated, Any, Literal

from pydantic import (
    BeforeValidator,
    Discriminator,
    Field,
    SerializerFunctionWrapHandler,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_serializer,
)

from shora.core.messages import Localized, Message, msg
from shora.models.common import (
    ID_PATTERN,
    Count,
    HttpsUrl,
    Id,
    LanguageCode,
    Model,
    NonEmptyText,
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
    session: TranslatableText | None = Field(
        None, description="The session, e.g. the thirty-first plenum."
    )


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


class Sic(Model):
    """A word the source prints wrongly. The Persian keeps it as printed and the page
    marks it [sic], with the intended word in a note; the English translates the
    intended word and says so."""

    printed: NonEmptyText = Field(
        description="The word as the source prints it, e.g. 'تبلیع'; it must occur exactly "
        "once in the Persian text (quote more words if it occurs more often)."
    )
    intended: NonEmptyText = Field(description="The word the source means, e.g. 'تبلیغ'.")
    en: NonEmptyText | None = Field(
        None,
        description="The words of the English text that translate the intended word, e.g. "
        "'Agitation'; they must occur exactly once in the English text.",
    )


_TEXT_NAMES = {"fa": Localized("فارسی", "Persian"), "en": Localized("انگلیسی", "English")}


def _found(words: str, text: str) -> list[int]:
    """Where ``words`` occur in ``text`` as whole words ('part' is not in 'party')."""
    pattern = rf"(?<!\w){re.escape(words)}(?!\w)"
    return [match.start() for match in re.finditer(pattern, text)]


def _occurrences_problem(words: str, text: str, language: str) -> Message | None:
    """Why ``words`` cannot mark a misprint in ``text``; None when they occur once."""
    count = len(_found(words, text))
    if count == 1:
        return None
    if count == 0:
        return msg(
            "'{words}' is not in the {language} text of this clause: write it exactly as "
            "it is there",
            words=words,
            language=_TEXT_NAMES[language],
        )
    return msg(
        "'{words}' occurs {count} times in the {language} text of this clause: quote "
        "enough words around it to find it once",
        words=words,
        count=count,
        language=_TEXT_NAMES[language],
    )


class ClauseText(TranslatableText):
    """The text of a clause, with the source's misprints it keeps (``sic``)."""

    sic: list[Sic] = Field(
        default_factory=list,
        description="Misprints of the source kept in the Persian text: each marked [sic] "
        "on the page, with the intended word in a note.",
    )

    @field_validator("sic")
    @classmethod
    def _sic_words_are_in_the_text(cls, value: list[Sic], info: ValidationInfo) -> list[Sic]:
        for sic in value:
            for language, words in (("fa", sic.printed), ("en", sic.en)):
                text = info.data.get(language)
                if words is None or not isinstance(text, str):
                    continue
                problem = _occurrences_problem(words, text, language)
                if problem is not None:
                    raise fail(problem)
        return value

    @model_serializer(mode="wrap")
    def _without_empty_sic(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        # Most clauses keep no misprint: their data stays as it was, without "sic": [].
        data: dict[str, Any] = handler(self)
        if not self.sic:
            data.pop("sic", None)
        return data

    def marked(self, language: str) -> list[tuple[str, Sic | None]]:
        """The text a page in ``language`` shows, cut into runs: the words a misprint
        marks, with their :class:`Sic`, and the text between them, with None."""
        shown = self.language_shown(language)
        text = self[language]
        spots = sorted(
            (found[0], words, index)
            for index, sic in enumerate(self.sic)
            if (words := sic.printed if shown == "fa" else sic.en)
            and (found := _found(words, text))
        )
        runs: list[tuple[str, Sic | None]] = []
        position = 0
        for start, words, index in spots:
            if start < position:  # overlapping marks: the first one wins
                continue
            runs += [(text[position:start], None), (words, self.sic[index])]
            position = start + len(words)
        runs.append((text[position:], None))
        return [(words, sic) for words, sic in runs if words]


class Point(ClauseText):
    """An operative point: its text, lettered sub-items and further paragraphs."""

    items: list[ClauseText] = Field(
        default_factory=list, description="Lettered sub-items (الف، ب، ج ... / a, b, c ...)."
    )
    paragraphs: list[ClauseText] = Field(
        default_factory=list, description="Further unnumbered paragraphs of this point."
    )


class ResolutionText(Model):
    headnote: ClauseText | None = Field(None, description="A line under the title, if any.")
    considerations: list[ClauseText] = Field(
        default_factory=list, description="Numbered considerations before the operative part."
    )
    operative_intro: ClauseText | None = Field(
        None, description="The sentence introducing the operative points."
    )
    points: list[Point] = Field(min_length=1, description="Numbered operative points.")
    closing: list[ClauseText] = Field(default_factory=list, description="Closing paragraph(s).")
    signature: ClauseText | None = Field(None, description="Who signed it.")
    place_date: ClauseText | None = Field(None, description="The place and date line.")


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
    original_language: LanguageCode
    translations: dict[LanguageCode, Translation] = Field(
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
