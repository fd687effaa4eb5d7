"""The package's layout: no import cycle, and imports only downward through the stages.

Every import counts, wherever it is written: at the top of a module, under
``if TYPE_CHECKING:``, or inside a function (an import inside a function that only
dodges a cycle is still the cycle). The checker is tried first on small packages
written for the purpose, so that a test passing on shora/ means something.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable
from pathlib import Path

import pytest

PACKAGE_DIR = Path(__file__).resolve().parents[1] / "shora"

# The stages of the flow, bottom first: a module may import its own stage and those
# below it, never one above. Stages on one line are siblings (they may use each other).
STAGES: list[tuple[str, ...]] = [
    ("", "core", "maps"),  # the package itself, shared vocabulary, the world's geometry
    ("models",),
    ("load",),
    ("validate",),
    ("site",),
    ("publish",),
    ("engine", "preview", "tools"),
    ("build",),
    ("cli", "cli_parser"),
]

Graph = dict[str, set[str]]


def module_names(package_dir: Path) -> dict[str, Path]:
    """Every module of the package at ``package_dir``, by its dotted name (a folder's
    ``__init__.py`` under the folder's name)."""
    root = package_dir.parent
    found = {}
    for path in sorted(package_dir.rglob("*.py")):
        parts = list(path.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


def _targets(
    node: ast.Import | ast.ImportFrom, module: str, is_package: bool, modules: Iterable[str]
) -> set[str]:
    """The package's modules an import statement in ``module`` imports: ``import a.b``
    imports a.b; ``from a import b`` imports the module a.b if there is one, else a
    (b is a value of it). A package's ``__init__`` that runs on the way counts only
    when it is named so."""
    known = set(modules)
    if isinstance(node, ast.Import):
        return {alias.name for alias in node.names} & known
    if node.level:
        # Relative: from the module's package (a package's __init__ is its own).
        base = module.split(".")
        if not is_package:
            base.pop()
        base = base[: len(base) - (node.level - 1)]
        source = ".".join(base + ([node.module] if node.module else []))
    else:
        source = node.module or ""
    found = set()
    for alias in node.names:
        submodule = f"{source}.{alias.name}"
        found.add(submodule if submodule in known else source)
    return found & known


def import_graph(package_dir: Path) -> Graph:
    """Module -> the package's modules it imports, from every import statement in it."""
    modules = module_names(package_dir)
    graph: Graph = {name: set() for name in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import | ast.ImportFrom):
                graph[name] |= _targets(node, name, path.name == "__init__.py", modules)
        graph[name].discard(name)
    return graph


def cycles(graph: Graph) -> list[list[str]]:
    """The strongly connected components of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in sorted(graph.get(node, ())):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return sorted(found)


def stage(module: str) -> str:
    """A module's stage: the folder (or top-level module) it is in, under the package."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else ""


def upward_imports(graph: Graph, stages: list[tuple[str, ...]]) -> list[str]:
    """Every import of a module of a higher stage, as 'importer -> imported'; a module
    of a stage not declared is an error of its own."""
    rank = {name: number for number, names in enumerate(stages) for name in names}
    problems = []
    for module in sorted(graph):
        if stage(module) not in rank:
            problems.append(f"{module}: its stage {stage(module)!r} is not declared")
            continue
        for target in sorted(graph[module]):
            if rank.get(stage(target), -1) > rank[stage(module)]:
                problems.append(f"{module} -> {target}")
    return problems


# ---------------------------------------------------------------- the checker, on planted packages


def _package(root: Path, files: dict[str, str]) -> Path:
    """A package ``pkg`` under ``root`` with these files (path: text); every folder a
    package."""
    package = root / "pkg"
    for relative, text in {"__init__.py": "", **files}.items():
        path = package / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        for folder in [path.parent, *path.parent.parents]:
            if folder == root:
                break
            (folder / "__init__.py").touch()
        path.write_text(text, encoding="utf-8")
    return package


PLANTED_STAGES = [("", "low"), ("high",)]


def test_a_cycle_held_by_an_import_inside_a_function_is_found(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "low/a.py": "from pkg.low.b import thing\n",
            "low/b.py": "def thing():\n    from pkg.low import c\n    return c\n",
            "low/c.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
            "    from pkg.low.a import thing\n",
            "low/d.py": "import pkg.low.c\n",
        },
    )
    assert cycles(import_graph(package)) == [["pkg.low.a", "pkg.low.b", "pkg.low.c"]]


def test_relative_imports_and_imports_of_a_package_are_followed(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {
            "low/__init__.py": "from .a import value\n",
            "low/a.py": "from .. import high\nvalue = 1\n",
            "high/__init__.py": "from pkg.low import value\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.low.a"] == {"pkg.high"}
    assert graph["pkg.high"] == {"pkg.low"}
    assert cycles(graph) == [["pkg.high", "pkg.low", "pkg.low.a"]]
    assert upward_imports(graph, PLANTED_STAGES) == ["pkg.low.a -> pkg.high"]


def test_submodules_imported_from_a_package_do_not_tie_it(tmp_path: Path) -> None:
    """``from pkg.low import a`` imports pkg.low.a; pkg.low's __init__ importing a
    module that imports pkg.low.a is no cycle."""
    package = _package(
        tmp_path,
        {
            "low/__init__.py": "def run():\n    from pkg.high import b\n    return b\n",
            "low/a.py": "",
            "high/b.py": "from pkg.low import a\n",
        },
    )
    graph = import_graph(package)
    assert graph["pkg.high.b"] == {"pkg.low.a"}
    assert cycles(graph) == []
    assert upward_imports(graph, PLANTED_STAGES) == ["pkg.low -> pkg.high.b"]


def test_a_downward_package_passes_and_an_undeclared_stage_is_named(tmp_path: Path) -> None:
    package = _package(
        tmp_path,
        {"low/a.py": "", "high/b.py": "from pkg.low.a import x\n", "other/c.py": ""},
    )
    graph = import_graph(package)
    assert cycles(graph) == []
    assert upward_imports(graph, PLANTED_STAGES) == [
        "pkg.other: its stage 'other' is not declared",
        "pkg.other.c: its stage 'other' is not declared",
    ]


# ---------------------------------------------------------------- shora


@pytest.fixture(scope="module")
def shora_graph() -> Graph:
    return import_graph(PACKAGE_DIR)


def test_the_checker_reads_shora(shora_graph: Graph) -> None:
    """The graph holds the imports it should (a blind checker passes everything)."""
    assert "shora.site.routes" in shora_graph["shora.site.pages"]
    assert "shora.site.sections" in shora_graph["shora.site.pages"]
    assert "shora.site.routes" in shora_graph["shora.publish.atom"]
    # Imported inside a function (the outputs are written after the pages).
    assert "shora.publish" in shora_graph["shora.engine.plugin"]


def test_shora_has_no_import_cycle(shora_graph: Graph) -> None:
    assert cycles(shora_graph) == []


# Imports from a lower stage to a higher one that are tolerated for now: none. A new
# one fails the test (move the shared name down, to the stage both can import).
KNOWN_UPWARD: list[str] = []


def test_shora_imports_go_downward_through_the_stages(shora_graph: Graph) -> None:
    assert upward_imports(shora_graph, STAGES) == KNOWN_UPWARD


def test_routes_sit_below_the_renderers_and_publishing(shora_graph: Graph) -> None:
    """Rendering and publishing ask routes for addresses: routes ask none of them."""
    below = ("shora.core.", "shora.models.", "shora.load.", "shora.site.page_types")
    assert shora_graph["shora.site.routes"]
    assert [m for m in shora_graph["shora.site.routes"] if not m.startswith(below)] == []
