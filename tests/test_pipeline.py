"""The editors' pull-request pipeline: workflow files, the issue form and its
conversion into a council file (``shora new council --from-issue``)."""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from shora.cli import main
from shora.tools.issue_form import FIELDS, council_from_issue, parse_body
from shora.validate import validate_project

from .site_project import REPO

ISSUES = REPO / "tests" / "data" / "issues"
FORM = REPO / ".github" / "ISSUE_TEMPLATE" / "propose-council.yml"
WORKFLOWS = sorted((REPO / ".github" / "workflows").glob("*.yml"))


def _tool(name: str) -> str:
    found = Path(sys.executable).parent / name
    return str(found) if found.exists() else (shutil.which(name) or name)


def test_workflows_pass_actionlint() -> None:
    assert [p.name for p in WORKFLOWS] == ["issue-form.yml", "publish.yml", "pull-request.yml"]
    # With ShellCheck on every run: script.
    result = subprocess.run(
        [
            _tool("actionlint"),
            "-no-color",
            f"-shellcheck={_tool('shellcheck')}",
            *map(str, WORKFLOWS),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=REPO,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_workflows_do_what_the_pipeline_promises() -> None:
    pull_request = (REPO / ".github/workflows/pull-request.yml").read_text(encoding="utf-8")
    for step in (
        "shora validate --format github",
        "shora build",
        "apt-get install -y -q --no-install-recommends chromium",
        "pytest",
        "actions/upload-artifact@",
    ):
        assert step in pull_request
    publish = (REPO / ".github/workflows/publish.yml").read_text(encoding="utf-8")
    assert "branches: [main]" in publish and "actions/deploy-pages@" in publish
    # Every action is pinned to a full commit.
    for workflow in WORKFLOWS:
        for line in workflow.read_text(encoding="utf-8").splitlines():
            if "uses:" in line:
                reference = line.split("uses:")[1].split("#")[0].strip()
                assert len(reference.split("@")[1]) == 40, line


def _schema_paths(schema: dict, node: dict, prefix: tuple[str, ...] = ()) -> set[tuple[str, ...]]:
    """Every leaf field of the council schema (lists of objects count as one field)."""
    definitions = schema.get("$defs", {})

    def resolve(n: dict) -> dict:
        if "$ref" in n:
            return resolve(definitions[n["$ref"].rsplit("/", 1)[-1]])
        for branch in n.get("anyOf", []):
            if branch.get("type") != "null":
                return resolve(branch)
        return n

    node = resolve(node)
    if "properties" not in node:
        return {prefix}
    paths: set[tuple[str, ...]] = set()
    for key, child in node["properties"].items():
        paths |= _schema_paths(schema, child, (*prefix, key))
    return paths


def test_issue_form_fields_map_one_to_one_to_the_council_schema() -> None:
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    asked = [item for item in form["body"] if item["type"] != "markdown"]
    assert [(item["id"], item["attributes"]["label"]) for item in asked] == [
        (field.id, field.label) for field in FIELDS
    ]
    for item, field in zip(asked, FIELDS, strict=True):
        assert item.get("validations", {}).get("required", False) == field.required, field.id
    schema = json.loads((REPO / "schemas/council.schema.json").read_text(encoding="utf-8"))
    leaves = _schema_paths(schema, schema)
    for field in FIELDS:
        # (the language of replies goes in no file)
        assert field.path in leaves or field.id == "reply-language", field.path
    # What the form does not ask, on purpose: 'sample' (real councils only), people's
    # names (added in the pull request, with their consent), a venue's address and
    # whether it is public (never asked in a public issue).
    not_asked = {path for path in leaves if path not in {f.path for f in FIELDS}}
    assert not_asked == {
        ("sample",),
        ("assembly", "venue", "address", "fa"),
        ("assembly", "venue", "address", "en"),
        ("assembly", "venue", "public"),
    }


def test_parse_body_reads_answers_and_no_response() -> None:
    answers = parse_body((ISSUES / "propose-council-gothenburg.md").read_text(encoding="utf-8"))
    assert answers["id"].text == "gothenburg" and answers["id"].line == 3
    assert answers["name-fa"].text == "شورای سرخ‌های گوتنبرگ"
    assert answers["federation"].text == ""  # _No response_


def _project(tmp_path: Path) -> Path:
    shutil.copytree(REPO / "resolutions", tmp_path / "resolutions")
    shutil.copytree(REPO / "councils", tmp_path / "councils")
    shutil.rmtree(tmp_path / "councils" / "decisions", ignore_errors=True)
    for council in (tmp_path / "councils").glob("*.yml"):
        council.unlink()
    return tmp_path


def test_filled_in_issue_becomes_a_valid_council(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    issue = ISSUES / "propose-council-gothenburg.md"
    assert main(["--root", str(root), "new", "council", "--from-issue", str(issue)]) == 0
    assert capsys.readouterr().out.strip() == "councils/gothenburg.yml"
    written = root / "councils" / "gothenburg.yml"
    text = written.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../schemas/council.schema.json\n")
    data = yaml.safe_load(text)
    assert data["name"] == {"fa": "شورای سرخ‌های گوتنبرگ", "en": "Council of the Reds, Gothenburg"}
    assert data["other_names"] == ["Göteborg", "گوتبرگ"]
    assert data["coordinates"] == {"lat": 57.71, "lon": 11.97}
    assert "federation" not in data
    assert data["contacts"]["social"][0] == {
        "network": "telegram",
        "handle": "@shora_goteborg",
        "url": "https://t.me/shora_goteborg",
    }
    assert data["assembly"]["time"] == "17:00"
    assert data["board"][1] == {"id": "treasurer", "title": {"fa": "خزانه‌دار", "en": "Treasurer"}}
    report = validate_project(root, today=dt.date(2026, 11, 22))
    assert [d.format() for d in report.diagnostics if d.path == "councils/gothenburg.yml"] == []
    # A second time: the file exists already, nothing is overwritten.
    assert main(["--root", str(root), "new", "council", "--from-issue", str(issue)]) == 2
    assert written.read_text(encoding="utf-8") == text


def test_incomplete_issue_reports_located_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _project(tmp_path)
    issue = ISSUES / "propose-council-incomplete.md"
    assert main(["--root", str(root), "new", "council", "--from-issue", str(issue)]) == 1
    shown = issue.as_posix()
    assert capsys.readouterr().out.splitlines() == [
        f"{shown}:3:1: error: 'Malmö' is not a valid id: use lowercase ASCII words joined "
        "by '-', e.g. 'gothenburg'",
        f"{shown}:9:1: error: 'Name in English' is required: answer it",
        f"{shown}:27:1: error: 'Country code': 'se' must be written in capitals: 'SE'",
        f"{shown}:51:1: error: 'Last verified': '2026-11-31' is not a real date: "
        "November 2026 has days 01 to 30",
    ]
    assert list((root / "councils").glob("*.yml")) == []


def test_issue_without_the_form_headings() -> None:
    council_id, text, problems = council_from_issue("I would like to add a council.", "x.md")
    assert council_id is None and text is None
    assert [p.format() for p in problems] == [
        "x.md:1:1: error: no answers of the 'propose a council' form found: paste the "
        "issue's body, with its '### ' headings"
    ]


def test_rules_of_the_validator_apply_to_the_issue() -> None:
    body = (ISSUES / "propose-council-gothenburg.md").read_text(encoding="utf-8")
    body = body.replace(
        "### Assembly: time zone\n\nEurope/Stockholm", "### Assembly: time zone\n\n_No response_"
    )
    _, _, problems = council_from_issue(body, "x.md")
    assert [p.format() for p in problems] == [
        "x.md:69:1: error: 'Assembly: how often': a regular meeting needs weekday, time and "
        "timezone: add timezone"
    ]
