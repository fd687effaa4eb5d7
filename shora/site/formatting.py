"""Dates, numbers and votes as readers of each language expect them.

Persian pages show the Solar Hijri date first and the Gregorian date second,
with Persian digits, except a date a source prints (a resolution's), shown first in
the source's calendar; English pages show the Gregorian date first.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import jdatetime
from babel.dates import format_date, get_timezone, get_timezone_location
from markupsafe import Markup, escape

from shora.core.language import LANGUAGES, language_of, localize_digits
from shora.models.common import PartialDate, Text, TranslatableText
from shora.models.resolution import Unanimous, VoteCounts, WithoutVote
from shora.site.strings import t, t_count


def number(value: int, language: str) -> str:
    return localize_digits(str(value), language)


@lru_cache(maxsize=512)
def time_zone_name(zone: str, language: str) -> str:
    """An IANA time zone as readers know it: ``Europe/Stockholm`` is "Sweden Time",
    «وقت سوئد» (CLDR's names, through Babel)."""
    return get_timezone_location(get_timezone(zone), locale=language)


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


def _day_month(date: dt.date, language: str) -> str:
    # Without a year after it the month takes no genitive ending ("فوریه", not "فوریهٔ").
    text = format_date(date, "d MMMM", locale=language).removesuffix("\u0654")
    return localize_digits(text, language)


@lru_cache(maxsize=8192)
def gregorian_span(first: dt.date, last: dt.date, language: str) -> str:
    """The Gregorian days of a Solar Hijri month, e.g. 23 September – 22 October 2025."""
    start = _day_month(first, language) if first.year == last.year else gregorian(first, language)
    return t("date_span", language, start=start, end=gregorian(last, language))


def solar_hijri_month(year: int, month: int, language: str) -> str:
    """A Solar Hijri month as written on pages: مهر ۱۴۰۴, Mehr 1404."""
    months = jdatetime.date.j_months_fa if language == "fa" else jdatetime.date.j_months_en
    return localize_digits(f"{months[month - 1]} {year}", language)


def date_html(date: PartialDate, language: str, *, as_printed: bool = False) -> Markup:
    """A date in both calendars, as HTML with a machine-readable <time>.

    ``as_printed``: the date a source prints (a resolution's), on a Persian page, first
    in the calendar the source prints it in, as it prints it ("۲۷ ژوئیه ۲۰۰۹"), and the
    converted date beside it; without it, Persian pages put the Solar Hijri date first."""
    if not date.known:
        return Markup(escape(t("date_unknown", language)))
    if as_printed and language == "fa" and date.calendar == "gregorian":
        return _gregorian_first_html(date)
    return _date_html(date, language)


@lru_cache(maxsize=1024)
def _gregorian_first_html(date: PartialDate) -> Markup:
    first, last = date.first(), date.last()
    assert first is not None and last is not None
    # Printed Persian writes the month without the genitive hamza ("ژوئیه ۲۰۰۹").
    printed = gregorian(first, "fa", date.precision).replace("\u0654", "")
    day = date.precision == "day"
    solar = solar_hijri(first, "fa") if day else solar_years(first, last, "fa")
    return Markup('<time datetime="{}">{}</time> (<bdi>{}</bdi>)').format(
        date.gregorian(), printed, t("solar_hijri_date", "fa", date=solar)
    )


@lru_cache(maxsize=8192)
def _date_html(date: PartialDate, language: str) -> Markup:
    first, last = date.first(), date.last()
    assert first is not None and last is not None
    if date.calendar == "solar-hijri" and date.precision != "day":
        return _solar_hijri_span_html(date, first, last, language)
    shown = gregorian(first, language, date.precision)
    if date.precision == "day":
        solar = solar_hijri(first, language)
    else:
        solar = solar_years(first, last, language)
    text = date.gregorian()
    solar = t("solar_hijri_date", language, date=solar)
    # Persian pages put the Solar Hijri date first, English ones the Gregorian.
    if language_of(language).is_persian:
        return Markup('<time datetime="{}">{}</time> (<bdi>{}</bdi>)').format(text, solar, shown)
    return Markup('<time datetime="{}">{}</time> (<bdi>{}</bdi>)').format(text, shown, solar)


def _solar_hijri_span_html(
    date: PartialDate, first: dt.date, last: dt.date, language: str
) -> Markup:
    """A Solar Hijri month or year: written as such, with the Gregorian days (of a
    month) or years (of a year) it covers; never a made-up day."""
    assert date.year is not None
    if date.month is not None:
        solar = solar_hijri_month(date.year, date.month, language)
        shown = gregorian_span(first, last, language)
    else:
        solar = localize_digits(str(date.year), language)
        shown = localize_digits(f"{first.year}–{last.year}", language)
    # A <time> needs a valid date: the Gregorian month or year holding every day of
    # it, when there is one (Mehr 1404 lies in 2025; the year 1404 in no single year).
    container = date.gregorian_container()
    solar = t("solar_hijri_date", language, date=solar)
    opening = Markup('<time datetime="{}">').format(container) if container else Markup("<span>")
    closing = "time" if container else "span"
    return opening + Markup("{}</{}> (<bdi>{}</bdi>)").format(solar, closing, shown)


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
            text += " " + t_count("of_participants", language, vote.participants)
        return text
    return t("vote_unknown", language)


COMMAS: dict[str, str] = {language.code: language.comma for language in LANGUAGES}


def direction(language: str) -> str:
    return language_of(language).direction


def language_attributes(text: TranslatableText, language: str) -> Markup:
    """`` lang="fa" dir="rtl"`` for an element showing ``text`` on a page in
    ``language`` where the text is not translated into it yet (so it reads, and is read
    aloud, as the Persian it is); '' otherwise."""
    shown = text.language_shown(language)
    if shown == language:
        return Markup("")
    return Markup(' lang="{}" dir="{}"').format(shown, direction(shown))


def shown_text(*texts: TranslatableText | Text | None, language: str) -> Markup:
    """Texts as a page in ``language`` shows them, joined by its comma: a text not
    translated into that language yet is shown in Persian, isolated in an element of its
    own language and direction (``<bdi>``: beside other text it keeps its order); texts
    all in Persian on an English page are one such element, joined by '، '."""
    given = [text for text in texts if text is not None]
    shown = {
        text.language_shown(language) if isinstance(text, TranslatableText) else language
        for text in given
    }
    if shown == {language} or not given:
        return Markup(COMMAS[language]).join(escape(text[language]) for text in given)
    if len(shown) == 1:
        (other,) = shown
        joined = COMMAS[other].join(text[language] for text in given)
        return Markup('<bdi lang="{}" dir="{}">{}</bdi>').format(other, direction(other), joined)
    return Markup(COMMAS[language]).join(shown_text(text, language=language) for text in given)
