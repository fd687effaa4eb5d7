"""sitemap.xml (and sitemap.xml.gz) at the site's root: every page of both languages by
its absolute address, per the sitemaps.org protocol 0.9.

Only for a site with an address (``site_url``, which a mirror sets with the environment
variable ``SHORA_SITE_URL`` or ``shora build --site-url``): a sitemap's addresses must
be absolute, and without one they are unknown, so there is no sitemap at all rather
than an empty, invalid one. (MkDocs' own sitemaps, one per language and empty without
an address, are not written: the plugin takes them out of the theme.)

A site of more than 50,000 pages, the protocol's limit per file, gets sitemap-1.xml,
sitemap-2.xml ... and a sitemap index as sitemap.xml. No ``lastmod``: the data has no
date of change per page, and a build date on every page would say nothing.

The pages are the routes' (:meth:`shora.site.routes.Routes.site_pages`): those made from
the data and the hand-written ones the engine builds; nothing is read from the built
site, so the sitemap is written while the pages render."""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Mapping
from pathlib import Path
from urllib.parse import quote, urljoin
from xml.etree import ElementTree as ET

from shora.load.dataset import Dataset
from shora.publish.common import build_epoch, write_text
from shora.site.routes import Routes

SITEMAP = "sitemap.xml"
NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
MAX_URLS = 50_000  # per file, by the protocol


def _document(root_tag: str, child_tag: str, addresses: list[str]) -> str:
    ET.register_namespace("", NAMESPACE)
    root = ET.Element(f"{{{NAMESPACE}}}{root_tag}")
    for address in addresses:
        child = ET.SubElement(root, f"{{{NAMESPACE}}}{child_tag}")
        ET.SubElement(child, f"{{{NAMESPACE}}}loc").text = address
    ET.indent(root, space=" ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"


def _write_gzip(path: Path, text: str, epoch: int) -> Path:
    """A gzip copy dated from the data (``epoch``), never the clock: two builds agree."""
    buffer = io.BytesIO()
    with gzip.GzipFile(filename=path.stem, mode="wb", fileobj=buffer, mtime=epoch) as stream:
        stream.write(text.encode("utf-8"))
    path.write_bytes(buffer.getvalue())
    return path


def write(
    dataset: Dataset,
    site_dir: Path,
    site_url: str | None = None,
    hand_written: Mapping[str, Iterable[str]] | None = None,
) -> list[Path]:
    """The sitemap of the site under ``site_dir`` whose address is ``site_url``, of
    the pages of ``dataset`` and the ``hand_written`` pages (each language's addresses
    from its root); nothing (and no sitemap left from MkDocs or an earlier build)
    without an address."""
    pages = Routes(dataset).site_pages(hand_written or {}) if site_url else []
    return write_sitemap(site_dir, site_url, build_epoch(dataset), pages)


def write_sitemap(
    site_dir: Path, site_url: str | None, epoch: int, pages: list[str], max_urls: int = MAX_URLS
) -> list[Path]:
    """:func:`write` of the addresses ``pages`` (from the site's root), its gzip copy
    dated ``epoch`` (a Unix time)."""
    for old in [*site_dir.glob("sitemap*.xml"), *site_dir.glob("sitemap*.xml.gz")]:
        old.unlink()
    for old in (site_dir / "en" / SITEMAP, site_dir / "en" / (SITEMAP + ".gz")):
        old.unlink(missing_ok=True)
    if not site_url:
        return []
    base = site_url if site_url.endswith("/") else site_url + "/"
    addresses = [urljoin(base, quote(page, safe="/")) for page in pages]
    written: list[Path] = []
    if len(addresses) <= max_urls:
        text = _document("urlset", "url", addresses)
    else:
        parts = [addresses[i : i + max_urls] for i in range(0, len(addresses), max_urls)]
        names = [f"sitemap-{number}.xml" for number in range(1, len(parts) + 1)]
        for name, part in zip(names, parts, strict=True):
            written.append(write_text(site_dir / name, _document("urlset", "url", part)))
        text = _document("sitemapindex", "sitemap", [urljoin(base, name) for name in names])
    written.append(write_text(site_dir / SITEMAP, text))
    written.append(_write_gzip(site_dir / (SITEMAP + ".gz"), text, epoch))
    return written
