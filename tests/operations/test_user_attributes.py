"""Attributes changed by an administrator, through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import CognitoIdp, User, UserPool
from pytest_cognito_idp.backend.users import codes
from tests.conftest import error_of


def update(client: Any, user: User, **attributes: str) -> None:
    client.admin_update_user_attributes(
        UserPoolId=user.pool.id,
        Username=user.username,
        UserAttributes=[{"Name": k.replace("__", ":"), "Value": v} for k, v in attributes.items()],
    )


def test_update_and_delete_attributes(client: Any, cognito_user: User) -> None:
    update(client, cognito_user, given_name="Jane", family_name="Doe")
    assert cognito_user.attributes["given_name"] == "Jane"

    client.admin_delete_user_attributes(
        UserPoolId=cognito_user.pool.id, Username="jane", UserAttributeNames=["family_name"]
    )
    assert "family_name" not in cognito_user.attributes


def test_changing_the_email_unverifies_it(
    client: Any, cognito_idp: CognitoIdp, cognito_user: User
) -> None:
    update(client, cognito_user, email="jane@example.org")
    assert cognito_user.attributes["email_verified"] == "false"
    assert len(cognito_idp.outbox) == 0  # the pool does not auto-verify email

    update(client, cognito_user, email="jane@example.net", email_verified="true")
    assert cognito_user.attributes["email_verified"] == "true"


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_new_auto_verified_email_gets_a_code(
    client: Any, cognito_idp: CognitoIdp, cognito_user: User, cognito_pool: UserPool
) -> None:
    update(client, cognito_user, email="jane@example.org")
    message = cognito_idp.outbox.last(destination="jane@example.org")
    assert message.kind == "UpdateUserAttribute"
    state = cognito_pool._state.users["jane"]
    codes.check(state, codes.verify_attribute("email"), message.code or "")


def test_update_refusals_leave_attributes(client: Any, cognito_user: User) -> None:
    before = cognito_user.attributes
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        update(client, cognito_user, given_name="Jane", email="nope")
    assert error_of(excinfo)[1] == "Invalid email address format."
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        update(client, cognito_user, custom__missing="x")
    assert "Type for attribute {custom:missing} could not be determined" in error_of(excinfo)[1]
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.admin_delete_user_attributes(
            UserPoolId=cognito_user.pool.id, Username="jane", UserAttributeNames=["sub"]
        )
    assert cognito_user.attributes == before


def test_deleting_attributes_outside_the_schema_names_each(client: Any, cognito_user: User) -> None:
    update(client, cognito_user, nickname="JJ")
    before = cognito_user.attributes
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_delete_user_attributes(
            UserPoolId=cognito_user.pool.id,
            Username="jane",
            UserAttributeNames=["nickname", "custom:foo", "custom:bar"],
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "Invalid user attributes: user.custom:foo: Attribute does not exist in the schema.\n"
        "user.custom:bar: Attribute does not exist in the schema.\n",
    )
    assert cognito_user.attributes == before


def test_required_attributes_cannot_be_deleted(client: Any) -> None:
    pool_id = client.create_user_pool(
        PoolName="p",
        Schema=[
            {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True}
        ],
    )["UserPool"]["Id"]
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="sam",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "sam@example.com"}],
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.admin_delete_user_attributes(
            UserPoolId=pool_id, Username="sam", UserAttributeNames=["email"]
        )
    assert error_of(excinfo)[1] == (
        "Attributes did not conform to the schema: email: The attribute is required\n"
    )


@pytest.mark.cognito_pool(AliasAttributes=["email"])
def test_verifying_a_taken_alias(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_user(
        "jane", attributes={"email": "x@example.com", "email_verified": "true"}
    )
    sam = cognito_pool.create_user("sam", attributes={"email": "x@example.com"})
    with pytest.raises(client.exceptions.AliasExistsException):
        update(client, sam, email_verified="true")
    assert sam.attributes.get("email_verified") != "true"
    assert cognito_pool.user("x@example.com").username == "jane"


def test_a_blank_value_deletes_the_attribute(client: Any, cognito_pool: Any) -> None:
    cognito_pool.create_user("jane", attributes={"email": "jane@example.com", "name": "Jane"})

    client.admin_update_user_attributes(
        UserPoolId=cognito_pool.id, Username="jane", UserAttributes=[{"Name": "name", "Value": ""}]
    )

    assert "name" not in cognito_pool.user("jane").attributes
    assert cognito_pool.user("jane").attributes["email"] == "jane@example.com"
