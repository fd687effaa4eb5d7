"""What the tests of the other browser engines (test_firefox.py, test_webkit.py) ask
a page, as JavaScript function bodies that return a value: the same questions in
every engine, whatever drives it; and, for the answers all three read alike, the
checks of them."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

# What a page shows first: its language and direction, its one heading, the link to
# its counterpart, the faces of the site's fonts the browser loaded for it, how far the
# page reaches beyond the window's width, and on which side its navigation stands.
FIRST_SIGHT = """
  const families = [...document.fonts].filter(face => face.status === "loaded")
    .map(face => face.family.replace(/^"|"$/g, ""));
  const content = document.querySelector(".md-content").getBoundingClientRect();
  // The navigation: beside the text, or a drawer out of the window until opened.
  const navigation = document.querySelector(".md-sidebar--primary").getBoundingClientRect();
  // (The window less its scrollbar: headless Firefox does not paint the scrollbar.)
  const width = document.documentElement.clientWidth;
  const shown = navigation.width > 0 && navigation.right > 0 && navigation.left < width;
  return {
    lang: document.documentElement.lang,
    direction: getComputedStyle(document.body).direction,
    headings: document.querySelectorAll("h1").length,
    counterpart: document.querySelector("[data-shora-switch]")?.getAttribute("hreflang"),
    fonts: [...new Set(families)].sort(),
    sideways: document.documentElement.scrollWidth - width,
    navigation: shown ? (navigation.left < content.left ? "left" : "right") : null,
  };
"""

# The clause the address names (#id): a target, below the header, in the window's
# first half, its number or letter first, and its link to itself.
CLAUSE = r"""
  const clause = document.getElementById(location.hash.slice(1));
  const box = clause.getBoundingClientRect();
  const header = document.querySelector(".md-header").getBoundingClientRect();
  return {
    target: clause.matches(":target"),
    below_the_header: box.top >= header.bottom - 1,
    in_the_first_half: box.top < innerHeight / 2,
    begins: clause.innerText.trim().split(/\s/)[0],
    link: clause.querySelector("a.shora-clause-link")?.getAttribute("href"),
  };
"""

# How the page draws its code in lines of text: each code element (not a block) on one
# line with no Persian letter that is drawn backwards, its last character left of its
# first; and the first three code elements of a paragraph, with where each begins (on
# the open data page, a list: title, adopted, vote).
CODE_ORDER = """
  const at = (text, index) => {
    const range = document.createRange();
    range.setStart(text, index);
    range.setEnd(text, index + 1);
    return range.getBoundingClientRect().left;
  };
  const backwards = [...document.querySelectorAll("main :not(pre) > code")]
    .filter(code => !/[\u0600-\u06ff]/.test(code.textContent) && code.textContent.length > 1
                    && code.getClientRects().length === 1)
    .filter(code => at(code.firstChild, 0) >= at(code.firstChild, code.textContent.length - 1))
    .map(code => code.textContent);
  const listed = [...document.querySelectorAll("main p code")].slice(0, 3)
    .map(code => [code.textContent, code.getBoundingClientRect().left]);
  const cells = [...document.querySelectorAll("main td")]
    .map(cell => [...cell.querySelectorAll("code")].map(code => {
      const box = code.getBoundingClientRect();
      return [code.textContent, box.left, box.top];
    }))
    .filter(codes => codes.length > 1);
  return {count: document.querySelectorAll("main :not(pre) > code").length, backwards, listed,
          cells};
"""

# Whether the search page shows its outcome (a count, none, or the error).
SEARCHED = """
  const status = document.querySelector(".shora-search__status");
  return Boolean(status && status.textContent && !status.textContent.includes("…"));
"""

# The councils the directory's filter shows (the last part of each link).
FOUND_COUNCILS = """
  return [...document.querySelectorAll("#shora-find-results:not([hidden]) li a")]
    .filter(link => link.offsetParent !== null)
    .map(link => link.getAttribute("href").replace(/\\/$/, "").split("/").pop());
"""

# axe-core's violations on the page (axe's script evaluated in it first), and its version.
AXE_RUN = """
  const results = await axe.run(document, {resultTypes: ["violations"]});
  return {
    version: axe.version,
    violations: results.violations.map(violation =>
      `${violation.id} (${violation.impact}): ` +
      violation.nodes.map(node => node.target.join(" >> ")).join(", ")),
  };
"""

# The addresses of the search page's results.
RESULTS = """
  return [...document.querySelectorAll(".shora-search__title")].map(link => link.href);
"""


def expression(body: str) -> str:
    """A function body as an expression (for a driver that waits on one)."""
    return f"(() => {{ {body} }})()"


def awaited(body: str) -> str:
    """A function body that may ``await``, as a script whose promise WebDriver waits
    for (Execute Script returns the promise's value)."""
    return f"return (async () => {{ {body} }})();"


def check_code_order(drawn: dict[str, Any], persian: bool, listed: bool = True) -> None:
    """What CODE_ORDER found on a page: its code drawn forwards and, on the open data
    page (``listed``), its list of code in the page's direction."""
    assert drawn["count"] > 3
    assert drawn["backwards"] == []
    if listed:
        assert [text for text, _ in drawn["listed"]] == ["title", "adopted", "vote"]
        lefts = [left for _, left in drawn["listed"]]
        assert lefts == sorted(lefts, reverse=persian), drawn["listed"]
        # The tables' lists of values: on one line, each after the one before it in the
        # page's direction (the councils' status among them).
        assert ["forming", "active", "inactive", "dissolved"] in [
            [text for text, _left, _top in cell] for cell in drawn["cells"]
        ]
        pairs = [(one, two) for cell in drawn["cells"] for one, two in pairwise(cell)
                 if abs(one[2] - two[2]) < 2]  # fmt: skip
        assert len(pairs) > 20
        backwards = [(one[0], two[0]) for one, two in pairs if (two[1] < one[1]) != persian]
        assert backwards == []
