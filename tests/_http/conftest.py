"""Pools with a domain, app clients with OAuth settings, and the domain's two addresses."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import AppClient, UserPool

CALLBACK = "https://app.example.com/callback"
SIGNED_OUT = "https://app.example.com/signed-out"


@pytest.fixture
def domain_pool(cognito_pool: UserPool, client: Any) -> UserPool:
    cognito_pool.create_domain("my-app")
    client.create_resource_server(
        UserPoolId=cognito_pool.id,
        Identifier="https://api.example.com",
        Name="api",
        Scopes=[
            {"ScopeName": "read", "ScopeDescription": "read"},
            {"ScopeName": "write", "ScopeDescription": "write"},
        ],
    )
    return cognito_pool


@pytest.fixture
def web_client(domain_pool: UserPool) -> AppClient:
    """A confidential web app client: code grant, openid/email/profile, one callback."""
    return domain_pool.create_client(
        "web",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email", "profile", "https://api.example.com/read"],
        CallbackURLs=[CALLBACK],
        LogoutURLs=[SIGNED_OUT],
        SupportedIdentityProviders=["COGNITO"],
    )


@pytest.fixture
def spa_client(domain_pool: UserPool) -> AppClient:
    """A public client (no secret), code and implicit grants: a single-page app."""
    return domain_pool.create_client(
        "spa",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code", "implicit"],
        AllowedOAuthScopes=["openid", "email", "phone", "profile", "aws.cognito.signin.user.admin"],
        CallbackURLs=[CALLBACK],
        LogoutURLs=[SIGNED_OUT],
        SupportedIdentityProviders=["COGNITO"],
    )


@pytest.fixture(params=["in-process", "loopback"])
def base(request: pytest.FixtureRequest, domain_pool: UserPool) -> str:
    """The domain as an app in the test process reaches it, and as a browser on loopback does."""
    url = domain_pool.domain_url if request.param == "in-process" else domain_pool.local_domain_url
    assert url is not None
    return url
