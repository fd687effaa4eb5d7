"""MkDocs at arm's length: its private names are used in shora/engine/mkdocs_api.py
only, and another version of the engine is refused with what to do, in both languages."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import mkdocs
import pytest

from shora.engine import mkdocs_api
from shora.engine.mkdocs_api import Engine, engine_problem

SHORA = Path(__file__).resolve().parents[1] / "shora"
API_MODULE = "shora.engine.mkdocs_api"
ENGINE_MODULES = ("mkdocs", "properdocs")


def _is_private(name: str) -> bool:
    return name.startswith("_") and not name.startswith("__")


def _defined_name(node: ast.AST, any_object: bool = True) -> str | None:
    """The private name one node defines: a function, class, assigned name or
    attribute (of ``self`` or ``cls`` only, unless ``any_object``)."""
    name = None
    if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        name = node.name
    elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
        name = node.id
    elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
        of_self = isinstance(node.value, ast.Name) and node.value.id in ("self", "cls")
        if any_object or of_self:
            name = node.attr
    return name if name is not None and _is_private(name) else None


def _defined_names(tree: ast.AST, any_object: bool = True) -> set[str]:
    """Private names a source defines (see _defined_name)."""
    names = {_defined_name(node, any_object) for node in ast.walk(tree)}
    return {name for name in names if name is not None}


@cache
def engine_private_names() -> frozenset[str]:
    """Every private name the installed engine's package defines."""
    names: set[str] = set()
    for path in Path(mkdocs.__file__).parent.rglob("*.py"):
        names |= _defined_names(ast.parse(path.read_text(encoding="utf-8")))
    return frozenset(names)


def _from_engine(module: str | None) -> bool:
    return module is not None and module.split(".")[0] in ENGINE_MODULES


class Package:
    """The modules of a package by dotted name, parsed, to find which classes derive
    from one of the engine's."""

    def __init__(self, root: Path, name: str):
        self.trees = {
            ".".join((name, *path.relative_to(root).with_suffix("").parts)).removesuffix(
                ".__init__"
            ): ast.parse(path.read_text(encoding="utf-8"))
            for path in sorted(root.rglob("*.py"))
        }
        # Every node of each module, walked once: the checks below look at each several
        # times (walking the package's trees again and again took most of their time).
        self.nodes = {module: list(ast.walk(tree)) for module, tree in self.trees.items()}
        self._imported: dict[str, dict[str, tuple[str, str]]] = {}

    def imported(self, module: str) -> dict[str, tuple[str, str]]:
        """name -> (module, name) of a module's ``from ... import`` statements."""
        if module not in self._imported:
            found = {}
            for node in self.nodes[module]:
                if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                    for alias in node.names:
                        found[alias.asname or alias.name] = (node.module, alias.name)
            self._imported[module] = found
        return self._imported[module]

    def derives_from_engine(
        self, module: str, base: ast.expr, seen: frozenset = frozenset()
    ) -> bool:
        if not isinstance(base, ast.Name):
            return isinstance(base, ast.Attribute) and _from_engine(ast.unparse(base.value))
        source, name = self.imported(module).get(base.id, (module, base.id))
        if _from_engine(source):
            return True
        if source not in self.trees or (source, name) in seen:
            return False
        for node in self.trees[source].body:
            if isinstance(node, ast.ClassDef) and node.name == name:
                return any(
                    self.derives_from_engine(source, b, seen | {(source, name)}) for b in node.bases
                )
        return False


def private_engine_uses(package: Package, exempt: str = API_MODULE) -> list[str]:
    """``module:line: name`` of each use of one of the engine's private names outside
    the module ``exempt``: imported by name, read as an attribute of anything (unless
    the package defines that name itself, outside classes derived from the engine's),
    or defined or used in a class derived from one of the engine's (an override or
    a collision with the engine's own attributes)."""
    private = engine_private_names()
    engine_classes: dict[str, list[ast.ClassDef]] = {}
    own: set[str] = set()
    for module, nodes in package.nodes.items():
        classes = [
            node
            for node in nodes
            if isinstance(node, ast.ClassDef)
            and any(package.derives_from_engine(module, base) for base in node.bases)
        ]
        engine_classes[module] = classes
        if module == exempt:
            continue
        inside = {id(n) for c in classes for n in ast.walk(c)}
        outside = (n for n in nodes if id(n) not in inside)
        defined = {_defined_name(n, any_object=False) for n in outside}
        own |= {name for name in defined if name is not None}
    uses = []
    for module, nodes in package.nodes.items():
        if module == exempt:
            continue
        in_engine_class = {id(n) for c in engine_classes[module] for n in ast.walk(c)}
        for node in nodes:
            name = None
            if isinstance(node, ast.ImportFrom) and _from_engine(node.module):
                imported = [a.name for a in node.names if _is_private(a.name)]
                uses += [f"{module}:{node.lineno}: {name}" for name in imported]
            elif isinstance(node, ast.Attribute) and node.attr in private:
                if node.attr not in own or id(node) in in_engine_class:
                    name = node.attr
            elif (
                isinstance(node, ast.FunctionDef)
                and node.name in private
                and id(node) in in_engine_class
            ):
                name = node.name
            if name is not None:
                uses.append(f"{module}:{node.lineno}: {name}")
    return uses


