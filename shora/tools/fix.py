"""``shora fix``: apply only the safe, mechanical fixes the validator offers."""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from shora.core.diagnostics import Diagnostic


def apply_fixes(text: str, fixes: Iterable[tuple[int, int, str]]) -> str:
    """Apply non-overlapping (start, end, replacement) edits, from the end backwards."""
    result = text
    last_start = len(text) + 1
    for start, end, replacement in sorted(set(fixes), reverse=True):
        if end > last_start:
            continue  # overlaps an edit already applied; the next run will pick it up
        result = result[:start] + replacement + result[end:]
        last_start = start
    return result


def fix_files(root: Path, diagnostics: Iterable[Diagnostic]) -> dict[str, tuple[str, str]]:
    """Compute the fixed text of each file that has fixes: path -> (old, new)."""
    by_file: dict[str, list[tuple[int, int, str]]] = {}
    for diagnostic in diagnostics:
        if diagnostic.fix is not None:
            by_file.setdefault(diagnostic.path, []).append(diagnostic.fix)
    changes = {}
    for path, fixes in sorted(by_file.items()):
        old = (root / path).read_text(encoding="utf-8").removeprefix("\ufeff")
        new = apply_fixes(old, fixes)
        if new != old:
            changes[path] = (old, new)
    return changes


def unified_diff(path: str, old: str, new: str) -> str:
    return "".join(
        difflib.unified_diff(
            old.splitlines(keepends=True),
            new.splitlines(keepends=True),
            fromfile=f"a/{path}",
            tofile=f"b/{path}",
        )
    )
