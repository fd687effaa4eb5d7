"""``shora build``: validate, build both languages into a fresh folder, then swap it
into place. A failed build never replaces the last good site."""

from __future__ import annotations

import logging
import shutil
import sys
import tempfile
from pathlib import Path

from shora.core.messages import Message, msg
from shora.load.dataset import Dataset
from shora.validate import validate_project


def build_site(
    root: Path,
    config_file: Path,
    site_dir: Path,
    data_root: Path | None = None,
    language: str = "en",
) -> int:
    """``data_root`` holds resolutions/ and councils/ when they are not in ``root``
    (the demo data under examples/demo/ is built with the real site's pages and theme).
    ``language`` is the one of the messages."""

    def say(message: Message) -> None:
        print(message.render(language), file=sys.stderr)

    data = data_root if data_root is None or data_root.is_absolute() else root / data_root
    report = validate_project(data or root)
    for diagnostic in report.diagnostics:
        print(diagnostic.format(language), file=sys.stderr)
    unchanged = msg("shora: {site} was not changed", site=str(site_dir))
    if report.errors:
        say(
            msg(
                "shora: {count} error(s) in the data; {site} was not changed",
                count=len(report.errors),
                site=str(site_dir),
            )
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
        broken = _finish(report.dataset, staging, language)
        if broken:
            shutil.rmtree(staging, ignore_errors=True)
            say(
                msg(
                    "shora: {count} broken internal link(s); {site} was not changed",
                    count=broken,
                    site=str(site_dir),
                )
            )
            return 1
    except MkDocsException as error:
        shutil.rmtree(staging, ignore_errors=True)
        say(msg("shora: the build failed: {problem}", problem=str(error)))
        say(unchanged)
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


def _finish(dataset: Dataset, staging: Path, language: str) -> int:
    """The steps after MkDocs, on the new site before it is used: the search index,
    then the link check. The number of broken links (0 when the site is good)."""
    from shora.publish.linkcheck import check_site
    from shora.publish.search import write_index

    write_index(dataset, staging)
    broken = check_site(staging)
    for link in broken:
        print(link.format(language), file=sys.stderr)
    return len(broken)
