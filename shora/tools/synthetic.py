"""Synthetic, valid data of any size, for benchmarks and tests.

Every record is built through the models (so it is valid by construction), then
written as YAML with the schema line, in the project's layout. The same seed gives
the same files. Everything the models allow to mark as fictional has ``sample: true``.

Sizes: ``L`` is 2,000 councils, 500 resolutions and 10,000 decisions; ``M`` is a
quarter of it and ``S`` a sixteenth, so that the build's linearity can be measured.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from shora.core.language import localize_digits
from shora.models.common import country_names
from shora.models.council import CONTINENTS, Council, Decision, Federation, Organization, Topics
from shora.models.geography import continent_of
from shora.models.kinds import (
    COUNCIL,
    DECISION,
    FEDERATION,
    ORGANIZATION,
    RESOLUTION,
    TOPICS,
    Kind,
)
from shora.models.resolution import Resolution
from shora.models.schema import schema_line

# The fixed "today" of the generated data: dates are before it, so the data is the
# same whenever it is generated (councils verified more than a year before the real
# today are reported as warnings, never as errors).
REFERENCE_DATE = dt.date(2026, 11, 1)


@dataclass(frozen=True)
class Size:
    councils: int
    resolutions: int
    decisions: int


SIZES: dict[str, Size] = {
    "L": Size(2000, 500, 10000),
    "M": Size(500, 125, 2500),
    "S": Size(125, 32, 625),
}


@dataclass(frozen=True)
class Place:
    country: str
    city_en: str
    city_fa: str
    lat: float
    lon: float
    timezone: str


# One city per country, well inside it (inland, away from borders), with its
# approximate coordinates. Councils are placed within a few kilometres of it.
PLACES: tuple[Place, ...] = (
    # Europe
    Place("SE", "Orebro", "اوربرو", 59.27, 15.21, "Europe/Stockholm"),
    Place("NO", "Lillehammer", "لیله‌هامر", 61.12, 10.47, "Europe/Oslo"),
    Place("FI", "Tampere", "تامپره", 61.50, 23.76, "Europe/Helsinki"),
    Place("DK", "Herning", "هرنینگ", 56.14, 8.97, "Europe/Copenhagen"),
    Place("DE", "Kassel", "کاسل", 51.31, 9.48, "Europe/Berlin"),
    Place("FR", "Bourges", "بورژ", 47.08, 2.40, "Europe/Paris"),
    Place("ES", "Madrid", "مادرید", 40.42, -3.70, "Europe/Madrid"),
    Place("IT", "Perugia", "پروجا", 43.11, 12.39, "Europe/Rome"),
    Place("GB", "Birmingham", "بیرمنگام", 52.49, -1.89, "Europe/London"),
    Place("NL", "Utrecht", "اوترخت", 52.09, 5.12, "Europe/Amsterdam"),
    Place("PL", "Lodz", "لودز", 51.76, 19.46, "Europe/Warsaw"),
    Place("CH", "Lucerne", "لوتسرن", 47.05, 8.31, "Europe/Zurich"),
    Place("AT", "Graz", "گراتس", 47.07, 15.44, "Europe/Vienna"),
    Place("GR", "Larissa", "لاریسا", 39.64, 22.42, "Europe/Athens"),
    # Asia
    Place("TR", "Ankara", "آنکارا", 39.93, 32.86, "Europe/Istanbul"),
    Place("IN", "Nagpur", "ناگپور", 21.15, 79.09, "Asia/Kolkata"),
    Place("JP", "Matsumoto", "ماتسوموتو", 36.24, 137.97, "Asia/Tokyo"),
    Place("KZ", "Karaganda", "قاراغاندی", 49.80, 73.10, "Asia/Almaty"),
    Place("MN", "Ulaanbaatar", "اولان‌باتور", 47.92, 106.92, "Asia/Ulaanbaatar"),
    Place("IQ", "Baghdad", "بغداد", 33.31, 44.36, "Asia/Baghdad"),
    Place("CN", "Xian", "شیان", 34.34, 108.94, "Asia/Shanghai"),
    Place("KR", "Daejeon", "دائجون", 36.35, 127.38, "Asia/Seoul"),
    Place("TH", "Nakhon Ratchasima", "ناکون راچاسیما", 14.97, 102.10, "Asia/Bangkok"),
    # Africa
    Place("NG", "Abuja", "ابوجا", 9.06, 7.49, "Africa/Lagos"),
    Place("ET", "Addis Ababa", "آدیس آبابا", 9.03, 38.74, "Africa/Addis_Ababa"),
    Place("KE", "Nairobi", "نایروبی", -1.29, 36.82, "Africa/Nairobi"),
    Place("ZA", "Bloemfontein", "بلومفونتین", -29.12, 26.21, "Africa/Johannesburg"),
    Place("DZ", "Ghardaia", "غردایه", 32.49, 3.67, "Africa/Algiers"),
    Place("EG", "Cairo", "قاهره", 30.04, 31.24, "Africa/Cairo"),
    Place("ML", "Mopti", "موپتی", 14.49, -4.20, "Africa/Bamako"),
    Place("ZM", "Lusaka", "لوساکا", -15.42, 28.28, "Africa/Lusaka"),
    Place("TZ", "Dodoma", "دودوما", -6.16, 35.75, "Africa/Dar_es_Salaam"),
    # North America
    Place("US", "Wichita", "ویچیتا", 37.69, -97.34, "America/Chicago"),
    Place("CA", "Saskatoon", "ساسکاتون", 52.13, -106.67, "America/Regina"),
    Place("MX", "Aguascalientes", "آگواسکالینتس", 21.88, -102.29, "America/Mexico_City"),
    # South America
    Place("BR", "Brasilia", "برازیلیا", -15.79, -47.88, "America/Sao_Paulo"),
    Place("AR", "Cordoba", "کوردوبا", -31.42, -64.18, "America/Argentina/Cordoba"),
    Place("CL", "Santiago", "سانتیاگو", -33.45, -70.67, "America/Santiago"),
    Place("CO", "Bogota", "بوگوتا", 4.71, -74.07, "America/Bogota"),
    Place("PE", "Huancayo", "هوانکایو", -12.07, -75.20, "America/Lima"),
    Place("BO", "Cochabamba", "کوچابامبا", -17.39, -66.16, "America/La_Paz"),
    # Oceania
    Place("AU", "Alice Springs", "آلیس اسپرینگز", -23.70, 133.88, "Australia/Darwin"),
    Place("NZ", "Taupo", "تاپو", -38.69, 176.07, "Pacific/Auckland"),
    Place("PG", "Mount Hagen", "مونت هاگن", -5.86, 144.23, "Pacific/Port_Moresby"),
)

JITTER_DEGREES = 0.05  # about 5 km


def _words(text: str) -> tuple[str, ...]:
    return tuple(text.split())


PERSIAN_WORDS = _words(
    "شورا مجمع عمومی کارگران زنان جوانان آزادی برابری رفاه جامعه مبارزه سازماندهی "
    "تصمیم اکثریت شرکت‌کنندگان هیئت اجرایی نماینده انتخاب عزل همبستگی اعتراض "
    "حقوق مدنی سیاسی اجتماعی اقتصادی فرهنگی آموزش بهداشت مسکن کار دستمزد "
    "اتحادیه محله شهر کشور قاره فدراسیون بیانیه قطعنامه پیشنهاد گزارش جلسه "
    "عضویت داوطلبانه علنی شفاف مسئولیت پاسخگویی بودجه کمک همیاری رسانه "
    "سخنرانی تظاهرات گردهمایی کمپین حمایت دفاع پناهندگان مهاجران دانشجویان "
    "آینده امروز همه برای باید است و با در از به که این آن را هر"
)

ENGLISH_WORDS = _words(
    "council general assembly workers women youth freedom equality welfare society "
    "struggle organizing decision majority participants executive board delegate "
    "election recall solidarity protest civil political social economic cultural "
    "education health housing work wages union neighbourhood city country continent "
    "federation statement resolution proposal report meeting membership voluntary "
    "public transparent responsibility accountability budget support mutual aid media "
    "speech demonstration gathering campaign defence refugees migrants students "
    "future today all for must is and with in of to that this the every"
)

BOARD_ROLES = (
    ("secretary", "دبیر", "Secretary"),
    ("treasurer", "خزانه‌دار", "Treasurer"),
    ("spokesperson", "سخنگو", "Spokesperson"),
)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
TOPICS_TABLE = {
    "councils": ("شوراها", "Councils"),
    "organization": ("سازماندهی", "Organization"),
    "women": ("زنان", "Women"),
    "workers": ("کارگران", "Workers"),
    "youth": ("جوانان", "Youth"),
    "refugees": ("پناهندگان", "Refugees"),
    "campaigns": ("کمپین‌ها", "Campaigns"),
    "solidarity": ("همبستگی", "Solidarity"),
}
ORGANIZATION_ID = "sample-organization"


def scaled(size: Size, factor: float) -> Size:
    return Size(
        max(1, round(size.councils * factor)),
        max(1, round(size.resolutions * factor)),
        max(0, round(size.decisions * factor)),
    )


class _Writer:
    def __init__(self, rng: random.Random):
        self.rng = rng

    # ---------------------------------------------------------------- text

    def sentence(self, words: int) -> tuple[str, str]:
        rng = self.rng
        fa = " ".join(rng.choice(PERSIAN_WORDS) for _ in range(words))
        en = " ".join(rng.choice(ENGLISH_WORDS) for _ in range(words))
        return fa + ".", en[0].upper() + en[1:] + "."

    def text(self, low: int, high: int, sentences: int = 1) -> dict[str, str]:
        fa_parts, en_parts = [], []
        for _ in range(sentences):
            fa, en = self.sentence(self.rng.randint(low, high))
            fa_parts.append(fa)
            en_parts.append(en)
        return {"fa": " ".join(fa_parts), "en": " ".join(en_parts)}

    def date(self, first: dt.date, last: dt.date) -> dt.date:
        return first + dt.timedelta(days=self.rng.randint(0, (last - first).days))


def _dump(model: BaseModel) -> dict[str, Any]:
    return model.model_dump(mode="json", exclude_defaults=True, exclude_none=True)


def _slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return "-".join("".join(c if c.isalnum() else " " for c in ascii_text.lower()).split())


def _persian_number(value: int) -> str:
    return localize_digits(str(value), "fa")


def generate(size: Size, seed: int = 1) -> Iterator[tuple[Kind, str, BaseModel]]:
    """Every record as (kind, path relative to the root, model), in a stable order."""
    rng = random.Random(seed)
    writer = _Writer(rng)
    names_fa, names_en = country_names("fa"), country_names("en")

    yield (
        ORGANIZATION,
        f"councils/organizations/{ORGANIZATION_ID}.yml",
        Organization.model_validate(
            {
                "name": {"fa": "سازمان نمونه", "en": "Sample Organization"},
                "website": "https://example.org",
            }
        ),
    )
    yield (
        TOPICS,
        "resolutions/_topics.yml",
        Topics.model_validate(
            {key: {"fa": fa, "en": en} for key, (fa, en) in TOPICS_TABLE.items()}
        ),
    )

    # Federations: one per continent and one per country that has councils.
    places = PLACES[: max(1, min(len(PLACES), size.councils))]
    continents = sorted({continent_of(place.country) or "" for place in places})
    for continent in continents:
        fa, en = CONTINENTS[continent]
        yield (
            FEDERATION,
            f"councils/federations/{continent}.yml",
            Federation.model_validate(
                {
                    "sample": True,
                    "level": "continent",
                    "continent": continent,
                    "name": {"fa": f"فدراسیون شوراهای {fa}", "en": f"Federation of councils, {en}"},
                    "founded": writer.date(dt.date(2005, 1, 1), dt.date(2015, 12, 31)).isoformat(),
                }
            ),
        )
    federation_of: dict[str, str] = {}
    for place in places:
        federation_id = _slug(names_en[place.country])
        federation_of[place.country] = federation_id
        yield (
            FEDERATION,
            f"councils/federations/{federation_id}.yml",
            Federation.model_validate(
                {
                    "sample": True,
                    "level": "country",
                    "country": place.country,
                    "parent": continent_of(place.country),
                    "name": {
                        "fa": f"فدراسیون شوراهای {names_fa[place.country]}",
                        "en": f"Federation of councils, {names_en[place.country]}",
                    },
                    "founded": writer.date(dt.date(2010, 1, 1), dt.date(2020, 12, 31)).isoformat(),
                    "contacts": {"email": f"{federation_id}@example.org"},
                }
            ),
        )

    # Councils: spread over the places in turn, numbered within each place.
    councils: list[tuple[str, Council]] = []
    for index in range(size.councils):
        place = places[index % len(places)]
        number = index // len(places) + 1
        council_id = f"{_slug(place.city_en)}-{number}"
        city_fa = f"{place.city_fa} {_persian_number(number)}"
        city_en = f"{place.city_en} {number}"
        weekday = rng.choice(WEEKDAYS)
        roles = BOARD_ROLES[: rng.randint(1, len(BOARD_ROLES))]
        founded = writer.date(dt.date(2009, 1, 1), dt.date(2022, 12, 31))
        council = Council.model_validate(
            {
                "sample": True,
                "name": {"fa": f"شورای سرخ‌های {city_fa}", "en": f"Council of the Reds, {city_en}"},
                "city": {"fa": city_fa, "en": city_en},
                "country": place.country,
                "coordinates": {
                    "lat": round(place.lat + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 4),
                    "lon": round(place.lon + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 4),
                },
                "federation": federation_of[place.country],
                "status": rng.choice(("active", "active", "active", "forming", "inactive")),
                "founded": founded.isoformat(),
                "last_verified": writer.date(
                    REFERENCE_DATE - dt.timedelta(days=300), REFERENCE_DATE
                ).isoformat(),
                "contacts": {
                    "email": f"{council_id}@example.org",
                    "website": f"https://example.org/{council_id}",
                    "social": [
                        {"network": "telegram", "handle": f"@{council_id.replace('-', '_')}"}
                    ],
                },
                "assembly": {
                    "frequency": rng.choice(("weekly", "every-two-weeks", "monthly")),
                    "weekday": weekday,
                    "time": f"{rng.randint(10, 20):02d}:{rng.choice((0, 30)):02d}",
                    "timezone": place.timezone,
                },
                "board": [{"id": role, "title": {"fa": fa, "en": en}} for role, fa, en in roles],
            }
        )
        councils.append((council_id, council))
        yield COUNCIL, f"councils/{council_id}.yml", council

    # Resolutions: long texts; every 25th supersedes the one before it, every 10th
    # amends a clause of an earlier one.
    resolution_ids = [f"sample-resolution-{i + 1:04d}" for i in range(size.resolutions)]
    superseded = {
        resolution_ids[i - 1] for i in range(1, size.resolutions) if i % 25 == 0
    }  # fmt: skip
    topic_ids = list(TOPICS_TABLE)
    for i, resolution_id in enumerate(resolution_ids):
        adopted = writer.date(dt.date(1995, 1, 1), dt.date(2025, 12, 31))
        points = []
        for p in range(rng.randint(4, 10)):
            point: dict[str, Any] = writer.text(15, 40, rng.randint(1, 3))
            if p % 3 == 2:
                point["items"] = [writer.text(6, 16) for _ in range(rng.randint(3, 8))]
            if p % 4 == 3:
                point["paragraphs"] = [writer.text(20, 40, 2) for _ in range(rng.randint(1, 2))]
            points.append(point)
        participants = rng.randint(15, 60)
        yes = rng.randint(participants // 2 + 1, participants)
        no = rng.randint(0, participants - yes)
        vote: dict[str, Any] = rng.choice(
            (
                {"kind": "counts", "yes": yes, "no": no, "participants": participants},
                {"kind": "unanimous", "yes": participants, "participants": participants},
                {"kind": "unknown"},
            )
        )
        data: dict[str, Any] = {
            "title": {
                "fa": f"قطعنامه نمونه {_persian_number(i + 1)} درباره "
                + " ".join(rng.choice(PERSIAN_WORDS[:40]) for _ in range(3)),
                "en": f"Sample resolution {i + 1} on "
                + " ".join(rng.choice(ENGLISH_WORDS[:40]) for _ in range(3)),
            },
            "organization": ORGANIZATION_ID,
            "adopted_by": {
                "body": {"fa": "کنگره نمونه", "en": "Sample congress"},
                "session": {
                    "fa": f"نشست {_persian_number(i % 12 + 1)}",
                    "en": f"Session {i % 12 + 1}",
                },
            },
            "adopted": {"date": adopted.isoformat()},
            "vote": vote,
            "status": "superseded" if resolution_id in superseded else "in-force",
            "published": [
                {
                    "periodical": {"fa": "نشریه نمونه", "en": "Sample periodical"},
                    "issue": rng.randint(1, 900),
                    "date": (adopted + dt.timedelta(days=rng.randint(0, 30))).isoformat(),
                    "url": f"https://example.org/{resolution_id}",
                }
            ],
            "original_language": "fa",
            "translations": {"en": {"status": rng.choice(("complete", "draft"))}},
            "topics": sorted(rng.sample(topic_ids, rng.randint(1, 3))),
            "text": {
                "headnote": writer.text(6, 12),
                "considerations": [writer.text(25, 60, 2) for _ in range(rng.randint(3, 8))],
                "operative_intro": writer.text(4, 8),
                "points": points,
                "closing": [writer.text(15, 30)],
                "signature": {"fa": "کنگره نمونه", "en": "Sample congress"},
                "place_date": {
                    "fa": f"{names_fa['SE']}، {_persian_number(adopted.year)}",
                    "en": f"{names_en['SE']}, {adopted.year}",
                },
            },
        }
        if i % 25 == 0 and i > 0:
            data["supersedes"] = [resolution_ids[i - 1]]
        if i % 10 == 5:
            data["amends"] = [f"{resolution_ids[i - 5]}#point-2"]
        yield RESOLUTION, f"resolutions/{resolution_id}.yml", Resolution.model_validate(data)

    # Decisions: spread over the councils, in date order within each council;
    # policies, elections and recalls (only of a role elected before); the outcome
    # always follows the majority of the participants.
    counts = [size.decisions // len(councils)] * len(councils)
    for extra in range(size.decisions % len(councils)):
        counts[extra] += 1
    for (council_id, council), count in zip(councils, counts, strict=True):
        first = max(council.founded.earliest() or dt.date(2009, 1, 1), dt.date(2009, 1, 1))
        dates = sorted(
            writer.date(first, REFERENCE_DATE - dt.timedelta(days=1)) for _ in range(count)
        )
        elected: set[str] = set()
        for number, date in enumerate(dates, start=1):
            yield _decision(rng, writer, council_id, council, number, date, elected)


def _decision(
    rng: random.Random,
    writer: _Writer,
    council_id: str,
    council: Council,
    number: int,
    date: dt.date,
    elected: set[str],
) -> tuple[Kind, str, Decision]:
    kind = rng.choice(("policy", "policy", "policy", "election", "recall"))
    if kind == "recall" and not elected:
        kind = "election"
    participants = rng.randint(5, 120)
    adopted = rng.random() < 0.85
    yes = (
        rng.randint(participants // 2 + 1, participants)
        if adopted
        else rng.randint(0, participants // 2)
    )
    no = rng.randint(0, participants - yes)
    abstain = rng.randint(0, participants - yes - no)
    data: dict[str, Any] = {
        "sample": True,
        "council": council_id,
        "date": date.isoformat(),
        "body": "general-assembly" if kind != "policy" or rng.random() < 0.7 else "executive-board",
        "kind": kind,
        "title": writer.text(4, 9),
        "text": writer.text(20, 50, rng.randint(1, 4)),
        "vote": {"yes": yes, "no": no, "abstain": abstain, "participants": participants},
        "outcome": "adopted" if adopted else "rejected",
    }
    if kind == "election":
        data["role"] = rng.choice(council.board).id
        if adopted:
            elected.add(data["role"])
        if rng.random() < 0.5:
            data["person"] = {"name": {"fa": "عضو نمونه", "en": "Sample Member"}, "consent": True}
    elif kind == "recall":
        data["role"] = rng.choice(sorted(elected))
    decision_id = f"{council_id}-{number:03d}"
    return (
        DECISION,
        f"councils/decisions/{date.year}/{decision_id}.yml",
        Decision.model_validate(data),
    )


def to_yaml(kind: Kind, path: str, model: BaseModel) -> str:
    data = _dump(model)
    body = yaml.dump(
        data,
        Dumper=getattr(yaml, "CSafeDumper", yaml.SafeDumper),
        allow_unicode=True,
        sort_keys=False,
        width=10_000,
        default_flow_style=False,
    )
    return f"{schema_line(kind, path)}\n{body}"


def write_dataset(root: Path, size: Size, seed: int = 1) -> int:
    """Write the data files of ``size`` under ``root``; returns how many were written."""
    count = 0
    for kind, path, model in generate(size, seed):
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_yaml(kind, path, model), encoding="utf-8")
        count += 1
    return count
