"""The PDF of every resolution: made by the build, linked from its page, and read back.

The oracle for the text is the built page itself (what a reader sees there) and pypdf,
which reads a PDF's text layer with code nobody here wrote; poppler's ``pdftotext``
(Debian poppler-utils) where it is installed; PDFium (pypdfium2), pdf.js and pdfminer.six
read the Persian words with lam-alef too, and pdfminer.six every paragraph."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import pypdf
import pypdfium2
import pytest
from lxml import html as lxml_html

from shora.load.dataset import Dataset
from shora.publish import pdf
from shora.publish.common import build_epoch, epoch_datetime
from shora.publish.linkcheck import check_site
from shora.publish.offline import make_offline
from shora.site.pages import SiteRenderer
from shora.site.strings import t
from shora.validate import validate_project

from .built_sites import real_site
from .pdf_readers import pdfminer_lines
from .site_project import REPO

LANGUAGES = ("fa", "en")
ARTIFACTS = Path(__file__).parent / "artifacts"
PERSIAN_DIGITS = re.compile("[۰-۹]+")
PAGE_NUMBER = re.compile(r"\s*[0-9۰-۹]+ / [0-9۰-۹]+\s*$")
# A misprint kept from the source: the word as printed and the mark after it.
MARKED = ("shora-sic", "shora-sic-mark")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built as the project publishes it (no address), once per session
    (tests/built_sites.py)."""
    return real_site(tmp_path_factory)


@pytest.fixture(scope="module")
def dataset() -> Dataset:
    return validate_project(REPO).dataset


def _root(site: Path, language: str) -> Path:
    return site if language == "fa" else site / "en"


def _pdf_path(site: Path, language: str, resolution_id: str) -> Path:
    return _root(site, language) / pdf.pdf_url(resolution_id, language)


def _page(site: Path, language: str, resolution_id: str) -> lxml_html.HtmlElement:
    path = _root(site, language) / "resolutions" / resolution_id / "index.html"
    return lxml_html.fromstring(path.read_text(encoding="utf-8"))


def _normal(text: str) -> str:
    """NFC, white space collapsed, and none after a hyphen: a line may end there."""
    return re.sub(r"-\s+", "-", " ".join(unicodedata.normalize("NFC", text).split()))


def _pypdf_text(path: Path, language: str) -> str:
    """pypdf's reading of the whole document, normalised. pypdf takes Persian digits
    for right-to-left letters and so reverses every run of them (۱۳۸۸ -> ۸۸۳۱); the PDF
    holds them in the order they are shown, as it holds all text, and pdftotext reads
    them right (see test_pdftotext_reads_the_digits_as_shown): the runs are turned back."""
    reader = pypdf.PdfReader(path)
    # Each page ends with its number ("1 / 2"), which may fall inside a paragraph.
    pages = [PAGE_NUMBER.sub("", page.extract_text()) for page in reader.pages]
    text = _normal(" ".join(pages))
    if language == "fa":
        text = PERSIAN_DIGITS.sub(lambda match: match[0][::-1], text)
    return text


def _clause_texts(page: lxml_html.HtmlElement) -> list[str]:
    """Every clause's words as the page shows them, in the page's order."""
    return [_normal(span.text_content()) for span in page.find_class("shora-clause-text")]


