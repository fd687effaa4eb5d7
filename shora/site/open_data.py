"""The open data's tables, data/*.csv: each column documented here once, with its
meaning in both languages (the open-data page shows them) and how its value is read
from the data (:mod:`shora.publish.csv_files` writes them); and the forms of a date in
open data."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup, escape

from shora.core.dates import Day, PartialDate
from shora.core.language import other_language
from shora.load.dataset import Entry
from shora.models.resolution import Resolution
from shora.site.routes import (
    COUNCILS_CSV,
    DECISIONS_CSV,
    RESOLUTIONS_CSV,
    global_url,
    resolution_url,
)


def gregorian_date(date: PartialDate | dt.date) -> str:
    """A date in open data: ISO 8601 ``YYYY[-MM[-DD]]``; a Solar Hijri month or year,
    which is no Gregorian month or year, as the interval of its days
    (``2025-09-23/2025-10-22``); ``unknown`` when unknown."""
    if isinstance(date, dt.date):
        return date.isoformat()
    return date.gregorian() or "unknown"


def solar_hijri_date(date: PartialDate | dt.date) -> str:
    """The same date in the Solar Hijri calendar, ``YYYY[-MM[-DD]]`` in ASCII digits;
    a Gregorian month or year as the interval of its days (``1388-04-10/1388-05-09``)."""
    if isinstance(date, dt.date):
        return (
            date if isinstance(date, Day) else Day(date.year, date.month, date.day)
        ).solar_hijri()
    return date.solar_hijri() or "unknown"


@dataclass(frozen=True)
class Column:
    """A column of a table: its name, its meaning in each language (a literal value
    between backticks, shown as code: `unknown`) and how its value is read."""

    name: str
    fa: str
    en: str
    value: Callable[[Any], object]

    def meaning(self, language: str) -> Markup:
        """The meaning as HTML, each literal value in ``<code>``: isolated, in its own
        direction, in Persian text (a list of them otherwise runs together left to
        right, its items in the reverse order)."""
        parts = str(getattr(self, language)).split("`")
        if len(parts) % 2 == 0:
            raise ValueError(f"an unclosed backtick in the meaning of {self.name}")
        return Markup("").join(
            Markup("<code>{}</code>").format(part) if index % 2 else escape(part)
            for index, part in enumerate(parts)
        )


def _vote(field: str) -> Callable[[Any], object]:
    return lambda entry: getattr(entry.model.vote, field, None)


def _translation_status(entry: Entry[Resolution]) -> str | None:
    model = entry.model
    return model.translation_status(other_language(model.original_language))


# A date known to the month or year in the other calendar is the interval of its days.
_GREGORIAN_EN = (
    "{} in the Gregorian calendar: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, an interval "
    "`YYYY-MM-DD/YYYY-MM-DD` (a Solar Hijri month or year), or `unknown`"
)
_GREGORIAN_FA = (
    "{} به میلادی: `YYYY-MM-DD`، `YYYY-MM`، `YYYY`، بازهٔ `YYYY-MM-DD/YYYY-MM-DD` "
    "(برای ماه یا سالی خورشیدی) یا `unknown`"
)
_SOLAR_HIJRI_EN = (
    "{} in the Solar Hijri calendar: `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, an interval "
    "`YYYY-MM-DD/YYYY-MM-DD` (a Gregorian month or year), or `unknown`"
)
_SOLAR_HIJRI_FA = (
    "{} به خورشیدی: `YYYY-MM-DD`، `YYYY-MM`، `YYYY`، بازهٔ `YYYY-MM-DD/YYYY-MM-DD` "
    "(برای ماه یا سالی میلادی) یا `unknown`"
)

RESOLUTION_COLUMNS = [
    Column("id", "شناسه (نام پرونده)", "Id (the file name)", lambda e: e.id),
    Column("title_fa", "عنوان فارسی", "Persian title", lambda e: e.model.title.fa),
    Column("title_en", "عنوان انگلیسی (تا ترجمه نشده، خالی)",
           "English title (empty until it is translated)", lambda e: e.model.title.en),
    Column("organization", "شناسه سازمان", "Organization id", lambda e: e.model.organization),
    Column("body_fa", "مرجع تصویب (فارسی)", "Adopting body (Persian)",
           lambda e: e.model.adopted_by.body.fa),
    Column("body_en", "مرجع تصویب (انگلیسی؛ تا ترجمه نشده، خالی)",
           "Adopting body (English; empty until it is translated)",
           lambda e: e.model.adopted_by.body.en),
    Column("adopted", _GREGORIAN_FA.format("تاریخ تصویب"), _GREGORIAN_EN.format("Adoption date"),
           lambda e: gregorian_date(e.model.adopted.date)),
    Column("adopted_solar_hijri", _SOLAR_HIJRI_FA.format("تاریخ تصویب"),
           _SOLAR_HIJRI_EN.format("Adoption date"),
           lambda e: solar_hijri_date(e.model.adopted.date)),
    Column("status", "وضعیت: `in-force`، `superseded`، `repealed`، `unknown`",
           "Status: `in-force`, `superseded`, `repealed`, `unknown`", lambda e: e.model.status),
    Column("vote", "رأی: `unanimous`، `counts`، `without-vote`، `unknown`",
           "Vote: `unanimous`, `counts`, `without-vote`, `unknown`",
           lambda e: e.model.vote.kind),
    Column("yes", "آرای موافق (در صورت ثبت)", "Votes for (when recorded)", _vote("yes")),
    Column("no", "آرای مخالف", "Votes against", _vote("no")),
    Column("abstain", "آرای ممتنع", "Abstentions", _vote("abstain")),
    Column("participants", "شرکت‌کنندگان", "Participants", _vote("participants")),
    Column("original_language", "زبان اصلی: `fa` یا `en`", "Original language: `fa` or `en`",
           lambda e: e.model.original_language),
    Column("translation", "وضعیت ترجمه به زبان دیگر: `complete` (کامل)، `draft` (در دست "
           "ترجمه) یا `missing` (هنوز ترجمه نشده)",
           "Status of the translation into the other language: `complete`, `draft` (being "
           "translated) or `missing` (not translated yet)", _translation_status),
    Column("topics", "شناسه موضوع‌ها، جدا با فاصله", "Topic ids, separated by spaces",
           lambda e: " ".join(e.model.topics)),
    Column("supersedes", "جایگزینِ این‌ها (شناسه یا شناسه`#`بند)، جدا با فاصله",
           "Replaces these (id or id`#`clause), separated by spaces",
           lambda e: " ".join(e.model.supersedes)),
    Column("amends", "اصلاحِ این‌ها، جدا با فاصله", "Amends these, separated by spaces",
           lambda e: " ".join(e.model.amends)),
    Column("url_fa", "نشانی صفحه فارسی، نسبت به ریشه سایت",
           "Address of the Persian page, relative to the site's root",
           lambda e: global_url(resolution_url(e.id), "fa")),
    Column("url_en", "نشانی صفحه انگلیسی", "Address of the English page",
           lambda e: global_url(resolution_url(e.id), "en")),
]  # fmt: skip

COUNCIL_COLUMNS = [
    Column("id", "شناسه", "Id", lambda e: e.id),
    Column("name_fa", "نام فارسی", "Persian name", lambda e: e.model.name.fa),
    Column("name_en", "نام انگلیسی", "English name", lambda e: e.model.name.en),
    Column("city_fa", "شهر (فارسی)", "City (Persian)", lambda e: e.model.city.fa),
    Column("city_en", "شهر (انگلیسی)", "City (English)", lambda e: e.model.city.en),
    Column("other_names", "نام‌های دیگر شهر، جدا با `|`",
           "Other spellings of the city, separated by `|`",
           lambda e: "|".join(e.model.other_names)),
    Column("country", "کد کشور ISO 3166-1", "ISO 3166-1 country code", lambda e: e.model.country),
    Column("lat", "عرض جغرافیایی شهر، دو رقم اعشار", "Latitude of the city, two decimals",
           lambda e: f"{e.model.coordinates.lat:.2f}"),
    Column("lon", "طول جغرافیایی شهر، دو رقم اعشار", "Longitude of the city, two decimals",
           lambda e: f"{e.model.coordinates.lon:.2f}"),
    Column("status", "وضعیت: `forming`، `active`، `inactive`، `dissolved`",
           "Status: `forming`, `active`, `inactive`, `dissolved`", lambda e: e.model.status),
    Column("federation", "شناسه فدراسیون کشوری", "Id of the country federation",
           lambda e: e.model.federation),
    Column("founded", _GREGORIAN_FA.format("تاریخ تأسیس"), _GREGORIAN_EN.format("Founded"),
           lambda e: gregorian_date(e.model.founded)),
    Column("founded_solar_hijri", _SOLAR_HIJRI_FA.format("تاریخ تأسیس"),
           _SOLAR_HIJRI_EN.format("Founded"), lambda e: solar_hijri_date(e.model.founded)),
    Column("last_verified", "آخرین بررسی اطلاعات (میلادی، `YYYY-MM-DD`)",
           "Last verified (Gregorian, `YYYY-MM-DD`)",
           lambda e: e.model.last_verified.isoformat()),
    Column("last_verified_solar_hijri", "آخرین بررسی اطلاعات (خورشیدی، `YYYY-MM-DD`)",
           "Last verified (Solar Hijri, `YYYY-MM-DD`)",
           lambda e: solar_hijri_date(e.model.last_verified)),
    Column("email", "ایمیل", "E-mail", lambda e: e.model.contacts.email),
    Column("website", "وب‌سایت", "Website", lambda e: e.model.contacts.website),
    Column("sample", "`true` برای داده نمونه (خیالی)، وگرنه `false`",
           "`true` for (fictional) sample data, else `false`",
           lambda e: "true" if e.model.sample else "false"),
]  # fmt: skip

DECISION_COLUMNS = [
    Column("id", "شناسه", "Id", lambda e: e.id),
    Column("council", "شناسه شورا", "Council id", lambda e: e.model.council),
    Column("date", "تاریخ (میلادی، `YYYY-MM-DD`)", "Date (Gregorian, `YYYY-MM-DD`)",
           lambda e: e.model.date.isoformat()),
    Column("date_solar_hijri", "تاریخ (خورشیدی، `YYYY-MM-DD`)",
           "Date (Solar Hijri, `YYYY-MM-DD`)",
           lambda e: solar_hijri_date(e.model.date)),
    Column("body", "مرجع: `general-assembly` یا `executive-board`",
           "Body: `general-assembly` or `executive-board`", lambda e: e.model.body),
    Column("kind", "نوع: `policy`، `election`، `recall`، `other`",
           "Kind: `policy`, `election`, `recall`, `other`", lambda e: e.model.kind),
    Column("title_fa", "عنوان فارسی", "Persian title", lambda e: e.model.title.fa),
    Column("title_en", "عنوان انگلیسی", "English title", lambda e: e.model.title.en),
    Column("outcome", "نتیجه: `adopted` یا `rejected`", "Outcome: `adopted` or `rejected`",
           lambda e: e.model.outcome),
    Column("yes", "موافق", "For", lambda e: e.model.vote.yes),
    Column("no", "مخالف", "Against", lambda e: e.model.vote.no),
    Column("abstain", "ممتنع", "Abstaining", lambda e: e.model.vote.abstain),
    Column("participants", "حاضران", "Members present", lambda e: e.model.vote.participants),
]  # fmt: skip

TABLES: dict[str, tuple[str, list[Column]]] = {
    # file: (dataset table, columns)
    RESOLUTIONS_CSV: ("resolutions", RESOLUTION_COLUMNS),
    COUNCILS_CSV: ("councils", COUNCIL_COLUMNS),
    DECISIONS_CSV: ("decisions", DECISION_COLUMNS),
}
