"""`shora serve`: pages rendered when asked for, changes shown after validation,
errors shown in the browser, nothing served from outside the site."""

from __future__ import annotations

import html
import http.client
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from shora.build import build_site
from shora.core.language import localize_digits
from shora.preview.server import Preview, PreviewServer
from shora.publish import write_outputs
from shora.tools.synthetic import SIZES, scaled, write_dataset
from shora.validate import validate_project

from .site_project import make_project

TIMEOUT = 30
LIVERELOAD_RE = re.compile(r"livereload\((\d+), \d+\);")
SCRIPT_RE = re.compile(r"<script>\nvar livereload = .*?</script>", re.S)


@dataclass
class Served:
    project: Path
    preview: Preview
    server: PreviewServer
    port: int

    def get(self, path: str) -> tuple[int, str, dict[str, str]]:
        status, body, headers = self.get_bytes(path)
        return status, body.decode("utf-8", "replace"), headers

    def get_bytes(self, path: str) -> tuple[int, bytes, dict[str, str]]:
        """GET exactly ``path`` (no normalisation of '..' by a client library)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=TIMEOUT)
        try:
            connection.request("GET", path)
            response = connection.getresponse()
            return response.status, response.read(), dict(response.getheaders())
        finally:
            connection.close()

    def page(self, path: str) -> str:
        status, body, _ = self.get(path)
        assert status == 200, (path, status, body[:2000])
        return body

    def council(self) -> str:
        return sorted(p.stem for p in (self.project / "councils").glob("*.yml"))[0]


def wait_for(condition: Callable[[], object], what: str) -> None:
    deadline = time.monotonic() + TIMEOUT
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not within {TIMEOUT} s: {what}")
        time.sleep(0.05)


def small_project(folder: Path) -> Path:
    folder.mkdir()
    project = make_project(folder, with_real_data=False)
    write_dataset(project, scaled(SIZES["S"], 0.05))
    return project


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    # The test run's cache folder (tests/conftest.py): the fonts cut for this data and
    # its PDFs are made by the first test that needs them. Each test's project is a
    # folder of its own, so the validator's records are its own.
    project = small_project(tmp_path / "project")
    preview = Preview(project)
    preview.refresh()
    assert not preview.problems, preview.problems
    server = PreviewServer(preview, "127.0.0.1", 0)
    server.bind()
    server.watch_all()
    thread = threading.Thread(target=server.serve, daemon=True)
    thread.start()
    try:
        yield Served(project, preview, server, server.server_address[1])
    finally:
        server.shutdown()
        thread.join(timeout=10)
        preview.close()
    assert not preview.work.exists()


def _rename(path: Path, marker: str) -> str:
    """Append ``marker`` to a council's name in both languages; the old text."""
    text = path.read_text(encoding="utf-8")
    changed = re.sub(
        r"(\nname:\n  fa: )(.*)\n  en: (.*)", rf"\1\2 {marker}\n  en: \3 {marker}", text
    )
    assert changed != text
    path.write_text(changed, encoding="utf-8")
    return text


def _epoch(page: str) -> int:
    found = LIVERELOAD_RE.search(page)
    assert found, "no live-reload script in the page"
    return int(found.group(1))


def test_a_changed_council_is_served_and_the_browser_told(served: Served) -> None:
    council = served.council()
    page = served.page(f"/councils/{council}/")
    english = served.page(f"/en/councils/{council}/")
    assert "previewmarker" not in page + english
    epoch = _epoch(page)
    # Nothing changed yet: the reload endpoint answers its current version at once.
    assert int(served.page(f"/livereload/0/{epoch}")) == epoch

    _rename(served.project / "councils" / f"{council}.yml", "previewmarker")
    wait_for(lambda: "previewmarker" in served.page(f"/councils/{council}/"), "the change")
    assert "previewmarker" in served.page(f"/en/councils/{council}/")
    # The long poll of a page from before the change answers a newer version: it reloads.
    assert int(served.page(f"/livereload/{epoch}/1")) > epoch
    assert _epoch(served.page(f"/councils/{council}/")) > epoch


