"""What a signed-in user does with an access token, through boto3: GetUser, ChangePassword,
UpdateUserAttributes, DeleteUserAttributes, DeleteUser, GetUserAttributeVerificationCode,
VerifyUserAttribute; and how every such call authenticates the token."""

from __future__ import annotations

from typing import Any, Dict, Tuple

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests._tokens import issue
from tests.conftest import error_of

PASSWORD = "Correct-Horse-9"


@pytest.fixture
def token(cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User) -> str:
    signed_in = cognito_pool.sign_in("jane", cognito_user.password or "", cognito_app_client)
    return str(signed_in["AccessToken"])


def _attributes(client: Any, token: str) -> Dict[str, str]:
    return {a["Name"]: a["Value"] for a in client.get_user(AccessToken=token)["UserAttributes"]}


def _refused(client: Any, token: str) -> Tuple[str, str]:
    with pytest.raises(client.exceptions.ClientError) as error:
        client.get_user(AccessToken=token)
    return error_of(error)


# -- authenticating the access token ----------------------------------------------------------


def test_get_user(client: Any, cognito_user: User, token: str) -> None:
    got = client.get_user(AccessToken=token)

    assert got["Username"] == "jane"
    assert sorted(got["UserAttributes"], key=lambda a: a["Name"]) == [
        {"Name": "email", "Value": "jane@example.com"},
        {"Name": "email_verified", "Value": "true"},
        {"Name": "sub", "Value": cognito_user.sub},
    ]
    assert "MFAOptions" not in got and "UserMFASettingList" not in got


@pytest.mark.parametrize(
    "garbage",
    ["nonsense", "a.b.c", "eyJhbGciOiJub25lIn0.eyJ1c2VybmFtZSI6ImphbmUifQ.", "x" * 40],
)
def test_garbage_is_an_invalid_access_token(client: Any, garbage: str) -> None:
    assert _refused(client, garbage) == ("NotAuthorizedException", "Invalid Access Token")


def test_an_id_token_is_not_an_access_token(
    cognito_idp: CognitoIdp,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    id_token = issue(cognito_idp, cognito_pool, cognito_app_client, cognito_user)["IdToken"]

    assert _refused(client, id_token) == ("NotAuthorizedException", "Invalid Access Token")


def test_a_forged_token_is_invalid(client: Any, token: str) -> None:
    head, _, signature = token.split(".")
    other = token.split(".")[1][::-1]

    assert _refused(client, f"{head}.{other}.{signature}")[1] == "Invalid Access Token"
    assert _refused(client, f"{head}.{token.split('.')[1]}.{signature[::-1]}")[1] == (
        "Invalid Access Token"
    )


def test_an_expired_token_is_refused(cognito_clock: Clock, client: Any, token: str) -> None:
    cognito_clock.advance(seconds=3599)
    client.get_user(AccessToken=token)
    cognito_clock.advance(seconds=1)

    assert _refused(client, token) == ("NotAuthorizedException", "Access Token has expired")


def test_a_token_of_a_deleted_pool_or_another_region_is_invalid(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, token: str
) -> None:
    elsewhere = cognito_idp.client(region_name="eu-west-1")
    assert _refused(elsewhere, token)[1] == "Invalid Access Token"

    client = cognito_idp.client()
    client.delete_user_pool(UserPoolId=cognito_pool.id)
    assert _refused(client, token)[1] == "Invalid Access Token"


def test_the_user_must_still_exist_and_be_enabled(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, token: str
) -> None:
    client.admin_disable_user(UserPoolId=cognito_pool.id, Username="jane")
    # AdminDisableUser revokes the user's tokens (API reference), so that is what shows.
    assert _refused(client, token) == ("NotAuthorizedException", "Access Token has been revoked")

    client.admin_delete_user(UserPoolId=cognito_pool.id, Username="jane")
    cognito_pool.create_user("jane")  # same name, another user
    assert _refused(client, token) == ("UserNotFoundException", "User does not exist.")


def test_a_user_whose_password_was_reset_must_reset_it(
    client: Any, cognito_pool: UserPool, token: str
) -> None:
    client.admin_reset_user_password(UserPoolId=cognito_pool.id, Username="jane")

    assert _refused(client, token) == (
        "PasswordResetRequiredException",
        "Password reset required for the user",
    )


def test_a_token_without_the_admin_scope_is_refused(
    cognito_idp: CognitoIdp,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    def narrow(id_claims: Dict[str, Any], access: Dict[str, Any]) -> Any:
        return id_claims, {**access, "scope": "openid"}

    token = issue(
        cognito_idp, cognito_pool, cognito_app_client, cognito_user, claims_override=narrow
    )["AccessToken"]

    assert _refused(client, token) == (
        "NotAuthorizedException",
        "Access Token does not have required scopes",
    )


def test_get_user_shows_what_the_client_may_read(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    narrow = cognito_pool.create_client("narrow", ReadAttributes=["email"])
    token = issue(cognito_idp, cognito_pool, narrow, cognito_user)["AccessToken"]

    assert _attributes(client, token) == {"sub": cognito_user.sub, "email": "jane@example.com"}


def test_get_user_shows_mfa_settings(
    cognito_idp: CognitoIdp, client: Any, cognito_user: User, token: str
) -> None:
    with cognito_idp._state():
        cognito_user._state.mfa_enabled = {"SOFTWARE_TOKEN_MFA"}
        cognito_user._state.mfa_preferred = "SOFTWARE_TOKEN_MFA"

    got = client.get_user(AccessToken=token)

    assert got["PreferredMfaSetting"] == "SOFTWARE_TOKEN_MFA"
    assert got["UserMFASettingList"] == ["SOFTWARE_TOKEN_MFA"]


# -- ChangePassword ---------------------------------------------------------------------------


def test_change_password(client: Any, cognito_user: User, token: str) -> None:
    client.change_password(
        AccessToken=token, PreviousPassword=cognito_user.password, ProposedPassword=PASSWORD
    )

    assert cognito_user.password == PASSWORD
    client.get_user(AccessToken=token)  # the session stays signed in


def test_change_password_checks_the_previous_one(
    client: Any, cognito_user: User, token: str
) -> None:
    before = cognito_user.password

    for previous in ({"PreviousPassword": "Wrong-Password-1"}, {}):
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.change_password(AccessToken=token, ProposedPassword=PASSWORD, **previous)
        assert error_of(error)[1] == "Incorrect username or password."

    assert cognito_user.password == before


def test_change_password_applies_the_policy(client: Any, cognito_user: User, token: str) -> None:
    before = cognito_user.password

    with pytest.raises(client.exceptions.InvalidPasswordException) as error:
        client.change_password(AccessToken=token, PreviousPassword=before, ProposedPassword="short")

    assert error_of(error)[1] == "Password did not conform with policy: Password not long enough"
    assert cognito_user.password == before


# -- UpdateUserAttributes and DeleteUserAttributes --------------------------------------------


def test_update_user_attributes(client: Any, cognito_user: User, token: str) -> None:
    response = client.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "given_name", "Value": "Janet"}]
    )

    assert "CodeDeliveryDetailsList" not in response
    assert cognito_user.attributes["given_name"] == "Janet"


