"""Recorded calls and the assertion helpers."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import CognitoIdp


def test_calls_are_recorded_with_params_response_and_time(
    cognito_idp: CognitoIdp, client: Any
) -> None:
    client.create_user_pool(PoolName="p")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_user_pool(UserPoolId="us-east-1_nothere00")

    first, second = cognito_idp.calls
    assert first.operation == "CreateUserPool"
    assert first.params == {"PoolName": "p"}
    assert first.response is not None and first.error is None
    assert second.response is None
    assert second.error is not None
    assert (second.error.code, second.error.message) == (
        "ResourceNotFoundException",
        "User pool us-east-1_nothere00 does not exist.",
    )
    assert first.at <= second.at


def test_get_calls_filters_by_operation_and_params(cognito_idp: CognitoIdp, client: Any) -> None:
    client.create_user_pool(PoolName="a")
    client.create_user_pool(PoolName="b")
    client.list_user_pools(MaxResults=3)

    assert [c.params["PoolName"] for c in cognito_idp.get_calls("CreateUserPool")] == ["a", "b"]
    assert len(cognito_idp.get_calls("CreateUserPool", PoolName="b")) == 1
    assert len(cognito_idp.get_calls(MaxResults=3)) == 1
    assert cognito_idp.calls.call_count == 3


def test_assertion_helpers(cognito_idp: CognitoIdp, client: Any) -> None:
    client.create_user_pool(PoolName="a")

    assert cognito_idp.assert_called("CreateUserPool").params == {"PoolName": "a"}
    cognito_idp.assert_called_once("CreateUserPool", PoolName="a")
    cognito_idp.assert_not_called("DeleteUserPool")


def test_failing_assertions_list_the_recorded_calls(cognito_idp: CognitoIdp, client: Any) -> None:
    client.create_user_pool(PoolName="a")
    client.create_user_pool(PoolName="a")

    with pytest.raises(AssertionError) as excinfo:
        cognito_idp.assert_called_once("CreateUserPool", PoolName="a")
    assert str(excinfo.value) == (
        "Expected exactly one call, got 2: CreateUserPool(PoolName='a')\n"
        "Recorded calls:\n"
        "  1. CreateUserPool(PoolName='a') -> ok\n"
        "  2. CreateUserPool(PoolName='a') -> ok"
    )
    with pytest.raises(AssertionError, match="Expected no call, got 2"):
        cognito_idp.assert_not_called("CreateUserPool")
    with pytest.raises(AssertionError, match=r"Recorded calls"):
        cognito_idp.assert_called("DeleteUserPool")


def test_helpers_do_not_record(cognito_idp: CognitoIdp) -> None:
    cognito_idp.create_pool()
    assert len(cognito_idp.calls) == 0


@pytest.mark.parametrize(
    "value",
    ['quo"te', "back\\slash", "sl/ash", "<tag>&", "naïve", "日本", "tab\there", "plain-name"],
)
def test_get_calls_finds_values_however_json_escapes_them(
    cognito_idp: CognitoIdp, client: Any, value: str
) -> None:
    # Refused (no such pool), and recorded all the same: a call is recorded whatever it ends with.
    for pool_id in ("other", value):
        with pytest.raises(client.exceptions.ClientError):
            client.describe_user_pool(UserPoolId=pool_id)

    found = cognito_idp.get_calls("DescribeUserPool", UserPoolId=value)

    assert [c.params["UserPoolId"] for c in found] == [value]


def test_get_calls_compares_whole_values_not_text(cognito_idp: CognitoIdp, client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="shop", UserPoolTags={"PoolName": "x"})["UserPool"][
        "Id"
    ]
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="jane",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "jane@example.com"}],
    )
    client.list_user_pools(MaxResults=10)

    # "x" is in the request, as a tag's value, not as PoolName's.
    assert cognito_idp.get_calls(PoolName="x") == []
    assert len(cognito_idp.get_calls(MaxResults=10)) == 1
    assert cognito_idp.get_calls(MaxResults=1) == []
    attributes = [{"Name": "email", "Value": "jane@example.com"}]
    assert len(cognito_idp.get_calls("AdminCreateUser", UserAttributes=attributes)) == 1
    assert cognito_idp.get_calls("AdminCreateUser", UserAttributes=attributes[:0]) == []
