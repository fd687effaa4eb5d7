"""pdfminer.six's reading of a PDF's text, turned to the order it is read, for the PDF
tests (tests/test_pdf.py, tests/test_pdf_text.py).

pdfminer.six gives a line's characters in the order they are shown, left to right: it
applies no bidirectional algorithm (https://github.com/pdfminer/pdfminer.six/issues/515,
open). In a document written right to left, a line with right-to-left letters is turned
here as one who reads right to left would read it: reversed, with its runs of digits,
which are shown left to right, turned back. Its layout analysis mostly ends a line where
the direction changes (a misprint's Latin "[sic]" in a Persian line is a line of its
own). In a document written left to right the lines are left as they are: a Persian
word inside an English line (a footnote quoting a misprint) comes out letter by letter
in the order shown, which no test here reads.

A ligature of several letters (لا) that the PDF maps to its letters comes out of the
line unreversed, so reversed with it (https://github.com/pdfminer/pdfminer.six/issues/850,
open): the site's PDFs give each letter its own code (shora/publish/pdf_text.py), which
is what this reading checks."""

from __future__ import annotations

import re
from pathlib import Path

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTTextContainer, LTTextLine

RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff]")
DIGITS = re.compile("[0-9\u06f0-\u06f9]+")


def pdfminer_lines(path: Path, right_to_left: bool) -> list[str]:
    """Every line of text as pdfminer.six lays the pages out (its default layout
    analysis), in its order; in a document written ``right_to_left``, each turned to
    reading order."""
    lines: list[str] = []
    for page in extract_pages(path):
        for box in page:
            if isinstance(box, LTTextContainer):
                found = [line.get_text().strip() for line in box if isinstance(line, LTTextLine)]
                lines += [_reading_order(line) for line in found] if right_to_left else found
    return lines


def _reading_order(line: str) -> str:
    if not RIGHT_TO_LEFT.search(line):
        return line
    return DIGITS.sub(lambda digits: digits[0][::-1], line[::-1])