def test_a_new_email_is_unverified_and_gets_a_code_when_auto_verified(
    cognito_idp: CognitoIdp, client: Any
) -> None:
    pool = cognito_idp.create_pool(AutoVerifiedAttributes=["email"])
    user = pool.create_user("jane", attributes={"email": "a@example.com", "email_verified": "true"})
    token = issue(cognito_idp, pool, pool.create_client("app"), user)["AccessToken"]

    response = client.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "email", "Value": "b@example.com"}]
    )

    assert response["CodeDeliveryDetailsList"] == [
        {"Destination": "b***@e***", "DeliveryMedium": "EMAIL", "AttributeName": "email"}
    ]
    assert user.attributes["email"] == "b@example.com"
    assert user.attributes["email_verified"] == "false"
    message = cognito_idp.outbox.last(username="jane")
    assert (message.kind, message.destination) == ("UpdateUserAttribute", "b@example.com")

    client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=message.code)
    assert user.attributes["email_verified"] == "true"


def test_a_new_email_waits_for_verification_when_the_pool_says_so(
    cognito_idp: CognitoIdp, client: Any
) -> None:
    pool = cognito_idp.create_pool(
        AutoVerifiedAttributes=["email"],
        UserAttributeUpdateSettings={"AttributesRequireVerificationBeforeUpdate": ["email"]},
    )
    user = pool.create_user("jane", attributes={"email": "a@example.com", "email_verified": "true"})
    token = issue(cognito_idp, pool, pool.create_client("app"), user)["AccessToken"]

    client.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "email", "Value": "b@example.com"}]
    )

    assert (user.attributes["email"], user.attributes["email_verified"]) == (
        "a@example.com",
        "true",
    )
    message = cognito_idp.outbox.last(username="jane")
    assert message.destination == "b@example.com"
    wrong = "000000" if message.code != "000000" else "111111"
    with pytest.raises(client.exceptions.CodeMismatchException) as error:
        client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=wrong)
    assert error_of(error)[1] == "Invalid verification code provided, please try again."
    assert user.attributes["email"] == "a@example.com"

    client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=message.code)
    assert (user.attributes["email"], user.attributes["email_verified"]) == (
        "b@example.com",
        "true",
    )


