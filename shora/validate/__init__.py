"""The validator: every problem in a project, located, sorted, reported at once.

Pipeline (:mod:`shora.validate.project`): discover and load files (loader), type-check
(models), per-file rules, cross-file rules, schema lines, content pages, then Persian
hygiene warnings. :mod:`shora.validate.unchanged` answers without any of it when
nothing changed since the last validation.

The pipeline is imported when first asked for (``from shora.validate import
validate_project``): the models it builds on take longer to import than an unchanged
project takes to validate.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from shora.validate.project import Report as Report
    from shora.validate.project import validate_project as validate_project

_FROM_PROJECT = frozenset({"Report", "validate_project"})


def __getattr__(name: str) -> Any:
    if name in _FROM_PROJECT:
        return getattr(importlib.import_module("shora.validate.project"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
