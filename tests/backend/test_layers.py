"""The backend's map holds: run-time imports go down the layers of ``backend.LAYERS`` only."""

from __future__ import annotations

import ast
import pathlib
from typing import Dict, Iterator, Set, Tuple

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