def test_update_user_attributes_respects_write_attributes(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    narrow = cognito_pool.create_client("narrow", WriteAttributes=["given_name"])
    token = issue(cognito_idp, cognito_pool, narrow, cognito_user)["AccessToken"]
    before = cognito_user.attributes

    for name in ("family_name", "email_verified"):
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.update_user_attributes(
                AccessToken=token,
                UserAttributes=[
                    {"Name": "given_name", "Value": "J"},
                    {"Name": name, "Value": "true"},
                ],
            )
        assert error_of(error)[1] == "A client attempted to write unauthorized attribute"

    assert cognito_user.attributes == before


def test_update_user_attributes_validates_against_the_schema(
    client: Any, cognito_user: User, token: str
) -> None:
    before = cognito_user.attributes

    with pytest.raises(client.exceptions.InvalidParameterException) as error:
        client.update_user_attributes(
            AccessToken=token,
            UserAttributes=[
                {"Name": "given_name", "Value": "J"},
                {"Name": "custom:nope", "Value": "1"},
            ],
        )

    assert error_of(error)[1] == (
        "Attributes did not conform to the schema: custom:nope: Attribute does not exist in "
        "the schema.\n"
    )
    assert cognito_user.attributes == before


def test_delete_user_attributes(client: Any, cognito_user: User, token: str) -> None:
    client.update_user_attributes(
        AccessToken=token, UserAttributes=[{"Name": "given_name", "Value": "Janet"}]
    )

    client.delete_user_attributes(AccessToken=token, UserAttributeNames=["given_name"])

    assert "given_name" not in cognito_user.attributes


def test_delete_user_attributes_respects_write_attributes(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    narrow = cognito_pool.create_client("narrow", WriteAttributes=["given_name"])
    token = issue(cognito_idp, cognito_pool, narrow, cognito_user)["AccessToken"]

    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.delete_user_attributes(AccessToken=token, UserAttributeNames=["email"])

    assert error_of(error)[1] == "A client attempted to write unauthorized attribute"
    assert cognito_user.attributes["email"] == "jane@example.com"


# -- verification codes -----------------------------------------------------------------------


def test_get_user_attribute_verification_code(
    cognito_idp: CognitoIdp, client: Any, cognito_user: User, token: str
) -> None:
    sent = client.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")

    assert sent["CodeDeliveryDetails"] == {
        "Destination": "j***@e***",
        "DeliveryMedium": "EMAIL",
        "AttributeName": "email",
    }
    message = cognito_idp.outbox.last(username="jane")
    assert (message.kind, message.destination) == ("VerifyUserAttribute", "jane@example.com")
    assert len(message.code or "") == 6


def test_verify_user_attribute(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    user = cognito_pool.create_user("bob", attributes={"email": "bob@example.com"})
    token = issue(cognito_idp, cognito_pool, cognito_app_client, user)["AccessToken"]
    client.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    code = cognito_idp.outbox.last(username="bob").code

    client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)

    assert user.attributes["email_verified"] == "true"
    with pytest.raises(client.exceptions.ExpiredCodeException) as error:
        client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert error_of(error)[1] == "Invalid code provided, please request a code again."


def test_a_verification_code_expires_after_a_day(
    cognito_idp: CognitoIdp,
    cognito_clock: Clock,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
) -> None:
    user = cognito_pool.create_user("bob", attributes={"email": "bob@example.com"})
    token = issue(cognito_idp, cognito_pool, cognito_app_client, user)["AccessToken"]
    client.get_user_attribute_verification_code(AccessToken=token, AttributeName="email")
    code = cognito_idp.outbox.last(username="bob").code
    cognito_clock.advance(hours=24)
    token = issue(cognito_idp, cognito_pool, cognito_app_client, user)["AccessToken"]

    with pytest.raises(client.exceptions.ExpiredCodeException):
        client.verify_user_attribute(AccessToken=token, AttributeName="email", Code=code)
    assert user.attributes.get("email_verified") != "true"


@pytest.mark.parametrize(
    ("attribute", "message"),
    [
        ("given_name", "Invalid attribute name. Only phone_number and email can be verified."),
        ("phone_number", "User has no phone_number to verify."),
    ],
)
def test_only_a_present_email_or_phone_can_be_verified(
    client: Any, token: str, attribute: str, message: str
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as error:
        client.get_user_attribute_verification_code(AccessToken=token, AttributeName=attribute)
    assert error_of(error)[1] == message
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.verify_user_attribute(AccessToken=token, AttributeName=attribute, Code="123456")


# -- DeleteUser -------------------------------------------------------------------------------


def test_delete_user(client: Any, cognito_pool: UserPool, token: str) -> None:
    client.delete_user(AccessToken=token)

    assert cognito_pool.users == []
    assert _refused(client, token) == ("UserNotFoundException", "User does not exist.")
