"""Managed login's sign-up, confirmation and forgotten-password pages."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from pytest_cognito_idp import AppClient, CognitoIdp, User, UserPool

from ._browser import Browser, forms_of
from .conftest import CALLBACK

pytestmark = pytest.mark.cognito_pool(AutoVerifiedAttributes=["email"])


def _open_login(base: str, client: AppClient) -> Browser:
    browser = Browser(base)
    browser.get(
        "/oauth2/authorize", response_type="code", client_id=client.id, redirect_uri=CALLBACK
    )
    return browser


def _follow_link(browser: Browser, text: str) -> None:
    assert browser.page is not None
    page = browser.page.text
    href = page.split(f">{text}</a>")[0].rsplit('href="', 1)[1].split('"')[0]
    browser.get(href.replace("&amp;", "&"))


def test_sign_up_confirm_then_sign_in(
    base: str, cognito_idp: CognitoIdp, domain_pool: UserPool, web_client: AppClient
) -> None:
    browser = _open_login(base, web_client)
    _follow_link(browser, "Sign up")
    assert browser.page is not None
    assert {"username", "password", "email", "_csrf"} <= set(forms_of(browser.page.text)[0].fields)

    page = browser.submit(username="jane", password="short", email="jane@example.com")
    assert "Password did not conform with policy" in page.text

    page = browser.submit(username="jane", password="Pass-word-1", email="jane@example.com")
    assert "j***@e***" in page.text
    sent = cognito_idp.outbox.last(username="jane")
    assert domain_pool.user("jane").status == "UNCONFIRMED"

    page = browser.submit(code=str(sent.code))
    assert page.url.startswith(f"{base}/login?")
    assert domain_pool.user("jane").status == "CONFIRMED"
    browser.submit(username="jane", password="Pass-word-1")
    assert "code" in browser.callback_params()


def test_pre_sign_up_auto_confirm_signs_in_at_once(
    base: str, domain_pool: UserPool, web_client: AppClient
) -> None:
    @domain_pool.trigger("PreSignUp")
    def confirm(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        assert event["triggerSource"] == "PreSignUp_SignUp"
        event["response"]["autoConfirmUser"] = True
        return event

    browser = _open_login(base, web_client)
    _follow_link(browser, "Sign up")
    browser.submit(username="jane", password="Pass-word-1", email="jane@example.com")

    assert "code" in browser.callback_params()


def test_forgot_password(
    base: str, cognito_idp: CognitoIdp, web_client: AppClient, cognito_user: User
) -> None:
    browser = _open_login(base, web_client)
    _follow_link(browser, "Forgot your password?")
    browser.submit(username=cognito_user.username)
    sent = cognito_idp.outbox.last(username=cognito_user.username)

    page = browser.submit(
        code="000000" if sent.code != "000000" else "111111", new_password="New-pass-1"
    )
    assert "Invalid verification code provided, please try again." in page.text
    page = browser.submit(code=str(sent.code), new_password="New-pass-1")
    assert page.url.startswith(f"{base}/login?")

    browser.submit(username=cognito_user.username, password="New-pass-1")
    assert "code" in browser.callback_params()
