"""Hostile inputs to ``shora import resolution``: refused with a located message,
never a traceback; a page's scripts never reach the data."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from shora.core.messages import msg
from shora.load.loader import load_bytes
from shora.tools.importer import sources
from shora.tools.importer.recognize import recognize
from shora.tools.importer.sources import Source, SourceLine
from shora.tools.importer.writer import to_yaml

from .test_import_corpus import importing_project, run_import


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return importing_project(tmp_path, monkeypatch)


def refused(capsys: pytest.CaptureFixture[str], project: Path, path: Path) -> str:
    code, out, err = run_import(capsys, project, str(path), "--id", "imported")
    assert code == 1
    assert out == ""
    assert not (project / "resolutions" / "imported.yml").exists()
    assert "Traceback" not in err
    return err


def test_binary_data_is_refused_at_its_line_and_column(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "resolution.txt"
    path.write_bytes("۱- متن\nabc\x00\x01\x02".encode())
    err = refused(capsys, project, path)
    assert err == (
        f"{path}:2:4: error: binary data, not text: import the resolution as .txt, .html, .docx\n"
    )


def test_an_image_with_a_text_name_is_refused(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "resolution.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\xff\xd8")
    assert "error: " in refused(capsys, project, path)


def test_text_that_is_not_utf8_is_refused_at_the_byte(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "resolution.txt"
    path.write_bytes(b"1. first\n2. " + "قطعنامه".encode("cp1256"))
    err = refused(capsys, project, path)
    assert err.startswith(f"{path}:2:4: error: byte 0x") and "is not UTF-8 text" in err


def test_a_huge_file_is_refused_before_it_is_read(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "resolution.txt"
    with path.open("wb") as stream:
        stream.truncate(sources.MAX_TEXT_BYTES + 1)
    err = refused(capsys, project, path)
    assert err == (
        f"{path}: error: the file is 1.1 MB, more than a resolution's text can be (at most 1 MB "
        "here): is it the right file?\n"
    )


def test_other_formats_are_named(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    pdf = tmp_path / "resolution.pdf"
    pdf.write_bytes(b"%PDF-1.7")
    assert "'.pdf' files cannot be read: save the text as .docx, .html, .txt" in refused(
        capsys, project, pdf
    )
    zipped = tmp_path / "resolution.txt"
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("word/document.xml", "<x/>")
    assert f"{zipped}:1:1: error: this is a zip archive (a Word file?): name it .docx" in refused(
        capsys, project, zipped
    )


def test_scripts_are_never_imported(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    page = tmp_path / "resolution.html"
    page.write_text(
        "<html><head><script>var secret = 'HEAD-SCRIPT';</script></head><body>\n"
        "<p>Resolution on safety</p>\n"
        "<script>document.write('<p>1. BODY-SCRIPT</p>')</script>\n"
        '<p onclick="alert(1)">1. Pages are <b>text</b> only.</p>\n'
        "<p>2. <object data='x.swf'>OBJECT-TEXT</object>Nothing else is read.</p>\n"
        "<style>p::before { content: 'STYLE-TEXT' }</style>\n"
        "</body></html>\n",
        encoding="utf-8",
    )
    code, out, err = run_import(capsys, project, str(page), "--id", "imported")
    assert (code, err) == (1, "")
    assert f"{page}:1: a <script> element was left out: active content is never imported" in out
    assert f"{page}:3: a <script> element was left out: active content is never imported" in out
    assert f"{page}:5: a <object> element was left out: active content is never imported" in out
    data = (project / "resolutions" / "imported.yml").read_text(encoding="utf-8")
    for never in ("SCRIPT", "OBJECT-TEXT", "STYLE-TEXT", "alert", "onclick"):
        assert never not in data
    assert "Pages are text only." in data and "Nothing else is read." in data


def _zip_bomb(path: Path, unpacked: int) -> None:
    """A valid Word file whose document part unpacks to ``unpacked`` bytes of zeros."""
    made = docx.Document()
    made.add_paragraph("1. text")
    made.save(str(path))
    with (
        zipfile.ZipFile(path, "a", compression=zipfile.ZIP_DEFLATED) as archive,
        archive.open("word/media/bomb.bin", "w", force_zip64=True) as part,
    ):
        chunk = bytes(1024 * 1024)
        for _ in range(unpacked // len(chunk)):
            part.write(chunk)


def test_a_zip_bomb_is_refused_before_it_is_unpacked(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    path = tmp_path / "resolution.docx"
    _zip_bomb(path, 80 * 1024 * 1024)
    assert path.stat().st_size < 1024 * 1024  # 80 MB of zeros in a small file
    unpacked: list[str] = []
    original_open = zipfile.ZipFile.open

    def watched(self: zipfile.ZipFile, name: object, *args: object, **kwargs: object) -> object:
        unpacked.append(str(name))
        return original_open(self, name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(zipfile.ZipFile, "open", watched)
    err = refused(capsys, project, path)
    assert err == (
        f"{path}: error: the Word file would unpack to 80.8 MB (its part word/media/bomb.bin: "
        "80 MB), more than a document can hold (at most 64 MB): refused\n"
    )
    assert unpacked == []


def test_a_damaged_word_file_is_refused(
    project: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    path = tmp_path / "resolution.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    assert refused(capsys, project, path).startswith(f"{path}: error: not a Word file (.docx): ")
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("hello.txt", "hello")
    assert refused(capsys, project, path) == (
        f"{path}: error: not a Word file (.docx): it has no word/document.xml\n"
    )
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("word/document.xml", "<not xml")
    assert refused(capsys, project, path).startswith(f"{path}: error: cannot read this Word file")


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=25), st.sampled_from(["fa", "en"]))
def test_any_lines_are_recognised_without_failing(lines: list[str], language: str) -> None:
    source = Source("x.txt", msg("plain text"), [SourceLine(n, t) for n, t in enumerate(lines, 1)])
    found = recognize(source, language)
    placed = len(found.considerations) + len(found.points) + len(found.unplaced)
    assert placed <= len(lines)


_ANY_TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff"),
    min_size=1,
    max_size=40,
).filter(lambda text: text.strip() == text and text.strip())


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_ANY_TEXT, _ANY_TEXT), min_size=1, max_size=5))
def test_any_text_is_written_so_that_it_reads_back_as_written(texts: list[tuple[str, str]]) -> None:
    """Quotes, colons, '#', a leading '-', 'yes', 'null', numbers, dates: the writer
    quotes what YAML would read otherwise, and the project's reading gives each text."""
    data = {
        "title": {"fa": texts[0][0], "en": texts[0][1]},
        "published": [{"issue": "273", "date": "unknown"}],
        "adopted": {"date": "2009-07-27"},
        "topics": [],
        "text": {"points": [{"fa": fa, "en": en} for fa, en in texts]},
    }
    written = to_yaml(data, "# yaml-language-server: $schema=../schemas/resolution.schema.json")
    document, problems = load_bytes(written.encode("utf-8"), "x.yml")
    assert document is not None, problems
    assert document.data == data
