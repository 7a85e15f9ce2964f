"""The README's table of supported operations is generated from the registry and kept equal.

Regenerate it with ``python tests/test_readme.py``.
"""

from __future__ import annotations

import re
import sys
import types
from pathlib import Path
from typing import Any, Callable, Set

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- section:supported -->", "<!-- /section:supported -->"


BACKEND = "pytest_cognito_idp.backend."


def _names(code: types.CodeType) -> Set[str]:
    names = set(code.co_names)
    for const in code.co_consts:
        if isinstance(const, types.CodeType):
            names |= _names(const)
    return names


def _is_helper(value: Any, module: str) -> bool:
    """A function of the operations package: its backend calls count for the handler's."""
    return isinstance(value, types.FunctionType) and module.startswith(
        "pytest_cognito_idp.operations"
    )


def backend_packages(fn: Callable[..., Any], seen: Set[Any]) -> Set[str]:
    """The backend subpackages whose modules or names ``fn`` uses, through the operations
    package's own helpers too (``core``, the leaves, left out)."""
    found: Set[str] = set()
    for name in _names(fn.__code__):
        value = fn.__globals__.get(name)
        module = value.__name__ if isinstance(value, types.ModuleType) else ""
        module = module or getattr(value, "__module__", "") or ""
        if module.startswith(BACKEND):
            found.add(module[len(BACKEND) :].split(".")[0])
        elif _is_helper(value, module) and value not in seen:
            seen.add(value)
            found |= backend_packages(value, seen)
    return found - {"core"}


def _row(name: str, fn: Callable[..., Any]) -> str:
    handler = fn.__module__.replace(".", "/").replace("pytest_cognito_idp/", "") + ".py"
    packages = sorted(backend_packages(fn, set())) or ["model"]
    return f"| `{name}` | `{handler}` | {', '.join(f'`{p}/`' for p in packages)} |"


def supported_section() -> str:
    """The README's table: every operation a handler is written for, its handler's module and
    the backend subpackages it calls (the model's alone when it only reads the pool).

    It does not depend on the installed botocore: a newer model's extra operations are not
    listed (they raise ``OperationNotSupported``), an older model's missing ones still are.
    """
    from pytest_cognito_idp.operations import HANDLERS, load

    load()
    names = sorted(HANDLERS)
    rows = "\n".join(_row(n, HANDLERS[n]) for n in names)
    return (
        f"{START}\n## Supported operations\n\n"
        f"{len(names)} operations: every operation of the `cognito-idp` model (API 2016-04-18) as "
        "botocore had it when this table was written. An operation this table does not list (a "
        "newer botocore may have more) raises `OperationNotSupported` naming it; "
        "`cognito_idp.inject_error` still works for it.\n\n"
        "Each row names the module of its handler and the backend packages (`pytest_cognito_idp/"
        "backend/`, mapped in its `__init__.py`) where the rules it applies live.\n\n"
        f"| operation | handler | backend |\n|---|---|---|\n{rows}\n{END}"
    )


def _current() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(re.escape(START) + ".*?" + re.escape(END), text, re.S)
    assert match, f"README.md lost its {START} markers"
    return match.group(0)


def test_readme_lists_exactly_the_registered_operations() -> None:
    assert _current() == supported_section(), "run `python tests/test_readme.py` to regenerate"


if __name__ == "__main__":
    sys.path.insert(0, str(README.parent))
    README.write_text(
        README.read_text(encoding="utf-8").replace(_current(), supported_section()),
        encoding="utf-8",
    )


def _example_tests() -> list[str]:
    blocks = re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    return [b for b in blocks if re.search(r"^def test_", b, re.M)]


def test_readme_examples_pass(pytester: pytest.Pytester) -> None:
    examples = _example_tests()
    assert len(examples) >= 5
    for i, code in enumerate(examples):
        # Snippets may leave out the two imports every test file has.
        pytester.makepyfile(**{f"test_readme_example_{i}": "import boto3\nimport pytest\n" + code})
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=sum(len(re.findall(r"^def test_", b, re.M)) for b in examples))
