"""Every page of the real and the demo site is valid HTML for the Nu Html Checker
(npm vnu-jar, Java), with one <h1>, placed where the checker wants it.

One run of the checker over both sites and a canary (markup the checker must
reject, so that a run that checked nothing cannot pass). The sites are built once
per session (tests/built_sites.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from shora.site.page_validity import TOGGLES_FORM, repair

from .built_sites import REPO, demo_site, real_site

VNU = REPO / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# C1 only: a third of the checker's time on a few hundred pages; the schema's
# recursion needs a larger stack then.
JAVA_OPTIONS = ["-Xss8m", "-XX:TieredStopAtLevel=1"]
# Warnings about the outline: an <h1> below the page's top level, a sectioning
# element without a heading (as when our <article> sat in Material's).
OUTLINE_WARNINGS = re.compile(r"“h1” element as a top-level heading|lacks heading")
# Material's toggles as it writes them: invalid (autocomplete on a checkbox).
MATERIAL_TOGGLES = (
    '<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" '
    'autocomplete="off">\n    '
    '<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" '
    'autocomplete="off">'
)
CANARY = f"<!doctype html><html lang=en><title>canary</title><body>{MATERIAL_TOGGLES}</body>"


def _checker() -> list[str]:
    java = shutil.which("java")
    if java is None or not VNU.is_file():
        pytest.fail(
            "The Nu Html Checker needs Java and node_modules (`apt-get install "
            "default-jre-headless`, `npm ci`; `make test` runs npm ci).",
            pytrace=False,
        )
    return [java, *JAVA_OPTIONS, "-jar", str(VNU)]


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> tuple[dict[str, Path], list[dict]]:
    """The sites and the checker's messages on all their pages (and the canary's)."""
    sites = {"real": real_site(tmp_path_factory), "demo": demo_site(tmp_path_factory)}
    canary = tmp_path_factory.mktemp("vnu-canary") / "canary.html"
    canary.write_text(CANARY, encoding="utf-8")
    run = subprocess.run(
        [*_checker(), "--skip-non-html", "--format", "json", canary, *sites.values()],
        capture_output=True,
        text=True,
        timeout=600,
    )
    # The report goes to stderr; the exit status is 1 when any error was found.
    return sites, json.loads(run.stderr)["messages"]


def _listing(messages: list[dict]) -> str:
    return "\n".join(
        f"{m.get('url', '')}:{m.get('lastLine', '')}: {m['message']}" for m in messages[:20]
    ) + (f"\n... and {len(messages) - 20} more" if len(messages) > 20 else "")


def test_the_checker_rejects_the_canary(checked) -> None:
    _sites, messages = checked
    canary = [m for m in messages if m.get("url", "").endswith("/canary.html")]
    assert any(m["type"] == "error" and "autocomplete" in m["message"] for m in canary), canary


def test_no_page_has_an_error(checked) -> None:
    _sites, messages = checked
    errors = [
        m
        for m in messages
        if m["type"] in ("error", "non-document-error") and "/canary.html" not in m.get("url", "")
    ]
    assert errors == [], _listing(errors)


def test_no_page_has_an_outline_warning(checked) -> None:
    _sites, messages = checked
    warnings = [m for m in messages if OUTLINE_WARNINGS.search(m["message"])]
    assert warnings == [], _listing(warnings)


def test_every_page_has_one_h1(checked) -> None:
    sites, _messages = checked
    counts: dict[str, int] = {}
    for name, site in sites.items():
        pages = [p for p in site.rglob("*.html") if "<html" in p.read_text(encoding="utf-8")]
        assert len(pages) > (20 if name == "real" else 300), (name, len(pages))
        for page in pages:
            count = page.read_text(encoding="utf-8").count("<h1")
            if count != 1:
                counts[f"{name}:{page.relative_to(site)}"] = count
    assert counts == {}


def test_repair_gives_the_toggles_a_form_owner_and_is_idempotent() -> None:
    page = f"<body>\n    {MATERIAL_TOGGLES}\n    <label"
    repaired = repair(page)
    assert "autocomplete" not in repaired.replace(TOGGLES_FORM, "")
    assert repaired.count(TOGGLES_FORM) == 1
    assert repaired.count('form="__shora-toggles"') == 2
    # The form comes first: the theme's `toggle:checked ~ …` selectors still apply.
    assert repaired.index(TOGGLES_FORM) < repaired.index('id="__drawer"')
    assert repair(repaired) == repaired
