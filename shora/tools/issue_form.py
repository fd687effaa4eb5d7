"""Issue forms (``.github/ISSUE_TEMPLATE/*.yml``) read back from the issue's body, and
the "propose a council" form turned into a council file:
``shora new council --from-issue BODY.md``.

GitHub writes each answer of an issue form under its label: ``### Label``, a blank
line, the answer; ``_No response_`` where an optional field was left empty. Each
field of the council form is one field of the council schema (:data:`FIELDS`); the
tests check that the form and this table agree. Every problem is located on the
answer's line in the body and named by the field's label, with the validator's own
message (and its hint) for what is wrong.

The body is written by anyone: it is read as text only, never longer than
:data:`MAX_BODY_CHARS`, and what is made of it is written by a safe YAML dumper.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg
from shora.load.dataset import Entry
from shora.load.loader import load_bytes
from shora.models.common import ID_PATTERN
from shora.models.council import Council
from shora.models.kinds import COUNCIL, Kind
from shora.models.schema import schema_line

NO_RESPONSE = "_No response_"
# GitHub keeps at most 65,536 characters of an issue's body; anything longer was not
# written through the form.
MAX_BODY_CHARS = 65_536
REPLY_LANGUAGE_LABEL = "Language of replies · زبان پاسخ‌ها"
_REPLY_LANGUAGES = {"فارسی": "fa", "English": "en"}


@dataclass(frozen=True)
class Field:
    id: str  # the form field's id
    label: str  # its label: the heading GitHub writes in the issue's body
    # where the answer goes in the file ("id": the file name; (): nowhere)
    path: tuple[str | int, ...]
    required: bool = False
    # text | number | choice: one line; textarea | lines | social | board: several
    kind: str = "text"


@dataclass(frozen=True)
class Answer:
    text: str  # '' when empty or "_No response_"
    line: int  # the answer's first line in the body, 1-based (the heading's + 2 if empty)
    heading_line: int
    # The answer's non-empty lines with their line numbers in the body.
    lines: tuple[tuple[int, str], ...] = field(default=())


class Problems:
    """Problems located in an issue body, each named by its form field's label."""

    def __init__(self, source: str):
        self.source = source
        self.found: list[Diagnostic] = []

    def add(self, line: int, message: Message, label: str | None = None) -> None:
        if label is not None:
            message = msg("'{label}': {message}", label=label, message=message)
        self.found.append(Diagnostic(self.source, line, 1, Severity.ERROR, message))

    def sorted(self) -> list[Diagnostic]:
        return sorted(self.found)


_HEADING_RE = re.compile(r"^### (.+?)\s*$")
_ONE_LINE = {"text", "number", "choice"}
_ID_RE = re.compile(ID_PATTERN)
_PERSIAN_LETTER = re.compile("[\u0600-\u06ff]")


def parse_body(body: str, fields: tuple[Field, ...] | None = None) -> dict[str, Answer]:
    """Answers by form field id, from the Markdown body GitHub writes."""
    by_label = {f.label: f for f in (FIELDS if fields is None else fields)}
    answers: dict[str, Answer] = {}
    current: Field | None = None
    heading_line = 0
    lines: list[str] = []

    def close() -> None:
        if current is None:
            return
        text = "\n".join(lines).strip()
        if text == NO_RESPONSE:
            text = ""
        numbered = tuple(
            (heading_line + 1 + i, line.strip()) for i, line in enumerate(lines) if line.strip()
        )
        first = numbered[0][0] if numbered else heading_line + 2
        answers[current.id] = Answer(text, first, heading_line, numbered if text else ())

    for number, raw in enumerate(body.replace("\r\n", "\n").replace("\r", "\n").split("\n"), 1):
        heading = _HEADING_RE.match(raw)
        if heading:
            close()
            current = by_label.get(heading.group(1).strip())
            heading_line, lines = number, []
        elif current is not None:
            lines.append(raw)
    close()
    return answers


def too_long(body: str, problems: Problems) -> bool:
    """Whether the body is longer than any issue form's answer can be (reported)."""
    if len(body) <= MAX_BODY_CHARS:
        return False
    problems.add(
        1,
        msg(
            "the issue's body is longer than GitHub lets a form write ({count} characters): "
            "nothing of it was read",
            count=MAX_BODY_CHARS,
        ),
    )
    return True


