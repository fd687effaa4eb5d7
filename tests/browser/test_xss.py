"""Text from the data is inert: a resolution whose every text field holds markup and
script renders it as text, with no dialog and no injected element."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from shora.build import build_site

from ..site_project import make_project
from .builds import built_once
from .harness import guarded_page, served

PAYLOAD = (
    "<script>window.__xss=1;alert(1)</script>"
    '<img src=x onerror="window.__xss=2;alert(2)">'
    "\"'><svg onload=alert(3)></svg>{{ 7*7 }}</title></script>"
)
SCHEMA = "# yaml-language-server: $schema=../{}.schema.json\n"


def _text(indent: int) -> str:
    pad = " " * indent
    quoted = PAYLOAD.replace("\\", "\\\\").replace('"', '\\"')
    return f'\n{pad}fa: "فا {quoted}"\n{pad}en: "en {quoted}"'


def _write_project(root: Path) -> None:
    make_project(root, with_real_data=False)
    (root / "resolutions").mkdir()
    (root / "councils" / "organizations").mkdir(parents=True)
    (root / "councils" / "organizations" / "org.yml").write_text(
        "# yaml-language-server: $schema=../../schemas/organization.schema.json\n"
        f"name:{_text(2)}\n",
        encoding="utf-8",
    )
    (root / "resolutions" / "_topics.yml").write_text(
        f"# yaml-language-server: $schema=../schemas/topics.schema.json\ntopic:{_text(2)}\n",
        encoding="utf-8",
    )
    escaped = PAYLOAD.replace('"', '\\"')
    resolution = f"""# yaml-language-server: $schema=../schemas/resolution.schema.json
title:{_text(2)}
organization: org
adopted_by:
  body:{_text(4)}
  session:{_text(4)}
adopted:
  date: unknown
  note:{_text(4)}
vote:
  kind: unanimous
status: in-force
published:
  - periodical:{_text(6)}
    issue: "{escaped}"
    date: 2001
original_language: fa
translations:
  en:
    status: complete
    note:{_text(6)}
topics: [topic]
text:
  headnote:{_text(4)}
  considerations:
    - {_text(6).strip()}
  operative_intro:{_text(4)}
  points:
    - {_text(6).strip()}
      items:
        - {_text(10).strip()}
      paragraphs:
        - {_text(10).strip()}
  closing:
    - {_text(6).strip()}
  signature:{_text(4)}
  place_date:{_text(4)}
"""
    (root / "resolutions" / "payload.yml").write_text(resolution, encoding="utf-8")


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:

    def build(root: Path) -> None:
        _write_project(root)
        assert build_site(root, Path("mkdocs.yml"), Path("site")) == 0

    root = built_once(tmp_path_factory, "shora-xss", build)
    with served(root / "site", "/mirror/shora/") as base_url:
        yield base_url


@pytest.mark.parametrize(
    "path",
    [
        "resolutions/payload/",
        "resolutions/payload/parallel/",
        "resolutions/",
        "",
        "en/resolutions/payload/",
        "en/resolutions/payload/parallel/",
        "en/resolutions/",
        "en/",
    ],
)
def test_payload_renders_as_inert_text(payload_site: str, browser: Browser, path: str) -> None:
    dialogs: list[str] = []
    with guarded_page(browser) as page:
        page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        page.goto(payload_site + path)
        page.wait_for_load_state("networkidle")
        assert dialogs == []
        assert page.evaluate("window.__xss") is None
        assert page.locator("img[src=x], [onerror], [onload]").count() == 0
        injected = page.evaluate(
            "[...document.scripts]"
            ".filter(s => !s.type.includes('json') && s.textContent.includes('__xss')).length"
        )
        assert injected == 0
        # The payload is there, as text.
        assert "<script>window.__xss=1;" in page.locator("main").inner_text()
        assert "{{ 7*7 }}" in page.locator("main").inner_text()
        # Nothing was requested because of it (an injected <img src=x> would ask for x).
        assert not [url for url in page.shora.requests if url.endswith("/x")]
        # The tab title shows the text, neither markup nor double-escaped entities.
        if "payload" in path:
            assert page.title().startswith(
                "فا <script>" if not path.startswith("en/") else "en <script>"
            )
