"""Dates as editors write them: Gregorian or Solar Hijri, in digits or in words.

Accepted (in any digits: ASCII, Persian ``۰-۹`` or Arabic-Indic ``٠-٩``):

* Gregorian ISO: ``2009-07-27``, ``2009-07``, ``2009``, and ``unknown``;
* Solar Hijri, marked by ``SH`` or ``ش`` (also ``ه.ش``, ``هجری شمسی``) after it,
  with ``-`` or ``/``: ``1404-07-15 SH``, ``۱۴۰۴/۰۷/۱۵ ش``, ``1404-07 SH``, ``1404 SH``;
* in words, the month naming the calendar: ``۱۵ مهر ۱۴۰۴``, ``مهر ۱۴۰۴``,
  ``۲۷ ژوئیه ۲۰۰۹``, ``27 July 2009``, ``July 27, 2009``;
* a Gregorian date with ``/`` when marked ``م`` (میلادی), ``AD`` or ``CE``.

A date is kept in the calendar it was written in, with its precision
(:class:`PartialDate`): ``مهر ۱۴۰۴`` is the month Mehr 1404, which is neither
September nor October 2025 but the days 2025-09-23 to 2025-10-22. Sorting and the
checks against today use that span in the Gregorian calendar (:meth:`first`,
:meth:`last`); in the other calendar a date known to the month or the year is shown
and published as the span (an ISO 8601 interval ``2025-09-23/2025-10-22``), never
as a made-up day. Conversion is jdatetime's (the 33-year arithmetic rule), checked
day by day against a second implementation in the tests.
"""

from __future__ import annotations

import calendar as gregorian_calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, total_ordering
from typing import Any, Literal

import jdatetime

from shora.core.messages import Message, describe, msg
from shora.core.persian import to_ascii_digits

Calendar = Literal["gregorian", "solar-hijri"]
Precision = Literal["day", "month", "year", "unknown"]

# The plausible years: the Gregorian years of the modern movements the data records,
# and the Solar Hijri years of the same days (1 Farvardin 1179 = 21 March 1800).
FIRST_GREGORIAN_YEAR = 1800
FIRST_SOLAR_HIJRI_YEAR = 1179
LAST_SOLAR_HIJRI_YEAR = 1500

SOLAR_HIJRI_MARK = "SH"
DATE_FORMS = (
    "A Gregorian date 2009-07-27, 2009-07 or 2009; a Solar Hijri date marked SH or ش, "
    "in any digits, with - or /: 1404-07-15 SH, ۱۴۰۴/۰۷/۱۵ ش, 1404-07 SH, 1404 SH; "
    "or in words: ۱۵ مهر ۱۴۰۴, مهر ۱۴۰۴, ۲۷ ژوئیه ۲۰۰۹, 27 July 2009."
)


def _month_names() -> dict[str, tuple[Calendar, int]]:
    """Every spelling of a month name (folded by :func:`_fold`) -> calendar, month."""
    solar_hijri = [
        ("فروردین", "farvardin", "farwardin"),
        ("اردیبهشت", "ordibehesht", "ordibehesht"),
        ("خرداد", "khordad", "xordad"),
        ("تیر", "tir"),
        ("مرداد", "امرداد", "mordad", "amordad"),
        ("شهریور", "shahrivar", "shahrivar"),
        ("مهر", "mehr"),
        ("آبان", "ابان", "aban"),
        ("آذر", "اذر", "azar"),
        ("دی", "dey", "dei"),
        ("بهمن", "bahman"),
        ("اسفند", "esfand", "esfand"),
    ]
    gregorian = [
        ("ژانویه", "ژانویهٔ", "ژانویه", "january", "jan"),
        ("فوریه", "فوریهٔ", "february", "feb"),
        ("مارس", "مارچ", "march", "mar"),
        ("آوریل", "اوریل", "آپریل", "april", "apr"),
        ("مه", "می", "مى", "may"),
        ("ژوئن", "ژوین", "جون", "june", "jun"),
        ("ژوئیه", "ژوئیهٔ", "ژوییه", "جولای", "july", "jul"),
        ("اوت", "آگوست", "اگوست", "august", "aug"),
        ("سپتامبر", "september", "sep", "sept"),
        ("اکتبر", "october", "oct"),
        ("نوامبر", "november", "nov"),
        ("دسامبر", "december", "dec"),
    ]
    names: dict[str, tuple[Calendar, int]] = {}
    calendars: list[tuple[Calendar, list[tuple[str, ...]]]] = [
        ("solar-hijri", solar_hijri),
        ("gregorian", gregorian),
    ]
    for kind, months in calendars:
        for number, spellings in enumerate(months, start=1):
            for spelling in spellings:
                names[_fold(spelling)] = (kind, number)
    return names


