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
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from shora.core.messages import BROKEN_LINKS, Message, count_of, msg

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "form": "action", "area": "href"}  # fmt: skip

# The attributes of a start tag, as html.parser reads them (its ``attrfind_tolerant``).
_ATTRIBUTE_RE = re.compile(
    r"""((?<=['"\s/])[^\s/>][^\s/=>]*)(\s*=+\s*('[^']*'|"[^"]*"|(?!['"])[^>\s]*))?(?:\s|/(?!>))*"""
)
PROGRESS_EVERY = 100  # pages

# The fast scanner (:func:`scan`): one regular expression walks a page as html.parser
# does and stops only at the start tags that matter (those that link, those with an id,
# script and style), in a fifth of the time or less. It reads start tags of a strict
# form only: a name of letters, digits and dashes; attributes separated by ASCII
# whitespace, each a name of ``[a-zA-Z_:@.][a-zA-Z0-9_:@.-]*`` with no value or ``=``
# and a quoted or bare value; no ``<![``. On markup of that form, html.parser's own
# grammar, being greedy, finds the same tags with the same ends; a page with anything
# else (an unclosed tag, ``<p a ="b">``...) is read by html.parser itself.
# tests/test_linkcheck_scan.py compares the two on markup chosen to trip a pattern
# and on every page of the real and the demo sites.
_WHITESPACE = r"[ \t\n\r\f]"
_NAME = r"[a-zA-Z_:@.][a-zA-Z0-9_:@.-]*+"
_VALUE = r"""=(?:"[^"]*+"|'[^']*+'|(?!['"])[^>\s]++)"""
_ATTRIBUTES = rf"(?:{_WHITESPACE}++{_NAME}(?:{_VALUE})?+)*+{_WHITESPACE}*+"
# Attributes none of which is an id.
_PLAIN_ATTRIBUTES = (
    rf"(?:{_WHITESPACE}++(?![iI][dD](?![a-zA-Z0-9_:@.-])){_NAME}(?:{_VALUE})?+)*+{_WHITESPACE}*+"
)
# The tags that link (LINK_ATTRIBUTES) and those whose text is not markup.
_SPECIAL = r"(?ai:a|area|form|iframe|img|link|script|source|style)"


def _text_element(name: str) -> str:
    """A start tag of ``name`` (captured) and its text, which holds no markup, up to the
    end tag as html.parser finds it (or the end of the page)."""
    return (
        rf"(<(?ai:{name})(?=[ \t\n\r\f>]){_ATTRIBUTES}>)"
        rf"(?:[^<]++|<(?!/\s*(?ai:{name})\s*>))*+(?:</\s*(?ai:{name})\s*>|\Z)"
    )


_TOKENS = re.compile(
    # What does not matter: text, end tags, start tags that neither link nor have an
    # id, a "<" that starts no markup, comments, declarations, processing instructions.
    r"(?:[^<]++"
    r"|</[^>]*+>"
    rf"|<(?!{_SPECIAL}[ \t\n\r\f/>])[a-zA-Z][a-zA-Z0-9-]*+{_PLAIN_ATTRIBUTES}/?>"
    r"|<(?![a-zA-Z/!?])"
    r"|<!--(?:[^-]++|-(?!-\s*>))*+--\s*>"
    r"|<!(?!--|\[)[^>]*+>"
    r"|<\?[^>]*+>"
    r")*+"
    # Then a start tag that matters (captured), a "<" this scanner does not read
    # (captured), or the end of the page.
    rf"(?:{_text_element('script')}|{_text_element('style')}"
    rf"|(<[a-zA-Z][a-zA-Z0-9-]*+{_ATTRIBUTES}/?>)|(<)|\Z)"
)
_TAG_NAME_RE = re.compile(r"<([a-zA-Z][a-zA-Z0-9-]*)")
# What each start tag that matters holds, by its text: the same tags are in many pages.
_read_tags: dict[str, tuple[str | None, tuple[str, ...]]] = {}
_READ_TAGS_KEPT = 200_000


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


def _read_tag(text: str) -> tuple[str | None, tuple[str, ...]]:
    """(link or None, ids) of the start tag ``text``, as html.parser reads it."""
    name = _TAG_NAME_RE.match(text)
    assert name is not None
    tag = name.group(1).lower()
    values = _attributes(text[name.end() :])
    keys = ("id", "name") if tag == "a" else ("id",)
    ids = tuple(values[key] or "" for key in keys if values.get(key))
    attribute = LINK_ATTRIBUTES.get(tag)
    if attribute and values.get(attribute) is not None:
        return values[attribute] or "", ids
    return None, ids


def fast_scan(text: str) -> Scan | None:
    """The links and ids of a page, or None if it has markup the fast scanner does not
    read."""
    links: list[str] = []
    ids: set[str] = set()
    if len(_read_tags) > _READ_TAGS_KEPT:
        _read_tags.clear()
    for script, style, tag, unread in _TOKENS.findall(text):
        whole = script or style or tag
        if not whole:
            if unread:
                return None
            continue
        found = _read_tags.get(whole)
        if found is None:
            found = _read_tags[whole] = _read_tag(whole)
        link, tag_ids = found
        if link is not None:
            links.append(link)
        if tag_ids:
            ids.update(tag_ids)
    return tuple(links), frozenset(ids)


