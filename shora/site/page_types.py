"""The types the site's parts share: a generated page, a section of the site, and what
a section needs of the renderer that holds it.

Kept apart so that the imports of shora/site run one way: :mod:`shora.site.routes`
lists the pages, the sections (councils.py, search.py) render theirs, sections.py
lists the sections and pages.py (the renderer) uses them; each of them needs these
types, none of them needs the modules above it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Protocol

from shora.load.dataset import Dataset


@dataclass(frozen=True)
class GeneratedPage:
    """A page made from the data, as MkDocs is given it: its source path (a file that
    does not exist on disk), its kind and the key of what it shows (an id, a page
    number, ``<country>/<number>`` ...)."""

    src_uri: str
    kind: str  # "resolution", "parallel", "resolutions", "councils" ...
    key: str | None = None

    @property
    def url(self) -> str:
        """Its address, from the source path as MkDocs makes it with directory URLs:
        'resolutions/x.md' -> 'resolutions/x/', 'councils/index.md' -> 'councils/'."""
        stem = self.src_uri.removesuffix(".md")
        if stem == "index":
            return ""
        if stem.endswith("/index"):
            return stem[: -len("index")]
        return stem + "/"


class Renderer(Protocol):
    """What a section uses of the renderer of its language
    (:class:`shora.site.pages.SiteRenderer`)."""

    dataset: Dataset
    language: str

    def template(self, name: str, current: str, **values: Any) -> str:
        """A template of shora/site/templates rendered for the page at ``current``."""
        ...


class Section(Protocol):
    """A part of the site that renders pages of its own kinds (councils, search ...).

    Which pages exist is for :class:`shora.site.routes.Routes` to say; sections are
    listed in :data:`shora.site.sections.SECTIONS` and each is made with the renderer,
    whose ``template()`` it uses."""

    # Read-only: a section's class names its kinds once (a tuple of as many as it has).
    @property
    def kinds(self) -> tuple[str, ...]: ...

    def title(self, page: GeneratedPage) -> str: ...

    def render(self, page: GeneratedPage) -> str: ...

    def head(self, page: GeneratedPage) -> str: ...
