"""The contribute pages show what `shora validate` prints, each in its page's language:
an editor who follows them sees the same line (the example was once a message the
validator no longer wrote)."""

from __future__ import annotations

import re

import pytest

from shora.validate import validate_project

from .site_project import REPO, make_project

# The page's example: a Solar Hijri date written with slashes, which says no calendar.
WRITTEN = "  date: ۱۳۸۸/۰۵/۰۵"
EXAMPLE = re.compile(r"```\n\s*(resolutions/x\.yml:[^\n]*)\n\s*```")


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    project = make_project(tmp_path_factory.mktemp("contribute"))
    source = (project / "resolutions" / "mass-organizing-abroad.yml").read_text(encoding="utf-8")
    assert "  date: 2009-07-27\n" in source
    written = source.replace("  date: 2009-07-27\n", WRITTEN + "\n", 1)
    (project / "resolutions" / "x.yml").write_text(written, encoding="utf-8")
    found = [
        d for d in validate_project(project, cache=False).diagnostics if d.path.endswith("x.yml")
    ]
    assert len(found) == 1
    return {language: found[0].format(language) for language in ("fa", "en")}


@pytest.mark.parametrize("language", ["fa", "en"])
def test_the_example_is_what_validate_prints(printed: dict[str, str], language: str) -> None:
    page = (REPO / "content" / language / "contribute.md").read_text(encoding="utf-8")
    examples = EXAMPLE.findall(page)
    assert examples == [printed[language]]
