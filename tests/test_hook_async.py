"""aiobotocore clients (and so aioboto3's, FastAPI and other async apps') reach the fake exactly
as boto3 clients do: results, modeled errors, paginators, retries and recorded calls."""

from __future__ import annotations

from typing import Any, AsyncIterator

import pytest

pytest.importorskip("anyio", reason="the async tests run on anyio's pytest plugin")
aiobotocore_session = pytest.importorskip(
    "aiobotocore.session", reason="aiobotocore is not installed (the `test` extra has it)"
)

from botocore.config import Config  # noqa: E402

from pytest_cognito_idp import CognitoIdp, RealCallBlocked, UserPool  # noqa: E402

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # aiobotocore runs on asyncio only


@pytest.fixture
async def client(cognito_idp: CognitoIdp) -> AsyncIterator[Any]:
    # Made as an app makes it: from the environment the fixture set up.
    async with aiobotocore_session.get_session().create_client("cognito-idp") as made:
        yield made


async def test_results_come_back_parsed(client: Any, cognito_pool: UserPool) -> None:
    created = await client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="ada",
        UserAttributes=[{"Name": "email", "Value": "ada@example.com"}],
        MessageAction="SUPPRESS",
    )

    user = created["User"]
    assert user["Username"] == "ada"
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"
    assert user["UserCreateDate"].tzinfo is not None  # a datetime, as botocore parses it
    assert created["ResponseMetadata"]["HTTPStatusCode"] == 200
    assert len(created["ResponseMetadata"]["RequestId"]) == 36


async def test_modeled_errors_are_the_clients_exceptions(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
        await client.admin_get_user(UserPoolId=cognito_pool.id, Username="nobody")

    assert excinfo.value.response["Error"] == {
        "Code": "UserNotFoundException",
        "Message": "User does not exist.",
    }
    assert excinfo.value.response["ResponseMetadata"]["HTTPStatusCode"] == 400


async def test_an_unknown_pool_is_the_services_error(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        await client.admin_get_user(UserPoolId="us-east-1_abcdefghi", Username="x")

    assert excinfo.value.response["Error"]["Message"] == (
        "User pool us-east-1_abcdefghi does not exist."
    )


async def test_paginators_walk_every_page(client: Any, cognito_pool: UserPool) -> None:
    for name in ("ann", "bob", "cid"):
        cognito_pool.create_user(name)

    paginator = client.get_paginator("list_users")
    pages = [
        page
        async for page in paginator.paginate(
            UserPoolId=cognito_pool.id, PaginationConfig={"PageSize": 2}
        )
    ]

    assert [len(page["Users"]) for page in pages] == [2, 1]
    assert sorted(u["Username"] for page in pages for u in page["Users"]) == ["ann", "bob", "cid"]


async def test_retries_follow_botocore_rules(cognito_idp: CognitoIdp) -> None:
    cognito_idp.inject_error("ListUserPools", "InternalErrorException", "boom", times=1)
    config = Config(retries={"mode": "standard", "max_attempts": 2})

    async with aiobotocore_session.get_session().create_client(
        "cognito-idp", config=config
    ) as client:
        listed = await client.list_user_pools(MaxResults=1)

    assert listed["UserPools"] == []
    assert listed["ResponseMetadata"]["RetryAttempts"] == 1
    errors = [c.error.code if c.error else None for c in cognito_idp.get_calls("ListUserPools")]
    assert errors == ["InternalErrorException", None]


async def test_calls_are_recorded(client: Any, cognito_idp: CognitoIdp) -> None:
    pool_id = (await client.create_user_pool(PoolName="async"))["UserPool"]["Id"]
    await client.describe_user_pool(UserPoolId=pool_id)

    cognito_idp.assert_called_once("CreateUserPool", PoolName="async")
    call = cognito_idp.assert_called_once("DescribeUserPool", UserPoolId=pool_id)
    assert call.response is not None and call.response["UserPool"]["Name"] == "async"


async def test_a_client_without_credentials_signs_with_dummy_ones(
    cognito_idp: CognitoIdp, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"):
        monkeypatch.delenv(name)
    monkeypatch.setenv("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_CONFIG_FILE", "/nonexistent")
    monkeypatch.setenv("AWS_EC2_METADATA_DISABLED", "true")

    async with aiobotocore_session.get_session().create_client("cognito-idp") as client:
        assert (await client.list_user_pools(MaxResults=1))["UserPools"] == []


async def test_sync_and_async_clients_share_the_fake(client: Any, cognito_idp: CognitoIdp) -> None:
    pool_id = (await client.create_user_pool(PoolName="both"))["UserPool"]["Id"]

    # A boto3 client in the same task gets a synchronous answer, not an awaitable one.
    assert cognito_idp.client().describe_user_pool(UserPoolId=pool_id)["UserPool"]["Name"] == "both"
    assert (await client.describe_user_pool(UserPoolId=pool_id))["UserPool"]["Name"] == "both"


async def test_calls_with_no_fake_are_blocked_as_for_boto3() -> None:
    async with aiobotocore_session.get_session().create_client(
        "cognito-idp",
        region_name="us-east-1",
        aws_access_key_id="a",
        aws_secret_access_key="b",
    ) as client:
        with pytest.raises(RealCallBlocked, match="ListUserPools"):
            await client.list_user_pools(MaxResults=1)
