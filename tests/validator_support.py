"""Paths and the fixed day shared by the validator's tests."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus"
# A small valid project: the broken inputs of the corpus are overlaid on it.
BASE = CORPUS / "_base"
# Validation runs as if on this day, so that "in the future" and "more than a year ago"
# do not change with the calendar.
TODAY = dt.date(2026, 6, 15)
