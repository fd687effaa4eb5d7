"""Field types shared by every model: ids, bilingual text, dates, links, codes.

Each type validates itself and fails with a message written for editors
(``PydanticCustomError`` with type ``shora``), so the validator can print it as is.
"""

from __future__ import annotations

import datetime as dt
import math
import re
import unicodedata
import zoneinfo
from functools import cache
from typing import Annotated, Any
from urllib.parse import urlsplit

from babel import Locale
from email_validator import EmailNotValidError, validate_email
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PlainSerializer,
    PlainValidator,
    StrictBool,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from shora.core.dates import DATE_FORMS, DateError, Day, PartialDate, parse_date, parse_day
from shora.core.language import LANGUAGES as SITE_LANGUAGES
from shora.core.language import LanguageCode
from shora.core.messages import Message, describe, msg
from shora.core.persian import to_ascii_digits
from shora.models.kinds import ID_PATTERN as ID_PATTERN  # where it was always imported from

# The codes the data's language fields take, Persian first.
LANGUAGES: tuple[str, ...] = tuple(language.code for language in SITE_LANGUAGES)

_ID_RE = re.compile(ID_PATTERN)


def fail(message: str) -> PydanticCustomError:
    """An error whose message is shown to editors exactly as written. A
    :class:`~shora.core.messages.Message` travels in the error's context, so that it can
    still be shown in either language."""
    # pydantic fills only '{message}' in the template from the context.
    return PydanticCustomError(
        "shora", str(message).replace("{message}", "message"), {"message": message}
    )


class Model(BaseModel):
    """Base of every data model: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=False)

    def __reduce__(self) -> str | tuple[Any, ...]:
        # Pickled by their values and set fields alone (the validator's cache holds
        # hundreds of thousands of models): pydantic's state, a mapping of four entries
        # for each, costs a fifth more to write and to read.
        if self.__pydantic_extra__ is not None or self.__pydantic_private__:
            return (_unpickled_by_pydantic, (type(self), self.__getstate__()))
        return (_unpickled, (type(self), self.__dict__, self.__pydantic_fields_set__))


def _unpickled_by_pydantic(kind: type[Model], state: dict[Any, Any]) -> Model:
    model = kind.__new__(kind)
    model.__setstate__(state)
    return model


def _unpickled(kind: type[Model], values: dict[str, Any], fields_set: set[str]) -> Model:
    """A model pickled by :meth:`Model.__reduce__`, as pydantic's own unpickling makes it."""
    model = kind.__new__(kind)
    object.__setattr__(model, "__dict__", values)
    object.__setattr__(model, "__pydantic_fields_set__", fields_set)
    object.__setattr__(model, "__pydantic_extra__", None)
    object.__setattr__(model, "__pydantic_private__", None)
    return model


def id_suggestion(value: str) -> str | None:
    """An id like ``value``, written as ids are: ``Malmö`` gives ``malmo``."""
    latin = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
    suggestion = re.sub(r"[^a-z0-9]+", "-", latin.lower()).strip("-")
    return suggestion if _ID_RE.match(suggestion) else None


def _check_id(value: Any) -> Any:
    if isinstance(value, str) and not _ID_RE.match(value):
        suggestion = id_suggestion(value) or ""
        if suggestion and _ID_RE.match(suggestion):
            raise fail(
                msg(
                    "'{value}' is not a valid id: use lowercase ASCII words joined by '-', "
                    "e.g. '{suggestion}'",
                    value=value,
                    suggestion=suggestion,
                )
            )
        raise fail(
            msg("'{value}' is not a valid id: use lowercase ASCII words joined by '-'", value=value)
        )
    return value


Id = Annotated[
    str,
    BeforeValidator(_check_id),
    WithJsonSchema({"type": "string", "pattern": ID_PATTERN}),
]


def _check_text(value: Any) -> Any:
    if isinstance(value, str) and not value.strip():
        raise fail(msg("the text is empty: write the text, or remove the key if it is optional"))
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
        text: str = getattr(self, language)
        return text


class TranslatableText(Model):
    """A resolution's text: the Persian always, the English once it is translated.

    Whether the English may still be missing is the resolution's to say, by the status
    of its translation (:class:`shora.models.resolution.Resolution`): a resolution is
    published in Persian first, and its English page shows what is not translated yet
    in Persian, marked as such."""

    fa: NonEmptyText = Field(description="Persian text.")
    en: NonEmptyText | None = Field(
        None,
        description="English text. Required when translations.en.status is complete; "
        "may be left out while it is missing or draft.",
    )

    def __getitem__(self, language: str) -> str:
        """The text shown in ``language``: the Persian where no English is written yet."""
        return self.get(language) or self.fa

    def get(self, language: str) -> str | None:
        """The text written in ``language``, or None."""
        value: str | None = getattr(self, language)
        return value

    def language_shown(self, language: str) -> LanguageCode:
        """The language of ``self[language]``."""
        return "en" if language == "en" and self.en is not None else "fa"

    def translated(self) -> bool:
        """Whether the text is written in every language."""
        return self.en is not None


# ---------------------------------------------------------------- dates


