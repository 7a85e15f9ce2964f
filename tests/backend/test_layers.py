"""The backend's map holds: run-time imports go down the layers of ``backend.LAYERS`` only, and no
run-time import cycle exists between its modules."""

from __future__ import annotations

import ast
import pathlib
from typing import Dict, Iterator, List, Mapping, Set, Tuple

from pytest_cognito_idp import backend

ROOT = pathlib.Path(backend.__file__).parent
PACKAGE = "pytest_cognito_idp.backend"


def _module_name(path: pathlib.Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(path: pathlib.Path) -> Iterator[Tuple[str, int]]:
    """Absolute module names imported outside ``if TYPE_CHECKING:``, function bodies included."""
    name = _module_name(path)
    package = name.split(".") if path.name == "__init__.py" else name.split(".")[:-1]
    stack: list[ast.AST] = [ast.parse(path.read_text())]
    while stack:
        node = stack.pop()
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            stack.extend(node.orelse)
            continue
        if isinstance(node, ast.ImportFrom):
            base = package[: len(package) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            for alias in node.names:
                yield f"{module}.{alias.name}", node.lineno
        elif isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, node.lineno
        stack.extend(ast.iter_child_nodes(node))


def _part(module: str) -> str:
    """The subpackage (or top module) of the backend that ``module`` belongs to, else ''."""
    if not module.startswith(PACKAGE + "."):
        return ""
    return module[len(PACKAGE) + 1 :].split(".")[0]


def _layer_of() -> Dict[str, int]:
    return {part: level for level, parts in enumerate(backend.LAYERS) for part in parts}


def test_every_subpackage_and_top_module_has_a_layer() -> None:
    present = {p.stem if p.is_file() else p.name for p in ROOT.iterdir()}
    present = {p for p in present if not p.startswith("__")}
    assert present == set(_layer_of())


def test_run_time_imports_only_go_down_the_layers() -> None:
    layer = _layer_of()
    wrong: Set[str] = set()
    for path in ROOT.rglob("*.py"):
        here = _part(_module_name(path))
        if not here:
            continue
        for module, line in _runtime_imports(path):
            there = _part(module)
            if there and there != here and layer[there] >= layer[here]:
                wrong.add(f"{path.relative_to(ROOT)}:{line} imports {module}")
    assert not wrong, "\n".join(sorted(wrong))


def _module_graph() -> Dict[str, Dict[str, str]]:
    """Each backend module's run-time imports of other backend modules, with where they are
    (``from x import name`` counts as an import of ``x.name`` when that is a module, else of
    ``x``)."""
    paths = {_module_name(path): path for path in ROOT.rglob("*.py")}
    graph: Dict[str, Dict[str, str]] = {}
    for name, path in paths.items():
        edges = graph.setdefault(name, {})
        for module, line in _runtime_imports(path):
            target = module if module in paths else module.rpartition(".")[0]
            if target in paths and target != name:
                edges.setdefault(target, f"{path.relative_to(ROOT)}:{line}")
    return graph


def _reachable(graph: Mapping[str, Mapping[str, str]], start: str) -> Set[str]:
    seen: Set[str] = set()
    stack = [start]
    while stack:
        for target in graph.get(stack.pop(), {}):
            if target not in seen:
                seen.add(target)
                stack.append(target)
    return seen


def _cycles(graph: Mapping[str, Mapping[str, str]]) -> List[Set[str]]:
    """The strongly connected components of more than one module: modules that import each
    other, directly or through others."""
    reach = {name: _reachable(graph, name) for name in graph}
    components: List[Set[str]] = []
    for name in sorted(graph):
        component = {name} | {other for other in reach[name] if name in reach[other]}
        if len(component) > 1 and component not in components:
            components.append(component)
    return components


def test_the_cycle_finder_finds_a_cycle_through_several_modules() -> None:
    graph = {"a": {"b": "a.py:1"}, "b": {"c": "b.py:1"}, "c": {"a": "c.py:1"}, "d": {"a": "d.py:1"}}
    assert _cycles(graph) == [{"a", "b", "c"}]
    assert _cycles({"a": {"b": "a.py:1"}, "b": {}}) == []


def test_no_run_time_import_cycle_between_backend_modules() -> None:
    graph = _module_graph()
    found = []
    for component in _cycles(graph):
        edges = [
            f"  {where} imports {target}"
            for name in sorted(component)
            for target, where in sorted(graph[name].items())
            if target in component
        ]
        found.append("\n".join([f"cycle among {', '.join(sorted(component))}:", *edges]))
    assert not found, "\n".join(found)
