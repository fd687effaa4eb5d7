"""Field types shared by every model: ids, bilingual text, dates, links, codes.

Each type validates itself and fails with a message written for editors
(``PydanticCustomError`` with type ``shora``), so the validator can print it as is.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    StrictBool,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

LANGUAGES: tuple[str, ...] = ("fa", "en")
Language = Literal["fa", "en"]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
_ID_RE = re.compile(ID_PATTERN)


def fail(message: str) -> PydanticCustomError:
    """An error whose message is shown to editors exactly as written. A
    :class:`~shora.messages.Message` travels in the error's context, so that it can
    still be shown in either language."""
    # pydantic fills only '{message}' in the template from the context.
    return PydanticCustomError(
        "shora", str(message).replace("{message}", "message"), {"message": message}
    )


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)


def _check_id(value: Any) -> Any:
    if isinstance(value, str) and not _ID_RE.match(value):
        suggestion = re.sub(r"[^a-z0-9]+", "-", value.lower()).strip("-")
        hint = f", e.g. '{suggestion}'" if suggestion and _ID_RE.match(suggestion) else ""
        raise fail(f"'{value}' is not a valid id: use lowercase ASCII words joined by '-'{hint}")
    return value


Id = Annotated[
    str,
    BeforeValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]


def _check_text(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise fail("the text is empty: write the text, or remove the key if it is optional")
    return value


NonEmptyText = Annotated[
    str, BeforeValidator(_check_text), WithJsonSchema({"type": "string", "minLength": 1})
]


def _number_as_text(value: Any) -> Any:
    # Editors write `issue: 273`; YAML reads a number, the model wants text.
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


NumberOrText = Annotated[
    str,
    BeforeValidator(_number_as_text),
    WithJsonSchema({"type": ["string", "integer"]}),
]


class Text(Model):
    """The same text in Persian and English. Both are required."""

    fa: NonEmptyText = Field(description="Persian text.")
    en: NonEmptyText = Field(description="English text.")

    def __getitem__(self, language: str) -> str:
        return getattr(self, language)


# ---------------------------------------------------------------- dates


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the day, the month, the year, or not at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @property
    def known(self) -> bool:
        return self.year is not None

    @property
    def precision(self) -> Literal["day", "month", "year", "unknown"]:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year" if self.year is not None else "unknown"

    def earliest(self) -> dt.date | None:
        """The first day the date can mean (for sorting and the future check)."""
        if self.year is None:
            return None
        return dt.date(self.year, self.month or 1, self.day or 1)

    def as_date(self) -> dt.date | None:
        return self.earliest() if self.day is not None else None

    def __str__(self) -> str:
        if self.year is None:
            return "unknown"
        parts = [f"{self.year:04d}"]
        if self.month is not None:
            parts.append(f"{self.month:02d}")
        if self.day is not None:
            parts.append(f"{self.day:02d}")
        return "-".join(parts)


_PARTIAL_DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
PARTIAL_DATE_PATTERN = r"^(unknown|\d{4}(-\d{2}(-\d{2})?)?)$"


def _parse_partial_date(value: Any) -> PartialDate:
    if isinstance(value, PartialDate):
        return value
    if isinstance(value, int) and not isinstance(value, bool) and 1000 <= value <= 9999:
        return PartialDate(value)
    if not isinstance(value, str):
        raise fail(
            "expected a date such as 2009-07-27, 2009-07 or 2009, or 'unknown'; "
            f"found {_describe(value)}"
        )
    if value == "unknown":
        return PartialDate()
    match = _PARTIAL_DATE_RE.match(value)
    if not match:
        raise fail(
            f"'{value}' is not a date: write YYYY-MM-DD (2009-07-27), YYYY-MM, YYYY or 'unknown'"
        )
    year = int(match.group(1))
    month, day = (int(part) if part else None for part in match.groups()[1:])
    if year == 0:
        raise fail(f"'{value}' is not a real date: there is no year 0000")
    if month is not None and not 1 <= month <= 12:
        raise fail(f"'{value}' is not a real date: the month must be 01 to 12")
    if month is not None and day is not None:
        last = calendar.monthrange(year, month)[1]
        if not 1 <= day <= last:
            raise fail(
                f"'{value}' is not a real date: {calendar.month_name[month]} {year} "
                f"has days 01 to {last}"
            )
    return PartialDate(year, month, day)


SomeDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": PARTIAL_DATE_PATTERN},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": "YYYY-MM-DD, YYYY-MM, YYYY or 'unknown'.",
        }
    ),
]


def _parse_exact_date(value: Any) -> dt.date:
    if isinstance(value, dt.date):
        return value
    parsed = _parse_partial_date(value)
    if parsed.precision != "day":
        raise fail(f"expected a full date such as 2026-03-01 (YYYY-MM-DD); found '{value}'")
    return dt.date(parsed.year, parsed.month, parsed.day)  # type: ignore[arg-type]


ExactDate = Annotated[
    dt.date,
    BeforeValidator(_parse_exact_date),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$"}),
]


# ---------------------------------------------------------------- links and codes


def _check_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if any(character.isspace() for character in stripped) or stripped != value:
        raise fail(f"'{value}' is not a web address: it contains spaces")
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme != "https":
        if scheme == "http":
            raise fail(f"'{value}' uses http: write https:// (only secure links are published)")
        raise fail(f"'{value}' is not an https:// web address: write a link starting with https://")
    if not parts.hostname or "." not in parts.hostname:
        raise fail(f"'{value}' has no valid host name after https://")
    if parts.username or parts.password:
        raise fail(f"'{value}' contains a user name or password: remove it")
    return value


HttpsUrl = Annotated[
    str,
    BeforeValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]


def _check_email(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        raise fail(f"'{value}' is not an e-mail address: {error}") from None
    return value


Email = Annotated[
    str, BeforeValidator(_check_email), WithJsonSchema({"type": "string", "format": "email"})
]


@cache
def country_names(language: str) -> dict[str, str]:
    """ISO 3166-1 alpha-2 code -> country name, from CLDR via Babel."""
    names = Locale.parse(language).territories
    return {code: name for code, name in names.items() if len(code) == 2 and code.isalpha()}


# Codes CLDR knows that are not countries (EU, UN, EZ, QO, ZZ ...) or are not assigned.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "UN", "QO", "ZZ", "XA", "XB", "XK"})


def _check_country(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    known = country_names("en")
    if value in known and value not in _NOT_COUNTRIES:
        return value
    if value.upper() in known and value.upper() not in _NOT_COUNTRIES:
        raise fail(f"'{value}' must be written in capitals: '{value.upper()}'")
    by_name = {name.lower(): code for code, name in known.items()}
    hint = f"; did you mean '{by_name[value.lower()]}'?" if value.lower() in by_name else ""
    raise fail(
        f"'{value}' is not an ISO 3166-1 alpha-2 country code (two capital letters, "
        f"e.g. SE for Sweden){hint}"
    )


CountryCode = Annotated[
    str,
    BeforeValidator(_check_country),
    WithJsonSchema({"type": "string", "pattern": "^[A-Z]{2}$"}),
]


@cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def _check_time_zone(value: Any) -> Any:
    if not isinstance(value, str) or value in _time_zones():
        return value
    lowered = {zone.lower(): zone for zone in _time_zones()}
    if value.lower() in lowered:
        raise fail(f"'{value}' is not an IANA time zone; did you mean '{lowered[value.lower()]}'?")
    raise fail(f"'{value}' is not an IANA time zone: write e.g. Europe/Stockholm or Asia/Tehran")


TimeZone = Annotated[str, BeforeValidator(_check_time_zone), WithJsonSchema({"type": "string"})]

_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _check_time(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `time: 1800`: say what to write, not "expected text"
    if isinstance(value, str) and not _TIME_RE.match(value):
        raise fail(f"'{value}' is not a time of day: write HH:MM on a 24-hour clock, e.g. 18:30")
    return value


TimeOfDay = Annotated[
    str,
    BeforeValidator(_check_time),
    WithJsonSchema({"type": "string", "pattern": r"^([01]\d|2[0-3]):[0-5]\d$"}),
]


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"'{str(value).lower()}'"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"'{value}'"


Count = Annotated[int, Field(ge=0, strict=True)]

__all__ = [
    "LANGUAGES",
    "Count",
    "CountryCode",
    "Email",
    "ExactDate",
    "HttpsUrl",
    "Id",
    "Language",
    "Model",
    "NonEmptyText",
    "NumberOrText",
    "PartialDate",
    "SomeDate",
    "StrictBool",
    "Text",
    "TimeOfDay",
    "TimeZone",
    "country_names",
    "fail",
]
