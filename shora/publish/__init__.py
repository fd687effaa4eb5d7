"""Everything the site publishes besides its pages: open data, feeds, the search index,
reproducible dates, link integrity and the offline copy. One module per format; all of
it is generated from the validated models (:class:`shora.load.dataset.Dataset`).

:data:`STEPS` is the one list of what a build writes besides the pages, in the order it
is written, with what each step needs. ``shora build`` runs the steps that need only
the data while the pages render and the others after them; ``shora serve`` writes a
step's files when one of them is asked for; a plain ``mkdocs build`` runs them all,
after both languages, through :func:`write_outputs`."""

from __future__ import annotations

import importlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from shora.load.dataset import Dataset

Need = Literal["dataset", "site_url", "hand_written", "rendered", "pages"]
# The hand-written pages of each language, as addresses from the language's root
# (shora.engine.mkdocs_api.hand_written_pages).
HandWritten = Mapping[str, Iterable[str]]


@dataclass(frozen=True)
class Step:
    """One publish step: ``shora.publish.<name>.write``, called with what it ``needs``.

    - "dataset": the validated models (``write(dataset, site_dir, ...)``);
    - "site_url": the site's address or None (``write(..., site_url)``);
    - "hand_written": the hand-written pages (``write(..., hand_written)``,
      :data:`HandWritten`; none where a caller gives none);
    - "rendered": it writes what the pages' rendering made (the PDFs, made for their
      size in the page's link), so it runs after the rendering, though it reads no page;
    - "pages": the built pages of both languages must be in ``site_dir`` before it
      runs (it reads them); a step without it reads nothing from ``site_dir``.
    """

    name: str
    needs: frozenset[Need]

    @property
    def module(self) -> str:
        return f"shora.publish.{self.name}"

    @property
    def needs_pages(self) -> bool:
        """It reads the built pages."""
        return "pages" in self.needs

    @property
    def after_rendering(self) -> bool:
        """It runs once the pages are rendered (it reads them or what they made)."""
        return bool(self.needs & {"pages", "rendered"})

    def run(
        self,
        dataset: Dataset,
        site_dir: Path,
        site_url: str | None = None,
        hand_written: HandWritten | None = None,
    ) -> list[Path]:
        """Write this step's files under ``site_dir``; the paths written."""
        write = importlib.import_module(self.module).write
        if self.name == "fonts":
            # Cut to the characters of every page and data file, with the names of
            # the languages (the language switch) whatever the pages hold.
            from shora.site.strings import LANGUAGE_NAMES

            return list(write(site_dir, LANGUAGE_NAMES.values()))
        arguments: list[object] = [dataset] if "dataset" in self.needs else []
        arguments.append(site_dir)
        if "site_url" in self.needs:
            arguments.append(site_url)
        if "hand_written" in self.needs:
            arguments.append(hand_written or {})
        return list(write(*arguments))


def _step(name: str, *needs: Need) -> Step:
    return Step(name, frozenset(needs))


STEPS: tuple[Step, ...] = (
    _step("resolutions_json", "dataset"),
    _step("geojson", "dataset"),
    _step("csv_files", "dataset"),
    _step("popolo", "dataset"),
    _step("ical", "dataset"),
    _step("directory_data", "dataset"),
    _step("resolutions_data", "dataset"),
    _step("atom", "dataset", "site_url"),
    _step("sitemap", "dataset", "site_url", "hand_written"),  # every page, from the routes
    _step("pdf", "dataset", "rendered"),
    # The fonts cut to the characters of every page and data file above, Material's
    # stylesheets to the rules their classes can match.
    _step("fonts", "pages"),
    _step("stylesheets", "pages"),
)
"""What a build writes besides the pages and the search index, in this order."""


def data_steps() -> tuple[Step, ...]:
    """The steps that need only the data: they run while the pages render."""
    return tuple(step for step in STEPS if not step.after_rendering)


def page_steps() -> tuple[Step, ...]:
    """The steps that run after both languages are rendered."""
    return tuple(step for step in STEPS if step.after_rendering)


def served_steps() -> tuple[Step, ...]:
    """The steps a preview can write on demand: none reads the built pages (the PDFs
    are made in the preview's process as it renders the resolution pages)."""
    return tuple(step for step in STEPS if not step.needs_pages)


def run_steps(
    steps: Iterable[Step],
    dataset: Dataset,
    site_dir: Path,
    site_url: str | None = None,
    hand_written: HandWritten | None = None,
) -> list[Path]:
    written: list[Path] = []
    for step in steps:
        written += step.run(dataset, site_dir, site_url, hand_written)
    return written


def write_outputs(
    dataset: Dataset,
    site_dir: Path,
    site_url: str | None = None,
    hand_written: HandWritten | None = None,
) -> list[Path]:
    """Every step, in order, into a site whose pages are built: the open data (under
    data/), the Atom feeds, the data files of the council directory and of the
    resolutions filter, in both languages; with the site's address ``site_url``, the
    sitemap too (of the pages made from the data and the ``hand_written`` ones), and
    feeds whose links are absolute; then the cut fonts and stylesheets."""
    return run_steps(STEPS, dataset, site_dir, site_url, hand_written)
