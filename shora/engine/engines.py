"""The engine that renders the pages: MkDocs 1.6 (the default) or ProperDocs 1.6, its
maintained drop-in fork. Both read the same mkdocs.yml and run the same plugin.

ProperDocs answers every ``mkdocs.*`` import with its own module (``import
properdocs.replacement`` puts an import hook first in ``sys.meta_path`` and makes
``sys.modules["mkdocs"]`` ProperDocs). So the engine is chosen once per process,
before anything imports MkDocs, and every other module keeps writing ``mkdocs``."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

ENGINES = ("mkdocs", "properdocs")
DEFAULT_ENGINE = "mkdocs"


class EngineConflict(RuntimeError):
    """The other engine's modules are loaded already: one process, one engine."""


@dataclass(frozen=True)
class Engine:
    name: str  # "mkdocs" or "properdocs"
    version: str
    load_config: Callable[..., Any]  # mkdocs.config.load_config
    build: Callable[..., None]  # mkdocs.commands.build.build
    error: type[Exception]  # mkdocs.exceptions.MkDocsException: a failed build


def loaded_engine() -> str | None:
    """The engine whose modules answer ``import mkdocs`` in this process, if any."""
    module = sys.modules.get("mkdocs")
    if module is None:
        return None
    return "properdocs" if module.__name__ == "properdocs" else "mkdocs"


def select(name: str = DEFAULT_ENGINE) -> Engine:
    """The engine ``name``, ready: from now on ``mkdocs.*`` imports in this process are
    its modules. :class:`EngineConflict` if the other engine is loaded already."""
    if name not in ENGINES:
        raise ValueError(f"unknown engine {name!r}: one of {', '.join(ENGINES)}")
    loaded = loaded_engine()
    if loaded is not None and loaded != name:
        raise EngineConflict(f"{loaded} is loaded already: {name} needs a process of its own")
    if name == "properdocs":
        importlib.import_module("properdocs.replacement")
    package = importlib.import_module("mkdocs")
    build = importlib.import_module("mkdocs.commands.build")
    config = importlib.import_module("mkdocs.config")
    exceptions = importlib.import_module("mkdocs.exceptions")
    return Engine(
        name=name,
        version=str(package.__version__),
        load_config=config.load_config,
        build=build.build,
        error=exceptions.MkDocsException,
    )
