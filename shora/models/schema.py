"""JSON Schema files for editors, generated from the models.

Every data file starts with ``# yaml-language-server: $schema=<relative path>``, so
editors such as VS Code (with the YAML extension) complete and check while typing.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from shora.models.kinds import KINDS, Kind

SCHEMA_FOLDER = "schemas"
SCHEMA_BASE_URL = "https://shora.invalid/schemas/"  # an id only: schemas are never fetched


def schema_file(kind: Kind) -> str:
    return f"{SCHEMA_FOLDER}/{kind.name}.schema.json"


def schema_line(kind: Kind, file_path: str) -> str:
    """The first line a data file at ``file_path`` (relative to the root) must have."""
    depth = file_path.count("/")
    return f"# yaml-language-server: $schema={'../' * depth}{schema_file(kind)}"


@cache
def json_schema(kind: Kind) -> dict[str, Any]:
    schema = kind.model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE_URL}{kind.name}.schema.json",
        **schema,
    }


def render_schema(kind: Kind) -> str:
    return json.dumps(json_schema(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def write_schemas(root: Path) -> list[Path]:
    folder = root / SCHEMA_FOLDER
    folder.mkdir(exist_ok=True)
    written = []
    for kind in KINDS:
        path = root / schema_file(kind)
        text = render_schema(kind)
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def allowed_keys(kind: Kind, path: tuple[str | int, ...]) -> list[str]:
    """Keys the schema allows in the mapping at ``path`` (for 'did you mean')."""
    schema = json_schema(kind)
    definitions = schema.get("$defs", {})

    def resolve(node: dict[str, Any]) -> list[dict[str, Any]]:
        if "$ref" in node:
            return resolve(definitions[node["$ref"].rsplit("/", 1)[-1]])
        branches = node.get("anyOf") or node.get("oneOf")
        if branches:
            return [found for branch in branches for found in resolve(branch)]
        return [node]

    nodes = resolve(schema)
    for step in path:
        following: list[dict[str, Any]] = []
        for node in nodes:
            if isinstance(step, int) and "items" in node:
                following += resolve(node["items"])
            elif isinstance(step, str):
                if step in node.get("properties", {}):
                    following += resolve(node["properties"][step])
                elif isinstance(node.get("additionalProperties"), dict):
                    following += resolve(node["additionalProperties"])
        nodes = following
    keys: list[str] = []
    for node in nodes:
        keys += [key for key in node.get("properties", {}) if key not in keys]
    return keys
