"""The site's JavaScript folding (theme/assets/javascripts/fold.js) against the Python
(shora.core.persian.fold), with which the search indexes and the directory's data are
folded at build time: the same result for every character of Python's Unicode database,
for the permanent non-characters, and for texts where characters meet (NFKD sequences,
ß, ﻻ, Hangul jamo, a final sigma, ZWNJ, whitespace runs, random mixtures of every
character the folding changes). The script runs in Node.js (tests/js/fold.mjs), whose
NFKD, NFC, \\p{M} and toLowerCase are V8's and ICU's, as in Chromium."""

from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import unicodedata
from pathlib import Path

import pytest

from shora.core.persian import FOLD_TABLE, fold, fold_keeping_case
from shora.tools import fold_script

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "theme" / "assets" / "javascripts" / "fold.js"
NODE_FOLD = REPO / "tests" / "js" / "fold.mjs"
# Unassigned in every version of Unicode (noncharacters), and private use: left alone.
LEFT_ALONE = [
    *map(chr, range(0xFDD0, 0xFDF0)),
    *(chr(plane * 0x10000 + low) for plane in range(17) for low in (0xFFFE, 0xFFFF)),
    "\ue000", "\uf8ff", "\U000f0000", "\U0010fffd",
]  # fmt: skip
# Texts whose characters act on each other or fold to more (or fewer) characters.
TEXTS = [
    "Straße STRASSE straẞe",
    "ΣΑΣ ΟΔΟΣ σας",  # a final capital sigma: case folding gives σ, toLowerCase ς
    "ﻻ ﷲ ﷺ ﷽",  # NFKD: one character, several letters
    "e\u0301cole E\u0301COLE école",
    "\u1100\u1161\u11a8 \u1100\u1161",  # Hangul jamo that NFC composes
    "ﬁnal ﬀ Ⅻ ㎏ ½ ①",
    "İstanbul ǰ ŉ ǅ ᾳ ᾼ ΐ",
    "Ꭰꭰ ᏸᏰ ᲀ",
    "قطعنامهٔ مُصَوَّب خانۀ خانهٔ",
    "سازمـاندهی كمونيسم ة ى",
    "توده\u200cای \u200dحزب",
    "١٣٨٨ ۱۳۸۸ 1388 ١۲3",
    "  Party\u200cPOLICY  \t\n",
    "a\u3000b\x1cc\x85d\ufeffe\u2028f\u00a0g",
    "\u064b\u0670\u06dd\u06de ا\u0654 ي\u0654",
    "",
    " ",
    "\u200c\u0640\u200d",
]
RANDOM_TEXTS = 3000


