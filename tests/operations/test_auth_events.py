"""Threat protection's user event history through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.conftest import error_of

PROTECTED = pytest.mark.cognito_pool(
    UserPoolTier="PLUS", UserPoolAddOns={"AdvancedSecurityMode": "AUDIT"}
)


def _wrong_password(client: Any, pool: UserPool, app: AppClient, user: User) -> None:
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.admin_initiate_auth(
            UserPoolId=pool.id,
            ClientId=app.id,
            AuthFlow="ADMIN_USER_PASSWORD_AUTH",
            AuthParameters={"USERNAME": user.username, "PASSWORD": "Wrong-password-1"},
        )


@PROTECTED
def test_sign_ins_are_listed_newest_first(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _wrong_password(client, cognito_pool, cognito_app_client, cognito_user)
    assert cognito_user.password is not None
    cognito_pool.sign_in(cognito_user.username, cognito_user.password, cognito_app_client)

    events = client.admin_list_user_auth_events(
        UserPoolId=cognito_pool.id, Username=cognito_user.username
    )["AuthEvents"]
    assert [(e["EventType"], e["EventResponse"]) for e in events] == [
        ("SignIn", "Pass"),
        ("SignIn", "Fail"),
    ]
    assert events[0]["ChallengeResponses"] == [
        {"ChallengeName": "Password", "ChallengeResponse": "Success"}
    ]
    assert events[1]["ChallengeResponses"] == [
        {"ChallengeName": "Password", "ChallengeResponse": "Failure"}
    ]
    assert events[0]["EventRisk"] == {
        "RiskDecision": "NoRisk",
        "CompromisedCredentialsDetected": False,
    }
    assert events[0]["CreationDate"] >= events[1]["CreationDate"]


@PROTECTED
def test_events_page(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    for _ in range(3):
        _wrong_password(client, cognito_pool, cognito_app_client, cognito_user)
    first = client.admin_list_user_auth_events(
        UserPoolId=cognito_pool.id, Username=cognito_user.username, MaxResults=2
    )
    rest = client.admin_list_user_auth_events(
        UserPoolId=cognito_pool.id, Username=cognito_user.username, NextToken=first["NextToken"]
    )
    assert len(first["AuthEvents"]) == 2 and len(rest["AuthEvents"]) == 1
    assert "NextToken" not in rest


@PROTECTED
def test_feedback_from_the_admin_and_the_user(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _wrong_password(client, cognito_pool, cognito_app_client, cognito_user)
    params = {"UserPoolId": cognito_pool.id, "Username": cognito_user.username}
    event = client.admin_list_user_auth_events(**params)["AuthEvents"][0]

    client.admin_update_auth_event_feedback(
        **params, EventId=event["EventId"], FeedbackValue="Invalid"
    )
    feedback = client.admin_list_user_auth_events(**params)["AuthEvents"][0]["EventFeedback"]
    assert feedback["FeedbackValue"] == "Invalid" and feedback["Provider"] == "Admin"

    with pytest.raises(client.exceptions.NotAuthorizedException) as excinfo:
        client.update_auth_event_feedback(
            **params, EventId=event["EventId"], FeedbackToken="forged", FeedbackValue="Valid"
        )
    assert error_of(excinfo)[1] == "Invalid feedback token."
    # The token is in the notification emails Cognito sends; here it is read from the state.
    token = cognito_user._state.auth_events[0].feedback_token
    client.update_auth_event_feedback(
        **params, EventId=event["EventId"], FeedbackToken=token, FeedbackValue="Valid"
    )
    feedback = client.admin_list_user_auth_events(**params)["AuthEvents"][0]["EventFeedback"]
    assert feedback["FeedbackValue"] == "Valid" and feedback["Provider"] == "User"


@PROTECTED
def test_unknown_event_and_user(client: Any, cognito_pool: UserPool, cognito_user: User) -> None:
    params = {"UserPoolId": cognito_pool.id, "Username": cognito_user.username}
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.admin_update_auth_event_feedback(**params, EventId="nope", FeedbackValue="Valid")
    assert error_of(excinfo)[1] == "Auth event nope does not exist."
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_list_user_auth_events(UserPoolId=cognito_pool.id, Username="ghost")


def test_threat_protection_must_be_on_and_nothing_is_recorded_while_off(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _wrong_password(client, cognito_pool, cognito_app_client, cognito_user)
    with pytest.raises(client.exceptions.UserPoolAddOnNotEnabledException) as excinfo:
        client.admin_list_user_auth_events(
            UserPoolId=cognito_pool.id, Username=cognito_user.username
        )
    assert error_of(excinfo)[1] == (
        f"Threat protection is not enabled for user pool {cognito_pool.id}."
    )
    assert cognito_user._state.auth_events == []
