"""The README's table of supported operations is generated from the registry and kept equal.

Regenerate it with ``python tests/test_readme.py``.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parent.parent / "README.md"
START, END = "<!-- section:supported -->", "<!-- /section:supported -->"


def supported_section() -> str:
    """The README's table: every operation a handler is written for.

    It does not depend on the installed botocore: a newer model's extra operations are not
    listed (they raise ``OperationNotSupported``), an older model's missing ones still are.
    """
    from pytest_cognito_idp.operations import DECLARED, load

    load()
    names = sorted(DECLARED)
    rows = "\n".join(f"| `{n}` |" for n in names)
    return (
        f"{START}\n## Supported operations\n\n"
        f"{len(names)} operations: every operation of the `cognito-idp` model (API 2016-04-18) as "
        "botocore had it when this table was written. An operation this table does not list (a "
        "newer botocore may have more) raises `OperationNotSupported` naming it; "
        "`cognito_idp.inject_error` still works for it.\n\n"
        f"| operation |\n|---|\n{rows}\n{END}"
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
