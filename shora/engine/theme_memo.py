"""Material's partials rendered once for what they read, not once a page.

Three of Material for MkDocs' templates do the same work for every page:

- the navigation, rendered into every page twice, as tabs (``partials/tabs.html``) and
  as the drawer's list (``partials/nav.html``), importing its macros afresh each time
  (``import ... with context``): at the benchmark's size L, a quarter of the time
  MkDocs took to render a page (`scripts/profile-build`), though every page made from
  the data shows the same navigation but for the links' relative form;
- the labels' translations (``partials/language.html``), a module made afresh for every
  page, whose ``t`` builds the language's whole table of labels at each call, to look
  up one;
- the source file's facts (``partials/source-file.html``: dates and authors from git,
  which the site's pages have none of), which defines six macros for every page: they
  and their context hold each other, so every page left 47 objects that only Python's
  garbage collector frees (with the labels memoized, half of its collections' time at
  the benchmark's size L).

So the navigation partials are rendered once for each different navigation a page
shows (:class:`ThemeMemo`); one translations module serves every page of the theme
environment, each label looked up once; and the source file's facts of a page without
any are rendered once (twice: their blank lines differ with whether the page has a
meta at all).

What the navigation is made of, as read in Material 9.8.1's templates
(``partials/nav.html``, ``nav-item.html``, ``tabs.html``, ``tabs-item.html``,
``logo.html``): the items' titles, links, icons, subtitles and states and which of
them is active; the page itself when it is one of the items (its table of contents is
then shown in the navigation: such a page is rendered as usual); the links in their
relative form (the ``url`` filter, from the page's address); the home page's and the
logo's links; and the build's configuration (its features, the site's name, the
theme's language), the same for every page of one theme environment. Those make the
key (:func:`_key`). The translations module reads the theme's language only. The
source file's facts are the page's dates from git (its meta's
``git_revision_date_localized``, ``revision_date``, ``git_creation_date_localized``)
and what plugins add to the page's context (``updated``, ``created``, ``git_info``,
``committers``): a page with any of them is rendered as usual. Where
any of that is not known (another version of Material, a partial the project
overrides, an item Material's blog makes), the partials are rendered for every page as
before: the pages are the same either way (tests/test_engines.py), only slower.
"""

from __future__ import annotations

import importlib.util
import weakref
from collections import Counter
from collections.abc import Callable, Iterator
from importlib import metadata
from pathlib import Path
from typing import Any

# The partials memoized, and the version of Material whose templates were read.
NAVIGATION = ("partials/nav.html", "partials/tabs.html")
TRANSLATIONS = "partials/language.html"
SOURCE_FILE = "partials/source-file.html"
# What the source file's facts are made of: the page's meta, the page's context.
SOURCE_FACTS_META = ("git_revision_date_localized", "revision_date", "git_creation_date_localized")
SOURCE_FACTS_CONTEXT = ("updated", "created", "git_info", "committers")
MATERIAL = ("mkdocs-material", "9.8.1")
# The most navigations kept a theme environment: one a kind of page address in
# practice (a few dozen); past it, a page's navigation is rendered as before.
MOST_KEPT = 512

RenderFunction = Callable[[Any], Iterator[str]]


class ThemeMemo:
    """The memoized partials of one theme environment (one language's build, or the
    preview's until its files change)."""

    def __init__(self, url: Callable[[Any, str], str]) -> None:
        self.url = url  # MkDocs' ``url`` filter: a link in the page's relative form
        # Per navigation object: the preview makes a new one when the pages change.
        self.kept: weakref.WeakKeyDictionary[Any, dict[tuple[Any, ...], str]] = (
            weakref.WeakKeyDictionary()
        )
        # (page, navigation, key) of the last page keyed: see _key_of.
        self._keyed: tuple[Any, Any, tuple[Any, ...] | None] | None = None
        # Partials rendered (a key found or not), and given from the memo, by name.
        self.rendered: Counter[str] = Counter()
        self.given: Counter[str] = Counter()
        # The source file's facts of a page without any: by whether it has a meta.
        self.without_facts: dict[bool, str] = {}
        # The theme's language -> its translations module (see translations).
        self.modules: dict[str, Any] = {}

    def navigation(self, name: str, render: RenderFunction) -> RenderFunction:
        """``render`` (a navigation partial's root render function), memoized."""

        def memoized(context: Any) -> Iterator[str]:
            key = self._key_of(context)
            kept = self.kept.setdefault(context.get("nav"), {}) if key is not None else None
            html = kept.get((name, key)) if kept is not None else None
            if html is None:
                self.rendered[name] += 1
                html = "".join(render(context))
                if kept is not None and len(kept) < MOST_KEPT:
                    kept[(name, key)] = html
            else:
                self.given[name] += 1
            yield html

        return memoized

    def _key_of(self, context: Any) -> tuple[Any, ...] | None:
        """:func:`_key` of the page being rendered, made once for both navigation
        partials (each walks every item through the ``url`` filter): the last page's
        key serves while the same page and navigation are rendered."""
        page, navigation = context.get("page"), context.get("nav")
        if self._keyed is not None and self._keyed[0] is page and self._keyed[1] is navigation:
            return self._keyed[2]
        key = _key(context, self.url)
        self._keyed = (page, navigation, key)
        return key

    def source_file(self, render: RenderFunction) -> RenderFunction:
        """``render`` (the source file's facts' root render function), given from the
        memo for a page without facts."""

        def memoized(context: Any) -> Iterator[str]:
            page = context.get("page")
            if page is None or _has_facts(page, context):
                self.rendered[SOURCE_FILE] += 1
                yield from render(context)
                return
            # (Its blank lines differ with whether the page has a meta at all.)
            key = bool(getattr(page, "meta", None))
            html = self.without_facts.get(key)
            if html is None:
                self.rendered[SOURCE_FILE] += 1
                html = self.without_facts[key] = "".join(render(context))
            else:
                self.given[SOURCE_FILE] += 1
            yield html

        return memoized

    def translations(self, make_module: Callable[..., Any]) -> Callable[..., Any]:
        """``make_module`` of the translations template, made once per theme language,
        its ``t`` answering each label from what it answered before."""

        def memoized(
            vars: dict[str, Any] | None = None, shared: bool = False, locals: Any = None
        ) -> Any:
            config = (vars or {}).get("config")
            language = config.theme.get("language") if config is not None else None
            if not isinstance(language, str):
                return make_module(vars, shared, locals)
            module = self.modules.get(language)
            if module is None:
                module = self.modules[language] = make_module(vars, shared, locals)
                module.t = _Labels(module.t)
            return module

        return memoized


