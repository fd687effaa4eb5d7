"""The site's two search indexes, made from one set of search documents: Pagefind's
(served copies, :mod:`shora.publish.search_index`) and the index as scripts (copies
opened from disk, :mod:`shora.publish.disk_search`)."""

from __future__ import annotations

from pathlib import Path

from shora.load.dataset import Dataset
from shora.publish.disk_search import write_disk_index
from shora.publish.search_index import PendingBundle, documents, index_language_later
from shora.site.routes import LANGUAGES


def write_index(dataset: Dataset, site_dir: Path) -> int:
    """Index every searchable page of the built site, language by language, for
    Pagefind (served copies) and as scripts (copies opened from disk); the number of
    pages indexed."""
    count, pending = prepare_index(dataset, site_dir)
    for bundle in pending:
        bundle.run()
    return count


def prepare_index(dataset: Dataset, site_dir: Path) -> tuple[int, list[PendingBundle]]:
    """:func:`write_index` but for Pagefind's runs, which are returned, one a language
    whose kept bundle could not be used, to be run one at a time."""
    count, pending = 0, []
    for language in LANGUAGES:
        # Made once for both indexes, which fold the same texts (each document folds its
        # own once, for the two).
        found = list(documents(dataset, site_dir, (language,)))
        indexed, later = index_language_later(found, site_dir, language)
        count += indexed
        if later is not None:
            pending.append(later)
        write_disk_index(found, site_dir, language)
    return count, pending
