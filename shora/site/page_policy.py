"""What a page allows the browser to load and send: the last step of every page's
HTML, so that the Content-Security-Policy covers everything written before it.

Every page gets, right after ``<meta charset>`` (before the theme's first inline
script, which a policy met later would not govern):

- ``<meta name="referrer" content="no-referrer">``: following a link tells the other
  site nothing about where the reader came from;
- a Content-Security-Policy that lets the page load and send only from the site
  itself (:func:`policy`). The theme's inline scripts and styles are allowed by
  their SHA-256 hashes, computed here from the final HTML. Those inside the page's
  content (the text made from Markdown and data) are *not* hashed: a ``<script>``
  that a template or a data file lets through there is refused by the browser.

And every link to another host carries ``rel="noopener noreferrer"``.
"""

from __future__ import annotations

import base64
import hashlib
import re

REFERRER_META = '<meta name="referrer" content="no-referrer">'
CSP_META_START = '<meta http-equiv="Content-Security-Policy" content="'

# The policy's fixed parts. 'self' on a page opened from file:// matches the copy's
# other files in Chromium (tests/browser/test_policy.py opens it so).
# data: images: the theme's icons in its CSS (the phone's drawer shows them).
FIXED_SCRIPT_SOURCES = ("'self'",)
# The search page only (its form, templates/search.html, carries this attribute):
# Pagefind's search runs as WebAssembly. 'wasm-unsafe-eval' allows compiling it and
# nothing else (eval() stays refused).
SEARCH_PAGE_MARK = "data-shora-search"
SEARCH_SCRIPT_SOURCES = ("'wasm-unsafe-eval'",)
FIXED_STYLE_SOURCES = ("'self'",)
OTHER_DIRECTIVES = (
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
)

# A tag's attributes, quoted values may hold '>'. Possessive: a tag reads one way only
# (a quote opens a value that ends at the same quote), so nothing is tried again, and
# runs of plain characters are taken at once rather than one alternative a character.
_ATTRS = r"""(?:[^>"']++|"[^"]*+"|'[^']*+')*+"""
_CHARSET_RE = re.compile(r"<meta\s+charset=[\"']?utf-8[\"']?\s*/?>", re.IGNORECASE)
_HEAD_RE = re.compile(r"<head\b" + _ATTRS + ">", re.IGNORECASE)
_OLD_POLICY_RE = re.compile(
    r"<meta\s+(?:name=\"referrer\"|http-equiv=\"Content-Security-Policy\")" + _ATTRS + ">\n?",
    re.IGNORECASE,
)
# An element's text up to its first end tag (as a lazy ``.*?`` would, in one pass).
_SCRIPT_RE = re.compile(
    r"<script\b(?P<attrs>" + _ATTRS + r")>(?P<text>(?:[^<]++|<(?!/script\s*>))*+)</script\s*>",
    re.IGNORECASE,
)
_STYLE_RE = re.compile(
    r"<style\b(?P<attrs>" + _ATTRS + r")>(?P<text>(?:[^<]++|<(?!/style\s*>))*+)</style\s*>",
    re.IGNORECASE,
)
_SRC_RE = re.compile(r"\ssrc\s*=", re.IGNORECASE)
_TYPE_RE = re.compile(r"""\stype\s*=\s*["']?([^"'\s>]*)""", re.IGNORECASE)
_LINK_RE = re.compile(r"<(?:a|area)\b" + _ATTRS + ">", re.IGNORECASE)
_HREF_RE = re.compile(r"""\shref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_REL_RE = re.compile(r"""\srel\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_OUT_RE = re.compile(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)
_SEARCH_FORM_RE = re.compile(r"<form\b[^>]*\s" + SEARCH_PAGE_MARK + r"[\s>=]")
_CONTENT_RE = re.compile(r'<article class="md-content__inner[ "]')
_ARTICLE_RE = re.compile(r"<(/?)article\b", re.IGNORECASE)
# Script types a browser runs (others, such as application/json, are data).
_SCRIPT_TYPES = frozenset(
    ("", "text/javascript", "application/javascript", "module", "text/ecmascript")
)
LINK_OUT_REL = ("noopener", "noreferrer")


def source_hash(text: str) -> str:
    """The CSP source expression for an inline script's or style's text. The browser
    hashes the text after the HTML parser has turned every CR LF and CR into LF."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def policy(script_hashes: list[str], style_hashes: list[str], *, search: bool = False) -> str:
    """The Content-Security-Policy of a page with these inline scripts and styles
    (``search``: the search page, which runs Pagefind)."""
    scripts = (*FIXED_SCRIPT_SOURCES, *(SEARCH_SCRIPT_SOURCES if search else ()))
    return "; ".join(
        (
            "default-src 'self'",
            "script-src " + " ".join((*scripts, *script_hashes)),
            "style-src " + " ".join((*FIXED_STYLE_SOURCES, *style_hashes)),
            *OTHER_DIRECTIVES,
        )
    )


def runs(script_attributes: str) -> bool:
    """Whether a ``<script>`` with these attributes is code the browser runs."""
    match = _TYPE_RE.search(script_attributes)
    return (match.group(1).lower() if match else "") in _SCRIPT_TYPES


def content_span(html: str) -> tuple[int, int]:
    """Where the page's content (Material's outer ``<article>``) starts and ends;
    (0, 0) for a page without one."""
    start = _CONTENT_RE.search(html)
    if start is None:
        return (0, 0)
    depth = 0
    for tag in _ARTICLE_RE.finditer(html, start.start()):
        depth += -1 if tag.group(1) else 1
        if depth == 0:
            return (start.start(), tag.end())
    return (start.start(), len(html))


def _hashes(html: str, content: tuple[int, int], *, scripts: bool) -> list[str]:
    """Hashes of the inline scripts (or styles) outside the page's content."""
    found: list[str] = []
    for match in (_SCRIPT_RE if scripts else _STYLE_RE).finditer(html):
        if content[0] <= match.start() < content[1]:
            continue
        if scripts and (_SRC_RE.search(match["attrs"]) or not runs(match["attrs"])):
            continue
        expression = source_hash(match["text"])
        if expression not in found:
            found.append(expression)
    return found