def test_errors_are_shown_with_their_location_and_the_site_recovers(served: Served) -> None:
    council = served.council()
    path = served.project / "councils" / f"{council}.yml"
    good = path.read_text(encoding="utf-8")
    assert served.get(f"/councils/{council}/")[0] == 200
    path.write_text(good + "name: [\n", encoding="utf-8")
    errors = validate_project(served.project).errors
    expected = [d.format() for d in errors]
    assert expected and expected[0].startswith(f"councils/{council}.yml:")
    wait_for(lambda: served.get(f"/councils/{council}/")[0] == 500, "the error page")

    # Each page says so in its own language: Persian at the root, English under en/.
    body = served.get(f"/en/councils/{council}/")[1]
    assert '<html lang="en" dir="ltr">' in body
    noun = "error" if len(expected) == 1 else "errors"
    assert f"The data has {len(expected)} {noun}" in body
    for line in expected:
        assert f"<code>{html.escape(line)}</code>" in body
    persian = served.get(f"/councils/{council}/")[1]
    assert '<html lang="fa" dir="rtl">' in persian
    assert f"داده‌ها {localize_digits(str(len(errors)), 'fa')} خطا دارند" in persian
    assert "داده‌ها" in persian and "The data has" not in persian
    for diagnostic in errors:
        assert f"<code>{html.escape(diagnostic.format('fa'))}</code>" in persian
    # The YAML parser's message names '<stream end>': escaped, never markup.
    assert "&lt;stream end&gt;" in body and "<stream end>" not in body
    assert LIVERELOAD_RE.search(body), "the error page must reload by itself once fixed"
    assert served.get("/")[0] == 500  # every page says so, not only the broken council's
    assert served.get("/assets/stylesheets/shora.css")[0] == 200  # static files still served

    path.write_text(good, encoding="utf-8")
    wait_for(lambda: served.get(f"/councils/{council}/")[0] == 200, "the recovery")
    assert "The data has" not in served.page("/en/")


def test_nothing_outside_the_site_is_served(served: Served) -> None:
    for address in (
        "/../mkdocs.yml",
        "/en/../../mkdocs.yml",
        "/%2e%2e/mkdocs.yml",
        "/assets/..%2f..%2f..%2fmkdocs.yml",
        "/assets/..\\..\\..\\mkdocs.yml",
        "/en/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
        "/mkdocs.yml",
        f"/councils/{served.council()}.yml",
        "/content/fa/about.md",
    ):
        status, body, _ = served.get(address)
        assert status == 404, address
        assert "site_name" not in body and "root:" not in body and "schema=" not in body


def test_addresses(served: Served) -> None:
    council = served.council()
    status, _, headers = served.get(f"/councils/{council}")
    assert (status, headers["Location"]) == (302, f"/councils/{council}/")
    assert served.get("/en")[2]["Location"] == "/en/"
    assert '<html lang="en"' in served.page("/en/")
    assert '<html lang="fa"' in served.page("/")
    assert LIVERELOAD_RE.sub("", served.page("/resolutions/")) == LIVERELOAD_RE.sub(
        "", served.page("/resolutions/index.html")
    )
    status, body, _ = served.get("/no-such-page/")
    assert status == 404 and "404" in body and LIVERELOAD_RE.search(body)
    for address in (
        "/feeds/no-such-feed.xml",
        "/pagefind/no-such-file.js",
        "/en/search/disk/no-such-file.js",
        "/data/no-such-file.json",
    ):
        status, body, _ = served.get(address)
        assert status == 404 and "404" in body and LIVERELOAD_RE.search(body), address


def test_open_data_and_feeds_are_served_as_a_build_writes_them(
    served: Served, tmp_path: Path
) -> None:
    built = tmp_path / "built"
    open_data = write_outputs(validate_project(served.project).dataset, built)
    addresses = {p.relative_to(built).as_posix() for p in open_data}
    assert {"data/councils.csv", "feeds/resolutions.xml", "en/feeds/decisions.xml"} <= addresses
    council = served.council()
    assert f"en/feeds/councils/{council}.xml" in addresses
    for path in open_data:
        address = "/" + path.relative_to(built).as_posix()
        assert served.get_bytes(address)[:2] == (200, path.read_bytes()), address


def test_added_and_removed_pages(served: Served) -> None:
    council = served.council()
    source = served.project / "councils" / f"{council}.yml"
    added = source.with_name("zz-preview-added.yml")
    assert served.get("/councils/zz-preview-added/")[0] == 404
    shutil.copy(source, added)
    wait_for(lambda: served.get("/councils/zz-preview-added/")[0] == 200, "the new page")
    assert served.get("/en/councils/zz-preview-added/")[0] == 200
    added.unlink()
    wait_for(lambda: served.get("/councils/zz-preview-added/")[0] == 404, "the page removed")


def test_a_changed_hand_written_page_is_served(served: Served) -> None:
    about = served.project / "content" / "en" / "about.md"
    assert "Preview paragraph" not in served.page("/en/about/")
    about.write_text(about.read_text(encoding="utf-8") + "\nPreview paragraph.\n", "utf-8")
    wait_for(lambda: "Preview paragraph" in served.page("/en/about/"), "the change")


def test_a_changed_theme_or_configuration_reloads_the_site(served: Served) -> None:
    css = served.project / "theme" / "assets" / "stylesheets" / "shora.css"
    css.write_text(css.read_text(encoding="utf-8") + "/* previewmarker */\n", "utf-8")
    wait_for(
        lambda: "previewmarker" in served.page("/assets/stylesheets/shora.css"), "the new theme"
    )
    config = served.project / "mkdocs.en.yml"
    good = config.read_text(encoding="utf-8")
    config.write_text(good.replace("site_name: Shora", "site_name: Shora Preview Name"), "utf-8")
    wait_for(lambda: "Shora Preview Name" in served.page("/en/"), "the new configuration")
    config.write_text(good + "nav: [\n", "utf-8")  # broken: shown, then fixed
    wait_for(lambda: served.get("/en/")[0] == 500, "the error page")
    assert "The site could not be loaded" in served.get("/en/")[1]
    config.write_text(good, "utf-8")
    wait_for(lambda: served.get("/en/")[0] == 200, "the recovery")
    assert "Shora Preview Name" not in served.page("/en/")


