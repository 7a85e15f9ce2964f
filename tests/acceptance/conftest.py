"""Acceptance suite: written from DESIGN.md's public API, the fact sheet and AWS's docs only."""

from __future__ import annotations

from typing import Any

import pytest


def error_of(excinfo: pytest.ExceptionInfo[Any]) -> tuple[str, str]:
    """(code, message) of a botocore ClientError."""
    err = excinfo.value.response["Error"]
    return err["Code"], err["Message"]


@pytest.fixture
def idp(cognito_idp: Any) -> Any:
    """A plain boto3 cognito-idp client, made the way application code makes one."""
    import boto3

    return boto3.client("cognito-idp")