def scan(text: str) -> Scan:
    """The links and ids of a page: what :func:`parse_scan` finds, faster."""
    found = fast_scan(text)
    return parse_scan(text) if found is None else found


def _scan(site: Path, name: str) -> Scan:
    with open(os.path.join(site, name), "rb") as stream:
        text = stream.read().decode("utf-8", errors="replace")
    if "\r" in text:  # as a file read as text: "\r\n" and "\r" are "\n"
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return scan(text)


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


Resolved = tuple[str | None, str, Message | None]  # (path from the site's root, fragment, problem)
_EXTERNAL: Resolved = (None, "", None)
_NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:")


def _parse(link: str) -> tuple[Resolved | None, int, str | None, str]:
    """What a link's resolution owes to the link alone, worked out once per link: the
    resolution itself if the page does not matter (an external link, an absolute path,
    a fragment alone), else (None, how many folders up, the path below that folder, the
    fragment); the path None where it must be joined to the page's folder in full."""
    if link.startswith(_NOT_CHECKED):
        return _EXTERNAL, 0, None, ""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//") or parts.path.startswith("/"):
        return _resolve(frozenset(), frozenset(), "", link), 0, None, ""
    fragment = unquote(parts.fragment)
    if not parts.path:
        return ("", fragment, None), 0, None, fragment
    path = unquote(parts.path)
    # What normpath would do: "." and empty segments go; leading ".." climb.
    segments = [segment for segment in path.split("/") if segment not in ("", ".")]
    up = 0
    while up < len(segments) and segments[up] == "..":
        up += 1
    if path.startswith("/") or ".." in segments[up:]:
        return None, 0, None, fragment
    return None, up, "/".join(segments[up:]), fragment


def _tree(site: Path) -> tuple[list[str], frozenset[str], frozenset[str]]:
    """(HTML pages, files, folders) of the site, as paths from its root."""
    files: list[str] = []
    folders: list[str] = ["."]
    root = len(str(site)) + 1
    for folder, subfolders, names in os.walk(site):
        prefix = folder[root:].replace(os.sep, "/") + "/" if len(folder) >= root else ""
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
    same links are written in many pages: each is split once, and each page is scanned
    once."""
    site = site.resolve()
    pages, files, folders = _tree(site)
    parsed: dict[str, tuple[Resolved | None, int, str | None, str]] = {}
    resolved: dict[tuple[str, str], Resolved] = {}  # links joined in full, by folder
    outside: Resolved = (None, "", msg("points outside the site"))
    missing: Resolved = (None, "", msg("no such file"))
    ahead: dict[str, Scan] = {}  # pages scanned for their ids before their turn
    ids_of: dict[str, frozenset[str]] = {}  # pages scanned

    def ids(name: str) -> frozenset[str]:
        found = ids_of.get(name)
        if found is None:
            ahead[name] = _scan(site, name)
            found = ids_of[name] = ahead[name][1]
        return found

    broken: list[BrokenLink] = []
    for number, name in enumerate(pages):
        if progress is not None and number % PROGRESS_EVERY == 0:
            progress(number, len(pages))
        base = posixpath.dirname(name)
        # The page's folder and those above it: "a/b", "a", "".
        above = base.split("/") if base else []
        folders_up = ["/".join(above[: len(above) - up]) for up in range(len(above) + 1)]
        links, ids_of[name] = ahead.pop(name) if name in ahead else _scan(site, name)
        for link in links:
            known = parsed.get(link)
            if known is None:
                known = parsed[link] = _parse(link)
            found, up, below, fragment = known
            if found is None and below is None:
                found = resolved.get((base, link))
                if found is None:
                    found = resolved[base, link] = _resolve(files, folders, base, link)
            elif found is None:
                if up >= len(folders_up):
                    found = outside
                else:
                    head = folders_up[up]
                    joined = f"{head}/{below}" if head and below else head or below or "."
                    if joined.startswith(".."):
                        found = outside
                    else:
                        if joined in folders:
                            joined = "index.html" if joined == "." else f"{joined}/index.html"
                        found = (joined, fragment, None) if joined in files else missing
            target, fragment, problem = found
            if problem:
                broken.append(BrokenLink(name, link, problem))
                continue
            if target is None or not fragment:
                continue
            target = target or name
            if target.endswith(".html") and fragment not in ids(target):
                broken.append(
                    BrokenLink(name, link, msg("no id '{id}' in the target", id=fragment))
                )
    return broken, len(pages)


def main(site: Path, language: str = "en") -> int:
    broken = check_site(site)
    for link in broken:
        print(link.format(language))
    summary = msg("{links} in {site}", links=count_of(len(broken), *BROKEN_LINKS), site=str(site))
    print(summary.render(language))
    return 1 if broken else 0
