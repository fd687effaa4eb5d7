"""Recognising a resolution's structure in its lines, in Persian or English.

A resolution as published reads, top to bottom: a publication line (periodical and
issue), the title (on one or two lines), the adoption line (body, session and vote),
the numbered considerations, the operative introduction (the line ending in ``:``
between the two numbered lists), the numbered points with lettered sub-items and
further paragraphs, the closing paragraphs, the signature and the place-and-date line.
Any of these but the points may be missing. With one numbered list only, it holds the
points.

Each line is one paragraph (as the sources are written: a blank line or none between
paragraphs). A number begins a clause where it is the next expected one, or a ``1``
with a mark that starts a list; a bare number (``۸ تلاش``) only where it is the next
expected one. Unnumbered text after a point that is not the last is a further
paragraph of that point; after the last point it is the closing. Whatever cannot be
placed is reported with its line and left out of the file.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from shora.core.dates import DateError, PartialDate, parse_date
from shora.core.messages import Message, msg
from shora.core.persian import abjad_letter, fold, latin_letter, to_ascii_digits
from shora.tools.importer.cleaning import Fix, fixed, fixes_in, spaced, without_footnote_mark
from shora.tools.importer.numbering import (
    Lettered,
    Numbered,
    english_ordinal,
    english_ordinal_words,
    lettered,
    numbered,
    persian_ordinal,
)
from shora.tools.importer.sources import Source


@dataclass(frozen=True)
class Piece:
    """A recognised text and the source line it comes from."""

    line: int
    text: str


@dataclass
class PointPieces:
    point: Piece
    items: list[Piece] = field(default_factory=list)
    paragraphs: list[Piece] = field(default_factory=list)


@dataclass(frozen=True)
class Publication:
    piece: Piece
    periodical: str
    issue: str  # in ASCII digits, as the data keeps it


@dataclass(frozen=True)
class Adoption:
    piece: Piece  # the whole line: kept as the headnote
    body: str | None
    session: str | None  # as written
    session_number: int | None
    session_noun: str | None  # in English: plenum, congress, ...
    vote: str  # unanimous, counts or unknown
    date: PartialDate | None = None
    counts: tuple[int, int, int] | None = None  # yes, no, abstain


@dataclass(frozen=True)
class PlaceDate:
    piece: Piece
    date: PartialDate | None
    problem: Message | None = None


@dataclass(frozen=True)
class Note:
    """Something to report about a line: a change made, or a doubt."""

    line: int | None
    message: Message


@dataclass
class Recognized:
    source: Source
    language: str
    publication: Publication | None = None
    title: Piece | None = None
    title_lines: tuple[int, ...] = ()
    adoption: Adoption | None = None
    headnote: Piece | None = None
    considerations: list[Piece] = field(default_factory=list)
    intro: Piece | None = None
    points: list[PointPieces] = field(default_factory=list)
    closing: list[Piece] = field(default_factory=list)
    signature: Piece | None = None
    place_date: PlaceDate | None = None
    unplaced: list[Piece] = field(default_factory=list)
    fixes: list[Fix] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)


# ---------------------------------------------------------------- the language

_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN = re.compile(r"[A-Za-z]")


def language_of(source: Source) -> str:
    """``fa`` where most letters are of the Arabic script, else ``en``."""
    text = " ".join(line.text for line in source.lines)
    return "fa" if len(_ARABIC_SCRIPT.findall(text)) >= len(_LATIN.findall(text)) else "en"


# ---------------------------------------------------------------- the lines


@dataclass
class _Entry:
    """A numbered clause and the lines that follow it until the next one."""

    piece: Piece
    items: list[Piece] = field(default_factory=list)
    after: list[Piece] = field(default_factory=list)  # unnumbered lines, in order
    # Whether an unnumbered line came before a sub-item (their order changes).
    paragraph_before_item: int | None = None


def recognize(source: Source, language: str | None = None) -> Recognized:
    language = language or language_of(source)
    found = Recognized(source, language)
    head: list[Piece] = []
    lists: list[list[_Entry]] = []
    for line in source.lines:
        written = spaced(line.text)
        text = fixed(written, language)
        if not text:
            continue
        mark: Numbered | Lettered | None
        if line.list_depth == 0 and line.list_index is not None:
            mark = Numbered(line.list_index + 1, text, True)
        elif line.list_depth is not None and line.list_index is not None:
            mark = Lettered(line.list_index, text)
        else:
            mark = numbered(text) or lettered(text, language)
        kept = _take(found, line.line, text, mark, lists, head)
        found.fixes += fixes_in(written, kept, line.line, language)
    _place(found, head, lists)
    return found


def _take(
    found: Recognized,
    line: int,
    text: str,
    mark: Numbered | Lettered | None,
    lists: list[list[_Entry]],
    head: list[Piece],
) -> str:
    """Put one line where it belongs; the text kept of it."""
    entries = lists[-1] if lists else None
    if isinstance(mark, Numbered) and mark.rest:
        expected = len(entries) + 1 if entries else 1
        piece = Piece(line, mark.rest)
        if mark.marked and mark.number == 1:  # a list begins
            lists.append([_Entry(piece)])
            return piece.text
        if entries and mark.number == expected:
            entries.append(_Entry(piece))
            return piece.text
        if entries and mark.marked and abs(mark.number - expected) <= 2:
            found.notes.append(
                Note(
                    line,
                    msg(
                        "numbered {written} where {expected} was expected: taken as "
                        "number {expected}",
                        written=mark.number,
                        expected=expected,
                    ),
                )
            )
            entries.append(_Entry(piece))
            return piece.text
    if isinstance(mark, Lettered) and mark.rest and entries:
        entry = entries[-1]
        if mark.index == len(entry.items):
            if entry.after and entry.paragraph_before_item is None:
                entry.paragraph_before_item = line
            entry.items.append(Piece(line, mark.rest))
            return mark.rest
    piece = Piece(line, text)
    if entries:
        entries[-1].after.append(piece)
    else:
        head.append(piece)
    return text


def _place(found: Recognized, head: list[Piece], lists: list[list[_Entry]]) -> None:
    if not lists:
        found.unplaced += head
        return
    if len(lists) == 1:
        considerations: list[_Entry] = []
        points = lists[0]
        if head and head[-1].text.endswith(":"):
            found.intro = head.pop()
    else:
        considerations, points = lists[0], lists[1]
        between = considerations[-1].after
        considerations[-1].after = []
        if between:
            last = between[-1]
            if last.text.endswith(":") or len(between) == 1:
                found.intro = between.pop()
            found.unplaced += between
        for extra in lists[2:]:
            found.notes.append(
                Note(extra[0].piece.line, msg("a third numbered list: its clauses are left out"))
            )
            for entry in extra:
                found.unplaced += [entry.piece, *entry.items, *entry.after]
    _head(found, head)
    for entry in considerations:
        found.considerations.append(entry.piece)
        found.unplaced += entry.items + entry.after
    tail = points[-1].after
    points[-1].after = []
    for entry in points:
        if entry.paragraph_before_item is not None:
            found.notes.append(
                Note(
                    entry.paragraph_before_item,
                    msg("a sub-item after a further paragraph: the file keeps sub-items first"),
                )
            )
        found.points.append(PointPieces(entry.piece, entry.items, entry.after))
    _tail(found, tail)
    _footnote_marks(found)


def _footnote_marks(found: Recognized) -> None:
    """A footnote mark at the end of a clause is left out (its note is not in the text)."""

    def strip(piece: Piece) -> Piece:
        text = without_footnote_mark(piece.text)
        if text != piece.text:
            found.notes.append(
                Note(piece.line, msg("the footnote mark '*' at the end was left out"))
            )
        return Piece(piece.line, text)

    found.considerations = [strip(piece) for piece in found.considerations]
    for point in found.points:
        point.point = strip(point.point)
        point.items = [strip(piece) for piece in point.items]
        point.paragraphs = [strip(piece) for piece in point.paragraphs]
    found.closing = [strip(piece) for piece in found.closing]


# ---------------------------------------------------------------- the head

_PUBLICATION_RE = re.compile(
    r"^(?P<name>[^\d:]{2,80}?)[\s,،\-–]*(?:شماره|No\.?|Nr\.?|[Ii]ssue|#)?\s*(?P<number>\d{1,6})$"
)
_CONNECTIVES = {
    "fa": {"پیرامون", "درباره", "دربارهٔ", "درباره‌ی", "مورد", "راجع", "به", "در", "و",
           "از", "برای", "با", "علیه", "بر"},
    "en": {"on", "about", "concerning", "regarding", "of", "for", "and", "the", "to",
           "in", "against", "towards"},
}  # fmt: skip


def _head(found: Recognized, head: list[Piece]) -> None:
    rest: list[Piece] = []
    for index, piece in enumerate(head):
        if found.publication is None and index < 3:
            publication = _publication(piece)
            if publication is not None:
                found.publication = publication
                continue
        if found.adoption is None:
            adoption = adoption_line(piece, found.language)
            if adoption is not None:
                found.adoption = adoption
                found.headnote = piece
                continue
        rest.append(piece)
    if rest:
        title = rest.pop(0)
        lines = [title.line]
        if rest and _continues(title.text, rest[0].text, found.language):
            second = rest.pop(0)
            title = Piece(title.line, f"{title.text} {second.text}")
            lines.append(second.line)
        found.title, found.title_lines = title, tuple(lines)
    if rest and found.headnote is None:
        found.headnote = rest.pop(0)
    found.unplaced += rest


def _continues(first: str, second: str, language: str) -> bool:
    """The title goes on in ``second``: ``first`` ends with a word that needs more
    (``قطعنامه پیرامون``, ``Resolution on``), or ``second`` begins in lower case."""
    last = first.split()[-1].lower() if first.split() else ""
    return last in _CONNECTIVES[language] or second[:1].islower()


def _publication(piece: Piece) -> Publication | None:
    match = _PUBLICATION_RE.match(piece.text)
    if not match or len(match.group("name").split()) > 5:
        return None
    name = match.group("name").strip(" ,،-–")
    return Publication(piece, name, to_ascii_digits(match.group("number")))


_PERSIAN_ADOPTED = re.compile(r"^(?:مصوبه?|تصویب\s*شده(?:\s+(?:در|توسط))?)\s+(?P<rest>.+)$")
_ENGLISH_ADOPTED = re.compile(r"^(?:adopted|approved|passed)\b[\s,:]*(?P<rest>.*)$", re.IGNORECASE)
_PERSIAN_UNANIMOUS = re.compile(r"\s*(?:با|به|ب)\s*اتفاق\s+آراء?\s*")
_ENGLISH_UNANIMOUS = re.compile(
    r"\s*\b(?:unanimously|by (?:a )?unanimous vote|unanimous)\b\s*", re.IGNORECASE
)
_PERSIAN_SESSIONS = {
    "مجمع عمومی": "general assembly", "پلنوم": "plenum", "کنگره": "congress",
    "کنفرانس": "conference", "نشست": "session", "اجلاس": "session", "جلسه": "meeting",
}  # fmt: skip
_ENGLISH_SESSIONS = ("general assembly", "plenum", "congress", "conference", "session", "meeting")
_PERSIAN_BODIES = ("کمیته", "هیئت", "هیات", "دفتر", "شورا", "دبیرخانه", "کادر", "رهبری")
_ENGLISH_BODIES = ("committee", "board", "bureau", "council", "secretariat", "leadership")


def adoption_line(piece: Piece, language: str) -> Adoption | None:
    """The body, session and vote of ``مصوب سی و یکمین پلنوم کمیته مرکزی حزب باتفاق آرا``
    or ``Adopted unanimously by the 31st plenum of the Central Committee``."""
    if language == "fa":
        match = _PERSIAN_ADOPTED.match(piece.text)
        if not match:
            return None
        rest, vote, counts = _vote(match.group("rest"), _PERSIAN_UNANIMOUS, _PERSIAN_COUNTS)
        rest, date = _date_at_end(rest)
        return replace(_persian_session(piece, rest, vote, date), counts=counts)
    match = _ENGLISH_ADOPTED.match(piece.text)
    if not match:
        return None
    rest, vote, counts = _vote(match.group("rest"), _ENGLISH_UNANIMOUS, _ENGLISH_COUNTS)
    rest, date = _date_at_end(rest)
    return replace(_english_session(piece, rest, vote, date), counts=counts)


_VOTE = r"\s*(?:رأی|رای)?\s*"
_PERSIAN_COUNTS = re.compile(
    rf"\s*(?:با|ب)?\s*(?P<yes>\d+){_VOTE}موافق[،,\s]*(?:و\s*)?(?P<no>\d+){_VOTE}مخالف"
    rf"(?:[،,\s]*(?:و\s*)?(?P<abstain>\d+){_VOTE}ممتنع)?\s*"
)
_ENGLISH_COUNTS = re.compile(
    r"\s*(?:by\s+)?(?:a\s+vote\s+of\s+)?(?:(?P<yes>\d+)\s+(?:votes?\s+)?(?:for|in\s+favou?r)"
    r"[,\s]*(?:and\s+|to\s+)?(?P<no>\d+)\s+against|(?P<yes2>\d+)\s+votes?\s+to\s+(?P<no2>\d+))"
    r"(?:[,\s]*(?:and\s+|with\s+)?(?P<abstain>\d+)\s+(?:abstentions?|abstaining|abstained))?\s*",
    re.IGNORECASE,
)


def _vote(
    rest: str, unanimous: re.Pattern[str], counted: re.Pattern[str]
) -> tuple[str, str, tuple[int, int, int] | None]:
    """The line without its vote, the kind of vote, and the counts where given."""
    counts = None
    match = counted.search(rest)
    if match:
        groups = match.groupdict()
        yes, no = groups["yes"] or groups.get("yes2"), groups["no"] or groups.get("no2")
        assert yes is not None and no is not None  # each alternative captures both counts
        abstain = groups["abstain"] or "0"
        counts = (
            int(to_ascii_digits(yes)),
            int(to_ascii_digits(no)),
            int(to_ascii_digits(abstain)),
        )
        changed = rest[: match.start()] + " " + rest[match.end() :]
        vote = "counts"
    else:
        changed = unanimous.sub(" ", rest)
        vote = "unanimous" if changed != rest else "unknown"
    return " ".join(changed.split()).strip(" ,،.").strip(), vote, counts


def _date_at_end(text: str) -> tuple[str, PartialDate | None]:
    found = find_date(text)
    if found is None or found[0] is None or not found[1]:
        return text, None
    date, before = found
    return before.rstrip(" ,،-–").removesuffix(" در").removesuffix(" on").strip(), date


def _persian_session(piece: Piece, rest: str, vote: str, date: PartialDate | None) -> Adoption:
    words = rest.split()
    for noun, english in _PERSIAN_SESSIONS.items():
        size = len(noun.split())
        for at in range(len(words) - size + 1):
            if " ".join(words[at : at + size]) != noun:
                continue
            start, end, number = at, at + size, None
            for length in range(min(5, at), 0, -1):  # ordinal before: سی و یکمین پلنوم
                number = persian_ordinal(" ".join(words[at - length : at]))
                if number is not None:
                    start = at - length
                    break
            if number is None:
                for length in range(min(5, len(words) - end), 0, -1):  # after: کنگره دوم
                    candidate = " ".join(words[end : end + length])
                    number = persian_ordinal(candidate)
                    if number is None and re.fullmatch(r"\d{1,3}", candidate):
                        number = int(to_ascii_digits(candidate))
                    if number is not None:
                        end += length
                        break
            session = " ".join(words[start:end])
            body = " ".join(words[:start] + words[end:])
            body = re.sub(r"^(?:در|توسط)\s+|\s+(?:در|توسط)$", "", body).strip()
            if not body.startswith(_PERSIAN_BODIES):
                return Adoption(piece, " ".join(words), None, number, english, vote, date)
            return Adoption(piece, body, session, number, english, vote, date)
    return Adoption(piece, rest or None, None, None, None, vote, date)


def _english_session(piece: Piece, rest: str, vote: str, date: PartialDate | None) -> Adoption:
    rest = re.sub(r"^(?:by|at)\s+", "", rest, flags=re.IGNORECASE)
    nouns = "|".join(_ENGLISH_SESSIONS)
    match = re.search(rf"(?:the\s+)?(?P<ordinal>[\w-]+)\s+(?P<noun>{nouns})\b", rest, re.IGNORECASE)
    if match and english_ordinal(match.group("ordinal")) is not None:
        number = english_ordinal(match.group("ordinal"))
        noun = match.group("noun").lower()
        session = f"{match.group('ordinal')} {match.group('noun')}"
        body = (rest[: match.start()] + " " + rest[match.end() :]).strip()
        body = re.sub(r"^(?:of|at its|by)\s+|\s+(?:at its|at the|at|of|by)$", "", body).strip()
        body = re.sub(r"^the\s+", "", body, flags=re.IGNORECASE).strip()
        if body and not any(word in body.lower() for word in _ENGLISH_BODIES):
            return Adoption(piece, _capital(rest), None, number, noun, vote, date)
        return Adoption(piece, _capital(body) or None, session, number, noun, vote, date)
    body = re.sub(r"^the\s+", "", rest, flags=re.IGNORECASE).strip()
    return Adoption(piece, _capital(body) or None, None, None, None, vote, date)


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def session_in_english(adoption: Adoption) -> str | None:
    """``thirty-first plenum``: the session as the English data writes it."""
    if adoption.session_number is None or adoption.session_noun is None:
        return None
    return f"{english_ordinal_words(adoption.session_number)} {adoption.session_noun}"


# ---------------------------------------------------------------- the tail

_SENTENCE_END = (".", "!", "?", "؟", ":", ";", "؛", "…")


def find_date(text: str) -> tuple[PartialDate | None, str] | None:
    """The date at the end of ``text`` and what comes before it (the place), or the
    problem of a date that cannot be read; None where the text ends in no date."""
    words = text.replace("،", " ").replace(",", " ").split()
    for length in range(min(5, len(words)), 0, -1):
        candidate = " ".join(words[-length:])
        if not re.search(r"\d", candidate) or candidate.lower() == "unknown":
            continue
        try:
            date = parse_date(candidate)
        except DateError:
            continue
        before = text
        for word in reversed(words[-length:]):
            before = before[: before.rfind(word)]
        return date, before.strip(" ,،-–")
    return None


def _tail(found: Recognized, tail: list[Piece]) -> None:
    if tail:
        last = tail[-1]
        if len(last.text.split()) <= 8:
            dated = find_date(last.text)
            if dated is not None:
                found.place_date = PlaceDate(tail.pop(), dated[0])
            elif re.search(r"\d{1,4}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*\d{1,4}", last.text):
                problem = _date_problem(last.text)
                found.place_date = PlaceDate(tail.pop(), None, problem)
    if tail:
        last = tail[-1]
        short = len(last.text.split()) <= 12 and not last.text.endswith(_SENTENCE_END)
        has_date = found.place_date is not None and not _slogan(last.text)
        if short and (has_date or _signs(last.text, found.language)):
            found.signature = tail.pop()
    found.closing += tail


_PERSIAN_SIGNERS = (*_PERSIAN_BODIES, "حزب", "سازمان", "اتحادیه", "کنگره", "پلنوم")
_ENGLISH_SIGNERS = (*_ENGLISH_BODIES, "party", "organization", "organisation", "union",
                    "congress", "plenum")  # fmt: skip


def _signs(text: str, language: str) -> bool:
    """The line reads as a signature: it begins by naming a body or an organization
    (``کمیته مرکزی ...``, ``Central Committee of ...``), unlike a closing slogan
    (``زنده باد حزب``, ``Long live the party``)."""
    words = text.lower().split()
    if language == "fa":
        return bool(words) and words[0].startswith(_PERSIAN_SIGNERS)
    if words[:1] == ["the"]:
        words = words[1:]
    return any(word.strip(",.") in _ENGLISH_SIGNERS for word in words[:2])


_SLOGANS = ("زنده باد", "مرگ بر", "پیش به سوی", "پیروز باد", "نابود باد", "long live",
            "down with", "forward", "victory to")  # fmt: skip


def _slogan(text: str) -> bool:
    """A closing slogan, not a signer's name, even when a date follows it."""
    return " ".join(text.lower().split()).startswith(_SLOGANS)


