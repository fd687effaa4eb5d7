"""data/*.csv: flat tables (UTF-8, comma-separated, RFC 4180 quoting, header row).
Their columns are documented once, in :mod:`shora.site.open_data`; the data page shows
these descriptions.

Each file begins with a UTF-8 byte order mark: spreadsheet programs read a CSV file
without one in the system's legacy code page, which turns the Persian into garbage."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from shora.load.dataset import Dataset
from shora.publish.common import write_text
from shora.site.open_data import TABLES, Column

BYTE_ORDER_MARK = "\ufeff"


def table(dataset: Dataset, kind: str, columns: list[Column]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.name for column in columns])
    entries = getattr(dataset, kind)
    for id_ in sorted(entries):
        row = [column.value(entries[id_]) for column in columns]
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue()


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [
        write_text(site_dir / file, BYTE_ORDER_MARK + table(dataset, kind, columns), newline="")
        for file, (kind, columns) in TABLES.items()
    ]
