"""The council directory section."""

from __future__ import annotations

from typing import TYPE_CHECKING

from shora.site.strings import t

if TYPE_CHECKING:
    from shora.site.pages import GeneratedPage, SiteRenderer


class CouncilSection:
    kinds = ("councils",)

    def __init__(self, renderer: SiteRenderer):
        self.renderer = renderer

    def pages(self) -> list[GeneratedPage]:
        from shora.site.pages import GeneratedPage

        return [GeneratedPage("councils/index.md", "councils")]

    def title(self, page: GeneratedPage) -> str:
        return t("councils", self.renderer.language)

    def render(self, page: GeneratedPage) -> str:
        return self.renderer.template("councils.html", page.url)

    def head(self, page: GeneratedPage) -> str:
        return ""
