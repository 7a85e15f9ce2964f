"""Helpers for the token tests: tokens for a user without going through a sign-in flow."""

from __future__ import annotations

import base64
import json
from typing import Any, Dict

from pytest_cognito_idp import clock
from pytest_cognito_idp.backend.tokens import issuing
from pytest_cognito_idp.fake import CognitoIdp
from pytest_cognito_idp.operations.tokens import authentication_result
from pytest_cognito_idp.resources import AppClient, User, UserPool


def issue(
    fake: CognitoIdp, pool: UserPool, client: AppClient, user: User, **kwargs: Any
) -> Dict[str, Any]:
    """The ``AuthenticationResult`` a successful sign-in of ``user`` on ``client`` returns."""
    kwargs.setdefault("auth_time", clock.now())
    with fake._state() as backend:
        issued = issuing.issue_tokens(backend, pool._state, client._state, user._state, **kwargs)
    return authentication_result(issued)


def claims(token: str) -> Dict[str, Any]:
    """The payload of a JWT, unverified."""
    payload = token.split(".")[1]
    return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))  # type: ignore[no-any-return]


def header(token: str) -> Dict[str, Any]:
    part = token.split(".")[0]
    return json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4)))  # type: ignore[no-any-return]