def reply_language(body: str) -> str:
    """The language to answer the proposer in: the one chosen in the form's
    "Language of replies", else Persian when the body holds Persian letters."""
    chosen = parse_body(body[:MAX_BODY_CHARS], (REPLY_LANGUAGE,)).get(REPLY_LANGUAGE.id)
    if chosen is not None and chosen.text in _REPLY_LANGUAGES:
        return _REPLY_LANGUAGES[chosen.text]
    return "fa" if _PERSIAN_LETTER.search(body[:MAX_BODY_CHARS]) else "en"


REPLY_LANGUAGE = Field("reply-language", REPLY_LANGUAGE_LABEL, (), kind="choice")


def check_answers(
    fields: tuple[Field, ...], answers: dict[str, Answer], problems: Problems
) -> None:
    """A missing section or an empty answer to a required field."""
    for f in fields:
        answer = answers.get(f.id)
        if answer is None:
            if f.required:
                problems.add(
                    1, msg("the section '### {label}' is missing: it is required", label=f.label)
                )
        elif not answer.text and f.required:
            problems.add(
                answer.heading_line, msg("'{label}' is required: answer it", label=f.label)
            )
        elif f.kind in _ONE_LINE and len(answer.lines) > 1:
            problems.add(
                answer.lines[1][0],
                msg("write the answer on one line ({count} lines here)", count=len(answer.lines)),
                f.label,
            )


def check_id(
    answers: dict[str, Answer], problems: Problems, invalid: Callable[[str], Message]
) -> str:
    """The file name the form's id answer gives ('' when none or not valid)."""
    answer = answers.get("id")
    value = answer.text.strip() if answer else ""
    if answer is not None and value and not _ID_RE.match(value):
        problems.add(answer.line, invalid(value))
        return ""
    return value


def _invalid_council_id(value: str) -> Message:
    return msg(
        "'{id}' is not a valid id: use lowercase ASCII words joined by '-', e.g. 'gothenburg'",
        id=value,
    )


def field_at(fields: tuple[Field, ...], location: tuple[str | int, ...]) -> Field | None:
    """The form field a problem at ``location`` in the file belongs to."""
    best: Field | None = None
    for f in fields:
        n = len(f.path)
        if n and tuple(location[:n]) == f.path and (best is None or n > len(best.path)):
            best = f
    if best is None:
        # e.g. a problem about 'assembly' as a whole: its first field in the form
        best = next((f for f in fields if f.path and f.path[: len(location)] == location), None)
    return best


def line_of(
    field_: Field | None, answers: dict[str, Answer], location: tuple[str | int, ...]
) -> int:
    """The body's line of the problem: the entry's own line in a list answer."""
    answer = answers.get(field_.id) if field_ is not None else None
    if answer is None:
        return 1
    rest = location[len(field_.path) :] if field_ is not None else ()
    if rest and isinstance(rest[0], int) and rest[0] < len(answer.lines):
        return answer.lines[rest[0]][0]
    return answer.line


def report_model_errors(
    errors: list[Any],
    data: dict[str, Any],
    kind: Kind,
    fields: tuple[Field, ...],
    answers: dict[str, Answer],
    problems: Problems,
    hint: Callable[[tuple[str | int, ...], Message], Message] | None = None,
) -> None:
    """Each of the model's problems in the validator's words, on its answer's line,
    named by its field's label."""
    from shora.load.model_errors import located_problem

    for detail in errors:
        if detail["type"] == "missing" and field_at(fields, tuple(detail["loc"])) is not None:
            continue  # a required field: reported at its section
        location, message = located_problem(detail, data, kind)
        if detail["type"] == "missing" or len(location) < len(detail["loc"]):
            location = tuple(detail["loc"])
        if hint is not None:
            message = hint(location, message)
        f = field_at(fields, location)
        problems.add(line_of(f, answers, location), message, f.label if f else None)


# ---------------------------------------------------------------- the council form