# Characters that change nothing in a date: the hamza of the Persian genitive
# ("ژوئیهٔ"), the zero-width non-joiner, tatweel, directional marks.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u0654\u200c\u200d\u0640\u200e\u200f\u061c\u2066\u2067\u2068\u2069")
)
_LETTERS = str.maketrans({"ي": "ی", "ى": "ی", "ك": "ک", "ة": "ه", "أ": "ا", "إ": "ا"})


def _fold(text: str) -> str:
    return to_ascii_digits(text).translate(_INVISIBLE).translate(_LETTERS).lower()


_MONTH_NAMES = _month_names()

_SOLAR_HIJRI_MARKS = r"sh|ش|ه\s*\.?\s*ش\.?|هجری\s+شمسی|هجری\s+خورشیدی|شمسی|خورشیدی"
_GREGORIAN_MARKS = r"ad|ce|م\.?|میلادی"
_MARK_RE = re.compile(
    rf"^(?P<date>.*?)\s*(?:(?P<sh>{_SOLAR_HIJRI_MARKS})|(?P<g>{_GREGORIAN_MARKS}))$"
)
_NUMERIC_RE = re.compile(
    r"^(?P<y>\d{4})(?:(?P<sep>[-/])(?P<m>\d{1,2})(?:(?P=sep)(?P<d>\d{1,2}))?)?$"
)
_ISO_RE = re.compile(r"^\d{4}(?:-\d{2}(?:-\d{2})?)?$")
_DAY_RE = re.compile(r"^\d{1,2}$")
_YEAR_RE = re.compile(r"^\d{4}$")


class DateError(ValueError):
    """A date that cannot be read; ``message`` says why, for the editor."""

    def __init__(self, message: Message):
        super().__init__(message)
        self.message = message


# ---------------------------------------------------------------- the calendars


# jdatetime asks the process for its locale (for month names, which are never read
# here) at every date it makes unless one is named: naming it makes a conversion
# several times cheaper (a build converts every date of the data).
_NAMES = jdatetime.FA_LOCALE


def is_solar_hijri_leap(year: int) -> bool:
    return bool(jdatetime.date(year, 1, 1, locale=_NAMES).isleap())


