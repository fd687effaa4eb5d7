"""Everything the site publishes besides its pages: open data, feeds, the search index,
reproducible dates, link integrity and the offline copy. One module per format; all of
it is generated from the validated models (:class:`shora.load.dataset.Dataset`)."""

from __future__ import annotations

from pathlib import Path

from shora.load.dataset import Dataset


def write_outputs(dataset: Dataset, site_dir: Path, site_url: str | None = None) -> list[Path]:
    """Write the open data (under data/), the Atom feeds, and the data files of the
    council directory and of the resolutions filter, in both languages; with the site's
    address ``site_url``, the sitemap too, and feeds whose links are absolute."""
    from shora.publish import (
        atom,
        csv_files,
        directory_data,
        geojson,
        ical,
        pdf,
        popolo,
        resolutions_data,
        resolutions_json,
        sitemap,
    )

    written: list[Path] = []
    for module in (
        resolutions_json,
        geojson,
        csv_files,
        popolo,
        ical,
        directory_data,
        resolutions_data,
        pdf,
    ):
        written += module.write(dataset, site_dir)
    written += atom.write(dataset, site_dir, site_url)
    written += sitemap.write(dataset, site_dir, site_url)  # last: it lists every page
    # The fonts cut to the characters of every page and data file above, Material's
    # stylesheets to the rules their classes can match.
    from shora.publish import fonts, stylesheets
    from shora.site.strings import LANGUAGE_NAMES

    written += fonts.write(site_dir, LANGUAGE_NAMES.values())
    written += stylesheets.write(site_dir)
    return written
