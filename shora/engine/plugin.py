"""The MkDocs plugin: a thin adapter from MkDocs' events to :mod:`shora.site`.

One ``mkdocs build`` makes both languages: the configured (Persian) build at the
site's root, then, when it has finished, the English build into ``en/`` from
``mkdocs.en.yml``. Both share page paths, so every page knows its counterpart.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path
from typing import Any, cast
from urllib.parse import urljoin

from mkdocs.config import Config
from mkdocs.config import config_options as option
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils.templates import TemplateContext

from shora.core.diagnostics import Severity
from shora.core.messages import ERRORS, count_of, language_from_environment, msg
from shora.engine.mkdocs_api import (
    DataPage,
    UnsupportedEngine,
    hand_written_pages,
    require_supported_engine,
)
from shora.engine.theme_memo import memoize_theme
from shora.publish import pdf
from shora.publish.atom import feeds_of_page
from shora.publish.common import ensure_source_date_epoch
from shora.site import not_found, page_policy, page_validity
from shora.site.pages import GeneratedPage, SiteRenderer
from shora.site.routes import language_root
from shora.site.theme_context import PAGE_CONTEXT, page_context, page_meta
from shora.validate import Report, validate_project

BUILD_GC_THRESHOLDS = (50_000, 20, 1_000)
_MARKER_RE = re.compile(r"<!-- shora:[a-z-]+ -->")


class ShoraConfig(Config):
    language = option.Choice(("fa", "en"), default="fa")
    """Language of this build; Persian is at the site's root."""
    counterpart = option.Optional(option.Type(str))
    """Config file of the other language's build, built into <site_dir>/en/ afterwards."""
    data_root = option.Type(str, default=".")
    """Folder holding resolutions/ and councils/, relative to the config file."""