def solar_hijri_month_days(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if is_solar_hijri_leap(year) else 29


def solar_hijri_to_gregorian(year: int, month: int, day: int) -> dt.date:
    gregorian: dt.date = jdatetime.date(year, month, day, locale=_NAMES).togregorian()
    return gregorian


def gregorian_to_solar_hijri(date: dt.date) -> tuple[int, int, int]:
    solar = jdatetime.date.fromgregorian(date=date, locale=_NAMES)
    return solar.year, solar.month, solar.day


def _iso(year: int, month: int | None = None, day: int | None = None) -> str:
    parts = [f"{year:04d}"]
    if month is not None:
        parts.append(f"{month:02d}")
    if day is not None:
        parts.append(f"{day:02d}")
    return "-".join(parts)


# ---------------------------------------------------------------- the model's date


@total_ordering
@dataclass(frozen=True, eq=True)
class PartialDate:
    """A date known to the day, the month, the year, or not at all, in the calendar
    it was written in. ``year``, ``month`` and ``day`` count in that calendar."""

    year: int | None = None
    month: int | None = None
    day: int | None = None
    calendar: Calendar = "gregorian"

    @property
    def known(self) -> bool:
        return self.year is not None

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year" if self.year is not None else "unknown"

    def first(self) -> dt.date | None:
        """The first (Gregorian) day the date can mean."""
        if self.year is None:
            return None
        if self.calendar == "solar-hijri":
            return solar_hijri_to_gregorian(self.year, self.month or 1, self.day or 1)
        return dt.date(self.year, self.month or 1, self.day or 1)

    def last(self) -> dt.date | None:
        """The last (Gregorian) day the date can mean."""
        if self.year is None:
            return None
        if self.day is not None:
            return self.first()
        if self.calendar == "solar-hijri":
            month = self.month or 12
            return solar_hijri_to_gregorian(
                self.year, month, solar_hijri_month_days(self.year, month)
            )
        month = self.month or 12
        return dt.date(self.year, month, gregorian_calendar.monthrange(self.year, month)[1])

    @property
    def gregorian_year(self) -> int | None:
        """The Gregorian year of the first day (the year lists and filters group by)."""
        first = self.first()
        return first.year if first else None

    def earliest(self) -> dt.date | None:
        """The first day the date can mean (for sorting and the future check)."""
        return self.first()

    def as_date(self) -> dt.date | None:
        return self.first() if self.day is not None else None

    def written(self) -> str:
        """The date in its own calendar, ``YYYY[-MM[-DD]]`` in ASCII digits."""
        return "unknown" if self.year is None else _iso(self.year, self.month, self.day)

    def __str__(self) -> str:
        """``2009-07-27``, ``1404-07-15 SH`` or ``unknown``."""
        if self.calendar == "solar-hijri" and self.year is not None:
            return f"{self.written()} {SOLAR_HIJRI_MARK}"
        return self.written()

    def gregorian(self) -> str | None:
        """The Gregorian date: ``YYYY[-MM[-DD]]`` when the date is one, else the ISO
        8601 interval of its days (``2025-09-23/2025-10-22``); None when unknown."""
        if self.year is None:
            return None
        if self.calendar == "gregorian":
            return self.written()
        first, last = self.first(), self.last()
        assert first is not None and last is not None
        return first.isoformat() if first == last else f"{first.isoformat()}/{last.isoformat()}"

    def solar_hijri(self) -> str | None:
        """The Solar Hijri date: ``YYYY[-MM[-DD]]`` when the date is one, else the
        interval of its days (``1388-04-10/1388-05-09``); None when unknown."""
        if self.year is None:
            return None
        if self.calendar == "solar-hijri":
            return self.written()
        first, last = self.first(), self.last()
        assert first is not None and last is not None
        start, end = _iso(*gregorian_to_solar_hijri(first)), _iso(*gregorian_to_solar_hijri(last))
        return start if start == end else f"{start}/{end}"

    def gregorian_container(self) -> str | None:
        """The most precise ``YYYY[-MM[-DD]]`` Gregorian date holding every day of the
        date (``2025`` for Mehr 1404), for formats that allow no interval; None when
        unknown or when the date straddles two Gregorian years."""
        if self.year is None:
            return None
        if self.calendar == "gregorian":
            return self.written()
        first, last = self.first(), self.last()
        assert first is not None and last is not None
        if first == last:
            return first.isoformat()
        if (first.year, first.month) == (last.year, last.month):
            return _iso(first.year, first.month)
        return _iso(first.year) if first.year == last.year else None

    def _key(self) -> tuple[dt.date, dt.date]:
        return (self.first() or dt.date.min, self.last() or dt.date.min)

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, PartialDate):
            return NotImplemented
        return self._key() < other._key()


