"""The validator's pipeline: discover and load files (loader), type-check (models),
per-file rules, cross-file rules, schema lines, content pages, then Persian hygiene
warnings."""

from __future__ import annotations

import datetime as dt
import gc
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from shora.core.diagnostics import Diagnostic, Severity, sort_diagnostics
from shora.core.messages import msg
from shora.load.cache import FileCache, save_report
from shora.load.cache import enabled as cache_enabled
from shora.load.dataset import Dataset, Entry, FileChecks, load_dataset
from shora.load.files import CONTENT_LANGUAGES, content_pages, discover
from shora.load.loader import Document
from shora.load.model_errors import at_path, display_path
from shora.models.kinds import Kind
from shora.models.schema import schema_line
from shora.validate.hygiene import hygiene_diagnostics
from shora.validate.placeholders import placeholder_diagnostics
from shora.validate.references import cross_file_findings
from shora.validate.rules import RULES, Finding
from shora.validate.unchanged import project_state, with_digests


@dataclass
class Report:
    dataset: Dataset
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.diagnostics if d.severity is Severity.WARNING]


def _locate(document: Document, finding: Finding) -> Diagnostic:
    source_map = document.source_map
    position = source_map.key(finding.path) if finding.at_key else source_map.value(finding.path)
    return Diagnostic(
        document.path, position.line, position.col, finding.severity,
        at_path(display_path(finding.path), finding.message),
    )  # fmt: skip


def _schema_line_diagnostics(kind: Kind, path: str, document: Document) -> list[Diagnostic]:
    expected = schema_line(kind, path)
    first_line, _, _ = document.text.partition("\n")
    if first_line.rstrip() == expected:
        return []
    if first_line.startswith("# yaml-language-server:"):
        fix = (0, len(first_line), expected)
        message = msg("the first line must be '{line}' (shora fix)", line=expected)
    else:
        fix = (0, 0, expected + "\n")
        message = msg("the file must start with the line '{line}' (shora fix)", line=expected)
    return [Diagnostic(path, 1, 1, Severity.ERROR, message, fix)]


def _file_checks(
    kind: Kind, path: str, document: Document, entry: Entry[Any] | None, today: dt.date
) -> list[Diagnostic]:
    """What one loaded file alone shows: its schema line, its rules (when it has a
    valid model) and its Persian hygiene."""
    found = _schema_line_diagnostics(kind, path, document)
    if entry is not None:
        rule = RULES[entry.kind.name]
        found += [_locate(document, finding) for finding in rule(entry, today)]
    found += placeholder_diagnostics(document, kind)
    found += hygiene_diagnostics(document)
    return found


def _stamp(today: dt.date, rules: bool) -> str:
    """What a file's checks were made for (FileRecord.checked_on): rules compare dates
    with today, and a file loses its rules when another file takes its id."""
    return f"{today.isoformat()} {'rules' if rules else 'no rules'}"


def _checks_on(today: dt.date) -> FileChecks:
    """The checks of a loaded file, made beside its loading: with the rules when it has
    a valid model, as if no other file took its id (else they are made again, without
    the rules)."""

    def checks(
        kind: Kind, path: str, document: Document, model: BaseModel | None
    ) -> tuple[str, list[Diagnostic]]:
        entry = None
        if model is not None:
            entry = Entry(path.rpartition("/")[2].rpartition(".")[0], kind, document, model)
        return _stamp(today, entry is not None), _file_checks(kind, path, document, entry, today)

    return checks


def _content_parity(pages: dict[str, set[str]]) -> list[Diagnostic]:
    """Every hand-written page exists in both languages."""
    if not pages:
        return []
    found = []
    for language, names in pages.items():
        for other in CONTENT_LANGUAGES:
            if other == language:
                continue
            for name in sorted(names - pages.get(other, set())):
                found.append(
                    Diagnostic(
                        f"content/{language}/{name}",
                        1,
                        1,
                        Severity.ERROR,
                        msg(
                            "this page has no counterpart: add {path}",
                            path=f"content/{other}/{name}",
                        ),
                    )
                )
    return found


def validate_project(
    root: Path, today: dt.date | None = None, cache: bool = True, save_cache: bool = True
) -> Report:
    """Validate every file under ``root``; nothing is skipped after the first error.

    With ``cache``, what was found in a file alone is kept (see :mod:`shora.load.cache`) and
    used again while the file's bytes stay the same. Without ``save_cache`` it is kept
    in this process only, until :meth:`FileCache.save_kept` (a long-running preview
    validates again on every change, and writing the cache takes a second at L)."""
    # Validation makes (or unpickles) a model of every file and frees little: Python's
    # collections would walk them all again and again for nothing (a third of a
    # validation from the cache at L).
    collecting = gc.isenabled()
    frozen = gc.get_freeze_count()
    gc.disable()
    try:
        return _validate(root, today or dt.date.today(), cache, save_cache)
    finally:
        if collecting:
            if not frozen:
                # Everything made meanwhile sits in the youngest generation, which the
                # first collection would walk whole (0.2 s at L, the caller waiting):
                # freezing and unfreezing moves it to the oldest at once, unwalked.
                # (Not when a caller keeps objects frozen: they would be unfrozen.)
                gc.freeze()
                gc.unfreeze()
            gc.enable()


def _validate(root: Path, today: dt.date, cache: bool, save_cache: bool) -> Report:
    kept = FileCache.open(root) if cache and cache_enabled() else None
    discovered = discover(root)
    pages = content_pages(root)
    # Taken before any file is read: a file changed meanwhile shows a newer stat next time.
    state = project_state(root, today, discovered, pages) if kept and save_cache else None
    dataset, diagnostics, records = load_dataset(
        root, kept, discovered, _checks_on(today), save=save_cache
    )
    if state is not None and state.racy:
        state = with_digests(state, {path: record.digest for path, record in records.items()})
    entries = {entry.path: entry for entry in dataset.entries()}
    for path, document in dataset.documents.items():
        entry = entries.get(path)
        record = records[path]
        stamp = _stamp(today, entry is not None)
        if record.checked_on != stamp:
            record.checks = _file_checks(dataset.kinds[path], path, document, entry, today)
            record.checked_on = stamp
            if kept is not None:
                kept.touch(path)
        diagnostics += record.checks
    diagnostics += [
        _locate(located.entry.document, located.finding) for located in cross_file_findings(dataset)
    ]
    diagnostics += _content_parity(pages)
    if kept is not None and save_cache:
        kept.save()
    report = Report(dataset, sort_diagnostics(diagnostics))
    if state is not None:
        save_report(root, state, report.diagnostics)
    return report
