"""The theme's markup made valid (shora/site/page_validity.py) still does what the
theme meant: going back to a page does not reopen its drawer, as the browser would
restore a checked checkbox that nothing tells not to."""

from __future__ import annotations

from playwright.sync_api import Page


def test_going_back_does_not_reopen_the_drawer(served_site: str, page: Page) -> None:
    page.goto(served_site + "about/")
    page.evaluate("document.getElementById('__drawer').checked = true")
    page.goto(served_site + "platform/")
    page.go_back()
    page.wait_for_load_state("load")
    assert page.url == served_site + "about/"
    assert page.evaluate("document.getElementById('__drawer').checked") is False
    assert page.evaluate("document.getElementById('__search').checked") is False
