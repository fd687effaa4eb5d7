"""Repairs of the theme's HTML that the Nu Html Checker would flag, in markup of
Material's templates that we cannot change without copying them.

Every page goes through :func:`repair` (about 1,600 pages in a large build), so it
only replaces known strings of Material's markup: no parsing. When a new Material
writes these differently, the replacements find nothing and the Nu Html Checker
test (tests/test_html_validity.py) reports the markup again.

The drawer and search toggles: Material writes ``autocomplete="off"`` on its two
checkboxes so that a browser going back to the page (or reloading it) does not
restore them checked, reopening the drawer or the search. HTML allows
``autocomplete`` only on text-like inputs, but a control also follows its form
owner's ``autocomplete``, in Chromium as in Firefox: the checkboxes get an empty
form of their own (``form="…"``) that says ``autocomplete="off"``. The form is
placed before them, so the theme's ``[data-md-toggle=…]:checked ~ …`` selectors
still reach the same siblings.
"""

from __future__ import annotations

TOGGLES_FORM_ID = "__shora-toggles"
TOGGLES_FORM = f'<form id="{TOGGLES_FORM_ID}" autocomplete="off"></form>'


def _toggle(name: str, *, valid: bool) -> str:
    """Material's checkbox toggle ``name`` (``drawer``, ``search``), as Material
    writes it or repaired."""
    owner = f'form="{TOGGLES_FORM_ID}"' if valid else 'autocomplete="off"'
    return (
        f'<input class="md-toggle" data-md-toggle="{name}" type="checkbox" id="__{name}" {owner}>'
    )


_DRAWER = _toggle("drawer", valid=False)
_SEARCH = _toggle("search", valid=False)
_DRAWER_REPAIRED = TOGGLES_FORM + "\n    " + _toggle("drawer", valid=True)
_SEARCH_REPAIRED = _toggle("search", valid=True)


def repair(html: str) -> str:
    """The page's final HTML, valid where the theme's is not (repairing it again
    changes nothing)."""
    return html.replace(_DRAWER, _DRAWER_REPAIRED, 1).replace(_SEARCH, _SEARCH_REPAIRED, 1)
