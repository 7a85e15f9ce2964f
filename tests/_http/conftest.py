"""Shared set-up for the HTTP the fake answers: pools with a domain and OAuth app clients (the
domain's two addresses), and ``Api``, calling ``cognito_server`` as another process would."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

import pytest
import requests
from botocore.auth import SigV4Auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials

from pytest_cognito_idp import AppClient, CognitoServer, UserPool

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


TARGET = "AWSCognitoIdentityProviderService."
JSON_11 = "application/x-amz-json-1.1"


class Api:
    """POSTs to a server's JSON 1.1 API, signed (SigV4, any credentials) unless told not to."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.session = requests.Session()

    def call(
        self,
        operation: str,
        params: Optional[Dict[str, Any]] = None,
        *,
        signed: bool = True,
        region: str = "us-east-1",
        headers: Optional[Dict[str, str]] = None,
    ) -> requests.Response:
        request = AWSRequest(
            "POST",
            self.url + "/",
            data=json.dumps(params or {}).encode(),
            headers={"Content-Type": JSON_11, "X-Amz-Target": TARGET + operation},
        )
        if signed:
            SigV4Auth(Credentials("AKIDANY", "any-secret"), "cognito-idp", region).add_auth(request)
        sent = dict(request.headers.items())
        sent.update(headers or {})
        return self.session.post(self.url + "/", data=request.body, headers=sent, timeout=10)


@pytest.fixture
def api(cognito_server: CognitoServer) -> Api:
    return Api(cognito_server.url)


def error(response: requests.Response) -> tuple[int, str, str]:
    """(status, __type, message) of an error answer."""
    body = response.json()
    return response.status_code, body["__type"], body.get("message", "")
