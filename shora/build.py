"""``shora build``: validate, build both languages into a fresh folder, then swap it
into place. A failed build never replaces the last good site."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from shora.validate import validate_project


def build_site(root: Path, config_file: Path, site_dir: Path) -> int:
    report = validate_project(root)
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
        config.plugins.on_startup(command="build", dirty=False)
        try:
            build(config)
        finally:
            config.plugins.on_shutdown()
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
