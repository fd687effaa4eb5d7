"""Links between addresses. Every link the site writes is relative, so the site works
unchanged from any domain, any sub-path, and from a copy on disk; the addresses
themselves are in :mod:`shora.site.routes`."""

from __future__ import annotations


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