def _date_problem(text: str) -> Message | None:
    word = text.split()[-1]
    try:
        parse_date(word)
    except DateError as error:
        return error.message
    return None


# ---------------------------------------------------------------- the outline

Key = tuple[str | int, ...]


def outline(found: Recognized) -> list[tuple[Key, int, Message]]:
    """Every recognised part in reading order: its key (the same in both languages
    for the same structure), its source line, and its name for the report."""
    fa = found.language == "fa"
    parts: list[tuple[Key, int, Message]] = []
    if found.publication:
        publication = found.publication
        parts.append(
            (("publication",), publication.piece.line,
             msg("publication: {periodical}, issue {issue}",
                 periodical=publication.periodical, issue=publication.issue))
        )  # fmt: skip
    if found.title:
        parts.append((("title",), found.title.line, msg("title")))
        if len(found.title_lines) > 1:
            parts.append((("title-continued",), found.title_lines[1], msg("title, continued")))
    if found.adoption:
        parts.append((("headnote",), found.adoption.piece.line, _adoption_label(found.adoption)))
    elif found.headnote:
        parts.append((("headnote",), found.headnote.line, msg("headnote")))
    for number, piece in enumerate(found.considerations, 1):
        parts.append(
            (("consideration", number), piece.line, msg("consideration {number}", number=number))
        )
    if found.intro:
        parts.append((("operative-intro",), found.intro.line, msg("operative introduction")))
    for number, point in enumerate(found.points, 1):
        parts.append((("point", number), point.point.line, msg("point {number}", number=number)))
        for index, item in enumerate(point.items):
            letter = abjad_letter(index) if fa else latin_letter(index)
            parts.append(
                (("item", number, index), item.line,
                 msg("point {number}, sub-item {letter}", number=number, letter=letter))
            )  # fmt: skip
        for index, paragraph in enumerate(point.paragraphs, 1):
            parts.append(
                (("paragraph", number, index), paragraph.line,
                 msg("point {number}, paragraph {paragraph}", number=number, paragraph=index))
            )  # fmt: skip
    for number, piece in enumerate(found.closing, 1):
        parts.append(
            (("closing", number), piece.line, msg("closing paragraph {number}", number=number))
        )
    if found.signature:
        parts.append((("signature",), found.signature.line, msg("signature")))
    if found.place_date:
        date = found.place_date.date
        label = (
            msg("place and date: {date}", date=str(date))
            if date is not None
            else msg("place and date")
        )
        parts.append((("place-date",), found.place_date.piece.line, label))
    return parts


def _adoption_label(adoption: Adoption) -> Message:
    vote = vote_label(adoption)
    return msg(
        "adoption line (the headnote): body {body}, session {session}, vote {vote}",
        body=adoption.body or msg("not stated"),
        session=adoption.session or msg("not stated"),
        vote=vote,
    )


def vote_label(adoption: Adoption) -> Message:
    if adoption.counts is not None:
        yes, no, abstain = adoption.counts
        return msg("{yes} for, {no} against, {abstain} abstaining", yes=yes, no=no, abstain=abstain)
    return msg("unanimous") if adoption.vote == "unanimous" else msg("not stated")


def known_organization(text: str, organizations: dict[str, dict[str, str]]) -> str | None:
    """The id of the organization whose name ``text`` contains (the longest name
    found, so that a longer name is not taken for a shorter one it contains)."""
    folded = fold(text)
    best: tuple[int, str] | None = None
    for organization_id, names in organizations.items():
        for name in names.values():
            name = fold(name)
            if name and name in folded and (best is None or len(name) > best[0]):
                best = (len(name), organization_id)
    return best[1] if best else None
