"""A small accounts service built on Cognito: what the plugin is for.

It knows nothing about tests: it makes its boto3 client at import time, from the environment,
exactly as it would in production. The tests next to it run it against the fake.
"""

from __future__ import annotations

import os
from typing import Any, Dict

import boto3

cognito = boto3.client("cognito-idp", region_name=os.environ.get("AWS_REGION", "us-east-1"))


class AccountError(Exception):
    """A failure the service shows to its user."""


def register(client_id: str, email: str, password: str) -> str:
    """Start a registration; Cognito emails a code. Returns where it went (masked)."""
    try:
        answer = cognito.sign_up(
            ClientId=client_id,
            Username=email,
            Password=password,
            UserAttributes=[{"Name": "email", "Value": email}],
        )
    except cognito.exceptions.UsernameExistsException:
        raise AccountError("That email is already registered.") from None
    except cognito.exceptions.InvalidPasswordException as exc:
        raise AccountError(exc.response["Error"]["Message"]) from None
    return answer["CodeDeliveryDetails"]["Destination"]  # type: ignore[no-any-return]


def confirm(client_id: str, email: str, code: str) -> None:
    try:
        cognito.confirm_sign_up(ClientId=client_id, Username=email, ConfirmationCode=code)
    except cognito.exceptions.CodeMismatchException:
        raise AccountError("Wrong code, try again.") from None
    except cognito.exceptions.ExpiredCodeException:
        raise AccountError("That code has expired; ask for a new one.") from None


def log_in(client_id: str, email: str, password: str) -> Dict[str, Any]:
    """Tokens for a confirmed user."""
    try:
        answer = cognito.initiate_auth(
            ClientId=client_id,
            AuthFlow="USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": email, "PASSWORD": password},
        )
    except cognito.exceptions.NotAuthorizedException:
        raise AccountError("Wrong email or password.") from None
    except cognito.exceptions.UserNotConfirmedException:
        raise AccountError("Please confirm your email first.") from None
    return answer["AuthenticationResult"]  # type: ignore[no-any-return]


def profile(access_token: str) -> Dict[str, str]:
    answer = cognito.get_user(AccessToken=access_token)
    return {a["Name"]: a["Value"] for a in answer["UserAttributes"]}
