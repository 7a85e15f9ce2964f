"""Point-in-time recovery through a real boto3 client: previews, statuses that follow the clock,
paused writes, and user data put back as it was."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.backend.resilience.recovery import PREVIEW_SECONDS, RESTORE_SECONDS
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "InitiatePointInTimeRecovery" not in service_model().operation_names,
    reason="this botocore's model has no point-in-time recovery",
)


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def preview(restoration: Dict[str, Any]) -> Dict[str, List[int]]:
    return {
        p["Entity"]: [p["CreateCount"], p["UpdateCount"], p["DeleteCount"]]
        for p in restoration["RestorePreview"]
    }


def usernames(client: Any, pool: UserPool) -> List[str]:
    return sorted(u["Username"] for u in client.list_users(UserPoolId=pool.id)["Users"])


def test_recovery_reverts_users_and_groups_changed_after_the_point(
    client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    pid = cognito_pool.id
    for name in ("ann", "bob", "cid"):
        cognito_pool.create_user(
            name, attributes={"name": name.title(), "phone_number": "+15555550100"}
        )
    client.create_group(UserPoolId=pid, GroupName="staff", Description="before")
    client.admin_add_user_to_group(UserPoolId=pid, Username="ann", GroupName="staff")
    client.admin_set_user_mfa_preference(
        UserPoolId=pid, Username="cid", SMSMfaSettings={"Enabled": True}
    )
    cognito_clock.advance(hours=1)
    point = cognito_clock.now()
    cognito_clock.advance(minutes=5)
    client.admin_delete_user(UserPoolId=pid, Username="ann")
    client.admin_update_user_attributes(
        UserPoolId=pid, Username="bob", UserAttributes=[{"Name": "name", "Value": "Robert"}]
    )
    client.admin_disable_user(UserPoolId=pid, Username="cid")
    client.admin_set_user_mfa_preference(
        UserPoolId=pid, Username="cid", SMSMfaSettings={"Enabled": False}
    )
    client.admin_create_user(UserPoolId=pid, Username="dan", MessageAction="SUPPRESS")
    client.update_group(UserPoolId=pid, GroupName="staff", Description="after")
    client.create_group(UserPoolId=pid, GroupName="late")
    cognito_clock.advance(hours=1)

    started = client.initiate_point_in_time_recovery(UserPoolId=pid, RestoreTimestamp=point)
    restoration = started["Restoration"]
    assert restoration["RestoreStatus"] == "PREVIEW_GENERATING"
    # Timestamps travel in milliseconds.
    assert abs((restoration["RestoreTimestamp"] - point).total_seconds()) < 0.001
    assert abs((restoration["TriggerTimestamp"] - cognito_clock.now()).total_seconds()) < 0.001
    assert "RestorePreview" not in restoration  # not available yet
    rid = restoration["RestoreId"]
    cognito_clock.advance(seconds=PREVIEW_SECONDS)
    described = client.describe_point_in_time_recovery(UserPoolId=pid, RestoreId=rid)
    assert described["Restoration"]["RestoreStatus"] == "PREVIEW_GENERATED"
    assert preview(described["Restoration"]) == {
        "Users": [1, 2, 1],  # ann back; bob and cid reverted; dan deleted
        "Groups": [0, 1, 1],  # staff's description reverted; late deleted
        "User MFAs": [1, 0, 0],  # cid's SMS MFA, turned off after the point
        "Passkeys": [0, 0, 0],
    }
    assert usernames(client, cognito_pool) == ["bob", "cid", "dan"]  # a preview changes nothing

    restoring = client.start_point_in_time_recovery(UserPoolId=pid, RestoreId=rid)
    assert restoring["Restoration"]["RestoreStatus"] == "RESTORING"
    cognito_clock.advance(seconds=RESTORE_SECONDS)
    listed = client.list_point_in_time_recoveries(UserPoolId=pid)["Restorations"]
    assert [(r["RestoreId"], r["RestoreStatus"]) for r in listed] == [(rid, "RESTORE_COMPLETED")]

    assert usernames(client, cognito_pool) == ["ann", "bob", "cid"]
    bob = client.admin_get_user(UserPoolId=pid, Username="bob")
    assert {a["Name"]: a["Value"] for a in bob["UserAttributes"]}["name"] == "Bob"
    cid = client.admin_get_user(UserPoolId=pid, Username="cid")
    assert cid["Enabled"] is True and cid["UserMFASettingList"] == ["SMS_MFA"]
    groups = client.admin_list_groups_for_user(UserPoolId=pid, Username="ann")["Groups"]
    assert [(g["GroupName"], g["Description"]) for g in groups] == [("staff", "before")]
    assert [g["GroupName"] for g in client.list_groups(UserPoolId=pid)["Groups"]] == ["staff"]
    # Writes resume once the recovery is complete.
    client.admin_create_user(UserPoolId=pid, Username="eve", MessageAction="SUPPRESS")


def test_writes_pause_while_a_recovery_is_active(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_clock: Clock,
) -> None:
    pid = cognito_pool.id
    user = cognito_pool.create_user("ann")
    cognito_clock.advance(hours=1)
    rid = client.initiate_point_in_time_recovery(
        UserPoolId=pid, RestoreTimestamp=cognito_clock.now().timestamp() - 1800
    )["Restoration"]["RestoreId"]
    paused = (
        "OperationNotEnabledException",
        f"Write operations in user pool {pid} are paused during point-in-time recovery {rid}.",
    )
    assert failure(client.admin_create_user, UserPoolId=pid, Username="bob") == paused
    assert (
        failure(
            client.create_user_import_job,
            UserPoolId=pid,
            JobName="j",
            CloudWatchLogsRoleArn="arn:aws:iam::123456789012:role/import",
        )
        == paused
    )
    assert (
        failure(
            client.sign_up, ClientId=cognito_app_client.id, Username="cat", Password="Passw0rd!"
        )
        == paused
    )
    # Reads and sign-in go on.
    assert client.admin_get_user(UserPoolId=pid, Username="ann")["Username"] == "ann"
    signed_in = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": user.password},
    )
    assert "AuthenticationResult" in signed_in
    assert usernames(client, cognito_pool) == ["ann"]
    cancelled = client.cancel_point_in_time_recovery(UserPoolId=pid, RestoreId=rid)
    assert cancelled["Restoration"]["RestoreStatus"] == "PREVIEW_CANCELLED"
    assert "RestorePreview" not in cancelled["Restoration"]
    client.admin_create_user(UserPoolId=pid, Username="bob", MessageAction="SUPPRESS")


def test_a_new_password_challenge_waits_for_the_recovery(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    client.admin_create_user(
        UserPoolId=cognito_pool.id,
        Username="ann",
        TemporaryPassword="Temp0rary!",
        MessageAction="SUPPRESS",
    )
    cognito_clock.advance(hours=1)
    challenge = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": "Temp0rary!"},
    )
    assert challenge["ChallengeName"] == "NEW_PASSWORD_REQUIRED"
    client.initiate_point_in_time_recovery(
        UserPoolId=cognito_pool.id, RestoreTimestamp=cognito_clock.now().timestamp() - 1800
    )
    code, _ = failure(
        client.respond_to_auth_challenge,
        ClientId=cognito_app_client.id,
        ChallengeName="NEW_PASSWORD_REQUIRED",
        Session=challenge["Session"],
        ChallengeResponses={"USERNAME": "ann", "NEW_PASSWORD": "Perman3nt!"},
    )
    assert code == "OperationNotEnabledException"
    user = client.admin_get_user(UserPoolId=cognito_pool.id, Username="ann")
    assert user["UserStatus"] == "FORCE_CHANGE_PASSWORD"


def test_a_password_changed_after_the_point_is_kept(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_clock: Clock
) -> None:
    cognito_pool.create_user("ann", password="Old-passw0rd")
    cognito_clock.advance(hours=1)
    point = cognito_clock.now()
    cognito_clock.advance(minutes=1)
    client.admin_set_user_password(
        UserPoolId=cognito_pool.id, Username="ann", Password="New-passw0rd", Permanent=True
    )
    client.admin_update_user_attributes(
        UserPoolId=cognito_pool.id, Username="ann", UserAttributes=[{"Name": "name", "Value": "A"}]
    )
    cognito_clock.advance(minutes=30)
    rid = client.initiate_point_in_time_recovery(
        UserPoolId=cognito_pool.id, RestoreTimestamp=point
    )["Restoration"]["RestoreId"]
    cognito_clock.advance(seconds=PREVIEW_SECONDS)
    client.start_point_in_time_recovery(UserPoolId=cognito_pool.id, RestoreId=rid)
    cognito_clock.advance(seconds=RESTORE_SECONDS)
    user = client.admin_get_user(UserPoolId=cognito_pool.id, Username="ann")
    assert "name" not in {a["Name"] for a in user["UserAttributes"]}
    result = client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="USER_PASSWORD_AUTH",
        AuthParameters={"USERNAME": "ann", "PASSWORD": "New-passw0rd"},
    )
    assert "AuthenticationResult" in result


def test_recovery_point_and_limits(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_clock: Clock
) -> None:
    pid = cognito_pool.id
    initiate = client.initiate_point_in_time_recovery
    created = cognito_clock.now().timestamp()
    cognito_clock.advance(days=2)
    now = cognito_clock.now().timestamp()
    assert failure(initiate, UserPoolId=pid, RestoreTimestamp=now - 600) == (
        "InvalidParameterException",
        "RestoreTimestamp must be at least 15 minutes in the past.",
    )
    assert failure(initiate, UserPoolId=pid, RestoreTimestamp=created - 1) == (
        "InvalidParameterException",
        "RestoreTimestamp cannot be earlier than the creation time of the user pool.",
    )
    # Essentials reaches back one day (documented).
    assert failure(initiate, UserPoolId=pid, RestoreTimestamp=now - 25 * 3600) == (
        "InvalidParameterException",
        "RestoreTimestamp is outside the recovery period of the user pool's feature plan "
        "(ESSENTIALS).",
    )
    first = initiate(UserPoolId=pid, RestoreTimestamp=now - 3600)["Restoration"]["RestoreId"]
    assert failure(initiate, UserPoolId=pid, RestoreTimestamp=now - 3600) == (
        "ConcurrentModificationException",
        f"User pool {pid} already has a point-in-time recovery in progress.",
    )
    assert failure(client.start_point_in_time_recovery, UserPoolId=pid, RestoreId=first) == (
        "InvalidParameterException",
        f"Point-in-time recovery {first} cannot be started in status PREVIEW_GENERATING.",
    )
    client.cancel_point_in_time_recovery(UserPoolId=pid, RestoreId=first)
    assert failure(client.cancel_point_in_time_recovery, UserPoolId=pid, RestoreId=first) == (
        "InvalidParameterException",
        f"Point-in-time recovery {first} cannot be cancelled in status PREVIEW_CANCELLED.",
    )
    second = initiate(UserPoolId=pid, RestoreTimestamp=now - 3600)["Restoration"]["RestoreId"]
    cognito_clock.advance(days=1)  # the preview expires unused, writes resume
    described = client.describe_point_in_time_recovery(UserPoolId=pid, RestoreId=second)
    assert described["Restoration"]["RestoreStatus"] == "PREVIEW_EXPIRED"
    client.admin_create_user(UserPoolId=pid, Username="ann", MessageAction="SUPPRESS")
    unknown = "00000000-0000-4000-8000-000000000000"
    assert failure(client.describe_point_in_time_recovery, UserPoolId=pid, RestoreId=unknown) == (
        "ResourceNotFoundException",
        f"Point-in-time recovery {unknown} does not exist.",
    )
    listed = client.list_point_in_time_recoveries(UserPoolId=pid, MaxResults=1)
    assert [r["RestoreId"] for r in listed["Restorations"]] == [second]  # newest first
    rest = client.list_point_in_time_recoveries(UserPoolId=pid, NextToken=listed["NextToken"])
    assert [r["RestoreId"] for r in rest["Restorations"]] == [first]

    lite = cognito_idp.create_pool(UserPoolTier="LITE")
    cognito_clock.advance(hours=1)
    assert failure(
        initiate, UserPoolId=lite.id, RestoreTimestamp=cognito_clock.now().timestamp() - 1800
    ) == (
        "FeatureUnavailableInTierException",
        "Point-in-time recovery is not available in the LITE tier of user pools.",
    )


def test_three_previews_a_day(client: Any, cognito_pool: UserPool, cognito_clock: Clock) -> None:
    cognito_clock.advance(hours=2)
    point = cognito_clock.now().timestamp() - 3600
    for _ in range(3):
        rid = client.initiate_point_in_time_recovery(
            UserPoolId=cognito_pool.id, RestoreTimestamp=point
        )["Restoration"]["RestoreId"]
        client.cancel_point_in_time_recovery(UserPoolId=cognito_pool.id, RestoreId=rid)
    assert failure(
        client.initiate_point_in_time_recovery, UserPoolId=cognito_pool.id, RestoreTimestamp=point
    ) == (
        "LimitExceededException",
        f"The limit of 3 recovery previews in 1 day(s) for user pool {cognito_pool.id} has "
        "been reached.",
    )
