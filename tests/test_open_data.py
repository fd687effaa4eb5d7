"""The open data page's meanings of the tables' columns: literal values as code, in
both languages alike, and every value a column can hold among them."""

from __future__ import annotations

import re
import typing

import pytest

from shora.models.council import Council, Decision
from shora.models.resolution import (
    Resolution,
    TranslationStatus,
    Unanimous,
    UnknownVote,
    VoteCounts,
    WithoutVote,
)
from shora.site.open_data import TABLES, Column
from shora.site.routes import COUNCILS_CSV, DECISIONS_CSV, RESOLUTIONS_CSV

VOTE_KINDS = (Unanimous, VoteCounts, WithoutVote, UnknownVote)
COLUMNS = [column for _file, (_kind, columns) in TABLES.items() for column in columns]


def _literals(text: str) -> list[str]:
    return re.findall(r"`([^`]*)`", text)


def test_a_literal_value_is_code_and_the_rest_is_text() -> None:
    column = Column("x", "وضعیت: `forming`، `active` <b>", "Status: `a&b`", lambda e: None)
    assert column.meaning("fa") == "وضعیت: <code>forming</code>، <code>active</code> &lt;b&gt;"
    assert column.meaning("en") == "Status: <code>a&amp;b</code>"


def test_an_unclosed_backtick_is_an_error_not_a_stray_mark() -> None:
    column = Column("x", "`forming", "`forming`", lambda e: None)
    with pytest.raises(ValueError, match="unclosed backtick in the meaning of x"):
        column.meaning("fa")


@pytest.mark.parametrize("column", COLUMNS, ids=lambda column: column.name)
def test_both_languages_name_the_same_literal_values(column: Column) -> None:
    assert _literals(column.fa) == _literals(column.en)
    for language in ("fa", "en"):
        assert "`" not in column.meaning(language)


def _values(model: type, field: str) -> list[str]:
    return list(typing.get_args(model.model_fields[field].annotation))


@pytest.mark.parametrize(
    ("table", "column", "values"),
    [
        (COUNCILS_CSV, "status", _values(Council, "status")),
        (DECISIONS_CSV, "body", _values(Decision, "body")),
        (DECISIONS_CSV, "kind", _values(Decision, "kind")),
        (DECISIONS_CSV, "outcome", _values(Decision, "outcome")),
        (RESOLUTIONS_CSV, "status", _values(Resolution, "status")),
        (RESOLUTIONS_CSV, "translation", list(typing.get_args(TranslationStatus))),
        (RESOLUTIONS_CSV, "vote", [_values(kind, "kind")[0] for kind in VOTE_KINDS]),
        (RESOLUTIONS_CSV, "original_language", ["fa", "en"]),
    ],
)  # fmt: skip
def test_a_column_of_a_few_values_lists_them_all(
    table: str, column: str, values: list[str]
) -> None:
    (found,) = [c for c in TABLES[table][1] if c.name == column]
    assert _literals(found.en) == values