def is_link_out(href: str) -> bool:
    """A link to another host: any absolute or scheme-relative web address (the site
    itself links only by relative paths)."""
    return _OUT_RE.match(href) is not None


def _with_rel(link: re.Match[str]) -> str:
    tag = link.group(0)
    if "//" not in tag:  # most links, all but those out: read no further
        return tag
    href = _HREF_RE.search(tag)
    if href is None or not is_link_out(next(v for v in href.groups() if v is not None)):
        return tag
    rel = _REL_RE.search(tag)
    if rel is None:
        end = -2 if tag.endswith("/>") else -1
        return f'{tag[:end]} rel="{" ".join(LINK_OUT_REL)}"{tag[end:]}'
    tokens = next(v for v in rel.groups() if v is not None).split()
    lowered = {token.lower() for token in tokens}
    tokens += [token for token in LINK_OUT_REL if token not in lowered]
    return f'{tag[: rel.start()]} rel="{" ".join(tokens)}"{tag[rel.end() :]}'


def apply(html: str) -> str:
    """The page's final HTML with its policy (applying it again changes nothing)."""
    html = _LINK_RE.sub(_with_rel, html)
    html = _OLD_POLICY_RE.sub("", html)
    anchor = _CHARSET_RE.search(html) or _HEAD_RE.search(html)
    if anchor is None:  # not a page (no <head>): nothing to govern
        return html
    content = content_span(html)
    scripts = _hashes(html, content, scripts=True)
    styles = _hashes(html, content, scripts=False)
    search = SEARCH_PAGE_MARK in html and _SEARCH_FORM_RE.search(html) is not None
    head = f'\n{CSP_META_START}{policy(scripts, styles, search=search)}">\n{REFERRER_META}'
    return html[: anchor.end()] + head + html[anchor.end() :]
