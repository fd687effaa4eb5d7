"""The pages the sitemap lists, from the built site's files listed once or walked."""

from __future__ import annotations

from pathlib import Path

from shora.publish import built_files, sitemap


def test_the_pages_are_the_folders_with_an_index_in_order_listed_once_or_not(
    tmp_path: Path,
) -> None:
    for name in (
        "index.html",
        "a/index.html",
        "a/b/index.html",
        "a-b/index.html",
        "c/other.html",
        "c/d/index.html.gz",
        "e/f/index.html",
        "fa ت/index.html",
    ):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    expected = ["", "a-b/", "a/", "a/b/", "e/f/", "fa ت/"]
    assert sitemap.page_addresses(tmp_path) == expected
    with built_files.listed_once(tmp_path):
        listed = built_files.files(tmp_path)
        (tmp_path / "g").mkdir()
        (tmp_path / "g" / "index.html").write_text("x", encoding="utf-8")
        # Listed once: what is added inside is not seen there...
        assert built_files.files(tmp_path) is listed
        assert sitemap.page_addresses(tmp_path) == expected
    # ...and is after.
    assert sitemap.page_addresses(tmp_path) == [*expected, "g/"]
