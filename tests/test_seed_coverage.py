"""Every paragraph of the Persian seed documents is in the resolution data, and nothing else is.

The seed documents are kept verbatim in ``tests/data/seeds/``. Each one is normalized with
:func:`normalize` (the documented safe fixes only), split into paragraphs, stripped of its
clause numbers and letters (the site derives those from position), and compared with the
``fa`` strings of the matching ``resolutions/*.yml`` file, in both directions and in order.

Only PyYAML, pytest and the standard library are used, so this test does not depend on the
``shora`` package.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "tests" / "data" / "seeds"

DIGITS = "0-9\u0660-\u0669\u06f0-\u06f9"
ARABIC_INDIC_TO_PERSIAN = {0x0660 + i: 0x06F0 + i for i in range(10)}
ASCII_TO_PERSIAN = {ord("0") + i: 0x06F0 + i for i in range(10)}
ARABIC_SCRIPT = re.compile("[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")

# A clause number (Persian, Arabic-Indic or ASCII digits) followed by optional spaces and a
# hyphen or en dash ("۱- ", "١-", "۵ – "); a single digit followed by a space and no further
# digit ("۸ ", so that a date line such as "۲۷ ژوئیه ۲۰۰۹" is left alone); or an abjad letter
# followed by ")" ("الف) ", "ب) ").
ENUMERATOR = re.compile(
    rf"^(?:[{DIGITS}]+ *[-\u2013] *"
    rf"|[{DIGITS}] +(?![{DIGITS}])"
    r"|(?:الف|ب|پ|ج|د|هـ|ه|و|ز|ح|ط|ی|ک|ل|م|ن)\) *)"
)


def normalize(text: str) -> str:
    """Apply the documented safe fixes to Persian source text.

    Rules, in this order:

    1. Unicode NFC.
    2. Arabic yeh ``ي`` (U+064A) and alef maksura ``ى`` (U+0649) become Persian yeh ``ی``
       (U+06CC); Arabic kaf ``ك`` (U+0643) becomes Persian kaf ``ک`` (U+06A9).
    3. Arabic-Indic digits U+0660..U+0669 become Persian digits U+06F0..U+06F9.
    4. ``٬`` (U+066C) used as a comma, i.e. not between two digits, becomes ``،`` (U+060C).
    5. A trailing end-of-article mark `` *`` at the very end of the document is dropped.
    6. Within each line, every run of whitespace (including no-break spaces) becomes one
       space, and leading and trailing whitespace is trimmed. Line breaks are kept, because
       they separate paragraphs; ZWNJ (U+200C) is not whitespace and is never touched.

    Nothing else is changed: spellings, typos, quotation marks and ZWNJ stay as written.
    """
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u064a", "\u06cc").replace("\u0649", "\u06cc").replace("\u0643", "\u06a9")
    text = text.translate(ARABIC_INDIC_TO_PERSIAN)
    text = re.sub(rf"(?<![{DIGITS}])\u066c|\u066c(?![{DIGITS}])", "\u060c", text)
    text = re.sub(r"\s*\*\s*\Z", "", text)
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(re.sub(r"\s+", " ", line).strip() for line in lines)


def strip_enumerator(paragraph: str) -> str:
    """Remove a leading clause number or letter (see ``ENUMERATOR``)."""
    return ENUMERATOR.sub("", paragraph, count=1)


def source_paragraphs(seed: Path) -> list[str]:
    """The non-empty, normalized lines of a seed file, with enumerators stripped."""
    lines = normalize(seed.read_text(encoding="utf-8")).split("\n")
    return [strip_enumerator(line) for line in lines if line]


def text_fa_in_order(text: dict[str, Any]) -> list[str]:
    """The ``fa`` strings of a resolution's ``text`` in document order."""
    out: list[str] = []
    if "headnote" in text:
        out.append(text["headnote"]["fa"])
    out += [c["fa"] for c in text.get("considerations", [])]
    if "operative_intro" in text:
        out.append(text["operative_intro"]["fa"])
    for point in text.get("points", []):
        out.append(point["fa"])
        out += [item["fa"] for item in point.get("items", [])]
        out += [para["fa"] for para in point.get("paragraphs", [])]
    out += [c["fa"] for c in text.get("closing", [])]
    for key in ("signature", "place_date"):
        if key in text:
            out.append(text[key]["fa"])
    return out