FIELDS: tuple[Field, ...] = (
    REPLY_LANGUAGE,
    Field("id", "Council id (file name)", ("id",), True),
    Field("name-fa", "Name in Persian", ("name", "fa"), True),
    Field("name-en", "Name in English", ("name", "en"), True),
    Field("city-fa", "City in Persian", ("city", "fa"), True),
    Field("city-en", "City in English", ("city", "en"), True),
    Field("other-names", "Other names of the city", ("other_names",), kind="lines"),
    Field("country", "Country code", ("country",), True),
    Field("lat", "Latitude of the city centre", ("coordinates", "lat"), True, "number"),
    Field("lon", "Longitude of the city centre", ("coordinates", "lon"), True, "number"),
    Field("federation", "Country federation", ("federation",)),
    Field("status", "Status", ("status",), True),
    Field("founded", "Founded", ("founded",), True),
    Field("last-verified", "Last verified", ("last_verified",), True),
    Field("email", "E-mail", ("contacts", "email")),
    Field("website", "Website", ("contacts", "website")),
    Field("social", "Social media", ("contacts", "social"), kind="social"),
    Field("frequency", "Assembly: how often", ("assembly", "frequency")),
    Field("weekday", "Assembly: weekday", ("assembly", "weekday")),
    Field("time", "Assembly: time", ("assembly", "time")),
    Field("timezone", "Assembly: time zone", ("assembly", "timezone")),
    Field("assembly-text-fa", "Assembly: when, in Persian", ("assembly", "text", "fa")),
    Field("assembly-text-en", "Assembly: when, in English", ("assembly", "text", "en")),
    Field("venue-fa", "Venue name in Persian", ("assembly", "venue", "name", "fa")),
    Field("venue-en", "Venue name in English", ("assembly", "venue", "name", "en")),
    Field("board", "Board roles", ("board",), kind="board"),
)
_BY_ID = {f.id: f for f in FIELDS}


