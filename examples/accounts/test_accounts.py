"""The accounts service tested against the fake: real codes, real tokens, real expiry."""

from __future__ import annotations

import accounts
import pytest

# Cognito sends sign-up codes only for auto-verified attributes.
pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])


def test_register_confirm_log_in(cognito_idp, cognito_pool, cognito_app_client):
    destination = accounts.register(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")
    assert destination == "j***@e***"

    code = cognito_idp.outbox.last(destination="jane@example.com").code
    accounts.confirm(cognito_app_client.id, "jane@example.com", code)
    tokens = accounts.log_in(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")

    assert accounts.profile(tokens["AccessToken"])["email"] == "jane@example.com"
    cognito_idp.assert_called_once("SignUp", Username="jane@example.com")


def test_wrong_code_is_refused(cognito_idp, cognito_pool, cognito_app_client):
    accounts.register(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")
    real = cognito_idp.outbox.last().code
    wrong = "000000" if real != "000000" else "111111"

    with pytest.raises(accounts.AccountError, match="Wrong code"):
        accounts.confirm(cognito_app_client.id, "jane@example.com", wrong)


def test_codes_expire_after_a_day(cognito_idp, cognito_pool, cognito_app_client, cognito_clock):
    accounts.register(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")
    code = cognito_idp.outbox.last().code

    cognito_clock.advance(hours=25)

    with pytest.raises(accounts.AccountError, match="expired"):
        accounts.confirm(cognito_app_client.id, "jane@example.com", code)


def test_weak_password_gets_the_policy_message(cognito_pool, cognito_app_client):
    with pytest.raises(accounts.AccountError, match="Password did not conform with policy"):
        accounts.register(cognito_app_client.id, "jane@example.com", "short")


def test_unconfirmed_user_cannot_log_in(cognito_pool, cognito_app_client):
    accounts.register(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")

    with pytest.raises(accounts.AccountError, match="confirm your email"):
        accounts.log_in(cognito_app_client.id, "jane@example.com", "Corr3ct-horse")


@pytest.mark.cognito_pool(UsernameAttributes=["email"], AutoVerifiedAttributes=["email"])
def test_email_as_username_pool(cognito_idp, cognito_pool, cognito_app_client):
    accounts.register(cognito_app_client.id, "sam@example.com", "Corr3ct-horse")
    accounts.confirm(cognito_app_client.id, "sam@example.com", cognito_idp.outbox.last().code)

    user = cognito_pool.users[0]
    assert user.username == user.sub  # Cognito generates the username
    assert user.attributes["email"] == "sam@example.com"
