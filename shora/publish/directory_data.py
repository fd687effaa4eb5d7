"""councils/directory-data.js (and en/councils/directory-data.js): what the directory's
filter and "near me" need about every council, in each language.

The directory's pages list countries and a page of councils at a time, so they do not
grow with the data; this file does, and is downloaded only when a reader starts typing
in the filter or presses "near me" (theme/assets/javascripts/directory.js inserts a
<script> element for it: unlike fetch, that works from file:// as well). It sets
``window.shoraDirectoryData``; the rows are described in
:meth:`shora.site.directory.Directory.data`. Coordinates are rounded to two decimals,
as everywhere else."""

from __future__ import annotations

from pathlib import Path

from shora.load.dataset import Dataset
from shora.publish.common import language_dir, write_text
from shora.site.directory import Directory
from shora.site.routes import DIRECTORY_DATA_FILE, LANGUAGES


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [
        write_text(
            language_dir(site_dir, language) / DIRECTORY_DATA_FILE,
            Directory(dataset, language).data_script(),
        )
        for language in LANGUAGES
    ]