class ShoraPlugin(BasePlugin[ShoraConfig]):
    validated: Report | None = None
    # Set by `shora build` (shora/build.py), which renders each language in a process
    # of its own and writes the outputs itself: this build then makes its pages only.
    orchestrated: bool = False

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        try:
            require_supported_engine()
        except UnsupportedEngine as error:
            raise PluginError(error.message.render(language_from_environment())) from None
        # A build holds tens of thousands of pages and the data's models: with Python's
        # default thresholds the full collections, which walk all of them, take a fifth
        # of the build (make bench, L). Collect less often.
        gc.set_threshold(*BUILD_GC_THRESHOLDS)
        # No sitemaps from MkDocs (one per language, empty without a site_url):
        # shora.publish.sitemap writes one for both languages, only with a site_url.
        config.theme.static_templates.discard("sitemap.xml")
        config_dir = Path(config.config_file_path).parent
        self.root = (config_dir / self.config.data_root).resolve()
        # Validated once per build: `shora build` (or the Persian build, for the English
        # one) hands over its report; only a plain `mkdocs build` or `serve` validates here.
        report = self.validated or validate_project(self.root)
        self.validated = None  # a `serve` rebuild must read the files again
        if report.errors:
            # One line each, as `shora validate` prints them; MkDocs adds no traceback.
            language = language_from_environment()
            lines = "\n".join(d.format(language) for d in report.errors)
            summary = msg("the data has {errors}:", errors=count_of(len(report.errors), *ERRORS))
            raise PluginError(f"{summary.render(language)}\n{lines}")
        for warning in report.diagnostics:
            if warning.severity is Severity.WARNING:
                print(f"WARNING -  {warning.format(language_from_environment())}")
        # Once a `mkdocs build` (its Persian build runs first; `shora build` says it itself).
        first = self.config.language == "fa" and not self.orchestrated
        if first and (cutter := pdf.cutter_warning(report.dataset)):
            print(f"WARNING -  {cutter.render(language_from_environment())}")
        self.use(report)
        return config

    def use(self, report: Report) -> None:
        """Render from this validated data, free of errors (``shora serve`` calls it
        again after a change, without the rest of a build)."""
        # Dates MkDocs writes (sitemap.xml) come from the data, never the clock.
        ensure_source_date_epoch(report.dataset)
        self.report = report
        self.renderer = SiteRenderer(report.dataset, self.config.language, pdf.download)

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        # The theme's sitemap template, once no static template (on_config), would be
        # copied as it is, a Jinja source named sitemap.xml: left out.
        template = files.get_file_from_path("sitemap.xml")
        if template is not None and not Path(template.abs_src_path or "").is_relative_to(
            Path(config.docs_dir).resolve()
        ):
            files.remove(template)
        self.generated: dict[str, GeneratedPage] = {}
        for page in self.renderer.pages():
            file = File.generated(config, page.src_uri, content="")
            DataPage(None, file, config)
            files.append(file)
            self.generated[page.src_uri] = page
        self.files = files
        return files

    def on_env(self, env: Any, /, *, config: MkDocsConfig, files: Files) -> Any:
        # Material's navigation, labels and source file's facts: rendered once for
        # what they read, not once a page (shora/engine/theme_memo.py).
        memoize_theme(env)
        return env

    def on_page_markdown(self, markdown: str, /, *, page: Page, **kwargs: Any) -> str:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta.update(page_meta(generated, self.renderer.title(generated)))
        return markdown

    def on_page_content(self, html: str, /, *, page: Page, **kwargs: Any) -> str:
        # A page made from data gets its HTML only when its template is rendered
        # (on_page_context): MkDocs reads every page before it writes the first, and
        # the HTML of every page held at once was most of a build's memory.
        if page.file.src_uri not in self.generated and _MARKER_RE.search(html):
            return self.renderer.replace_markers(html, page.url)
        return html

    @event_priority(-100)  # after other plugins, so nothing overwrites the links
    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, **kwargs: Any
    ) -> TemplateContext:
        generated = self.generated.get(page.file.src_uri)
        if generated is not None:
            page.meta["shora_head"] = self.renderer.head(generated)
            page.content = self.renderer.render(generated)
        language = self.config.language
        feeds = feeds_of_page(self.renderer.dataset, language, page.url)
        feed_links = [(feed.title, feed.path) for feed in feeds]
        # MkDocs types the context with its own keys only; a theme's variables are
        # added to it all the same.
        cast("dict[str, object]", context)[PAGE_CONTEXT] = page_context(
            page.url, language, feed_links
        )
        return context

    @event_priority(-100)  # last: the policy's hashes cover every other change
    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        # The page is written next and its HTML read no more (MkDocs then checks anchors
        # from what it noted while rendering the Markdown): free it now.
        page.content = None
        page.meta.pop("shora_head", None)
        return page_policy.apply(page_validity.repair(output))

    @event_priority(-100)
    def on_post_template(
        self, output_content: str, /, *, template_name: str, config: MkDocsConfig
    ) -> str:
        if not template_name.endswith(".html"):
            return output_content
        if template_name == "404.html":
            output_content = not_found.page(output_content)
        return page_policy.apply(page_validity.repair(output_content))

    def on_serve(self, server: Any, /, *, config: MkDocsConfig, builder: Any) -> Any:
        """`mkdocs serve` rebuilds both languages when data, pages or theme change."""
        config_dir = Path(config.config_file_path).parent
        watched = [self.root / "resolutions", self.root / "councils", config_dir / "content"]
        if self.config.counterpart:
            watched.append(config_dir / self.config.counterpart)
        for path in watched:
            if path.exists():
                server.watch(str(path))
        return server

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        """A plain ``mkdocs build`` makes the whole site: after the Persian pages, the
        English build into en/, then every output (:data:`shora.publish.STEPS`) and the
        search index: all that `shora build` makes but the link check."""
        if self.orchestrated or not self.config.counterpart:
            return
        # The English build runs inside this one: free this build's pages first, so the
        # two languages' pages are never in memory together (MkDocs is done with them).
        for file in self.files.documentation_pages():
            if file.page is not None:
                file.page.content = file.page.markdown = None
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        config_dir = Path(config.config_file_path).parent
        other = load_config(
            str(config_dir / self.config.counterpart),
            site_dir=str(Path(config.site_dir) / language_root("en")),
            # The English site's address is under the Persian one's (None: none).
            site_url=urljoin(config.site_url, language_root("en")) if config.site_url else None,
        )
        # The English build reads the same data, wherever it came from (--data-root).
        counterpart = other.plugins["shora"]
        assert isinstance(counterpart, ShoraPlugin), "the English mkdocs.yml names another 'shora'"
        counterpart.config["data_root"] = str(self.root)
        counterpart.validated = self.report
        other.plugins.on_startup(command="build", dirty=False)
        try:
            build(other)
        finally:
            other.plugins.on_shutdown()
        # Open data, feeds and the rest of both languages, from the same validated data.
        from shora.publish import write_outputs
        from shora.publish.search import write_index

        hand_written = {
            self.config.language: hand_written_pages(config),
            counterpart.config.language: hand_written_pages(other),
        }
        site_dir, site_url = Path(config.site_dir), config.site_url or None
        write_outputs(self.renderer.dataset, site_dir, site_url, hand_written)
        write_index(self.renderer.dataset, Path(config.site_dir))
