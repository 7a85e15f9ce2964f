"""The rules a pool's schema obeys, through a real boto3 client: CreateUserPool and
AddCustomAttributes refuse what AWS refuses, with its messages, and change nothing."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import UserPool
from tests.conftest import error_of

REFUSED = [
    (
        {"Name": "fruit"},
        "Invalid AttributeDataType input, consider using the provided AttributeDataType enum.",
    ),
    (
        {"Name": "fruit", "AttributeDataType": "String", "Required": True},
        "Required custom attributes are not supported currently.",
    ),
    (
        {"Name": "email", "AttributeDataType": "Number"},
        "You can not change AttributeDataType or set developerOnlyAttribute for standard schema "
        "attribute email",
    ),
    (
        {"Name": "email", "DeveloperOnlyAttribute": True},
        "You can not change AttributeDataType or set developerOnlyAttribute for standard schema "
        "attribute email",
    ),
    (
        {
            "Name": "email",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MinLength": "one"},
        },
        "Invalid StringAttributeConstraints for schema attribute email",
    ),
    (
        {
            "Name": "email",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MaxLength": "-1"},
        },
        "Invalid StringAttributeConstraints for schema attribute email",
    ),
    (
        {
            "Name": "email",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MaxLength": " 5"},
        },
        "Invalid StringAttributeConstraints for schema attribute email",
    ),
    (
        {
            "Name": "updated_at",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "1.5"},
        },
        "Invalid NumberAttributeConstraints for schema attribute updated_at",
    ),
    (
        {
            "Name": "updated_at",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MaxValue": "lots"},
        },
        "Invalid NumberAttributeConstraints for schema attribute updated_at",
    ),
    (
        {
            "Name": "email",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MinLength": "2049"},
        },
        "user.email: String attributes cannot have a length of more than 2048",
    ),
    (
        {
            "Name": "email",
            "AttributeDataType": "String",
            "StringAttributeConstraints": {"MinLength": "2", "MaxLength": "1"},
        },
        "user.email: Max length cannot be less than min length.",
    ),
    (
        {
            "Name": "updated_at",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "2", "MaxValue": "1"},
        },
        "user.updated_at: Max value cannot be less than min value.",
    ),
    (
        {
            "Name": "score",
            "AttributeDataType": "Number",
            "NumberAttributeConstraints": {"MinValue": "2", "MaxValue": "1"},
        },
        "user.custom:score: Max value cannot be less than min value.",
    ),
]


@pytest.mark.parametrize(("attribute", "message"), REFUSED)
def test_create_user_pool_refuses_a_schema_aws_refuses(
    client: Any, attribute: dict[str, Any], message: str
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool(PoolName="p", Schema=[attribute])
    assert error_of(excinfo) == ("InvalidParameterException", message)
    assert client.list_user_pools(MaxResults=10)["UserPools"] == []


@pytest.mark.parametrize(
    ("attribute", "message"),
    [
        (attribute, message)
        for attribute, message in REFUSED
        # AddCustomAttributes makes every name custom: "email" there is custom:email.
        if attribute["Name"] not in ("email", "updated_at")
    ]
    + [
        (
            {
                "Name": "nick",
                "AttributeDataType": "String",
                "StringAttributeConstraints": {"MaxLength": "4096"},
            },
            "user.custom:nick: String attributes cannot have a length of more than 2048",
        )
    ],
)
def test_add_custom_attributes_refuses_what_create_user_pool_refuses(
    client: Any, cognito_pool: UserPool, attribute: dict[str, Any], message: str
) -> None:
    before = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["SchemaAttributes"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.add_custom_attributes(UserPoolId=cognito_pool.id, CustomAttributes=[attribute])
    assert error_of(excinfo) == ("InvalidParameterException", message)
    after = client.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["SchemaAttributes"]
    assert after == before


def test_a_developer_only_custom_attribute_is_one_name_with_its_plain_form(
    client: Any,
) -> None:
    banana = {"Name": "banana", "AttributeDataType": "String", "DeveloperOnlyAttribute": True}
    pool_id = client.create_user_pool(PoolName="p", Schema=[banana])["UserPool"]["Id"]
    for attribute in (banana, {"Name": "banana", "AttributeDataType": "String"}):
        with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
            client.add_custom_attributes(UserPoolId=pool_id, CustomAttributes=[attribute])
        assert error_of(excinfo)[1] == (
            "custom:banana: Existing attribute already has name dev:custom:banana."
        )


def test_standard_attributes_may_be_declared_without_their_data_type(client: Any) -> None:
    # CloudFormation and the CDK declare standard attributes with Name, Required and Mutable.
    pool = client.create_user_pool(
        PoolName="p",
        Schema=[
            {"Name": "email", "Required": True, "Mutable": True},
            {"Name": "updated_at", "Required": True},
            {"Name": "email_verified", "AttributeDataType": "Boolean"},
        ],
    )["UserPool"]
    schema = {a["Name"]: a for a in pool["SchemaAttributes"]}
    assert schema["email"] == {
        "Name": "email",
        "AttributeDataType": "String",
        "DeveloperOnlyAttribute": False,
        "Mutable": True,
        "Required": True,
        "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"},
    }
    assert schema["updated_at"]["AttributeDataType"] == "Number"
    assert schema["updated_at"]["NumberAttributeConstraints"] == {"MinValue": "0"}
    assert schema["email_verified"]["AttributeDataType"] == "Boolean"


def test_constraints_within_the_rules_are_kept_as_given(client: Any) -> None:
    pool = client.create_user_pool(
        PoolName="p",
        Schema=[
            {
                "Name": "code",
                "AttributeDataType": "String",
                "StringAttributeConstraints": {"MinLength": "2048", "MaxLength": "2048"},
            },
            {
                "Name": "level",
                "AttributeDataType": "Number",
                "NumberAttributeConstraints": {"MinValue": "-5", "MaxValue": "-5"},
            },
        ],
    )["UserPool"]
    schema = {a["Name"]: a for a in pool["SchemaAttributes"]}
    assert schema["custom:code"]["StringAttributeConstraints"] == {
        "MinLength": "2048",
        "MaxLength": "2048",
    }
    assert schema["custom:level"]["NumberAttributeConstraints"] == {
        "MinValue": "-5",
        "MaxValue": "-5",
    }
