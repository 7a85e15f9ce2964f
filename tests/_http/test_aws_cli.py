"""The AWS CLI, a separate process, against ``cognito_server``."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from typing import Dict, List

import pytest

from pytest_cognito_idp import CognitoIdp, CognitoServer, UserPool

pytestmark = pytest.mark.skipif(
    importlib.util.find_spec("awscli") is None,
    reason="the AWS CLI (pip install awscli, in the test extra) is not installed",
)


def aws(args: List[str], env: Dict[str, str]) -> subprocess.CompletedProcess[str]:
    # Nothing of the caller's AWS configuration leaks in: no profile, no config file.
    base = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    base["AWS_CONFIG_FILE"] = base["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return subprocess.run(
        [sys.executable, "-m", "awscli", "cognito-idp", *args, "--output", "json"],
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_cli_reaches_the_fake_through_the_environment(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer
) -> None:
    done = aws(["create-user-pool", "--pool-name", "from-the-cli"], cognito_server.env)

    assert done.returncode == 0, done.stderr
    pool_id = json.loads(done.stdout)["UserPool"]["Id"]
    assert cognito_idp.pool(pool_id).name == "from-the-cli"
    assert cognito_idp.assert_called_once("CreateUserPool").region == "us-east-1"


def test_the_cli_with_endpoint_url_sees_the_tests_users_and_modeled_errors(
    cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    cognito_pool.create_user("jane", attributes={"email": "jane@example.com"})
    env = {
        "AWS_ACCESS_KEY_ID": "a",
        "AWS_SECRET_ACCESS_KEY": "b",
        "AWS_DEFAULT_REGION": "us-east-1",
    }
    endpoint = ["--endpoint-url", cognito_server.url]

    found = aws(
        ["admin-get-user", "--user-pool-id", cognito_pool.id, "--username", "jane", *endpoint], env
    )
    missing = aws(
        ["admin-get-user", "--user-pool-id", cognito_pool.id, "--username", "joe", *endpoint], env
    )

    assert found.returncode == 0, found.stderr
    assert json.loads(found.stdout)["UserStatus"] == "CONFIRMED"
    assert missing.returncode == 255  # the CLI v1's exit status for a service error
    assert (
        "An error occurred (UserNotFoundException) when calling the AdminGetUser operation: "
        "User does not exist." in missing.stderr
    )


@pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])
def test_an_unsigned_cli_call_needs_no_credentials(
    cognito_idp: CognitoIdp, cognito_server: CognitoServer, cognito_pool: UserPool
) -> None:
    client = cognito_pool.create_client("cli")
    env = {
        "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": cognito_server.url,
        "AWS_DEFAULT_REGION": "us-east-1",
    }

    done = aws(
        [
            "sign-up",
            "--client-id",
            client.id,
            "--username",
            "ana",
            "--password",
            "Passw0rd!x",
            "--user-attributes",
            "Name=email,Value=ana@example.com",
            "--no-sign-request",
        ],
        env,
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["UserConfirmed"] is False
    assert cognito_idp.outbox.last(username="ana").code
