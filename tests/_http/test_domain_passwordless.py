"""Managed login's choice-based sign-in: the first factors of USER_AUTH (a password, an email or
SMS one-time code, a passkey) on the domain's pages, through a browser posting the forms."""

from __future__ import annotations

import json
import re
from typing import Any, Dict

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, UserPool, VirtualAuthenticator

from ._browser import Browser, forms_of
from .conftest import CALLBACK

PHONE = "+15555551234"
FACTORS = ["PASSWORD", "EMAIL_OTP", "SMS_OTP", "WEB_AUTHN"]
CHOICE_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": FACTORS}}
)
MISMATCH = "Invalid code or auth state for the user."
REFUSED = "The passkey credential could not be verified."


@pytest.fixture
def choice_client(domain_pool: UserPool) -> AppClient:
    """A web client that signs in by choice (ALLOW_USER_AUTH)."""
    return domain_pool.create_client(
        "choice",
        generate_secret=True,
        ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )


def _jane(pool: UserPool, **attributes: str) -> None:
    pool.create_user("jane", password="Pass-word-1", attributes=attributes)


def _verified() -> Dict[str, str]:
    return {
        "email": "jane@example.com",
        "email_verified": "true",
        "phone_number": PHONE,
        "phone_number_verified": "true",
    }


def _open(base: str, client: AppClient) -> Browser:
    browser = Browser(base)
    browser.get(
        "/oauth2/authorize",
        response_type="code",
        client_id=client.id,
        redirect_uri=CALLBACK,
        scope="openid",
    )
    return browser


def _fields(browser: Browser) -> Dict[str, str]:
    assert browser.page is not None
    return forms_of(browser.page.text)[0].fields


def _choices(browser: Browser) -> list[str]:
    assert browser.page is not None
    return re.findall(r'name="challenge" value="([A-Z_]+)"', browser.page.text)


def _signed_in_as(base: str, client: AppClient, pool: UserPool, browser: Browser) -> str:
    assert browser.callback is not None, browser.page.text if browser.page else None
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
    return str(pool.verify_token(response.json()["id_token"])["cognito:username"])


# -- the sign-in form and the choice page ---------------------------------------------------------


@CHOICE_POOL
def test_the_form_asks_for_the_username_then_offers_every_factor_the_user_can_use(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    assert "username" in _fields(browser) and "password" not in _fields(browser)

    browser.submit(username="jane")

    assert browser.page is not None and "Choose a sign-in method" in browser.page.text
    # No passkey registered: WEB_AUTHN is not offered; both password factors are one choice.
    assert _choices(browser) == ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]


@CHOICE_POOL
def test_a_client_without_user_auth_keeps_the_password_form(
    base: str, domain_pool: UserPool, web_client: AppClient
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, web_client)
    assert {"username", "password"} <= set(_fields(browser))
    browser.submit(username="jane", password="Pass-word-1")
    assert _signed_in_as(base, web_client, domain_pool, browser) == "jane"


