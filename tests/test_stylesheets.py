"""The classes and palette colours the stylesheets are cut to (shora.publish.stylesheets),
found by literal-first searches as a leading \\b would find them."""

from __future__ import annotations

import re
from pathlib import Path

from shora.publish import stylesheets

PAGES = [
    '<p class="a b"><span class="c">',
    'subclass="x class="y" data-class="z" _class="w" class="v"',
    'éclass="after-letter" ،class="after-comma" «data-md-color-accent="pink"',
    'ždata-md-color-primary="after-letter" class="d\r\ne"',
    '<body data-md-color-primary="indigo" data-md-color-accent="x\ry">',
    'xdata-md-color-accent="not-a-colour" data-md-color-scheme="slate"',
]


def test_the_classes_and_colours_are_those_a_word_boundary_finds(tmp_path: Path) -> None:
    classes: set[str] = set()
    colours: set[str] = set()
    for number, text in enumerate(PAGES):
        page = tmp_path / f"p{number}" / "index.html"
        page.parent.mkdir()
        page.write_bytes(text.encode("utf-8"))
        read = page.read_text(encoding="utf-8")
        for value in re.findall(r'\bclass="([^"]*)"', read):
            classes.update(value.split())
        colours.update(re.findall(r'\bdata-md-color-(?:primary|accent)="([^"]*)"', read))
    used = stylesheets.usage(tmp_path)
    assert (used.classes, used.colours) == (classes, colours)
    assert {"after-comma", "v", "y", "z"} <= classes and "after-letter" not in classes
    assert colours == {"pink", "indigo", "x\ny"}
