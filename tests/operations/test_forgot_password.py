"""Self-service password recovery, through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import AppClient, Clock, CognitoIdp, User, UserPool
from tests.conftest import error_of

NEW = "N3w-Passw0rd"


def test_forgot_password_sends_a_code_to_the_verified_email(
    client: Any, cognito_idp: CognitoIdp, cognito_user: User, cognito_app_client: AppClient
) -> None:
    response = client.forgot_password(ClientId=cognito_app_client.id, Username="jane")

    assert response["CodeDeliveryDetails"] == {
        "Destination": "j***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    message = cognito_idp.outbox.last(username="jane")
    assert (message.kind, message.destination) == ("ForgotPassword", "jane@example.com")
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=message.code, Password=NEW
    )
    assert cognito_user.password == NEW
    assert cognito_user.status == "CONFIRMED"
    with pytest.raises(client.exceptions.ExpiredCodeException):
        client.confirm_forgot_password(
            ClientId=cognito_app_client.id,
            Username="jane",
            ConfirmationCode=message.code,
            Password="An0ther-Passw0rd",
        )


def test_forgot_password_code_lives_one_hour(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_user: User,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    client.forgot_password(ClientId=cognito_app_client.id, Username="jane")
    code = cognito_idp.outbox.last().code
    cognito_clock.advance(minutes=61)
    old = cognito_user.password

    with pytest.raises(client.exceptions.ExpiredCodeException) as excinfo:
        client.confirm_forgot_password(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code, Password=NEW
        )
    assert error_of(excinfo)[1] == "Invalid code provided, please request a code again."
    assert cognito_user.password == old


def test_confirm_forgot_password_checks_code_then_password(
    client: Any, cognito_idp: CognitoIdp, cognito_user: User, cognito_app_client: AppClient
) -> None:
    client.forgot_password(ClientId=cognito_app_client.id, Username="jane")
    code = cognito_idp.outbox.last().code
    wrong = "000000" if code != "000000" else "111111"
    old = cognito_user.password

    with pytest.raises(client.exceptions.CodeMismatchException):
        client.confirm_forgot_password(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=wrong, Password=NEW
        )
    with pytest.raises(client.exceptions.InvalidPasswordException):
        client.confirm_forgot_password(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code, Password="weak"
        )
    assert cognito_user.password == old
    # The code survived both failures.
    client.confirm_forgot_password(
        ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code, Password=NEW
    )


def test_no_verified_destination(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    cognito_pool.create_user("sam", attributes={"email": "sam@example.com"})
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.forgot_password(ClientId=cognito_app_client.id, Username="sam")
    assert error_of(excinfo)[1] == (
        "Cannot reset password for the user as there is no registered/verified email or "
        "phone_number"
    )


@pytest.mark.cognito_pool(
    AccountRecoverySetting={
        "RecoveryMechanisms": [
            {"Name": "verified_email", "Priority": 1},
            {"Name": "verified_phone_number", "Priority": 2},
        ]
    }
)
def test_account_recovery_setting_orders_the_mediums(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    cognito_pool.create_user(
        "sam",
        attributes={
            "email": "sam@example.com",
            "email_verified": "true",
            "phone_number": "+15555550100",
            "phone_number_verified": "true",
        },
    )
    response = client.forgot_password(ClientId=cognito_app_client.id, Username="sam")
    assert response["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"


def test_password_history(
    client: Any, cognito_app_client: AppClient, cognito_idp: CognitoIdp
) -> None:
    pool_id = client.create_user_pool(
        PoolName="p",
        Policies={"PasswordPolicy": {"MinimumLength": 8, "PasswordHistorySize": 2}},
    )["UserPool"]["Id"]
    pool = cognito_idp.pool(pool_id)
    pool.create_user("sam", password="first-one")
    client.admin_set_user_password(
        UserPoolId=pool_id, Username="sam", Password="second-one", Permanent=True
    )
    with pytest.raises(client.exceptions.PasswordHistoryPolicyViolationException) as excinfo:
        client.admin_set_user_password(
            UserPoolId=pool_id, Username="sam", Password="first-one", Permanent=True
        )
    assert error_of(excinfo)[1] == "Password has previously been used"
    client.admin_set_user_password(
        UserPoolId=pool_id, Username="sam", Password="third-one", Permanent=True
    )
    # Two passwords remembered: the first one is usable again.
    client.admin_set_user_password(
        UserPoolId=pool_id, Username="sam", Password="first-one", Permanent=True
    )