class Day(dt.date):
    """A day, remembering the calendar it was written in (it is the same day in
    both: only the way it is written differs)."""

    calendar: Calendar

    def __new__(cls, year: int, month: int, day: int, calendar: Calendar = "gregorian") -> Day:
        self = super().__new__(cls, year, month, day)
        self.calendar = calendar
        return self

    def __reduce__(self) -> tuple[Any, ...]:
        return (Day, (self.year, self.month, self.day, self.calendar))

    def solar_hijri(self) -> str:
        return _iso(*gregorian_to_solar_hijri(self))

    def written(self) -> str:
        """The day as it reads in the calendar it was written in."""
        if self.calendar == "solar-hijri":
            return f"{self.solar_hijri()} {SOLAR_HIJRI_MARK}"
        return self.isoformat()


# ---------------------------------------------------------------- reading a date


# The month names in messages (each its own literal, for the catalogs).
_SOLAR_HIJRI_MONTH_NAMES = (
    msg("Farvardin"), msg("Ordibehesht"), msg("Khordad"), msg("Tir"), msg("Mordad"),
    msg("Shahrivar"), msg("Mehr"), msg("Aban"), msg("Azar"), msg("Dey"), msg("Bahman"),
    msg("Esfand"),
)  # fmt: skip
_GREGORIAN_MONTH_NAMES = (
    msg("January"), msg("February"), msg("March"), msg("April"), msg("May"), msg("June"),
    msg("July"), msg("August"), msg("September"), msg("October"), msg("November"),
    msg("December"),
)  # fmt: skip


def _month_name(calendar: Calendar, month: int) -> Message:
    names = _SOLAR_HIJRI_MONTH_NAMES if calendar == "solar-hijri" else _GREGORIAN_MONTH_NAMES
    return names[month - 1]


def _sh_text(year: int, month: int | None, day: int | None) -> str:
    return f"{_iso(year, month, day)} {SOLAR_HIJRI_MARK}"


def _solar_hijri_problem(year: int, month: int | None, day: int | None) -> Message | None:
    """Why (year, month, day) is not a Solar Hijri date here; None when it is one."""
    if not FIRST_SOLAR_HIJRI_YEAR <= year <= LAST_SOLAR_HIJRI_YEAR:
        return msg(
            "Solar Hijri years here are {first} to {last}",
            first=FIRST_SOLAR_HIJRI_YEAR,
            last=LAST_SOLAR_HIJRI_YEAR,
        )
    if month is not None and not 1 <= month <= 12:
        return msg("the month must be 1 to 12 (Farvardin to Esfand)")
    if month is not None and day is not None:
        last = solar_hijri_month_days(year, month)
        if month == 12 and day == 30 and last == 29:
            return msg(
                "Esfand has 30 days only in leap years, and {year} is not one: "
                "Esfand {year} has days 1 to 29",
                year=year,
            )
        if not 1 <= day <= last:
            return msg(
                "{month} has days 1 to {last}",
                month=_month_name("solar-hijri", month),
                last=last,
            )
    return None


def _gregorian_problem(year: int, month: int | None, day: int | None) -> Message | None:
    if year == 0:
        return msg("there is no year 0000")
    if month is not None and not 1 <= month <= 12:
        return msg("the month must be 01 to 12")
    if month is not None and day is not None:
        last = gregorian_calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            return msg(
                "{month} {year} has days 01 to {last}",
                month=_month_name("gregorian", month),
                year=str(year),
                last=f"{last:02d}",
            )
    return None


def _span_text(year: int, month: int | None, day: int | None) -> Message | str:
    """The Gregorian reading of a valid Solar Hijri date, for messages."""
    date = PartialDate(year, month, day, "solar-hijri")
    first, last = date.first(), date.last()
    assert first is not None and last is not None
    if first == last:
        return first.isoformat()
    return msg("{first} to {last}", first=first.isoformat(), last=last.isoformat())


