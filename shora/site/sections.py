"""The sections of the site besides resolutions, in the order their pages are added."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from shora.site.councils import CouncilSection
from shora.site.search import DataSection, SearchSection

if TYPE_CHECKING:
    from shora.site.pages import Section, SiteRenderer

SECTIONS: list[Callable[[SiteRenderer], Section]] = [CouncilSection, SearchSection, DataSection]