class _Labels:
    """A translations module's ``t`` macro, each label's answer kept."""

    def __init__(self, macro: Callable[..., Any]) -> None:
        self.macro = macro
        self.answers: dict[str, Any] = {}

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if kwargs or len(args) != 1 or not isinstance(args[0], str):
            return self.macro(*args, **kwargs)
        answer = self.answers.get(args[0])
        if answer is None:
            answer = self.answers[args[0]] = self.macro(args[0])
        return answer


def memoize_theme(env: Any) -> ThemeMemo | None:
    """Memoize ``env``'s navigation and translations partials (see the module's
    text); the memo, or None where Material is not the version read. ``env`` is the
    theme's Jinja environment, as MkDocs' ``on_env`` event gives it."""
    templates = _material_templates()
    if templates is None or "url" not in env.filters:
        return None
    memo = ThemeMemo(env.filters["url"])
    _memos[env] = memo
    for name in NAVIGATION:
        template = _materials(env, templates, name)
        if template is not None:
            template.root_render_func = memo.navigation(name, template.root_render_func)
    template = _materials(env, templates, TRANSLATIONS)
    if template is not None:
        template.make_module = memo.translations(template.make_module)
    template = _materials(env, templates, SOURCE_FILE)
    if template is not None:
        template.root_render_func = memo.source_file(template.root_render_func)
    return memo


# Each theme environment's memo, for :func:`memo_of`.
_memos: weakref.WeakKeyDictionary[Any, ThemeMemo] = weakref.WeakKeyDictionary()


def memo_of(env: Any) -> ThemeMemo | None:
    """The memo :func:`memoize_theme` gave ``env``, if any."""
    return _memos.get(env)


def _materials(env: Any, templates: Path, name: str) -> Any:
    """The template ``name`` of ``env`` when it is Material's own; None when the
    project has its own copy (its theme's custom_dir), which is not what was read."""
    template = env.get_template(name)
    if template.filename and Path(template.filename).resolve() == templates / name:
        return template
    return None


def _material_templates() -> Path | None:
    """The folder of Material's own templates, when it is the version read."""
    name, version = MATERIAL
    try:
        if metadata.version(name) != version:
            return None
    except metadata.PackageNotFoundError:
        return None
    spec = importlib.util.find_spec("material")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))).resolve() / "templates"


def _items(items: Any) -> Iterator[Any]:
    for item in items:
        yield item
        yield from _items(getattr(item, "children", None) or ())


def _has_facts(page: Any, context: Any) -> bool:
    """Whether ``page`` has source file facts (see the module's text)."""
    meta = getattr(page, "meta", None) or {}
    return any(meta.get(name) for name in SOURCE_FACTS_META) or any(
        context.get(name) for name in SOURCE_FACTS_CONTEXT
    )


def _key(context: Any, url: Callable[[Any, str], str]) -> tuple[Any, ...] | None:
    """What the navigation partials read that may differ from page to page (see the
    module's text), or None when they are to be rendered as usual."""
    page, navigation, config = context.get("page"), context.get("nav"), context.get("config")
    if page is None or navigation is None or config is None:
        return None
    parts: list[Any] = []
    for item in _items(navigation.items):
        # The page is in the navigation (its table of contents shows there), or an
        # item lists pages of its own (Material's blog): not memoized.
        if item == page or getattr(item, "pages", None):
            return None
        meta = getattr(item, "meta", None) or {}
        link = getattr(item, "url", None)
        parts.append((
            item.title, bool(item.active), url(context, link) if link is not None else None,
            meta.get("icon"), meta.get("subtitle"), meta.get("status"),
            getattr(item, "is_index", None), bool(getattr(item, "encrypted", None)),
            (getattr(item, "typeset", None) or {}).get("title"),
        ))  # fmt: skip
    home = config.extra.get("homepage") or (navigation.homepage.url if navigation.homepage else "")
    logo = config.theme.get("logo")
    parts.append((url(context, home) if home else "", url(context, logo) if logo else ""))
    return tuple(parts)
