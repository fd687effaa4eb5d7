"""The fonts cut for the built site (shora.publish.fonts), without building a site."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont

from shora.publish import fonts

VENDORED = Path(__file__).resolve().parents[1] / "theme" / "assets" / "fonts" / "vazirmatn"
SOURCES = {script: (VENDORED / name).read_bytes() for script, name in fonts.SOURCES.items()}
# Where Debian installs each fallback's font (fonts-liberation, fonts-dejavu-core,
# fonts-roboto-unhinted, fonts-noto-ui-core).
SYSTEM_FONTS = {
    "Arial": Path("/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf"),
    "DejaVu Sans": Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    "Roboto": Path("/usr/share/fonts/truetype/roboto/unhinted/RobotoTTF/Roboto-Regular.ttf"),
    "Noto Naskh Arabic UI Regular": Path(
        "/usr/share/fonts/truetype/noto/NotoNaskhArabicUI-Regular.ttf"
    ),
}


def _cmap(data: bytes) -> set[str]:
    return {chr(c) for c in TTFont(io.BytesIO(data)).getBestCmap()}


def test_the_three_files_draw_disjoint_sets_of_every_wanted_character() -> None:
    arabic, latin = _cmap(SOURCES["arabic"]), _cmap(SOURCES["latin"])
    wanted = set("سلام، دنیا! Hello, world. ۱۲۳ 123 «»\u200c")
    parts = fonts.split(arabic, latin, wanted)
    assert parts["arabic"] & parts["common"] == set()
    assert parts["arabic"] & parts["latin"] == set()
    assert parts["common"] & parts["latin"] == set()
    assert parts["arabic"] | parts["common"] | parts["latin"] == wanted
    # A Persian sentence needs the Arabic file and the shared one, not the Latin letters.
    assert set("سلام، دنیا ۱۲۳\u200c") <= parts["arabic"] | parts["common"]
    assert {" ", ".", "1", "!"} <= parts["common"] and set("Helowrd") <= parts["latin"]


def test_a_subset_has_the_characters_and_weights_asked_for_and_the_same_bytes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = set("قطعنامه شوراها")
    monkeypatch.setenv("SHORA_CACHE", "off")  # cut twice, not read back
    one = fonts.subset(SOURCES["arabic"], text)
    assert one == fonts.subset(SOURCES["arabic"], text)
    # Kept in the cache under its inputs, and read back as it was made.
    monkeypatch.setenv("SHORA_CACHE", "on")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert fonts.subset(SOURCES["arabic"], text) == one
    (kept,) = (tmp_path / "shora" / "fonts").iterdir()
    assert kept.read_bytes() == one
    assert fonts.subset(SOURCES["arabic"], text) == one
    font = TTFont(io.BytesIO(one))
    assert font.flavor == "woff2"
    assert text - {" "} <= _cmap(one)
    assert len(_cmap(one)) < len(_cmap(SOURCES["arabic"])) / 4
    (axis,) = font["fvar"].axes
    assert (axis.axisTag, axis.minValue, axis.maxValue) == ("wght", *fonts.WEIGHTS)
    assert len(one) < len(SOURCES["arabic"]) / 4


@pytest.mark.parametrize(("script", "names", "average"), fonts.FALLBACKS)
def test_the_fallbacks_measures_are_those_of_their_fonts(
    script: str, names: tuple[str, ...], average: float
) -> None:
    path = SYSTEM_FONTS[names[0]]
    if not path.is_file():
        pytest.skip(f"{path} is not installed")
    measured, *_ = fonts.font_metrics(path, script)
    assert measured == pytest.approx(average, abs=5e-4)


def test_the_site_characters_are_every_character_of_its_pages_and_scripts(
    tmp_path: Path,
) -> None:
    """Whatever the bytes: control characters, astral ones, two-byte and three-byte
    ones; pages that add nothing new, pages that add one; line ends read as text."""
    pages = [
        "<p>سلام، شورا</p>",
        "<p>سلام</p>",
        "a]b^c-d\\e[f",
        "\n\t \u200c\U0001f600 z",
        "ABC abc 123 ۱۲۳",
        "<p>ABC</p>",
        "\x00\x7f\u2028\ufffd",
        "line\r\nends\r",
    ]
    for number, text in enumerate(pages):
        (tmp_path / f"p{number}").mkdir()
        (tmp_path / f"p{number}" / "index.html").write_text(text, encoding="utf-8")
    (tmp_path / "own.js").write_text("const é = 'ŋ';", encoding="utf-8")
    (tmp_path / "pagefind").mkdir()
    (tmp_path / "pagefind" / "skipped.js").write_text("ж", encoding="utf-8")
    shown = "".join(pages).replace("\r\n", "\n").replace("\r", "\n")
    assert fonts.site_characters(tmp_path) == set(shown) | set("const é = 'ŋ';")