def _parse_partial_date(value: Any) -> PartialDate:
    try:
        return parse_date(value)
    except DateError as error:
        raise fail(error.message) from None


SomeDate = Annotated[
    PartialDate,
    BeforeValidator(_parse_partial_date),
    PlainSerializer(str, return_type=str),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 4},
                {"type": "integer", "minimum": 1000, "maximum": 9999},
            ],
            "description": DATE_FORMS + " Or 'unknown'.",
        }
    ),
]


def _parse_exact_date(value: Any) -> dt.date:
    try:
        return parse_day(value)
    except DateError as error:
        raise fail(error.message) from None


# A plain validator: the Day (a datetime.date that knows its calendar) is kept as is.
ExactDate = Annotated[
    dt.date,
    PlainValidator(_parse_exact_date),
    PlainSerializer(lambda day: day.isoformat(), return_type=str),
    WithJsonSchema(
        {
            "type": "string",
            "minLength": 8,
            "description": "A full date: 2026-03-01, 1404-12-10 SH, '10 اسفند 1404' or "
            "'1 March 2026'.",
        }
    ),
]


# ---------------------------------------------------------------- numbers

# Digits of any of the three systems, an optional sign, and '.' or the Persian (and
# Arabic) decimal separator '٫'.
_WHOLE_NUMBER_RE = re.compile(r"^[+-]?\d+$")
_DECIMAL_NUMBER_RE = re.compile(r"^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$")
_NUMBER_SIGNS = str.maketrans({"\u066b": ".", "\u2212": "-"})
_THOUSANDS_SEPARATORS = ("\u066c", ",", "\u060c")  # '٬' ',' '،'


def _number_text(value: str) -> str:
    return to_ascii_digits(value.strip()).translate(_NUMBER_SIGNS)


# A separator not followed by a group of three digits is a decimal comma (55,70).
_DECIMAL_COMMA_RE = re.compile(r"[,،٬](?![0-9۰-۹٠-٩]{3}(?![0-9۰-۹٠-٩]))")


def _number_problem(value: str, example: Message) -> Message:
    if _DECIMAL_COMMA_RE.search(value) or "/" in value:
        return msg(
            "'{value}' is not a number: the decimal separator is '٫' or '.', e.g. {example}",
            value=value,
            example=example,
        )
    if any(separator in value for separator in _THOUSANDS_SEPARATORS):
        return msg(
            "'{value}' is not a number: write it without a thousands separator, e.g. {example}",
            value=value,
            example=example,
        )
    return msg(
        "'{value}' is not a number: write digits, e.g. {example}", value=value, example=example
    )


def _parse_whole_number(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = _number_text(value)
        if _WHOLE_NUMBER_RE.match(text):
            return int(text)
        if _DECIMAL_NUMBER_RE.match(text):
            raise fail(msg("'{value}' is not a whole number: write e.g. 23 or ۲۳", value=value))
        raise fail(_number_problem(value, msg("23 or ۲۳")))
    raise fail(
        msg(
            "expected a whole number such as 23 or ۲۳, found {found}",
            found=describe(value),
        )
    )


def _parse_decimal_number(value: Any) -> Any:
    if isinstance(value, float) and not math.isfinite(value):
        raise fail(
            msg("expected a number such as 59.33 or ۵۹٫۳۳, found {found}", found=describe(value))
        )
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, str):
        text = _number_text(value)
        if _DECIMAL_NUMBER_RE.match(text):
            return float(text)
        raise fail(_number_problem(value, msg("59.33 or ۵۹٫۳۳")))
    raise fail(
        msg("expected a number such as 59.33 or ۵۹٫۳۳, found {found}", found=describe(value))
    )


_DIGITS_PATTERN = "[0-9\u06f0-\u06f9\u0660-\u0669]"

Count = Annotated[
    int,
    BeforeValidator(_parse_whole_number),
    Field(ge=0, strict=True),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": f"^{_DIGITS_PATTERN}+$"},
            ],
            "description": "A whole number, in any digits: 23 or ۲۳.",
        }
    ),
]


def _decimal_schema(minimum: float, maximum: float) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": minimum, "maximum": maximum},
                {
                    "type": "string",
                    "pattern": f"^[-+\u2212]?{_DIGITS_PATTERN}+([.\u066b]{_DIGITS_PATTERN}*)?$",
                },
            ],
            "description": f"A number from {minimum:g} to {maximum:g}, in any digits, "
            "with '.' or '٫' before the decimals: 59.33 or ۵۹٫۳۳.",
        }
    )


# Numbers between their bounds, in any digits, with '.' or '٫'.
Latitude = Annotated[
    float,
    BeforeValidator(_parse_decimal_number),
    Field(ge=-90, le=90),
    _decimal_schema(-90, 90),
]
Longitude = Annotated[
    float,
    BeforeValidator(_parse_decimal_number),
    Field(ge=-180, le=180),
    _decimal_schema(-180, 180),
]


# ---------------------------------------------------------------- links and codes