def test_a_pool_that_allows_the_password_only_keeps_the_password_form(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    assert {"username", "password"} <= set(_fields(browser))


@CHOICE_POOL
def test_the_password_chosen(base: str, domain_pool: UserPool, choice_client: AppClient) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    browser.submit(challenge="PASSWORD")
    assert "password" in _fields(browser)

    page = browser.submit(password="Wrong-pass-1")
    assert "Incorrect username or password." in page.text
    assert "password" in _fields(browser)  # the password page again

    browser.submit(password="Pass-word-1")
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_a_username_and_password_posted_together_sign_in(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    browser.submit(username="jane", password="Pass-word-1")
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_a_user_with_a_password_only_goes_to_the_password_page(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool)
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    assert _choices(browser) == ["PASSWORD"]  # the hidden choice of the password page
    assert "password" in _fields(browser)


@CHOICE_POOL
def test_an_unknown_user_gets_the_api_error(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    # The client does not hide user existence (LEGACY, the API's default).
    browser = _open(base, choice_client)
    page = browser.submit(username="nobody")
    assert "User does not exist." in page.text
    assert "username" in _fields(browser)


# -- one-time codes -------------------------------------------------------------------------------


@CHOICE_POOL
@pytest.mark.parametrize(
    ("factor", "medium", "destination"),
    [("EMAIL_OTP", "EMAIL", "jane@example.com"), ("SMS_OTP", "SMS", PHONE)],
)
def test_a_one_time_code_signs_in(
    base: str,
    cognito_idp: CognitoIdp,
    domain_pool: UserPool,
    choice_client: AppClient,
    factor: str,
    medium: str,
    destination: str,
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    browser.submit(challenge=factor)

    assert "code" in _fields(browser) and browser.callback is None
    sent = cognito_idp.outbox.last(username="jane")
    assert (sent.medium, sent.destination) == (medium, destination)
    assert sent.code is not None and len(sent.code) == 8  # USER_AUTH's sign-in codes
    browser.submit(code=sent.code)
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_a_wrong_code_can_be_retried_then_the_sign_in_starts_again(
    base: str, cognito_idp: CognitoIdp, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool, **_verified())
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    browser.submit(challenge="EMAIL_OTP")
    code = str(cognito_idp.outbox.last(username="jane").code)
    wrong = "00000000" if code != "00000000" else "11111111"

    for _ in range(2):
        page = browser.submit(code=wrong)
        assert MISMATCH in page.text and "code" in _fields(browser)
    page = browser.submit(code=wrong)  # the third: the API closes the session

    assert MISMATCH in page.text
    assert "code" not in _fields(browser) and "username" in _fields(browser)
    browser.submit(username="jane")
    browser.submit(challenge="EMAIL_OTP")
    browser.submit(code=str(cognito_idp.outbox.last(username="jane").code))
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_a_passwordless_user_with_one_verified_email_gets_the_code_straight_away(
    base: str, client: Any, cognito_idp: CognitoIdp, domain_pool: UserPool, choice_client: AppClient
) -> None:
    app = domain_pool.create_client(
        "app", ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    email = [{"Name": "email", "Value": "jane@example.com"}]
    client.sign_up(ClientId=app.id, Username="jane", UserAttributes=email)  # no password
    client.admin_confirm_sign_up(UserPoolId=domain_pool.id, Username="jane")
    client.admin_update_user_attributes(
        UserPoolId=domain_pool.id,
        Username="jane",
        UserAttributes=[{"Name": "email_verified", "Value": "true"}],
    )
    browser = _open(base, choice_client)
    browser.submit(username="jane")

    assert "code" in _fields(browser)
    assert browser.page is not None and "j***@e***" in browser.page.text
    browser.submit(code=str(cognito_idp.outbox.last(username="jane").code))
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


# -- passkeys -------------------------------------------------------------------------------------


def _register(client: Any, pool: UserPool) -> tuple[VirtualAuthenticator, str]:
    """A passkey for jane, registered through the API for the pool's domain; her access token."""
    device = VirtualAuthenticator()
    _jane(pool, **_verified())
    app = pool.create_client(
        "admin", ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    token = pool.sign_in("jane", "Pass-word-1", app)["AccessToken"]
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    client.complete_web_authn_registration(AccessToken=token, Credential=device.create(options))
    return device, token


def _options(browser: Browser) -> Dict[str, Any]:
    assert browser.page is not None
    found = re.search(r'id="passkey-options">(.*?)</script>', browser.page.text)
    assert found is not None
    options: Dict[str, Any] = json.loads(found.group(1))
    return options


@CHOICE_POOL
def test_a_passkey_signs_in(
    base: str, client: Any, domain_pool: UserPool, choice_client: AppClient
) -> None:
    device, token = _register(client, domain_pool)
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    assert _choices(browser) == ["PASSWORD", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"]

    browser.submit(challenge="WEB_AUTHN")

    assert browser.page is not None and "navigator.credentials.get" in browser.page.text
    assert "credential" in _fields(browser)
    options = _options(browser)
    assert options["rpId"] == "my-app.auth.us-east-1.amazoncognito.com"
    registered = client.list_web_authn_credentials(AccessToken=token)["Credentials"]
    assert [c["id"] for c in options["allowCredentials"]] == [registered[0]["CredentialId"]]
    browser.submit(credential=json.dumps(device.get(options)))
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_a_refused_assertion_shows_the_passkey_page_again(
    base: str, client: Any, domain_pool: UserPool, choice_client: AppClient
) -> None:
    device, _ = _register(client, domain_pool)
    browser = _open(base, choice_client)
    browser.submit(username="jane")
    browser.submit(challenge="WEB_AUTHN")
    options = _options(browser)

    other = device.get({**options, "challenge": "b3RoZXItY2hhbGxlbmdl"})
    page = browser.submit(credential=json.dumps(other))
    assert REFUSED in page.text and "credential" in _fields(browser)
    page = browser.submit(credential="not json")
    assert "CREDENTIAL must be a JSON AuthenticationResponseJSON." in page.text

    browser.submit(credential=json.dumps(device.get(options)))
    assert _signed_in_as(base, choice_client, domain_pool, browser) == "jane"


@CHOICE_POOL
def test_an_unknown_user_is_offered_what_the_pool_allows_and_no_code_works(
    base: str, client: Any, cognito_idp: CognitoIdp, domain_pool: UserPool
) -> None:
    # A client that hides user existence: the pages look as for a real user.
    hiding = domain_pool.create_client(
        "hiding",
        generate_secret=True,
        ExplicitAuthFlows=["ALLOW_USER_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        PreventUserExistenceErrors="ENABLED",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO"],
    )
    browser = _open(base, hiding)
    browser.submit(username="nobody")
    assert _choices(browser) == ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]

    browser.submit(challenge="EMAIL_OTP")
    assert "code" in _fields(browser)
    assert len(cognito_idp.outbox) == 0  # nothing was sent
    page = browser.submit(code="12345678")
    assert MISMATCH in page.text and browser.callback is None


@CHOICE_POOL
def test_an_answer_the_choice_page_did_not_offer_is_refused(
    base: str, domain_pool: UserPool, choice_client: AppClient
) -> None:
    _jane(domain_pool)
    domain_pool.create_user("joe", password="Pass-word-1", attributes=_verified())
    browser = _open(base, choice_client)
    browser.submit(username="joe")
    page = browser.submit(challenge="WEB_AUTHN")  # joe has no passkey
    assert "Invalid challenge answer WEB_AUTHN." in page.text
    assert _choices(browser) == ["PASSWORD", "EMAIL_OTP", "SMS_OTP"]
