"""Users managed by an administrator, through a real boto3 client."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from tests.conftest import error_of

EMAIL = [{"Name": "email", "Value": "jane@example.com"}]


def _attrs(response: Any, key: str = "UserAttributes") -> dict[str, str]:
    return {a["Name"]: a["Value"] for a in response[key]}


def test_admin_create_user_sends_a_temporary_password(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    user = client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        UserAttributes=EMAIL,
        DesiredDeliveryMediums=["EMAIL"],
    )["User"]

    assert user["Username"] == "jane"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["Enabled"] is True
    attributes = _attrs(user, "Attributes")
    assert uuid.UUID(attributes["sub"])
    message = cognito_idp.outbox.last(username="jane")
    assert (message.medium, message.destination, message.kind) == (
        "EMAIL",
        "jane@example.com",
        "AdminCreateUser",
    )
    assert message.subject == "Your temporary password"
    assert message.body == f"Your username is jane and temporary password is {message.code}. "
    assert message.code == cognito_pool.user("jane").password
    cognito_pool._state.password_policy.check(message.code)  # the generated one fits the policy


def test_admin_create_user_uses_the_pool_invitation_template(
    client: Any, cognito_idp: CognitoIdp
) -> None:
    pool_id = client.create_user_pool(
        PoolName="p",
        AdminCreateUserConfig={
            "InviteMessageTemplate": {
                "EmailSubject": "Welcome",
                "EmailMessage": "Hi {username}, use {####}",
                "SMSMessage": "{username} {####}",
            }
        },
    )["UserPool"]["Id"]
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="sam",
        TemporaryPassword="Temp-Pass1",
        UserAttributes=[*EMAIL, {"Name": "phone_number", "Value": "+15555550100"}],
        DesiredDeliveryMediums=["EMAIL", "SMS"],
    )

    email, sms = list(cognito_idp.outbox)
    assert (email.subject, email.body) == ("Welcome", "Hi sam, use Temp-Pass1")
    assert (sms.medium, sms.destination, sms.subject, sms.body) == (
        "SMS",
        "+15555550100",
        None,
        "sam Temp-Pass1",
    )


def test_admin_create_user_suppressed_sends_nothing(
    client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    client.admin_create_user(UserPoolId=cognito_pool.id, Username="jane", MessageAction="SUPPRESS")
    assert len(cognito_idp.outbox) == 0


@pytest.mark.parametrize(
    ("attributes", "sent"),
    [
        ([], []),
        (EMAIL, [("EMAIL", "jane@example.com")]),
        ([{"Name": "phone_number", "Value": "+15555550100"}], [("SMS", "+15555550100")]),
        (
            [*EMAIL, {"Name": "phone_number", "Value": "+15555550100"}],
            [("SMS", "+15555550100")],
        ),
    ],
    ids=["no-attributes", "email", "phone", "email-and-phone"],
)
def test_admin_create_user_without_desired_mediums_invites_by_sms_else_email(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    attributes: list[dict[str, str]],
    sent: list[tuple[str, str]],
) -> None:
    # The documented default is SMS; a user without a phone number is created all the same.
    user = client.admin_create_user(
        UserPoolId=cognito_pool.id, Username="jane", UserAttributes=attributes
    )["User"]
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert [(m.medium, m.destination) for m in cognito_idp.outbox] == sent
    assert all(m.kind == "AdminCreateUser" for m in cognito_idp.outbox)


def test_admin_create_user_needs_the_attribute_of_each_medium(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="jane", DesiredDeliveryMediums=["EMAIL"]
        )
    assert error_of(excinfo)[1] == "No email provided but desired delivery medium was Email"
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id,
            Username="jane",
            UserAttributes=EMAIL,
            DesiredDeliveryMediums=["SMS"],
        )
    assert error_of(excinfo)[1] == "No phone_number provided but desired delivery medium was SMS"
    assert cognito_pool.users == []


def test_admin_create_user_refuses_a_weak_temporary_password(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidPasswordException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id,
            Username="jane",
            TemporaryPassword="short",
            MessageAction="SUPPRESS",
        )
    assert error_of(excinfo) == (
        "InvalidPasswordException",
        "Password did not conform with policy: Password not long enough",
    )
    assert cognito_pool.users == []


def test_admin_create_user_duplicate(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_user("jane")
    with pytest.raises(client.exceptions.UsernameExistsException) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="jane", MessageAction="SUPPRESS"
        )
    assert error_of(excinfo)[1] == "User account already exists"
    assert len(cognito_pool.users) == 1


def test_resend_invitation(client: Any, cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        UserAttributes=EMAIL,
        DesiredDeliveryMediums=["EMAIL"],
    )
    first = cognito_idp.outbox.last().code
    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="jane",
        MessageAction="RESEND",
        DesiredDeliveryMediums=["EMAIL"],
    )
    second = cognito_idp.outbox.last()
    assert len(cognito_idp.outbox) == 2
    assert second.code != first
    assert cognito_pool.user("jane").password == second.code


def test_resend_invitation_only_in_force_change_password(
    client: Any, cognito_pool: UserPool
) -> None:
    cognito_pool.create_user("jane", attributes={"email": "jane@example.com"})
    with pytest.raises(client.exceptions.UnsupportedUserStateException):
        client.admin_create_user(
            UserPoolId=cognito_pool.id,
            Username="jane",
            MessageAction="RESEND",
            DesiredDeliveryMediums=["EMAIL"],
        )
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="nobody", MessageAction="RESEND"
        )


@pytest.mark.parametrize(
    ("attributes", "code", "message"),
    [
        (
            [{"Name": "custom:nope", "Value": "x"}],
            "InvalidParameterException",
            "Attributes did not conform to the schema: Type for attribute {custom:nope} could not "
            "be determined\n",
        ),
        (
            [{"Name": "email", "Value": "not-an-email"}],
            "InvalidParameterException",
            "Invalid email address format.",
        ),
        (
            [{"Name": "phone_number", "Value": "555-0100"}],
            "InvalidParameterException",
            "Invalid phone number format.",
        ),
        (
            [{"Name": "sub", "Value": str(uuid.uuid4())}],
            "InvalidParameterException",
            "user.sub: Attribute cannot be updated.\n",
        ),
    ],
)
def test_admin_create_user_checks_attributes(
    client: Any, cognito_pool: UserPool, attributes: Any, code: str, message: str
) -> None:
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.admin_create_user(
            UserPoolId=cognito_pool.id,
            Username="jane",
            UserAttributes=attributes,
            MessageAction="SUPPRESS",
        )
    assert error_of(excinfo) == (code, message)
    assert cognito_pool.users == []


def test_required_and_custom_attributes(client: Any) -> None:
    pool_id = client.create_user_pool(
        PoolName="p",
        Schema=[
            {"Name": "name", "AttributeDataType": "String", "Required": True, "Mutable": True},
            {
                "Name": "tier",
                "AttributeDataType": "String",
                "Mutable": False,
                "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "4"},
            },
            {
                "Name": "age",
                "AttributeDataType": "Number",
                "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "150"},
            },
        ],
    )["UserPool"]["Id"]

    def create(*attributes: tuple[str, str]) -> None:
        client.admin_create_user(
            UserPoolId=pool_id,
            Username="jane",
            MessageAction="SUPPRESS",
            UserAttributes=[{"Name": n, "Value": v} for n, v in attributes],
        )

    # A required attribute may be left for the user to give when answering NEW_PASSWORD_REQUIRED
    # (AdminCreateUser API Reference, UserAttributes); SignUp, by contrast, needs it at once.
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="sam",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "custom:tier", "Value": "gold"}],
    )
    assert "name" not in _attrs(client.admin_get_user(UserPoolId=pool_id, Username="sam"))
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        create(("name", "Jane"), ("custom:tier", "platinum"))
    assert "custom:tier: String must be no longer than 4 characters." in error_of(excinfo)[1]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        create(("name", "Jane"), ("custom:age", "200"))
    assert "custom:age: Number must be no greater than 150." in error_of(excinfo)[1]

    create(("name", "Jane"), ("custom:tier", "gold"), ("custom:age", "42"))
    user = client.admin_get_user(UserPoolId=pool_id, Username="jane")
    assert _attrs(user)["custom:tier"] == "gold"
    # Immutable custom attributes are set once, at creation.
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_update_user_attributes(
            UserPoolId=pool_id,
            Username="jane",
            UserAttributes=[{"Name": "custom:tier", "Value": "iron"}],
        )
    assert error_of(excinfo)[1] == "user.custom:tier: Attribute cannot be updated.\n"


def test_admin_get_user(client: Any, cognito_user: Any) -> None:
    got = client.admin_get_user(UserPoolId=cognito_user.pool.id, Username="jane")

    assert got["Username"] == "jane"
    assert got["UserStatus"] == "CONFIRMED"
    assert got["Enabled"] is True
    assert _attrs(got) == {
        "sub": cognito_user.sub,
        "email": "jane@example.com",
        "email_verified": "true",
    }
    assert got["UserLastModifiedDate"] >= got["UserCreateDate"]


def test_unknown_user(client: Any, cognito_pool: UserPool) -> None:
    for call in (client.admin_get_user, client.admin_delete_user, client.admin_disable_user):
        with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
            call(UserPoolId=cognito_pool.id, Username="nobody")
        assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_case_insensitive_pool_finds_any_case(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p", UsernameConfiguration={"CaseSensitive": False})[
        "UserPool"
    ]["Id"]
    client.admin_create_user(UserPoolId=pool_id, Username="Jane", MessageAction="SUPPRESS")

    assert client.admin_get_user(UserPoolId=pool_id, Username="JANE")["Username"] == "Jane"
    with pytest.raises(client.exceptions.UsernameExistsException):
        client.admin_create_user(UserPoolId=pool_id, Username="jane", MessageAction="SUPPRESS")


def test_case_sensitive_pool_by_default(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_user("Jane")
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_get_user(UserPoolId=cognito_pool.id, Username="jane")


def test_email_as_username(client: Any, cognito_idp: CognitoIdp) -> None:
    pool_id = client.create_user_pool(PoolName="p", UsernameAttributes=["email"])["UserPool"]["Id"]
    user = client.admin_create_user(
        UserPoolId=pool_id, Username="jane@example.com", MessageAction="SUPPRESS"
    )["User"]

    attributes = _attrs(user, "Attributes")
    assert user["Username"] == attributes["sub"]
    assert attributes["email"] == "jane@example.com"
    assert (
        client.admin_get_user(UserPoolId=pool_id, Username="jane@example.com")["Username"]
        == (user["Username"])
    )
    with pytest.raises(client.exceptions.UsernameExistsException) as excinfo:
        client.admin_create_user(
            UserPoolId=pool_id, Username="jane@example.com", MessageAction="SUPPRESS"
        )
    assert error_of(excinfo)[1] == "An account with the given email already exists."
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_create_user(UserPoolId=pool_id, Username="jane", MessageAction="SUPPRESS")
    assert error_of(excinfo)[1] == "Username should be an email."
    assert len(cognito_idp.pool(pool_id).users) == 1


def test_email_alias_pool(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p", AliasAttributes=["email"])["UserPool"]["Id"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_create_user(
            UserPoolId=pool_id, Username="jane@example.com", MessageAction="SUPPRESS"
        )
    assert error_of(excinfo)[1] == (
        "Username cannot be of email format, since user pool is configured for email alias."
    )
    verified = [*EMAIL, {"Name": "email_verified", "Value": "true"}]
    client.admin_create_user(
        UserPoolId=pool_id, Username="jane", UserAttributes=verified, MessageAction="SUPPRESS"
    )
    # A verified alias finds the user; a second verified holder is refused...
    assert (
        client.admin_get_user(UserPoolId=pool_id, Username="jane@example.com")["Username"] == "jane"
    )
    with pytest.raises(client.exceptions.AliasExistsException) as excinfo:
        client.admin_create_user(
            UserPoolId=pool_id, Username="june", UserAttributes=verified, MessageAction="SUPPRESS"
        )
    assert error_of(excinfo)[1] == "An account with the email already exists."
    # ...unless ForceAliasCreation moves the alias to the new user.
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="june",
        UserAttributes=verified,
        MessageAction="SUPPRESS",
        ForceAliasCreation=True,
    )
    assert (
        client.admin_get_user(UserPoolId=pool_id, Username="jane@example.com")["Username"] == "june"
    )
    jane = client.admin_get_user(UserPoolId=pool_id, Username="jane")
    assert _attrs(jane)["email_verified"] == "false"


def test_delete_disable_enable(client: Any, cognito_pool: UserPool) -> None:
    user = cognito_pool.create_user("jane")
    client.admin_disable_user(UserPoolId=cognito_pool.id, Username="jane")
    assert user.enabled is False
    client.admin_enable_user(UserPoolId=cognito_pool.id, Username="jane")
    assert user.enabled is True

    client.admin_delete_user(UserPoolId=cognito_pool.id, Username="jane")
    assert cognito_pool.users == []
    described = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]
    assert described["EstimatedNumberOfUsers"] == 0


def test_admin_confirm_sign_up(client: Any, cognito_pool: UserPool) -> None:
    user = cognito_pool.create_user("jane", status="UNCONFIRMED")
    client.admin_confirm_sign_up(UserPoolId=cognito_pool.id, Username="jane")
    assert user.status == "CONFIRMED"

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.admin_confirm_sign_up(UserPoolId=cognito_pool.id, Username="jane")
    assert error_of(excinfo)[1] == "User cannot be confirmed. Current status is CONFIRMED"


def test_sub_never_changes_and_finds_the_user(client: Any, cognito_pool: UserPool) -> None:
    user = cognito_pool.create_user("jane")
    sub = user.sub
    client.admin_update_user_attributes(
        UserPoolId=cognito_pool.id, Username="jane", UserAttributes=[{"Name": "name", "Value": "J"}]
    )
    assert user.sub == sub == user.attributes["sub"]
    assert re.fullmatch(r"[0-9a-f-]{36}", sub)
    assert client.admin_get_user(UserPoolId=cognito_pool.id, Username=sub)["Username"] == "jane"


def test_disabling_a_user_revokes_its_tokens(
    client: Any, cognito_pool: UserPool, cognito_user: Any
) -> None:
    tokens = cognito_pool.sign_in(cognito_user.username, cognito_user.password)
    client.admin_disable_user(UserPoolId=cognito_pool.id, Username=cognito_user.username)
    client.admin_enable_user(UserPoolId=cognito_pool.id, Username=cognito_user.username)

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.get_user(AccessToken=tokens["AccessToken"])
    assert error_of(excinfo) == ("NotAuthorizedException", "Access Token has been revoked")
