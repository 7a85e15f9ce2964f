"""The full check: every constraint a request violates, in the service's Coral-style words.

Each operation's input shape is compiled once into a tree of small checking functions that
report the lowerCamelCase path of every bad member. It runs only for a request the quick
acceptance predicate (``acceptance``) did not pass.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, List, Optional

from .patterns import compile_pattern
from .service import (
    _TYPE_OK,
    PATTERNS_CHECKED_BY_OPERATION,
    enum_values,
    member_path,
    operation_model,
)

Problems = List[str]
Check = Callable[[Any, str, Problems], None]


def _render(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fail(problems: Problems, value: Any, path: str, sensitive: bool, constraint: str) -> None:
    shown = "" if sensitive else f" '{_render(value)}'"
    problems.append(f"Value{shown} at '{path}' failed to satisfy constraint: {constraint}")


def compile_check(shape: Any, cache: Dict[str, Check]) -> Check:
    if shape.name in cache:
        return cache[shape.name]

    # A placeholder lets recursive shapes refer to themselves while being built.
    slot: list[Check] = []
    cache[shape.name] = lambda v, p, pr: slot[0](v, p, pr)

    meta = shape.metadata
    sensitive = bool(meta.get("sensitive"))
    kind = shape.type_name
    ok_types = _TYPE_OK.get(kind, (object,))
    lo: Optional[int] = meta.get("min")
    hi: Optional[int] = meta.get("max")
    checks: list[Check] = []

    if kind == "string":
        if lo is not None:
            checks.append(_length_check(lo, None, sensitive))
        if hi is not None:
            checks.append(_length_check(None, hi, sensitive))
        if "pattern" in meta and shape.name not in PATTERNS_CHECKED_BY_OPERATION:
            match = compile_pattern(meta["pattern"])
            text = f"Member must satisfy regular expression pattern: {meta['pattern']}"

            def check_pattern(v: Any, p: str, pr: Problems) -> None:
                if not match(v):
                    _fail(pr, v, p, sensitive, text)

            checks.append(check_pattern)
        if "enum" in meta:
            allowed = frozenset(enum_values(shape))
            text = f"Member must satisfy enum value set: [{', '.join(enum_values(shape))}]"

            def check_enum(v: Any, p: str, pr: Problems) -> None:
                if v not in allowed:
                    _fail(pr, v, p, sensitive, text)

            checks.append(check_enum)
    elif kind in ("integer", "long"):
        if lo is not None:

            def check_min(v: Any, p: str, pr: Problems) -> None:
                if v < lo:
                    _fail(
                        pr, v, p, sensitive, f"Member must have value greater than or equal to {lo}"
                    )

            checks.append(check_min)
        if hi is not None:

            def check_max(v: Any, p: str, pr: Problems) -> None:
                if v > hi:
                    _fail(pr, v, p, sensitive, f"Member must have value less than or equal to {hi}")

            checks.append(check_max)
    elif kind == "list":
        if lo is not None or hi is not None:
            checks.append(_length_check(lo, hi, sensitive))
        member = compile_check(shape.member, cache)
        if shape.member.type_name == "string":
            # A list of strings fails as a whole, naming every constraint of its members
            # (observed: aws-cli#2941, aws-cloudformation-user-guide#525).
            whole = f"Member must satisfy constraint: [{', '.join(_member_rules(shape.member))}]"
            hidden = sensitive or bool(shape.member.metadata.get("sensitive"))

            def check_strings(v: Any, p: str, pr: Problems) -> None:
                failed: Problems = []
                for item in v:
                    member(item, p, failed)
                if failed:
                    _fail(pr, v, p, hidden, whole)

            checks.append(check_strings)
        else:

            def check_items(v: Any, p: str, pr: Problems) -> None:
                for i, item in enumerate(v, 1):
                    member(item, f"{p}.{i}.member", pr)

            checks.append(check_items)
    elif kind == "map":
        if lo is not None or hi is not None:
            checks.append(_length_check(lo, hi, sensitive))
        key = compile_check(shape.key, cache)
        value = compile_check(shape.value, cache)

        def check_entries(v: Any, p: str, pr: Problems) -> None:
            for k, item in v.items():
                key(k, f"{p}.key", pr)
                value(item, f"{p}.{k}", pr)

        checks.append(check_entries)
    elif kind == "structure" and not meta.get("document"):
        members = {
            name: (index, member_path(name), compile_check(sub, cache))
            for index, (name, sub) in enumerate(shape.members.items())
        }
        required = [(n, member_path(n)) for n in shape.required_members]

        def check_members(v: Any, p: str, pr: Problems) -> None:
            prefix = f"{p}." if p else ""
            for name, camel in required:
                if v.get(name) is None:
                    pr.append(
                        f"Value null at '{prefix}{camel}' failed to satisfy constraint: "
                        "Member must not be null"
                    )
            # Walk what was sent (usually far fewer members than the shape has); when several
            # members fail, report them in shape order, as the service does.
            start = len(pr)
            failed: list[tuple[int, Problems]] = []
            for name, item in v.items():
                entry = members.get(name)
                if entry is None or item is None:
                    continue
                before = len(pr)
                entry[2](item, prefix + entry[1], pr)
                if len(pr) > before:
                    failed.append((entry[0], pr[before:]))
            if len(failed) > 1:
                del pr[start:]
                for _, found in sorted(failed, key=lambda f: f[0]):
                    pr.extend(found)

        checks.append(check_members)

    type_text = f"Member must be of type {kind}"

    def check(v: Any, p: str, pr: Problems) -> None:
        if not isinstance(v, ok_types) or (kind in ("integer", "long") and isinstance(v, bool)):
            _fail(pr, v, p, sensitive, type_text)
            return
        for c in checks:
            c(v, p, pr)

    slot.append(check)
    cache[shape.name] = check
    return check


def _member_rules(shape: Any) -> List[str]:
    """The constraints of a string shape, as a list of them is reported."""
    meta = shape.metadata
    rules = []
    if "max" in meta:
        rules.append(f"Member must have length less than or equal to {meta['max']}")
    if "min" in meta:
        rules.append(f"Member must have length greater than or equal to {meta['min']}")
    if "pattern" in meta and shape.name not in PATTERNS_CHECKED_BY_OPERATION:
        rules.append(f"Member must satisfy regular expression pattern: {meta['pattern']}")
    if "enum" in meta:
        rules.append(f"Member must satisfy enum value set: [{', '.join(enum_values(shape))}]")
    return rules


def _length_check(lo: Optional[int], hi: Optional[int], sensitive: bool) -> Check:
    def check_length(v: Any, p: str, pr: Problems) -> None:
        n = len(v)
        if lo is not None and n < lo:
            _fail(pr, v, p, sensitive, f"Member must have length greater than or equal to {lo}")
        if hi is not None and n > hi:
            _fail(pr, v, p, sensitive, f"Member must have length less than or equal to {hi}")

    return check_length


def _no_input(value: Any, path: str, found: Problems) -> None:
    """Operations without an input shape accept anything."""


shape_checks: Dict[str, Check] = {}
operation_checks: Dict[str, Check] = {}


def operation_check(operation: str) -> Check:
    check = operation_checks.get(operation)
    if check is None:
        shape = operation_model(operation).input_shape
        check = compile_check(shape, shape_checks) if shape is not None else _no_input
        operation_checks[operation] = check
    return check


def problems(operation: str, params: dict[str, Any]) -> list[str]:
    """Every constraint ``params`` violates, in the service's words."""
    found: Problems = []
    operation_check(operation)(params, "", found)
    return found
