"""Link integrity of a built site: every internal link (href, src) of every HTML
page, and every ``#anchor``, resolves to a file and an id in that file.

    shora check-links site      (also run by `shora build` before the new site is used)
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from functools import cache
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from shora.core.messages import Message, msg

LINK_ATTRIBUTES = {"a": "href", "link": "href", "script": "src", "img": "src", "source": "src",
                   "iframe": "src", "form": "action", "area": "href"}  # fmt: skip


@dataclass(frozen=True)
class BrokenLink:
    page: str  # relative to the site
    link: str
    reason: Message

    def format(self, language: str = "en") -> str:
        return f"{self.page}: {self.link}: {self.reason.render(language)}"


class _Scanner(HTMLParser):
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


@cache
def _scan(path: Path) -> tuple[tuple[str, ...], frozenset[str]]:
    scanner = _Scanner()
    scanner.feed(path.read_text(encoding="utf-8", errors="replace"))
    return tuple(scanner.links), frozenset(scanner.ids)


def _target(site: Path, page: Path, link: str) -> tuple[Path | None, str, Message | None]:
    """(file, fragment, problem) of an internal link; file None for external links."""
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith("//"):
        return None, "", None
    if parts.path.startswith("/"):
        return None, "", msg("absolute path: breaks on a mirror under a sub-path")
    base = posixpath.dirname(page.relative_to(site).as_posix())
    joined = posixpath.normpath(posixpath.join(base, unquote(parts.path))) if parts.path else ""
    if joined.startswith(".."):
        return None, "", msg("points outside the site")
    target = site / joined if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment), None


def check_site(site: Path) -> list[BrokenLink]:
    """Every broken internal link of the site under ``site``."""
    site = site.resolve()
    _scan.cache_clear()
    broken: list[BrokenLink] = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        links, _ids = _scan(page)
        for link in links:
            if link.startswith(("mailto:", "tel:", "javascript:", "data:")):
                continue
            target, fragment, problem = _target(site, page, link)
            if problem:
                broken.append(BrokenLink(name, link, problem))
                continue
            if target is None:
                continue
            if not target.is_file():
                broken.append(BrokenLink(name, link, msg("no such file")))
                continue
            if fragment and target.suffix == ".html" and fragment not in _scan(target)[1]:
                broken.append(
                    BrokenLink(name, link, msg("no id '{id}' in the target", id=fragment))
                )
    return broken


def main(site: Path, language: str = "en") -> int:
    broken = check_site(site)
    for link in broken:
        print(link.format(language))
    print(
        msg("{count} broken link(s) in {site}", count=len(broken), site=str(site)).render(language)
    )
    return 1 if broken else 0
