"""The browser harness itself, on a tiny temporary site (not the real one)."""

from __future__ import annotations

import http.client
from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest

from .harness import (
    PREFIX,
    axe_violations,
    guarded_page,
    serve_directory,
    site_dir_or_fail,
)

# An icon of its own, as every page of the site has: Chromium would ask for the
# server's /favicon.ico, outside the prefix (a 404, a failure).
HEAD = (
    '<!doctype html><html lang="en"><head><meta charset="utf-8">'
    '<meta name="viewport" content="width=device-width, initial-scale=1">'
    '<link rel="icon" href="data:,">'
    "<title>{title}</title></head>"
)
PAGES = {
    "index.html": HEAD.format(title="Home")
    + '<body><main><h1>Home</h1><p><img src="img/dot.svg" alt="A red dot" width="10" '
    'height="10"></p></main></body></html>',
    "offsite.html": HEAD.format(title="Offsite")
    + '<body><main><h1>Offsite</h1><img src="https://example.org/x.png" alt="x">'
    "</main></body></html>",
    "noalt.html": HEAD.format(title="No alt")
    + '<body><main><h1>No alt</h1><img src="img/dot.svg"></main></body></html>',
    "noisy.html": HEAD.format(title="Noisy")
    + "<body><main><h1>Noisy</h1><script>console.error('boom')</script>"
    '<img src="missing.png" alt="missing"></main></body></html>',
    "cancel.html": HEAD.format(title="Cancel")
    + "<body><main><h1>Cancel</h1><script>const c = new AbortController();"
    "fetch('dot-cancelled.txt', {signal: c.signal}).catch(() => {});"
    "window.cancel = () => c.abort();</script></main></body></html>",
    "404.html": HEAD.format(title="Not found") + "<body><h1>Not found</h1></body></html>",
    "img/dot.svg": '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">'
    '<circle cx="5" cy="5" r="5" fill="red"/></svg>',
}


@pytest.fixture(scope="module")
def tiny_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("tiny-site")
    for name, text in PAGES.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    base_url, stop = serve_directory(root, PREFIX)
    yield base_url
    stop()


def http_get(base_url: str, path: str) -> http.client.HTTPResponse:
    parts = urlsplit(base_url)
    conn = http.client.HTTPConnection(parts.hostname, parts.port, timeout=5)
    conn.request("GET", path)
    response = conn.getresponse()
    response.read()
    conn.close()
    return response


def test_server_serves_only_under_the_prefix(tiny_site: str) -> None:
    assert tiny_site.startswith("http://127.0.0.1:") and tiny_site.endswith(PREFIX)
    assert http_get(tiny_site, PREFIX).status == 200
    assert http_get(tiny_site, PREFIX + "img/dot.svg").getheader("Content-Type") == (
        "image/svg+xml"
    )
    assert http_get(tiny_site, "/index.html").status == 404
    assert http_get(tiny_site, "/").status == 404
    assert http_get(tiny_site, PREFIX + "../index.html").status in (400, 404)
    redirect = http_get(tiny_site, PREFIX.rstrip("/"))
    assert (redirect.status, redirect.getheader("Location")) == (301, PREFIX)
    assert http_get(tiny_site, PREFIX + "nope/").status == 404


def test_local_page_loads_and_stays_local(page, tiny_site: str) -> None:
    response = page.goto(tiny_site)
    assert response is not None and response.ok
    page.wait_for_load_state("load")
    width = page.eval_on_selector("img", "img => img.complete && img.naturalWidth")
    assert width == 10
    assert tiny_site + "img/dot.svg" in page.shora_requests
    origin = tiny_site.removesuffix(PREFIX)
    assert all(url.startswith(origin + "/") for url in page.shora_requests), page.shora_requests
    assert page.shora_offsite == []
    assert page.shora_failures == []


def test_offsite_requests_are_blocked_and_recorded(page, tiny_site: str) -> None:
    page.goto(tiny_site + "offsite.html")
    page.wait_for_load_state("load")
    assert page.shora_offsite == ["https://example.org/x.png"]
    assert any(
        "ERR_PROXY_CONNECTION_FAILED" in failure and "example.org" in failure
        for failure in page.shora_failures
    ), page.shora_failures
    # This is the check the fixture runs after every test: it would fail this one.
    with pytest.raises(pytest.fail.Exception, match=r"example\.org/x\.png"):
        page.shora.assert_no_offsite()
    page.shora_offsite.clear()  # ... so forget the deliberate offender.


