"""A PDF's ligatures of right-to-left letters, read as those letters by every reader.

A PDF holds a line's glyphs in the order they are shown, left to right, and maps each
glyph to its text (the font's ToUnicode map); a reader puts a right-to-left line back
in reading order. Shaping draws lam and alef as one glyph (لا), which WeasyPrint maps
to both letters, in reading order, as the standard says. pypdf reads it so, but
poppler (``pdftotext``) and pdf.js take the letters of one glyph as shown left to
right and turn them round with the rest of the line: ``اسالمی`` for ``اسلامی`` (the
bug of pdfminer#850 and PyMuPDF#2199 too).

Marking the glyph with ``/Span <</ActualText (لا)>> BDC ... EMC`` (PDF 32000-1,
14.9.4) does not help: poppler spreads an ActualText over its glyphs' box as it
spreads a glyph's letters, left to right (the same reversal), and pdf.js reads no
ActualText at all and ends its text item at every marked-content operator, which
breaks the line into pieces it then puts in the wrong order (its ``getTextContent``,
cases ``beginMarkedContentProps``/``endMarkedContent``: ``flushTextContentItem``).

So each such glyph carries one letter of its own, as every other glyph does: the
ligature is mapped to its first letter (lam), and the other letters are shown just
before it, on its left as a right-to-left line has them, as invisible text (text
rendering mode 3, as the text layer of a scanned page) of new character codes that
are zero wide and mapped to those letters (alef). The page looks the same (nothing is
painted, nothing moves), and pypdf, poppler, pdf.js, PDFium (Chromium's and Android's
viewers) and pdfminer.six all read ``اسلامی`` (before, all but pypdf read ``اسالمی``).

:func:`separate_ligatures` does it to WeasyPrint's document before it is written
(``write_pdf(finisher=...)``), on the content streams and fonts WeasyPrint made:
``[<glyphs>] TJ`` arrays of 2-byte codes under ``/F size Tf`` in its page and form
streams, Type0 fonts (Identity-H, or WeasyPrint's CMap when a glyph is missing).
WeasyPrint sets no character spacing (Tc), which would widen the zero-wide codes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import partial
from typing import Any

# The bidirectional classes of a ligature's letters: right-to-left letters and the
# marks on them.
RIGHT_TO_LEFT = frozenset({"R", "AL"})
MARKS = frozenset({"NSM"})
INVISIBLE = b"3"  # text rendering mode: neither fill nor stroke

_BF_CHAR = re.compile(rb"<([0-9a-fA-F]{4})> <([0-9a-fA-F]+)>")
_SET_FONT = re.compile(rb"/(\S+) \S+ Tf")
_RENDERING_MODE = re.compile(rb"([0-7]) Tr")


@dataclass
class _Font:
    """What changes in one font: the ligatures' codes and the letters' new codes."""

    # ligature code (4 hex digits) -> the codes to show invisibly before it, left to right
    before: dict[bytes, bytes] = field(default_factory=dict)
    # new code -> its letter
    letters: dict[int, str] = field(default_factory=dict)
    # new code -> the glyph it draws (invisibly): a ligature's, which has an outline
    glyphs: dict[int, int] = field(default_factory=dict)

    def pattern(self) -> re.Pattern[bytes]:
        """A string of glyph codes (2 bytes each, in hex) holding a ligature's."""
        codes = b"|".join(re.escape(code) for code in sorted(self.before))
        return re.compile(rb"<(?:[0-9a-fA-F]{4})*?(?:" + codes + rb")(?:[0-9a-fA-F]{4})*>")


def separate_ligatures(document: Any, pdf: Any) -> None:
    """Rewrite ``pdf`` (a pydyf document WeasyPrint is about to write) so that each
    glyph of several right-to-left letters is read as those letters in order."""
    from weasyprint.pdf.stream import Stream

    fonts = _plan_fonts(pdf)
    if not fonts:
        return
    for stream in pdf.objects:
        if isinstance(stream, Stream):
            stream.stream[:] = _rewrite_content(stream.stream, fonts)


