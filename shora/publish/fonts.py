"""Vazirmatn cut to what the built site shows, and a fallback that takes its room.

The theme vendors the whole Vazirmatn variable font (``theme/assets/fonts/vazirmatn/``:
an Arabic and a Latin file, each with the weight axis 100 to 900), which the preview
serves as it is. After both languages are built, :func:`write` replaces the copies in
the built site by subsets (fontTools) and writes the site's ``fonts.css`` for them:

- **Characters**: those of every built page and of the site's own scripts and data
  files, plus what a reader may type into a search or filter box (ASCII, the Persian
  alphabet and digits: :data:`TYPED`).
- **Weights**: the axis limited to 400-700, the weights the stylesheets ask for
  (Material's light 300 is drawn at 400).
- **Three files, disjoint** ``unicode-range``: the Arabic script; the spaces, digits and
  punctuation (shared by both languages, so a Persian page does not load the Latin
  letters for its spaces and full stops); the Latin letters. A page loads only the
  files of the characters it shows. The language switch names the other language in
  its own script on every page: its few letters are a family of their own
  (``Vazirmatn Language``, two tiny files), so that word alone does not load a script.
  The Persian letters of code are ``Vazirmatn Code``: the Arabic file again, first in
  the code font's list, so that the monospace font draws the rest. Persian text is
  ``Vazirmatn Persian`` first: the Arabic file again, with the spaces, so that a
  Persian line is one run of one file (see :func:`write`).
- **Names** carry a hash of the content: a changed subset is a new address, never a
  stale cached font missing a letter. Same input, same bytes.
- **Fallback** (``Vazirmatn Fallback``): local fonts whose metrics are known
  (:data:`FALLBACKS`), scaled with ``size-adjust`` to Vazirmatn's average advance and
  given its ascent and descent, so the text laid out before the font arrives takes the
  room it will take after: little layout shift when the font swaps in.
"""

from __future__ import annotations

import hashlib
import io
import os
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from shora.load.cache import made_folder, used
from shora.publish import built_files

FOLDER = Path("assets") / "fonts" / "vazirmatn"
SOURCES = {
    "arabic": "vazirmatn-arabic-wght-normal.woff2",
    "latin": "vazirmatn-latin-wght-normal.woff2",
}
WEIGHTS = (400, 700)
# The space and the no-break space: in the Arabic files too (see :func:`write`).
SPACES = frozenset({" ", "\u00a0"})
# Not on any page yet, but typed into the search and filter boxes: ASCII, the Persian
# alphabet and digits, ZWNJ. (Arabic letters and digits, which the search folds, are
# drawn by the fallback font unless a page has them.)
TYPED = (
    {chr(c) for c in range(0x20, 0x7F)}
    | set("آابپتثجچحخدذرزژسشصضطظعغفقکگلمنوهیئءأۀ،؛؟«»")
    | {chr(c) for c in range(0x6F0, 0x6FA)}
    | {"\u200c", "\u00a0"}
)
# The site's own scripts and data files whose strings are shown (not Material's, whose
# strings are in the pages, nor the search indexes, pagefind/ and search/disk/, whose
# text is the pages': `shora build` writes them while the fonts are cut).
SCRIPTS_SKIPPED = ("pagefind", "disk", "workers", "lunr")
# Local fonts a browser may fall back to: the script they stand in for, their
# ``local()`` names, and their average advance over the script's sample (SAMPLES) in
# ems, measured with :func:`font_metrics` from Liberation Sans 1.07 (metric-compatible
# with Arial and Arimo by design), DejaVu Sans 2.37 (the Linux default, which also
# draws Arabic), and Android's Roboto 2.138 and Noto Naskh Arabic UI 2.005 (Noto Naskh
# Arabic 2.004, its other variant there, has the same advances and a deeper descent,
# which the face overrides anyway), as Debian packages them; tests/test_fonts.py
# measures them again where these fonts are installed. A face gives its font
# Vazirmatn's ascent and descent too: form fields take their height from the font.
# Of several for one script the browser tries the later face first (CSS Fonts 4, the
# font matching algorithm) and an earlier one where the later's fonts are not
# installed: each face its own font's measures, whichever a reader's system has.
FALLBACKS = (
    ("latin", ("DejaVu Sans", "DejaVuSans"), 0.5002),
    ("latin", ("Roboto", "Roboto-Regular"), 0.4375),
    ("latin", ("Arial", "ArialMT", "Liberation Sans", "LiberationSans", "Arimo"), 0.4376),
    ("arabic", ("DejaVu Sans", "DejaVuSans"), 0.5724),
    (
        "arabic",
        (
            "Noto Naskh Arabic UI Regular",
            "NotoNaskhArabicUI-Regular",
            "Noto Naskh Arabic Regular",
            "NotoNaskhArabic-Regular",
        ),
        0.4701,
    ),
)
# A sample of each script, to compare average advances (letter frequencies of ordinary
# prose; spaces included, as they share the line).
SAMPLES = {
    "latin": "The councils adopted the resolution on the place and importance of the party, "
    "with every clause and a note on its translation; 27 July 2009.",
    "arabic": "قطعنامه در مورد جایگاه و اهمیت حزب، مصوب کمیته مرکزی؛ شوراها و مجمع عمومی "
    "تصمیم می‌گیرند و هیئت اجرایی قابل عزل است.",
}


