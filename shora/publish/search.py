"""The site's two search indexes, made from one set of search documents: Pagefind's
(served copies, :mod:`shora.publish.search_index`) and the index as scripts (copies
opened from disk, :mod:`shora.publish.disk_search`)."""

from __future__ import annotations

from pathlib import Path

from shora.load.dataset import Dataset
from shora.publish.disk_search import write_disk_index
from shora.publish.search_index import PagefindRuns, documents, index_language_later
from shora.site.routes import LANGUAGES


def write_index(dataset: Dataset, site_dir: Path) -> int:
    """Index every searchable page of the built site, language by language, for
    Pagefind (served copies) and as scripts (copies opened from disk); the number of
    pages indexed."""
    with PagefindRuns() as runs:
        count = prepare_index(dataset, site_dir, runs)
        runs.allow_writing()
        runs.join()
    return count


def prepare_index(dataset: Dataset, site_dir: Path, runs: PagefindRuns) -> int:
    """:func:`write_index` but for the end of Pagefind's runs: each language whose kept
    bundle could not be used has its run added to ``runs`` as soon as its input is
    written (it gives Pagefind its pages meanwhile; see :class:`PagefindRuns` for when it
    writes). The number of pages indexed."""
    count = 0
    for language in LANGUAGES:
        # Made once for both indexes, which fold the same texts (each document folds its
        # own once, for the two).
        found = list(documents(dataset, site_dir, (language,)))
        indexed, later = index_language_later(found, site_dir, language)
        count += indexed
        if later is not None:
            runs.add(later)
        write_disk_index(found, site_dir, language)
    return count