def is_right_to_left_ligature(text: str) -> bool:
    """Whether a glyph mapped to ``text`` is a ligature readers reverse."""
    classes = [unicodedata.bidirectional(letter) for letter in text]
    return len(text) > 1 and classes[0] in RIGHT_TO_LEFT and set(classes) <= RIGHT_TO_LEFT | MARKS


def _plan_fonts(pdf: Any) -> dict[bytes, tuple[_Font, re.Pattern[bytes]]]:
    """The fonts with such ligatures, by resource name, their maps changed already."""
    fonts: dict[bytes, tuple[_Font, re.Pattern[bytes]]] = {}
    for font in pdf.objects:
        if not (_is(font, "Type", "/Font") and _is(font, "Subtype", "/Type0")):
            continue
        cid_font = _object(pdf, font["DescendantFonts"][0])
        if cid_font.get("CIDToGIDMap") != "/Identity":
            continue  # not WeasyPrint's: left as it is
        to_unicode = _object(pdf, font["ToUnicode"])
        texts = _mapped(to_unicode.stream)
        ligatures = {code: text for code, text in texts.items() if is_right_to_left_ligature(text)}
        if not ligatures:
            continue
        plan = _Font()
        codes: dict[str, int] = {}
        next_code = max(texts) + 1  # past every code the font's text uses
        for code, text in sorted(ligatures.items()):
            for letter in text[1:]:
                if letter not in codes:
                    codes[letter] = next_code
                    plan.letters[next_code] = letter
                    plan.glyphs[next_code] = code  # Identity: the code is the glyph
                    next_code += 1
            # Shown left to right: the last letter leftmost.
            before = b"".join(b"%04x" % codes[letter] for letter in reversed(text[1:]))
            plan.before[b"%04x" % code] = before
        if next_code > 0xFFFF:
            continue  # no free code: left as it is
        _change_font(pdf, cid_font, to_unicode, ligatures, plan)
        if encoding := font.get("Encoding"):
            _encode_new_codes(pdf, encoding, plan)
        # The resource name: WeasyPrint names a font "/<name>+<family>".
        fonts[_bytes(font["BaseFont"]).lstrip(b"/").split(b"+")[0]] = (plan, plan.pattern())
    return fonts


def _mapped(cmap: list[Any]) -> dict[int, str]:
    """The text of each code a ToUnicode CMap maps (WeasyPrint's: bfchar lines only)."""
    texts: dict[int, str] = {}
    inside = False
    for line in map(_bytes, cmap):
        if line.endswith(b"beginbfchar"):
            inside = True
        elif line == b"endbfchar":
            inside = False
        elif inside and (match := _BF_CHAR.fullmatch(line)):
            texts[int(match[1], 16)] = bytes.fromhex(match[2].decode()).decode("utf-16-be")
    return texts


def _change_font(
    pdf: Any, cid_font: Any, to_unicode: Any, ligatures: dict[int, str], plan: _Font
) -> None:
    """The ligature mapped to its first letter, the new codes to theirs, zero wide,
    drawing a ligature's glyph.

    The glyph matters to PDFium (Chromium's and Android's viewers), which reads no
    text of a ``TJ`` whose glyphs' boxes are empty (``CPDF_TextPage::
    ProcessTextObject``: a text object of zero width is skipped), as an unused glyph's
    box is. So the new codes, past the font's glyphs, are given one by a CIDToGIDMap
    (PDF 32000-1, 9.7.4.2) instead of the identity, whose table (2 bytes a code) is
    stored with the PNG predictor ``Sub`` (7.4.4.4): an identity compresses to a few
    bytes so."""
    import pydyf

    lines = to_unicode.stream
    for index, line in enumerate(lines):
        match = _BF_CHAR.fullmatch(_bytes(line))
        if match and int(match[1], 16) in ligatures:
            lines[index] = _bf_char(int(match[1], 16), ligatures[int(match[1], 16)][0])
    added = [_bf_char(code, letter) for code, letter in plan.letters.items()]
    end = lines.index(b"endcmap")
    lines[end:end] = [f"{len(added)} beginbfchar".encode(), *added, b"endbfchar"]
    for code in plan.letters:
        cid_font["W"].extend([code, pydyf.Array([0])])
    count = max(plan.glyphs) + 1
    table = b"".join(plan.glyphs.get(cid, cid).to_bytes(2, "big") for cid in range(count))
    # Sub: each byte less the one 2 bytes before (a row of one tag byte and the table).
    row = b"\x01" + bytes(
        (table[i] - (table[i - 2] if i > 1 else 0)) % 256 for i in range(count * 2)
    )
    parameters = {"Predictor": 11, "Colors": 1, "BitsPerComponent": 16, "Columns": count}
    cid_to_gid = pydyf.Stream(
        [row], pydyf.Dictionary({"DecodeParms": pydyf.Dictionary(parameters)}), compress=True
    )
    pdf.add_object(cid_to_gid)
    cid_font["CIDToGIDMap"] = cid_to_gid.reference


