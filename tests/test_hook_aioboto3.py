"""aioboto3, the async boto3 most FastAPI apps use, reaches the fake through aiobotocore."""

from __future__ import annotations

import pytest

pytest.importorskip("anyio", reason="the async tests run on anyio's pytest plugin")
aioboto3 = pytest.importorskip(
    "aioboto3",
    reason="aioboto3 is not installed: it pins an older aiobotocore and botocore than the rest "
    "of the suite, so it has its own tox environment (tox -e aioboto3)",
)

from pytest_cognito_idp import CognitoIdp, UserPool  # noqa: E402

pytestmark = pytest.mark.anyio


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"


async def test_an_aioboto3_client_gets_results_and_errors(
    cognito_idp: CognitoIdp, cognito_pool: UserPool
) -> None:
    async with aioboto3.Session().client("cognito-idp") as client:
        created = await client.admin_create_user(
            UserPoolId=cognito_pool.id, Username="ada", MessageAction="SUPPRESS"
        )
        with pytest.raises(client.exceptions.UsernameExistsException) as excinfo:
            await client.admin_create_user(
                UserPoolId=cognito_pool.id, Username="ada", MessageAction="SUPPRESS"
            )

    assert created["User"]["Username"] == "ada"
    assert excinfo.value.response["Error"]["Message"] == "User account already exists"
    assert [c.operation for c in cognito_idp.calls] == ["AdminCreateUser", "AdminCreateUser"]
