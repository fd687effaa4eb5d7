"""resolutions/index-data.js (and en/resolutions/index-data.js): the list item of every
resolution, for the filter of a resolutions index on several pages.

The index shows RESOLUTIONS_PER_PAGE resolutions a page, so it does not grow with the
data; this file does, and is downloaded only when a reader chooses a filter on such a
list (theme/assets/javascripts/shora.js inserts a <script> element for it: unlike
fetch, that works from file:// as well). It sets ``window.shoraResolutionsData``; see
:meth:`shora.site.pages.SiteRenderer.resolutions_data_script`."""

from __future__ import annotations

from pathlib import Path

from shora.load.dataset import Dataset
from shora.publish.common import language_dir, write_text
from shora.site.pages import SiteRenderer
from shora.site.routes import LANGUAGES, RESOLUTIONS_DATA_FILE


def write(dataset: Dataset, site_dir: Path) -> list[Path]:
    return [
        write_text(
            language_dir(site_dir, language) / RESOLUTIONS_DATA_FILE,
            SiteRenderer(dataset, language).resolutions_data_script(),
        )
        for language in LANGUAGES
    ]
