"""Material's stylesheets cut to the rules this site can use.

Material's ``main.css`` styles every component the theme offers (admonitions, code
blocks, content tabs, tooltips, the blog, search...), about 22 KB compressed on every
first visit, of which a Shora page uses less than half. After both languages are built,
:func:`write` parses the built site's copies (tinycss2) and drops:

- each selector of a rule that names, outside any ``:not()``/``:is()``-like brackets,
  a class no page of the site carries and no script of the site names (Material's and
  ours add classes as they run: every word of their code counts as a class name, but
  those of Material's components the site does not have: :data:`UNUSED_COMPONENTS`);
- in ``palette.css``, the rules of the primary and accent colours the site does not
  choose (``[data-md-color-primary=red]`` ...);

and keeps everything else as it is (at-rules, custom properties, selectors without
classes). A rule whose every selector is dropped goes; an ``@media`` left empty too.
Same input, same bytes. The preview serves Material's stylesheets whole.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from pathlib import Path

from shora.publish import built_files

STYLESHEETS = Path("assets") / "stylesheets"
JAVASCRIPTS = Path("assets") / "javascripts"
# Each starts with its literal text, so that the search skips ahead to it; the check that
# no letter comes before (what a leading \b would say) follows it.
_CLASS_ATTRIBUTE_RE = re.compile(r'class="(?<!\wclass=")([^"]*)"')
_COLOUR_RE = re.compile(r'data-md-color-(?<!\wdata-md-color-)(?:primary|accent)="([^"]*)"')
_WORD_RE = re.compile(r"[A-Za-z_][\w-]*")
_CLASS_RE = re.compile(r"\.(-?[_a-zA-Z][\w-]*)")
_CHOSEN_COLOUR_RE = re.compile(r"\[data-md-color-(?:primary|accent)=([\w-]+)\]")
# Classes Material's script adds only for components this site does not have (no
# Material search, repository, tags, versions, tooltips, annotations or code copy
# buttons in mkdocs.yml): named in the script, never added here.
UNUSED_COMPONENTS = (
    "md-annotation", "md-code__", "md-search", "md-source", "md-status", "md-tag",
    "md-tooltip", "md-version",
)  # fmt: skip


def _top_level(selector: str) -> str:
    """The selector without what is inside brackets (``:not(.a)`` matches without .a)."""
    out, depth = [], 0
    for character in selector:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        elif depth == 0:
            out.append(character)
    return "".join(out)


def _split_selectors(prelude: str) -> list[str]:
    """A selector list split at its top-level commas."""
    parts: list[str] = []
    current: list[str] = []
    depth = 0
    for character in prelude:
        if character in "([":
            depth += 1
        elif character in ")]":
            depth -= 1
        if character == "," and depth == 0:
            parts.append("".join(current).strip())
            current = []
        else:
            current.append(character)
    parts.append("".join(current).strip())
    return [part for part in parts if part]


class _Usage:
    """The class names and palette colours a site can show."""

    def __init__(self, classes: set[str], colours: set[str]):
        self.classes = classes
        self.colours = colours

    def keeps(self, selector: str) -> bool:
        colours = _CHOSEN_COLOUR_RE.findall(selector)
        if any(colour not in self.colours for colour in colours):
            return False
        return all(name in self.classes for name in _CLASS_RE.findall(_top_level(selector)))


def usage(site_dir: Path) -> _Usage:
    attributes: set[str] = set()  # the values of class attributes, each split once
    colours: set[str] = set()
    for name in built_files.files(site_dir):
        if name.endswith(".html"):
            with open(os.path.join(site_dir, name), encoding="utf-8") as stream:
                text = stream.read()
            attributes.update(_CLASS_ATTRIBUTE_RE.findall(text))
            colours.update(_COLOUR_RE.findall(text))
    classes = {name for value in attributes for name in value.split()}
    named: set[str] = set()
    for folder in (site_dir / JAVASCRIPTS, site_dir / "en" / JAVASCRIPTS):
        for path in sorted(folder.rglob("*.js")) if folder.is_dir() else ():
            named.update(_WORD_RE.findall(path.read_text(encoding="utf-8")))
    classes |= {word for word in named if not word.startswith(UNUSED_COMPONENTS)}
    return _Usage(classes, colours)


def purge(css: str, used: _Usage) -> str:
    """``css`` without the rules ``used`` says no page can match."""
    import tinycss2
    from tinycss2.ast import AtRule, Node, QualifiedRule

    def rules(nodes: Iterable[Node]) -> list[str]:
        out = []
        for node in nodes:
            if isinstance(node, QualifiedRule):
                selectors = _split_selectors(tinycss2.serialize(node.prelude))
                kept = [selector for selector in selectors if used.keeps(selector)]
                if kept:
                    out.append(",".join(kept) + "{" + tinycss2.serialize(node.content) + "}")
            elif isinstance(node, AtRule):
                grouping = node.lower_at_keyword in ("media", "supports", "container", "layer")
                if grouping and node.content is not None:
                    inner = rules(
                        tinycss2.parse_rule_list(
                            node.content, skip_whitespace=True, skip_comments=True
                        )
                    )
                    if inner:
                        prelude = tinycss2.serialize(node.prelude)
                        out.append(f"@{node.at_keyword}{prelude}{{{''.join(inner)}}}")
                else:
                    out.append(tinycss2.serialize([node]))
        return out

    nodes = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    return "".join(rules(nodes))


def write(site_dir: Path) -> list[Path]:
    """Cut Material's stylesheets of each language's assets; the files written."""
    folders = [f for f in (site_dir / STYLESHEETS, site_dir / "en" / STYLESHEETS) if f.is_dir()]
    targets = [p for f in folders for p in sorted(f.glob("*.min.css"))]
    if not targets:
        return []
    used = usage(site_dir)
    cut: dict[str, str] = {}  # each language has the same files: each cut once
    for path in targets:
        css = path.read_text(encoding="utf-8")
        if css not in cut:
            cut[css] = purge(css, used)
        path.write_text(cut[css], encoding="utf-8")
        # The source map describes the whole file: gone with it.
        path.with_name(path.name + ".map").unlink(missing_ok=True)
    return targets
