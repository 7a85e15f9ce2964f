"""The quick check: one pass of plain tests that passes a valid request, building no messages."""

from __future__ import annotations

from typing import Any, Callable, Collection, Dict, Optional, Tuple

from .patterns import compile_pattern
from .service import PATTERNS_CHECKED_BY_OPERATION, enum_values, operation_model
from .wording import Problems, compile_check, shape_checks

Accept = Callable[[Any], bool]


def accepts(shape: Any, cache: Dict[str, Accept]) -> Accept:
    """A predicate true only for values the full check of ``shape`` finds nothing wrong with.

    Almost every request is valid: answering "valid" in one pass of plain tests, without the
    paths and problem lists the full check builds for its messages, is most of the cost of
    validation saved. The predicate may say False for a valid value (``validate`` then runs the
    full check, which finds nothing); it never says True for a value the full check rejects.
    """
    if shape.name in cache:
        return cache[shape.name]
    slot: list[Accept] = []
    cache[shape.name] = lambda v: slot[0](v)

    meta = shape.metadata
    kind = shape.type_name
    lo: Any = meta.get("min", 0)
    hi: Any = meta.get("max", float("inf"))
    accept: Accept
    if kind == "string":
        has_pattern = "pattern" in meta and shape.name not in PATTERNS_CHECKED_BY_OPERATION
        match = compile_pattern(meta["pattern"]) if has_pattern else None
        allowed = frozenset(enum_values(shape)) if "enum" in meta else None
        known = _known_values(shape)

        def accept(v: Any) -> bool:
            if type(v) is not str:
                return False
            if known is not None and v in known:
                return True
            if (
                lo <= len(v) <= hi
                and (match is None or match(v))
                and (allowed is None or v in allowed)
            ):
                if known is not None and len(known) < _KNOWN_LIMIT:
                    known.add(v)
                return True
            return False

    elif kind in ("integer", "long"):
        lo_value = meta.get("min", -float("inf"))

        def accept(v: Any) -> bool:
            return type(v) is int and lo_value <= v <= hi

    elif kind == "boolean":

        def accept(v: Any) -> bool:
            return type(v) is bool

    elif kind == "list":
        member = accepts(shape.member, cache)

        def accept(v: Any) -> bool:
            return type(v) in (list, tuple) and lo <= len(v) <= hi and all(map(member, v))

    elif kind == "structure" and not meta.get("document"):
        members = {
            name: (_string_shortcut(sub), accepts(sub, cache))
            for name, sub in shape.members.items()
        }
        required = tuple(shape.required_members)

        def accept(v: Any) -> bool:
            if type(v) is not dict:
                return False
            for name in required:
                if v.get(name) is None:
                    return False
            for name, item in v.items():
                entry = members.get(name)
                if entry is None or item is None:
                    continue
                shortcut, member = entry
                if shortcut is not None and type(item) is str:
                    # Most members are strings: tested here rather than by a call apiece.
                    values, low, high, match = shortcut
                    if values is None:
                        if low <= len(item) <= high:
                            continue
                        return False
                    if item in values:
                        continue
                    if match is not None:  # a pattern: the value is new, so match it here
                        if low <= len(item) <= high and match(item):
                            if len(values) < _KNOWN_LIMIT:
                                values.add(item)  # type: ignore[attr-defined]
                            continue
                        return False
                if not member(item):
                    return False
            return True

    else:  # maps, blobs, timestamps, numbers, documents: rare in requests; ask the full check
        full = compile_check(shape, shape_checks)

        def accept(v: Any) -> bool:
            found: Problems = []
            full(v, "", found)
            return not found

    slot.append(accept)
    cache[shape.name] = accept
    return accept


_known: Dict[str, set[str]] = {}
_KNOWN_LIMIT = 512  # values remembered per shape


def _known_values(shape: Any) -> Optional[set[str]]:
    """The values of a string shape with a pattern that were accepted so far (None for a shape
    without a pattern, or a secret one).

    Pool IDs, client IDs and attribute names come back call after call: remembered (a few
    hundred per shape), they pass on a set lookup instead of another regex match.
    """
    meta = shape.metadata
    if (
        "pattern" not in meta
        or shape.name in PATTERNS_CHECKED_BY_OPERATION
        or meta.get("sensitive")
    ):
        return None
    return _known.setdefault(shape.name, set())


StringShortcut = Optional[
    Tuple[Optional[Collection[str]], int, float, Optional[Callable[[str], Any]]]
]


def _string_shortcut(shape: Any) -> StringShortcut:
    """How a structure tests a string member without calling its predicate: ``(values, min,
    max, match)``. A value in ``values`` passes (values already accepted, or the enum's); with
    ``values`` None the lengths are all there is to check; with a ``match``, a new value within
    the lengths that matches passes and joins ``values``. None: call the predicate."""
    meta = shape.metadata
    if shape.type_name != "string":
        return None
    low, high = meta.get("min", 0), meta.get("max", float("inf"))
    has_pattern = "pattern" in meta and shape.name not in PATTERNS_CHECKED_BY_OPERATION
    if has_pattern:
        known = _known_values(shape)
        if known is None or "enum" in meta:
            return None if known is None else (known, low, high, None)
        return (known, low, high, compile_pattern(meta["pattern"]))
    if "enum" in meta:
        return (frozenset(v for v in enum_values(shape) if low <= len(v) <= high), low, high, None)
    return (None, low, high, None)


shape_accepts: Dict[str, Accept] = {}
operation_accepts: Dict[str, Accept] = {}


def operation_accept(operation: str) -> Accept:
    accept = operation_accepts.get(operation)
    if accept is None:
        shape = operation_model(operation).input_shape
        accept = accepts(shape, shape_accepts) if shape is not None else _anything
        operation_accepts[operation] = accept
    return accept


def _anything(value: Any) -> bool:
    """Operations without an input shape accept anything."""
    return True
