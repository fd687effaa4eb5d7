"""The scripts of scripts/ as modules, for tests of their functions (a script has no
.py and is not a package's module)."""

from __future__ import annotations

import importlib.util
import sys
from importlib.machinery import SourceFileLoader
from types import ModuleType

from .site_project import REPO


def load_script(name: str) -> ModuleType:
    """``scripts/<name>`` loaded as the module ``shora_<name>`` (dashes as underscores)."""
    module_name = "shora_" + name.replace("-", "_")
    loader = SourceFileLoader(module_name, str(REPO / "scripts" / name))
    spec = importlib.util.spec_from_loader(module_name, loader)
    assert spec is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module  # (dataclasses look their module up there)
    loader.exec_module(module)
    return module