def _without_marked(text: str, page: lxml_html.HtmlElement) -> str:
    """``text`` without the misprints the page marks (``تبلیع [sic]``): the only lines
    that change direction. No reader orders such a line right: the PDF, as every PDF,
    holds a line's glyphs in the order they are shown, and pypdf and pdftotext each
    guess the order of the runs around a change (pypdf moves the marked word elsewhere
    in its line). The words around it are read back all the same."""
    marked = {_normal(e.text_content()) for name in MARKED for e in page.find_class(name)}
    for words in sorted(marked, key=len, reverse=True):
        text = text.replace(words, " ")
    return _normal(text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_resolution_has_a_pdf_linked_from_its_page_with_its_size(
    site: Path, dataset: Dataset, language: str
) -> None:
    for resolution_id in dataset.resolutions:
        target = _pdf_path(site, language, resolution_id)
        assert target.read_bytes().startswith(b"%PDF-")
        (downloads,) = _page(site, language, resolution_id).find_class("shora-downloads")
        # A link only: nothing the page must load.
        assert [element.tag for element in downloads.iter()] == ["p", "a"]
        (link,) = downloads.findall("a")
        assert link.get("href") == target.name
        assert link.get("type") == "application/pdf"
        size = pdf.Download(target.name, target.stat().st_size).kilobytes(language)
        assert t("pdf_size", language, size=size) in downloads.text_content()


def test_the_link_checker_accepts_pdf_links_and_reports_missing_ones(
    site: Path, tmp_path: Path
) -> None:
    assert check_site(site) == []
    copy = tmp_path / "site"
    (copy / "a").mkdir(parents=True)
    (copy / "a" / "x.pdf").write_bytes(b"%PDF-1.7\n")
    (copy / "a" / "index.html").write_text('<a href="x.pdf">x</a> <a href="y.pdf">y</a>')
    assert [link.link for link in check_site(copy)] == ["y.pdf"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_pypdf_reads_every_paragraph_back_in_reading_order(
    site: Path, dataset: Dataset, language: str
) -> None:
    for resolution_id in dataset.resolutions:
        text = _pypdf_text(_pdf_path(site, language, resolution_id), language)
        page = _page(site, language, resolution_id)
        text = _without_marked(text, page)
        clauses = [_without_marked(clause, page) for clause in _clause_texts(page)]
        assert len(clauses) >= 10
        position = 0
        for clause in clauses:
            found = text.find(clause, position)
            assert found >= 0, f"{resolution_id} ({language}): not read back: {clause}"
            position = found + len(clause)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_head_gives_title_organization_body_both_dates_and_address(
    site: Path, dataset: Dataset, language: str
) -> None:
    for resolution_id, entry in dataset.resolutions.items():
        model = entry.model
        path = _pdf_path(site, language, resolution_id)
        reader = pypdf.PdfReader(path)
        head = _pypdf_text(path, language)[:600]
        assert reader.metadata is not None
        assert reader.metadata.title == model.title[language]
        organization = dataset.organizations[model.organization].model.name[language]
        assert reader.metadata.author == organization
        for expected in (
            model.title[language],
            organization,
            model.adopted_by.body[language],
            *_dates(_page(site, language, resolution_id)),
            pdf.page_address(resolution_id, language),
        ):
            assert _normal(expected) in head


def _dates(page: lxml_html.HtmlElement) -> list[str]:
    """The adoption date as the page's details show it: in both calendars, each as a
    piece of its own (pypdf misplaces the brackets around the second)."""
    (details,) = page.find_class("shora-meta")
    labels = [dt.text_content().strip() for dt in details.iter("dt")]
    dd = list(details.iter("dd"))[labels.index(t("date", page.get("lang") or "fa"))]
    pieces = [e.text_content() for e in dd if e.tag in ("time", "bdi", "span")]
    return pieces or [dd.text or ""]


def test_the_print_goes_without_the_words_span_and_keeps_the_misprint_marks(
    dataset: Dataset,
) -> None:
    """The span around a clause's words costs WeasyPrint a split of every line and
    styles nothing in the print: left out, with what is inside it (a misprint's marks)
    kept, and kept where it gives the words a language of their own."""
    sic = (
        '<span class="shora-sic" aria-describedby="c-sic-1">تبلیع</span> '
        '<span class="shora-sic-mark" lang="la" dir="ltr">[sic]</span>'
    )
    label = '<span class="shora-label">۱-</span>'
    plain = f'<p>{label} <span class="shora-clause-text">الف {sic} ب</span></p>'
    assert pdf._without_plain_spans(plain) == f"<p>{label} الف {sic} ب</p>"
    own_language = '<p><span class="shora-clause-text" lang="fa" dir="rtl">الف</span></p>'
    assert pdf._without_plain_spans(own_language) == own_language
    for language in LANGUAGES:
        renderer = SiteRenderer(dataset, language)
        for entry in renderer.resolutions:
            html = pdf._job(renderer, entry).html
            assert '<span class="shora-clause-text">' not in html
            assert html.count("<span") == html.count("</span>")


def test_the_address_is_absolute_when_the_site_has_one(
    dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SHORA_SITE_URL", "https://example.org/mirror/shora")
    assert pdf.page_address("x", "fa") == "https://example.org/mirror/shora/resolutions/x/"
    assert pdf.page_address("x", "en") == "https://example.org/mirror/shora/en/resolutions/x/"
    renderer = SiteRenderer(dataset, "en")
    entry = renderer.resolutions[0]
    job = pdf._job(renderer, entry)
    (head,) = pypdf.PdfReader(io.BytesIO(pdf._pdf(job.html, job.identifier, _fonts()))).pages[:1]
    assert f"https://example.org/mirror/shora/en/resolutions/{entry.id}/" in head.extract_text()


def test_the_english_pdf_says_it_is_a_translation(site: Path, dataset: Dataset) -> None:
    for resolution_id, entry in dataset.resolutions.items():
        assert entry.model.original_language == "fa"
        text = _pypdf_text(_pdf_path(site, "en", resolution_id), "en")
        assert t("translation_notice", "en", original=t("language_fa", "en")) in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_language_and_direction_are_declared(site: Path, dataset: Dataset, language: str) -> None:
    for resolution_id in dataset.resolutions:
        catalog = pypdf.PdfReader(_pdf_path(site, language, resolution_id)).trailer["/Root"]
        assert catalog["/Lang"] == language
        direction = catalog.get("/ViewerPreferences", {}).get("/Direction")
        assert direction == ("/R2L" if language == "fa" else None)


def test_fonts_are_embedded_as_subsets(site: Path, dataset: Dataset) -> None:
    for language in LANGUAGES:
        for resolution_id in dataset.resolutions:
            reader = pypdf.PdfReader(_pdf_path(site, language, resolution_id))
            fonts = {}
            for page in reader.pages:
                for font in page["/Resources"]["/Font"].values():
                    font = font.get_object()
                    fonts[font["/BaseFont"]] = font["/DescendantFonts"][0].get_object()
            assert fonts
            for name, descendant in fonts.items():
                # A subset's name starts with six capital letters and "+" (PDF 9.6.4).
                assert re.fullmatch(r"/[A-Z]{6}\+Vazirmatn-print(-Bold)?", name)
                assert "/FontFile2" in descendant["/FontDescriptor"]


def _fonts() -> str:
    return pdf._font_faces()


def test_the_bytes_are_reproducible(
    site: Path, dataset: Dataset, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Made again from nothing (no stored PDF, no stored font), every PDF has the same
    bytes; its dates are SOURCE_DATE_EPOCH's, its identifier the resolution's."""
    monkeypatch.setenv("SHORA_CACHE", "off")
    monkeypatch.delenv("SHORA_SITE_URL", raising=False)
    fonts = _fonts()
    epoch = epoch_datetime(build_epoch(dataset)).strftime("D:%Y%m%d%H%M%S")
    identifiers = set()
    for language in LANGUAGES:
        renderer = SiteRenderer(dataset, language)
        for entry in renderer.resolutions:
            built = _pdf_path(site, language, entry.id).read_bytes()
            job = pdf._job(renderer, entry)
            assert pdf._pdf(job.html, job.identifier, fonts) == built
            reader = pypdf.PdfReader(io.BytesIO(built))
            assert reader.metadata is not None
            assert str(reader.metadata["/CreationDate"]).startswith(epoch)
            identifiers.add(bytes(reader.trailer["/ID"][0].original_bytes))
    assert len(identifiers) == 2 * len(dataset.resolutions)


def test_the_offline_copy_holds_the_pdfs(site: Path, dataset: Dataset, tmp_path: Path) -> None:
    with zipfile.ZipFile(make_offline(site, tmp_path)) as archive:
        names = set(archive.namelist())
    for language in LANGUAGES:
        for resolution_id in dataset.resolutions:
            relative = _pdf_path(site, language, resolution_id).relative_to(site)
            assert f"shora/{relative.as_posix()}" in names


needs_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None, reason="poppler-utils (pdftotext) is not installed"
)


def _pdftotext(path: Path) -> str:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    # It marks right-to-left lines and left-to-right runs with embedding controls.
    return _normal(re.sub("[\u202a-\u202e]", "", text))


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_and_letters_of_the_clauses_are_read_back_in_order(
    site: Path, dataset: Dataset, language: str
) -> None:
    """Every clause's number or letter, as text, in the page's order (۱- ... الف) ب) ...;
    1. ... (a) (b) ...). Compared without its punctuation, which a reader places on
    either side of the number at the start of a right-to-left line."""
    every: list[str] = []
    for resolution_id in dataset.resolutions:
        text = _pypdf_text(_pdf_path(site, language, resolution_id), language)
        page = _page(site, language, resolution_id)
        labels = [label.text_content().strip("-.() ") for label in page.find_class("shora-label")]
        every += labels
        position = 0
        for label in labels:
            found = text.find(label, position)
            assert found >= 0, f"{resolution_id} ({language}): label {label} not read back"
            position = found + len(label)
    assert {"۱", "الف", "ب"} <= set(every) if language == "fa" else {"1", "a", "b"} <= set(every)


@needs_poppler
def test_pdftotext_reads_the_digits_as_shown(site: Path, dataset: Dataset) -> None:
    """The PDF holds a number's digits in the order shown, as all its text: pdftotext
    reads them so (pypdf alone reverses them)."""
    for resolution_id in dataset.resolutions:
        # pdftotext moves the spaces beside a run of digits: compared without spaces.
        text = "".join(_pdftotext(_pdf_path(site, "fa", resolution_id)).split())
        dates = _dates(_page(site, "fa", resolution_id))
        numbers = [number for date in dates for number in PERSIAN_DIGITS.findall(date)]
        assert not dates or numbers or "نامعلوم" in dates[0]
        for number in numbers:
            assert number in text


# A word with lam-alef, which shaping draws as one glyph (لا): poppler and pdf.js read
# the letters of such a glyph reversed unless the PDF gives each its own
# (shora/publish/pdf_text.py). Persian letters only, as the PDF has no zero-width
# non-joiner.
LAM_ALEF_WORD = re.compile("[\u0620-\u06d5]*لا[\u0620-\u06d5]*")


def _lam_alef_words(site: Path, resolution_id: str) -> set[str]:
    page = _page(site, "fa", resolution_id)
    return {word for text in _clause_texts(page) for word in LAM_ALEF_WORD.findall(text)}


def _assert_reads_lam_alef(site: Path, dataset: Dataset, read: Callable[[Path], str]) -> None:
    """``read`` gets every word with lam-alef in the clauses (اسلامی, not اسالمی)."""
    every: set[str] = set()
    for resolution_id in dataset.resolutions:
        text = read(_pdf_path(site, "fa", resolution_id))
        words = _lam_alef_words(site, resolution_id)
        assert [word for word in sorted(words) if word not in text] == [], resolution_id
        every |= words
    # Both forms of the ligature: after a letter that joins it and alone.
    assert {"اسلامی", "لاینفک"} <= every


@needs_poppler
def test_pdftotext_reads_the_persian_text(site: Path, dataset: Dataset) -> None:
    _assert_reads_lam_alef(site, dataset, _pdftotext)


@needs_poppler
def test_first_pages_as_pictures(site: Path) -> None:
    """The first page of a PDF in each language, as PNG in tests/artifacts/ (to look at)."""
    ARTIFACTS.mkdir(exist_ok=True)
    for language in LANGUAGES:
        target = ARTIFACTS / f"pdf-first-page-{language}"
        source = _pdf_path(site, language, "mass-organizing-abroad")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "80", "-singlefile", "-f", "1", str(source), str(target)],
            check=True,
        )
        assert target.with_suffix(".png").stat().st_size > 10_000


PDF_JS = Path(__file__).parent / "js" / "pdf_text.mjs"
needs_pdf_js = pytest.mark.skipif(
    shutil.which("node") is None or not (REPO / "node_modules" / "pdfjs-dist").is_dir(),
    reason="Node or pdfjs-dist (npm ci) is not installed",
)


def _pdf_js(path: Path) -> str:
    return _normal(
        subprocess.run(
            ["node", str(PDF_JS), str(path)], check=True, capture_output=True, text=True
        ).stdout
    )


@needs_pdf_js
def test_pdf_js_reads_the_persian_text(site: Path, dataset: Dataset) -> None:
    _assert_reads_lam_alef(site, dataset, _pdf_js)


def _pdfium(path: Path) -> str:
    """The text as PDFium reads it: the engine of Chromium's and Android's viewers."""
    document = pypdfium2.PdfDocument(path)
    try:
        return _normal("\n".join(page.get_textpage().get_text_range() for page in document))
    finally:
        document.close()


def test_pdfium_reads_the_persian_text(site: Path, dataset: Dataset) -> None:
    _assert_reads_lam_alef(site, dataset, _pdfium)


def _pdfminer(path: Path) -> str:
    """The Persian text as pdfminer.six reads it, line by line in reading order
    (tests/pdf_readers.py), with the pages' numbers ("1 / 2") left out."""
    lines = [line for line in pdfminer_lines(path, True) if not PAGE_NUMBER.fullmatch(line)]
    return _normal(" ".join(lines))


def test_pdfminer_reads_the_persian_text(site: Path, dataset: Dataset) -> None:
    _assert_reads_lam_alef(site, dataset, _pdfminer)


@pytest.mark.parametrize("language", LANGUAGES)
def test_pdfminer_reads_every_paragraph(site: Path, dataset: Dataset, language: str) -> None:
    """pdfminer.six reads every paragraph, in the page's order but for those with a
    marked misprint, of which it reads every word. Its layout analysis ends a line
    where the direction changes: a misprint and its "[sic]" come out as lines of their
    own, after the rest of their line, and the page's footnotes are ordered among the
    paragraph's lines by their boxes' places (a footnote's first line may even join
    the paragraph's last). A clause's label (۱-, الف), a line of its own too, comes
    after the clause's first line: the labels are left out before comparing, with the
    pages' numbers, which fall inside a paragraph that goes on to the next page."""
    misprinted = 0
    for resolution_id in dataset.resolutions:
        page = _page(site, language, resolution_id)
        labels = {_normal(label.text_content()) for label in page.find_class("shora-label")}
        path = _pdf_path(site, language, resolution_id)
        lines = [line for line in pdfminer_lines(path, language == "fa")
                 if line not in labels and not PAGE_NUMBER.fullmatch(line)]  # fmt: skip
        words = set(_normal(" ".join(lines)).split())
        text = _without_marked(_normal(" ".join(lines)), page)
        clauses = page.find_class("shora-clause-text")
        assert len(clauses) >= 10
        position = 0
        for clause in clauses:
            if clause.find_class("shora-sic"):
                misprinted += 1
                missing = set(_normal(clause.text_content()).split()) - words
                assert missing == set(), f"{resolution_id} ({language}): {missing}"
                continue
            expected = _without_marked(_normal(clause.text_content()), page)
            found = text.find(expected, position)
            assert found >= 0, f"{resolution_id} ({language}): not read back: {expected}"
            position = found + len(expected)
    assert misprinted == 2  # the real resolutions' two, in both languages


def test_weasyprint_still_lays_out_each_right_to_left_line_twice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A cost of the stack that the README's benchmark records (a Persian PDF takes
    longer than its English one): WeasyPrint 70 breaks each line of a right-to-left
    paragraph twice. Its loop that moves a line away from floats
    (``weasyprint.layout.inline.get_next_linebox``) compares the line's right edge with
    the width it started from, zero when no float is near, so it always runs again.
    When this fails, WeasyPrint has changed: measure the PDFs again, and say so there."""
    from weasyprint import HTML
    from weasyprint.layout import inline

    calls = 0
    breaking = inline.split_first_line

    def counted(*args: object, **kwargs: object) -> object:
        nonlocal calls
        calls += 1
        return breaking(*args, **kwargs)

    monkeypatch.setattr(inline, "split_first_line", counted)
    words = " ".join(["word"] * 400)
    breaks = {}
    for direction in ("ltr", "rtl"):
        calls = 0
        document = HTML(string=f'<p dir="{direction}">{words}</p>').render()
        (page,) = document.pages
        lines = [box for box in page._page_box.descendants() if type(box).__name__ == "LineBox"]
        breaks[direction] = calls / len(lines)
    assert breaks == {"ltr": 1, "rtl": 2}


def test_the_languages_share_the_making_of_their_pdfs_from_either_end(
    dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """In `shora build`, each language's process, once its own PDFs are made, makes the
    other's from the last until it meets one made (share_cores): the other process then
    lays out only what is left, and a PDF is the same bytes whichever made it."""
    monkeypatch.setenv("SHORA_CACHE", "on")
    monkeypatch.delenv("SHORA_SITE_URL", raising=False)
    monkeypatch.setattr(pdf, "_made", {})
    laid_out: list[tuple[str, str]] = []
    making = pdf._pdf

    def counted(html: str, identifier: bytes, fonts: str) -> bytes:
        laid_out.append((re.search(r'<html lang="(\w+)"', html)[1], identifier.decode()))
        return making(html, identifier, fonts)

    monkeypatch.setattr(pdf, "_pdf", counted)
    persian, english = SiteRenderer(dataset, "fa"), SiteRenderer(dataset, "en")
    english_ids = [pdf._job(english, entry).identifier.decode() for entry in english.resolutions]
    assert len(english_ids) == 2

    def stored(cache: str) -> dict[str, bytes]:
        return {path.name: path.read_bytes() for path in (tmp_path / cache).rglob("*.pdf")}

    # Alone (no other language beside it): its own PDFs only.
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "alone"))
    monkeypatch.setattr(pdf, "_cores", [1])
    monkeypatch.setattr(pdf, "_helping", [False])
    pdf.make_all(english)
    assert [language for language, _ in laid_out] == ["en", "en"]
    alone = stored("alone")

    # Beside the other: the Persian process makes its own, then the English ones from
    # the last; the English process finds them all made.
    laid_out.clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "shared"))
    monkeypatch.setattr(pdf, "_helping", [True])
    pdf.make_all(persian)
    assert [language for language, _ in laid_out] == ["fa", "fa", "en", "en"]
    assert [identifier for _, identifier in laid_out[2:]] == english_ids[::-1]
    laid_out.clear()
    pdf.make_all(english)
    assert laid_out == []  # nor the Persian ones, found made from the last
    english_made = {pdf._made[("en", entry.id)].name for entry in english.resolutions}
    assert {name: stored("shared")[name] for name in english_made} == alone

    # Where the other process has made its first PDF, this one stops before it.
    laid_out.clear()
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "met"))
    pdf._save(pdf._store() / f"{pdf._job(english, english.resolutions[0]).key}.pdf", b"%PDF")
    pdf.make_all(persian)
    assert [identifier for language, identifier in laid_out if language == "en"] == english_ids[1:]


def test_the_font_cutter_is_the_one_weasyprint_takes(dataset: Dataset) -> None:
    """font_cutter finds HarfBuzz's subsetter as WeasyPrint does, without loading
    WeasyPrint; the PDFs of one and of the other are not kept under the same key."""
    from weasyprint.text.ffi import harfbuzz, harfbuzz_subset

    taken = "harfbuzz" if harfbuzz_subset and harfbuzz.hb_version_atleast(4, 1, 0) else "fonttools"
    assert pdf.font_cutter() == taken
    assert (pdf.cutter_warning(dataset) is None) == (taken == "harfbuzz")


def test_the_cache_key_of_a_pdf_names_its_font_cutter(monkeypatch: pytest.MonkeyPatch) -> None:
    keys = set()
    for cutter in ("harfbuzz", "fonttools"):
        monkeypatch.setattr(pdf, "font_cutter", lambda cutter=cutter: cutter)
        pdf._fingerprint.cache_clear()
        keys.add(pdf._fingerprint())
    pdf._fingerprint.cache_clear()
    assert len(keys) == 2


# `shora build` on a machine without HarfBuzz's subsetter: WeasyPrint made to miss it,
# as its own check would (and so the render processes, forked, miss it too).
WITHOUT_SUBSETTER = """
import runpy, sys
import weasyprint.pdf.fonts
from shora.publish import pdf
weasyprint.pdf.fonts.harfbuzz_subset = None
pdf.font_cutter = lambda: "fonttools"
sys.argv = {argv!r}
runpy.run_module(sys.argv[0], run_name="__main__")
"""


@pytest.mark.slow
@pytest.mark.parametrize("argv", [["shora.cli", "--lang", "fa", "build"], ["mkdocs", "build"]])
def test_a_build_without_the_font_subsetter_says_so_once_in_the_editors_language(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argv: list[str]
) -> None:
    """Where HarfBuzz's subsetter is missing, WeasyPrint cuts the fonts with fontTools
    and logs a warning for each font of each PDF (two thousand at L); `shora build` and
    `mkdocs build` say it once instead, in the editor's language, with what to install."""
    from .site_project import make_project

    project = make_project(tmp_path)
    # Every PDF made; the editor's language from the locale (`mkdocs build`).
    environment = {**os.environ, "SHORA_CACHE": "off", "LC_ALL": "fa_IR.UTF-8"}
    done = subprocess.run(
        [sys.executable, "-c", WITHOUT_SUBSETTER.format(argv=argv)],
        cwd=project, env=environment, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    said = done.stderr + done.stdout
    monkeypatch.setattr(pdf, "font_cutter", lambda: "fonttools")
    warning = pdf.cutter_warning(validate_project(project).dataset)
    assert warning is not None
    persian = warning.render("fa")
    assert "apt-get install libharfbuzz-subset0" in persian
    assert said.count(persian) == 1, said
    assert "fontTools" not in said.replace(persian, ""), said
    assert len(list((project / "site").glob("**/*.pdf"))) == 4
    assert warning.render("en").startswith("HarfBuzz's font subsetter is not installed")