def test_guarded_page_fails_on_exit_when_something_went_offsite(browser, tiny_site) -> None:
    with (
        pytest.raises(pytest.fail.Exception, match=r"example\.org"),
        guarded_page(browser) as p,
    ):
        p.goto(tiny_site + "offsite.html")


def test_console_errors_and_http_errors_are_collected(page, tiny_site: str) -> None:
    page.goto(tiny_site + "noisy.html")
    page.wait_for_load_state("load")
    failures = "\n".join(page.shora_failures)
    assert "console error: boom" in failures
    assert f"HTTP 404: {tiny_site}missing.png" in failures


def test_requests_the_browser_cancels_are_kept_apart_from_failures(page, tiny_site) -> None:
    # The request is held before it leaves the browser and the page cancels it only then:
    # cancelled at once, it could be sent first, and a missing file's 404 come back first.
    held: list[str] = []
    page.route("**/dot-cancelled.txt", lambda route: held.append(route.request.url))
    page.goto(tiny_site + "cancel.html")
    for _ in range(100):  # the handler runs while Playwright waits
        if held:
            break
        page.wait_for_timeout(20)
    assert held == [tiny_site + "dot-cancelled.txt"]
    with page.expect_event("requestfailed"):
        page.evaluate("window.cancel()")
    page.unroute("**/dot-cancelled.txt")
    assert page.shora_failures == []
    assert page.shora.cancelled == [tiny_site + "dot-cancelled.txt"]


def test_axe_on_accessible_page_is_clean(page, tiny_site: str) -> None:
    page.goto(tiny_site)
    assert axe_violations(page) == []


def test_axe_reports_image_without_alt(page, tiny_site: str) -> None:
    page.goto(tiny_site + "noalt.html")
    violations = axe_violations(page)
    assert [v["id"] for v in violations] == ["image-alt"]
    assert violations[0]["targets"] == ["img"]


def test_phone_page_and_screenshot(phone_page, screenshot, tiny_site, tmp_path, monkeypatch):
    monkeypatch.setenv("SHORA_ARTIFACTS_DIR", str(tmp_path))
    phone_page.goto(tiny_site)
    size = phone_page.evaluate("[innerWidth, devicePixelRatio, navigator.maxTouchPoints > 0]")
    assert size == [390, 2, True]
    path = screenshot(phone_page, "home")
    assert path == tmp_path / "screenshots" / "test_phone_page_and_screenshot-home.png"
    assert path.read_bytes().startswith(b"\x89PNG")


def test_missing_site_fails_with_instructions(tmp_path) -> None:
    with pytest.raises(pytest.fail.Exception, match="make site"):
        site_dir_or_fail(tmp_path)


# The guarded pages of consecutive tests share a context and a page (a renderer
# process costs much more than a test's visit): what one test leaves must not reach
# the next, and a failure stays with the test that caused it.


def test_guarded_pages_are_kept_and_cleared_between_tests(browser, tiny_site, tmp_path):
    on_disk = tmp_path / "index.html"
    on_disk.write_text(PAGES["index.html"], encoding="utf-8")
    with guarded_page(browser) as first:
        for url in (tiny_site, on_disk.as_uri()):
            first.goto(url)
            first.evaluate(
                "localStorage.setItem('left', 'behind'); sessionStorage.setItem('left', 'behind');"
                "document.cookie = 'left=behind; path=/'"
            )
        first.mouse.move(5, 5)
    with guarded_page(browser) as second:
        assert second is first  # the same page: what is below is what it would keep
        assert second.url == "about:blank"
        assert second.shora_requests == []
        for url in (tiny_site, on_disk.as_uri()):
            second.goto(url)
            left = second.evaluate(
                "[localStorage.getItem('left'), sessionStorage.getItem('left'), document.cookie]"
            )
            assert left == [None, None, ""], url
        assert second.evaluate("document.querySelector(':hover > img, img:hover')") is None


