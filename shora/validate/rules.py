"""Rules about one file at a time, applied to type-checked models.

Each rule yields ``Finding``s that point at a path in the file; the validator
locates them. Rules that need other files live in :mod:`shora.validate.references`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from shora.core.dates import Day
from shora.core.diagnostics import Severity
from shora.core.messages import Localized, Message, msg
from shora.core.persian import ABJAD_LETTERS
from shora.load.dataset import Entry
from shora.load.loader import PathKey
from shora.models.clauses import MAX_ITEMS, clauses, texts
from shora.models.common import LANGUAGES, PartialDate
from shora.models.council import Council, Decision, DecisionVote, Federation, Person
from shora.models.resolution import Resolution, Unanimous, VoteCounts

STALE_AFTER_DAYS = 365


@dataclass(frozen=True)
class Finding:
    path: PathKey
    message: Message
    severity: Severity = Severity.ERROR
    at_key: bool = False  # point at the key rather than the value


def _future(date: PartialDate | dt.date | None, today: dt.date) -> bool:
    if date is None:
        return False
    first = date.earliest() if isinstance(date, PartialDate) else date
    return first is not None and first > today


def _written(date: Any) -> str:
    """A date as the editor wrote it: ``1404-07-15 SH`` stays Solar Hijri."""
    return date.written() if isinstance(date, Day) else str(date)


def _future_finding(path: PathKey, date: Any) -> Finding:
    return Finding(
        path,
        msg(
            "the date {date} is in the future: check the year, month and day",
            date=_written(date),
        ),
    )


def _id_matches_file(entry: Entry[Any]) -> Iterator[Finding]:
    declared = getattr(entry.model, "id", None)
    if declared is not None and declared != entry.id:
        yield Finding(
            ("id",),
            msg(
                "'{declared}' does not match the file name '{file}': write id: {id} "
                "(or remove the id line; the file name is the id)",
                declared=str(declared),
                file=f"{entry.id}.yml",
                id=entry.id,
            ),
        )


def _vote_findings(vote: Any) -> Iterator[Finding]:
    if isinstance(vote, Unanimous) and vote.no:
        yield Finding(
            ("vote", "no"),
            msg(
                "a unanimous vote has no 'no' votes, found {no}: "
                "write kind: counts with the real numbers",
                no=vote.no,
            ),
        )
    if isinstance(vote, Unanimous) and vote.yes == 0:
        yield Finding(
            ("vote", "yes"),
            msg(
                "a unanimous vote has yes votes, found 0: write the real number, "
                "or kind: without-vote if there was no vote"
            ),
        )
    if isinstance(vote, (Unanimous, VoteCounts)) and vote.participants is not None:
        cast = (vote.yes or 0) + (vote.no or 0) + (vote.abstain or 0)
        if cast > vote.participants:
            yield _too_many_votes(cast, vote.participants)


def _too_many_votes(cast: int, participants: int) -> Finding:
    return Finding(
        ("vote", "participants"),
        msg(
            "yes + no + abstain = {cast} is more than the {participants} participants",
            cast=cast,
            participants=participants,
        ),
    )


def _person_consent(path: PathKey, person: Person | None) -> Iterator[Finding]:
    if person is not None and not person.consent:
        yield Finding(
            (*path, "name"),
            msg(
                "a person's name is published only with their consent: after asking them, "
                "add 'consent: true' beside the name, or remove the name"
            ),
        )


# A number or letter typed at the start of a clause, which Shora adds itself:
# "۳-", "3.", "٣)", "الف)", "(a)", "b)".
_ABJAD = "|".join(ABJAD_LETTERS)
_TYPED_LABEL = re.compile(rf"^\s*(?:[0-9۰-۹٠-٩]{{1,3}}\s*[-–.)]|\(?[a-z]\)|(?:{_ABJAD})\))\s*")


def _typed_labels(resolution: Resolution) -> Iterator[Finding]:
    for clause in clauses(resolution):
        for language in LANGUAGES:
            match = _TYPED_LABEL.match(clause.text.get(language) or "")
            if match:
                yield Finding(
                    (*clause.path, language),
                    msg(
                        "starts with '{label}': clause numbers and letters are added by Shora "
                        "from the clause's position; remove it",
                        label=match.group().strip(),
                    ),
                    Severity.WARNING,
                )


def translation_findings(model: Resolution) -> Iterator[Finding]:
    """Every text in the original language (the type sees to Persian), and in English
    when its translation is complete: one finding for each text without it."""
    if model.original_language == "en":
        persian = model.translations.get("fa")
        if persian and persian.status == "missing":
            yield Finding(
                ("translations", "fa", "status"),
                msg(
                    "'missing' is for an English translation only: every text has "
                    "its Persian; write 'status: complete' or 'status: draft'"
                ),
            )
    if model.translation_status("en") != "complete":
        return
    original = model.original_language == "en"
    every = list(texts(model))
    if not original and all(text.en is None for _, text, _ in every):
        # Nothing translated: one finding where the status is, not one per text.
        yield Finding(
            ("translations", "en", "status"),
            msg(
                "the translation is marked complete, but no text has its English "
                "yet: write 'status: missing' (or 'status: draft' once a part is "
                "translated)"
            ),
        )
        return
    for path, text, anchor in every:
        if text.en is None:
            yield Finding(path, _no_english(anchor, original=original))


def _no_english(anchor: str | None, *, original: bool) -> Message:
    if original:
        return msg(
            "no English text: English is the original language of this resolution; "
            "add 'en:' with the text as adopted"
        )
    if anchor:
        return msg(
            "clause {anchor} has no English text, but the translation is marked complete: "
            "add 'en:' with its English, or write 'status: draft' under 'translations: en:' "
            "until it is translated",
            anchor=anchor,
        )
    return msg(
        "no English text, but the translation is marked complete: add 'en:' with the "
        "English, or write 'status: draft' under 'translations: en:' until it is translated"
    )


def resolution_rules(entry: Entry[Resolution], today: dt.date) -> Iterator[Finding]:
    model = entry.model
    yield from _id_matches_file(entry)
    yield from translation_findings(model)
    yield from _typed_labels(model)
    adopted = model.adopted.date
    if not adopted.known and model.adopted.note is None:
        yield Finding(
            ("adopted", "date"),
            msg(
                "the adoption date is unknown: add 'note:' (fa and en) saying what the "
                "sources tell about it"
            ),
        )
    if _future(adopted, today):
        yield _future_finding(("adopted", "date"), adopted)
    yield from _vote_findings(model.vote)
    for i, publication in enumerate(model.published):
        if _future(publication.date, today):
            yield _future_finding(("published", i, "date"), publication.date)
        adopted_first, published_first = adopted.earliest(), publication.date.earliest()
        if (
            adopted.precision == "day"
            and publication.date.precision == "day"
            and adopted_first
            and published_first
            and published_first < adopted_first
        ):
            yield Finding(
                ("published", i, "date"),
                msg(
                    "published on {published}, before it was adopted ({adopted})",
                    published=str(publication.date),
                    adopted=str(adopted),
                ),
                Severity.WARNING,
            )
    if model.original_language in model.translations:
        yield Finding(
            ("translations", model.original_language),
            msg(
                "'{language}' is the original language, not a translation: remove this entry",
                language=model.original_language,
            ),
            at_key=True,
        )
    for language in LANGUAGES:
        if language != model.original_language and language not in model.translations:
            yield Finding(
                ("translations",),
                msg(
                    "missing translation status for '{language}': add '{language}:' with "
                    "'status: complete', 'status: draft' or 'status: missing' (not yet "
                    "translated)",
                    language=language,
                ),
                at_key=True,
            )
    for i, point in enumerate(model.text.points):
        if len(point.items) > MAX_ITEMS:
            yield Finding(
                ("text", "points", i, "items", MAX_ITEMS),
                msg(
                    "a point has at most {most} lettered sub-items (الف to غ), "
                    "found {found}: split the point",
                    most=MAX_ITEMS,
                    found=len(point.items),
                ),
            )
    for field in ("supersedes", "amends"):
        for i, reference in enumerate(getattr(model, field)):
            if reference.split("#", 1)[0] == entry.id:
                yield Finding((field, i), _SELF_REFERENCE[field])


def _schedule_findings(council: Council) -> Iterator[Finding]:
    assembly = council.assembly
    if assembly is None:
        return
    scheduled = {
        "weekday": assembly.weekday,
        "time": assembly.time,
        "timezone": assembly.timezone,
    }
    given = [name for name, value in scheduled.items() if value is not None]
    if given and len(given) < len(scheduled):
        missing = [name for name in scheduled if name not in given]
        yield Finding(
            ("assembly",),
            msg(
                "a regular meeting needs weekday, time and timezone: add {missing}",
                missing=missing,
            ),
            at_key=True,
        )
    if not given and assembly.text is None:
        yield Finding(
            ("assembly",),
            msg("say when the general assembly meets: weekday, time and timezone, or text"),
            at_key=True,
        )
    venue = assembly.venue
    if venue is not None and venue.address is not None and not venue.public:
        yield Finding(
            ("assembly", "venue", "address"),
            msg(
                "this repository is public: put an address here only if it may be published, "
                "and then add 'public: true'"
            ),
        )


def _coordinates_findings(council: Council) -> Iterator[Finding]:
    """The city's coordinates fall in the stated country (Natural Earth 50m, with a
    coastal tolerance); swapped lat/lon and mistyped signs are the usual mistakes."""
    from shora.maps.locate import TOLERANCE, country_at, has_shape, in_country
    from shora.models.geography import country_name

    code, lat, lon = council.country, council.coordinates.lat, council.coordinates.lon
    if not has_shape(code) or in_country(code, lat, lon):
        return  # (a country too small for the map data cannot be checked)
    stated = _country(code, country_name)
    hint: Message
    if -90 <= lon <= 90 and in_country(code, lon, lat):
        hint = msg(
            "lat and lon look swapped: write lat: {lon} and lon: {lat}", lat=str(lat), lon=str(lon)
        )
    else:
        found = country_at(lat, lon)
        where = (
            msg("in {country}", country=_country(found, country_name))
            if found
            else msg("not on land")
        )
        hint = msg(
            "that point is {where}; check the numbers (lat: north +, south -; lon: east +, west -)",
            where=where,
        )
    yield Finding(
        ("coordinates",),
        msg(
            "lat {lat}, lon {lon} is not in {country} (nor within {tolerance} degrees of its "
            "coast or border): {hint}",
            lat=str(lat),
            lon=str(lon),
            country=stated,
            tolerance=TOLERANCE,
            hint=hint,
        ),
        at_key=True,
    )


def _country(code: str, country_name: Callable[[str, str], str]) -> Message:
    """``SE (Sweden)``, with the country's name in the message's language."""
    return msg(
        "{code} ({name})",
        code=code,
        name=Localized(country_name(code, "fa"), country_name(code, "en")),
    )


def council_rules(entry: Entry[Council], today: dt.date) -> Iterator[Finding]:
    model = entry.model
    yield from _id_matches_file(entry)
    yield from _coordinates_findings(model)
    if _future(model.founded, today):
        yield _future_finding(("founded",), model.founded)
    if _future(model.last_verified, today):
        yield _future_finding(("last_verified",), model.last_verified)
    elif (today - model.last_verified).days > STALE_AFTER_DAYS and model.status in (
        "forming",
        "active",
    ):
        yield Finding(
            ("last_verified",),
            msg(
                "last verified on {date}, more than a year ago: check that the "
                "council still meets and update the date (or its status)",
                date=_written(model.last_verified),
            ),
            Severity.WARNING,
        )
    yield from _schedule_findings(model)
    seen: set[str] = set()
    for i, role in enumerate(model.board):
        if role.id in seen:
            yield Finding(
                ("board", i, "id"), msg("the role id '{role}' is used twice", role=role.id)
            )
        seen.add(role.id)
        yield from _person_consent(("board", i, "holder"), role.holder)


def _majority_findings(vote: DecisionVote, outcome: str) -> Iterator[Finding]:
    cast = vote.yes + vote.no + vote.abstain
    if cast > vote.participants:
        yield _too_many_votes(cast, vote.participants)
        return
    majority = vote.yes * 2 > vote.participants
    if outcome == "adopted" and not majority:
        yield Finding(
            ("outcome",),
            msg(
                "marked adopted, but {yes} yes of {participants} participants is not a "
                "majority of the participants (the councils decide by majority of those "
                "present): write outcome: rejected, or correct the counts",
                yes=vote.yes,
                participants=vote.participants,
            ),
        )
    if outcome == "rejected" and majority:
        yield Finding(
            ("outcome",),
            msg(
                "marked rejected, but {yes} yes of {participants} participants is a "
                "majority: write outcome: adopted, or correct the counts",
                yes=vote.yes,
                participants=vote.participants,
            ),
        )


def decision_rules(entry: Entry[Decision], today: dt.date) -> Iterator[Finding]:
    model = entry.model
    yield from _id_matches_file(entry)
    if _future(model.date, today):
        yield _future_finding(("date",), model.date)
    yield from _majority_findings(model.vote, model.outcome)
    if model.kind not in ("election", "recall"):
        for field in ("role", "person"):
            if getattr(model, field) is not None:
                yield Finding((field,), _NOT_ELECTION_OR_RECALL[field], at_key=True)
    if model.kind in ("election", "recall") and model.role is None:
        yield Finding(("kind",), _NAMES_THE_ROLE[model.kind])
    yield from _person_consent(("person",), model.person)


def federation_rules(entry: Entry[Federation], today: dt.date) -> Iterator[Finding]:
    model = entry.model
    yield from _id_matches_file(entry)
    if _future(model.founded, today):
        yield _future_finding(("founded",), model.founded)
    if model.level == "country":
        if model.country is None:
            yield Finding(("level",), msg("a country federation needs 'country:' (e.g. SE)"))
        if model.continent is not None:
            yield Finding(
                ("continent",),
                msg("a country federation takes its continent from its country: remove this line"),
            )
    else:
        if model.continent is None:
            yield Finding(
                ("level",), msg("a continent federation needs 'continent:' (e.g. europe)")
            )
        if model.country is not None:
            yield Finding(("country",), msg("a continent federation has no country: remove it"))
        if model.parent is not None:
            yield Finding(("parent",), msg("a continent federation has no parent: remove it"))


_SELF_REFERENCE = {
    "supersedes": msg("a resolution cannot supersede itself"),
    "amends": msg("a resolution cannot amend itself"),
}
_NOT_ELECTION_OR_RECALL = {
    "role": msg(
        "only elections and recalls name a board role: remove 'role:', "
        "or write kind: election or kind: recall"
    ),
    "person": msg(
        "only elections and recalls name a person: remove 'person:', "
        "or write kind: election or kind: recall"
    ),
}
_NAMES_THE_ROLE = {
    "election": msg("an election names the board role: add 'role:' with a role id of the council"),
    "recall": msg("a recall names the board role: add 'role:' with a role id of the council"),
}


def _no_rules(entry: Entry[Any], today: dt.date) -> Iterator[Finding]:
    yield from _id_matches_file(entry)


RULES: dict[str, Callable[[Entry[Any], dt.date], Iterator[Finding]]] = {
    "resolution": resolution_rules,
    "council": council_rules,
    "decision": decision_rules,
    "federation": federation_rules,
    "organization": _no_rules,
    "platform": _no_rules,
    "topics": lambda entry, today: iter(()),
}
