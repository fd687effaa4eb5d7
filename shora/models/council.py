"""Councils, their federations and the organizations that adopt resolutions."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, RootModel

from shora.models.common import (
    Count,
    CountryCode,
    Email,
    ExactDate,
    HttpsUrl,
    Id,
    Latitude,
    Longitude,
    Model,
    NonEmptyText,
    SomeDate,
    StrictBool,
    Text,
    TimeOfDay,
    TimeZone,
)

CONTINENTS: dict[str, tuple[str, str]] = {
    # id: (Persian, English)
    "africa": ("آفریقا", "Africa"),
    "antarctica": ("جنوبگان", "Antarctica"),
    "asia": ("آسیا", "Asia"),
    "europe": ("اروپا", "Europe"),
    "north-america": ("آمریکای شمالی", "North America"),
    "oceania": ("اقیانوسیه", "Oceania"),
    "south-america": ("آمریکای جنوبی", "South America"),
}
Continent = Literal[
    "africa", "antarctica", "asia", "europe", "north-america", "oceania", "south-america"
]


class Coordinates(Model):
    """City-level position (the city centre, never a meeting place)."""

    lat: Latitude = Field(description="Latitude, -90 to 90: 59.33 or ۵۹٫۳۳.")
    lon: Longitude = Field(description="Longitude, -180 to 180.")


class SocialHandle(Model):
    network: Literal[
        "bluesky", "facebook", "instagram", "mastodon", "signal", "telegram", "x", "youtube"
    ]
    handle: NonEmptyText = Field(description="The public handle, e.g. @council_stockholm.")
    url: HttpsUrl | None = None


class Contacts(Model):
    email: Email | None = None
    website: HttpsUrl | None = None
    social: list[SocialHandle] = Field(default_factory=list)


class Venue(Model):
    name: Text | None = Field(None, description="Name of the place.")
    address: Text | None = Field(None, description="Published only when public is true.")
    public: StrictBool = Field(False, description="true only if the address may be published.")


class Assembly(Model):
    """When the general assembly meets: a regular schedule, or free text."""

    frequency: Literal["weekly", "every-two-weeks", "monthly", "irregular"] | None = None
    weekday: (
        Literal["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] | None
    ) = None
    time: TimeOfDay | None = None
    timezone: TimeZone | None = None
    text: Text | None = Field(None, description="Free text when there is no fixed schedule.")
    venue: Venue | None = None


class Person(Model):
    name: Text
    consent: StrictBool = Field(
        False, description="true only if the person agreed to have the name published."
    )


class BoardRole(Model):
    id: Id = Field(description="Role id, e.g. secretary; decisions refer to it.")
    title: Text
    holder: Person | None = None


class Council(Model):
    """A council, one file ``councils/<id>.yml``."""

    id: Id | None = Field(None, description="Optional; must equal the file name.")
    sample: StrictBool = Field(False, description="true for fictional demo data.")
    name: Text
    city: Text
    other_names: list[NonEmptyText] = Field(
        default_factory=list, description="Other spellings of the city, for search."
    )
    country: CountryCode
    coordinates: Coordinates
    federation: Id | None = Field(None, description="Id of the country federation.")
    status: Literal["forming", "active", "inactive", "dissolved"]
    founded: SomeDate
    last_verified: ExactDate
    contacts: Contacts = Field(default_factory=Contacts)
    assembly: Assembly | None = None
    board: list[BoardRole] = Field(default_factory=list)


class Federation(Model):
    """A federation of councils, one file ``councils/federations/<id>.yml``."""

    id: Id | None = None
    sample: StrictBool = False
    level: Literal["country", "continent"]
    name: Text
    country: CountryCode | None = Field(None, description="For a country federation.")
    continent: Continent | None = Field(None, description="For a continent federation.")
    parent: Id | None = Field(None, description="Continent federation of a country federation.")
    founded: SomeDate
    contacts: Contacts = Field(default_factory=Contacts)


class Organization(Model):
    """An organization that adopts resolutions: ``councils/organizations/<id>.yml``."""

    id: Id | None = None
    name: Text = Field(description="Its name in each language, as it writes it itself.")
    short_name: Text | None = None
    website: HttpsUrl | None = None
    name_source: Text | None = Field(
        None,
        description="Where the organization writes its name so (its own publications, "
        "named so that a reader can find them), in each language.",
    )


class DecisionVote(Model):
    yes: Count
    no: Count
    abstain: Count = 0
    participants: Count = Field(description="Members present at the vote.")


class Decision(Model):
    """A published decision of a council: ``councils/decisions/<id>.yml``."""

    id: Id | None = None
    sample: StrictBool = False
    council: Id
    date: ExactDate
    body: Literal["general-assembly", "executive-board"]
    kind: Literal["policy", "election", "recall", "other"]
    role: Id | None = Field(None, description="Board role elected or recalled.")
    person: Person | None = Field(None, description="Who was elected or recalled (with consent).")
    title: Text
    text: Text
    vote: DecisionVote
    outcome: Literal["adopted", "rejected"]


class ClauseLink(Model):
    clause: str = Field(description="Anchor of the clause in the source resolution.")


class FederationRule(ClauseLink):
    levels: list[Literal["country", "continent"]]


class DecisionRule(ClauseLink):
    rule: Literal["majority-of-participants"]
    body: Literal["general-assembly"]


class BoardRule(ClauseLink):
    recallable: StrictBool


class Platform(Model):
    """The councils' platform, as adopted in a resolution: ``councils/platforms/<id>.yml``."""

    name: Text = Field(description="Name of one council.")
    federation_name: Text
    source: Id = Field(description="Id of the resolution that sets out the platform.")
    unit: ClauseLink
    federations: FederationRule
    membership: ClauseLink
    decisions: DecisionRule
    executive_board: BoardRule


class Topics(RootModel[dict[Id, Text]]):
    """Topic ids and their names: ``resolutions/_topics.yml``."""
