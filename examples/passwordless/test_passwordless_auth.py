"""Passwordless sign-in, its three handlers run by the fake pool through real API calls."""

from __future__ import annotations

import passwordless_auth
import pytest

pytestmark = pytest.mark.cognito_pool(UsernameAttributes=["email"])


@pytest.fixture
def sent(monkeypatch):
    """The codes the Create handler emailed, by address (instead of SES)."""
    outbox = {}
    monkeypatch.setattr(passwordless_auth, "send_code", outbox.__setitem__)
    return outbox


@pytest.fixture
def app(cognito_pool, cognito_app_client, sent):
    cognito_pool.create_user("sam@example.com", attributes={"email": "sam@example.com"})
    cognito_pool.set_trigger("DefineAuthChallenge", passwordless_auth.define)
    cognito_pool.set_trigger("CreateAuthChallenge", passwordless_auth.create)
    cognito_pool.set_trigger("VerifyAuthChallengeResponse", passwordless_auth.verify)
    return cognito_app_client


def test_the_emailed_code_signs_in(cognito_pool, app, sent):
    session = passwordless_auth.start_sign_in(app.id, "sam@example.com")
    tokens = passwordless_auth.finish_sign_in(
        app.id, "sam@example.com", session, sent["sam@example.com"]
    )

    claims = cognito_pool.verify_token(tokens["IdToken"])
    assert claims["email"] == "sam@example.com"


def test_a_wrong_code_may_be_retried_with_the_same_code(cognito_idp, app, sent):
    session = passwordless_auth.start_sign_in(app.id, "sam@example.com")
    retry = passwordless_auth.finish_sign_in(app.id, "sam@example.com", session, "not-it")

    tokens = passwordless_auth.finish_sign_in(
        app.id, "sam@example.com", retry["Session"], sent["sam@example.com"]
    )

    assert "AccessToken" in tokens
    assert len([c for c in cognito_idp.trigger_calls if c.trigger == "CreateAuthChallenge"]) == 2


def test_three_wrong_codes_end_the_sign_in(app, sent):
    session = passwordless_auth.start_sign_in(app.id, "sam@example.com")
    session = passwordless_auth.finish_sign_in(app.id, "sam@example.com", session, "1")["Session"]
    session = passwordless_auth.finish_sign_in(app.id, "sam@example.com", session, "2")["Session"]

    with pytest.raises(passwordless_auth.SignInFailed):
        passwordless_auth.finish_sign_in(app.id, "sam@example.com", session, "3")
