"""The contributing guides show what the tools really do.

Both guides (CONTRIBUTING.fa.md, CONTRIBUTING.md) mark their blocks with HTML comments,
which GitHub does not show, on the line before a fenced block:

* ``<!-- example: PATH -->`` before a ```yaml block: a complete data file at PATH.
  The examples of a guide together make a small project, which must validate clean.
* ``<!-- template: KIND -->`` before a ```yaml block: what ``shora new KIND`` writes.
* ``<!-- check: {...} -->`` before a ```text block: what the commands print, in the
  guide's language, on the examples' project changed as the JSON object says:
  ``"delete"``: paths; ``"file"``: a path; ``"replace"``: ``[[old, new], ...]`` in that
  file (each ``old`` found exactly once); ``"rename"``: the file's new path; ``"run"``:
  the commands, ``[["validate"]]`` unless given. Every line of the block must be a line
  of the output, in the same order.

Besides, every command line of a ```sh block that runs ``.venv/bin/shora`` (or ``shora``)
must parse, and every ``make`` line must name a target of the Makefile; and the two
guides must show the same examples and checks, in the same order.

``SHORA_UPDATE_GUIDES=1 pytest tests/test_guides.py`` rewrites the text and template
blocks from the current output. Read each change before committing it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import re
import shlex
import types
from dataclasses import dataclass
from pathlib import Path

import pytest

import shora.cli
from shora.cli import build_parser, main

from .validator_support import ROOT, TODAY

UPDATE = os.environ.get("SHORA_UPDATE_GUIDES") == "1"
GUIDES = {"fa": ROOT / "CONTRIBUTING.fa.md", "en": ROOT / "CONTRIBUTING.md"}
MARKER = re.compile(r"^<!-- (example|template|check): (.*) -->$")
FENCE = re.compile(r"^```(\w*)$")


@dataclass
class Block:
    """A fenced block of a guide: its language tag, lines, and the marker before it."""

    info: str
    start: int  # index of the first line inside the fence
    lines: list[str]
    marker: tuple[str, str] | None


def blocks_of(text: str) -> list[Block]:
    lines = text.split("\n")
    blocks: list[Block] = []
    marker: tuple[str, str] | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        found = MARKER.match(line)
        fence = FENCE.match(line)
        if found:
            assert marker is None, f"line {i + 1}: a marker without its block before it"
            # (HTML comments hold no '--': write "\u002d\u002dlang" in the JSON)
            assert "--" not in found.group(2), f"line {i + 1}: '--' inside a comment"
            marker = (found.group(1), found.group(2))
        elif fence:
            end = lines.index("```", i + 1)
            blocks.append(Block(fence.group(1), i + 1, lines[i + 1 : end], marker))
            marker = None
            i = end
        elif line.strip() and marker is not None:
            raise AssertionError(f"line {i + 1}: a marker must stand right before its block")
        i += 1
    assert marker is None, "a marker at the end of the guide"
    return blocks


def marked(blocks: list[Block], kind: str) -> list[Block]:
    return [block for block in blocks if block.marker and block.marker[0] == kind]


class _FixedDate(dt.date):
    @classmethod
    def today(cls) -> _FixedDate:  # type: ignore[override]
        return cls(TODAY.year, TODAY.month, TODAY.day)


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> None:
    """Validation and ``shora new`` as on ``TODAY``, in plain text output."""
    monkeypatch.setattr(shora.cli, "dt", types.SimpleNamespace(date=_FixedDate))
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


def run(
    project: Path, language: str, command: list[str], capsys: pytest.CaptureFixture[str]
) -> list[str]:
    """What ``shora --lang LANGUAGE COMMAND`` prints in a terminal: its output, then
    its summary (written to standard error)."""
    capsys.readouterr()
    with contextlib.suppress(SystemExit):  # a usage error, printed like any message
        main(["--root", str(project), "--lang", language, *command])
    captured = capsys.readouterr()
    return captured.out.splitlines() + captured.err.splitlines()


def write_examples(blocks: list[Block], project: Path) -> None:
    for block in marked(blocks, "example"):
        assert block.info == "yaml", f"the example {block.marker} is not a yaml block"
        target = project / block.marker[1]  # type: ignore[index]
        assert not target.exists(), f"two examples of {block.marker[1]}"  # type: ignore[index]
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text("\n".join(block.lines) + "\n", encoding="utf-8")


def apply_check(spec: dict[str, object], project: Path) -> None:
    for deleted in spec.get("delete", []):  # type: ignore[attr-defined]
        (project / deleted).unlink()
    if "file" not in spec:
        return
    path = project / str(spec["file"])
    text = path.read_text(encoding="utf-8")
    for old, new in spec.get("replace", []):  # type: ignore[attr-defined]
        assert text.count(old) == 1, f"{spec['file']}: {old!r} is not there exactly once"
        text = text.replace(old, new)
    path.write_text(text, encoding="utf-8")
    if "rename" in spec:
        path.rename(project / str(spec["rename"]))


def is_subsequence(shown: list[str], output: list[str]) -> bool:
    remaining = iter(output)
    return all(any(line == got for got in remaining) for line in shown)


def _rewrite(path: Path, replacements: dict[int, list[str]]) -> None:
    """Replace the lines of the blocks starting at those indexes."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for start in sorted(replacements, reverse=True):
        end = lines.index("```", start)
        lines[start:end] = replacements[start]
    path.write_text("\n".join(lines), encoding="utf-8")


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_examples_validate_clean(
    language: str, tmp_path: Path, fixed_day: None, capsys: pytest.CaptureFixture[str]
) -> None:
    blocks = blocks_of(GUIDES[language].read_text(encoding="utf-8"))
    examples = marked(blocks, "example")
    folders = {block.marker[1].rsplit("/", 1)[0] for block in examples}  # type: ignore[index]
    assert folders >= {
        "resolutions",
        "councils",
        "councils/federations",
        "councils/organizations",
        "councils/decisions",
    }
    assert "resolutions/_topics.yml" in {block.marker[1] for block in examples}  # type: ignore[index]
    write_examples(blocks, tmp_path)
    assert run(tmp_path, language, ["validate"], capsys) == []


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_messages_are_the_real_ones(
    language: str, tmp_path: Path, fixed_day: None, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = GUIDES[language]
    blocks = blocks_of(guide.read_text(encoding="utf-8"))
    checks = marked(blocks, "check")
    assert len(checks) >= 20
    rewrites: dict[int, list[str]] = {}
    wrong: list[str] = []
    for n, block in enumerate(checks):
        spec = json.loads(block.marker[1])  # type: ignore[index]
        project = tmp_path / str(n)
        project.mkdir()
        write_examples(blocks, project)
        apply_check(spec, project)
        output: list[str] = []
        for command in spec.get("run", [["validate"]]):
            output += run(project, language, command, capsys)
        assert output, f"{guide.name}: the check {spec} prints nothing"
        if UPDATE:
            rewrites[block.start] = output
        elif not block.lines or not is_subsequence(block.lines, output):
            wrong.append(f"{guide.name}:{block.start}: {spec}\nshown:\n" + "\n".join(block.lines))
            wrong.append("printed:\n" + "\n".join(output))
    if UPDATE:
        _rewrite(guide, rewrites)
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_templates_are_what_shora_new_writes(
    language: str, tmp_path: Path, fixed_day: None, capsys: pytest.CaptureFixture[str]
) -> None:
    guide = GUIDES[language]
    templates = marked(blocks_of(guide.read_text(encoding="utf-8")), "template")
    assert {block.marker[1] for block in templates} >= {  # type: ignore[index]
        "council",
        "federation",
        "organization",
        "resolution",
        "election",
        "recall",
        "decision",
    }
    rewrites: dict[int, list[str]] = {}
    for n, block in enumerate(templates):
        kind = block.marker[1]  # type: ignore[index]
        [path] = run(tmp_path, language, ["new", kind, f"example-{n}"], capsys)
        written = (tmp_path / path).read_text(encoding="utf-8").rstrip("\n").split("\n")
        if UPDATE:
            rewrites[block.start] = written
        else:
            assert block.lines == written, f"{guide.name}: the {kind} template differs"
    if UPDATE:
        _rewrite(guide, rewrites)


def _makefile_targets() -> tuple[set[str], set[str]]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = set(re.findall(r"^([a-z][\w.-]*):", text, re.MULTILINE))
    variables = set(re.findall(r"\$\((\w+)\)", text))
    return targets, variables


def command_lines(text: str) -> list[list[str]]:
    """The words of each command of the guide's ```sh blocks, without the comments
    and the environment variables set before it."""
    commands = []
    for block in blocks_of(text):
        if block.info != "sh":
            continue
        for line in block.lines:
            words = shlex.split(line, comments=True)
            while words and re.match(r"^[A-Z_]+=", words[0]):
                words = words[1:]
            if words:
                commands.append(words)
    return commands


@pytest.mark.parametrize("language", sorted(GUIDES))
def test_commands_exist(language: str) -> None:
    targets, variables = _makefile_targets()
    shown = command_lines(GUIDES[language].read_text(encoding="utf-8"))
    tried = 0
    for words in shown:
        if words[0] in (".venv/bin/shora", "shora"):
            tried += 1
            try:
                build_parser(language).parse_args(words[1:])
            except SystemExit as error:
                pytest.fail(f"{' '.join(words)}: not a valid command ({error})")
        elif words[0] == "make":
            tried += 1
            for word in words[1:]:
                if "=" in word:
                    assert word.split("=")[0] in variables, f"{' '.join(words)}: no {word}"
                else:
                    assert word in targets, f"{' '.join(words)}: no target {word}"
    assert tried >= 10


def test_both_guides_show_the_same_examples_and_checks() -> None:
    def outline(text: str) -> list[object]:
        blocks = blocks_of(text)
        return [
            (
                block.marker[0],
                block.marker[1],
                block.lines if block.marker[0] == "example" else None,
            )
            for block in blocks
            if block.marker
        ] + [len(re.findall(r"^## ", text, re.MULTILINE))]

    fa, en = (outline(GUIDES[language].read_text(encoding="utf-8")) for language in ("fa", "en"))
    assert fa == en


def test_each_guide_links_to_the_other() -> None:
    assert "(CONTRIBUTING.md)" in GUIDES["fa"].read_text(encoding="utf-8")
    assert "(CONTRIBUTING.fa.md)" in GUIDES["en"].read_text(encoding="utf-8")
