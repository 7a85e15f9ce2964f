"""Recorded calls and the assertion helpers."""

from __future__ import annotations

from typing import Any

import botocore.config
import pytest

from pytest_cognito_idp import (
    AppClient,
    CognitoError,
    CognitoIdp,
    CognitoIdpAssertionError,
    RealCallBlocked,
    TriggerCallList,
    UserPool,
)


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


def test_failed_assertions_are_the_fakes_assertion_errors(
    cognito_idp: CognitoIdp, client: Any
) -> None:
    client.list_user_pools(MaxResults=1)
    with pytest.raises(CognitoIdpAssertionError) as excinfo:
        cognito_idp.assert_not_called("ListUserPools")
    assert isinstance(excinfo.value, AssertionError)
    assert not isinstance(excinfo.value, CognitoError)
    assert issubclass(RealCallBlocked, CognitoIdpAssertionError)
    assert issubclass(RealCallBlocked, RuntimeError)


def test_unraised_injected_errors_are_listed(cognito_idp: CognitoIdp) -> None:
    client = cognito_idp.client(config=botocore.config.Config(retries={"total_max_attempts": 1}))
    cognito_idp.inject_error("ListUserPools", "TooManyRequestsException", times=2)
    cognito_idp.inject_error("AdminGetUser", "UserNotFoundException", "Gone fishing.")
    cognito_idp.inject_error("ListUserPools", "InternalErrorException", "boom")
    with pytest.raises(client.exceptions.TooManyRequestsException):
        client.list_user_pools(MaxResults=1)

    with pytest.raises(CognitoIdpAssertionError) as excinfo:
        cognito_idp.assert_all_injected_errors_raised()
    assert str(excinfo.value) == (
        "3 errors injected with inject_error() never raised:\n"
        "  - ListUserPools -> TooManyRequestsException: Rate exceeded (raised 1 of 2 times)\n"
        "  - AdminGetUser -> UserNotFoundException: Gone fishing.\n"
        "  - ListUserPools -> InternalErrorException: boom\n"
        "Make the calls that should meet them, or allow this with "
        "@pytest.mark.cognito_idp(assert_all_injected_errors_raised=False)."
    )

    # Each operation's errors come in the order they were injected.
    with pytest.raises(client.exceptions.TooManyRequestsException):
        client.list_user_pools(MaxResults=1)
    with pytest.raises(client.exceptions.InternalErrorException):
        client.list_user_pools(MaxResults=1)
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_get_user(UserPoolId="us-east-1_aaaaaaaaa", Username="jane")
    cognito_idp.assert_all_injected_errors_raised()


def _sign_up(client: Any, app: AppClient, username: str) -> None:
    client.sign_up(ClientId=app.id, Username=username, Password="Passw0rd!")


def test_trigger_calls_have_the_assertions_of_calls(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, cognito_app_client: AppClient, client: Any
) -> None:
    @cognito_pool.trigger("PreSignUp")
    def pre_sign_up(event: dict[str, Any], context: Any) -> dict[str, Any]:
        if event["userName"] == "mallory":
            raise ValueError("not her")
        return event

    _sign_up(client, cognito_app_client, "jane")
    with pytest.raises(client.exceptions.UserLambdaValidationException):
        _sign_up(client, cognito_app_client, "mallory")

    calls = cognito_idp.trigger_calls
    assert isinstance(calls, TriggerCallList)
    jane = calls.assert_called_once("PreSignUp", userName="jane")
    assert jane.trigger_source == "PreSignUp_SignUp" and jane.error is None
    assert calls.assert_called("PreSignUp", triggerSource="PreSignUp_SignUp") is calls[-1]
    assert [c.event["userName"] for c in calls.get_calls("PreSignUp")] == ["jane", "mallory"]
    assert calls.get_calls(userPoolId=cognito_pool.id) == list(calls)
    assert calls.get_calls("PostConfirmation") == []
    calls.assert_not_called("PostConfirmation")
    assert calls.call_count == len(calls) == 2
    assert calls.last is calls[1]

    with pytest.raises(CognitoIdpAssertionError) as excinfo:
        calls.assert_called_once("PreSignUp")
    assert str(excinfo.value) == (
        "Expected exactly one trigger call, got 2: PreSignUp\n"
        "Recorded trigger calls:\n"
        "  1. PreSignUp(triggerSource='PreSignUp_SignUp', userName='jane') -> ok\n"
        "  2. PreSignUp(triggerSource='PreSignUp_SignUp', userName='mallory') "
        "-> raised ValueError: not her"
    )
    with pytest.raises(CognitoIdpAssertionError) as excinfo:
        calls.assert_called("PostConfirmation", userName="jane")
    assert str(excinfo.value).startswith(
        "Expected a trigger call PostConfirmation(userName='jane')\nRecorded trigger calls:\n"
    )
    with pytest.raises(CognitoIdpAssertionError, match="Expected no trigger call, got 1"):
        calls.assert_not_called("PreSignUp", userName="mallory")


def test_no_trigger_calls(cognito_idp: CognitoIdp) -> None:
    calls = cognito_idp.trigger_calls
    assert calls == [] and len(calls) == 0 and calls.last is None
    with pytest.raises(CognitoIdpAssertionError) as excinfo:
        calls.assert_called("PreSignUp")
    assert str(excinfo.value) == (
        "Expected a trigger call PreSignUp\nRecorded trigger calls:\n"
        "  (no Lambda trigger was invoked)"
    )
