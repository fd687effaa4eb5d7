"""Property-based tests: whatever an editor saves, the loader and the validator answer
with located diagnostics, never with an exception."""

from __future__ import annotations

import copy
import functools
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from shora.core.diagnostics import Diagnostic
from shora.load.loader import load_bytes, load_file
from shora.models.kinds import KINDS, TOPICS, TOPICS_FILE
from shora.models.schema import schema_line
from shora.site.urls import relative as relative_link
from shora.validate import validate_project

from .validator_support import BASE, ROOT, TODAY

SETTINGS = settings(
    max_examples=200,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
# Every character YAML's reader treats as a line break.
LINE_BREAKS = re.compile("\r\n|[\n\r\x85\u2028\u2029]")
REAL_RESOLUTION = ROOT / "resolutions" / "mass-organizing-abroad.yml"


def line_count(text: str) -> int:
    return len(LINE_BREAKS.split(text))


def assert_located(diagnostics: list[Diagnostic], path: str, text: str | None) -> None:
    for diagnostic in diagnostics:
        assert diagnostic.path == path
        assert diagnostic.line >= 1
        assert diagnostic.col >= 1
        assert diagnostic.message
        if text is not None:
            assert diagnostic.line <= line_count(text) + 1


# Values that look like the data, and anything else.
KEYS = [
    "id", "title", "fa", "en", "organization", "adopted_by", "body", "session", "adopted",
    "date", "note", "vote", "kind", "yes", "no", "abstain", "participants", "status",
    "supersedes", "amends", "published", "periodical", "issue", "url", "original_language",
    "translations", "topics", "text", "considerations", "operative_intro", "points", "items",
    "paragraphs", "closing", "signature", "place_date", "name", "city", "country",
    "coordinates", "lat", "lon", "federation", "founded", "last_verified", "contacts", "email",
    "website", "social", "network", "handle", "assembly", "weekday", "time", "timezone",
    "venue", "address", "public", "board", "holder", "consent", "role", "council", "outcome",
    "level", "continent", "parent", "sample", "source", "clause", "levels",
]  # fmt: skip
VALUES = [
    "unknown", "counts", "unanimous", "in-force", "superseded", "fa", "en", "SE", "se", "XX",
    "2009-07-27", "2023-02-30", "2999-01-01", "19:30", "Europe/Stockholm", "https://x.org",
    "http://x.org", "a@b.org", "country", "continent", "europe", "adopted", "rejected",
    "election", "local-councils", "local-councils#point-2-a", "mass-organizing-abroad",
    "worker-communist-unity-party", "uppsala", "sweden", "secretary", "يك ٣", "",
]  # fmt: skip

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats()
    | st.dates()
    | st.sampled_from(VALUES)
    | st.text(max_size=20)
)
keys = st.sampled_from(KEYS) | st.text(max_size=8)
structures = st.recursive(
    scalars,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(keys, children, max_size=5),
    max_leaves=25,
)

# ---------------------------------------------------------------- (a) the loader

# Text made of YAML's punctuation reaches the parser's error paths far more often than
# arbitrary text does.
PUNCTUATION = ":-[]{}&*!|>'\"#%@`?,\\ \n\t\r"
yaml_alphabet = st.sampled_from([*PUNCTUATION, "a", "ب", "1", "  "])
yamlish_text = st.lists(yaml_alphabet, max_size=80).map("".join)


@SETTINGS
@given(st.text() | yamlish_text)
def test_loader_never_raises_on_text(text: str) -> None:
    document, diagnostics = load_bytes(text.encode("utf-8"), "any/file.yml")
    assert_located(diagnostics, "any/file.yml", text.removeprefix("\ufeff"))
    if document is not None:
        assert isinstance(document.data, dict)


@SETTINGS
@given(st.binary(max_size=400))
def test_loader_never_raises_on_bytes(raw: bytes) -> None:
    document, diagnostics = load_bytes(raw, "any/file.yml")
    try:
        text: str | None = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
        assert document is None
        assert len(diagnostics) == 1
        assert diagnostics[0].line <= raw.count(b"\n") + 1
    assert_located(diagnostics, "any/file.yml", text)


@settings(SETTINGS, max_examples=100)
@given(st.dictionaries(keys, structures, max_size=3))
def test_a_trailing_comment_changes_nothing(data: dict[str, Any]) -> None:
    """A comment with characters that need care ('&', '*', '!', '[[') must not change
    what is loaded, nor where: whichever way the loader composes a file, the result is
    the same."""
    text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False)
    plain, plain_problems = load_bytes(text.encode("utf-8"), "f.yml")
    commented, commented_problems = load_bytes(
        (text + "# &anchor *alias !tag [[ {{\n").encode("utf-8"), "f.yml"
    )
    assert [d.format() for d in plain_problems] == [d.format() for d in commented_problems]
    assert (plain is None) == (commented is None)
    if plain is not None and commented is not None:
        assert repr(plain.data) == repr(commented.data)  # (NaN is not equal to itself)
        assert plain.source_map.values == commented.source_map.values
        assert plain.source_map.keys == commented.source_map.keys
        assert plain.source_map.spans == commented.source_map.spans


# ---------------------------------------------------------------- (b) the validator

TARGETS = [
    "resolutions/local-councils.yml",
    "resolutions/_topics.yml",
    "councils/uppsala.yml",
    "councils/federations/sweden.yml",
    "councils/federations/europe.yml",
    "councils/organizations/example-union.yml",
    "councils/platforms/local.yml",
    "councils/decisions/2026/uppsala-2026-01.yml",
]


