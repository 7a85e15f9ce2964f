"""The domain driven by authlib's OAuth 2.0 client, as a Python web app or service uses it:
client credentials, authorization code with PKCE (S256), refresh."""

from __future__ import annotations

import secrets

import pytest

from pytest_cognito_idp import AppClient, User, UserPool

from ._browser import Browser
from .conftest import CALLBACK

requests_client = pytest.importorskip("authlib.integrations.requests_client")


def test_client_credentials(base: str, domain_pool: UserPool) -> None:
    service = domain_pool.create_client(
        "service",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["https://api.example.com/read"],
    )
    session = requests_client.OAuth2Session(
        service.id, service.secret, scope="https://api.example.com/read"
    )
    token = session.fetch_token(f"{base}/oauth2/token", grant_type="client_credentials")

    claims = domain_pool.verify_token(token["access_token"])
    assert claims["client_id"] == service.id
    assert claims["scope"] == "https://api.example.com/read"


@pytest.mark.parametrize("auth_method", ["client_secret_basic", "client_secret_post"])
def test_authorization_code_with_pkce_and_refresh(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User, auth_method: str
) -> None:
    session = requests_client.OAuth2Session(
        web_client.id,
        web_client.secret,
        scope="openid email",
        redirect_uri=CALLBACK,
        code_challenge_method="S256",
        token_endpoint_auth_method=auth_method,
    )
    verifier = secrets.token_urlsafe(48)
    url, state = session.create_authorization_url(
        f"{base}/oauth2/authorize", code_verifier=verifier, nonce="abc"
    )

    browser = Browser(base)  # the user's browser: the form, then back to the app
    browser.get(url)
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))
    assert browser.callback is not None

    token = session.fetch_token(
        f"{base}/oauth2/token",
        authorization_response=browser.callback,
        state=state,
        code_verifier=verifier,
    )
    claims = domain_pool.verify_token(token["id_token"])
    assert claims["nonce"] == "abc" and claims["email"] == cognito_user.attributes["email"]

    refreshed = session.refresh_token(f"{base}/oauth2/token", token["refresh_token"])
    assert domain_pool.verify_token(refreshed["access_token"])["scope"] == "openid email"
