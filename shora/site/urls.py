"""Page addresses. Every link the site writes is relative, so the site works
unchanged from any domain, any sub-path, and from a copy on disk."""

from __future__ import annotations


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
    # posixpath.relpath on plain strings: the site writes hundreds of thousands of
    # links, and relpath normalises both paths absolutely each time.
    base = current if current.endswith("/") or not current else current.rpartition("/")[0]
    from_parts = [part for part in base.split("/") if part]
    to_parts = [part for part in target.split("/") if part]
    common = 0
    for mine, theirs in zip(from_parts, to_parts, strict=False):
        if mine != theirs:
            break
        common += 1
    result = "/".join([".."] * (len(from_parts) - common) + to_parts[common:]) or "."
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
