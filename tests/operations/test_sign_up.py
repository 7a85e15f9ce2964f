"""Self-service sign-up and confirmation codes, through a real boto3 client."""

from __future__ import annotations

import re
from typing import Any

import pytest

from pytest_cognito_idp import AppClient, Clock, CognitoIdp, UserPool
from tests.conftest import error_of

PASSWORD = "Passw0rd!"
EMAIL = [{"Name": "email", "Value": "jane@example.com"}]
VERIFYING = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])


def sign_up(client: Any, app: AppClient, username: str = "jane", **kwargs: Any) -> Any:
    kwargs.setdefault("UserAttributes", EMAIL)
    return client.sign_up(ClientId=app.id, Username=username, Password=PASSWORD, **kwargs)


@VERIFYING
def test_sign_up_sends_a_code(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    response = sign_up(client, cognito_app_client)

    user = cognito_pool.user("jane")
    assert response["UserConfirmed"] is False
    assert response["UserSub"] == user.sub
    assert response["CodeDeliveryDetails"] == {
        "Destination": "j***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    assert user.status == "UNCONFIRMED"
    message = cognito_idp.outbox.last(destination="jane@example.com")
    assert message.kind == "SignUp"
    assert message.subject == "Your verification code"
    assert message.body == f"Your verification code is {message.code}. "
    assert re.fullmatch(r"[0-9]{6}", message.code or "")


@VERIFYING
def test_confirm_sign_up_with_the_code(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    sign_up(client, cognito_app_client)
    code = cognito_idp.outbox.last().code

    client.confirm_sign_up(ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code)

    user = cognito_pool.user("jane")
    assert user.status == "CONFIRMED"
    assert user.attributes["email_verified"] == "true"
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code
        )
    assert error_of(excinfo)[1] == "User cannot be confirmed. Current status is CONFIRMED"


@VERIFYING
def test_wrong_and_expired_codes(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    sign_up(client, cognito_app_client)
    code = cognito_idp.outbox.last().code
    wrong = "000000" if code != "000000" else "111111"

    with pytest.raises(client.exceptions.CodeMismatchException) as excinfo:
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=wrong
        )
    assert error_of(excinfo)[1] == "Invalid verification code provided, please try again."
    assert cognito_pool.user("jane").status == "UNCONFIRMED"

    cognito_clock.advance(hours=24, seconds=1)
    with pytest.raises(client.exceptions.ExpiredCodeException) as excinfo:
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=code
        )
    assert error_of(excinfo)[1] == "Invalid code provided, please request a code again."
    assert cognito_pool.user("jane").status == "UNCONFIRMED"


@VERIFYING
def test_resend_replaces_the_code(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    sign_up(client, cognito_app_client)
    first = cognito_idp.outbox.last().code
    response = client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
    second = cognito_idp.outbox.last()

    assert response["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"
    assert second.kind == "ResendCode"
    if first != second.code:
        with pytest.raises(client.exceptions.CodeMismatchException):
            client.confirm_sign_up(
                ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=first
            )
    client.confirm_sign_up(
        ClientId=cognito_app_client.id, Username="jane", ConfirmationCode=second.code
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.resend_confirmation_code(ClientId=cognito_app_client.id, Username="jane")
    assert error_of(excinfo)[1] == "User is already confirmed."


def test_without_auto_verification_nothing_is_sent(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient
) -> None:
    response = sign_up(client, cognito_app_client)
    assert "CodeDeliveryDetails" not in response
    assert len(cognito_idp.outbox) == 0


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email", "phone_number"])
def test_phone_is_preferred_when_both_are_auto_verified(
    client: Any, cognito_idp: CognitoIdp, cognito_app_client: AppClient
) -> None:
    attributes = [*EMAIL, {"Name": "phone_number", "Value": "+15555550100"}]
    response = sign_up(client, cognito_app_client, UserAttributes=attributes)
    assert response["CodeDeliveryDetails"] == {
        "Destination": "+*******0100",
        "DeliveryMedium": "SMS",
        "AttributeName": "phone_number",
    }
    assert cognito_idp.outbox.last().destination == "+15555550100"


def test_sign_up_refusals_leave_no_user(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    with pytest.raises(client.exceptions.InvalidPasswordException) as excinfo:
        client.sign_up(ClientId=cognito_app_client.id, Username="jane", Password="password")
    assert error_of(excinfo)[1] == (
        "Password did not conform with policy: Password must have uppercase characters"
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        sign_up(client, cognito_app_client, UserAttributes=[{"Name": "custom:x", "Value": "1"}])
    assert error_of(excinfo)[1] == (
        "Attributes did not conform to the schema: custom:x: Attribute does not exist in the "
        "schema.\n"
    )
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        sign_up(
            client, cognito_app_client, UserAttributes=[{"Name": "email_verified", "Value": "true"}]
        )
    assert error_of(excinfo)[1] == "A client attempted to write unauthorized attribute"
    assert cognito_pool.users == []

    sign_up(client, cognito_app_client)
    with pytest.raises(client.exceptions.UsernameExistsException) as excinfo:
        sign_up(client, cognito_app_client)
    assert error_of(excinfo)[1] == "User already exists"


def test_unknown_client(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.sign_up(ClientId="nosuchclient", Username="jane", Password=PASSWORD)
    assert error_of(excinfo)[1] == "User pool client nosuchclient does not exist."


def test_secret_hash_is_required_and_checked(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client("secret", generate_secret=True)

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        sign_up(client, app)
    assert (
        error_of(excinfo)[1]
        == f"Client {app.id} is configured for secret but secret was not received"
    )
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        sign_up(client, app, SecretHash=app.secret_hash("someone-else"))
    assert error_of(excinfo)[1] == f"SecretHash does not match for the client: {app.id}"
    assert cognito_pool.users == []

    sign_up(client, app, SecretHash=app.secret_hash("jane"))
    assert cognito_pool.user("jane").status == "UNCONFIRMED"


def test_admin_create_user_only_pools_refuse_sign_up(client: Any) -> None:
    pool_id = client.create_user_pool(
        PoolName="p", AdminCreateUserConfig={"AllowAdminCreateUserOnly": True}
    )["UserPool"]["Id"]
    app = client.create_user_pool_client(UserPoolId=pool_id, ClientName="a")["UserPoolClient"]
    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.sign_up(ClientId=app["ClientId"], Username="jane", Password=PASSWORD)
    assert error_of(excinfo)[1] == "SignUp is not permitted for this user pool"


@pytest.mark.cognito_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
def test_email_as_username_sign_up(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    response = client.sign_up(
        ClientId=cognito_app_client.id, Username="jane@example.com", Password=PASSWORD
    )
    user = cognito_pool.user("jane@example.com")
    assert user.username == user.sub == response["UserSub"]
    code = cognito_idp.outbox.last(destination="jane@example.com").code
    client.confirm_sign_up(
        ClientId=cognito_app_client.id, Username="jane@example.com", ConfirmationCode=code
    )
    assert user.status == "CONFIRMED"

    with pytest.raises(client.exceptions.UsernameExistsException) as excinfo:
        client.sign_up(
            ClientId=cognito_app_client.id, Username="jane@example.com", Password=PASSWORD
        )
    assert error_of(excinfo)[1] == "An account with the given email already exists."
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.sign_up(ClientId=cognito_app_client.id, Username="jane", Password=PASSWORD)
    assert error_of(excinfo)[1] == "Username should be an email."


@pytest.mark.cognito_pool(AliasAttributes=["email"], AutoVerifiedAttributes=["email"])
def test_confirming_a_taken_alias(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    cognito_pool.create_user(
        "jane", attributes={"email": "jane@example.com", "email_verified": "true"}
    )
    sign_up(client, cognito_app_client, "june")
    code = cognito_idp.outbox.last(destination="jane@example.com").code

    with pytest.raises(client.exceptions.AliasExistsException) as excinfo:
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="june", ConfirmationCode=code
        )
    assert error_of(excinfo)[1] == "An account with the email already exists."
    assert cognito_pool.user("june").status == "UNCONFIRMED"

    client.confirm_sign_up(
        ClientId=cognito_app_client.id,
        Username="june",
        ConfirmationCode=code,
        ForceAliasCreation=True,
    )
    assert cognito_pool.user("jane@example.com").username == "june"


def test_unknown_users_legacy(client: Any, cognito_app_client: AppClient) -> None:
    for call in (client.resend_confirmation_code, client.forgot_password):
        with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
            call(ClientId=cognito_app_client.id, Username="nobody")
        assert error_of(excinfo)[1] == "Username/client id combination not found."
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.confirm_sign_up(
            ClientId=cognito_app_client.id, Username="nobody", ConfirmationCode="123456"
        )


@VERIFYING
def test_unknown_users_prevent_user_existence_errors(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client("hidden", PreventUserExistenceErrors="ENABLED")

    resent = client.resend_confirmation_code(ClientId=app.id, Username="nobody@example.com")
    assert resent["CodeDeliveryDetails"] == {
        "Destination": "n***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    again = client.forgot_password(ClientId=app.id, Username="nobody")
    assert again == client.forgot_password(ClientId=app.id, Username="nobody") | {
        "ResponseMetadata": again["ResponseMetadata"]
    }
    with pytest.raises(client.exceptions.CodeMismatchException):
        client.confirm_sign_up(ClientId=app.id, Username="nobody", ConfirmationCode="123456")
    assert len(cognito_idp.outbox) == 0
