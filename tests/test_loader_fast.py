"""The loader composes plain block YAML with libyaml: the result is the same as the
careful composer's, and files it refuses, or that YAML 1.2 reads otherwise, still go
to the careful composer."""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.load import loader
from shora.load.loader import load_bytes

from .site_project import REPO

FILES = sorted(p for folder in ("resolutions", "councils") for p in (REPO / folder).rglob("*.yml"))


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_fast_and_careful_composers_agree(path: Path) -> None:
    raw = path.read_bytes()
    fast, fast_problems = load_bytes(raw, "x.yml")
    careful, careful_problems = load_bytes(raw, "x.yml", careful=True)
    assert fast is not None and careful is not None
    assert fast.data == careful.data
    assert fast.source_map == careful.source_map
    assert fast_problems == careful_problems


def test_the_fast_path_is_taken_for_plain_files() -> None:
    assert loader._CParser is not None
    text = (REPO / "resolutions" / "_topics.yml").read_text(encoding="utf-8")
    assert loader._compose_fast(text) not in (False, None)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.relative_to(REPO).as_posix())
def test_the_arbiter_agrees_with_the_fast_path_on_every_data_file(path: Path) -> None:
    # Where YAML 1.2 read a data file otherwise, the careful path would be taken: slower.
    assert loader._load_fast(path.read_text(encoding="utf-8"), "x.yml") is not None


@pytest.mark.parametrize(
    "text",
    [
        "a: &x 1\nb: *x\n",
        "a: !!str 1\n",
        "a: [[1]]\n",
        "- - - - 1\n",
        "a: 1\n---\nb: 2\n",
        "a: 'open\n",
        "a: \x07\n",
        "a:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 40)),
    ],
)
def test_what_the_fast_path_refuses(text: str) -> None:
    fast = loader._compose_fast(text)
    document, problems = load_bytes(text.encode(), "x.yml")
    careful, careful_problems = load_bytes(text.encode(), "x.yml", careful=True)
    assert problems == careful_problems
    assert (document is None) == (careful is None)
    if text.startswith("a:\n"):
        assert fast not in (False, None)  # composed, then refused for its depth
        assert any("nesting is deeper" in p.message for p in problems)
    else:
        assert fast is False