def _encode_new_codes(pdf: Any, encoding: Any, plan: _Font) -> None:
    """WeasyPrint's own CMap (when some glyph is missing) maps only the codes it
    lists: the new ones are added, each to the CID of its number."""
    if _bytes(encoding) == b"/Identity-H":
        return
    cmap = _object(pdf, encoding).stream
    cids = [f"<{code:04x}> {code}".encode() for code in plan.letters]
    end = cmap.index(b"endcmap")
    cmap[end:end] = [f"{len(cids)} begincidchar".encode(), *cids, b"endcidchar"]


def _rewrite_content(
    operations: list[Any], fonts: dict[bytes, tuple[_Font, re.Pattern[bytes]]]
) -> list[Any]:
    """The content stream's operations, each ``TJ`` of a ligature split before it
    and the ligature's other letters shown there invisibly."""
    rewritten: list[Any] = []
    font: tuple[_Font, re.Pattern[bytes]] | None = None
    modes = [b"0"]  # the text rendering mode, saved and restored with q and Q
    for operation in operations:
        line = _bytes(operation)
        if line == b"q":
            modes.append(modes[-1])
        elif line == b"Q" and len(modes) > 1:
            modes.pop()
        elif match := _RENDERING_MODE.fullmatch(line):
            modes[-1] = match[1]
        elif match := _SET_FONT.fullmatch(line):
            font = fonts.get(match[1])
        elif font is not None and line.endswith(b"] TJ"):
            plan, pattern = font
            mode = modes[-1]
            split = pattern.sub(partial(_split_codes, plan=plan, mode=mode), line)
            # A ligature first in its array leaves an empty one before it.
            operation = split.removeprefix(b"[] TJ\n")
        rewritten.append(operation)
    return rewritten


def _split_codes(match: re.Match[bytes], plan: _Font, mode: bytes) -> bytes:
    """A hex string of glyph codes in a ``TJ`` array, the array ended before each
    ligature and started again after the ligature's other letters, shown invisibly."""
    codes = match[0]
    split = b"<"
    for start in range(1, len(codes) - 1, 4):
        code = codes[start : start + 4]
        before = plan.before.get(code)
        if before is not None:
            closed = split.removesuffix(b"<") if split.endswith(b"<") else split + b">"
            invisible = b"%s Tr\n[<%s>] TJ\n%s Tr" % (INVISIBLE, before, mode)
            split = closed + b"] TJ\n" + invisible + b"\n[<"
        split += code
    return split + b">"


def _bf_char(code: int, text: str) -> bytes:
    return f"<{code:04x}> <{text.encode('utf-16-be').hex()}>".encode()


def _is(candidate: Any, key: str, value: str) -> bool:
    import pydyf

    return isinstance(candidate, pydyf.Dictionary) and candidate.get(key) == value


def _object(pdf: Any, reference: Any) -> Any:
    """The object of a reference (``b"12 0 R"``): WeasyPrint's are numbered in order."""
    return pdf.objects[int(_bytes(reference).split()[0])]


def _bytes(value: Any) -> bytes:
    return value if isinstance(value, bytes) else str(value).encode()
