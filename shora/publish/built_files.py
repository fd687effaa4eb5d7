"""The files of a built site, listed once for the steps that read its pages (the
fonts, the stylesheets): walking the folders of a large site costs seconds
each time (26,626 pages and their search fragments at size L: 120,000 folders).

    with listed_once(site_dir):     # what the build's publish stage does
        ...                         # every files(site_dir) in here: one walk

Outside it, :func:`files` walks the site each time it is called."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

_listed: dict[Path, tuple[str, ...]] = {}


def files(site_dir: Path) -> tuple[str, ...]:
    """Every file of the site, as its path from the site's root ("a/b/index.html"), in
    the order the folders are walked."""
    kept = _listed.get(site_dir)
    return kept if kept is not None else _walk(site_dir)


@contextmanager
def listed_once(site_dir: Path) -> Iterator[None]:
    """List the site's files once for what runs inside (which adds or removes none
    that :func:`files`' callers read)."""
    _listed[site_dir] = _walk(site_dir)
    try:
        yield
    finally:
        del _listed[site_dir]


def _walk(site_dir: Path) -> tuple[str, ...]:
    found: list[str] = []
    for folder, _subfolders, names in os.walk(site_dir):
        relative = os.path.relpath(folder, site_dir).replace(os.sep, "/")
        prefix = "" if relative == "." else relative + "/"
        found += [prefix + name for name in names]
    return tuple(found)