def node_fold(texts: list[str], script: Path = SCRIPT) -> tuple[str, list[str], list[bool]]:
    """``texts`` folded by ``script`` in Node.js: (Node's Unicode version, the folded
    texts, which texts are one character Node's Unicode does not know)."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the JavaScript folding runs in Node.js")
    done = subprocess.run(
        [node, str(NODE_FOLD), str(script)],
        input=json.dumps(texts),
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=True,
    )
    found = json.loads(done.stdout)
    return found["unicode"], found["folded"], found["unassigned"]


def differences(texts: list[str], expected: list[str], script: Path = SCRIPT) -> list[str]:
    """The texts the script folds otherwise than Python (``expected``), described."""
    version, folded, unknown = node_fold(texts, script)
    wrong = []
    for text, by_python, by_script, is_unknown in zip(
        texts, expected, folded, unknown, strict=True
    ):
        if by_script != by_python and not is_unknown:  # (unknown: newer than Node's Unicode)
            names = ", ".join(f"U+{ord(c):04X} {unicodedata.name(c, '?')}" for c in text[:3])
            wrong.append(f"{text!r} ({names}): Python {by_python!r}, script {by_script!r}")
    return [f"Unicode {unicodedata.unidata_version} / Node {version}", *wrong][: 1 + 40]


@pytest.fixture(scope="module")
def characters() -> list[str]:
    return [*fold_script.assigned(), *LEFT_ALONE]


@pytest.fixture(scope="module")
def folded(characters: list[str]) -> list[str]:
    return [fold(c) for c in characters]


@pytest.fixture(scope="module")
def touched(characters: list[str], folded: list[str]) -> list[str]:
    return [c for c, f in zip(characters, folded, strict=True) if f != c]


def test_the_script_has_the_tables_python_writes() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    assert fold_script.written(script) == script, "run .venv/bin/python -m shora.tools.fold_script"


def test_every_character_folds_as_in_python(
    characters: list[str], folded: list[str], touched: list[str]
) -> None:
    # What the folding is about is among what is compared.
    for character in "يىكةۀآأإـ\u200c\u200d۱٢ßẞςΣĀ\u0301\u064eﻻ\u3000":
        assert character in characters
    assert len(characters) > 140_000 and len(touched) > 9_000
    found = differences(characters, folded)
    assert found[1:] == [], "\n".join(found)


def test_texts_fold_as_in_python(touched: list[str]) -> None:
    """Characters side by side: the given texts, and random ones of the characters the
    folding changes, with letters, spaces and marks between them."""
    chooser = random.Random(12)
    pool = [*touched, *"abcXYZ   ", "\u200c", "\u0301", "\u0654", "\u064e", "ه", "ی"]
    texts = [*TEXTS]
    for _ in range(RANDOM_TEXTS):
        texts.append("".join(chooser.choice(pool) for _ in range(chooser.randint(2, 8))))
    found = differences(texts, [fold(text) for text in texts])
    assert found[1:] == [], "\n".join(found)


PLANTED = {
    "ß left to toLowerCase": ('"\\u00df": "ss", ', ""),
    "٩ left alone": ("[0x660, 0x669, -1584]", "[0x660, 0x668, -1584]"),
    "spacing and enclosing marks kept": ("/\\p{M}/gu", "/\\p{Mn}/gu"),
    "the end of ayah kept": ("\\u06d6-\\u06ed", "\\u06d6-\\u06dc\\u06de-\\u06ed"),
    "U+001C not a space": ("\\u001c-\\u0020", "\\u001d-\\u0020"),
}


@pytest.mark.parametrize(("old", "new"), PLANTED.values(), ids=PLANTED)
def test_a_planted_difference_is_found(
    old: str, new: str, touched: list[str], tmp_path: Path
) -> None:
    """The comparison is trusted because it finds a difference planted in the script
    (among the characters the folding changes, the others being compared alike)."""
    script = SCRIPT.read_text(encoding="utf-8")
    assert old in script
    changed = tmp_path / "fold.js"
    changed.write_text(script.replace(old, new, 1), encoding="utf-8")
    found = differences(touched, [fold(c) for c in touched], changed)
    assert len(found) > 1, found


def test_folding_twice_is_folding_once(touched: list[str]) -> None:
    """An index folded at build time is matched by a query the page folds again."""
    assert [c for c in touched if fold(fold(c)) != fold(c)] == []


def test_the_table_has_only_letters_nfkd_leaves() -> None:
    """NFKD splits آ أ إ ۀ into a letter and a mark before the table is used: an entry
    for such a character would never apply."""
    unreachable = [c for c in FOLD_TABLE if c not in fold_script.reachable()]
    assert unreachable == []


def test_folding_keeping_case_is_folding_before_case() -> None:
    for text in TEXTS:
        assert fold_keeping_case(text).casefold() == fold(text), text


def test_the_directorys_spellings_fold_alike() -> None:
    assert fold("Straße") == fold("STRASSE") == "strasse"
    assert fold("كمونيسم") == fold("کمونیسم")
    assert fold("١٣٨٨") == fold("۱۳۸۸") == "1388"
    assert fold("توده\u200cای") == fold("توده ای")
    assert fold("خانۀ") == fold("خانهٔ") == fold("خانه")
    assert re.fullmatch(r"[a-z ]+", fold("ÉCOLE ﬁnal"))


def test_the_tables_replacements_hold_none_of_its_characters() -> None:
    """The table is applied as replacements one after another, which is a translation
    only while no replacement holds a character the table replaces."""
    replacements = "".join(FOLD_TABLE.values())
    assert [c for c in FOLD_TABLE if c in replacements] == []


def test_folding_keeping_case_twice_is_folding_once(touched: list[str]) -> None:
    """The search indexes fold a text once and find its words in that (case folded)."""
    changed = [
        c for c in touched if fold_keeping_case(fold_keeping_case(c)) != fold_keeping_case(c)
    ]
    assert changed == []
    for text in TEXTS:
        assert fold_keeping_case(fold_keeping_case(text)) == fold_keeping_case(text), text
