"""The read-only half of ``.github/workflows/issue-form.yml``: from the ``issues``
event GitHub recorded to what the writing job does, as files.

``python -m shora.tools.issue_workflow EVENT.json OUT [--root .]`` reads the event (the
issue's number, labels and body: written by anyone, so read as data only), runs the
issue's form (:mod:`shora.tools.issue_form` for a council, :mod:`shora.tools.resolution_form` for a
resolution), validates the project with the new file in place, and writes to ``OUT``:

* ``result.json``: ``{"outcome": "pull-request" | "comment" | "none", "issue": N,
  "kind": "council" | "resolution", "id": ..., "path": ...}`` (the id and path only
  with a pull request; both checked again by the writing job);
* ``file.yml``: the new file, for a pull request;
* ``pull-request.md``: the pull request's description;
* ``comment.md``: the answer on the issue, in the proposer's language, with each
  problem located and named by the form's label.

The outcome is also written as ``outcome=...`` to the file named by ``GITHUB_OUTPUT``.
Nothing here talks to GitHub: the writing job does, with these files only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, msg, render
from shora.load.loader import load_bytes
from shora.models.kinds import COUNCIL, RESOLUTION
from shora.tools.issue_form import FIELDS as COUNCIL_FIELDS
from shora.tools.issue_form import (
    MAX_BODY_CHARS,
    Answer,
    Field,
    council_from_issue,
    field_at,
    line_of,
    parse_body,
    reply_language,
)

# The labels the two forms put on their issues (``labels:`` in each form).
FORM_LABELS = {"council": COUNCIL, "resolution": RESOLUTION}
ACTIONS = {"opened", "edited"}
# An event file larger than this holds no issue a form wrote (its body is at most
# 65,536 characters, four bytes each at most, plus the rest of the event).
MAX_EVENT_BYTES = 4 * MAX_BODY_CHARS + 1024 * 1024


@dataclass
class Outcome:
    outcome: str  # pull-request | comment | none
    issue: int = 0
    kind: str = ""
    resolution_id: str = ""
    path: str = ""
    file_text: str = ""
    pull_request: str = ""
    comment: str = ""
    why: str = ""  # for the log, when nothing is done


def fenced(text: str) -> str:
    """``text`` in a fenced code block whose fence is longer than any run of backticks
    in it: Markdown, HTML, mentions and issue links inside are shown as written."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{text}\n{fence}"


def _labels(issue: dict[str, Any]) -> list[str]:
    return [
        label["name"]
        for label in issue.get("labels") or []
        if isinstance(label, dict) and isinstance(label.get("name"), str)
    ]


def decide(event_path: Path, root: Path, today: dt.date | None = None) -> Outcome:
    """What the writing job should do for the event in ``event_path``."""
    if event_path.stat().st_size > MAX_EVENT_BYTES:
        return Outcome("none", why="the event file is larger than any form's issue")
    event = json.loads(event_path.read_text(encoding="utf-8"))
    issue = event.get("issue") if isinstance(event, dict) else None
    if not isinstance(issue, dict) or event.get("action") not in ACTIONS:
        return Outcome("none", why="not an issue opened or edited")
    number = issue.get("number")
    if not isinstance(number, int) or isinstance(number, bool) or number <= 0:
        return Outcome("none", why="no issue number")
    if issue.get("pull_request") is not None or issue.get("state") != "open":
        return Outcome("none", issue=number, why="not an open issue")
    kinds = [label for label in _labels(issue) if label in FORM_LABELS]
    if len(kinds) != 1:
        return Outcome("none", issue=number, why="not labelled by exactly one form")
    kind = kinds[0]
    body = issue.get("body")
    body = body if isinstance(body, str) else ""
    language = reply_language(body)
    source = f"issue-{number}.md"
    if kind == "council":
        fields = COUNCIL_FIELDS
        file_id, text, problems = council_from_issue(body, source, today)
        notes: list[Message] = []
    else:
        from shora.tools.resolution_form import FIELDS as fields
        from shora.tools.resolution_form import resolution_from_issue

        proposal = resolution_from_issue(body, source, root)
        file_id, text, problems, notes = (
            proposal.resolution_id,
            proposal.text,
            proposal.problems,
            proposal.notes,
        )
    reviewers = [render(note, "en") for note in notes]
    if file_id is not None and text is not None:
        relative = f"{FORM_LABELS[kind].folder}/{file_id}.yml"
        answers = parse_body(body, fields)
        target = root / relative
        if target.exists():
            problems = [
                Diagnostic(
                    source,
                    answers["id"].line,
                    1,
                    Severity.ERROR,
                    msg(
                        "'{label}': {message}",
                        label=_label(fields, "id"),
                        message=msg("{path} exists already: choose another id", path=relative),
                    ),
                )
            ]
        else:
            found = _validate_in_place(root, target, relative, text, today)
            located = _in_form_terms(found, text, relative, fields, answers, source)
            problems = [d for d in located if d.severity is Severity.ERROR]
            reviewers += [d.format("en") for d in found if d.severity is not Severity.ERROR]
    if problems:
        return Outcome(
            "comment",
            issue=number,
            kind=kind,
            comment=comment_text(problems, language),
        )
    assert file_id is not None and text is not None
    path = f"{FORM_LABELS[kind].folder}/{file_id}.yml"
    return Outcome(
        "pull-request",
        issue=number,
        kind=kind,
        resolution_id=file_id,
        path=path,
        file_text=text,
        pull_request=pull_request_text(number, path, reviewers),
    )


