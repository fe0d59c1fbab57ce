"""The architecture holds: stages import only the stages before them (the
import-linter contracts in .importlinter) and no module is part of an import
cycle, counting imports inside functions (docs/architecture.md)."""

from __future__ import annotations

import subprocess
import sys

import grimp

from tests.support import ROOT


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
