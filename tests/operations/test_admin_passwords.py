"""Passwords set by an administrator, through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import AppClient, CognitoIdp, User, UserPool
from tests.conftest import error_of


@pytest.mark.parametrize(
    ("permanent", "status"), [(True, "CONFIRMED"), (False, "FORCE_CHANGE_PASSWORD")]
)
def test_admin_set_user_password(
    client: Any, cognito_user: User, permanent: bool, status: str
) -> None:
    client.admin_set_user_password(
        UserPoolId=cognito_user.pool.id,
        Username="jane",
        Password="N3w-Passw0rd",
        Permanent=permanent,
    )
    assert cognito_user.password == "N3w-Passw0rd"
    assert cognito_user.status == status


def test_admin_set_user_password_applies_the_policy(client: Any, cognito_user: User) -> None:
    old = cognito_user.password
    with pytest.raises(client.exceptions.InvalidPasswordException) as excinfo:
        client.admin_set_user_password(
            UserPoolId=cognito_user.pool.id, Username="jane", Password="Passw0rd", Permanent=True
        )
    assert (
        error_of(excinfo)[1]
        == "Password did not conform with policy: Password must have symbol characters"
    )
    assert cognito_user.password == old


def test_admin_reset_user_password(
    client: Any, cognito_idp: CognitoIdp, cognito_user: User, cognito_app_client: AppClient
) -> None:
    client.admin_reset_user_password(UserPoolId=cognito_user.pool.id, Username="jane")

    assert cognito_user.status == "RESET_REQUIRED"
    message = cognito_idp.outbox.last(username="jane")
    assert message.kind == "ForgotPassword"
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id,
        Username="jane",
        ConfirmationCode=message.code,
        Password="N3w-Passw0rd",
    )
    assert cognito_user.status == "CONFIRMED"


def test_admin_reset_without_verified_destination_sends_nothing(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    user = cognito_pool.create_user("sam")
    client.admin_reset_user_password(UserPoolId=cognito_pool.id, Username="sam")
    assert user.status == "RESET_REQUIRED"
    assert len(cognito_idp.outbox) == 0
