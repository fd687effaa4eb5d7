"""The link check's fast scanner finds what Python's HTML parser finds: the same links,
in the same order, and the same ids, on every page of the real and the demo sites and
on markup chosen to trip a pattern (comments, scripts, quoted '>', character
references, bare and repeated attributes)."""

from __future__ import annotations

from pathlib import Path

import pytest

from shora.publish.linkcheck import check_site, fast_scan, parse_scan, scan

from .built_sites import demo_site, real_site

# Markup the fast scanner reads itself (tested below), each chosen to trip a pattern.
READ_FAST = [
    '<a href="a/">x</a><A HREF="B/" ID="Up">y</A>',
    '<p title="a > b" id="t">x</p><a title=\'<a href="no/">\' href="yes/">',
    '<!-- <a href="commented/"> --><a href="after/">',
    '<script>var s = "<a href=\\"in-script/\\">";</script><a href="after-script/">',
    '<script src="x.js"></script><style>a[href="css/"]{}</style><link href="s.css">',
    '<a href="a&amp;b/?q=1&#38;r=2" id="&#x61;mp">',
    '<a href="one/" href="two/"><div id="a" id="b">',
    '<a name="named"><span data-id="not-an-id" id="">',
    '<form action="search/"><iframe src="frame/"></iframe><area href="map/">',
    '<a href="x/"/><br/><img src="i.png"/>',
    '<a\nhref="newline/"\nid="nl">',
    "<script>document.write('<a href=\"never/\">')",
    '<p title="a > b <a href=\'in-value/\'>" id="v"><a href="after-value/">',
    "<p title='<a href=\"single/\">'><a href=bare/x/>",
    '<SCRIPT SRC="up.js">"<a href="x/">"</SCRIPT ><a href="after/">',
    '<script src="self.js"/><a href="not-script-text/"></script>',
    "<script src=bare/><a href='script-text/'></script><a href='out/'>",
    '<script>"</script x>" <a href="still-script/"></script><a href="out/">',
    '<script>"</\u017fcript>" <a href="still-script/"></script><a href="out/">',
    '<style>a[href="css/"]{}</style ><a href="after-style/">',
    '<div ID="upper" Id="last"><Span iD="x">',
    '<a href="x/" name="n" NAME="m"><div data-id="no" id>',
    '<!-- <a href="c/"> -- ><a href="still-comment/"> --><a href="after/">',
    '<!----><a href="after-empty-comment/"><!---><a href="in-comment/">-->',
    '<!DOCTYPE html><!x <a href="bogus/"><?pi <a href="pi/"?><a href="ok/">',
    '</p <a href="in-end-tag/"><a href="after-end/">',
    '<p>a < b <a href="lt/"> c <3 <a href="lt2/">',
    '<svg viewBox="0 0 1 1"><linearGradient id="g"/></svg><a href="#g">',
    '<a href="tab/"\tid="t"\r\n><img\x0csrc="f.png">',
    "<a href='q\"q/' id='i\"d'><a href=\"&lt;&#62;/\">",
    '<p id="x"><a href="y/"><script>',
]
# Markup it hands to html.parser: tags of forms it does not read, unclosed markup.
HANDED_OVER = [
    "<a href=bare/ id=bare-id>x</a><img src = 'spaced.png' ><img src>",
    "a < b and c<d e",
    '<a href="unclosed/" <p id="p">',
    "<!-- not closed <a href='gone/'>",
    '<p a ="b" id="spaced-equals"><a href="x/">',
    '<p ="x =" id="y"><a href="z/">',
    '<p a"b=" c id="d"><a href="e/">',
    '<p\xa0id="nbsp"><a\xa0href="nbsp/">',
    '<a href="unclosed/',
    '<p id="a" / ><br/ ><a href="s/" / >',
    '<![CDATA[<a href="cdata/">]]><a href="after-cdata/">',
]
TRICKY = READ_FAST + HANDED_OVER


@pytest.mark.parametrize("markup", TRICKY)
def test_the_fast_scanner_reads_markup_as_the_parser_does(markup: str) -> None:
    assert scan(markup) == parse_scan(markup)


