"""The e-mail check of the models answers as the library (email-validator) does for
every address, although it asks the library only once for the domain of a plain
address it already accepted."""

from __future__ import annotations

import pydantic
from email_validator import EmailNotValidError, validate_email
from hypothesis import given, settings
from hypothesis import strategies as st

from shora.models.common import Email

_ADAPTER: pydantic.TypeAdapter[str] = pydantic.TypeAdapter(Email)

# Domains the check will have accepted once (then known) or refused (never known).
DOMAINS = [
    "example.org",
    "Example.ORG",
    "mail.example.co.uk",
    "a-b.example.org",
    "example",
    "mail.test",
    "localhost",
    "example.123",
    "-bad-.org",
    "ab--cd.org",
    "xn--mgbai9azgqp6j.ir",
    "x" * 64 + ".org",
    ".".join(["abcdefghij"] * 24) + ".org",
    "example.org.",
    "exa_mple.org",
]
PARTS = st.text(alphabet="aZ09._+-@ ()\"'<>é", max_size=8)


def _library(value: str) -> str | None:
    try:
        validate_email(value, check_deliverability=False)
    except EmailNotValidError as error:
        return str(error)
    return None


def _ours(value: str) -> str | None:
    try:
        _ADAPTER.validate_python(value)
    except pydantic.ValidationError as error:
        message = str(error.errors()[0]["ctx"]["message"])
        assert message.startswith(f"'{value}' is not an e-mail address: ")
        return message.removeprefix(f"'{value}' is not an e-mail address: ")
    return None


def test_every_domain_is_known_once_then_answered_the_same() -> None:
    for domain in DOMAINS:
        for local_part in ["first", "first.last", "x" * 70, "a" * (254 - len(domain))]:
            value = f"{local_part}@{domain}"
            assert _ours(value) == _library(value), value
            assert _ours(value) == _library(value), value  # the domain known by now


@settings(max_examples=400, deadline=None)
@given(local_part=PARTS, domain=st.sampled_from(DOMAINS) | PARTS, tail=PARTS)
def test_any_address_is_answered_as_the_library_does(
    local_part: str, domain: str, tail: str
) -> None:
    for value in [f"{local_part}@{domain}", f"{local_part}@{domain}{tail}", local_part]:
        _ours(f"first@{domain}")  # its domain known, if the library accepts it
        assert _ours(value) == _library(value), value
