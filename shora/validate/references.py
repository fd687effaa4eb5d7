"""Rules that look across files: references, supersession, federations, ids."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from shora.clauses import anchors
from shora.dataset import COUNCIL, FEDERATION, ORGANIZATION, RESOLUTION, Dataset, Entry, Kind
from shora.diagnostics import Severity
from shora.geography import continent_of
from shora.validate.rules import Finding


@dataclass(frozen=True)
class Located:
    entry: Entry[object]
    finding: Finding


def _closest(name: str, candidates: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, candidates, n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""


def _missing(dataset: Dataset, kind: Kind, id_: str) -> str:
    """The message for a reference to a file that does not exist."""
    hint = _closest(id_, sorted(dataset.table(kind)))
    return f"no {kind.name} '{id_}' ({kind.folder}/{id_}.yml){hint}"


def _clause_reference(dataset: Dataset, reference: str) -> str | None:
    """Why ``reference`` ('id' or 'id#anchor') does not resolve, or None."""
    target_id, _, anchor = reference.partition("#")
    if target_id not in dataset.resolutions:
        if dataset.exists(RESOLUTION, target_id):
            return None  # the target exists but is itself invalid: reported there
        return _missing(dataset, RESOLUTION, target_id)
    if anchor:
        known = anchors(dataset.resolutions[target_id].model)
        if anchor not in known:
            return (
                f"resolution '{target_id}' has no clause '{anchor}'"
                f"{_closest(anchor, sorted(known))}"
            )
    return None


def cross_file_findings(dataset: Dataset) -> Iterator[Located]:
    yield from _resolution_references(dataset)
    yield from _council_references(dataset)
    yield from _decision_references(dataset)
    yield from _platform_references(dataset)


def _resolution_references(dataset: Dataset) -> Iterator[Located]:
    topics = dataset.topics.model.root if dataset.topics else {}
    # A topics file with errors is reported there; its topics are not all "unknown".
    check_topics = "topics" not in dataset.invalid_ids
    superseded_by: dict[str, list[str]] = {}
    for entry in dataset.resolutions.values():
        model = entry.model
        if not dataset.exists(ORGANIZATION, model.organization):
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
                        f"unknown topic '{topic}': add it to resolutions/_topics.yml"
                        + _closest(topic, sorted(topics)),
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
                    "status is superseded, but no resolution lists it under 'supersedes': "
                    "add it there, or correct the status",
                ),
            )
        if by and entry.model.status != "superseded":
            yield Located(
                entry,
                Finding(
                    ("status",),
                    f"resolution '{by[0]}' supersedes this one: write status: superseded",
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
                    f"'{model.federation}' is a continent federation: a council belongs to "
                    "the federation of its country",
                ),
            )
        elif federation.model.country not in (None, model.country):
            # (a country federation without a country is reported in its own file)
            yield Located(
                entry,
                Finding(
                    ("federation",),
                    f"federation '{model.federation}' is for {federation.model.country}, "
                    f"but the council is in {model.country}",
                ),
            )
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
                entry, Finding(("parent",), f"'{model.parent}' is not a continent federation")
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
                    f"'{model.parent}' is the federation of {parent.model.continent}, but "
                    f"{model.country} is in {continent_of(model.country)}",
                ),
            )


def _first_elections(dataset: Dataset) -> dict[tuple[str, str], object]:
    """(council, role) -> date of its first adopted election (one pass, not one per recall)."""
    first: dict[tuple[str, str], object] = {}
    for other in dataset.decisions.values():
        model = other.model
        if model.kind == "election" and model.outcome == "adopted" and model.role is not None:
            key = (model.council, model.role)
            if key not in first or model.date < first[key]:  # type: ignore[operator]
                first[key] = model.date
    return first


def _elected_before(
    first_elections: dict[tuple[str, str], object], council: str, role: str, date: object
) -> bool:
    first = first_elections.get((council, role))
    return first is not None and first <= date  # type: ignore[operator]


def _decision_references(dataset: Dataset) -> Iterator[Located]:
    first_elections = _first_elections(dataset)
    for entry in dataset.decisions.values():
        model = entry.model
        council = dataset.councils.get(model.council)
        if council is None:
            if model.council not in dataset.invalid_ids.get("council", set()):
                yield Located(
                    entry,
                    Finding(
                        ("council",),
                        _missing(dataset, COUNCIL, model.council),
                    ),
                )
            continue
        if model.role is not None:
            roles = [role.id for role in council.model.board]
            if model.role not in roles:
                yield Located(
                    entry,
                    Finding(
                        ("role",),
                        f"council '{model.council}' has no board role '{model.role}'"
                        + (f"; its roles: {', '.join(roles)}" if roles else "; its board is empty"),
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
                            f"a recall of '{model.role}', but council '{model.council}' lists no "
                            "holder of it and no earlier election of it is published: publish "
                            "the election, or check the role",
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
                    Finding(
                        (field, "clause"),
                        f"resolution '{model.source}' has no clause '{clause}'"
                        + _closest(clause, sorted(known)),
                    ),
                )
