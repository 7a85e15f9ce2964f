"""The botocore service model of cognito-idp, used the way the service uses its own.

botocore checks only required members, types and minimums before it sends; the service checks
the rest (maximum lengths and values, patterns, enums) and answers ``InvalidParameterException``
with a Coral-style message. ``validate`` does the same for any operation, driven by the model:
each operation's input shape is compiled once into a tree of small checking functions.
"""

from __future__ import annotations

import functools
import re
from typing import Any, Callable, Collection, Dict, List, Optional, Tuple

import botocore.session
import regex
from botocore.model import OperationModel, ServiceModel

from .errors import InvalidParameterException

Problems = List[str]
Check = Callable[[Any, str, Problems], None]


@functools.cache
def service_model() -> ServiceModel:
    return botocore.session.get_session().get_service_model("cognito-idp")


def operation_names() -> list[str]:
    return list(service_model().operation_names)


def operation_model(name: str) -> OperationModel:
    return service_model().operation_model(name)


_ACRONYM = re.compile(r"^[A-Z]+(?=[A-Z][a-z]|$)")


def member_path(name: str) -> str:
    """PascalCase member name -> the lowerCamelCase path the service prints.

    ``UserPoolId`` -> ``userPoolId``; a leading acronym is lowered whole (``MFAOptions`` ->
    ``mfaOptions``, ``SMSMfaSettings`` -> ``smsMfaSettings``); ``CallbackURLs`` -> ``callbackURLs``.
    """
    m = _ACRONYM.match(name)
    if m and len(m.group()) > 1:
        return m.group().lower() + name[m.end() :]
    return name[:1].lower() + name[1:]


def _render(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_render(v) for v in value) + "]"
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _fail(problems: Problems, value: Any, path: str, sensitive: bool, constraint: str) -> None:
    shown = "" if sensitive else f" '{_render(value)}'"
    problems.append(f"Value{shown} at '{path}' failed to satisfy constraint: {constraint}")


def _compile_pattern(pattern: str) -> Callable[[str], Any]:
    """A full-match test for a model pattern: truthy when ``value`` matches."""
    # Java regexes: \p{L} and friends need the `regex` module; the rest compile with `re`.
    if "\\p{" not in pattern:
        return re.compile(pattern).fullmatch
    unicode = regex.compile(pattern).fullmatch
    # Most values are ASCII, which `re` matches in a fraction of the time once each \p{X} is
    # spelt as the ASCII characters `regex` itself puts in class X.
    ascii_only = re.compile(_UNICODE_CLASS.sub(_ascii_members, pattern), re.ASCII).fullmatch
    if _PRINTABLE_RUN.fullmatch(pattern) and all(
        bool(ascii_only(c)) == (c in _PRINTABLE_NOT_SPACE) for c in map(chr, range(128))
    ):
        # The commonest pattern (usernames and other names): one or more of every printable
        # ASCII character but the space; string methods say so without a regex.
        def printable_run(value: str) -> Any:
            if value.isascii():
                return value.isprintable() and " " not in value and value != ""
            return unicode(value)

        return printable_run

    def either(value: str) -> Any:
        return ascii_only(value) if value.isascii() else unicode(value)

    return either


# A run of characters from \p{..} classes only, such as [\p{L}\p{M}\p{S}\p{N}\p{P}]+.
_PRINTABLE_RUN = re.compile(r"\[(?:\\p\{\w+\})+\]\+")
_PRINTABLE_NOT_SPACE = frozenset(map(chr, range(0x21, 0x7F)))
_UNICODE_CLASS = re.compile(r"\\p\{(\w+)\}")


def _ascii_members(m: re.Match[str]) -> str:
    # Used inside [...] only (as the model's patterns do), so a plain list of escaped characters.
    members = regex.compile(m.group(0)).fullmatch
    return "".join(re.escape(chr(c)) for c in range(128) if members(chr(c)))


# Shapes whose model pattern the service does not apply as written: the operation checks them.
# DomainType's pattern admits prefixes only, yet the domain operations take custom domains
# (``auth.example.com``) too, and answer a bad prefix with their own message.
PATTERNS_CHECKED_BY_OPERATION = frozenset({"DomainType"})