def test_clearing_a_kept_page_leaves_the_pages_still_open_as_they_are(browser, tiny_site):
    """A test may hold two guarded pages at once (another context's options): the
    first one's clearing, as it closes, must not empty the storage the other uses."""
    written = "sessionStorage.setItem('mine', 'kept'); localStorage.setItem('mine', 'kept')"
    read = "[sessionStorage.getItem('mine'), localStorage.getItem('mine')]"
    with guarded_page(browser, locale="fa-IR") as still_open:
        still_open.goto(tiny_site)
        still_open.evaluate(written)
        with guarded_page(browser) as closing:
            closing.goto(tiny_site)
            closing.evaluate(written)
        still_open.goto(tiny_site)
        assert still_open.evaluate(read) == ["kept", "kept"]


def test_a_tests_next_pages_take_the_cache_and_the_next_test_starts_cold(
    browser, tiny_site
) -> None:
    """The browser's HTTP cache is on (no route turns it off) and emptied between tests:
    a test's first visit is a cold one, as the weight tests measure."""
    transferred = "performance.getEntriesByName(document.querySelector('img').src)[0].transferSize"
    pages, sizes = [], []
    for _test in range(2):
        with guarded_page(browser) as page:
            pages.append(page)
            for _visit in range(2):
                page.goto(tiny_site)
                page.wait_for_load_state("load")
                sizes.append(page.evaluate(transferred))
    assert pages[0] is pages[1]
    first, again, next_test, its_again = sizes
    assert first > 0 and next_test == first, sizes
    assert again == its_again == 0, sizes


def test_a_page_changed_by_a_test_is_not_kept(browser, tiny_site) -> None:
    with guarded_page(browser) as first:
        first.add_init_script("window.leftBehind = 1")
        first.on("console", lambda message: None)
        first.set_viewport_size({"width": 300, "height": 300})
        first.goto(tiny_site)
        assert first.evaluate("window.leftBehind") == 1
    with guarded_page(browser) as second:
        assert second is not first and first.is_closed()
        second.goto(tiny_site)
        assert second.evaluate("window.leftBehind") is None
        assert second.evaluate("innerWidth") != 300


def test_a_context_touched_by_a_test_is_not_kept(browser, tiny_site) -> None:
    with guarded_page(browser) as first:
        first.context.grant_permissions(["geolocation"])
        first.context.route("**/img/dot.svg", lambda route: route.abort())
        first.goto(tiny_site)
        assert (
            first.evaluate(
                "navigator.permissions.query({name: 'geolocation'}).then(status => status.state)"
            )
            == "granted"
        )
    with guarded_page(browser) as second:
        second.goto(tiny_site)
        state = second.evaluate(
            "navigator.permissions.query({name: 'geolocation'}).then(status => status.state)"
        )
        assert state != "granted"
        assert second.eval_on_selector("img", "img => img.complete && img.naturalWidth") == 10


def test_a_failure_stays_with_the_page_that_caused_it(browser, tiny_site) -> None:
    with (
        pytest.raises(pytest.fail.Exception, match=r"example\.org"),
        guarded_page(browser) as offender,
    ):
        offender.goto(tiny_site + "offsite.html")
        offender.evaluate("fetch('https://example.org/late').catch(() => {})")
    with guarded_page(browser) as next_one:
        assert next_one is offender  # the same page, kept
        next_one.goto(tiny_site)
        next_one.wait_for_load_state("load")
        assert next_one.shora_offsite == []
        assert next_one.shora_failures == []
        assert not [url for url in next_one.shora_requests if "offsite" in url]


def test_each_set_of_options_has_its_own_page(browser, tiny_site) -> None:
    with guarded_page(browser, java_script_enabled=False) as plain:
        plain.goto(tiny_site)
    with guarded_page(browser) as scripted, guarded_page(browser) as another:
        assert scripted is not plain and another is not scripted  # open at once: two
        scripted.goto(tiny_site + "noisy.html")
        assert "console error: boom" in "\n".join(scripted.shora_failures)
        another.goto(tiny_site)
        assert another.shora_failures == []