def _set(data: dict[Any, Any], path: tuple[str | int, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _number(text: str) -> int | float | str:
    """A plain decimal in any digits as a number; anything else as written, for the
    model to explain (its message names what is wrong: a comma, words, ...)."""
    normalized = text.translate(
        str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫\u2212", "01234567890123456789.-")
    )
    if re.fullmatch(r"[-+]?\d+", normalized.strip()):
        return int(normalized)
    if re.fullmatch(r"[-+]?\d+\.\d+", normalized.strip()):
        return float(normalized)
    return text


def _social(answer: Answer, problems: Problems) -> list[dict[str, str]] | None:
    """One account a line; None when a line is not laid out so (each reported)."""
    entries: list[dict[str, str]] = []
    laid_out = True
    for line, text in answer.lines:
        parts = text.lstrip("-* ").split()
        if not 2 <= len(parts) <= 3:
            laid_out = False
            problems.add(
                line,
                msg(
                    "write on this line the network, the handle and optionally the https:// "
                    "address, separated by spaces, e.g. '{example}'",
                    example="telegram @council_gothenburg https://t.me/council_gothenburg",
                ),
                _BY_ID["social"].label,
            )
            continue
        entry = {"network": parts[0].lower(), "handle": parts[1]}
        if len(parts) > 2:
            entry["url"] = parts[2]
        entries.append(entry)
    return entries if laid_out else None


def _board(answer: Answer, problems: Problems) -> list[dict[str, Any]] | None:
    """One role a line in three columns; None when a line is not (each reported)."""
    roles: list[dict[str, Any]] = []
    laid_out = True
    for line, text in answer.lines:
        parts = [part.strip() for part in text.lstrip("-* ").split("|")]
        if len(parts) != 3 or not all(parts):
            laid_out = False
            problems.add(
                line,
                msg(
                    "write each role on its own line in three columns, 'id | title in "
                    "Persian | title in English', e.g. '{example}' (no names of people); "
                    "columns found on this line: {count}",
                    count=len([part for part in parts if part]),
                    example="secretary | دبیر | Secretary",
                ),
                _BY_ID["board"].label,
            )
            continue
        roles.append({"id": parts[0], "title": {"fa": parts[1], "en": parts[2]}})
    return roles if laid_out else None


def _value(f: Field, answer: Answer, problems: Problems) -> Any:
    if f.kind == "number":
        return _number(answer.text)
    if f.kind == "lines":
        # (a bare '-' GitHub's editor leaves at the end of a list is no name)
        return [name for _, text in answer.lines if (name := text.lstrip("-* ").strip())]
    if f.kind == "social":
        return _social(answer, problems)
    if f.kind == "board":
        return _board(answer, problems)
    return answer.text


def _coordinates_hint(data: dict[str, Any]) -> Callable[[tuple[str | int, ...], Message], Message]:
    """A latitude beyond ±90 with a longitude within it: the two were swapped."""
    coordinates = data.get("coordinates", {})
    lat, lon = coordinates.get("lat"), coordinates.get("lon")

    def hint(location: tuple[str | int, ...], message: Message) -> Message:
        if (
            location == ("coordinates", "lat")
            and isinstance(lat, (int, float))
            and isinstance(lon, (int, float))
            and abs(lat) > 90
            and abs(lon) <= 90
        ):
            return msg(
                "{problem}: latitude and longitude look swapped; write {lon} as the latitude "
                "and {lat} as the longitude",
                problem=message,
                lat=f"{lat:g}",
                lon=f"{lon:g}",
            )
        return message

    return hint


def council_from_issue(
    body: str, source: str, today: dt.date | None = None
) -> tuple[str | None, str | None, list[Diagnostic]]:
    """(id, file text, problems located in the issue body ``source``). The text is None
    when there are errors."""
    problems = Problems(source)
    if too_long(body, problems):
        return None, None, problems.sorted()
    answers = parse_body(body)
    if not any(f.id in answers for f in FIELDS if f.path):
        problems.add(
            1,
            msg(
                "no answers of the 'propose a council' form found: paste the issue's "
                "body, with its '### ' headings"
            ),
        )
        return None, None, problems.sorted()
    check_answers(FIELDS, answers, problems)
    data: dict[str, Any] = {}
    for f in FIELDS:
        answer = answers.get(f.id)
        if answer is None or not answer.text or f.path in {("id",), ()}:
            continue
        value = _value(f, answer, problems)
        if value is not None:
            _set(data, f.path, value)
    council_id = check_id(answers, problems, _invalid_council_id)
    try:
        model = Council.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        hint = _coordinates_hint(data)
        report_model_errors(errors, data, COUNCIL, FIELDS, answers, problems, hint)
        return None, None, problems.sorted()
    if problems.found:
        return None, None, problems.sorted()

    from shora.validate.rules import council_rules

    relative = f"{COUNCIL.folder}/{council_id}.yml"
    text = render(data, relative)
    document, _ = load_bytes(text.encode("utf-8"), relative)
    assert document is not None
    for finding in council_rules(
        Entry(council_id, COUNCIL, document, model), today or dt.date.today()
    ):
        if finding.severity is not Severity.ERROR:
            continue
        field_ = field_at(FIELDS, finding.path)
        problems.add(
            line_of(field_, answers, finding.path),
            finding.message,
            field_.label if field_ else None,
        )
    if problems.found:
        return None, None, problems.sorted()
    return council_id, text, []


_ORDER = [
    "name", "city", "other_names", "country", "coordinates", "federation", "status",
    "founded", "last_verified", "contacts", "assembly", "board",
]  # fmt: skip


def render(data: dict[str, Any], relative: str) -> str:
    ordered = {key: data[key] for key in _ORDER if key in data}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=10_000)
    return f"{schema_line(COUNCIL, relative)}\n{body}"


def read_body(issue: Path) -> str:
    """The body in ``issue``, at most one character more than any form can write (so
    that a longer one is reported, not read whole)."""
    with issue.open(encoding="utf-8", errors="replace", newline="") as stream:
        return stream.read(MAX_BODY_CHARS + 1)


def new_council_from_issue(root: Path, issue: Path) -> tuple[Path | None, str, list[Diagnostic]]:
    """Path and text of the council file for the issue body in ``issue``."""
    council_id, text, problems = council_from_issue(read_body(issue), issue.as_posix())
    if council_id is None or text is None:
        return None, "", problems
    return root / COUNCIL.folder / f"{council_id}.yml", text, []