def make_project(root: Path, base: Path | None, real_files: list[str]) -> Path:
    if base is not None:
        shutil.copytree(base, root)
    for relative in real_files:
        target = root / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / relative, target)
    assert validate_project(root, today=TODAY).diagnostics == []
    return root


# One project for all the examples of a test (each example changes one file and puts it
# back): the corpus base; for mutations, the real resolution and what it refers to.
@pytest.fixture(scope="module")
def small_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("properties") / "project", BASE, [])


@pytest.fixture(scope="module")
def real_project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(
        tmp_path_factory.mktemp("properties") / "project",
        None,
        [
            "resolutions/mass-organizing-abroad.yml",
            "resolutions/_topics.yml",
            "councils/organizations/worker-communist-unity-party.yml",
            "councils/platforms/red-councils.yml",
        ],
    )


def validate_with(project: Path, relative: str, text: str) -> None:
    """Validate ``project`` with ``relative`` replaced by ``text`` (restored after), and
    check that every diagnostic is located inside its file."""
    path = project / relative
    original = path.read_bytes() if path.exists() else None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        for diagnostic in validate_project(project, today=TODAY).diagnostics:
            assert diagnostic.line >= 1
            assert diagnostic.col >= 1
            assert diagnostic.message
            shown = (project / diagnostic.path).read_text(encoding="utf-8", errors="replace")
            assert diagnostic.line <= line_count(shown) + 1, diagnostic
    finally:
        if original is None:
            path.unlink(missing_ok=True)
        else:
            path.write_bytes(original)


# The real resolution is large: libyaml's emitter dumps it ten times faster.
FAST_DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump(data: Any, relative: str, dumper: type[yaml.SafeDumper] = yaml.SafeDumper) -> str:
    """The data as YAML, after the right schema line (so that it is not always an error)."""
    folders = [k for k in reversed(KINDS) if k is not TOPICS]  # the deepest folder first
    kind = next(k for k in folders if relative.startswith(k.folder + "/"))
    if relative == TOPICS_FILE:
        kind = TOPICS
    line = schema_line(kind, relative)
    return line + "\n" + yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


@SETTINGS
@given(target=st.sampled_from(TARGETS), data=structures)
def test_validator_never_raises_on_any_structure(
    small_project: Path, target: str, data: Any
) -> None:
    validate_with(small_project, target, dump(data, target))


def paths_of(data: Any, at: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    """Every path to a value in ``data`` (the root excluded)."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield (*at, key)
            yield from paths_of(value, (*at, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield (*at, i)
            yield from paths_of(value, (*at, i))


def real_resolution() -> Any:
    """A fresh copy of the real resolution's data (loaded once)."""
    return copy.deepcopy(_real_resolution())


@functools.cache
def _real_resolution() -> Any:
    document, problems = load_file(REAL_RESOLUTION)
    assert document is not None and not problems
    return document.data


@SETTINGS
@given(choice=st.data())
def test_validator_never_raises_on_mutated_resolution(
    real_project: Path, choice: st.DataObject
) -> None:
    data = real_resolution()
    paths = list(paths_of(data))
    path = choice.draw(st.sampled_from(paths), label="path")
    parent = data
    for step in path[:-1]:
        parent = parent[step]
    last = path[-1]
    mutation = choice.draw(st.sampled_from(["replace", "delete", "add"]), label="mutation")
    if mutation == "replace":
        parent[last] = choice.draw(structures, label="value")
    elif mutation == "delete" and isinstance(parent, dict):
        del parent[last]
    elif mutation == "delete":
        parent.pop(last)
    else:
        container = parent[last] if isinstance(parent[last], dict) else parent
        if isinstance(container, dict):
            container[choice.draw(keys, label="key")] = choice.draw(structures, label="value")
        else:
            container.append(choice.draw(structures, label="value"))
    target = "resolutions/mass-organizing-abroad.yml"
    validate_with(real_project, target, dump(data, target, FAST_DUMPER))


# ---------------------------------------------------------------- relative links

_SEGMENT = st.sampled_from(["a", "b", "en", "councils", "x.css", "page"])


def _url(parts: list[str], directory: bool) -> str:
    return "/".join(parts) + ("/" if directory and parts else "")


def _relpath_reference(target: str, current: str) -> str:
    """The first implementation, on posixpath.relpath: the fast one must agree."""
    import posixpath

    target, _, fragment = target.partition("#")
    base = current if current.endswith("/") or not current else posixpath.dirname(current) + "/"
    result = posixpath.relpath("/" + target, "/" + base) if target or base else "."
    if result == ".":
        result = "./"
    elif (target.endswith("/") or not target) and not result.endswith("/"):
        result += "/"
    if fragment:
        result = (result if target != current else "") + "#" + fragment
    return result


@given(
    st.lists(_SEGMENT, max_size=4),
    st.booleans(),
    st.lists(_SEGMENT, max_size=4),
    st.booleans(),
    st.sampled_from(["", "#point-3", "#title"]),
)
def test_relative_links_agree_with_relpath(
    to: list[str], to_dir: bool, here: list[str], here_dir: bool, fragment: str
) -> None:
    target, current = _url(to, to_dir) + fragment, _url(here, here_dir)
    assert relative_link(target, current) == _relpath_reference(target, current)
