"""``shora new``: a commented file with the schema line, ready to fill in.

Every value an editor has to write is an *example* in the template: a descriptive text
("City name"), an id such as ``council-id``, or a value no real file can hold (the
country ``AQ``, Antarctica, where no council meets). The examples are kept here, in
:data:`PLACEHOLDERS`, once per field; the templates take them from there, and the
validator (:mod:`shora.validate.placeholders`) reports every field that still holds
its example, exactly equal, so a file cannot be published unfilled. Defaults that are
also real answers (``status: forming``, ``founded: unknown``, today's date for a
verification) are not examples: they cannot be told from real data. A decision's day
is an example (1900-01-01), as today would be published unnoticed.
"""

from __future__ import annotations

import json
import re
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from shora.core.diagnostics import Diagnostic
from shora.models.kinds import COUNCIL, DECISION, FEDERATION, ORGANIZATION, RESOLUTION, Kind
from shora.models.schema import schema_line

if TYPE_CHECKING:
    import datetime as dt

# ---------------------------------------------------------------- templates
# A slot <<path>> is the example of that placeholder (or the value given to `shora new`),
# written as YAML; <<schema>> and <<today>> are the schema line and today's date.
# Comments stand on lines of their own, Persian first: after a plain value on the same
# line, a ' #' would look like a text cut short.

_REPLACE_EXAMPLES = """\
# هر مقدار نمونه را با دادهٔ واقعی عوض کنید؛ بررسی‌گر (make validate) تا آن زمان آن را گزارش می‌کند.
# Replace every example value: the validator (make validate) reports each until it is replaced.
"""

_DATES = """\
# تاریخ میلادی: YYYY-MM-DD، YYYY-MM، YYYY یا unknown؛ خورشیدی با SH: 1404-07-15 SH یا ۱۵ مهر ۱۴۰۴
# Gregorian: YYYY-MM-DD, YYYY-MM, YYYY or unknown; Solar Hijri with SH: 1404-07-15 SH, ۱۵ مهر ۱۴۰۴
"""

RESOLUTION_TEMPLATE = (
    """\
<<schema>>
# قطعنامه. شماره و حرف بندها را Shora می‌گذارد: «۱-» یا «الف)» را در آغاز متن ننویسید.
# A resolution. Shora numbers and letters the clauses: do not type "1-" or "الف)" yourself.
"""
    + _REPLACE_EXAMPLES
    + """\
title:
  fa: <<title.fa>>
  en: <<title.en>>
# سازمانی که آن را تصویب کرد: نام فایلش در councils/organizations/
# The organization that adopted it: its file name in councils/organizations/
organization: <<organization>>
adopted_by:
  body:
    fa: <<adopted_by.body.fa>>
    en: <<adopted_by.body.en>>
  # نشست، مثلاً پلنوم؛ برای نوشتنش # را بردارید · the session, e.g. a plenum: remove the #
  # session:
  #   fa: ...
  #   en: ...
adopted:
"""
    + textwrap.indent(_DATES, "  ")
    + """\
  date: unknown
  # یادداشت فقط برای تاریخ نامعلوم · a note only for an unknown date
  note:
    fa: <<adopted.note.fa>>
    en: <<adopted.note.en>>
# unanimous | counts (با yes، no، abstain · with yes, no, abstain) | without-vote | unknown
vote:
  kind: unknown
# in-force | superseded | repealed | unknown
status: in-force
# کجا منتشر شد · where it was published: periodical (fa, en), issue, date, url
published: []
original_language: fa
translations:
  en:
    # complete (کامل) | draft (پیش‌نویس) | missing (هنوز ترجمه نشده)
    status: draft
# شناسه‌هایی از resolutions/_topics.yml · ids from resolutions/_topics.yml
topics: []
text:
  # بندهای مقدمه · the considerations
  considerations:
    - fa: <<text.considerations.*.fa>>
      en: <<text.considerations.*.en>>
  # جملهٔ پیش از بندها به «:» ختم می‌شود، پس میان " " می‌آید.
  # The sentence before the points ends in ":", so it is written in double quotes.
  operative_intro:
    fa: <<text.operative_intro.fa>>
    en: <<text.operative_intro.en>>
  points:
    - fa: <<text.points.*.fa>>
      en: <<text.points.*.en>>
      # زیربندهای حرف‌دار و بندهای دیگر همین بند، هر یک با fa و en
      # Lettered sub-items and further paragraphs of this point, each with fa and en
      items: []
      paragraphs: []
"""
)