def test_no_module_but_the_adapter_names_a_private_name_of_mkdocs() -> None:
    package = Package(SHORA, "shora")
    assert API_MODULE in package.trees
    assert private_engine_uses(package) == []
    # The adapter itself is where they are: the checker sees them there.
    everything = private_engine_uses(package, exempt="")
    for name in ("_populate_page", "_build_page", "_build_theme_template", "_serve_request",
                 "_build_loop", "_title_from_render", "_guess_type", "_epoch_cond"):  # fmt: skip
        assert any(use.startswith(f"{API_MODULE}:") and use.endswith(f": {name}")
                   for use in everything), name  # fmt: skip


PLANTED = """
from mkdocs.commands.build import _populate_page, get_navigation
from mkdocs.livereload import LiveReloadServer
from mkdocs.commands import build as engine_build
from pkg.base import Server


def guess(name):
    return LiveReloadServer._guess_type(name)


def render(page, config, files):
    engine_build._build_page(page, config, files)
    page._title_from_render = None


class Derived(Server):
    def _serve_request(self, environ, start_response):
        return None

    def wait(self):
        with self._epoch_cond:
            return self._helper()

    def _helper(self):
        return 1


class Own:
    def _render(self):
        return self._render_count
"""


def test_the_checker_finds_each_kind_of_private_use(tmp_path: Path) -> None:
    root = tmp_path / "pkg"
    root.mkdir()
    (root / "__init__.py").write_text("")
    (root / "base.py").write_text(
        "from mkdocs.livereload import LiveReloadServer\n\nclass Server(LiveReloadServer):\n"
        "    pass\n"
    )
    (root / "planted.py").write_text(PLANTED)
    found = {use.split(": ")[1] for use in private_engine_uses(Package(root, "pkg"))}
    assert found == {
        "_populate_page",  # imported by name
        "_guess_type",  # a private class attribute
        "_build_page",  # through the engine's module
        "_title_from_render",  # an attribute of the engine's object
        "_serve_request",  # overridden in a class derived from the engine's, through pkg.base
        "_epoch_cond",  # used in it
    }


@pytest.fixture
def fake_engine(monkeypatch: pytest.MonkeyPatch) -> Iterator[Engine]:
    engine = Engine("mkdocs", "1.7.0")
    monkeypatch.setattr(mkdocs_api, "installed_engine", lambda: engine)
    mkdocs_api.require_supported_engine.cache_clear()
    yield engine
    mkdocs_api.require_supported_engine.cache_clear()


def test_another_version_is_refused_with_what_to_do_in_both_languages(fake_engine) -> None:
    with pytest.raises(mkdocs_api.UnsupportedEngine) as refused:
        mkdocs_api.require_supported_engine()
    message = refused.value.message
    assert message.render("en") == (
        "Shora works with MkDocs 1.6.1 or ProperDocs 1.6.7: it uses parts of them that "
        "other versions may change without notice. MkDocs 1.7.0 is installed. Install the "
        "versions Shora is pinned to: pip install -c requirements.lock -e '.[dev]'"
    )
    persian = message.render("fa")
    for quoted in ("MkDocs 1.6.1", "ProperDocs 1.6.7", "MkDocs 1.7.0", "pip install -c"):
        assert f"\u2068{quoted}" in persian
    assert "نصب شده است" in persian and "نسخه‌های تعیین‌شده" in persian
    assert "installed" not in persian
    # Every function of the adapter checks first.
    with pytest.raises(mkdocs_api.UnsupportedEngine):
        mkdocs_api.content_type("index.html")


def test_the_plugin_and_the_preview_say_so_without_a_traceback(
    fake_engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys
) -> None:
    from mkdocs.exceptions import PluginError

    from shora.engine.plugin import ShoraPlugin
    from shora.preview.server import serve

    monkeypatch.setenv("LC_ALL", "fa_IR.UTF-8")
    with pytest.raises(PluginError) as refused:
        ShoraPlugin().on_config(None)  # type: ignore[arg-type]
    assert "\u2068MkDocs 1.7.0\u2069 نصب شده است" in str(refused.value)
    assert serve(tmp_path, language="en") == 1
    assert "MkDocs 1.7.0 is installed" in capsys.readouterr().err


@pytest.mark.parametrize("engine", [Engine("mkdocs", "1.6.1"), Engine("properdocs", "1.6.7")])
def test_the_versions_written_for_are_accepted(engine: Engine) -> None:
    assert engine_problem(engine) is None
    assert engine_problem(Engine(engine.name, "1.6.0")) is not None


@pytest.mark.skipif(importlib.util.find_spec("properdocs") is None, reason="no ProperDocs")
def test_properdocs_is_recognised_behind_the_mkdocs_imports() -> None:
    script = (
        "import properdocs.replacement\n"
        "from shora.engine.mkdocs_api import require_supported_engine\n"
        "print(require_supported_engine())\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True)
    assert result.stdout.strip() == "ProperDocs 1.6.7", result.stderr
