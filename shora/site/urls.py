"""Page addresses. Every link the site writes is relative, so the site works
unchanged from any domain, any sub-path, and from a copy on disk."""

from __future__ import annotations

import posixpath


def page_url(src_uri: str) -> str:
    """Directory-style URL of a source file: 'resolutions/x.md' -> 'resolutions/x/'."""
    stem = src_uri.removesuffix(".md")
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def relative(target: str, current: str) -> str:
    """Link from the page at ``current`` to ``target`` (both relative to the same root,
    directory-style, '' for the root). Keeps a fragment."""
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


def global_url(url: str, language: str) -> str:
    """Address relative to the site's root: Persian is at the root, English under en/."""
    return url if language == "fa" else "en/" + url


def depth(url: str) -> int:
    return url.count("/")
