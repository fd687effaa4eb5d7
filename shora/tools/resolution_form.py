"""A "propose a resolution" issue (``.github/ISSUE_TEMPLATE/propose-resolution.yml``)
turned into a resolution file: ``shora import resolution --from-issue BODY.md``.

The text of the resolution (and its translation, if given) is read as
``shora import resolution`` reads a published text (:mod:`shora.tools.importer`); what the
form asks besides (the organization, the adopting body and session, the date, the
vote, the publication) is written over what the text gave. Every problem is located
on its answer's line in the issue's body and named by the field's label; a problem of
the text is on the text's own line.
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from shora.core.diagnostics import Diagnostic
from shora.core.language import other_language
from shora.core.messages import Message, msg
from shora.models.kinds import RESOLUTION
from shora.models.resolution import Resolution
from shora.models.schema import schema_line
from shora.tools.importer.align import parting
from shora.tools.importer.command import organizations
from shora.tools.importer.recognize import Recognized, language_of, recognize
from shora.tools.importer.sources import Source, SourceProblem, read_source
from shora.tools.importer.writer import resolution_data, to_yaml
from shora.tools.issue_form import (
    REPLY_LANGUAGE,
    Answer,
    Field,
    Problems,
    check_answers,
    check_id,
    parse_body,
    read_body,
    report_model_errors,
    too_long,
)

FIELDS: tuple[Field, ...] = (
    REPLY_LANGUAGE,
    Field("id", "شناسه (نام فایل) · Resolution id (file name)", ("id",), True),
    Field("organization", "سازمان · Organization", ("organization",), True, "choice"),
    Field("text", "متن قطعنامه · Text of the resolution", ("text",), True, "textarea"),
    Field("translation", "ترجمه · Translation", ("translations",), kind="textarea"),
    Field(
        "body-fa",
        "نهاد تصویب‌کننده به فارسی · Adopting body in Persian",
        ("adopted_by", "body", "fa"),
    ),
    Field(
        "body-en",
        "نهاد تصویب‌کننده به انگلیسی · Adopting body in English",
        ("adopted_by", "body", "en"),
    ),
    Field("session-fa", "نشست به فارسی · Session in Persian", ("adopted_by", "session", "fa")),
    Field("session-en", "نشست به انگلیسی · Session in English", ("adopted_by", "session", "en")),
    Field("date", "تاریخ تصویب · Date of adoption", ("adopted", "date")),
    Field("vote", "رأی‌گیری · Vote", ("vote", "kind"), True, "choice"),
    Field("vote-counts", "آرای موافق، مخالف، ممتنع · Votes for, against, abstaining", ("vote",)),
    Field(
        "periodical-fa",
        "نام نشریه به فارسی · Periodical in Persian",
        ("published", 0, "periodical", "fa"),
    ),
    Field(
        "periodical-en",
        "نام نشریه به انگلیسی · Periodical in English",
        ("published", 0, "periodical", "en"),
    ),
    Field("issue", "شمارهٔ نشریه · Issue of the periodical", ("published", 0, "issue")),
    Field("published-date", "تاریخ انتشار · Date of publication", ("published", 0, "date")),
    Field("url", "نشانی انتشار · Address of the publication", ("published", 0, "url")),
)
_BY_ID = {f.id: f for f in FIELDS}
# The vote dropdown's options: "Persian · kind".
VOTE_OPTIONS = {
    "به اتفاق آرا · unanimous": "unanimous",
    "با شمارش آرا · counts": "counts",
    "بدون رأی‌گیری · without-vote": "without-vote",
    "نامعلوم · unknown": "unknown",
}
_OPTION_ID = re.compile(r"\(([a-z0-9-]+)\)\s*$")


def organization_options(root: Path) -> list[str]:
    """The organization dropdown's options: one per ``councils/organizations/*.yml``,
    its names and, in brackets, its id (what the form's answer is read by)."""
    options = []
    for organization_id, names in organizations(root).items():
        shown = " · ".join(names[language] for language in ("fa", "en") if names.get(language))
        options.append(f"{shown} ({organization_id})" if shown else f"({organization_id})")
    return options


@dataclass
class Proposal:
    """What a "propose a resolution" issue gives: the file, or the problems."""

    resolution_id: str | None = None
    text: str | None = None  # the file's text; None when there are problems
    problems: list[Diagnostic] = field(default_factory=list)
    notes: list[Message] = field(default_factory=list)  # for the reviewers of the file


def _invalid_id(value: str) -> Message:
    return msg(
        "'{id}' is not a valid id: use lowercase ASCII words joined by '-', "
        "e.g. 'mass-organizing-abroad'",
        id=value,
    )


def _read(answer: Answer, name: str, folder: Path, problems: Problems, label: str) -> Source | None:
    """The answer's text as the importer reads a plain text file; its lines are the
    answer's lines in the body from ``answer.line`` on."""
    path = folder / name
    path.write_text(answer.text, encoding="utf-8")
    try:
        return read_source(path, label)
    except SourceProblem as problem:
        line = answer.line + (problem.line or 1) - 1
        problems.add(line, problem.message, label)
        return None


def _body_line(answer: Answer, source_line: int | None) -> int:
    return answer.line + source_line - 1 if source_line else answer.line


def _text_line(found: Recognized, location: tuple[str | int, ...]) -> int | None:
    """The source line of the part of the text at ``location`` in the resolution."""
    if location[:1] == ("title",):
        return found.title.line if found.title else None
    if location[:1] != ("text",) or len(location) < 2:
        return None
    key = location[1]
    index = location[2] if len(location) > 2 and isinstance(location[2], int) else None
    single = {
        "headnote": found.headnote,
        "operative_intro": found.intro,
        "signature": found.signature,
        "place_date": found.place_date.piece if found.place_date else None,
    }
    if key in single:
        piece = single[key]
        return piece.line if piece else None
    pieces = {"considerations": found.considerations, "closing": found.closing}
    if key in pieces and index is not None and index < len(pieces[key]):
        return pieces[key][index].line
    if key == "points" and index is not None and index < len(found.points):
        point = found.points[index]
        sub = location[3] if len(location) > 3 else None
        position = location[4] if len(location) > 4 else None
        if sub in ("items", "paragraphs") and isinstance(position, int):
            listed = point.items if sub == "items" else point.paragraphs
            if position < len(listed):
                return listed[position].line
        return point.point.line
    return None


def _vote(answers: dict[str, Answer], problems: Problems) -> dict[str, Any] | None:
    answer = answers.get("vote")
    if answer is None or not answer.text:
        return None
    kind = VOTE_OPTIONS.get(answer.text, answer.text.rsplit("·", 1)[-1].strip())
    vote: dict[str, Any] = {"kind": kind}
    counts = answers.get("vote-counts")
    numbers = re.split(r"[\s,،/]+", counts.text.strip()) if counts and counts.text else []
    if kind == "counts" and len(numbers) not in (2, 3):
        problems.add(
            counts.line if counts else answer.line,
            msg(
                "with counted votes, write the votes for, against and (if any) abstaining, "
                "e.g. '{example}'",
                example="۱۲، ۲، ۱",
            ),
            _BY_ID["vote-counts"].label,
        )
        return None
    if numbers and kind != "counts":
        assert counts is not None
        problems.add(
            counts.line,
            msg("counts are written only with the vote '{kind}'", kind="با شمارش آرا · counts"),
            _BY_ID["vote-counts"].label,
        )
        return None
    for key, number in zip(("yes", "no", "abstain"), numbers, strict=False):
        vote[key] = number
    return vote


def resolution_from_issue(body: str, source: str, root: Path) -> Proposal:
    """The resolution file the issue body ``source`` proposes, or its problems."""
    problems = Problems(source)
    proposal = Proposal()
    if too_long(body, problems):
        proposal.problems = problems.sorted()
        return proposal
    answers = parse_body(body, FIELDS)
    if not any(f.id in answers for f in FIELDS if f.path):
        problems.add(
            1,
            msg(
                "no answers of the 'propose a resolution' form found: paste the issue's "
                "body, with its '### ' headings"
            ),
        )
        proposal.problems = problems.sorted()
        return proposal
    check_answers(FIELDS, answers, problems)
    resolution_id = check_id(answers, problems, _invalid_id)
    if resolution_id and (root / RESOLUTION.folder / f"{resolution_id}.yml").exists():
        problems.add(
            answers["id"].line,
            msg(
                "{path} exists already: choose another id",
                path=f"{RESOLUTION.folder}/{resolution_id}.yml",
            ),
            _BY_ID["id"].label,
        )
    organization = _organization(answers, root, problems)
    text_answer = answers.get("text")
    if text_answer is None or not text_answer.text:
        proposal.problems = problems.sorted()
        return proposal
    translation_answer = answers.get("translation")
    with tempfile.TemporaryDirectory(prefix="shora-issue-") as folder:
        text_label = _BY_ID["text"].label
        original_source = _read(text_answer, "text.txt", Path(folder), problems, text_label)
        translation_source = None
        if translation_answer is not None and translation_answer.text:
            translation_source = _read(
                translation_answer,
                "translation.txt",
                Path(folder),
                problems,
                _BY_ID["translation"].label,
            )
    if original_source is None:
        proposal.problems = problems.sorted()
        return proposal
    original = recognize(original_source)
    translated = _translation(
        original, translation_source, translation_answer, text_answer, problems
    )
    if not original.points:
        problems.add(
            text_answer.line,
            msg(
                "no numbered points found: the operative points must be numbered "
                "(1. 2. 3. or ۱- ۲- ۳-)"
            ),
            text_label,
        )
        proposal.problems = problems.sorted()
        return proposal
    for found in (original, translated):
        if found is None:
            continue
        for piece in found.unplaced:
            proposal.notes.append(
                msg(
                    "'{label}', line {line}: could not place this line; it is left out: {start}",
                    label=_BY_ID["text" if found is original else "translation"].label,
                    line=piece.line,
                    start=piece.text[:80],
                )
            )
    date = original.adoption.date if original.adoption and original.adoption.date else None
    if date is None and original.place_date:
        date = original.place_date.date
    data = resolution_data(original, translated, organization or "unknown", date)
    _overlay(data, answers, problems)
    try:
        Resolution.model_validate(data)
    except ValidationError as error:
        _report(error, data, answers, original, translated, problems)
    if problems.found:
        proposal.problems = problems.sorted()
        return proposal
    relative = f"{RESOLUTION.folder}/{resolution_id}.yml"
    proposal.resolution_id = resolution_id
    proposal.text = to_yaml(data, schema_line(RESOLUTION, relative))
    return proposal


def _organization(answers: dict[str, Answer], root: Path, problems: Problems) -> str | None:
    answer = answers.get("organization")
    if answer is None or not answer.text:
        return None
    known = organizations(root)
    found = _OPTION_ID.search(answer.text)
    chosen = found.group(1) if found else answer.text.strip()
    if chosen not in known:
        problems.add(
            answer.line,
            msg(
                "no organization '{id}' in {folder} (known: {known})",
                id=chosen,
                folder="councils/organizations/",
                known=sorted(known) or [msg("none")],
            ),
            _BY_ID["organization"].label,
        )
        return None
    return chosen


def _translation(
    original: Recognized,
    source: Source | None,
    answer: Answer | None,
    text: Answer,
    problems: Problems,
) -> Recognized | None:
    if source is None or answer is None:
        return None
    label = _BY_ID["translation"].label
    if language_of(source) == original.language:
        problems.add(
            answer.line,
            msg(
                "the translation is in the text's language: paste here the text in the "
                "other language"
            ),
            label,
        )
        return None
    translated = recognize(source, other_language(original.language))
    where = parting(original, translated)
    if where is not None:
        problems.add(
            _body_line(answer, where.translation_line),
            msg(
                "the translation does not follow the text: here it has {theirs}, where the "
                "text has {ours} (line {line})",
                theirs=where.translation_part,
                ours=where.original_part,
                line=_body_line(text, where.original_line),
            ),
            label,
        )
        return None
    return translated


def _overlay(data: dict[str, Any], answers: dict[str, Answer], problems: Problems) -> None:
    """What the form's answers say, written over what the text gave."""

    def given(field_id: str) -> str | None:
        answer = answers.get(field_id)
        return answer.text if answer is not None and answer.text else None

    for language in ("fa", "en"):
        for part in ("body", "session"):
            value = given(f"{part}-{language}")
            if value is not None:
                data["adopted_by"].setdefault(part, {})[language] = value
    date = given("date")
    if date is not None:
        data["adopted"] = {"date": date}  # as written: the model reads every form of date
    vote = _vote(answers, problems)
    if vote is not None:
        data["vote"] = vote
    publication = {
        key: value
        for key, field_id in (("issue", "issue"), ("date", "published-date"), ("url", "url"))
        if (value := given(field_id)) is not None
    }
    periodical = {
        language: value
        for language in ("fa", "en")
        if (value := given(f"periodical-{language}")) is not None
    }
    if publication or periodical:
        first = data["published"][0] if data["published"] else {}
        if periodical:
            first["periodical"] = {**(first.get("periodical") or {}), **periodical}
        first = {**first, **publication}
        first.setdefault("date", "unknown")
        ordered = {
            key: first[key] for key in ("periodical", "issue", "date", "url") if key in first
        }
        data["published"] = [ordered, *data["published"][1:]]


def _report(
    error: ValidationError,
    data: dict[str, Any],
    answers: dict[str, Answer],
    original: Recognized,
    translated: Recognized | None,
    problems: Problems,
) -> None:
    """The model's problems: of the form's answers at their fields; of the text at its
    line (of the translation's, when a text of the other language is wanted)."""
    text_errors = []
    form_errors = []
    for detail in error.errors(include_url=False):
        location = tuple(detail["loc"])
        if location[:1] in {("text",), ("title",)}:
            text_errors.append(detail)
        else:
            form_errors.append(detail)
    if form_errors:
        report_model_errors(
            form_errors,
            data,
            RESOLUTION,
            FIELDS,
            answers,
            problems,
        )
    from shora.load.model_errors import located_problem

    for detail in text_errors:
        location = tuple(detail["loc"])
        if detail["type"] == "missing" and location == ("title",):
            message = msg("no title found: write the title on the first line of the text")
        else:
            message = located_problem(detail, data, RESOLUTION)[1]
        # A text the translation should give is the translation's problem.
        theirs = translated is not None and location[-1] == translated.language
        answer = answers["translation" if theirs else "text"]
        found = translated if theirs and translated is not None else original
        label = _BY_ID["translation" if theirs else "text"].label
        problems.add(_body_line(answer, _text_line(found, location)), message, label)


def import_from_issue(root: Path, issue: Path) -> Proposal:
    """The proposal in the issue body saved in ``issue``, located in it."""
    return resolution_from_issue(read_body(issue), issue.as_posix(), root)
