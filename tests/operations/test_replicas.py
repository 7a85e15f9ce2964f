"""Multi-Region replication through real boto3 clients in the primary and the replica region."""

from __future__ import annotations

from typing import Any

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.backend.resilience.replicas import CREATING_SECONDS, DELETING_SECONDS
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "CreateUserPoolReplica" not in service_model().operation_names,
    reason="this botocore's model has no replicas",
)

SECONDARY = "us-west-2"


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def arn(pool: UserPool, region: str) -> str:
    return f"arn:aws:cognito-idp:{region}:{pool.arn.split(':')[4]}:userpool/{pool.id}"


@pytest.fixture
def replica(client: Any, cognito_pool: UserPool, cognito_clock: Clock) -> Any:
    """A replica of ``cognito_pool`` in us-west-2, created (INACTIVE)."""
    client.create_user_pool_replica(UserPoolId=cognito_pool.id, RegionName=SECONDARY)
    cognito_clock.advance(seconds=CREATING_SECONDS)
    return cognito_pool


def test_create_list_and_the_replica_region_sees_the_pool(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    created = client.create_user_pool_replica(
        UserPoolId=cognito_pool.id, RegionName=SECONDARY, UserPoolTags={"team": "dr"}
    )["UserPoolReplica"]
    assert created == {
        "RegionName": SECONDARY,
        "Status": "CREATING",
        "Role": "SECONDARY",
        "UserPoolArn": arn(cognito_pool, SECONDARY),
    }
    west = cognito_idp.client(region_name=SECONDARY)
    assert failure(west.describe_user_pool, UserPoolId=cognito_pool.id) == (
        "ResourceNotFoundException",
        f"User pool {cognito_pool.id} does not exist.",
    )
    cognito_clock.advance(seconds=CREATING_SECONDS)
    assert west.describe_user_pool(UserPoolId=cognito_pool.id)["UserPool"]["Id"] == cognito_pool.id
    listed = client.list_user_pool_replicas(UserPoolId=cognito_pool.id)["UserPoolReplicas"]
    assert [(r["RegionName"], r["Role"], r["Status"]) for r in listed] == [
        ("us-east-1", "PRIMARY", "ACTIVE"),
        (SECONDARY, "SECONDARY", "INACTIVE"),  # documented: new replicas start inactive
    ]
    assert west.list_user_pool_replicas(UserPoolId=cognito_pool.id)["UserPoolReplicas"] == listed


def test_one_secondary_in_another_region_on_a_paid_plan(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool
) -> None:
    create = client.create_user_pool_replica
    assert failure(create, UserPoolId=cognito_pool.id, RegionName="us-east-1") == (
        "InvalidParameterException",
        "The replica region must differ from the primary region us-east-1.",
    )
    assert failure(create, UserPoolId=cognito_pool.id, RegionName="moon-base") == (
        "InvalidParameterException",
        "Invalid region name moon-base.",
    )
    create(UserPoolId=cognito_pool.id, RegionName=SECONDARY)
    assert failure(create, UserPoolId=cognito_pool.id, RegionName="eu-west-1") == (
        "LimitExceededException",
        f"User pool {cognito_pool.id} already has the maximum of 1 replica.",
    )
    lite = cognito_idp.create_pool(UserPoolTier="LITE")
    assert failure(create, UserPoolId=lite.id, RegionName=SECONDARY) == (
        "FeatureUnavailableInTierException",
        "Multi-Region replication is not available in the LITE tier of user pools.",
    )
    assert len(client.list_user_pool_replicas(UserPoolId=cognito_pool.id)["UserPoolReplicas"]) == 2


def test_secondary_serves_reads_and_sign_in_but_no_user_writes(
    cognito_idp: CognitoIdp,
    client: Any,
    replica: UserPool,
    cognito_user: User,
    cognito_app_client: AppClient,
) -> None:
    west = cognito_idp.client(region_name=SECONDARY)
    got = west.admin_get_user(UserPoolId=replica.id, Username=cognito_user.username)
    assert got["Username"] == cognito_user.username  # the primary's users, replicated
    sign_in = {
        "ClientId": cognito_app_client.id,
        "AuthFlow": "USER_PASSWORD_AUTH",
        "AuthParameters": {"USERNAME": cognito_user.username, "PASSWORD": cognito_user.password},
    }
    assert failure(west.initiate_auth, **sign_in) == (
        "OperationNotEnabledException",
        f"The replica of user pool {replica.id} in {SECONDARY} is INACTIVE and does not accept "
        "end-user requests.",
    )
    west.update_user_pool_replica(UserPoolId=replica.id, RegionName=SECONDARY, Status="ACTIVE")
    tokens = west.initiate_auth(**sign_in)["AuthenticationResult"]
    assert tokens["AccessToken"]
    assert failure(west.admin_create_user, UserPoolId=replica.id, Username="newbie") == (
        "OperationNotEnabledException",
        f"AdminCreateUser is not supported in a secondary replica of user pool {replica.id}.",
    )
    assert (
        failure(
            west.update_user_attributes,
            AccessToken=tokens["AccessToken"],
            UserAttributes=[{"Name": "name", "Value": "x"}],
        )[0]
        == "OperationNotEnabledException"
    )
    assert (
        failure(west.delete_user_pool_replica, UserPoolId=replica.id, RegionName=SECONDARY)[0]
        == "OperationNotEnabledException"
    )
    assert "name" not in cognito_user.attributes
    # The primary still takes writes, and the replica sees them.
    client.admin_create_user(UserPoolId=replica.id, Username="newbie", MessageAction="SUPPRESS")
    assert west.admin_get_user(UserPoolId=replica.id, Username="newbie")["Username"] == "newbie"


def test_update_and_delete(
    cognito_idp: CognitoIdp, client: Any, replica: UserPool, cognito_clock: Clock
) -> None:
    update, delete = client.update_user_pool_replica, client.delete_user_pool_replica
    assert failure(update, UserPoolId=replica.id, RegionName="us-east-1", Status="INACTIVE") == (
        "InvalidParameterException",
        "The status of the primary user pool in us-east-1 cannot be changed.",
    )
    assert failure(update, UserPoolId=replica.id, RegionName="eu-west-1", Status="ACTIVE") == (
        "ResourceNotFoundException",
        f"User pool {replica.id} has no replica in region eu-west-1.",
    )
    active = update(UserPoolId=replica.id, RegionName=SECONDARY, Status="ACTIVE")
    assert active["UserPoolReplica"]["Status"] == "ACTIVE"
    assert failure(delete, UserPoolId=replica.id, RegionName=SECONDARY) == (
        "InvalidParameterException",
        f"Only an INACTIVE replica can be deleted; the replica in {SECONDARY} is ACTIVE.",
    )
    update(UserPoolId=replica.id, RegionName=SECONDARY, Status="INACTIVE")
    deleted = delete(UserPoolId=replica.id, RegionName=SECONDARY)["UserPoolReplica"]
    assert deleted["Status"] == "DELETING"
    west = cognito_idp.client(region_name=SECONDARY)
    assert failure(west.describe_user_pool, UserPoolId=replica.id)[0] == "ResourceNotFoundException"
    cognito_clock.advance(seconds=DELETING_SECONDS)
    listed = client.list_user_pool_replicas(UserPoolId=replica.id)["UserPoolReplicas"]
    assert [r["Role"] for r in listed] == ["PRIMARY"]
    # The region is free for a new replica.
    client.create_user_pool_replica(UserPoolId=replica.id, RegionName=SECONDARY)
