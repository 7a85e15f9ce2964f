"""Session management through boto3: the pool and client session configurations, listing a
user's sessions and revoking them one by one (with their tokens), and the MaxPerUser limit."""

from __future__ import annotations

import re
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "ListUserSessions" not in service_model().operation_names,
    reason="this botocore's model has no session management",
)

SESSION_ID = re.compile(r"tkn[a-z0-9]{25}")


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def track(client: Any, pool: UserPool, max_per_user: int = 20) -> None:
    client.set_user_pool_session_configuration(
        UserPoolId=pool.id,
        UserSessionTracking="ENABLED",
        TokenSession={"MaxPerUser": max_per_user},
    )


def sign_in(pool: UserPool, user: User, app: AppClient) -> Dict[str, Any]:
    return pool.sign_in(user.username, user.password or "", app)


def session_ids(client: Any, pool: UserPool, user: User) -> list[str]:
    listed = client.admin_list_user_sessions(UserPoolId=pool.id, Username=user.username)
    return [s["SessionId"] for s in listed["Sessions"]]


# -- configuration ----------------------------------------------------------------------------


def test_configurations_have_documented_defaults(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    pool_config = client.get_user_pool_session_configuration(UserPoolId=cognito_pool.id)
    client_config = client.get_user_pool_client_session_configuration(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )

    assert pool_config["UserPoolId"] == cognito_pool.id
    assert pool_config["UserSessionTracking"] == "DISABLED"
    assert pool_config["TokenSession"] == {"MaxPerUser": 20}
    assert client_config["ClientId"] == cognito_app_client.id
    assert client_config["SSOSession"] == {"MaxValidityMinutes": 60}


def test_set_pool_configuration_replaces_it(client: Any, cognito_pool: UserPool) -> None:
    response = client.set_user_pool_session_configuration(
        UserPoolId=cognito_pool.id, UserSessionTracking="ENABLED", TokenSession={"MaxPerUser": 5}
    )
    read = client.get_user_pool_session_configuration(UserPoolId=cognito_pool.id)

    for answer in (response, read):
        assert answer["UserSessionTracking"] == "ENABLED"
        assert answer["TokenSession"] == {"MaxPerUser": 5}


def test_client_configuration_needs_session_tracking(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    kwargs = {
        "UserPoolId": cognito_pool.id,
        "ClientId": cognito_app_client.id,
        "SSOSession": {"MaxValidityMinutes": 0},
    }
    refused = failure(client.set_user_pool_client_session_configuration, **kwargs)
    unchanged = client.get_user_pool_client_session_configuration(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )
    track(client, cognito_pool)
    done = client.set_user_pool_client_session_configuration(**kwargs)

    assert refused == (
        "OperationNotEnabledException",
        f"Session tracking is not enabled for user pool {cognito_pool.id}.",
    )
    assert unchanged["SSOSession"] == {"MaxValidityMinutes": 60}
    assert done["SSOSession"] == {"MaxValidityMinutes": 0}
    assert client.get_user_pool_client_session_configuration(
        UserPoolId=cognito_pool.id, ClientId=cognito_app_client.id
    )["SSOSession"] == {"MaxValidityMinutes": 0}


def test_client_configuration_of_an_unknown_client(client: Any, cognito_pool: UserPool) -> None:
    assert failure(
        client.get_user_pool_client_session_configuration,
        UserPoolId=cognito_pool.id,
        ClientId="a" * 26,
    ) == ("ResourceNotFoundException", f"User pool client {'a' * 26} does not exist.")


@pytest.mark.cognito_pool(UserPoolTier="LITE")
def test_session_management_needs_essentials_or_plus(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient
) -> None:
    refused = failure(
        client.set_user_pool_session_configuration,
        UserPoolId=cognito_pool.id,
        UserSessionTracking="ENABLED",
        TokenSession={"MaxPerUser": 5},
    )

    assert refused == (
        "FeatureUnavailableInTierException",
        "Session management is not available in the LITE tier of user pools.",
    )
    read = client.get_user_pool_session_configuration(UserPoolId=cognito_pool.id)
    assert read["UserSessionTracking"] == "DISABLED"


# -- listing ----------------------------------------------------------------------------------


def test_listing_needs_session_tracking(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    tokens = sign_in(cognito_pool, cognito_user, cognito_app_client)
    expected = (
        "OperationNotEnabledException",
        f"Session tracking is not enabled for user pool {cognito_pool.id}.",
    )

    assert failure(client.list_user_sessions, AccessToken=tokens["AccessToken"]) == expected
    assert (
        failure(client.admin_list_user_sessions, UserPoolId=cognito_pool.id, Username="jane")
        == expected
    )


def test_sessions_of_sign_ins_while_tracked(
    client: Any,
    cognito_clock: Clock,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    sign_in(cognito_pool, cognito_user, cognito_app_client)  # before tracking: never listed
    track(client, cognito_pool)
    first = sign_in(cognito_pool, cognito_user, cognito_app_client)
    cognito_clock.advance(minutes=5)
    second = sign_in(cognito_pool, cognito_user, cognito_app_client)

    mine = client.list_user_sessions(AccessToken=second["AccessToken"])["Sessions"]
    admin = client.admin_list_user_sessions(UserPoolId=cognito_pool.id, Username="jane")

    assert [s["IsCurrentSession"] for s in mine] == [False, True]
    assert [s["IsCurrentSession"] for s in admin["Sessions"]] == [False, False]
    assert "NextToken" not in admin
    for session in mine:
        assert SESSION_ID.fullmatch(session["SessionId"])
        assert session["SessionType"] == "TOKEN"
        assert session["ClientId"] == cognito_app_client.id
        assert session["LastActiveDate"] == session["CreateDate"]
    assert abs((mine[1]["CreateDate"] - cognito_clock.now()).total_seconds()) < 0.001
    assert (mine[1]["CreateDate"] - mine[0]["CreateDate"]).total_seconds() == 300
    by_first = client.list_user_sessions(AccessToken=first["AccessToken"])["Sessions"]
    assert [s["IsCurrentSession"] for s in by_first] == [True, False]


def test_a_refresh_makes_the_session_active(
    client: Any,
    cognito_clock: Clock,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    track(client, cognito_pool)
    tokens = sign_in(cognito_pool, cognito_user, cognito_app_client)
    cognito_clock.advance(minutes=10)
    client.get_tokens_from_refresh_token(
        RefreshToken=tokens["RefreshToken"], ClientId=cognito_app_client.id
    )

    (session,) = client.admin_list_user_sessions(UserPoolId=cognito_pool.id, Username="jane")[
        "Sessions"
    ]
    assert (session["LastActiveDate"] - session["CreateDate"]).total_seconds() == 600


def test_expired_and_revoked_sessions_are_not_listed(
    client: Any, cognito_clock: Clock, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client(
        "short",
        explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        RefreshTokenValidity=60,
        AccessTokenValidity=60,
        IdTokenValidity=60,
        TokenValidityUnits={
            "AccessToken": "minutes",
            "IdToken": "minutes",
            "RefreshToken": "minutes",
        },
    )
    track(client, cognito_pool)
    expiring = sign_in(cognito_pool, cognito_user, app)
    cognito_clock.advance(minutes=30)
    revoked = sign_in(cognito_pool, cognito_user, app)
    kept = sign_in(cognito_pool, cognito_user, app)
    client.revoke_token(Token=revoked["RefreshToken"], ClientId=app.id)
    cognito_clock.advance(minutes=31)

    listed = client.list_user_sessions(AccessToken=kept["AccessToken"])["Sessions"]
    assert len(listed) == 1
    assert listed[0]["IsCurrentSession"] is True
    assert failure(
        client.get_tokens_from_refresh_token, RefreshToken=expiring["RefreshToken"], ClientId=app.id
    ) == ("NotAuthorizedException", "Refresh Token has expired")


def test_global_sign_out_ends_every_session(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    track(client, cognito_pool)
    sign_in(cognito_pool, cognito_user, cognito_app_client)
    sign_in(cognito_pool, cognito_user, cognito_app_client)
    client.admin_user_global_sign_out(UserPoolId=cognito_pool.id, Username="jane")

    assert session_ids(client, cognito_pool, cognito_user) == []


def test_list_with_a_bad_pagination_token(
    client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    track(client, cognito_pool)
    assert failure(
        client.admin_list_user_sessions,
        UserPoolId=cognito_pool.id,
        Username="jane",
        NextToken="nonsense",
    ) == ("InvalidParameterException", "Invalid pagination token.")


def test_admin_list_of_an_unknown_user(client: Any, cognito_pool: UserPool) -> None:
    track(client, cognito_pool)
    assert failure(
        client.admin_list_user_sessions, UserPoolId=cognito_pool.id, Username="nobody"
    ) == ("UserNotFoundException", "User does not exist.")


# -- revoking ---------------------------------------------------------------------------------


def test_revoke_user_session_revokes_its_tokens(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    track(client, cognito_pool)
    other = sign_in(cognito_pool, cognito_user, cognito_app_client)
    mine = sign_in(cognito_pool, cognito_user, cognito_app_client)
    other_id, my_id = session_ids(client, cognito_pool, cognito_user)

    client.revoke_user_session(AccessToken=mine["AccessToken"], SessionId=other_id)

    assert failure(client.get_user, AccessToken=other["AccessToken"]) == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )
    assert failure(
        client.get_tokens_from_refresh_token,
        RefreshToken=other["RefreshToken"],
        ClientId=cognito_app_client.id,
    ) == ("NotAuthorizedException", "Refresh Token has been revoked")
    assert session_ids(client, cognito_pool, cognito_user) == [my_id]
    client.get_user(AccessToken=mine["AccessToken"])


def test_a_session_cannot_revoke_itself(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    track(client, cognito_pool)
    mine = sign_in(cognito_pool, cognito_user, cognito_app_client)
    (my_id,) = session_ids(client, cognito_pool, cognito_user)

    assert failure(
        client.revoke_user_session,
        AccessToken=mine["AccessToken"],
        SessionId=my_id,
        RevokeAssociatedSessions="LINKED",
    ) == (
        "InvalidParameterException",
        "You can't revoke the session that the access token belongs to.",
    )
    assert session_ids(client, cognito_pool, cognito_user) == [my_id]
    client.get_user(AccessToken=mine["AccessToken"])


def test_revoke_an_unknown_session(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    track(client, cognito_pool)
    mine = sign_in(cognito_pool, cognito_user, cognito_app_client)
    unknown = "tkn" + "a" * 25

    assert failure(
        client.revoke_user_session, AccessToken=mine["AccessToken"], SessionId=unknown
    ) == (
        "ResourceNotFoundException",
        f"Session {unknown} does not exist.",
    )


def test_admin_revoke_user_session(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    other_user = cognito_pool.create_user("john", password="Passw0rd!x")
    track(client, cognito_pool)
    tokens = sign_in(cognito_pool, cognito_user, cognito_app_client)
    (session_id,) = session_ids(client, cognito_pool, cognito_user)

    wrong_user = failure(
        client.admin_revoke_user_session,
        UserPoolId=cognito_pool.id,
        Username=other_user.username,
        SessionId=session_id,
    )
    client.get_user(AccessToken=tokens["AccessToken"])  # the failed call revoked nothing
    client.admin_revoke_user_session(
        UserPoolId=cognito_pool.id, Username="jane", SessionId=session_id
    )
    again = failure(
        client.admin_revoke_user_session,
        UserPoolId=cognito_pool.id,
        Username="jane",
        SessionId=session_id,
    )

    missing = ("ResourceNotFoundException", f"Session {session_id} does not exist.")
    assert wrong_user == missing
    assert again == missing
    assert failure(client.get_user, AccessToken=tokens["AccessToken"]) == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )


# -- MaxPerUser -------------------------------------------------------------------------------


def test_a_sign_in_beyond_the_limit_evicts_the_least_recently_used_session(
    client: Any,
    cognito_clock: Clock,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
) -> None:
    track(client, cognito_pool, max_per_user=2)
    first = sign_in(cognito_pool, cognito_user, cognito_app_client)
    cognito_clock.advance(minutes=1)
    second = sign_in(cognito_pool, cognito_user, cognito_app_client)
    cognito_clock.advance(minutes=1)
    client.get_tokens_from_refresh_token(  # the first is now the more recently used
        RefreshToken=first["RefreshToken"], ClientId=cognito_app_client.id
    )
    first_id, _ = session_ids(client, cognito_pool, cognito_user)
    third = sign_in(cognito_pool, cognito_user, cognito_app_client)

    ids = session_ids(client, cognito_pool, cognito_user)
    assert len(ids) == 2
    assert ids[0] == first_id
    assert failure(client.get_user, AccessToken=second["AccessToken"]) == (
        "NotAuthorizedException",
        "Access Token has been revoked",
    )
    client.get_user(AccessToken=third["AccessToken"])


def test_lowering_the_limit_evicts_on_the_next_sign_in(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    track(client, cognito_pool, max_per_user=5)
    for _ in range(3):
        sign_in(cognito_pool, cognito_user, cognito_app_client)
    track(client, cognito_pool, max_per_user=1)

    assert len(session_ids(client, cognito_pool, cognito_user)) == 3
    sign_in(cognito_pool, cognito_user, cognito_app_client)
    assert len(session_ids(client, cognito_pool, cognito_user)) == 1
