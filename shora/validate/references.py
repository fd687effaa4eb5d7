"""Rules that look across files: references, supersession, federations, ids, and
the same council under two ids."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from shora.core.diagnostics import Severity
from shora.core.messages import Message, msg
from shora.core.persian import LETTER_FIXES
from shora.load.dataset import Dataset, Entry
from shora.models.clauses import anchors
from shora.models.common import LANGUAGES
from shora.models.council import Council
from shora.models.geography import continent_of
from shora.models.kinds import COUNCIL, FEDERATION, ORGANIZATION, RESOLUTION, Kind
from shora.validate.placeholders import is_example
from shora.validate.rules import Finding


@dataclass(frozen=True)
class Located:
    entry: Entry[Any]
    finding: Finding


def _with_closest(problem: Message, name: str, candidates: list[str]) -> Message:
    """``problem``, and the closest of ``candidates`` to ``name`` if one is close."""
    import difflib

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    if not close:
        return problem
    return msg("{problem}; did you mean '{close}'?", problem=problem, close=close[0])


def _missing(dataset: Dataset, kind: Kind, id_: str) -> Message:
    """The message for a reference to a file that does not exist."""
    path = f"{kind.folder}/{id_}.yml"
    if kind is ORGANIZATION:
        problem = msg("no organization '{id}' ({path})", id=id_, path=path)
    elif kind is FEDERATION:
        problem = msg("no federation '{id}' ({path})", id=id_, path=path)
    elif kind is COUNCIL:
        problem = msg("no council '{id}' ({path})", id=id_, path=path)
    else:
        problem = msg("no resolution '{id}' ({path})", id=id_, path=path)
    return _with_closest(problem, id_, sorted(dataset.table(kind)))


def _no_clause(resolution: str, anchor: str, known: set[str]) -> Message:
    return _with_closest(
        msg("resolution '{id}' has no clause '{anchor}'", id=resolution, anchor=anchor),
        anchor,
        sorted(known),
    )


def _clause_reference(dataset: Dataset, reference: str) -> Message | None:
    """Why ``reference`` ('id' or 'id#anchor') does not resolve, or None."""
    target_id, _, anchor = reference.partition("#")
    if target_id not in dataset.resolutions:
        if dataset.exists(RESOLUTION, target_id):
            return None  # the target exists but is itself invalid: reported there
        return _missing(dataset, RESOLUTION, target_id)
    if anchor:
        known = anchors(dataset.resolutions[target_id].model)
        if anchor not in known:
            return _no_clause(target_id, anchor, known)
    return None


def cross_file_findings(dataset: Dataset) -> Iterator[Located]:
    yield from _resolution_references(dataset)
    yield from _council_references(dataset)
    yield from _federation_references(dataset)
    yield from _decision_references(dataset)
    yield from _platform_references(dataset)
    yield from _same_councils(dataset)


def _resolution_references(dataset: Dataset) -> Iterator[Located]:
    topics = dataset.topics.model.root if dataset.topics else {}
    # A topics file with errors is reported there; its topics are not all "unknown".
    check_topics = "topics" not in dataset.invalid_ids
    superseded_by: dict[str, list[str]] = {}
    for entry in dataset.resolutions.values():
        model = entry.model
        if not dataset.exists(ORGANIZATION, model.organization) and not is_example(
            "resolution", ("organization",), model.organization
        ):
            # (a template's example is reported as such, in the file alone)
            yield Located(
                entry,
                Finding(
                    ("organization",),
                    _missing(dataset, ORGANIZATION, model.organization),
                ),
            )
        for i, topic in enumerate(model.topics):
            if check_topics and topic not in topics:
                yield Located(
                    entry,
                    Finding(
                        ("topics", i),
                        _with_closest(
                            msg(
                                "unknown topic '{topic}': add it to resolutions/_topics.yml",
                                topic=topic,
                            ),
                            topic,
                            sorted(topics),
                        ),
                    ),
                )
        for field in ("supersedes", "amends"):
            for i, reference in enumerate(getattr(model, field)):
                problem = _clause_reference(dataset, reference)
                if problem:
                    yield Located(entry, Finding((field, i), problem))
                elif field == "supersedes" and "#" not in reference and reference != entry.id:
                    # (a resolution that names itself is reported by the per-file rules)
                    superseded_by.setdefault(reference, []).append(entry.id)
    for entry in dataset.resolutions.values():
        by = superseded_by.get(entry.id, [])
        if entry.model.status == "superseded" and not by:
            yield Located(
                entry,
                Finding(
                    ("status",),
                    msg(
                        "status is superseded, but no resolution lists it under 'supersedes': "
                        "add it there, or correct the status"
                    ),
                ),
            )
        if by and entry.model.status != "superseded":
            yield Located(
                entry,
                Finding(
                    ("status",),
                    msg(
                        "resolution '{id}' supersedes this one: write status: superseded",
                        id=by[0],
                    ),
                ),
            )


def _council_references(dataset: Dataset) -> Iterator[Located]:
    for entry in dataset.councils.values():
        model = entry.model
        if model.federation is None:
            continue
        federation = dataset.federations.get(model.federation)
        if federation is None:
            if not dataset.exists(FEDERATION, model.federation):
                yield Located(
                    entry,
                    Finding(
                        ("federation",),
                        _missing(dataset, FEDERATION, model.federation),
                    ),
                )
            continue
        if federation.model.level != "country":
            yield Located(
                entry,
                Finding(
                    ("federation",),
                    msg(
                        "'{id}' is a continent federation: a council belongs to the "
                        "federation of its country",
                        id=model.federation,
                    ),
                ),
            )
        elif federation.model.country not in (None, model.country):
            # (a country federation without a country is reported in its own file)
            yield Located(
                entry,
                Finding(
                    ("federation",),
                    msg(
                        "federation '{id}' is for {country}, but the council is in {council}",
                        id=model.federation,
                        country=federation.model.country,
                        council=model.country,
                    ),
                ),
            )


def _federation_references(dataset: Dataset) -> Iterator[Located]:
    for entry in dataset.federations.values():
        model = entry.model
        if model.parent is None or model.level != "country":
            continue  # a continent federation with a parent is reported by the per-file rules
        parent = dataset.federations.get(model.parent)
        if parent is None:
            if not dataset.exists(FEDERATION, model.parent):
                yield Located(
                    entry,
                    Finding(
                        ("parent",),
                        _missing(dataset, FEDERATION, model.parent),
                    ),
                )
            continue
        if parent.model.level != "continent":
            yield Located(
                entry,
                Finding(("parent",), msg("'{id}' is not a continent federation", id=model.parent)),
            )
        elif (
            model.country
            and parent.model.continent is not None
            and continent_of(model.country) not in (None, parent.model.continent)
        ):
            yield Located(
                entry,
                Finding(
                    ("parent",),
                    msg(
                        "'{id}' is the federation of {continent}, but {country} is in {other}",
                        id=model.parent,
                        continent=parent.model.continent,
                        country=model.country,
                        other=str(continent_of(model.country)),
                    ),
                ),
            )


def _first_elections(dataset: Dataset) -> dict[tuple[str, str], dt.date]:
    """(council, role) -> date of its first adopted election (one pass, not one per recall)."""
    first: dict[tuple[str, str], dt.date] = {}
    for other in dataset.decisions.values():
        model = other.model
        if model.kind == "election" and model.outcome == "adopted" and model.role is not None:
            key = (model.council, model.role)
            if key not in first or model.date < first[key]:
                first[key] = model.date
    return first


def _elected_before(
    first_elections: dict[tuple[str, str], dt.date], council: str, role: str, date: dt.date
) -> bool:
    first = first_elections.get((council, role))
    return first is not None and first <= date


def _decision_references(dataset: Dataset) -> Iterator[Located]:
    first_elections = _first_elections(dataset)
    for entry in dataset.decisions.values():
        model = entry.model
        council = dataset.councils.get(model.council)
        if council is None:
            if model.council not in dataset.invalid_ids.get("council", set()) and not is_example(
                "decision", ("council",), model.council
            ):
                yield Located(
                    entry,
                    Finding(
                        ("council",),
                        _missing(dataset, COUNCIL, model.council),
                    ),
                )
            continue
        if model.role is not None and not is_example("decision", ("role",), model.role):
            roles = [role.id for role in council.model.board]
            if model.role not in roles:
                yield Located(
                    entry,
                    Finding(
                        ("role",),
                        msg(
                            "council '{council}' has no board role '{role}'; its roles: {roles}",
                            council=model.council,
                            role=model.role,
                            roles=roles,
                        )
                        if roles
                        else msg(
                            "council '{council}' has no board role '{role}'; its board is empty",
                            council=model.council,
                            role=model.role,
                        ),
                    ),
                )
            elif model.kind == "recall":
                # Someone must hold the role to be recalled: its holder is listed, or
                # an earlier election of it is published.
                role = next(r for r in council.model.board if r.id == model.role)
                if role.holder is None and not _elected_before(
                    first_elections, model.council, model.role, model.date
                ):
                    yield Located(
                        entry,
                        Finding(
                            ("role",),
                            msg(
                                "a recall of '{role}', but council '{council}' lists no holder "
                                "of it and no earlier election of it is published: publish the "
                                "election, or check the role",
                                role=model.role,
                                council=model.council,
                            ),
                            Severity.WARNING,
                        ),
                    )


def _platform_references(dataset: Dataset) -> Iterator[Located]:
    for entry in dataset.platforms.values():
        model = entry.model
        source = dataset.resolutions.get(model.source)
        if source is None:
            if not dataset.exists(RESOLUTION, model.source):
                yield Located(
                    entry,
                    Finding(
                        ("source",),
                        _missing(dataset, RESOLUTION, model.source),
                    ),
                )
            continue
        known = anchors(source.model)
        for field in ("unit", "federations", "membership", "decisions", "executive_board"):
            clause = getattr(model, field).clause
            if clause not in known:
                yield Located(
                    entry,
                    Finding((field, "clause"), _no_clause(model.source, clause, known)),
                )


_LETTERS = str.maketrans({wrong: right for wrong, (right, _) in LETTER_FIXES.items()})
_SPACES = re.compile(r"[\s\u200c]+")  # (the zero-width non-joiner too: 'شورای‌ها' vs 'شورای ها')


def _folded(text: str) -> str:
    """A name as compared for sameness: case, spacing and Arabic letter forms aside."""
    return _SPACES.sub(" ", text.translate(_LETTERS)).strip().casefold()


def _same_councils(dataset: Dataset) -> Iterator[Located]:
    """A council with the same country, city and name as another one, in the same
    language, under another id: most likely one council written twice."""
    first: dict[tuple[str, str, str, str], Entry[Council]] = {}
    for entry in sorted(dataset.councils.values(), key=lambda e: e.path):
        model = entry.model
        keys = [
            (language, model.country, _folded(model.city[language]), _folded(model.name[language]))
            for language in LANGUAGES
        ]
        other = next((first[key] for key in keys if key in first), None)
        if other is not None:
            yield Located(
                entry,
                Finding(
                    ("name",),
                    msg(
                        "council '{other}' ({path}) has the same name and city: if it is the "
                        "same council, keep one of the two files; if not, tell them apart "
                        "in the name",
                        other=other.id,
                        path=other.path,
                    ),
                    Severity.WARNING,
                    at_key=True,
                ),
            )
        for key in keys:
            first.setdefault(key, entry)