@dataclass(frozen=True)
class Face:
    """One ``@font-face``: its family, the file, the characters it is used for."""

    family: str
    file: str
    characters: frozenset[str]


def site_characters(site_dir: Path) -> set[str]:
    """Every character of the built pages and of the site's own scripts (as read as
    text: a carriage return is a line feed)."""
    found = _Characters()
    for name in built_files.files(site_dir):
        if name.endswith(".js"):
            parts = name.split("/")
            if any(part in SCRIPTS_SKIPPED for part in parts) or parts[-1].startswith("bundle."):
                continue
        elif not name.endswith(".html"):
            continue
        with open(os.path.join(site_dir, name), "rb") as stream:
            found.add(stream.read())
    return found.characters


_ASCII = bytes(range(0x80))
_NOT_ASCII = bytes(range(0x80, 0x100))


class _Characters:
    """The characters of many UTF-8 texts, at C speed: the bytes of the characters
    beyond ASCII (each two or more) taken out in one call and decoded; the ASCII bytes
    not seen yet, in another (the pages share them all)."""

    def __init__(self) -> None:
        self.characters: set[str] = set()
        self._ascii_seen = b""

    def add(self, data: bytes) -> None:
        beyond = data.translate(None, _ASCII)
        if beyond:
            self.characters.update(beyond.decode("utf-8"))
        new = data.translate(None, _NOT_ASCII + self._ascii_seen)
        if new:
            self._ascii_seen += bytes(sorted(set(new)))
            shown = {chr(byte) for byte in new}
            if "\r" in shown:  # read as text, "\r\n" and "\r" are "\n"
                shown = (shown - {"\r"}) | {"\n"}
            self.characters |= shown


def _runs(characters: Iterable[str]) -> list[tuple[int, int]]:
    """The code points of ``characters`` as runs (first, last) of consecutive ones."""
    runs: list[list[int]] = []
    for point in sorted(ord(c) for c in characters):
        if runs and point == runs[-1][1] + 1:
            runs[-1][1] = point
        else:
            runs.append([point, point])
    return [(a, b) for a, b in runs]


