"""The PDFs' ligatures of right-to-left letters (لا) read as their letters
(shora/publish/pdf_text.py) by readers nobody here wrote -- pypdf, poppler's pdftotext,
pdf.js, pdfminer.six -- while the pages look exactly as without (poppler's pdftoppm). The words of
the real resolutions are checked in tests/test_pdf.py. PDFium (Chromium's and
Android's viewers), which reads no text of glyphs without a box, is not installed
here: what it needs is checked in the PDF itself
(test_the_added_letters_draw_a_ligature_glyph)."""

from __future__ import annotations

import re
import shutil
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest

from shora.load.dataset import Dataset
from shora.publish import pdf, pdf_text
from shora.site.pages import SiteRenderer
from shora.site.routes import pdf_url
from shora.validate import validate_project

from .built_sites import real_site
from .pdf_readers import pdfminer_lines
from .site_project import REPO

pytestmark = pytest.mark.skipif(
    shutil.which("pdftotext") is None or shutil.which("pdftoppm") is None,
    reason="poppler-utils (pdftotext, pdftoppm) is not installed",
)
PDF_JS = Path(__file__).parent / "js" / "pdf_text.mjs"
needs_pdf_js = pytest.mark.skipif(
    shutil.which("node") is None or not (REPO / "node_modules" / "pdfjs-dist").is_dir(),
    reason="Node or pdfjs-dist (npm ci) is not installed",
)
# Words with the ligature after a letter that joins it (final form) and alone.
WORDS = ("اسلامی", "لاینفک", "انقلابی")
# A character no font has: WeasyPrint draws .notdef and gives the font a CMap of its own.
MISSING = "\U0010fffd"
_BF_CHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>")


@pytest.fixture(scope="module")
def fonts() -> str:
    """The print font's @font-face rules, as the build makes them."""
    return pdf._font_faces()


def _html(paragraph: str) -> str:
    return (
        '<html lang="fa" dir="rtl"><body>'
        f"<p>{paragraph}</p>"
        '<p lang="en" dir="ltr">The office of fine flowers</p>'
        "</body></html>"
    )


def _render(html: str, fonts: str, finisher: Callable[[Any, Any], None] | None) -> bytes:
    from weasyprint import HTML

    configuration, stylesheets = pdf._print_styles(fonts)
    document = HTML(string=html).render(stylesheets=stylesheets, font_config=configuration)
    made: bytes = document.write_pdf(finisher=finisher)
    return made


def _pictures(source: Path, folder: Path) -> list[bytes]:
    """Every page as pixels (PNG, 50 dpi), as poppler draws it."""
    prefix = folder / f"{source.parent.name}-{source.stem}"
    subprocess.run(["pdftoppm", "-png", "-r", "50", str(source), str(prefix)], check=True)
    return [page.read_bytes() for page in sorted(folder.glob(f"{prefix.name}-*.png"))]


def _pdftotext(path: Path) -> str:
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout


def _pdf_js(path: Path) -> str:
    return subprocess.run(
        ["node", str(PDF_JS), str(path)], check=True, capture_output=True, text=True
    ).stdout


def _pypdf(path: Path) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(path).pages)


def _fonts(path: Path) -> dict[str, Any]:
    """The PDF's fonts by resource name (pypdf's dictionaries)."""
    fonts: dict[str, Any] = {}
    for page in pypdf.PdfReader(path).pages:
        resources: Any = page["/Resources"]
        for name, font in resources.get_object()["/Font"].items():
            fonts[name] = font.get_object()
    return fonts


def _texts(font: Any) -> dict[int, str]:
    """Each code's text in a font's ToUnicode map."""
    cmap = font["/ToUnicode"].get_object().get_data()
    return {
        int(match[1], 16): bytes.fromhex(match[2].decode()).decode("utf-16-be")
        for match in _BF_CHAR.finditer(cmap)
    }


def _ligature_maps(path: Path) -> list[str]:
    """The texts of several right-to-left letters the PDF's fonts map one code to."""
    return [
        text
        for font in _fonts(path).values()
        for text in _texts(font).values()
        if pdf_text.is_right_to_left_ligature(text)
    ]


@pytest.fixture(scope="module", params=[False, True], ids=["identity", "missing-glyph"])
def made(
    request: pytest.FixtureRequest, fonts: str, tmp_path_factory: pytest.TempPathFactory
) -> Made:
    """A Persian paragraph with lam-alef in both forms and weights, and an English one,
    made with the change and without; with a glyph missing or not."""
    missing: bool = request.param
    paragraph = f"رژیم {WORDS[0]} {MISSING if missing else ''} و {WORDS[1]} و <b>{WORDS[2]}</b>"
    folder = tmp_path_factory.mktemp("pdf-text")
    before, after = folder / "before.pdf", folder / "after.pdf"
    before.write_bytes(_render(_html(paragraph), fonts, None))
    after.write_bytes(_render(_html(paragraph), fonts, pdf_text.separate_ligatures))
    return Made(before, after, missing)


@dataclass(frozen=True)
class Made:
    before: Path
    after: Path
    missing: bool


def _assert_reads_the_words(text: str) -> None:
    assert [word for word in WORDS if word not in text] == []
    assert "The office of fine flowers" in text


def test_the_page_looks_the_same_and_no_code_maps_to_a_ligature(made: Made, tmp_path: Path) -> None:
    assert made.after.read_bytes() != made.before.read_bytes()
    assert _pictures(made.after, tmp_path) == _pictures(made.before, tmp_path)
    assert _ligature_maps(made.before)
    assert _ligature_maps(made.after) == []


