"""Lists that would grow with the data are cut into pages: the resolutions index, the
list of decisions and a council's decisions (its page shows the latest, then links to
a list of its own). Rendered without MkDocs, from synthetic datasets."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from html.parser import HTMLParser

import pytest
from markupsafe import escape

import shora.site.pages as pages_module
import shora.site.routes as routes_module
from shora.core.language import localize_digits
from shora.load.dataset import Dataset
from shora.site.pages import GeneratedPage, SiteRenderer
from shora.site.strings import t
from shora.tools.synthetic import Size, write_dataset
from shora.validate import validate_project

from .test_directory_pages import _resolve

LANGUAGES = ("fa", "en")


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[[Size], Dataset]]:
    """``dataset(size)``: a synthetic dataset of that size, written and validated once."""
    made: dict[Size, Dataset] = {}

    def make(size: Size) -> Dataset:
        if size not in made:
            root = tmp_path_factory.mktemp("pagination")
            write_dataset(root, size)
            report = validate_project(root)
            assert report.errors == []
            made[size] = report.dataset
        return made[size]

    yield make


class _Parsed(HTMLParser):
    """A rendered page's links (resolved to site addresses), the links of its list
    items, and its page navigation."""

    def __init__(self, url: str) -> None:
        super().__init__()
        self.url = url
        self.links: list[tuple[str, dict[str, str | None]]] = []
        self.items: list[str] = []  # the link of each list item (resolution, decision)
        self.nav: list[tuple[str, dict[str, str | None]]] = []  # links of .shora-pages
        self.nav_texts: list[str] = []  # and their text
        self.navs = 0
        self.current: list[str] = []  # text of the navigation's current page
        self.forms: list[dict[str, str | None]] = []
        self._li: list[str] = []
        self._in_nav = False
        self._in_current = False
        self._in_nav_link = False
        self._item_linked = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        classes = (values.get("class") or "").split()
        if tag == "nav" and "shora-pages" in classes:
            self._in_nav = True
            self.navs += 1
        elif tag == "li":
            self._li.append(" ".join(classes))
            self._item_linked = False
        elif tag == "form":
            self.forms.append(values)
        elif tag == "span" and self._in_nav and values.get("aria-current") == "page":
            self._in_current = True
            self.current.append("")
        elif tag == "a" and values.get("href") is not None:
            target = _resolve(self.url, values["href"] or "")
            self.links.append((target, values))
            if self._in_nav:
                self.nav.append((target, values))
                self.nav_texts.append("")
                self._in_nav_link = True
            li = self._li[-1].split() if self._li else []
            if not self._item_linked and (
                "shora-item" in li
                or ("shora-decision" in li and "shora-decision__title" in classes)
            ):
                self.items.append(target)
                self._item_linked = True

    def handle_endtag(self, tag: str) -> None:
        if tag == "nav":
            self._in_nav = False
        elif tag == "li" and self._li:
            self._li.pop()
        elif tag == "span":
            self._in_current = False
        elif tag == "a":
            self._in_nav_link = False

    def handle_data(self, data: str) -> None:
        if self._in_current:
            self.current[-1] += data
        if self._in_nav_link:
            self.nav_texts[-1] += data

    def rel(self, name: str) -> str | None:
        found = [target for target, values in self.links if values.get("rel") == name]
        assert len(found) <= 1, (self.url, name, found)
        return found[0] if found else None


def _pages(renderer: SiteRenderer, kind: str) -> dict[str, GeneratedPage]:
    return {p.url: p for p in renderer.pages() if p.kind == kind}


def _parse(renderer: SiteRenderer, page: GeneratedPage) -> _Parsed:
    parsed = _Parsed(page.url)
    parsed.feed(renderer.render(page))
    return parsed


def _walk(renderer: SiteRenderer, pages: dict[str, GeneratedPage], first: str) -> list[_Parsed]:
    """The pages of a list from its first, following rel=next as a reader would."""
    walked = [_parse(renderer, pages[first])]
    while (following := walked[-1].rel("next")) is not None:
        assert following in pages, (walked[-1].url, following)
        assert following not in {p.url for p in walked}, following
        parsed = _parse(renderer, pages[following])
        assert parsed.rel("prev") == walked[-1].url
        walked.append(parsed)
    assert walked[0].rel("prev") is None
    return walked


def _num(value: int, language: str) -> str:
    return localize_digits(str(value), language)


def _paged_title(title: str, number: int, pages: int, language: str) -> str:
    if number == 1:
        return title
    page = t("decisions_page", language, page=_num(number, language), pages=_num(pages, language))
    return f"{title} — {page}"


def _newest_first_decisions(dataset: Dataset, council: str | None = None) -> list[str]:
    """Decision ids newest first (the same day: by id), of one council or all."""
    entries = [e for e in dataset.decisions.values() if council in (None, e.model.council)]
    entries.sort(key=lambda e: e.id)
    entries.sort(key=lambda e: e.model.date, reverse=True)
    return [e.id for e in entries]


# ---------------------------------------------------------------- resolutions index


def _list_items(html: str) -> list[str]:
    """The resolution list items of a rendered index page, as written, with links made
    relative to resolutions/ (from a page of resolutions/page/N/)."""
    items = re.findall(r'<li class="shora-item".*?</li>', html, flags=re.S)
    return [re.sub(r'href="(?:\.\./\.\./)?', 'href="', item).strip() for item in items]


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_index_pages_list_every_resolution_once_newest_first(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    data = dataset(Size(1, 120, 0))
    renderer = SiteRenderer(data, language)
    pages = _pages(renderer, "resolutions")
    assert sorted(pages) == ["resolutions/", "resolutions/page/2/", "resolutions/page/3/"]
    walked = _walk(renderer, pages, "resolutions/")
    assert [p.url for p in walked] == ["resolutions/", "resolutions/page/2/", "resolutions/page/3/"]
    listed: list[str] = []
    for number, parsed in enumerate(walked, start=1):
        assert len(parsed.items) == (50 if number < 3 else 20), parsed.url
        listed += parsed.items
        page = pages[parsed.url]
        assert renderer.title(page) == _paged_title(t("resolutions", language), number, 3, language)
        html = renderer.render(page)
        assert (
            t("decisions_page", language, page=_num(number, language), pages=_num(3, language))
            in html
        )
        assert parsed.navs == 1 and parsed.current == [_num(number, language)]
        # The filter filters every page's items, from the data file; search is offered too.
        (form,) = parsed.forms
        assert _resolve(parsed.url, form["data-src"] or "") == pages_module.RESOLUTIONS_DATA_FILE
        assert _resolve(parsed.url, form["data-base"] or "") == "resolutions/"
        assert form["data-total"] == str(len(data.resolutions))
        assert "search/" in {target for target, _ in parsed.links}
        if language == "fa":
            assert not any(c.isascii() and c.isdigit() for c in renderer.title(page))
    ids = [target.removeprefix("resolutions/").removesuffix("/") for target in listed]
    assert len(ids) == len(set(ids)) == len(data.resolutions)
    assert set(ids) == set(data.resolutions)
    dates = [data.resolutions[id_].model.adopted.date.earliest() for id_ in ids]
    assert all(date is not None for date in dates)
    assert dates == sorted(dates, reverse=True)  # type: ignore[type-var]
    # The home page's latest resolutions are the first of the index, and link to it.
    latest = _Parsed("")
    latest.feed(renderer.include("latest-resolutions", ""))
    assert latest.items == listed[: pages_module.LATEST_COUNT]
    assert "resolutions/" in {target for target, _ in latest.links}
    # Every page exists in both languages, at the same address.
    other = SiteRenderer(data, "en" if language == "fa" else "fa")
    assert {p.url for p in other.pages()} == {p.url for p in renderer.pages()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_short_index_is_one_page_with_its_filter(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    data = dataset(Size(1, 50, 0))
    renderer = SiteRenderer(data, language)
    pages = _pages(renderer, "resolutions")
    assert list(pages) == ["resolutions/"]
    parsed = _parse(renderer, pages["resolutions/"])
    assert len(parsed.items) == 50 and parsed.navs == 0 and parsed.rel("next") is None
    assert [form.get("class") for form in parsed.forms] == ["shora-filter"]
    # It filters the items of its page: no data file.
    assert "data-src" not in parsed.forms[0]
    assert renderer.title(pages["resolutions/"]) == t("resolutions", language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_filter_data_file_holds_every_resolution_as_the_index_lists_it(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    data = dataset(Size(1, 120, 0))
    renderer = SiteRenderer(data, language)
    script = renderer.resolutions_data_script()
    prefix = f"window.{pages_module.RESOLUTIONS_DATA_GLOBAL}="
    assert script.startswith(prefix) and script.endswith(";\n")
    assert "\u2028" not in script and "\u2029" not in script
    items = json.loads(script.removeprefix(prefix).removesuffix(";\n"))["items"]
    # The same list items as the index's pages, in the same order, linked from resolutions/.
    listed: list[str] = []
    for page in _pages(renderer, "resolutions").values():
        listed += _list_items(renderer.render(page))
    assert items == listed
    assert len(items) == len(data.resolutions)
    for item, entry in zip(items, renderer.resolutions, strict=True):
        assert f'<a href="{entry.id}/">' in item
        assert f'data-status="{entry.model.status}"' in item


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_first_index_page_does_not_grow_with_the_data(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    """Four times the resolutions: the same size of page (their titles differ, and the
    navigation has a few more numbers), where the whole list would be four times it."""
    sizes = {}
    for factor in (1, 4):
        renderer = SiteRenderer(dataset(Size(1, 64 * factor, 0)), language)
        pages = _pages(renderer, "resolutions")
        assert len(pages) == -(-64 * factor // 50)
        sizes[factor] = {url: len(renderer.render(page).encode()) for url, page in pages.items()}
    small, large = sizes[1], sizes[4]
    assert large["resolutions/"] <= small["resolutions/"] + 2_000, (small, large)
    assert max(large.values()) <= max(small.values()) + 2_000, (small, large)


# ---------------------------------------------------------------- navigation


def _expected_nav(number: int, url: Callable[[int], str]) -> set[tuple[str, int]]:
    """(target, number) of the numbered links on page ``number`` of 20: the first, the
    last and two on each side; a gap of one page shows that page rather than "…"."""
    window = range(max(1, number - 2), min(20, number + 2) + 1)
    shown = {1, 20, *window}
    if window[0] == 3:
        shown.add(2)
    if window[-1] == 18:
        shown.add(19)
    return {(url(n), n) for n in shown - {number}}


LISTS = {
    # kind: (module, constant to set to 2, dataset of 40 items, first page, page url)
    "resolutions": (
        routes_module, "RESOLUTIONS_PER_PAGE", Size(1, 40, 0), "resolutions/",
        routes_module.resolutions_page_url,
    ),
    "decisions": (
        routes_module, "DECISIONS_PER_PAGE", Size(1, 1, 40), "decisions/",
        routes_module.decisions_page_url,
    ),
    "council_decisions": (
        routes_module, "DECISIONS_PER_PAGE", Size(1, 1, 40), "councils/{council}/decisions/",
        None,
    ),
}  # fmt: skip


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", LISTS)
def test_page_navigation_is_windowed(
    dataset: Callable[[Size], Dataset],
    monkeypatch: pytest.MonkeyPatch,
    kind: str,
    language: str,
) -> None:
    """40 items, 2 a page: 20 pages, whose navigation links at most 8 of them."""
    module, constant, size, first, url = LISTS[kind]
    monkeypatch.setattr(module, constant, 2)
    data = dataset(size)
    (council,) = data.councils
    first = first.format(council=council)
    if url is None:
        url = lambda n: routes_module.council_decisions_url(council, n)  # noqa: E731
    assert url(1) == first
    renderer = SiteRenderer(data, language)
    pages = _pages(renderer, kind)
    assert sorted(pages) == sorted(url(n) for n in range(1, 21))
    for number in (1, 2, 3, 5, 10, 16, 19, 20):
        parsed = _parse(renderer, pages[url(number)])
        assert parsed.navs == 1 and parsed.current == [_num(number, language)]
        assert len(parsed.items) == 2
        numbered = {
            (target, text)
            for (target, values), text in zip(parsed.nav, parsed.nav_texts, strict=True)
            if not values.get("rel")
        }
        expected = _expected_nav(number, url)
        assert numbered == {(target, _num(n, language)) for target, n in expected}
        assert parsed.rel("prev") == (url(number - 1) if number > 1 else None)
        assert parsed.rel("next") == (url(number + 1) if number < 20 else None)
        assert len(parsed.nav) <= 9  # 5 around this one, the first, the last, prev, next


# ---------------------------------------------------------------- a council's decisions


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_page_shows_its_latest_decisions_and_links_all(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    data = dataset(Size(2, 1, 150))  # 75 decisions each
    renderer = SiteRenderer(data, language)
    councils = _pages(renderer, "council")
    lists = _pages(renderer, "council_decisions")
    shown = routes_module.COUNCIL_DECISIONS_SHOWN
    assert shown == 20
    for council in data.councils:
        expected = [f"decisions/{id_}/" for id_ in _newest_first_decisions(data, council)]
        assert len(expected) == 75
        page = councils[f"councils/{council}/"]
        parsed = _parse(renderer, page)
        assert parsed.items == expected[:shown]
        assert f"councils/{council}/decisions/" in {target for target, _ in parsed.links}
        html = renderer.render(page)
        latest = t(
            "council_decisions_latest", language, shown=_num(20, language), count=_num(75, language)
        )
        assert str(escape(latest)) in html
        # Its own list: every decision once, newest first, 50 a page.
        walked = _walk(renderer, lists, f"councils/{council}/decisions/")
        assert [p.url for p in walked] == [
            f"councils/{council}/decisions/",
            f"councils/{council}/decisions/page/2/",
        ]
        assert [len(p.items) for p in walked] == [50, 25]
        assert [item for p in walked for item in p.items] == expected
        name = data.councils[council].model.name[language]
        for number, listed in enumerate(walked, start=1):
            assert f"councils/{council}/" in {target for target, _ in listed.links}
            title = renderer.title(lists[listed.url])
            assert title == _paged_title(
                t("council_decisions", language, name=name), number, 2, language
            )
    assert len(lists) == 4
    other = SiteRenderer(data, "en" if language == "fa" else "fa")
    assert {p.url for p in other.pages()} == {p.url for p in renderer.pages()}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_with_few_decisions_lists_them_all_on_its_page(
    dataset: Callable[[Size], Dataset], monkeypatch: pytest.MonkeyPatch, language: str
) -> None:
    monkeypatch.setattr(routes_module, "COUNCIL_DECISIONS_SHOWN", 75)
    data = dataset(Size(2, 1, 150))  # 75 decisions each: as many as a page shows
    renderer = SiteRenderer(data, language)
    assert _pages(renderer, "council_decisions") == {}
    for council in data.councils:
        page = GeneratedPage(f"councils/{council}.md", "council", council)
        parsed = _parse(renderer, page)
        expected = [f"decisions/{id_}/" for id_ in _newest_first_decisions(data, council)]
        assert parsed.items == expected
        assert f"councils/{council}/decisions/" not in {target for target, _ in parsed.links}
        assert t("council_decisions_all", language) not in renderer.render(page)


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_council_page_does_not_grow_with_its_decisions(
    dataset: Callable[[Size], Dataset], language: str
) -> None:
    sizes = []
    for decisions in (40, 160):
        data = dataset(Size(1, 1, decisions))
        (council,) = data.councils
        renderer = SiteRenderer(data, language)
        page = _pages(renderer, "council")[f"councils/{council}/"]
        sizes.append(len(renderer.render(page).encode()))
        assert len(_parse(renderer, page).items) == 20
        assert len(_pages(renderer, "council_decisions")) == -(-decisions // 50)
    assert sizes[1] <= sizes[0] + 1_000, sizes
