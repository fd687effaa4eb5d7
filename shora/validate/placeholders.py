"""Templates left unfilled: every field that still holds the example ``shora new``
wrote there is an error, located at the value, until the editor replaces it.

The examples are those of :data:`shora.scaffold.PLACEHOLDERS`, compared exactly per
field, so real data never matches them. The check reads the loaded document, not the
model: a file with other errors still shows which examples are left.
"""

from __future__ import annotations

from collections.abc import Iterator

from shora.diagnostics import Diagnostic, Severity
from shora.kinds import Kind
from shora.loader import Document
from shora.messages import msg
from shora.model_errors import at_path, display_path
from shora.scaffold import placeholders_at


def placeholder_diagnostics(document: Document, kind: Kind) -> Iterator[Diagnostic]:
    for path, placeholder in placeholders_at(kind.name, document.data):
        source_map = document.source_map
        # A mapping compared as a whole (coordinates, a vote) is pointed at by its key.
        position = (
            source_map.key(path)
            if isinstance(placeholder.example, dict)
            else source_map.value(path)
        )
        yield Diagnostic(
            document.path,
            position.line,
            position.col,
            Severity.ERROR,
            at_path(
                display_path(path),
                msg("still the template's example: {what}", what=placeholder.what),
            ),
        )
