"""The architecture holds: stages import only the stages before them (the
import-linter contracts in .importlinter), no module is part of an import
cycle, counting imports inside functions, and no module keeps a build's state
(docs/architecture.md)."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys

import grimp

from tests.support import ROOT

# The one documented exception: workers forked by ``fork_map`` inherit the job from the module.
FORK_INHERITANCE = "minutebook/engine/parallel.py"


def test_the_import_contracts_are_kept():
    linted = subprocess.run([sys.executable, "-c", "from importlinter.cli import lint_imports_command; "
                             "lint_imports_command()"], cwd=ROOT, capture_output=True, text=True)
    assert linted.returncode == 0, linted.stdout + linted.stderr
    assert "Contracts: 1 kept, 0 broken." in linted.stdout


def import_cycles(package: str) -> list[list[str]]:
    """Every group of modules that import one another, directly or not
    (Tarjan's strongly connected components over the import graph)."""
    graph = grimp.build_graph(package, exclude_type_checking_imports=True)
    imports = {module: graph.find_modules_directly_imported_by(module) for module in graph.modules}
    order: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    cycles: list[list[str]] = []

    def visit(module: str) -> None:
        order[module] = low[module] = len(order)
        stack.append(module)
        for imported in imports[module]:
            if imported not in order:
                visit(imported)
                low[module] = min(low[module], low[imported])
            elif imported in stack:
                low[module] = min(low[module], order[imported])
        if low[module] == order[module]:
            group = stack[stack.index(module):]
            del stack[stack.index(module):]
            if len(group) > 1:
                cycles.append(sorted(group))

    for module in sorted(imports):
        if module not in order:
            visit(module)
    return cycles


def test_no_module_is_part_of_an_import_cycle():
    assert import_cycles("minutebook") == []


def test_the_cycle_finder_finds_a_cycle(tmp_path, monkeypatch):
    package = tmp_path / "circular"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "one.py").write_text("def f():\n    from circular import two\n")
    (package / "two.py").write_text("from circular import one\n")
    (package / "three.py").write_text("from circular import one\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    assert import_cycles("circular") == [["circular.one", "circular.two"]]


def is_module(package: str, name: str) -> bool:
    """Whether ``from package import name`` imports a module."""
    try:
        return importlib.util.find_spec(f"{package}.{name}") is not None
    except (ImportError, ValueError):  # ``package`` is a module, not a package
        return False


def module_names(tree: ast.Module) -> set[str]:
    """The names under which a module's code refers to imported modules."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.asname or alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.update(alias.asname or alias.name for alias in node.names if is_module(node.module, alias.name))
    return names


def module_state(source: str) -> list[str]:
    """Each ``global`` statement, and each attribute of an imported module
    set or deleted (``module.NAME = ...``), as "line: what"."""
    tree = ast.parse(source)
    modules = module_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Global):
            found.append((node.lineno, f"global {', '.join(node.names)}"))
        elif (isinstance(node, ast.Attribute) and isinstance(node.ctx, (ast.Store, ast.Del))
              and isinstance(node.value, ast.Name) and node.value.id in modules):
            found.append((node.lineno, f"sets {node.value.id}.{node.attr}"))
    return [f"{line}: {what}" for line, what in sorted(found)]


def test_no_module_keeps_state_in_a_module():
    """One build's state is passed explicitly (``engine.state``): no module
    declares a global or sets another module's attribute."""
    found = {}
    for path in sorted((ROOT / "minutebook").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        state = module_state(path.read_text(encoding="utf-8"))
        if rel == FORK_INHERITANCE:
            state = [line for line in state if not line.endswith("global _job, _shares")]
        if state:
            found[rel] = state
    assert found == {}


def test_the_state_finder_finds_globals_and_other_modules_attributes():
    source = ("import os\nimport os.path as osp\nfrom minutebook.engine import parallel\n"
              "from minutebook.engine.parallel import SMALL\nVALUE = 1\n"
              "def f(x):\n    global VALUE\n    os.sep = '/'\n    osp.sep += '/'\n    parallel.SMALL: int = 1\n"
              "    del parallel.SMALL\n    x.y = 1\n    SMALL = 2\n")
    assert module_state(source) == ["7: global VALUE", "8: sets os.sep", "9: sets osp.sep",
                                    "10: sets parallel.SMALL", "11: sets parallel.SMALL"]
