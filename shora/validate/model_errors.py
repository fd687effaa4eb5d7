"""Turning pydantic's validation errors into located messages for editors."""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import ValidationError

from shora.dataset import Kind
from shora.diagnostics import Diagnostic, Severity
from shora.loader import Document, PathKey
from shora.schema import allowed_keys

_KEY_HINTS = {
    "fa": "add the Persian text",
    "en": "add the English translation",
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


def _describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"'{value}'"


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


def _message(error: dict[str, Any], kind: Kind, path: PathKey, last: str | int | None) -> str:
    kind_of_error = error["type"]
    value = error.get("input")
    ctx = error.get("ctx", {})
    if kind_of_error == "shora":
        return ctx.get("message", error["msg"])
    if kind_of_error == "missing":
        hint = _KEY_HINTS.get(str(last))
        return f"missing required key '{last}'" + (f": {hint}" if hint else "")
    if kind_of_error == "extra_forbidden":
        close = _close_key(kind, path)
        if close:
            return f"unknown key '{last}'; did you mean '{close}'?"
        return f"unknown key '{last}'; allowed here: {', '.join(allowed_keys(kind, path[:-1]))}"
    if kind_of_error in ("literal_error", "enum"):
        choices = _choices(ctx.get("expected", ""))
        close = difflib.get_close_matches(str(value), choices, n=1, cutoff=0.6)
        hint = f"; did you mean '{close[0]}'?" if close else ""
        return f"{_describe(value)} is not allowed here; write one of: {', '.join(choices)}{hint}"
    if kind_of_error == "union_tag_invalid":
        choices = _choices(ctx.get("expected_tags", ""))
        return f"'{ctx.get('tag')}' is not allowed here; write one of: {', '.join(choices)}"
    if kind_of_error in ("string_type",):
        return f"expected text, found {_describe(value)}"
    if kind_of_error in ("int_type", "int_parsing", "int_from_float"):
        return f"expected a whole number, found {_describe(value)}"
    if kind_of_error in ("float_type", "float_parsing"):
        return f"expected a number, found {_describe(value)}"
    if kind_of_error in ("bool_type", "bool_parsing"):
        return f"expected true or false, found {_describe(value)}"
    if kind_of_error in ("model_type", "dict_type", "model_attributes_type"):
        return f"expected a mapping of 'key: value' lines, found {_describe(value)}"
    if kind_of_error == "list_type":
        return f"expected a list (lines starting with '- '), found {_describe(value)}"
    if kind_of_error == "too_short":
        return f"needs at least {ctx.get('min_length', 1)} entry"
    if kind_of_error in ("greater_than_equal", "greater_than"):
        bound = _number(ctx.get("ge", ctx.get("gt")))
        return f"must be at least {bound}, found {_describe(value)}"
    if kind_of_error in ("less_than_equal", "less_than"):
        bound = _number(ctx.get("le", ctx.get("lt")))
        return f"must be at most {bound}, found {_describe(value)}"
    return str(error["msg"])


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
        prefix = f"{shown}: " if shown else ""
        diagnostics.append(
            Diagnostic(document.path, position.line, position.col, Severity.ERROR, prefix + message)
        )
    return diagnostics