def _label(fields: tuple[Field, ...], field_id: str) -> str:
    return next(f.label for f in fields if f.id == field_id)


def _in_form_terms(
    found: list[Diagnostic],
    text: str,
    relative: str,
    fields: tuple[Field, ...],
    answers: dict[str, Answer],
    source: str,
) -> list[Diagnostic]:
    """The validator's diagnostics of the new file, each moved to the answer its value
    came from and named by the field's label (left in the file where none did)."""
    document, _ = load_bytes(text.encode("utf-8"), relative)
    deepest: dict[int, tuple[str | int, ...]] = {}
    if document is not None:
        source_map = document.source_map
        for key_path, position in [*source_map.keys.items(), *source_map.values.items()]:
            if len(key_path) >= len(deepest.get(position.line, ())):
                deepest[position.line] = key_path
    located = []
    for diagnostic in found:
        path = deepest.get(diagnostic.line)
        f = field_at(fields, path) if path else None
        if f is None or path is None:
            located.append(diagnostic)
            continue
        message = msg("'{label}': {message}", label=f.label, message=diagnostic.message)
        line = line_of(f, answers, path)
        located.append(Diagnostic(source, line, 1, diagnostic.severity, message))
    return sorted(located)


def _validate_in_place(
    root: Path, target: Path, relative: str, text: str, today: dt.date | None
) -> list[Diagnostic]:
    """The project's diagnostics of the new file, put in place for the validator and
    then removed."""
    from shora.validate import validate_project

    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")
    try:
        report = validate_project(root, today=today or dt.date.today())
    finally:
        target.unlink()
    return [d for d in report.diagnostics if d.path == relative]


def comment_text(problems: list[Diagnostic], language: str) -> str:
    """The answer on the issue: what to fix, each problem on its line of the body."""
    lines = "\n".join(problem.format(language) for problem in problems)
    heading = render(
        msg(
            "This proposal cannot become a file yet. Edit the issue (in the '…' menu, "
            "'Edit') and fix what is listed below; the check runs again after each edit."
        ),
        language,
    )
    return f"{heading}\n\n{fenced(lines)}\n"


def pull_request_text(number: int, path: str, reviewers: list[str]) -> str:
    """The pull request's description: the issue it comes from, and what to check."""
    made = msg("Made by the issue form from the issue below: {path}", path=path)
    lines = [render(made, "en"), "", render(made, "fa"), "", f"Closes #{number}"]
    if reviewers:
        lines += ["", render(msg("For the reviewers:"), "en"), "", fenced("\n".join(reviewers))]
    lines += [
        "",
        render(
            msg(
                "Check every value against the source before merging: the file was made "
                "from what anyone can write in an issue."
            ),
            "en",
        ),
    ]
    return "\n".join(lines) + "\n"


def write_outcome(outcome: Outcome, out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    result = {"outcome": outcome.outcome, "issue": outcome.issue, "kind": outcome.kind}
    if outcome.outcome == "pull-request":
        result |= {"id": outcome.resolution_id, "path": outcome.path}
        (out / "file.yml").write_text(outcome.file_text, encoding="utf-8")
        (out / "pull-request.md").write_text(outcome.pull_request, encoding="utf-8")
    if outcome.outcome == "comment":
        (out / "comment.md").write_text(outcome.comment, encoding="utf-8")
    (out / "result.json").write_text(json.dumps(result) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m shora.tools.issue_workflow")
    parser.add_argument("event", type=Path, help="the event file (GITHUB_EVENT_PATH)")
    parser.add_argument("out", type=Path, help="folder for the writing job's files")
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    outcome = decide(args.event, args.root)
    write_outcome(outcome, args.out)
    github_output = os.environ.get("GITHUB_OUTPUT")
    if github_output:
        with open(github_output, "a", encoding="utf-8") as stream:
            stream.write(f"outcome={outcome.outcome}\n")
    print(f"outcome: {outcome.outcome}" + (f" ({outcome.why})" if outcome.why else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main())