def test_the_fast_scanner_reads_most_markup_itself() -> None:
    """Cases meant for the fast scanner are read by it, not handed to html.parser, so
    the comparison above tests it."""
    assert [markup for markup in READ_FAST if fast_scan(markup) is None] == []


@pytest.fixture(scope="module", params=["real", "demo"])
def site(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return (real_site if request.param == "real" else demo_site)(tmp_path_factory)


def test_the_fast_scanner_reads_every_built_page_as_the_parser_does(site: Path) -> None:
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 20
    differ, unread = [], []
    for page in pages:
        text = page.read_text(encoding="utf-8", errors="replace")
        found = fast_scan(text)
        if found is None:
            unread.append(page.relative_to(site).as_posix())
        elif found != parse_scan(text):
            differ.append(page.relative_to(site).as_posix())
    assert (differ, unread) == ([], [])


def test_broken_links_are_reported_page_by_page(tmp_path: Path) -> None:
    """Each broken link of each page, once per page, in the order of the pages and of
    their links, whatever has been worked out for another page."""
    (tmp_path / "a" / "b").mkdir(parents=True)
    links = (
        '<a href="../missing/">m</a><a href="../a/b/#nowhere">n</a>'
        '<a href="../a/b/#here">ok</a><a href="../index.html#top">ok</a>'
    )
    (tmp_path / "index.html").write_text('<p id="top"><a href="a/">ok</a>', encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(links, encoding="utf-8")
    (tmp_path / "a" / "b" / "index.html").write_text(
        f'<p id="here">{links}<a href="../">ok</a><a href="./#here">ok</a>', encoding="utf-8"
    )
    found = [(link.page, link.link, link.reason) for link in check_site(tmp_path)]
    assert found == [
        ("a/b/index.html", "../missing/", "no such file"),
        ("a/b/index.html", "../a/b/#nowhere", "no such file"),
        ("a/b/index.html", "../a/b/#here", "no such file"),
        ("a/b/index.html", "../index.html#top", "no id 'top' in the target"),
        ("a/index.html", "../missing/", "no such file"),
        ("a/index.html", "../a/b/#nowhere", "no id 'nowhere' in the target"),
    ]


ODD_LINKS = [
    "./", "../", "../../", "../../../", "a//b/", "./a/./b/", "x/", "x/index.html",
    "x/../x/", "..x/", "..", "%2Fx", "x%2F", "a%20b/", "x/#top", "#top", "?q=1", "",
    "../x/#nowhere", "http://example.org/", "//example.org/", "/abs/", "x/./", ".",
    "index.html", "../index.html#top", "x/y/../../x/#top", "mailto:a@example.org",
    "tel:+1", "javascript:void(0)", "data:text/plain,x", "MAILTO:x", "x/\r\n",
]  # fmt: skip


def test_links_are_resolved_as_by_joining_each_to_its_folder_in_full(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The links split once (a climb and a path below) reach what joining each to its
    page's folder and normalising the whole finds, from every depth."""
    from shora.publish import linkcheck

    anchors = "".join(f'<a href="{link}">' for link in ODD_LINKS)
    for folder in ("", "x", "x/y", "a b", "..x"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
        (tmp_path / folder / "index.html").write_text(f'<p id="top">{anchors}', "utf-8")
    fast = check_site(tmp_path)
    monkeypatch.setattr(linkcheck, "_parse", lambda link: (None, 0, None, ""))
    assert fast == check_site(tmp_path)
    assert len(fast) > 10


def test_a_page_is_read_as_text_files_are(tmp_path: Path) -> None:
    """Line ends as a file read as text has them; bytes that are not UTF-8 replaced."""
    from shora.publish.linkcheck import _scan

    page = tmp_path / "index.html"
    page.write_bytes(b'<a href="a\r\nb/" id="c\rd"><a href="\xff\xfe/"><p id="\xc3\xa9\r\n">')
    text = page.read_text(encoding="utf-8", errors="replace")
    assert _scan(tmp_path, "index.html") == scan(text) == parse_scan(text)
    assert scan(text)[0] == ("a\nb/", "\ufffd\ufffd/")