def _solar_hijri(
    value: str, year: int, month: int | None, day: int | None, in_digits: bool = True
) -> PartialDate:
    problem = _solar_hijri_problem(year, month, day)
    if problem is None:
        return PartialDate(year, month, day, "solar-hijri")
    # `2009-07-27 SH` is probably Gregorian; `15 مهر 2009` names a Solar Hijri month.
    gregorian_reading = in_digits and year >= FIRST_GREGORIAN_YEAR
    if gregorian_reading and _gregorian_problem(year, month, day) is None:
        raise DateError(
            msg(
                "'{value}' is not a plausible Solar Hijri date ({problem}); "
                "if it is Gregorian, write '{gregorian}'",
                value=value,
                problem=problem,
                gregorian=_iso(year, month, day),
            )
        )
    raise DateError(
        msg("'{value}' is not a real Solar Hijri date: {problem}", value=value, problem=problem)
    )


def _gregorian(value: str, year: int, month: int | None, day: int | None) -> PartialDate:
    problem = _gregorian_problem(year, month, day)
    if problem is not None:
        raise DateError(
            msg("'{value}' is not a real date: {problem}", value=value, problem=problem)
        )
    if year < FIRST_GREGORIAN_YEAR:
        if _solar_hijri_problem(year, month, day) is None:
            raise DateError(
                msg(
                    "'{value}' is not a plausible Gregorian date; if it is Solar Hijri, "
                    "write '{solar_hijri}' (= {gregorian})",
                    value=value,
                    solar_hijri=_sh_text(year, month, day),
                    gregorian=_span_text(year, month, day),
                )
            )
        raise DateError(
            msg(
                "'{value}' is not a plausible date: Gregorian years here start at {first}",
                value=value,
                first=FIRST_GREGORIAN_YEAR,
            )
        )
    return PartialDate(year, month, day)


def _unmarked_with_slashes(value: str, year: int, month: int | None, day: int | None) -> DateError:
    """``1404/07/15``: the calendar is not said; explain both ways to say it."""
    options = []
    if _solar_hijri_problem(year, month, day) is None:
        options.append(
            msg(
                "if it is Solar Hijri, write '{solar_hijri}' (= {gregorian})",
                solar_hijri=_sh_text(year, month, day),
                gregorian=_span_text(year, month, day),
            )
        )
    if year >= FIRST_GREGORIAN_YEAR and _gregorian_problem(year, month, day) is None:
        options.append(
            msg("if it is Gregorian, write '{gregorian}'", gregorian=_iso(year, month, day))
        )
    if not options:
        return DateError(
            msg(
                "'{value}' is not a date: write 1404-07-15 SH (Solar Hijri) or "
                "2025-10-07 (Gregorian), or 'unknown'",
                value=value,
            )
        )
    return DateError(
        msg(
            "'{value}' does not say its calendar: {options}",
            value=value,
            options=msg("{first}; {second}", first=options[0], second=options[1])
            if len(options) == 2
            else options[0],
        )
    )


class _NotADate(DateError):
    """Text that is no date in any form (not a date with a wrong part)."""


def _not_a_date(value: str) -> DateError:
    return _NotADate(
        msg(
            "'{value}' is not a date: write 2009-07-27, 2009-07 or 2009 (Gregorian), "
            "1404-07-15 SH, 1404-07 SH or 1404 SH (Solar Hijri), '15 مهر 1404', "
            "'27 July 2009', or 'unknown'",
            value=value,
        )
    )