COUNCIL_TEMPLATE = (
    """\
<<schema>>
# شورا. فقط آنچه را بنویسید که شورا پذیرفته است عمومی شود.
# A council. Publish only what the council has agreed to make public.
"""
    + _REPLACE_EXAMPLES
    + """\
name:
  fa: <<name.fa>>
  en: <<name.en>>
city:
  fa: <<city.fa>>
  en: <<city.en>>
# نام‌های دیگر شهر برای جست‌وجو · other spellings people search for
# other_names: [Gothenburg, گوتنبرگ]
other_names: []
# کد دوحرفی کشور، مثلاً SE یا DE · the country's two-letter code, e.g. SE or DE
country: <<country>>
# مرکز شهر، هرگز محل جلسه یا خانه؛ lat: شمال +، lon: شرق +
# The city centre, never a meeting place or a home; lat: north +, lon: east +
coordinates:
  lat: <<coordinates.lat>>
  lon: <<coordinates.lon>>
# شناسهٔ فدراسیون کشور؛ # را بردارید · the country federation's id: remove the #
# federation: sweden
# forming | active | inactive | dissolved
status: forming
"""
    + _DATES
    + """\
founded: unknown
# روزی که درستی این داده‌ها را بررسی کردید · the day you checked these data
last_verified: <<today>>
contacts:
  # email: council@example.org
  # website: https://example.org
  # social:
  #   - network: telegram
  #     handle: "@council"
  social: []
assembly:
  # یا برنامهٔ منظم، به جای text · or a regular schedule, instead of text:
  # frequency: monthly
  # weekday: sunday
  # time: "18:00"
  # timezone: Europe/Stockholm
  text:
    fa: <<assembly.text.fa>>
    en: <<assembly.text.en>>
# نقش‌های هیئت اجرایی · the roles of the board:
# board:
#   - id: secretary
#     title:
#       fa: دبیر
#       en: Secretary
board: []
"""
)

FEDERATION_TEMPLATE = (
    """\
<<schema>>
# فدراسیون شوراهای یک کشور یا یک قاره · a federation of the councils of a country or continent
"""
    + _REPLACE_EXAMPLES
    + """\
# country | continent
level: country
name:
  fa: <<name.fa>>
  en: <<name.en>>
# کد دوحرفی کشور، مثلاً SE · the country's two-letter code, e.g. SE
country: <<country>>
# فدراسیون قارهٔ آن؛ # را بردارید · its continent federation: remove the #
# parent: europe
# برای فدراسیون قاره، continent به جای country · for a continent, continent instead of country:
# continent: europe
"""
    + _DATES
    + """\
founded: unknown
contacts:
  # email: federation@example.org
  # website: https://example.org
  social: []
"""
)

ORGANIZATION_TEMPLATE = (
    """\
<<schema>>
# سازمانی که قطعنامه تصویب می‌کند · an organization that adopts resolutions
"""
    + _REPLACE_EXAMPLES
    + """\
name:
  fa: <<name.fa>>
  en: <<name.en>>
# نام کوتاه و نشانی وب؛ # را بردارید · a short name and website: remove the #
# short_name:
#   fa: ...
#   en: ...
# website: https://example.org
"""
)

_DECISION_HEAD = (
    """\
<<schema>>
# تصمیم منتشرشدهٔ یک شورا. شوراها با اکثریت حاضران تصمیم می‌گیرند.
# A published decision of a council. Councils decide by a majority of those present.
"""
    + _REPLACE_EXAMPLES
    + """\
# نام فایل شورا در councils/ · the council's file name in councils/
council: <<council>>
# روز جلسه، میلادی YYYY-MM-DD یا خورشیدی با SH: 1404-07-15 SH یا ۱۵ مهر ۱۴۰۴
# The day of the meeting: YYYY-MM-DD, or Solar Hijri with SH: 1404-07-15 SH, ۱۵ مهر ۱۴۰۴
date: <<date>>
# general-assembly | executive-board
body: general-assembly
"""
)

_DECISION_TAIL = """\
title:
  fa: <<title.fa>>
  en: <<title.en>>
text:
  fa: <<text.fa>>
  en: <<text.en>>
# شمار واقعی آرا؛ participants شمار اعضای حاضر است و تصویب یعنی yes بیش از نیمی از آنان.
# The real counts; participants: the members present. Adopted needs yes > half of them.
vote:
  yes: <<vote.yes>>
  no: <<vote.no>>
  abstain: <<vote.abstain>>
  participants: <<vote.participants>>
# adopted | rejected
outcome: adopted
"""

