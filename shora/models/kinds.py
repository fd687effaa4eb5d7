"""The kinds of data file: each kind's name (also its schema's), folder and model.

Loading, validating, the schemas and the tools that write new files all speak of
kinds. The models are imported when a kind's model is first asked for: building
them costs most of a start-up, and finding the files of a project (or answering
from the cache that nothing changed) needs only the names and folders."""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel


@dataclass(frozen=True)
class Kind:
    name: str  # also the schema's name: schemas/<name>.schema.json
    folder: str  # relative to the project root
    model_name: str  # "<module in shora.models>.<class>"
    recursive: bool = False

    @property
    def model(self) -> type[BaseModel]:
        module, _, name = self.model_name.rpartition(".")
        found: type[BaseModel] = getattr(importlib.import_module(f"shora.models.{module}"), name)
        return found


# What a file name's stem (the id of what the file holds) must be.
ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"

RESOLUTION = Kind("resolution", "resolutions", "resolution.Resolution")
TOPICS = Kind("topics", "resolutions", "council.Topics")
COUNCIL = Kind("council", "councils", "council.Council")
FEDERATION = Kind("federation", "councils/federations", "council.Federation")
ORGANIZATION = Kind("organization", "councils/organizations", "council.Organization")
PLATFORM = Kind("platform", "councils/platforms", "council.Platform")
DECISION = Kind("decision", "councils/decisions", "council.Decision", recursive=True)
KINDS = (RESOLUTION, TOPICS, COUNCIL, FEDERATION, ORGANIZATION, PLATFORM, DECISION)
TOPICS_FILE = "resolutions/_topics.yml"
