"""Turning pydantic's validation errors into located messages for editors."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from shora.core.diagnostics import Diagnostic, Severity
from shora.core.messages import Message, describe, msg
from shora.load.loader import Document, PathKey
from shora.models.kinds import Kind
from shora.models.schema import allowed_keys

_MISSING_WITH_HINT = {
    "fa": msg("missing required key '{key}': add the Persian text", key="fa"),
    "en": msg("missing required key '{key}': add the English translation", key="en"),
}


def display_path(path: PathKey) -> str:
    """``text.points[4].en``: list positions count from 1, as editors count."""
    shown = ""
    for step in path:
        if isinstance(step, int):
            shown += f"[{step + 1}]"
        else:
            shown += f".{step}" if shown else step
    return shown


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[PathKey, bool]:
    """Map pydantic's ``loc`` onto the data, dropping union tags pydantic inserts.
    Returns the path and whether the last step exists in the data."""
    path: list[str | int] = []
    current = data
    for position, step in enumerate(loc):
        if (isinstance(current, dict) and step in current) or (
            isinstance(current, list) and isinstance(step, int) and 0 <= step < len(current)
        ):
            path.append(step)
            current = current[step]
        elif position == len(loc) - 1:
            return tuple(path), False
        # else: a tag pydantic added for a union member ("counts", "function-after[...]")
    return tuple(path), True


def at_path(shown: str, message: Message) -> Message:
    """``text.points[4].en: message``: the message about the value at a path."""
    return msg("{path}: {message}", path=shown, message=message) if shown else message


def _number(bound: Any) -> Any:
    """``90`` rather than ``90.0`` in messages."""
    return int(bound) if isinstance(bound, float) and bound.is_integer() else bound


def _choices(expected: str) -> list[str]:
    # pydantic writes "'a', 'b' or 'c'"
    return [part.strip().strip("'") for part in expected.replace(" or ", ", ").split(",")]


def _close_key(kind: Kind, path: PathKey) -> str | None:
    """The allowed key an unknown key at ``path`` is probably a misspelling of."""
    close = difflib.get_close_matches(str(path[-1]), allowed_keys(kind, path[:-1]), n=1, cutoff=0.6)
    return close[0] if close else None


def _message(error: ErrorDetails, kind: Kind, path: PathKey, last: str | int | None) -> Message:
    kind_of_error = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind_of_error == "shora":
        # A field's own message, or a union's fixed one (whose English is its msgid).
        return ctx.get("message") or Message(error["msg"])
    if kind_of_error == "missing":
        return _MISSING_WITH_HINT.get(str(last)) or msg(
            "missing required key '{key}'", key=str(last)
        )
    if kind_of_error == "extra_forbidden":
        close = _close_key(kind, path)
        if close:
            return msg("unknown key '{key}'; did you mean '{close}'?", key=str(last), close=close)
        return msg(
            "unknown key '{key}'; allowed here: {allowed}",
            key=str(last),
            allowed=allowed_keys(kind, path[:-1]),
        )
    if kind_of_error in ("literal_error", "enum"):
        choices = _choices(ctx.get("expected", ""))
        matches = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        if matches:
            return msg(
                "{value} is not allowed here; write one of: {choices}; did you mean '{close}'?",
                value=describe(value),
                choices=choices,
                close=matches[0],
            )
        return msg(
            "{value} is not allowed here; write one of: {choices}",
            value=describe(value),
            choices=choices,
        )
    if kind_of_error == "union_tag_invalid":
        return msg(
            "'{tag}' is not allowed here; write one of: {choices}",
            tag=str(ctx.get("tag")),
            choices=_choices(ctx.get("expected_tags", "")),
        )
    expected = _EXPECTED.get(kind_of_error)
    if expected is not None:
        return msg("{expected}, found {value}", expected=expected, value=describe(value))
    if kind_of_error == "too_short":
        return msg("needs at least {count} entry", count=int(ctx.get("min_length", 1)))
    if kind_of_error in ("greater_than_equal", "greater_than"):
        bound = _number(ctx.get("ge", ctx.get("gt")))
        return msg("must be at least {bound}, found {value}", bound=bound, value=describe(value))
    if kind_of_error in ("less_than_equal", "less_than"):
        bound = _number(ctx.get("le", ctx.get("lt")))
        return msg("must be at most {bound}, found {value}", bound=bound, value=describe(value))
    # A kind of error no rule above expects: pydantic's own English words.
    return msg("{problem}", problem=str(error["msg"]))


_EXPECTED = {
    "string_type": msg("expected text"),
    "int_type": msg("expected a whole number"),
    "int_parsing": msg("expected a whole number"),
    "int_from_float": msg("expected a whole number"),
    "float_type": msg("expected a number"),
    "float_parsing": msg("expected a number"),
    "bool_type": msg("expected true or false"),
    "bool_parsing": msg("expected true or false"),
    "model_type": msg("expected a mapping of 'key: value' lines"),
    "dict_type": msg("expected a mapping of 'key: value' lines"),
    "model_attributes_type": msg("expected a mapping of 'key: value' lines"),
    "list_type": msg("expected a list (lines starting with '- ')"),
}


def model_diagnostics(error: ValidationError, document: Document, kind: Kind) -> list[Diagnostic]:
    """One located diagnostic per problem pydantic found."""
    diagnostics = []
    items = error.errors(include_url=False)
    # A key reported as unknown with "did you mean 'title'?" need not be reported as missing.
    misspelt = set()
    for item in items:
        if item["type"] == "extra_forbidden":
            path, _ = _data_path(document.data, tuple(item["loc"]))
            if path:
                misspelt.add((*path[:-1], _close_key(kind, path)))
    for item in items:
        loc = tuple(item["loc"])
        path, exists = _data_path(document.data, loc)
        if item["type"] == "missing" and (*path, loc[-1]) in misspelt:
            continue
        if item["type"] == "missing" or not exists:
            last = loc[-1] if loc else None
            position = document.source_map.key(path) if path else document.source_map.value(())
            shown = display_path(path)
            message = _message(item, kind, (*path, last) if last is not None else path, last)
        elif item["type"] == "extra_forbidden":
            last = path[-1]
            position = document.source_map.key(path)
            shown = display_path(path[:-1])
            message = _message(item, kind, path, last)
        else:
            position = document.source_map.value(path)
            shown = display_path(path)
            message = _message(item, kind, path, path[-1] if path else None)
        diagnostics.append(
            Diagnostic(
                document.path,
                position.line,
                position.col,
                Severity.ERROR,
                at_path(shown, message),
            )
        )
    return diagnostics


def located_problem(item: ErrorDetails, data: Any, kind: Kind) -> tuple[PathKey, Message]:
    """Where in ``data`` one of pydantic's errors is, and its message without the path:
    for callers that name the place in their own terms (the issue forms' labels)."""
    loc = tuple(item["loc"])
    path, exists = _data_path(data, loc)
    if item["type"] == "missing" or not exists:
        last = loc[-1] if loc else None
        return path, _message(item, kind, (*path, last) if last is not None else path, last)
    return path, _message(item, kind, path, path[-1] if path else None)
