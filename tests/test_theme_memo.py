"""Material's partials rendered once for what they read (shora/engine/theme_memo.py):
used with the installed Material, the navigation given to the pages made from data
and never to a page the navigation lists, one translations module a language, and
nothing memoized where what was read of Material's templates may not hold. That the
sites are the same with and without it: tests/test_engines.py."""

from __future__ import annotations

from pathlib import Path

import jinja2
import pytest

from shora.engine import theme_memo
from shora.engine.engines import select
from shora.engine.theme_memo import (
    NAVIGATION,
    SOURCE_FILE,
    TRANSLATIONS,
    memo_of,
    memoize_theme,
)
from shora.preview.server import Preview

from .built_sites import REPO
from .test_preview import small_project


def _theme_environment() -> jinja2.Environment:
    config = select("mkdocs").load_config(str(REPO / "mkdocs.yml"))
    env: jinja2.Environment = config.theme.get_env()
    return env


MEMOIZED = (*NAVIGATION, TRANSLATIONS, SOURCE_FILE)


def _memoized(env: jinja2.Environment, name: str) -> bool:
    template = env.get_template(name)
    function = template.make_module if name == TRANSLATIONS else template.root_render_func
    return function.__name__ == "memoized"


def test_the_installed_material_is_the_version_read() -> None:
    """Upgrading Material fails here until its templates are read again (the
    module's text says what they read) and MATERIAL is changed."""
    env = _theme_environment()
    assert not any(_memoized(env, name) for name in MEMOIZED)
    memo = memoize_theme(env)
    assert memo is not None and memo_of(env) is memo
    assert all(_memoized(env, name) for name in MEMOIZED)


def test_another_version_of_material_is_rendered_as_usual(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(theme_memo, "MATERIAL", ("mkdocs-material", "9.8.0"))
    env = _theme_environment()
    assert memoize_theme(env) is None
    assert not any(_memoized(env, name) for name in MEMOIZED)


def test_a_partial_the_project_overrides_is_rendered_as_usual() -> None:
    env = _theme_environment()
    own = jinja2.DictLoader({"partials/nav.html": "<nav>{{ page.title }}</nav>"})
    assert env.loader is not None
    env.loader = jinja2.ChoiceLoader([own, env.loader])
    assert memoize_theme(env) is not None
    assert not _memoized(env, "partials/nav.html")
    assert _memoized(env, "partials/tabs.html") and _memoized(env, TRANSLATIONS)


def test_one_translations_module_answers_each_label_once() -> None:
    env = _theme_environment()
    memo = memoize_theme(env)
    assert memo is not None
    config = select("mkdocs").load_config(str(REPO / "mkdocs.yml"))
    template = env.get_template(TRANSLATIONS)
    module = template.make_module({"config": config}, True, {})
    assert template.make_module({"config": config}, True, {}) is module
    assert module.t("search.placeholder") == "جستجو"
    assert module.t.answers == {"search.placeholder": "جستجو"}
    # A label Material has in English only is answered from its fallback, as before.
    assert module.t("nonexistent.label") == "nonexistent.label"


def test_pages_made_from_data_share_the_navigation_and_listed_pages_do_not(
    tmp_path: Path,
) -> None:
    """In the preview as in a build: the second council page is given both partials
    from the memo, a page the navigation lists (its contents shown there) never."""
    project = small_project(tmp_path / "project")
    preview = Preview(project)
    try:
        preview.refresh()
        assert not preview.problems, preview.problems
        councils = sorted(path.stem for path in (project / "councils").glob("*.yml"))
        assert preview.respond(f"/councils/{councils[0]}/").status == 200
        site = preview.languages["fa"].site
        assert site is not None
        memo = memo_of(site.env)
        assert memo is not None
        assert (memo.rendered, memo.given) == ({name: 1 for name in (*NAVIGATION, SOURCE_FILE)}, {})
        assert preview.respond(f"/councils/{councils[1]}/").status == 200
        assert memo.given == {name: 1 for name in (*NAVIGATION, SOURCE_FILE)}
        for listed in ("/", "/about/"):
            assert preview.respond(listed).status == 200
        # The hand-written pages have no dates from git either, but no meta at all (no
        # front matter), which the facts' blank lines show: rendered once for those.
        assert memo.rendered == {**{name: 3 for name in NAVIGATION}, SOURCE_FILE: 2}
        assert memo.given == {**{name: 1 for name in NAVIGATION}, SOURCE_FILE: 2}
        assert list(memo.modules) == ["fa"]
    finally:
        preview.close()


class _Page:
    def __init__(self, **meta: str) -> None:
        self.meta = meta


class _Labels:
    def t(self, key: str) -> str:
        return key


def test_the_source_file_facts_of_a_page_without_any_are_given_from_the_memo() -> None:
    env = _theme_environment()
    memo = memoize_theme(env)
    assert memo is not None
    template = env.get_template(SOURCE_FILE)
    without = [template.render(page=_Page(title="one"), lang=_Labels()) for _ in range(3)]
    assert len(set(without)) == 1 and "md-source-file" not in without[0]
    assert (memo.rendered[SOURCE_FILE], memo.given[SOURCE_FILE]) == (1, 2)
    dated = template.render(page=_Page(revision_date="2 December 2026"), lang=_Labels())
    assert "md-source-file" in dated and "2 December 2026" in dated
    committed = template.render(page=_Page(), lang=_Labels(), created="1 December 2026")
    assert "1 December 2026" in committed
    assert (memo.rendered[SOURCE_FILE], memo.given[SOURCE_FILE]) == (3, 2)
