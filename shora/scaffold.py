"""``shora new``: a valid, commented file with the schema line, ready to fill in."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from shora.dataset import COUNCIL, DECISION, RESOLUTION, Kind
from shora.diagnostics import Diagnostic
from shora.schema import schema_line

RESOLUTION_TEMPLATE = """\
{schema}
# A resolution. Numbers, letters and anchors of clauses are added by Shora:
# do not type "1-" or "الف)" at the start of a text.
title:
  fa: عنوان قطعنامه
  en: Title of the resolution
organization: {organization}  # a file name in councils/organizations/
adopted_by:
  body:
    fa: کمیته مرکزی
    en: Central Committee
  # session:            # remove the # to name the session, e.g. a plenum
  #   fa: ...
  #   en: ...
adopted:
  date: unknown  # YYYY-MM-DD, YYYY-MM, YYYY, or unknown
  note:          # required when the date is unknown: what do the sources say?
    fa: منبع تاریخ تصویب را ذکر نکرده است.
    en: The source does not give the date of adoption.
vote:
  kind: unknown  # unanimous | counts (add yes, no, abstain) | without-vote | unknown
status: in-force  # in-force | superseded | repealed | unknown
published: []    # where it was published: periodical (fa, en), issue, date, url
original_language: fa
translations:
  en:
    status: draft  # complete | draft
topics: []       # ids from resolutions/_topics.yml
text:
  considerations:
    - fa: نخستین بند مقدمه
      en: First consideration
  operative_intro:
    fa: بنابراین اعلام میکند
    en: It therefore declares
  points:
    - fa: نخستین بند
      en: First point
      items: []        # lettered sub-items, each with fa and en
      paragraphs: []   # further paragraphs of this point
"""

COUNCIL_TEMPLATE = """\
{schema}
# A council. Publish only what the council has agreed to make public.
name:
  fa: شورای شهر
  en: Council of the city
city:
  fa: نام شهر
  en: City name
other_names: []   # other spellings people search for, e.g. [Gothenburg, گوتنبرگ]
country: SE       # ISO 3166-1 alpha-2 code
coordinates:      # the city centre, never a meeting place or a home
  lat: 59.33
  lon: 18.07
# federation: sweden   # id of the country federation in councils/federations/
status: forming   # forming | active | inactive | dissolved
founded: unknown  # YYYY-MM-DD, YYYY-MM, YYYY, or unknown
last_verified: {today}
contacts:
  # email: council@example.org
  # website: https://example.org
  social: []      # - network: telegram
                  #   handle: "@council"
assembly:
  frequency: monthly    # weekly | every-two-weeks | monthly | irregular
  weekday: sunday
  time: "18:00"
  timezone: Europe/Stockholm
board: []         # - id: secretary
                  #   title: {{fa: دبیر, en: Secretary}}
"""

DECISION_TEMPLATE = """\
{schema}
# A published decision. Councils decide by majority of the participants.
council: {council}
date: {today}
body: general-assembly   # general-assembly | executive-board
kind: policy             # policy | election | recall | other
# role: secretary        # for an election or a recall: the board role
title:
  fa: عنوان تصمیم
  en: Title of the decision
text:
  fa: متن تصمیم
  en: Text of the decision
vote:                    # replace with the real counts
  yes: 1
  no: 0
  abstain: 0
  participants: 1        # members present; adopted needs yes > half of them
outcome: adopted         # adopted | rejected
"""

TEMPLATES: dict[str, tuple[Kind, str]] = {
    "resolution": (RESOLUTION, RESOLUTION_TEMPLATE),
    "council": (COUNCIL, COUNCIL_TEMPLATE),
    "decision": (DECISION, DECISION_TEMPLATE),
}


def new_file(root: Path, what: str, id_: str, today: dt.date, **values: str) -> tuple[Path, str]:
    """Path and text of a new file of kind ``what`` with id ``id_``."""
    kind, template = TEMPLATES[what]
    relative = f"{kind.folder}/{id_}.yml"
    defaults = {"organization": "organization-id", "council": "council-id"}
    text = template.format(
        schema=schema_line(kind, relative), today=today.isoformat(), **{**defaults, **values}
    )
    return root / relative, text


def new_file_from_issue(root: Path, issue: Path) -> tuple[Path | None, str, list[Diagnostic]]:
    """Path and text of a council file from the body of a 'propose a council' issue
    (see :mod:`shora.issue_form`), or None and the problems, located in the body."""
    from shora.issue_form import new_council_from_issue

    return new_council_from_issue(root, issue)
