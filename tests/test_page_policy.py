"""Every page of a built site carries its policy (shora.site.page_policy): the referrer
meta, a Content-Security-Policy before any script or style that allows only the site
itself and exactly the page's inline scripts and styles (hashes recomputed here from
lxml's reading of the page), no style attribute or event handler it would refuse,
and rel="noopener noreferrer" on every link to another host, whether the link comes
from a template, a Markdown page or the data. Over every page of the real and the
demo site (built once a session: tests/built_sites.py). (That browsers accept the policy, and
that it refuses what it should, is tests/browser/test_policy.py.)"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlsplit

import lxml.html
import markdown
import pytest

from shora.site import page_policy

from .built_sites import demo_site, real_site

# Links out as an editor writes them in a content page's Markdown.
MARKDOWN_LINKS = """\
[An outside page](https://example.org/outside) and
<a href="//example.net/raw" rel="nofollow">a raw link</a>, [a page here](../about/).
"""
EXPECTED_FIXED = {
    "default-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
RUNNABLE_TYPES = {"", "text/javascript", "application/javascript", "module"}


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    return {"real": real_site(tmp_path_factory), "demo": demo_site(tmp_path_factory)}


@pytest.fixture(scope="module")
def pages(sites: dict[str, Path]) -> dict[str, lxml.html.HtmlElement]:
    found = {
        f"{name}/{page.relative_to(site).as_posix()}": lxml.html.fromstring(page.read_bytes())
        for name, site in sites.items()
        for page in sorted(site.rglob("*.html"))
    }
    assert {"real/index.html", "real/404.html", "real/en/404.html", "demo/index.html"} <= set(found)
    return found


def _policy(page: lxml.html.HtmlElement) -> dict[str, list[str]]:
    metas = page.xpath("//meta[@http-equiv='Content-Security-Policy']")
    assert len(metas) == 1
    directives: dict[str, list[str]] = {}
    for directive in metas[0].get("content").split(";"):
        name, *sources = directive.split()
        assert name not in directives
        directives[name] = sources
    return directives


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def test_every_page_has_the_referrer_policy_first(pages: dict) -> None:
    for name, page in pages.items():
        head = page.find("head")
        first = [element for element in head if isinstance(element.tag, str)][:3]
        assert [element.get("charset") for element in first[:1]] == ["utf-8"], name
        assert first[1].get("http-equiv") == "Content-Security-Policy", name
        assert (first[2].get("name"), first[2].get("content")) == ("referrer", "no-referrer")
        assert len(page.xpath("//meta[@name='referrer']")) == 1, name


def test_every_page_allows_only_the_site_and_its_own_inline_code(pages: dict) -> None:
    for name, page in pages.items():
        policy = _policy(page)
        assert set(policy) == {*EXPECTED_FIXED, "script-src", "style-src"}, name
        assert {key: policy[key] for key in EXPECTED_FIXED} == EXPECTED_FIXED, name
        scripts = [
            script.text or ""
            for script in page.iter("script")
            if script.get("src") is None and (script.get("type") or "") in RUNNABLE_TYPES
        ]
        styles = [style.text or "" for style in page.iter("style")]
        assert scripts, name  # Material's own inline scripts
        # WebAssembly (Pagefind) on the search pages only.
        search = name.endswith("search/index.html")
        assert policy["script-src"] == [
            "'self'",
            *(["'wasm-unsafe-eval'"] if search else []),
            *dict.fromkeys(map(_sha256, scripts)),
        ], name
        assert policy["style-src"] == ["'self'", *dict.fromkeys(map(_sha256, styles))], name
        # What the policy would refuse, and so must not be there: style attributes,
        # event handler attributes, javascript: addresses.
        assert page.xpath("//@style") == [], name
        assert page.xpath("//@*[starts-with(name(), 'on')]") == [], name
        assert not [
            url
            for url in page.xpath("//@href | //@src | //@action")
            if url.strip().lower().startswith("javascript:")
        ], name


def test_every_link_out_tells_nothing_and_holds_no_handle(pages: dict) -> None:
    out: list[str] = []
    for name, page in pages.items():
        for link in page.xpath("//a[@href] | //area[@href]"):
            if urlsplit(link.get("href")).netloc:
                out.append(link.get("href"))
                rel = (link.get("rel") or "").split()
                assert {"noopener", "noreferrer"} <= set(rel), (name, link.get("href"))
    # The demo's federations and councils link to their websites (from the data).
    assert any(href.startswith("https://example.org/sample-") for href in out)


def test_links_out_of_a_content_page_are_marked() -> None:
    """A link out written in Markdown or as HTML in a content page, as the site's
    Markdown extensions render it."""
    content = markdown.markdown(MARKDOWN_LINKS, extensions=["attr_list", "md_in_html"])
    html = page_policy.apply(
        '<html><head><meta charset="utf-8"></head><body><article class="md-content__inner">'
        f"{content}</article></body></html>"
    )
    links = lxml.html.fromstring(html).xpath("//a")
    assert [(a.get("href"), a.get("rel")) for a in links] == [
        ("https://example.org/outside", "noopener noreferrer"),
        ("//example.net/raw", "nofollow noopener noreferrer"),
        ("../about/", None),
    ]


def test_a_link_out_keeps_its_other_rel_values() -> None:
    html = page_policy.apply(
        '<html><head><meta charset="utf-8"></head><body>'
        '<a href="https://example.org/" rel="nofollow">a</a><a href="../x/">b</a>'
        '<a href="mailto:a@example.org">c</a><a rel="noopener" href="HTTP://Example.org">d</a>'
        "</body></html>"
    )
    assert '<a href="https://example.org/" rel="nofollow noopener noreferrer">' in html
    assert '<a href="../x/">' in html and '<a href="mailto:a@example.org">' in html
    assert '<a rel="noopener noreferrer" href="HTTP://Example.org">' in html


def test_a_script_in_the_content_is_not_allowed() -> None:
    """The theme's inline code is hashed; code in the page's content (Markdown, data)
    is not, so the browser refuses a script that slipped in there."""
    html = page_policy.apply(
        '<html><head><meta charset="utf-8"><script>theme()</script></head><body>'
        '<article class="md-content__inner md-typeset"><article><script>data()</script>'
        "</article><style>p{}</style></article><script>after()</script></body></html>"
    )
    policy = _policy(lxml.html.fromstring(html))
    assert policy["script-src"] == ["'self'", _sha256("theme()"), _sha256("after()")]
    assert policy["style-src"] == ["'self'"]


def test_code_and_tags_are_read_as_a_browser_reads_them() -> None:
    """Inline code holding "<" and a look-alike of its end tag, an end tag in capitals
    with a space, a quoted ">" and "//" inside a tag: each hash is of the whole text
    the browser reads (lxml here), and only the link whose address leads out is marked."""
    script = "if (a<b && c </scripts) { x = '//'; }"
    style = "a[title='</styles>'] { color: red }"
    html = page_policy.apply(
        '<html><head><meta charset="utf-8">'
        f"<script>{script}</SCRIPT ><style media='a>b'>{style}</style ></head><body>"
        '<a title="see > //example.org" href="../here/">a</a>'
        "<A TITLE='>' HREF = 'https://example.org/'>b</A>"
        "</body></html>"
    )
    page = lxml.html.fromstring(html)
    assert [page.xpath("//script")[0].text, page.xpath("//style")[0].text] == [script, style]
    policy = _policy(page)
    assert policy["script-src"] == ["'self'", _sha256(script)]
    assert policy["style-src"] == ["'self'", _sha256(style)]
    assert [a.get("rel") for a in page.xpath("//a")] == [None, "noopener noreferrer"]


def test_applying_twice_changes_nothing(sites: dict[str, Path]) -> None:
    for page in (sites["real"] / "index.html", sites["demo"] / "en" / "federations" / "index.html"):
        html = page.read_text(encoding="utf-8")
        assert page_policy.apply(html) == html
