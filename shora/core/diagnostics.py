"""Diagnostics: what the validator reports, and how it is printed.

Every problem found anywhere (loader, models, cross-file checks, Persian hygiene)
becomes a :class:`Diagnostic` with a file, a 1-based line and column, a severity
and a message written for editors who are not programmers.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass, field

from shora.core.messages import ERRORS, count_of, msg, render


class Severity(enum.StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    path: str
    line: int
    col: int
    severity: Severity = field(compare=False)
    message: str = field(compare=True)
    # A safe, mechanical fix `shora fix` may apply: (start index, end index, replacement)
    # in the file's text. Only set where the fix cannot change meaning.
    fix: tuple[int, int, str] | None = field(default=None, compare=False, repr=False)

    def text(self, language: str = "en") -> str:
        """The message alone, in ``language``."""
        return render(self.message, language)

    def format(self, language: str = "en") -> str:
        """``path:line:col: error: message``; the location first in every language."""
        severity = render(SEVERITY_WORDS[self.severity], language)
        return f"{self.path}:{self.line}:{self.col}: {severity}: {self.text(language)}"

    def format_github(self, language: str = "en") -> str:
        # GitHub workflow commands need %, CR and LF escaped in the message.
        message = self.text(language)
        message = message.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
        kind = "error" if self.severity is Severity.ERROR else "warning"
        return f"::{kind} file={self.path},line={self.line},col={self.col}::{message}"


# The word before each message; the severity itself stays "error" or "warning" for tools.
SEVERITY_WORDS = {Severity.ERROR: msg("error"), Severity.WARNING: msg("warning")}


def sort_diagnostics(diagnostics: Iterable[Diagnostic]) -> list[Diagnostic]:
    """Sorted by file, line, column, then message; exact duplicates removed."""
    unique = {(d.path, d.line, d.col, d.severity, d.message): d for d in diagnostics}
    return sorted(unique.values())


def has_errors(diagnostics: Iterable[Diagnostic]) -> bool:
    return any(d.severity is Severity.ERROR for d in diagnostics)


class DataError(Exception):
    """Raised by library entry points when data is invalid; carries every diagnostic."""

    def __init__(self, diagnostics: list[Diagnostic]):
        self.diagnostics = diagnostics
        errors = [d for d in diagnostics if d.severity is Severity.ERROR]
        super().__init__(
            f"{count_of(len(errors), *ERRORS)} in the data:\n"
            + "\n".join(d.format() for d in errors)
        )
