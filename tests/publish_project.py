"""A throw-away project with the real resolutions plus councils, a federation and
decisions, for the tests of feeds, open data, search and reproducible builds."""

from __future__ import annotations

from pathlib import Path

from .site_project import make_project

FEDERATION = """\
# yaml-language-server: $schema=../../schemas/federation.schema.json
level: country
name: {fa: فدراسیون شوراهای سوئد, en: Federation of councils in Sweden}
country: SE
founded: 2025
"""

COUNCILS = {
    "stockholm": """\
# yaml-language-server: $schema=../schemas/council.schema.json
sample: true
name: {fa: شورای استکهلم, en: Stockholm council}
city: {fa: استکهلم, en: Stockholm}
other_names: [Stokholm, Estocolmo]
country: SE
coordinates: {lat: 59.329323, lon: 18.068581}
federation: sweden
status: active
founded: 2025-03
last_verified: 2026-10-01
assembly:
  frequency: every-two-weeks
  weekday: sunday
  time: "18:00"
  timezone: Europe/Stockholm
  venue:
    name: {fa: کتابخانه, en: The library}
    address: {fa: خیابان ۱, en: Street 1}
    public: true
board:
  - id: secretary
    title: {fa: دبیر, en: Secretary}
    holder: {name: {fa: سارا, en: Sara}, consent: true}
  - id: treasurer
    title: {fa: خزانه‌دار, en: Treasurer}
""",
    "gothenburg": """\
# yaml-language-server: $schema=../schemas/council.schema.json
sample: true
name: {fa: شورای گوتنبرگ, en: Gothenburg council}
city: {fa: گوتنبرگ, en: Gothenburg}
other_names: [Göteborg, یوتبوری]
country: SE
coordinates: {lat: 57.70887, lon: 11.97456}
federation: sweden
status: forming
founded: unknown
last_verified: 2026-09-15
assembly:
  frequency: irregular
  text: {fa: هر وقت لازم باشد, en: When needed}
""",
}

DECISIONS = {
    "stockholm-2026-10-housing": """\
# yaml-language-server: $schema=../../schemas/decision.schema.json
sample: true
council: stockholm
date: 2026-10-04
body: general-assembly
kind: policy
title: {fa: تصمیم درباره مسکن, en: Decision on housing}
text: {fa: شورا از اعتراض مستاجران پشتیبانی می‌کند., en: The council supports the tenants' protest.}
vote: {yes: 12, no: 3, abstain: 1, participants: 16}
outcome: adopted
""",
    "stockholm-2026-10-secretary": """\
# yaml-language-server: $schema=../../schemas/decision.schema.json
sample: true
council: stockholm
date: 2026-10-18
body: general-assembly
kind: election
role: secretary
person: {name: {fa: سارا, en: Sara}, consent: true}
title: {fa: انتخاب دبیر, en: Election of the secretary}
text: {fa: سارا به عنوان دبیر انتخاب شد., en: Sara was elected secretary.}
vote: {yes: 10, no: 5, abstain: 0, participants: 15}
outcome: adopted
""",
}


def make_publish_project(tmp: Path) -> Path:
    project = make_project(tmp)
    councils = project / "councils"
    (councils / "federations").mkdir(parents=True, exist_ok=True)
    (councils / "federations" / "sweden.yml").write_text(FEDERATION, encoding="utf-8")
    for id_, text in COUNCILS.items():
        (councils / f"{id_}.yml").write_text(text, encoding="utf-8")
    (councils / "decisions").mkdir(parents=True, exist_ok=True)
    for id_, text in DECISIONS.items():
        (councils / "decisions" / f"{id_}.yml").write_text(text, encoding="utf-8")
    return project