def _is_letter(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM"


def split(arabic: set[str], latin: set[str], wanted: set[str]) -> dict[str, set[str]]:
    """The wanted characters each file draws, disjoint: Arabic-only characters to the
    Arabic file; the rest of the Latin file's into letters and the shared rest."""
    arabic_only = (arabic - latin) & wanted
    shared = {c for c in latin & wanted if not _is_letter(c)}
    letters = {c for c in latin & wanted if _is_letter(c)}
    return {"arabic": arabic_only, "common": shared, "latin": letters}


def subset(source: bytes, characters: Iterable[str]) -> bytes:
    """``source`` (a variable woff2) cut to ``characters`` and the weights
    :data:`WEIGHTS`, as woff2. The same input gives the same bytes, so a cut is kept in
    the user's cache folder under a hash of its inputs (about a second each, five a
    build, the same from build to build while the text's characters are)."""
    import fontTools

    points = sorted(ord(c) for c in characters)
    key = hashlib.sha256(
        repr((fontTools.version, WEIGHTS, points)).encode() + hashlib.sha256(source).digest()
    ).hexdigest()
    store = made_folder("fonts")
    kept = store / f"{key}.woff2" if store is not None else None
    if kept is not None and kept.is_file():
        used(kept)
        return kept.read_bytes()
    data = _cut(source, points)
    if kept is not None:
        partial = kept.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(data)
        partial.replace(kept)  # whole or not at all, with builds running side by side
    return data


def _cut(source: bytes, points: list[int]) -> bytes:
    from fontTools import subset as ft_subset
    from fontTools.ttLib import TTFont
    from fontTools.varLib import instancer

    font = TTFont(io.BytesIO(source), recalcTimestamp=False)
    options = ft_subset.Options()
    options.flavor = "woff2"
    # fontTools's default features (the joining forms, ligatures, marks, kerning...) and
    # the tabular digits of the clause labels.
    options.layout_features += ["tnum"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # the licence stays with the font
    options.notdef_outline = True
    subsetter = ft_subset.Subsetter(options)
    subsetter.populate(unicodes=points)
    subsetter.subset(font)
    font = instancer.instantiateVariableFont(font, {"wght": WEIGHTS})
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out, reorderTables=True)
    return out.getvalue()


def _cmap(source: bytes) -> set[str]:
    from fontTools.ttLib import TTFont

    return {chr(c) for c in TTFont(io.BytesIO(source)).getBestCmap()}


def font_metrics(data: bytes | Path, script: str) -> tuple[float, float, float, float]:
    """(average advance of the script's sample, ascent, descent, line gap) in ems,
    from the horizontal header (what browsers use on Linux and macOS)."""
    from fontTools.ttLib import TTFont

    font = TTFont(io.BytesIO(data) if isinstance(data, bytes) else data)
    em = font["head"].unitsPerEm
    cmap = font.getBestCmap()
    widths = font["hmtx"].metrics
    advances = [widths[cmap[ord(c)]][0] for c in SAMPLES[script] if ord(c) in cmap]
    hhea = font["hhea"]
    return (
        sum(advances) / len(advances) / em,
        hhea.ascent / em,
        -hhea.descent / em,
        hhea.lineGap / em,
    )


def _range(characters: Iterable[str]) -> str:
    """A CSS ``unicode-range`` of exactly these characters."""
    return ",".join(f"U+{a:X}" if a == b else f"U+{a:X}-{b:X}" for a, b in _runs(characters))


def _face(face: Face, weights: str = f"{WEIGHTS[0]} {WEIGHTS[1]}") -> str:
    return (
        "@font-face {\n"
        f'  font-family: "{face.family}";\n'
        "  font-style: normal;\n"
        "  font-display: swap;\n"
        f"  font-weight: {weights};\n"
        f'  src: url("{face.file}") format("woff2");\n'
        f"  unicode-range: {_range(face.characters)};\n"
        "}\n"
    )


def _fallback(
    script: str, names: tuple[str, ...], average: float, vazirmatn: bytes, chars: set[str]
) -> str:
    own, ascent, descent, gap = font_metrics(vazirmatn, script)
    adjust = own / average
    sources = ", ".join(f'local("{name}")' for name in names)
    return (
        "@font-face {\n"
        '  font-family: "Vazirmatn Fallback";\n'
        f"  src: {sources};\n"
        f"  size-adjust: {100 * adjust:.2f}%;\n"
        f"  ascent-override: {100 * ascent / adjust:.2f}%;\n"
        f"  descent-override: {100 * descent / adjust:.2f}%;\n"
        f"  line-gap-override: {100 * gap / adjust:.2f}%;\n"
        f"  unicode-range: {_range(chars)};\n"
        "}\n"
    )


def write(site_dir: Path, language_names: Iterable[str] = ()) -> list[Path]:
    """Replace the built site's Vazirmatn files by subsets and write its fonts.css, in
    each language's assets (the English build has its own, under en/): the same files,
    cut to the characters of both languages. ``language_names``: the words of the
    language switch. The files written."""
    folders = [
        f for f in (site_dir / FOLDER, site_dir / "en" / FOLDER) if (f / "fonts.css").is_file()
    ]
    if not folders:
        return []
    sources = {script: (folders[0] / name).read_bytes() for script, name in SOURCES.items()}
    cmaps = {script: _cmap(data) for script, data in sources.items()}
    wanted = site_characters(site_dir) | TYPED
    parts = split(cmaps["arabic"], cmaps["latin"], wanted)
    names = set("".join(language_names)) - parts["common"] - {" "}
    switch = split(cmaps["arabic"], cmaps["latin"], names)
    files: dict[str, bytes] = {}
    faces: list[Face] = []

    def add(family: str, stem: str, script: str, characters: set[str]) -> Face | None:
        if not characters:
            return None
        # An Arabic file keeps its space glyph, though spaces are drawn from the shared
        # file (its unicode-range leaves them out): HarfBuzz draws a zero-width
        # character such as ZWNJ as the font's space, and, without one, removes it and
        # gives the next letter its place in the text, which WebKit then hides as it
        # hides a ZWNJ (WebKitGTK 2.50 drew می‌شود as می‌ود: every word with a ZWNJ lost
        # the letter after it).
        drawn = characters | SPACES if script == "arabic" else characters
        data = subset(sources[script], drawn)
        name = f"{stem}.{hashlib.sha256(data).hexdigest()[:10]}.woff2"
        files[name] = data
        face = Face(family, name, frozenset(characters))
        faces.append(face)
        return face

    arabic = add("Vazirmatn", "vazirmatn-arabic", "arabic", parts["arabic"])
    if arabic is not None:
        # Persian text takes its spaces from the Arabic file too (the same file again,
        # first in the Persian text's list of families): WebKit lays out each run of one
        # file apart, and a word alone in its run whose last letter carries a mark
        # (دقیقاً) was drawn raised by the height of the mark.
        faces.append(Face("Vazirmatn Persian", arabic.file, arabic.characters | SPACES))
        # Code takes a monospace font, which has no Persian letters: they are drawn in
        # Vazirmatn, from the same file (the rest of the code in the monospace font).
        faces.append(Face("Vazirmatn Code", arabic.file, arabic.characters))
    add("Vazirmatn", "vazirmatn-common", "latin", parts["common"])
    add("Vazirmatn", "vazirmatn-latin", "latin", parts["latin"])
    add("Vazirmatn Language", "vazirmatn-language-arabic", "arabic", switch["arabic"])
    add(
        "Vazirmatn Language",
        "vazirmatn-language-latin",
        "latin",
        switch["latin"] | switch["common"],
    )
    fallback_chars = {"latin": parts["common"] | parts["latin"], "arabic": parts["arabic"]}
    css = [
        "/* Vazirmatn (SIL Open Font License 1.1: LICENSE in this folder), cut to the\n"
        " * characters of this site and the weights 400-700 by shora.publish.fonts; the\n"
        " * whole font is in the source's theme/assets/fonts/vazirmatn/. */\n",
        *(_face(face) for face in faces),
        *(
            _fallback(script, local, average, sources[script], fallback_chars[script])
            for script, local, average in FALLBACKS
        ),
    ]
    written: list[Path] = []
    for folder in folders:
        for name in SOURCES.values():
            (folder / name).unlink()
        for name, data in files.items():
            (folder / name).write_bytes(data)
            written.append(folder / name)
        (folder / "fonts.css").write_text("\n".join(css), encoding="utf-8")
        written.append(folder / "fonts.css")
    return written
