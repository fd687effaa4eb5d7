"""A "propose a council" issue (``.github/ISSUE_TEMPLATE/propose-council.yml``) turned
into a council file: ``shora new council --from-issue BODY.md``.

GitHub writes each answer of an issue form under its label: ``### Label``, a blank
line, the answer; ``_No response_`` where an optional field was left empty. Each
field of the form is one field of the council schema (:data:`FIELDS`); the tests
check that the form and this table agree.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from shora.dataset import COUNCIL, Entry
from shora.diagnostics import Diagnostic, Severity
from shora.loader import load_bytes
from shora.messages import Message, msg
from shora.models.common import ID_PATTERN
from shora.models.council import Council
from shora.schema import schema_line

NO_RESPONSE = "_No response_"


@dataclass(frozen=True)
class Field:
    id: str  # the form field's id
    label: str  # its label: the heading GitHub writes in the issue's body
    path: tuple[str, ...]  # where the answer goes in the council file ("id" = file name)
    required: bool = False
    kind: str = "text"  # text | number | lines | social | board | checkbox


FIELDS: tuple[Field, ...] = (
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
_BY_LABEL = {field.label: field for field in FIELDS}
_HEADING_RE = re.compile(r"^### (.+?)\s*$")
_ID_RE = re.compile(ID_PATTERN)


@dataclass(frozen=True)
class Answer:
    text: str  # '' when empty or "_No response_"
    line: int  # line of the answer (the heading's line + 2), 1-based
    heading_line: int


def parse_body(body: str) -> dict[str, Answer]:
    """Answers by form field id, from the Markdown body GitHub writes."""
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
        first = next((i for i, line in enumerate(lines) if line.strip()), 0)
        answers[current.id] = Answer(text, heading_line + 1 + first, heading_line)

    for number, raw in enumerate(body.replace("\r\n", "\n").split("\n"), start=1):
        heading = _HEADING_RE.match(raw)
        if heading:
            close()
            current = _BY_LABEL.get(heading.group(1).strip())
            heading_line, lines = number, []
        elif current is not None:
            lines.append(raw)
    close()
    return answers


def _set(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _number(text: str) -> float | str:
    normalized = text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩٫", "01234567890123456789."))
    try:
        return float(normalized.replace(",", "."))
    except ValueError:
        return text


def _social(text: str) -> list[dict[str, str]]:
    entries = []
    for line in text.splitlines():
        parts = line.strip().lstrip("-* ").split()
        if not parts:
            continue
        entry = {"network": parts[0].lower(), "handle": parts[1] if len(parts) > 1 else ""}
        if len(parts) > 2:
            entry["url"] = parts[2]
        entries.append(entry)
    return entries


def _board(text: str) -> list[dict[str, Any]]:
    roles = []
    for line in text.splitlines():
        parts = [part.strip() for part in line.strip().lstrip("-* ").split("|")]
        if not parts or not parts[0]:
            continue
        fa = parts[1] if len(parts) > 1 else ""
        en = parts[2] if len(parts) > 2 else ""
        roles.append({"id": parts[0], "title": {"fa": fa, "en": en}})
    return roles


def _value(field: Field, text: str) -> Any:
    if field.kind == "number":
        return _number(text)
    if field.kind == "lines":
        return [line.strip().lstrip("-* ").strip() for line in text.splitlines() if line.strip()]
    if field.kind == "social":
        return _social(text)
    if field.kind == "board":
        return _board(text)
    return text


def _field_of(location: tuple[str | int, ...]) -> Field | None:
    """The form field an error at ``location`` in the council belongs to."""
    best: Field | None = None
    for field in FIELDS:
        n = len(field.path)
        if tuple(location[:n]) == field.path and (best is None or n > len(best.path)):
            best = field
    if best is None:
        # e.g. an error about 'assembly' as a whole: its first field in the form
        best = next((f for f in FIELDS if f.path[: len(location)] == tuple(location)), None)
    return best


def council_from_issue(body: str, source: str) -> tuple[str | None, str | None, list[Diagnostic]]:
    """(id, file text, problems located in the issue body ``source``). The text is None
    when there are errors."""
    answers = parse_body(body)
    problems: list[Diagnostic] = []

    def problem(line: int, message: Message, field: Field | None = None) -> None:
        if field is not None:
            message = msg("'{label}': {message}", label=field.label, message=message)
        problems.append(Diagnostic(source, line, 1, Severity.ERROR, message))

    if not answers:
        problem(1, msg("no answers of the 'propose a council' form found: paste the issue's "
                       "body, with its '### ' headings"))  # fmt: skip
        return None, None, problems
    data: dict[str, Any] = {}
    for field in FIELDS:
        answer = answers.get(field.id)
        if answer is None:
            if field.required:
                problem(
                    1,
                    msg("the section '### {label}' is missing: it is required", label=field.label),
                )
            continue
        if not answer.text:
            if field.required:
                problem(
                    answer.heading_line, msg("'{label}' is required: answer it", label=field.label)
                )
            continue
        if field.path == ("id",):
            continue
        _set(data, field.path, _value(field, answer.text))
    council_id = answers["id"].text.strip() if "id" in answers else ""
    if council_id and not _ID_RE.match(council_id):
        problem(
            answers["id"].line,
            msg(
                "'{id}' is not a valid id: use lowercase ASCII words joined by '-', "
                "e.g. 'gothenburg'",
                id=council_id,
            ),
        )
    try:
        model = Council.model_validate(data)
    except ValidationError as error:
        for detail in error.errors():
            if detail["type"] == "missing":
                continue  # reported above, at its section
            location = tuple(detail["loc"])
            field = _field_of(location)
            line = answers[field.id].line if field and field.id in answers else 1
            context = detail.get("ctx") or {}
            problem(line, context.get("message") or msg("{problem}", problem=detail["msg"]), field)
        return None, None, sorted(problems)
    if problems:
        return None, None, sorted(problems)

    from shora.validate.rules import council_rules

    relative = f"{COUNCIL.folder}/{council_id}.yml"
    text = render(data, relative)
    document, _ = load_bytes(text.encode("utf-8"), relative)
    assert document is not None
    for finding in council_rules(Entry(council_id, COUNCIL, document, model), dt.date.today()):
        if finding.severity is not Severity.ERROR:
            continue
        field = _field_of(finding.path)
        line = answers[field.id].line if field and field.id in answers else 1
        problem(line, finding.message, field)
    if problems:
        return None, None, sorted(problems)
    return council_id, text, []


_ORDER = [
    "name", "city", "other_names", "country", "coordinates", "federation", "status",
    "founded", "last_verified", "contacts", "assembly", "board",
]  # fmt: skip


def render(data: dict[str, Any], relative: str) -> str:
    ordered = {key: data[key] for key in _ORDER if key in data}
    body = yaml.safe_dump(ordered, allow_unicode=True, sort_keys=False, width=10_000)
    return f"{schema_line(COUNCIL, relative)}\n{body}"


def new_council_from_issue(root: Path, issue: Path) -> tuple[Path | None, str, list[Diagnostic]]:
    """Path and text of the council file for the issue body in ``issue``."""
    body = issue.read_text(encoding="utf-8")
    council_id, text, problems = council_from_issue(body, issue.as_posix())
    if council_id is None or text is None:
        return None, "", problems
    return root / COUNCIL.folder / f"{council_id}.yml", text, []