# Enum values the service takes that the model's enum lacks. GetClientToken documents the
# ALLOW_CLIENT_TOKEN_AUTH flow, which AWS's own examples put in ExplicitAuthFlows
# (aws-doc-sdk-examples, cognito client_token scenario), yet ExplicitAuthFlowsType omits it.
UNMODELED_ENUM_VALUES: Dict[str, tuple[str, ...]] = {
    "ExplicitAuthFlowsType": ("ALLOW_CLIENT_TOKEN_AUTH",),
}


def enum_values(shape: Any) -> List[str]:
    """The values a string shape with an enum takes: the model's, and any it lacks."""
    return [*shape.metadata["enum"], *UNMODELED_ENUM_VALUES.get(shape.name, ())]


_TYPE_OK: dict[str, tuple[type, ...]] = {
    "string": (str,),
    "integer": (int,),
    "long": (int,),
    "boolean": (bool,),
    "structure": (dict,),
    "list": (list, tuple),
    "map": (dict,),
    "blob": (str, bytes),
    "timestamp": (int, float, str),
    "double": (int, float),
    "float": (int, float),
}


def _compile(shape: Any, cache: Dict[str, Check]) -> Check:
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
            match = _compile_pattern(meta["pattern"])
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
        member = _compile(shape.member, cache)
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
        key = _compile(shape.key, cache)
        value = _compile(shape.value, cache)

        def check_entries(v: Any, p: str, pr: Problems) -> None:
            for k, item in v.items():
                key(k, f"{p}.key", pr)
                value(item, f"{p}.{k}", pr)

        checks.append(check_entries)
    elif kind == "structure" and not meta.get("document"):
        members = {
            name: (index, member_path(name), _compile(sub, cache))
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


Accept = Callable[[Any], bool]


def _accepts(shape: Any, cache: Dict[str, Accept]) -> Accept:
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
        match = _compile_pattern(meta["pattern"]) if has_pattern else None
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
        member = _accepts(shape.member, cache)

        def accept(v: Any) -> bool:
            return type(v) in (list, tuple) and lo <= len(v) <= hi and all(map(member, v))

    elif kind == "structure" and not meta.get("document"):
        members = {
            name: (_string_shortcut(sub), _accepts(sub, cache))
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
        full = _compile(shape, _shape_checks)

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
        return (known, low, high, _compile_pattern(meta["pattern"]))
    if "enum" in meta:
        return (frozenset(v for v in enum_values(shape) if low <= len(v) <= high), low, high, None)
    return (None, low, high, None)


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


_shape_checks: Dict[str, Check] = {}
_operation_checks: Dict[str, Check] = {}
_shape_accepts: Dict[str, Accept] = {}
_operation_accepts: Dict[str, Accept] = {}


def _operation_check(operation: str) -> Check:
    check = _operation_checks.get(operation)
    if check is None:
        shape = operation_model(operation).input_shape
        check = _compile(shape, _shape_checks) if shape is not None else _no_input
        _operation_checks[operation] = check
    return check


def problems(operation: str, params: dict[str, Any]) -> list[str]:
    """Every constraint ``params`` violates, in the service's words."""
    found: Problems = []
    _operation_check(operation)(params, "", found)
    return found


def _operation_accept(operation: str) -> Accept:
    accept = _operation_accepts.get(operation)
    if accept is None:
        shape = operation_model(operation).input_shape
        accept = _accepts(shape, _shape_accepts) if shape is not None else _anything
        _operation_accepts[operation] = accept
    return accept


def _anything(value: Any) -> bool:
    """Operations without an input shape accept anything."""
    return True


def validate(operation: str, params: dict[str, Any]) -> None:
    """Raise ``InvalidParameterException`` as the service would for ``params``."""
    if (_operation_accepts.get(operation) or _operation_accept(operation))(params):
        return
    found = problems(operation, params)
    if found:
        count = len(found)
        noun = "error" if count == 1 else "errors"
        raise InvalidParameterException(f"{count} validation {noun} detected: " + "; ".join(found))


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