def test_the_added_letters_draw_a_ligature_glyph(made: Made) -> None:
    """Each code added for a letter draws (invisibly) the glyph of a ligature with that
    letter, which has a box, as PDFium wants; every other code its own glyph. The
    table is read back by pypdf, through its predictor."""
    before, after = _fonts(made.before), _fonts(made.after)
    for name, font in after.items():
        ligatures = {
            code: text
            for code, text in _texts(before[name]).items()
            if pdf_text.is_right_to_left_ligature(text)
        }
        cid_font = font["/DescendantFonts"][0].get_object()
        if not ligatures:
            assert cid_font["/CIDToGIDMap"] == "/Identity"
            continue
        table = cid_font["/CIDToGIDMap"].get_object().get_data()
        glyphs = [int.from_bytes(table[at : at + 2], "big") for at in range(0, len(table), 2)]
        moved = {code: glyph for code, glyph in enumerate(glyphs) if glyph != code}
        texts = _texts(font)
        assert moved
        for code, glyph in moved.items():
            assert code not in _texts(before[name])
            assert texts[code] in ligatures[glyph][1:]


def test_pdftotext_reads_the_letters(made: Made) -> None:
    _assert_reads_the_words(_pdftotext(made.after))


def test_pypdf_reads_the_letters(made: Made) -> None:
    if made.missing:
        # Of a font with WeasyPrint's own CMap pypdf reads no text, with or without.
        assert WORDS[0] not in _pypdf(made.before)
    else:
        _assert_reads_the_words(_pypdf(made.after))


@needs_pdf_js
def test_pdf_js_reads_the_letters(made: Made) -> None:
    _assert_reads_the_words(_pdf_js(made.after))


def _pdfminer(path: Path) -> str:
    return "\n".join(pdfminer_lines(path, right_to_left=True))


def test_pdfminer_reads_the_letters(made: Made) -> None:
    """Without the change pdfminer.six gives the ligature's letters as they are mapped,
    in reading order inside a line it gives in the order shown: turned to reading
    order, they are reversed (انقالبی; pdfminer/pdfminer.six#850)."""
    before, after = _pdfminer(made.before), _pdfminer(made.after)
    assert WORDS[2] not in before and "انقالبی" in before
    if made.missing:
        # Of a font with WeasyPrint's own CMap (the regular weight's, here) it reads
        # no text, as pypdf, with or without; the bold word's font is read.
        assert WORDS[2] in after
        assert WORDS[0] not in after and "The office" not in after
        assert WORDS[0] not in before and "The office" not in before
    else:
        _assert_reads_the_words(after)


def test_a_pdf_without_such_ligatures_is_left_as_it_is(fonts: str) -> None:
    html = '<html lang="en"><body><p>The office of fine flowers</p></body></html>'
    assert _render(html, fonts, pdf_text.separate_ligatures) == _render(html, fonts, None)


def test_the_sites_pdfs_look_as_without_and_pypdf_reads_them_the_same(
    tmp_path_factory: pytest.TempPathFactory,
    tmp_path: Path,
    fonts: str,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The real resolutions' Persian PDFs against the same made without the change."""
    site = real_site(tmp_path_factory)
    dataset: Dataset = validate_project(REPO).dataset
    renderer = SiteRenderer(dataset, "fa")
    monkeypatch.delenv("SHORA_SITE_URL", raising=False)
    monkeypatch.setattr(pdf_text, "separate_ligatures", lambda document, made: None)
    for entry in renderer.resolutions:
        built = site / pdf_url(entry.id, "fa")
        job = pdf._job(renderer, entry)
        plain = tmp_path / entry.id / "plain.pdf"
        plain.parent.mkdir()
        plain.write_bytes(pdf._pdf(job.html, job.identifier, fonts))
        assert _pictures(built, tmp_path) == _pictures(plain, tmp_path)
        assert _pypdf(built) == _pypdf(plain)
        assert _ligature_maps(plain)
        assert _ligature_maps(built) == []


def test_a_split_text_array_keeps_its_positions_and_rendering_mode() -> None:
    """A ``TJ`` array cut before the ligature (code 021c; its alef: 0300), its kerning
    kept, and the rendering mode set back to the one in force (saved by q, restored by
    Q); codes are read two bytes at a time, and another font is left alone."""
    plan = pdf_text._Font(before={b"021c": b"0300"}, letters={0x300: "ا"})
    fonts = {b"F1": (plan, plan.pattern())}
    operations: list[Any] = [
        b"q",
        b"2 Tr",
        b"/F1 12 Tf",
        b"[<021c>-5<0201021c0019>] TJ",
        b"Q",
        b"[<0201021c>] TJ",
        b"[<00021c00>] TJ",
        b"/F2 12 Tf",
        b"[<021c>] TJ",
    ]
    invisible = b"3 Tr\n[<0300>] TJ\n"
    assert pdf_text._rewrite_content(operations, fonts) == [
        b"q",
        b"2 Tr",
        b"/F1 12 Tf",
        invisible + b"2 Tr\n[<021c>-5<0201>] TJ\n" + invisible + b"2 Tr\n[<021c0019>] TJ",
        b"Q",
        b"[<0201>] TJ\n" + invisible + b"0 Tr\n[<021c>] TJ",
        b"[<00021c00>] TJ",
        b"/F2 12 Tf",
        b"[<021c>] TJ",
    ]


@pytest.mark.parametrize(
    ("text", "ligature"),
    [("لا", True), ("لّا", True), ("ل", False), ("fi", False), ("ffi", False), ("ل1", False)],
)
def test_which_glyphs_are_ligatures_readers_reverse(text: str, ligature: bool) -> None:
    assert pdf_text.is_right_to_left_ligature(text) is ligature
