"""Responses checked against the operations' output shapes (for tests)."""

from __future__ import annotations

from typing import Any

from .service import _TYPE_OK, enum_values, operation_model


def check_output(operation: str, response: dict[str, Any]) -> list[str]:
    """What in a wire-format ``response`` does not fit the operation's output shape (for tests)."""
    shape = operation_model(operation).output_shape
    found: list[str] = []
    if shape is None:
        if response:
            found.append(f"{operation} has no output, got {sorted(response)}")
        return found
    _check_output(shape, response, operation, found)
    return found


def _check_output(shape: Any, value: Any, path: str, found: list[str]) -> None:
    kind = shape.type_name
    ok = _TYPE_OK.get(kind, (object,))
    if kind == "timestamp":
        ok = (int, float)
    if not isinstance(value, ok) or (kind in ("integer", "long") and isinstance(value, bool)):
        found.append(f"{path}: expected {kind}, got {type(value).__name__} {value!r}")
        return
    _check_output_items(shape, kind, value, path, found)


def _check_output_items(shape: Any, kind: str, value: Any, path: str, found: list[str]) -> None:
    if kind == "structure" and not shape.metadata.get("document"):
        members = shape.members
        for name in shape.required_members:
            if name not in value:
                found.append(f"{path}.{name}: required but missing")
        for name, item in value.items():
            if name not in members:
                found.append(f"{path}.{name}: not a member of {shape.name}")
            elif item is not None:
                _check_output(members[name], item, f"{path}.{name}", found)
    elif kind == "list":
        for i, item in enumerate(value):
            _check_output(shape.member, item, f"{path}[{i}]", found)
    elif kind == "map":
        for k, item in value.items():
            _check_output(shape.value, item, f"{path}[{k!r}]", found)
    elif kind == "string" and "enum" in shape.metadata and value not in enum_values(shape):
        found.append(f"{path}: {value!r} not in enum {shape.name}")
