"""A deploy script in bash, run as a separate process against the fake through cognito_server."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import boto3
import pytest

SCRIPT = Path(__file__).with_name("provision.sh")

pytestmark = pytest.mark.skipif(
    shutil.which("aws") is None or shutil.which("bash") is None,
    reason="needs bash and the AWS CLI (pip install awscli)",
)


def provision(cognito_server, **env):
    # The script's own environment: no profile or config of the machine, the server's variables.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}
    clean["AWS_CONFIG_FILE"] = clean["AWS_SHARED_CREDENTIALS_FILE"] = os.devnull
    return subprocess.run(
        ["bash", str(SCRIPT)],
        env={**clean, **cognito_server.env, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_script_provisions_a_pool_the_app_can_use(cognito_idp, cognito_server):
    done = provision(cognito_server)

    assert done.returncode == 0, done.stderr
    pool_id, client_id = done.stdout.split()
    pool = cognito_idp.pool(pool_id)
    assert pool.name == "app-users"
    assert pool.describe()["UsernameAttributes"] == ["email"]
    assert [c.name for c in pool.clients] == ["web"]
    # The test's own boto3 client sees what the script made: one fake, two ways in.
    cognito = boto3.client("cognito-idp")
    groups = cognito.list_groups(UserPoolId=pool_id)["Groups"]
    assert [g["GroupName"] for g in groups] == ["admins"]
    answer = cognito.sign_up(
        ClientId=client_id, Username="jane@example.com", Password="Corr3ct-horse!"
    )
    assert answer["CodeDeliveryDetails"]["DeliveryMedium"] == "EMAIL"


def test_the_script_stops_on_the_services_error(cognito_idp, cognito_server):
    done = provision(cognito_server, POOL_NAME="app users!")

    assert done.returncode != 0
    assert "InvalidParameterException" in done.stderr
    assert "Member must satisfy regular expression pattern" in done.stderr
    assert cognito_idp.pools == []
