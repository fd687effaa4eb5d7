"""The imported resolution as data, written in the layout of the committed files.

Keys in the order of ``resolutions/*.yml``, Persian before English in every text,
lists indented under their key, each text on one line (quoted with double quotes
where YAML needs quotes), read back with the project's YAML 1.2 reading.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any, get_args

from yaml.emitter import Emitter
from yaml.representer import SafeRepresenter
from yaml.serializer import Serializer

from shora.core.dates import PartialDate
from shora.core.language import other_language
from shora.core.messages import msg, render
from shora.load.loader import CoreSchemaResolver
from shora.models.resolution import Translation
from shora.tools.importer.recognize import Piece, Recognized, session_in_english

LANGUAGE_ORDER = ("fa", "en")


def untranslated_status(language: str = "en") -> str:
    """The status of a translation not yet made: ``missing`` for English where the model
    knows it (a resolution published in Persian before its English), else ``draft``."""
    statuses = get_args(Translation.model_fields["status"].annotation)
    if language == "en" and "missing" in statuses:
        return "missing"
    return "draft"


def _pair(values: dict[str, str | None]) -> dict[str, str] | None:
    """A bilingual text, Persian first, without the languages not known."""
    pair = {language: text for language in LANGUAGE_ORDER if (text := values.get(language))}
    return pair or None


class _Texts:
    """Texts of the original and, where given, of the aligned translation."""

    def __init__(self, original: Recognized, translation: Recognized | None):
        self.original = original
        self.translation = translation
        self.language = original.language
        self.other = other_language(original.language)

    def pair(self, mine: Piece | str | None, theirs: Piece | str | None) -> dict[str, str] | None:
        def text(value: Piece | str | None) -> str | None:
            return value.text if isinstance(value, Piece) else value

        return _pair({self.language: text(mine), self.other: text(theirs)})

    def pairs(self, mine: list[Piece], theirs: list[Piece] | None) -> list[dict[str, str]]:
        partners: Sequence[Piece | None] = theirs if theirs is not None else [None] * len(mine)
        return [p for a, b in zip(mine, partners, strict=True) if (p := self.pair(a, b))]


def resolution_data(
    original: Recognized,
    translation: Recognized | None,
    organization: str,
    adoption_date: PartialDate | None,
) -> dict[str, Any]:
    """The data of ``resolutions/<id>.yml``."""
    texts = _Texts(original, translation)
    other = translation
    data: dict[str, Any] = {}
    title = texts.pair(original.title, other.title if other else None)
    if title:
        data["title"] = title
    data["organization"] = organization
    data["adopted_by"] = _adopted_by(texts)
    adopted: dict[str, Any] = {"date": str(adoption_date) if adoption_date else "unknown"}
    if adoption_date is None or not adoption_date.known:
        note = msg("The imported text gives no date of adoption.")
        adopted["note"] = {language: render(note, language) for language in LANGUAGE_ORDER}
    data["adopted"] = adopted
    adoption = original.adoption
    if adoption is not None and adoption.counts is not None:
        yes, no, abstain = adoption.counts
        data["vote"] = {"kind": "counts", "yes": yes, "no": no, "abstain": abstain}
    else:
        data["vote"] = {"kind": adoption.vote if adoption else "unknown"}
    data["status"] = "unknown"
    published = []
    if original.publication:
        theirs = other.publication if other else None
        published.append(
            {
                "periodical": texts.pair(
                    original.publication.periodical, theirs.periodical if theirs else None
                ),
                "issue": original.publication.issue,
                "date": "unknown",
            }
        )
    data["published"] = published
    data["original_language"] = original.language
    status = "complete" if translation else untranslated_status(texts.other)
    data["translations"] = {texts.other: {"status": status}}
    data["topics"] = []
    data["text"] = _text(texts)
    return data


def _adopted_by(texts: _Texts) -> dict[str, Any]:
    original, other = texts.original, texts.translation
    adopted_by: dict[str, Any] = {}

    def body_of(found: Recognized | None) -> str | None:
        if found is None:
            return None
        if found.adoption and found.adoption.body:
            return found.adoption.body
        return found.signature.text if found.signature else None

    body = texts.pair(body_of(original), body_of(other))
    if body:
        adopted_by["body"] = body
    if original.adoption and original.adoption.session:
        theirs = other.adoption if other and other.adoption else None
        english = session_in_english(original.adoption)
        if original.language == "fa":
            session = _pair(
                {
                    "fa": original.adoption.session,
                    "en": english or (theirs.session if theirs else None),
                }
            )
        else:
            session = _pair(
                {
                    "en": english or original.adoption.session,
                    "fa": theirs.session if theirs else None,
                }
            )
        adopted_by["session"] = session
    return adopted_by


def _text(texts: _Texts) -> dict[str, Any]:
    original, other = texts.original, texts.translation
    text: dict[str, Any] = {}
    headnote = texts.pair(original.headnote, other.headnote if other else None)
    if headnote:
        text["headnote"] = headnote
    if original.considerations:
        text["considerations"] = texts.pairs(
            original.considerations, other.considerations if other else None
        )
    intro = texts.pair(original.intro, other.intro if other else None)
    if intro:
        text["operative_intro"] = intro
    points = []
    for index, point in enumerate(original.points):
        theirs = other.points[index] if other else None
        entry: dict[str, Any] = dict(
            texts.pair(point.point, theirs.point if theirs else None) or {}
        )
        if point.items:
            entry["items"] = texts.pairs(point.items, theirs.items if theirs else None)
        if point.paragraphs:
            entry["paragraphs"] = texts.pairs(
                point.paragraphs, theirs.paragraphs if theirs else None
            )
        points.append(entry)
    text["points"] = points
    if original.closing:
        text["closing"] = texts.pairs(original.closing, other.closing if other else None)
    signature = texts.pair(original.signature, other.signature if other else None)
    if signature:
        text["signature"] = signature
    place_date = texts.pair(
        original.place_date.piece if original.place_date else None,
        other.place_date.piece if other and other.place_date else None,
    )
    if place_date:
        text["place_date"] = place_date
    return text


# ---------------------------------------------------------------- YAML


class _Dumper(Emitter, Serializer, SafeRepresenter, CoreSchemaResolver):
    """PyYAML's safe dumper with the project's YAML 1.2 reading of plain values,
    lists indented under their key, and double quotes where quotes are needed."""

    def __init__(self, stream: io.StringIO) -> None:
        Emitter.__init__(self, stream, allow_unicode=True, width=1_000_000, indent=2)
        Serializer.__init__(self)
        SafeRepresenter.__init__(self, default_flow_style=False, sort_keys=False)
        CoreSchemaResolver.__init__(self)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def choose_scalar_style(self) -> str:
        style = super().choose_scalar_style()
        return '"' if style == "'" else style


def to_yaml(data: dict[str, Any], schema_line: str) -> str:
    stream = io.StringIO()
    dumper = _Dumper(stream)
    try:
        dumper.open()
        dumper.represent(data)
        dumper.close()
    finally:
        dumper.dispose()
    return f"{schema_line}\n{stream.getvalue()}"
