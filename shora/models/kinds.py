"""The kinds of data file: each kind's name (also its schema's), folder and model.

Loading, validating, the schemas and the tools that write new files all speak of
kinds; this module imports only the other models."""

from __future__ import annotations

from dataclasses import dataclass

from pydantic import BaseModel

from shora.models.council import Council, Decision, Federation, Organization, Platform, Topics
from shora.models.resolution import Resolution


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's name: schemas/<name>.schema.json
    folder: str  # relative to the project root
    model: type[BaseModel]
    recursive: bool = False


RESOLUTION = Kind("resolution", "resolutions", Resolution)
TOPICS = Kind("topics", "resolutions", Topics)
COUNCIL = Kind("council", "councils", Council)
FEDERATION = Kind("federation", "councils/federations", Federation)
ORGANIZATION = Kind("organization", "councils/organizations", Organization)
PLATFORM = Kind("platform", "councils/platforms", Platform)
DECISION = Kind("decision", "councils/decisions", Decision, recursive=True)
KINDS = (RESOLUTION, TOPICS, COUNCIL, FEDERATION, ORGANIZATION, PLATFORM, DECISION)
TOPICS_FILE = "resolutions/_topics.yml"
