"""Shared test setup: every successful response the fake sent is checked against the model."""

from __future__ import annotations

from typing import Any, Iterator

import pytest

from pytest_cognito_idp import CognitoIdp, _fast
from pytest_cognito_idp._model.output import check_output

# Every result the fast path builds is compared with botocore's own parse of the same bytes.
_fast.check_against_botocore = True


@pytest.fixture(autouse=True)
def _responses_fit_output_shapes(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    fake = request.node.funcargs.get("cognito_idp") if hasattr(request.node, "funcargs") else None
    if isinstance(fake, CognitoIdp):
        for call in fake.calls:
            if call.response is not None:
                problems = check_output(call.operation, call.response)
                assert not problems, f"{call.operation} response does not fit the model: {problems}"


@pytest.fixture
def client(cognito_idp: CognitoIdp) -> Any:
    """A real boto3 cognito-idp client talking to the fake."""
    return cognito_idp.client()


def error_of(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    """(code, message) of a botocore ClientError."""
    err = excinfo.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def pytester(pytester: pytest.Pytester, monkeypatch: pytest.MonkeyPatch) -> pytest.Pytester:
    """Inner pytest sessions without plugins of this machine that warn under xdist."""
    monkeypatch.setenv("PYTEST_ADDOPTS", "-p no:benchmark")
    return pytester