def test_errors_at_start_are_shown_until_fixed(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    project = small_project(tmp_path / "project")
    council = sorted((project / "councils").glob("*.yml"))[0]
    good = council.read_text(encoding="utf-8")
    council.write_text(good.replace("\ncountry: ", "\ncountry: <b>XX</b>\nx: "), "utf-8")
    preview = Preview(project)
    try:
        preview.refresh()
        errors = validate_project(project).errors
        assert errors
        for address, language in (("/en/", "en"), ("/", "fa")):
            response = preview.respond(address)
            assert response.status == 500
            page = response.content().decode()
            for diagnostic in errors:
                assert f"<code>{html.escape(diagnostic.format(language))}</code>" in page
            assert "<b>" not in page
        council.write_text(good, "utf-8")
        preview.refresh({"data"})
        assert preview.respond("/").status == 200
        assert preview.respond(f"/en/councils/{council.stem}/").status == 200
    finally:
        preview.close()


def test_previewed_pages_are_the_built_pages_plus_the_reload_script(served: Served) -> None:
    """After changes of both kinds (the same pages, and one more page), every page is
    what `shora build` writes, plus the reload script; so are the search indexes of
    both languages, made again after the changes."""
    council = served.council()
    served.page(f"/councils/{council}/")
    status, index_before, headers = served.get_bytes("/search/disk/meta.js")
    assert status == 200 and "javascript" in headers["Content-Type"]
    _rename(served.project / "councils" / f"{council}.yml", "previewmarker")
    wait_for(lambda: "previewmarker" in served.page(f"/councils/{council}/"), "the change")
    source = served.project / "councils" / f"{council}.yml"
    shutil.copy(source, source.with_name("zz-preview-added.yml"))
    wait_for(lambda: served.get("/councils/zz-preview-added/")[0] == 200, "the new page")
    assert build_site(served.project, Path("mkdocs.yml"), Path("site")) == 0
    site = served.project / "site"
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 50 and (site / "en" / "index.html") in pages
    for page in pages:
        built = page.read_text(encoding="utf-8")
        assert "livereload" not in built, page
        address = "/" + page.relative_to(site).as_posix()
        status, previewed, _ = served.get(address)
        assert status == 200, address
        scripts = SCRIPT_RE.findall(previewed)
        assert len(scripts) == 1, address
        assert SCRIPT_RE.sub("", previewed) == built, address
    search = [
        path
        for folder in ("pagefind", "search/disk", "en/pagefind", "en/search/disk")
        for path in sorted((site / folder).rglob("*"))
        if path.is_file()
    ]
    assert len(search) > 50 and site / "en/pagefind/pagefind.js" in search
    for path in search:
        address = "/" + path.relative_to(site).as_posix()
        assert served.get_bytes(address)[:2] == (200, path.read_bytes()), address
    assert (site / "search/disk/meta.js").read_bytes() != index_before


def test_the_command_serves_and_stops_cleanly(tmp_path: Path) -> None:
    project = small_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "XDG_CACHE_HOME": str(tmp_path / "cache"), "TMPDIR": str(tmp_path)}
    command = ["-m", "shora.cli", "--root", str(project), "serve", "-a", f"127.0.0.1:{port}"]
    process = subprocess.Popen(
        [sys.executable, *command],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env=env,
    )
    served = Served(project, None, None, port)  # type: ignore[arg-type]
    try:

        def up() -> bool:
            try:
                return served.get("/")[0] == 200
            except OSError:
                assert process.poll() is None, process.stdout.read() if process.stdout else ""
                return False

        wait_for(up, "the server")
        assert list(tmp_path.glob("shora-serve-*"))
        second = subprocess.run([sys.executable, *command], capture_output=True, text=True, env=env)
        assert second.returncode == 2
        assert f"cannot listen on 127.0.0.1:{port}" in second.stderr
    finally:
        process.terminate()
        output = process.communicate(timeout=20)[0].decode()
    assert process.returncode == 0, output
    assert "Serving on http://127.0.0.1:" in output
    assert not list(tmp_path.glob("shora-serve-*")), "the temporary folder is left behind"


def test_bad_address_is_a_usage_error(tmp_path: Path, capsys) -> None:
    from shora.cli import main

    with pytest.raises(SystemExit) as exit_:
        main(["--root", str(tmp_path), "serve", "-a", "localhost"])
    assert exit_.value.code == 2
    assert "HOST:PORT" in capsys.readouterr().err


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
