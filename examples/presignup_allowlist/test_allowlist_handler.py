"""The allow-list handler, run by the fake pool through real SignUp calls."""

from __future__ import annotations

import allowlist_handler
import boto3
import pytest

PASSWORD = "Corr3ct-horse!"


@pytest.fixture
def app(cognito_pool, cognito_app_client, monkeypatch):
    monkeypatch.setenv("ALLOWED_DOMAINS", "example.com, example.org")
    cognito_pool.set_trigger("PreSignUp", allowlist_handler.handler)
    return cognito_app_client


def sign_up(app, email):
    return boto3.client("cognito-idp").sign_up(
        ClientId=app.id,
        Username=email.partition("@")[0],
        Password=PASSWORD,
        UserAttributes=[{"Name": "email", "Value": email}],
    )


def test_allowed_domains_are_confirmed_at_once(cognito_idp, cognito_pool, app):
    answer = sign_up(app, "jane@Example.org")

    assert answer["UserConfirmed"] is True
    user = cognito_pool.user("jane")
    assert user.status == "CONFIRMED"
    assert user.attributes["email_verified"] == "true"
    (call,) = cognito_idp.trigger_calls
    assert call.trigger_source == "PreSignUp_SignUp"


def test_other_domains_are_refused(cognito_idp, cognito_pool, app):
    cognito = boto3.client("cognito-idp")

    with pytest.raises(cognito.exceptions.UserLambdaValidationException) as excinfo:
        sign_up(app, "mallory@evil.test")

    # Cognito appends a period, even after one.
    assert excinfo.value.response["Error"]["Message"] == (
        "PreSignUp failed with error Registration from this domain is not allowed.."
    )
    assert cognito_pool.users == []


def test_admins_are_held_to_the_list_too(cognito_pool, app):
    cognito = boto3.client("cognito-idp")

    with pytest.raises(cognito.exceptions.UserLambdaValidationException):
        cognito.admin_create_user(
            UserPoolId=cognito_pool.id,
            Username="mallory",
            UserAttributes=[{"Name": "email", "Value": "mallory@evil.test"}],
            MessageAction="SUPPRESS",
        )
