"""Link integrity of a built site: every internal link (href, src) of every HTML
page, and every ``#anchor``, resolves to a file and an id in that file.

    shora check-links site      (also run by `shora build` before the new site is used)
"""

from __future__ import annotations

import html
import os
import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from shora.core.messages import Message, msg

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "form": "action", "area": "href"}  # fmt: skip

# The fast scanner (:func:`scan`): what html.parser finds in a page, found with regular
# expressions in a tenth of the time (tests/test_linkcheck_scan.py compares the two on
# every page of the real and the demo sites). Comments and the text of script and style
# elements hold no tags; start tags are html.parser's tolerant grammar.
_SKIPPED_RE = re.compile(
    r"<!--.*?(?:-->|\Z)|<(script|style)\b[^>]*>.*?(?:</\1\s*>|\Z)", re.DOTALL | re.IGNORECASE
)
_TAG_RE = re.compile(
    r"""<([a-zA-Z][^\t\n\r\f />\x00]*)"""  # the tag's name
    r"""((?:[\s/]*(?:(?<=['"\s/])[^\s/>][^\s/=>]*"""  # an attribute's name
    r"""(?:\s*=+\s*(?:'[^']*'|"[^"]*"|(?!['"])[^>\s]*)\s*)?(?:\s|/(?!>))*)*)?\s*)/?>"""
)
_ATTRIBUTE_RE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
PROGRESS_EVERY = 100  # pages
# Quick tests before the attributes of a tag are read at all.
_WANTED = {*LINK_ATTRIBUTES, "a"}


@dataclass(frozen=True)
class BrokenLink:
    page: str  # relative to the site
    link: str
    reason: Message

    def format(self, language: str = "en") -> str:
        return f"{self.page}: {self.link}: {self.reason.render(language)}"


class _Scanner(HTMLParser):
    """The reference scanner, Python's HTML parser: slow, kept as the oracle of the
    fast one."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                self.ids.add(values[key] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            self.links.append(values[attribute] or "")


Scan = tuple[tuple[str, ...], frozenset[str]]  # (links in order, ids)


def parse_scan(text: str) -> Scan:
    """The links and ids of a page, by html.parser."""
    scanner = _Scanner()
    scanner.feed(text)
    scanner.close()
    return tuple(scanner.links), frozenset(scanner.ids)


def _attributes(text: str) -> dict[str, str | None]:
    values: dict[str, str | None] = {}
    for name, assigned, value in _ATTRIBUTE_RE.findall(text):
        if not assigned:
            values[name.lower()] = None
            continue
        if value[:1] in ("'", '"') and value[:1] == value[-1:] and len(value) > 1:
            value = value[1:-1]
        values[name.lower()] = html.unescape(value) if "&" in value else value
    return values


def scan(text: str) -> Scan:
    """The links and ids of a page: what :func:`parse_scan` finds, faster."""
    links: list[str] = []
    ids: set[str] = set()
    text = _SKIPPED_RE.sub(_keep_tag, text)
    for match in _TAG_RE.finditer(text):
        tag, rest = match.group(1).lower(), match.group(2)
        if not rest or (tag not in _WANTED and "id" not in rest.lower()):
            continue
        values = _attributes(" " + rest)
        for key in ("id", "name") if tag == "a" else ("id",):
            if values.get(key):
                ids.add(values[key] or "")
        attribute = LINK_ATTRIBUTES.get(tag)
        if attribute and values.get(attribute) is not None:
            links.append(values[attribute] or "")
    return tuple(links), frozenset(ids)


def _keep_tag(match: re.Match[str]) -> str:
    """A script or style element without its text (its start tag may link a file); a
    comment without anything."""
    if match.group(1) is None:
        return ""
    whole = match.group(0)
    return whole[: whole.index(">") + 1] if _TAG_RE.match(whole) else ""


@cache
def _scan(path: Path) -> Scan:
    return scan(path.read_text(encoding="utf-8", errors="replace"))


def _resolve(
    files: frozenset[str], folders: frozenset[str], base: str, link: str
) -> tuple[str | None, str, Message | None]:
    """(path from the site's root, fragment, problem) of an internal link written in a
    page of the folder ``base``: path None for an external link, "" for the page itself."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None, "", None
    if parts.path.startswith("/"):
        return None, "", msg("absolute path: breaks on a mirror under a sub-path")
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else ""
    if joined.startswith(".."):
        return None, "", msg("points outside the site")
    if parts.path and joined in folders:
        joined = "index.html" if joined == "." else f"{joined}/index.html"
    if parts.path and joined not in files:
        return None, "", msg("no such file")
    return joined, unquote(parts.fragment), None


def _tree(site: Path) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """(HTML pages, files, folders) of the site, as paths from its root."""
    files: list[str] = []
    folders: list[str] = ["."]
    for folder, subfolders, names in os.walk(site):
        relative = os.path.relpath(folder, site).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        folders += [prefix + name for name in subfolders]
        files += [prefix + name for name in names]
    # In the order of their paths' parts, as pathlib sorts them ("a/x" before "a-b/x").
    pages = sorted((name for name in files if name.endswith(".html")), key=lambda n: n.split("/"))
    return pages, frozenset(files), frozenset(folders)


def check_site(site: Path) -> list[BrokenLink]:
    """Every broken internal link of the site under ``site``."""
    return check_site_counted(site)[0]


def check_site_counted(
    site: Path, progress: Callable[[int, int], None] | None = None
) -> tuple[list[BrokenLink], int]:
    """Every broken internal link of the site under ``site``, and the number of pages
    checked; ``progress(done, total)`` is told of the pages checked now and then. The
    same links are written in many pages: each is worked out once per folder, and each
    page is scanned once."""
    site = site.resolve()
    _scan.cache_clear()
    pages, files, folders = _tree(site)
    resolved: dict[tuple[str, str], tuple[str | None, str, Message | None]] = {}
    broken: list[BrokenLink] = []
    for number, name in enumerate(pages):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(pages))
        base = posixpath.dirname(name)
        links, _ids = _scan(site / name)
        for link in links:
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            found = resolved.get((base, link))
            if found is None:
                found = resolved[base, link] = _resolve(files, folders, base, link)
            target, fragment, problem = found
            if problem:
                broken.append(BrokenLink(name, link, problem))
                continue
            if target is None or not fragment:
                continue
            target = target or name
            if target.endswith(".html") and fragment not in _scan(site / target)[1]:
                broken.append(
                    BrokenLink(name, link, msg("no id '{id}' in the target", id=fragment))
                )
    _scan.cache_clear()
    return broken, len(pages)


def main(site: Path, language: str = "en") -> int:
    broken = check_site(site)
    for link in broken:
        print(link.format(language))
    print(
        msg("{count} broken link(s) in {site}", count=len(broken), site=str(site)).render(language)
    )
    return 1 if broken else 0
