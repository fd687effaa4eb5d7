"""Dates, numbers and votes as readers of each language expect them.

Persian pages show the Solar Hijri date first and the Gregorian date second,
with Persian digits; English pages show the Gregorian date first.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import jdatetime
from babel.dates import format_date
from markupsafe import Markup, escape

from shora.models.common import PartialDate
from shora.models.resolution import Unanimous, VoteCounts, WithoutVote
from shora.persian import localize_digits
from shora.site.strings import t


def number(value: int, language: str) -> str:
    return localize_digits(str(value), language)


# Thousands of pages show the same few hundred days: Babel takes a fraction of a
# millisecond for each.
@lru_cache(maxsize=8192)
def gregorian(date: dt.date, language: str, precision: str = "day") -> str:
    pattern = {"day": "d MMMM y", "month": "MMMM y", "year": "y"}[precision]
    # Babel's Persian uses the genitive month ("ژوئیهٔ"), right before a year too.
    return localize_digits(format_date(date, pattern, locale=language), language)


@lru_cache(maxsize=8192)
def solar_hijri(date: dt.date, language: str) -> str:
    solar = jdatetime.date.fromgregorian(date=date)
    months = jdatetime.date.j_months_fa if language == "fa" else jdatetime.date.j_months_en
    text = f"{solar.day} {months[solar.month - 1]} {solar.year}"
    return localize_digits(text, language)


@lru_cache(maxsize=8192)
def solar_years(first: dt.date, last: dt.date, language: str) -> str:
    """The Solar Hijri year(s) a span of Gregorian days falls in, e.g. 1387–1388."""
    start = jdatetime.date.fromgregorian(date=first).year
    end = jdatetime.date.fromgregorian(date=last).year
    text = str(start) if start == end else f"{start}–{end}"
    return localize_digits(text, language)


def _last_day(date: PartialDate) -> dt.date:
    first = date.earliest()
    assert first is not None
    if date.precision == "year":
        return dt.date(first.year, 12, 31)
    if date.precision == "month":
        following = dt.date(first.year + first.month // 12, first.month % 12 + 1, 1)
        return following - dt.timedelta(days=1)
    return first


def date_html(date: PartialDate, language: str) -> Markup:
    """A date in both calendars, as HTML with a machine-readable <time>."""
    first = date.earliest()
    if first is None:
        return Markup(escape(t("date_unknown", language)))
    last = first if date.precision == "day" else _last_day(date)
    return _date_html(first, last, date.precision, str(date), language)


@lru_cache(maxsize=8192)
def _date_html(first: dt.date, last: dt.date, precision: str, text: str, language: str) -> Markup:
    shown = gregorian(first, language, precision)
    if precision == "day":
        solar = solar_hijri(first, language)
    else:
        solar = solar_years(first, last, language)
    if language == "fa":
        return Markup('<time datetime="{}">{} هجری شمسی</time> (<bdi>{}</bdi>)').format(
            text, solar, shown
        )
    return Markup('<time datetime="{}">{}</time> (<bdi>{} SH</bdi>)').format(text, shown, solar)


def vote_text(vote: object, language: str) -> str:
    if isinstance(vote, Unanimous):
        return t("vote_unanimous", language)
    if isinstance(vote, WithoutVote):
        return t("vote_without_vote", language)
    if isinstance(vote, VoteCounts):
        text = t(
            "vote_counts",
            language,
            yes=number(vote.yes, language),
            no=number(vote.no, language),
            abstain=number(vote.abstain, language),
        )
        if vote.participants is not None:
            text += " " + t(
                "of_participants", language, participants=number(vote.participants, language)
            )
        return text
    return t("vote_unknown", language)
