"""``shora build``: validate, build both languages into a fresh folder, then swap it
into place. A failed build never replaces the last good site."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from shora.dataset import Dataset
from shora.validate import validate_project


def build_site(root: Path, config_file: Path, site_dir: Path, data_root: Path | None = None) -> int:
    """``data_root`` holds resolutions/ and councils/ when they are not in ``root``
    (the demo data under examples/demo/ is built with the real site's pages and theme)."""
    data = data_root if data_root is None or data_root.is_absolute() else root / data_root
    report = validate_project(data or root)
    for diagnostic in report.diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    if report.errors:
        print(
            f"shora: {len(report.errors)} error(s) in the data; {site_dir} was not changed",
            file=sys.stderr,
        )
        return 1

    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    target = (root / site_dir).resolve()
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.new-", dir=target.parent))
    logging.basicConfig(level=logging.WARNING, format="%(levelname)-7s -  %(message)s")
    try:
        config = load_config(str(root / config_file), site_dir=str(staging))
        if data is not None:
            # The plugin reads its data from here (and passes it to the English build).
            config.plugins["shora"].config["data_root"] = str(data.resolve())
        config.plugins["shora"].validated = report  # validated above: not again
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
        problem = _finish(report.dataset, staging)
        if problem:
            shutil.rmtree(staging, ignore_errors=True)
            print(f"shora: {problem}; {site_dir} was not changed", file=sys.stderr)
            return 1
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        print(f"shora: the build failed: {error}", file=sys.stderr)
        print(f"shora: {site_dir} was not changed", file=sys.stderr)
        return 1
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    # Swap: the old site is moved aside first, so there is always a complete one.
    previous = target.with_name(f".{target.name}.old")
    shutil.rmtree(previous, ignore_errors=True)
    if target.exists():
        target.rename(previous)
    staging.rename(target)
    shutil.rmtree(previous, ignore_errors=True)
    return 0


def _finish(dataset: Dataset, staging: Path) -> str:
    """The steps after MkDocs, on the new site before it is used: the search index,
    then the link check. An error message, or '' when the site is good."""
    from shora.publish.linkcheck import check_site
    from shora.publish.search_index import write_index

    write_index(dataset, staging)
    broken = check_site(staging)
    for link in broken:
        print(f"{link.format()}", file=sys.stderr)
    return f"{len(broken)} broken internal link(s)" if broken else ""
