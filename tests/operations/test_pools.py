"""User pool lifecycle through a real boto3 client."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from pytest_cognito_idp import CognitoIdp
from tests.conftest import error_of


def test_create_user_pool_fills_in_the_service_defaults(client: Any) -> None:
    pool = client.create_user_pool(PoolName="orders")["UserPool"]

    assert re.fullmatch(r"us-east-1_[0-9a-zA-Z]{9}", pool["Id"])
    assert pool["Name"] == "orders"
    assert pool["Arn"] == f"arn:aws:cognito-idp:us-east-1:123456789012:userpool/{pool['Id']}"
    assert pool["Policies"]["PasswordPolicy"] == {
        "MinimumLength": 8,
        "RequireUppercase": True,
        "RequireLowercase": True,
        "RequireNumbers": True,
        "RequireSymbols": True,
        "TemporaryPasswordValidityDays": 7,
    }
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["DeletionProtection"] == "INACTIVE"
    assert pool["EstimatedNumberOfUsers"] == 0
    assert pool["LambdaConfig"] == {}
    assert isinstance(pool["CreationDate"], dt.datetime)
    names = [a["Name"] for a in pool["SchemaAttributes"]]
    assert names[:3] == ["sub", "name", "given_name"]
    assert "email_verified" in names and "updated_at" in names


def test_create_user_pool_keeps_the_given_settings(client: Any) -> None:
    pool = client.create_user_pool(
        PoolName="p",
        Policies={"PasswordPolicy": {"MinimumLength": 12, "RequireSymbols": False}},
        AutoVerifiedAttributes=["email"],
        UsernameAttributes=["email"],
        MfaConfiguration="OPTIONAL",
        Schema=[{"Name": "tenant", "AttributeDataType": "String", "Mutable": True}],
        UserPoolTags={"team": "a"},
    )["UserPool"]
    described = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]

    assert described["Policies"]["PasswordPolicy"]["MinimumLength"] == 12
    assert described["Policies"]["PasswordPolicy"]["RequireSymbols"] is False
    assert described["AutoVerifiedAttributes"] == ["email"]
    assert described["UsernameAttributes"] == ["email"]
    assert described["MfaConfiguration"] == "OPTIONAL"
    assert described["UserPoolTags"] == {"team": "a"}
    assert "custom:tenant" in [a["Name"] for a in described["SchemaAttributes"]]


def test_the_verification_template_fills_the_legacy_fields(client: Any) -> None:
    template = {
        "DefaultEmailOption": "CONFIRM_WITH_LINK",
        "EmailMessage": "foo {####} bar",
        "EmailMessageByLink": "{##foobar##}",
        "EmailSubject": "foobar {####}",
        "EmailSubjectByLink": "foobar",
        "SmsMessage": "{####} baz",
    }
    pool = client.create_user_pool(PoolName="p", VerificationMessageTemplate=template)["UserPool"]
    described = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    for shown in (pool, described):
        assert shown["VerificationMessageTemplate"] == template
        assert shown["SmsVerificationMessage"] == "{####} baz"
        assert shown["EmailVerificationMessage"] == "foo {####} bar"
        assert shown["EmailVerificationSubject"] == "foobar {####}"

    client.update_user_pool(UserPoolId=pool["Id"], EmailVerificationMessage="code {####}")
    updated = client.describe_user_pool(UserPoolId=pool["Id"])["UserPool"]
    assert updated["EmailVerificationMessage"] == "code {####}"
    assert updated["VerificationMessageTemplate"] == {
        "DefaultEmailOption": "CONFIRM_WITH_CODE",
        "EmailMessage": "code {####}",
    }
    assert "SmsVerificationMessage" not in updated


def test_pools_are_per_region(cognito_idp: CognitoIdp) -> None:
    west = cognito_idp.client(region_name="us-west-2")
    pool_id = west.create_user_pool(PoolName="p")["UserPool"]["Id"]

    assert pool_id.startswith("us-west-2_")
    assert cognito_idp.client().list_user_pools(MaxResults=60)["UserPools"] == []
    assert [p["Id"] for p in west.list_user_pools(MaxResults=60)["UserPools"]] == [pool_id]


def test_update_user_pool_resets_what_it_omits(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p", MfaConfiguration="OPTIONAL")["UserPool"]["Id"]
    client.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"])

    pool = client.describe_user_pool(UserPoolId=pool_id)["UserPool"]
    assert pool["AutoVerifiedAttributes"] == ["email"]
    assert pool["MfaConfiguration"] == "OFF"
    assert pool["LastModifiedDate"] >= pool["CreationDate"]


def test_delete_user_pool(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p")["UserPool"]["Id"]
    client.delete_user_pool(UserPoolId=pool_id)

    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.describe_user_pool(UserPoolId=pool_id)
    assert error_of(excinfo) == (
        "ResourceNotFoundException",
        f"User pool {pool_id} does not exist.",
    )


def test_deletion_protection_refuses_delete(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p", DeletionProtection="ACTIVE")["UserPool"]["Id"]

    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.delete_user_pool(UserPoolId=pool_id)
    assert "deletion protection is activated" in error_of(excinfo)[1]
    assert client.describe_user_pool(UserPoolId=pool_id)["UserPool"]["Id"] == pool_id


def test_list_user_pools_pages(client: Any) -> None:
    created = [client.create_user_pool(PoolName=f"p{i}")["UserPool"]["Id"] for i in range(7)]

    seen, token = [], None
    while True:
        kwargs = {"MaxResults": 3, **({"NextToken": token} if token else {})}
        page = client.list_user_pools(**kwargs)
        assert len(page["UserPools"]) <= 3
        seen += [p["Id"] for p in page["UserPools"]]
        token = page.get("NextToken")
        if not token:
            break
    assert seen == created
    paginator = client.get_paginator("list_user_pools")
    ids = [p["Id"] for pg in paginator.paginate(MaxResults=2) for p in pg["UserPools"]]
    assert ids == created


def test_list_user_pools_validates_max_results(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_user_pools(MaxResults=61)
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "1 validation error detected: Value '61' at 'maxResults' failed to satisfy constraint: "
        "Member must have value less than or equal to 60",
    )


def test_alias_and_username_attributes_are_exclusive(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.create_user_pool(
            PoolName="p", AliasAttributes=["email"], UsernameAttributes=["email"]
        )
    assert client.list_user_pools(MaxResults=10)["UserPools"] == []


def test_required_custom_attributes_are_refused(client: Any) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool(
            PoolName="p", Schema=[{"Name": "x", "AttributeDataType": "String", "Required": True}]
        )
    assert error_of(excinfo)[1] == "Required custom attributes are not supported currently."
