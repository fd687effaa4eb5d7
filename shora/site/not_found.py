"""The 404 page, which a host serves at any missing address, at any depth, on a
mirror under any sub-path, and which a copy on disk opens as a file.

MkDocs writes 404.html with links from the host's root (``/assets/…``, or from
site_url's path), as it cannot know where the page will be shown; under a sub-path
they lead nowhere. :func:`page` rewrites the page Material renders:

- its content: what happened and where to go, in the page's language and a line in
  the other (a host has one 404 page for both: a missing English page gets the
  Persian one);
- every link relative to the language's root, as on a page at the root: right
  where the file is (a copy on disk, ``/404.html`` itself), with no script;
- elsewhere, a script (templates/not_found_script.html, inline as it must run before
  anything can be found; the Content-Security-Policy allows it by its hash) finds
  the root and bases the links, stylesheets and scripts on it. The head's links
  (stylesheets, icon, preloads) wait in a ``<noscript>`` (also what a browser
  without scripts uses) and the
  scripts as ``<script type="text/plain" data-shora-src>``, so that nothing is
  fetched from a wrong address first.
"""

from __future__ import annotations

import re
from html import escape

from jinja2 import Environment, PackageLoader, StrictUndefined

from shora.core.language import language_of
from shora.site.routes import language_root
from shora.site.strings import t
from shora.site.urls import relative

# Material's content of its 404 template.
MATERIAL_CONTENT = "<h1>404 - Not found</h1>"

_ENVIRONMENT = Environment(
    loader=PackageLoader("shora.site", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
    undefined=StrictUndefined,
)
_LANG_RE = re.compile(r'<html lang="([a-z]+)"')
_BASE_RE = re.compile(r'"base": "([^"]*)"')
# A <link> in the head to a file of the site (stylesheets, icon, preloads, feeds).
_HEAD_LINK_RE = re.compile(
    r'[ \t]*<link\b[^>]*\shref="(?![a-zA-Z][a-zA-Z0-9+.-]*:|/|#)[^"]*"[^>]*>\n?'
)
# The theme's scripts; when inserted by a script they run in order, after the page.
_SCRIPT_SRC_RE = re.compile(r'<script src="([^"]*)"(?: defer| async)*></script>')
_HEAD_END = "</head>"


def _relative(value: str, prefix: str) -> str:
    """A path from the site's root prefix (``/``, ``/mirror/shora/``) made relative
    to the root: ``./`` for the root itself."""
    rest = value[len(prefix) :]
    return "./" if rest in ("", ".") else rest


def _relocated_links(html: str, prefix: str) -> str:
    """Every address the page writes from ``prefix`` (attributes, Material's
    configuration and scope) relative to the root instead."""
    quoted = re.escape(prefix)
    html = re.sub(
        r'(\s(?:href|src|action)=")' + quoted + r'([^"]*)"',
        lambda m: f'{m[1]}{_relative(prefix + m[2], prefix)}"',
        html,
    )
    html = re.sub(
        r'("(?:base|search)": ")' + quoted + r'([^"]*)"',
        lambda m: f'{m[1]}{_relative(prefix + m[2], prefix)}"',
        html,
    )
    return html.replace(f'new URL("{prefix}",location)', 'new URL(".",location)')


def _content(language: str) -> str:
    other = language_of(language).other
    return _ENVIRONMENT.get_template("not_found.html").render(
        t=lambda key, lang=language, **values: t(key, lang, **values),
        other=other.code,
        other_direction=other.direction,
        other_home=relative(language_root(other.code), language_root(language)),
    )


def page(html: str) -> str:
    """Material's rendered 404.html as a page that works at any address."""
    language_match = _LANG_RE.search(html)
    base = _BASE_RE.search(html)
    if language_match is None or base is None or MATERIAL_CONTENT not in html:
        raise ValueError("not Material's 404 page: its markup has changed")
    language = language_match[1]
    html = html.replace(MATERIAL_CONTENT, _content(language), 1)
    html = html.replace("<title>", f"<title>{escape(t('not_found_title', language))} - ", 1)
    html = _relocated_links(html, base[1])

    head_end = html.index(_HEAD_END)
    assets = list(_HEAD_LINK_RE.finditer(html, 0, head_end))
    if assets:
        script = _ENVIRONMENT.get_template("not_found_script.html").render(
            language_root=language_root(language)
        )
        waiting = "<noscript>\n" + "".join(m[0] for m in assets) + "</noscript>\n" + script
        first = assets[0].start()
        kept = html[first:head_end]
        for match in reversed(assets):
            kept = kept[: match.start() - first] + kept[match.end() - first :]
        html = html[:first] + waiting + "\n" + kept + html[head_end:]
    return _SCRIPT_SRC_RE.sub(r'<script type="text/plain" data-shora-src="\1"></script>', html)
