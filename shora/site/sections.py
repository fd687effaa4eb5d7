"""The sections of the site besides resolutions: each renders the pages of its kinds."""

from __future__ import annotations

from collections.abc import Callable

from shora.site.councils import CouncilSection
from shora.site.page_types import Renderer, Section
from shora.site.search import DataSection, SearchSection

SECTIONS: list[Callable[[Renderer], Section]] = [CouncilSection, SearchSection, DataSection]
