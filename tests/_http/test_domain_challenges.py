"""Managed login's challenge pages: new password, SMS / email / TOTP codes, MFA setup."""

from __future__ import annotations

from typing import Any

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, UserPool
from pytest_cognito_idp.backend.core import totp
from pytest_cognito_idp.clock import Clock

from ._browser import Browser, forms_of
from .conftest import CALLBACK

PHONE = "+15555551234"


def _start(base: str, client: AppClient, username: str, password: str) -> Browser:
    browser = Browser(base)
    browser.get(
        "/oauth2/authorize",
        response_type="code",
        client_id=client.id,
        redirect_uri=CALLBACK,
        scope="openid",
    )
    browser.submit(username=username, password=password)
    return browser


def _tokens(base: str, client: AppClient, browser: Browser) -> Any:
    response = requests.post(
        f"{base}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": browser.callback_params()["code"],
            "redirect_uri": CALLBACK,
        },
        auth=(client.id, client.secret),
        timeout=5,
    )
    assert response.status_code == 200
    return response.json()


def _fields(browser: Browser) -> set[str]:
    assert browser.page is not None
    return set(forms_of(browser.page.text)[0].fields)


def test_force_change_password(base: str, domain_pool: UserPool, web_client: AppClient) -> None:
    user = domain_pool.create_user("jane", password="Temp-pass-1", status="FORCE_CHANGE_PASSWORD")
    browser = _start(base, web_client, "jane", "Temp-pass-1")

    assert browser.callback is None
    assert {"new_password", "_csrf"} <= _fields(browser)
    page = browser.submit(new_password="short")
    assert "Password did not conform with policy: Password not long enough" in page.text
    assert "new_password" in _fields(browser)  # the same page again

    browser.submit(new_password="New-pass-word-2")
    body = _tokens(base, web_client, browser)
    assert domain_pool.verify_token(body["id_token"])["cognito:username"] == "jane"
    assert user.status == "CONFIRMED"


def test_sms_mfa_code_from_the_outbox(
    base: str, client: Any, cognito_idp: CognitoIdp, domain_pool: UserPool, web_client: AppClient
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=domain_pool.id,
        MfaConfiguration="OPTIONAL",
        SmsMfaConfiguration={"SmsAuthenticationMessage": "Code {####}"},
    )
    domain_pool.create_user("jane", password="Pass-word-1", attributes={"phone_number": PHONE})
    client.admin_set_user_mfa_preference(
        UserPoolId=domain_pool.id, Username="jane", SMSMfaSettings={"Enabled": True}
    )
    browser = _start(base, web_client, "jane", "Pass-word-1")

    assert browser.callback is None and "code" in _fields(browser)
    assert browser.page is not None and "+*******1234" in browser.page.text
    sent = cognito_idp.outbox.last(username="jane")
    assert (sent.medium, sent.destination) == ("SMS", PHONE)
    wrong = "000000" if sent.code != "000000" else "111111"
    page = browser.submit(code=wrong)
    assert "Invalid code or auth state for the user." in page.text

    browser.submit(code=str(sent.code))
    assert "access_token" in _tokens(base, web_client, browser)


@pytest.mark.cognito_pool(
    EmailConfiguration={
        "EmailSendingAccount": "DEVELOPER",
        "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/example.com",
    }
)
def test_email_mfa_code(
    base: str, client: Any, cognito_idp: CognitoIdp, domain_pool: UserPool, web_client: AppClient
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=domain_pool.id,
        MfaConfiguration="OPTIONAL",
        EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Code"},
    )
    domain_pool.create_user(
        "jane", password="Pass-word-1", attributes={"email": "jane@example.com"}
    )
    client.admin_set_user_mfa_preference(
        UserPoolId=domain_pool.id, Username="jane", EmailMfaSettings={"Enabled": True}
    )
    browser = _start(base, web_client, "jane", "Pass-word-1")

    sent = cognito_idp.outbox.last(username="jane")
    assert sent.medium == "EMAIL"
    browser.submit(code=str(sent.code))
    assert "access_token" in _tokens(base, web_client, browser)


def test_mfa_setup_then_totp(
    base: str, client: Any, domain_pool: UserPool, web_client: AppClient, cognito_clock: Clock
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=domain_pool.id,
        MfaConfiguration="ON",
        SoftwareTokenMfaConfiguration={"Enabled": True},
    )
    domain_pool.create_user("jane", password="Pass-word-1")
    browser = _start(base, web_client, "jane", "Pass-word-1")

    assert browser.page is not None and browser.callback is None
    secret = browser.page.text.split('<code id="secret">')[1].split("<")[0]
    assert "code" in _fields(browser)
    page = browser.submit(
        code="000000"
        if totp.now_code(secret, cognito_clock.now().timestamp()) != "000000"
        else "111111"
    )
    assert "Code mismatch and fail enable Software Token MFA" in page.text

    browser.submit(code=totp.now_code(secret, cognito_clock.now().timestamp()))
    assert "access_token" in _tokens(base, web_client, browser)

    cognito_clock.advance(seconds=totp.STEP)
    again = _start(base, web_client, "jane", "Pass-word-1")
    assert again.callback is None and "code" in _fields(again)
    again.submit(code=totp.now_code(secret, cognito_clock.now().timestamp()))
    assert "access_token" in _tokens(base, web_client, again)


def test_a_challenge_page_needs_its_session(
    base: str, domain_pool: UserPool, web_client: AppClient
) -> None:
    domain_pool.create_user("jane", password="Temp-pass-1", status="FORCE_CHANGE_PASSWORD")
    browser = _start(base, web_client, "jane", "Temp-pass-1")

    page = browser.submit(new_password="New-pass-word-2", session="forged")
    assert browser.callback is None
    assert "Invalid session for the user, session is expired." in page.text
    assert "password" in _fields(browser)  # back to the sign-in form