_ROLE_AND_PERSON = """\
# شناسهٔ نقش، آن‌گونه که زیر board در فایل شورا آمده، مثلاً secretary
# The role's id, as listed under board: in the council's file, e.g. secretary
role: <<role>>
# نام فرد فقط با رضایت خودش منتشر می‌شود؛ پس از پرسیدن از او،
# «# » را (# و فاصلهٔ پس از آن) از آغاز پنج سطر زیر بردارید.
# A person's name is published only with their consent: after asking them,
# remove '# ' (the # and the space after it) from the start of the five lines below.
# person:
#   name:
#     fa: <<person.name.fa>>
#     en: <<person.name.en>>
#   consent: true
"""

DECISION_TEMPLATE = (
    _DECISION_HEAD + "# policy | election | recall | other\nkind: policy\n" + _DECISION_TAIL
)
ELECTION_TEMPLATE = (
    _DECISION_HEAD
    + "# انتخاب برای یک نقش · an election to a board role\nkind: election\n"
    + _ROLE_AND_PERSON
    + _DECISION_TAIL
)
RECALL_TEMPLATE = (
    _DECISION_HEAD
    + "# عزل از یک نقش · a recall from a board role\nkind: recall\n"
    + _ROLE_AND_PERSON
    + _DECISION_TAIL
)

TEMPLATES: dict[str, tuple[Kind, str]] = {
    "resolution": (RESOLUTION, RESOLUTION_TEMPLATE),
    "council": (COUNCIL, COUNCIL_TEMPLATE),
    "federation": (FEDERATION, FEDERATION_TEMPLATE),
    "organization": (ORGANIZATION, ORGANIZATION_TEMPLATE),
    "decision": (DECISION, DECISION_TEMPLATE),
    "election": (DECISION, ELECTION_TEMPLATE),
    "recall": (DECISION, RECALL_TEMPLATE),
}

_SLOT = re.compile(r"<<([a-z_.*]+)>>")


def yaml_scalar(value: Any) -> str:
    """``value`` as a YAML scalar: plain where YAML reads it back the same, else quoted."""
    if isinstance(value, str):
        try:
            plain = yaml.safe_load(f"value: {value}\n") == {"value": value}
        except yaml.YAMLError:
            plain = False
        # (A double-quoted JSON string is a double-quoted YAML string.)
        return value if plain and " #" not in value else json.dumps(value, ensure_ascii=False)
    return json.dumps(value)


def _examples(kind: Kind) -> dict[str, Any]:
    """Slot name -> example value, for every field of each placeholder of ``kind``."""
    # Imported here: the command line imports this module for its list of templates,
    # and the placeholders' module brings the loader and pydantic with it, which an
    # unchanged project's `shora validate` (answered from its last report) never needs.
    from shora.validate.placeholders import PLACEHOLDERS

    examples: dict[str, Any] = {}
    for placeholder in PLACEHOLDERS.get(kind.name, ()):
        if isinstance(placeholder.example, dict):
            for key, value in placeholder.example.items():
                examples[f"{placeholder.slot}.{key}"] = value
        else:
            examples[placeholder.slot] = placeholder.example
    return examples


def new_file(root: Path, what: str, id_: str, today: dt.date, **values: str) -> tuple[Path, str]:
    """Path and text of a new file of kind ``what`` with id ``id_``; ``values`` replace
    the examples of those fields (e.g. ``council="uppsala"``)."""
    kind, template = TEMPLATES[what]
    relative = f"{kind.folder}/{id_}.yml"
    slots: dict[str, str] = {"schema": schema_line(kind, relative), "today": today.isoformat()}
    slots.update((name, yaml_scalar(value)) for name, value in _examples(kind).items())
    slots.update((name, yaml_scalar(value)) for name, value in values.items())
    return root / relative, _SLOT.sub(lambda match: slots[match.group(1)], template)


def new_file_from_issue(root: Path, issue: Path) -> tuple[Path | None, str, list[Diagnostic]]:
    """Path and text of a council file from the body of a 'propose a council' issue
    (see :mod:`shora.tools.issue_form`), or None and the problems, located in the body."""
    from shora.tools.issue_form import new_council_from_issue

    return new_council_from_issue(root, issue)
