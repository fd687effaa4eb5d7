"""The offline copy: one zip that works when unzipped and opened from ``file://``.

A browser does not open ``index.html`` for a folder address on disk, so every
internal link to a folder (``../``, ``./``, ``resolutions/x/``) is rewritten to the
folder's ``index.html``: this one rewrite is the only difference from the served site
(whose links are all relative already). Search works from disk with the index written
as scripts (``search/disk/``, see shora/publish/disk_search.py); Pagefind's bundles are
left out, as browsers refuse their fetch and WebAssembly on ``file://``."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
import time
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

from shora.site.routes import PAGEFIND_DIR

FOLDER = "shora"
ZIP_NAME = "shora-offline.zip"
_LINK_RE = re.compile(r'(?P<attr>\s(?:href|src|action))="(?P<url>[^"]*)"')


def file_link(url: str) -> str:
    """The link as a copy on disk needs it: a folder address gets ``index.html``."""
    parts = urlsplit(url)
    if parts.scheme or parts.netloc or url.startswith(("#", "/")) or "?" in url:
        return url
    path, hash_, fragment = url.partition("#")
    if path in ("", ".", "./"):
        path = "index.html" if path else ""
    elif path == ".." or path.endswith("/.."):
        path += "/index.html"
    elif path.endswith("/"):
        path += "index.html"
    return path + hash_ + fragment if path or hash_ else url


def rewrite_html(html: str) -> str:
    return _LINK_RE.sub(lambda m: f'{m["attr"]}="{file_link(m["url"])}"', html)


def _zip_time() -> tuple[int, int, int, int, int, int]:
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    stamp = time.gmtime(max(epoch, 315532800))  # zip dates start in 1980
    return stamp[:6]


def make_offline(site_dir: Path, dist_dir: Path) -> Path:
    """Write ``dist_dir/shora-offline.zip`` from the built site; return its path."""
    dist_dir.mkdir(parents=True, exist_ok=True)
    target = dist_dir / ZIP_NAME
    with tempfile.TemporaryDirectory() as temporary:
        copy = Path(temporary) / FOLDER
        shutil.copytree(site_dir, copy, ignore=shutil.ignore_patterns(PAGEFIND_DIR.rstrip("/")))
        for page in copy.rglob("*.html"):
            page.write_text(rewrite_html(page.read_text(encoding="utf-8")), encoding="utf-8")
        partial = target.with_suffix(".zip.part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in sorted(copy.rglob("*")):
                if path.is_file():
                    info = zipfile.ZipInfo(
                        path.relative_to(copy.parent).as_posix(), date_time=_zip_time()
                    )
                    info.compress_type = zipfile.ZIP_DEFLATED
                    info.external_attr = 0o644 << 16
                    archive.writestr(info, path.read_bytes(), compresslevel=9)
        partial.replace(target)
    return target