def _check_url(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    stripped = value.strip()
    if any(character.isspace() for character in stripped) or stripped != value:
        raise fail(msg("'{value}' is not a web address: it contains spaces", value=value))
    parts = urlsplit(value)
    scheme = parts.scheme.lower()
    if scheme != "https":
        if scheme == "http":
            raise fail(
                msg(
                    "'{value}' uses http: write https:// (only secure links are published)",
                    value=value,
                )
            )
        raise fail(
            msg(
                "'{value}' is not an https:// web address: write a link starting with https://",
                value=value,
            )
        )
    if not parts.hostname or "." not in parts.hostname:
        raise fail(msg("'{value}' has no valid host name after https://", value=value))
    if parts.username or parts.password:
        raise fail(msg("'{value}' contains a user name or password: remove it", value=value))
    return value


HttpsUrl = Annotated[
    str,
    BeforeValidator(_check_url),
    WithJsonSchema({"type": "string", "format": "uri", "pattern": "^https://"}),
]


# An address of these forms is valid if its domain is (the library checks the part
# before the @-sign apart from the domain, and their lengths together): a dot-atom of
# letters and digits, and a domain of plain labels (no punycode, whose Unicode form
# may be longer).
_PLAIN_LOCAL_PART = re.compile(r"[A-Za-z0-9]+(?:[._+-][A-Za-z0-9]+)*\Z")
_PLAIN_DOMAIN = re.compile(r"[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*(?:\.[A-Za-z0-9]+(?:-[A-Za-z0-9]+)*)+\Z")
# (The library's limit on a whole address, in UTF-8 bytes: one a character here.)
_PLAIN_MAX_LENGTH = 254
# Domains of plain addresses the library accepted: most councils' addresses share a
# few domains, and checking a domain is most of the library's time (a fifth of a
# second at L).
_valid_domains: set[str] = set()


def _check_email(value: Any) -> Any:
    if not isinstance(value, str):
        return value
    local_part, at, domain = value.partition("@")
    plain = (
        bool(at) and len(value) <= _PLAIN_MAX_LENGTH and bool(_PLAIN_LOCAL_PART.match(local_part))
    )
    if plain and domain in _valid_domains:
        return value  # what the library would say: valid
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        # The library's reason is in English only.
        raise fail(
            msg("'{value}' is not an e-mail address: {reason}", value=value, reason=str(error))
        ) from None
    if plain and _PLAIN_DOMAIN.match(domain):
        _valid_domains.add(domain)
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
        raise fail(
            msg("'{value}' must be written in capitals: '{code}'", value=value, code=value.upper())
        )
    by_name = {name.lower(): code for code, name in known.items()}
    if value.lower() in by_name:
        raise fail(
            msg(
                "'{value}' is not an ISO 3166-1 alpha-2 country code (two capital letters, "
                "e.g. SE for Sweden); did you mean '{code}'?",
                value=value,
                code=by_name[value.lower()],
            )
        )
    raise fail(
        msg(
            "'{value}' is not an ISO 3166-1 alpha-2 country code (two capital letters, "
            "e.g. SE for Sweden)",
            value=value,
        )
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
        raise fail(
            msg(
                "'{value}' is not an IANA time zone; did you mean '{zone}'?",
                value=value,
                zone=lowered[value.lower()],
            )
        )
    raise fail(
        msg(
            "'{value}' is not an IANA time zone: write e.g. Europe/Stockholm or Asia/Tehran",
            value=value,
        )
    )


TimeZone = Annotated[str, BeforeValidator(_check_time_zone), WithJsonSchema({"type": "string"})]

_TIME_RE = re.compile(r"^([01]\d|2[0-3]):([0-5]\d)$")


def _check_time(value: Any) -> Any:
    if isinstance(value, int) and not isinstance(value, bool):
        value = str(value)  # `time: 1800`: say what to write, not "expected text"
    if not isinstance(value, str):
        return value
    # `۱۸:۳۰` is 18:30: the model keeps ASCII digits, the file what the editor wrote.
    time = to_ascii_digits(value)
    if not _TIME_RE.match(time):
        raise fail(
            msg(
                "'{value}' is not a time of day: write HH:MM on a 24-hour clock, "
                "e.g. 18:30 or ۱۸:۳۰",
                value=value,
            )
        )
    return time


TimeOfDay = Annotated[
    str,
    BeforeValidator(_check_time),
    WithJsonSchema(
        {
            "type": "string",
            "pattern": r"^([01۰۱٠١][0-9۰-۹٠-٩]|[2۲٢][0-3۰-۳٠-٣]):[0-5۰-۵٠-٥][0-9۰-۹٠-٩]$",
        }
    ),
]


__all__ = [
    "LANGUAGES",
    "Count",
    "CountryCode",
    "Day",
    "Email",
    "ExactDate",
    "HttpsUrl",
    "Id",
    "LanguageCode",
    "Latitude",
    "Longitude",
    "Model",
    "NonEmptyText",
    "NumberOrText",
    "PartialDate",
    "SomeDate",
    "StrictBool",
    "Text",
    "TimeOfDay",
    "TimeZone",
    "TranslatableText",
    "country_names",
    "fail",
]