def _in_words(value: str, words: list[str], marked: Calendar | None) -> PartialDate | None:
    """``15 مهر 1404``, ``مهر 1404``, ``27 July 2009``, ``July 27 2009``; None if the
    words are not a date."""
    month_at = [i for i, word in enumerate(words) if word.rstrip(".") in _MONTH_NAMES]
    if len(month_at) != 1 or not 2 <= len(words) <= 3:
        return None
    position = month_at[0]
    calendar, month = _MONTH_NAMES[words[position].rstrip(".")]
    others = words[:position] + words[position + 1 :]
    if not _YEAR_RE.match(others[-1]):
        return None
    year = int(others[-1])
    day = None
    if len(others) == 2:
        if not _DAY_RE.match(others[0]):
            return None
        day = int(others[0])
    if marked is not None and marked != calendar:
        raise DateError(
            msg(
                "'{value}': the month {month} is {calendar}, but the date is marked as "
                "the other calendar",
                value=value,
                month=_month_name(calendar, month),
                calendar=msg("Solar Hijri") if calendar == "solar-hijri" else msg("Gregorian"),
            )
        )
    if calendar == "solar-hijri":
        return _solar_hijri(value, year, month, day, in_digits=False)
    problem = _gregorian_problem(year, month, day)
    if problem is not None:
        raise DateError(
            msg("'{value}' is not a real date: {problem}", value=value, problem=problem)
        )
    if year < FIRST_GREGORIAN_YEAR:
        raise DateError(
            msg(
                "'{value}' is not a plausible Gregorian date: Gregorian years here start "
                "at {first}",
                value=value,
                first=FIRST_GREGORIAN_YEAR,
            )
        )
    return PartialDate(year, month, day)


def parse_date(value: object) -> PartialDate:
    """The date an editor wrote (text, or a year YAML read as a number).

    Raises :class:`DateError` with a message for the editor."""
    if isinstance(value, PartialDate):
        return value
    if type(value) is str:
        return _parse_text(value)  # the same few hundred dates recur in every file
    return _parse_date(value)


@lru_cache(maxsize=4096)
def _parse_text(value: str) -> PartialDate:
    return _parse_date(value)


def _parse_date(value: object) -> PartialDate:
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return _gregorian(str(value), value, None, None)
    if not isinstance(value, str):
        raise DateError(
            msg(
                "expected a date such as 2009-07-27, 1404-07-15 SH, '15 مهر 1404', or "
                "'unknown'; found {found}",
                found=describe(value),
            )
        )
    text = " ".join(_fold(value).replace(",", " ").replace("،", " ").split())
    if text == "unknown":
        return PartialDate()
    marked: Calendar | None = None
    mark = _MARK_RE.match(text)
    if mark and mark.group("date"):
        text = mark.group("date")
        marked = "solar-hijri" if mark.group("sh") else "gregorian"
    numeric = _NUMERIC_RE.match(text)
    if numeric:
        year = int(numeric.group("y"))
        month, day = (int(part) if part else None for part in numeric.group("m", "d"))
        if marked == "solar-hijri":
            return _solar_hijri(value, year, month, day)
        if marked is None and numeric.group("sep") == "/":
            raise _unmarked_with_slashes(value, year, month, day)
        if marked is None and not _ISO_RE.match(text):
            raise DateError(
                msg(
                    "'{value}' is not a date: write YYYY-MM-DD with two-digit month and "
                    "day ('{suggestion}'), or mark a Solar Hijri date with SH",
                    value=value,
                    suggestion=_iso(year, month, day),
                )
            )
        return _gregorian(value, year, month, day)
    in_words = _in_words(value, text.split(" "), marked)
    if in_words is None:
        raise _not_a_date(value)
    return in_words


def parse_day(value: object) -> Day:
    """A full date (to the day) in either calendar."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value if isinstance(value, Day) else Day(value.year, value.month, value.day)
    try:
        parsed = parse_date(value)
    except _NotADate:
        raise DateError(
            msg(
                "'{value}' is not a date: write a full date, 2026-03-01 or '1 March 2026' "
                "(Gregorian), 1404-12-10 SH or '10 اسفند 1404' (Solar Hijri)",
                value=str(value),
            )
        ) from None
    if parsed.precision != "day":
        raise DateError(
            msg(
                "expected a full date such as 2026-03-01 or 1404-12-10 SH (to the day); "
                "found {found}",
                found=describe(value),
            )
        )
    first = parsed.first()
    assert first is not None
    return Day(first.year, first.month, first.day, parsed.calendar)
