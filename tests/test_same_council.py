"""The same council under two ids is warned; councils that only share a city are not."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from shora.validate import validate_project

from .validator_support import BASE

WARNING = (
    "name: council 'uppsala' (councils/uppsala.yml) has the same name and city: if it is the "
    "same council, keep one of the two files; if not, tell them apart in the name"
)


def _second_council(tmp_path: Path, old_new: list[tuple[str, str]]) -> list[str]:
    project = tmp_path / "project"
    shutil.copytree(BASE, project)
    text = (project / "councils" / "uppsala.yml").read_text(encoding="utf-8")
    for old, new in old_new:
        assert old in text
        text = text.replace(old, new)
    (project / "councils" / "upsala.yml").write_text(text, encoding="utf-8")
    report = validate_project(project, cache=False)
    return [f"{d.path}:{d.line}:{d.col}: {d.severity}: {d.message}" for d in report.diagnostics]


@pytest.mark.parametrize(
    "old_new",
    [
        [],
        # Spelt otherwise in one language only: case, spacing, Arabic letter forms.
        [("en: Uppsala Council", "en: UPPSALA  council"), ("fa: اوپسالا\n", "fa: اوپسالا \n")],
        [("fa: شورای اوپسالا", "fa: شورای  اوپسالا"), ("en: Uppsala Council", "en: Other")],
        [("fa: شورای اوپسالا", "fa: شوراي اوپسالا"), ("en: Uppsala Council", "en: Other")],
    ],
)
def test_same_name_and_city_is_warned(
    tmp_path: Path, fixed_today: object, old_new: list[tuple[str, str]]
) -> None:
    lines = _second_council(tmp_path, old_new)
    assert f"councils/upsala.yml:3:1: warning: {WARNING}" in lines


@pytest.mark.parametrize(
    "old_new",
    [
        # Another council of the same city, under its own name.
        [("fa: شورای اوپسالا", "fa: شورای محله"), ("en: Uppsala Council", "en: District")],
        # The same name in another country.
        [("country: SE", 'country: "NO"'), ("federation: sweden\n", "")],
    ],
)
def test_other_councils_are_not_warned(
    tmp_path: Path, fixed_today: object, old_new: list[tuple[str, str]]
) -> None:
    assert not any("same name and city" in line for line in _second_council(tmp_path, old_new))
