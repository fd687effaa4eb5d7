"""data/popolo.json: the Popolo data model (https://www.popoloproject.com/specs/):
organizations with their parents, posts, people who consented to be named, their
memberships, motions (resolutions and decisions) and vote events with counts."""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Any

from shora.load.dataset import Dataset
from shora.publish.common import NAMESPACE, write_text
from shora.publish.resolutions_json import dumps
from shora.site.routes import POPOLO_JSON

FILE = POPOLO_JSON


def _names(text: Any) -> dict[str, Any]:
    """The English name, or the Persian one while a resolution's text is not translated
    yet; every name written, with its language."""
    return {
        "name": text.en or text.fa,
        "other_names": [
            {"name": name, "note": language}
            for language, name in (("fa", text.fa), ("en", text.en))
            if name
        ],
    }


def body_id(organization: str, body: Any) -> str:
    """Id of an adopting body (e.g. a central committee) inside its organization: from
    its English name, or, until it is translated, a stable one from its Persian name."""
    if not body.en:
        return f"{organization}/body-{uuid.uuid5(NAMESPACE, body.fa).hex[:8]}"
    return f"{organization}/" + (re.sub(r"[^a-z0-9]+", "-", body.en.lower()).strip("-") or "body")


def _result(outcome: str) -> str:
    return "pass" if outcome == "adopted" else "fail"


def _counts(vote: Any) -> list[dict[str, Any]]:
    counts = []
    for option in ("yes", "no", "abstain"):
        value = getattr(vote, option, None)
        if value is not None:
            counts.append({"option": option, "value": value})
    return counts


def document(dataset: Dataset) -> dict[str, Any]:
    organizations: dict[str, dict[str, Any]] = {}
    for id_, entry in sorted(dataset.organizations.items()):
        organizations[id_] = {
            "id": id_,
            "classification": "party",
            **_names(entry.model.name),
            **({"links": [{"url": entry.model.website}]} if entry.model.website else {}),
        }
    for entry in dataset.resolutions.values():
        body = entry.model.adopted_by.body
        key = body_id(entry.model.organization, body)
        organizations.setdefault(
            key,
            {"id": key, "classification": "body", **_names(body),
             "parent_id": entry.model.organization},
        )  # fmt: skip
    for id_, entry in sorted(dataset.federations.items()):
        model = entry.model
        organizations[id_] = {
            "id": id_,
            "classification": f"federation-{model.level}",
            **_names(model.name),
            "parent_id": model.parent,
            "founding_date": model.founded.gregorian_container(),
        }
    for id_, entry in sorted(dataset.councils.items()):
        model = entry.model
        organizations[id_] = {
            "id": id_,
            "classification": "council",
            **_names(model.name),
            "parent_id": model.federation,
            "area": {"name": model.city.en, "country": model.country},
            "founding_date": model.founded.gregorian_container(),
        }

    posts, people, memberships = [], {}, []
    for id_, entry in sorted(dataset.councils.items()):
        for role in entry.model.board:
            post_id = f"{id_}/{role.id}"
            posts.append(
                {"id": post_id, "organization_id": id_, "role": role.id, "label": role.title.en,
                 "other_labels": [{"name": role.title.fa, "note": "fa"}]}
            )  # fmt: skip
            holder = role.holder
            if holder is not None and holder.consent:
                person_id = f"{post_id}/holder"
                people[person_id] = {"id": person_id, **_names(holder.name)}
                memberships.append(
                    {"id": f"{post_id}/membership", "person_id": person_id,
                     "organization_id": id_, "post_id": post_id, "role": role.id}
                )  # fmt: skip

    motions: list[dict[str, Any]] = []
    vote_events: list[dict[str, Any]] = []
    for id_, entry in sorted(dataset.resolutions.items()):
        model = entry.model
        motion_id = f"resolution/{id_}"
        # Popolo dates are YYYY[-MM[-DD]]: a Solar Hijri month or year is given as the
        # Gregorian month or year that holds it (or none); the exact span is in
        # resolutions.json.
        date = model.adopted.date.gregorian_container()
        motions.append(
            {"id": motion_id,
             "organization_id": body_id(model.organization, model.adopted_by.body),
             "text": model.title.en or model.title.fa, "classification": "resolution",
             "date": date,
             "result": "pass", "other_texts": [{"text": model.title.fa, "note": "fa"}]}
        )  # fmt: skip
        if model.vote.kind in ("counts", "unanimous"):
            vote_events.append(
                {"id": f"{motion_id}/vote", "motion_id": motion_id, "start_date": date,
                 "result": "pass", "classification": model.vote.kind,
                 "counts": _counts(model.vote)}
            )  # fmt: skip
    for id_, entry in sorted(dataset.decisions.items()):
        model = entry.model
        motion_id = f"decision/{id_}"
        motions.append(
            {"id": motion_id, "organization_id": model.council, "text": model.title.en,
             "classification": model.kind, "date": model.date.isoformat(),
             "result": _result(model.outcome),
             "other_texts": [{"text": model.title.fa, "note": "fa"}]}
        )  # fmt: skip
        vote_events.append(
            {"id": f"{motion_id}/vote", "motion_id": motion_id,
             "start_date": model.date.isoformat(), "result": _result(model.outcome),
             "counts": _counts(model.vote), "participants": model.vote.participants}
        )  # fmt: skip
    return {
        "organizations": list(organizations.values()),
        "posts": posts,
        "persons": list(people.values()),
        "memberships": memberships,
        "motions": motions,
        "vote_events": vote_events,
    }


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [write_text(site_dir / FILE, dumps(document(dataset)))]