def bilingual(node: Any, path: str = "") -> list[tuple[str, dict[str, Any]]]:
    """Every mapping with an ``fa`` key anywhere in ``node``, with its path."""
    found: list[tuple[str, dict[str, Any]]] = []
    if isinstance(node, dict):
        if "fa" in node:
            found.append((path, node))
        for key, value in node.items():
            found += bilingual(value, f"{path}.{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += bilingual(value, f"{path}[{index}]")
    return found


@dataclass(frozen=True)
class Seed:
    seed: str
    data: str
    periodical_lines: int  # header lines naming the periodical and issue
    title_lines: int  # source lines the title spans
    considerations: int
    points: int
    paragraphs: dict[int, int] = field(default_factory=dict)  # point index -> count
    items: dict[int, int] = field(default_factory=dict)  # point index -> count

    def source(self) -> list[str]:
        return source_paragraphs(SEEDS / self.seed)

    def body(self) -> list[str]:
        return self.source()[self.periodical_lines + self.title_lines :]

    def load(self) -> dict[str, Any]:
        return yaml.safe_load((ROOT / self.data).read_text(encoding="utf-8"))


SEED_CASES = [
    Seed(
        seed="000_df212550a4b51865.txt",
        data="resolutions/place-and-importance-of-the-party.yml",
        periodical_lines=1,
        title_lines=1,
        considerations=8,
        points=8,
        paragraphs={3: 1},
    ),
    Seed(
        seed="002_56d39c39a9e0a95d.txt",
        data="resolutions/mass-organizing-abroad.yml",
        periodical_lines=0,
        title_lines=2,
        considerations=3,
        points=5,
        items={2: 6},
    ),
]

cases = pytest.mark.parametrize("case", SEED_CASES, ids=lambda c: c.seed.split("_")[0])


@cases
def test_title(case: Seed) -> None:
    start = case.periodical_lines
    lines = case.source()[start : start + case.title_lines]
    title = case.load()["title"]["fa"]
    assert title == " ".join(lines)
    for line in lines:
        assert line in title


@cases
def test_periodical_header(case: Seed) -> None:
    data = case.load()
    header = case.source()[: case.periodical_lines]
    published = data["published"]
    if not header:
        assert published == []
        return
    assert len(published) == len(header)
    for line, entry in zip(header, published, strict=True):
        issue = str(entry["issue"]).translate(ASCII_TO_PERSIAN)
        assert line == f"{entry['periodical']['fa']} {issue}"


@cases
def test_every_source_paragraph_is_in_the_data(case: Seed) -> None:
    fa = text_fa_in_order(case.load()["text"])
    missing = [p for p in case.body() if p not in fa]
    duplicated = [p for p in case.body() if fa.count(p) > 1]
    assert not missing, f"source paragraphs missing from {case.data}: {missing}"
    assert not duplicated, f"source paragraphs found more than once: {duplicated}"


@cases
def test_every_data_text_is_in_the_source(case: Seed) -> None:
    body = case.body()
    extra = [s for s in text_fa_in_order(case.load()["text"]) if s not in body]
    assert not extra, f"fa strings of {case.data} not found in the source: {extra}"


@cases
def test_data_follows_source_order(case: Seed) -> None:
    assert text_fa_in_order(case.load()["text"]) == case.body()


@cases
def test_no_fa_outside_known_places(case: Seed) -> None:
    text = case.load()["text"]
    assert len(bilingual(text)) == len(text_fa_in_order(text))


@cases
def test_fa_is_normalized(case: Seed) -> None:
    for path, node in bilingual(case.load()):
        fa = node["fa"]
        assert isinstance(fa, str) and fa, path
        assert normalize(fa) == fa, f"{path} is not normalized"
        assert "\n" not in fa, path


@cases
def test_every_fa_has_english(case: Seed) -> None:
    for path, node in bilingual(case.load()):
        en = node.get("en")
        assert isinstance(en, str) and en.strip(), f"{path} has no English"
        assert not ARABIC_SCRIPT.search(en), f"{path}.en contains Persian script"


@cases
def test_counts(case: Seed) -> None:
    text = case.load()["text"]
    points = text["points"]
    assert len(text["considerations"]) == case.considerations
    assert len(points) == case.points
    for index, point in enumerate(points):
        assert len(point.get("paragraphs", [])) == case.paragraphs.get(index, 0), index
        assert len(point.get("items", [])) == case.items.get(index, 0), index


def test_normalize_rules() -> None:
    assert normalize("علي ك") == "علی ک"
    assert normalize("\u0662\u0667 ژوئیه \u00a0\u0662\u0660\u0660\u0669") == "۲۷ ژوئیه ۲۰۰۹"
    assert normalize("الف\u066c ب") == "الف\u060c ب"
    assert normalize("\u0661\u066c\u0660\u0660\u0660") == "۱\u066c۰۰۰"
    assert normalize("  یک   دو \n\n سه *\n") == "یک دو\n\nسه"
    assert normalize("می\u200cکند") == "می\u200cکند"


def test_strip_enumerator() -> None:
    assert strip_enumerator("۱-  متن") == "متن"
    assert strip_enumerator("\u0661- متن") == "متن"
    assert strip_enumerator("۵ \u2013 متن") == "متن"
    assert strip_enumerator("۸ متن") == "متن"
    assert strip_enumerator("الف) متن") == "متن"
    assert strip_enumerator("و) از متن") == "از متن"
    assert strip_enumerator("۲۷ ژوئیه ۲۰۰۹") == "۲۷ ژوئیه ۲۰۰۹"
    assert strip_enumerator("حزب- پروسه") == "حزب- پروسه"
    assert strip_enumerator("واحد پایه") == "واحد پایه"
