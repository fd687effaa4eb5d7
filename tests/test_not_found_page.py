"""The 404 page's rewrite (shora/site/not_found.py) on Material's markup, whatever
path MkDocs wrote its links from: the host's root without a site_url, the site_url's
path with one. (In a browser, at any address: tests/browser/test_not_found.py.)"""

from __future__ import annotations

import re

import pytest

from shora.site.not_found import MATERIAL_CONTENT, page
from shora.site.strings import t

MATERIAL_404 = """<!doctype html>
<html lang="{lang}" class="no-js">
  <head>
      <meta charset="utf-8">
      <link rel="icon" href="{p}assets/images/favicon.svg">
      <link rel="stylesheet" href="{p}assets/stylesheets/main.css">
      <link rel="alternate feed" type="application/atom+xml" href="{p}feeds/all.xml">
    <script>__md_scope=new URL("{p}",location)</script>
    <title>Shora</title>
  </head>
  <body>
    <a href="{p}." class="md-logo">x</a>
    <a href="{p}resolutions/">r</a>
    <a href="#shora-content">skip</a>
    <article class="md-content__inner md-typeset">{content}</article>
    <script id="__config" type="application/json">
      {{"base": "{p}", "search": "{p}assets/w.js"}}</script>
    <script src="{p}assets/javascripts/bundle.js" defer></script>
  </body>
</html>"""


@pytest.mark.parametrize("prefix", ["/", "/mirror/shora/"])
@pytest.mark.parametrize("language", ["fa", "en"])
def test_links_relative_to_the_root_and_assets_waiting(prefix: str, language: str) -> None:
    rewritten = page(MATERIAL_404.format(p=prefix, lang=language, content=MATERIAL_CONTENT))
    assert f'<h1 id="title">{t("not_found_title", language)}</h1>' in rewritten
    assert f"<title>{t('not_found_title', language)} - Shora</title>" in rewritten
    # Nothing from the host's root (or the site_url's path) is left.
    assert not re.search(r'(?:href|src)="/', rewritten), rewritten
    assert '"base": "./"' in rewritten and '"search": "assets/w.js"' in rewritten
    assert 'new URL(".",location)' in rewritten
    # The head's links wait in a <noscript> before the script that bases them.
    head = rewritten.split("</head>")[0]
    noscript = head.split("<noscript>")[1].split("</noscript>")[0]
    for link in ("assets/images/favicon.svg", "assets/stylesheets/main.css", "feeds/all.xml"):
        assert f'href="{link}"' in noscript
        assert head.count(link) == 1
    assert head.index("</noscript>") < head.index("<script>")
    assert '<script type="text/plain" data-shora-src="assets/javascripts/bundle.js">' in rewritten
    assert '<a href="./" class="md-logo">' in rewritten
    assert '<a href="#shora-content">' in rewritten
    other_home = "en/" if language == "fa" else "../"
    assert f'<a href="{other_home}" hreflang="{"en" if language == "fa" else "fa"}">' in rewritten


def test_other_markup_is_refused() -> None:
    with pytest.raises(ValueError, match="404"):
        page(MATERIAL_404.format(p="/", lang="fa", content="<h1>Gone</h1>"))
