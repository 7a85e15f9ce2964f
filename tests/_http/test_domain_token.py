"""The token endpoint's client_credentials grant, through requests (in-process and loopback)."""

from __future__ import annotations

import base64
from typing import Any

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, UserPool

READ = "https://api.example.com/read"
WRITE = "https://api.example.com/write"


@pytest.fixture
def m2m(domain_pool: UserPool) -> AppClient:
    return domain_pool.create_client(
        "service",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=[READ, WRITE],
    )


def _token(base: str, data: Any, auth: Any = None, **kwargs: Any) -> requests.Response:
    return requests.post(f"{base}/oauth2/token", data=data, auth=auth, timeout=5, **kwargs)


def test_client_credentials_with_http_basic(
    base: str, domain_pool: UserPool, m2m: AppClient, cognito_clock: Any
) -> None:
    response = _token(base, {"grant_type": "client_credentials"}, auth=(m2m.id, m2m.secret))

    assert response.status_code == 200
    assert response.headers["Content-Type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"access_token", "expires_in", "token_type"}  # no ID or refresh token
    assert body["token_type"] == "Bearer"
    assert body["expires_in"] == 3600
    claims = domain_pool.verify_token(body["access_token"])
    assert claims["sub"] == claims["client_id"] == m2m.id
    assert claims["token_use"] == "access"
    assert claims["scope"] == f"{READ} {WRITE}"  # every allowed custom scope when none asked
    assert claims["iss"] == domain_pool.issuer


def test_client_credentials_with_the_secret_in_the_form(
    base: str, domain_pool: UserPool, m2m: AppClient
) -> None:
    data = {
        "grant_type": "client_credentials",
        "client_id": m2m.id,
        "client_secret": m2m.secret,
        "scope": READ,
    }
    response = _token(base, data)

    assert response.status_code == 200
    assert domain_pool.verify_token(response.json()["access_token"])["scope"] == READ


@pytest.mark.parametrize(
    ("data", "auth", "error"),
    [
        ({"grant_type": "client_credentials"}, ("ID", "wrong"), "invalid_client"),
        ({"grant_type": "client_credentials"}, ("unknown", "SECRET"), "invalid_client"),
        ({"grant_type": "client_credentials", "client_id": "ID"}, None, "invalid_client"),
        ({"grant_type": "client_credentials", "scope": "openid"}, "ok", "invalid_scope"),
        ({"grant_type": "client_credentials", "scope": "https://x/y"}, "ok", "invalid_scope"),
        ({"grant_type": "password"}, "ok", "unsupported_grant_type"),
        ({}, "ok", "invalid_request"),
    ],
)
def test_refusals_are_json_errors(
    base: str, m2m: AppClient, data: Any, auth: Any, error: str
) -> None:
    data = {k: v.replace("ID", m2m.id) for k, v in data.items()}
    if auth == "ok":
        auth = (m2m.id, m2m.secret)
    elif auth is not None:
        auth = (auth[0].replace("ID", m2m.id), str(m2m.secret) if auth[1] == "SECRET" else auth[1])
    response = _token(base, data, auth=auth)

    assert response.status_code == 400
    assert response.json() == {"error": error}


def test_a_client_without_the_flow_gets_invalid_grant(base: str, web_client: AppClient) -> None:
    response = _token(
        base, {"grant_type": "client_credentials"}, auth=(web_client.id, web_client.secret)
    )

    assert (response.status_code, response.json()) == (400, {"error": "invalid_grant"})


def test_a_public_client_cannot_use_client_credentials(base: str, spa_client: AppClient) -> None:
    response = _token(base, {"grant_type": "client_credentials", "client_id": spa_client.id})

    assert (response.status_code, response.json()) == (400, {"error": "unauthorized_client"})


def test_the_body_must_be_form_encoded(base: str, m2m: AppClient) -> None:
    response = requests.post(
        f"{base}/oauth2/token",
        json={"grant_type": "client_credentials"},
        auth=(m2m.id, str(m2m.secret)),
        timeout=5,
    )

    assert (response.status_code, response.json()) == (400, {"error": "invalid_request"})


def test_urllib_reaches_the_domain_in_process(domain_pool: UserPool, m2m: AppClient) -> None:
    import json
    import urllib.request

    credentials = base64.b64encode(f"{m2m.id}:{m2m.secret}".encode()).decode()
    request = urllib.request.Request(
        f"{domain_pool.domain_url}/oauth2/token",
        data=b"grant_type=client_credentials",
        headers={
            "Authorization": f"Basic {credentials}",
            "Content-Type": "application/x-www-form-urlencoded",
        },
    )
    with urllib.request.urlopen(request, timeout=5) as response:
        body = json.load(response)

    assert domain_pool.verify_token(body["access_token"])["client_id"] == m2m.id


def test_an_unknown_domain_is_not_found(cognito_idp: CognitoIdp, domain_pool: UserPool) -> None:
    response = requests.post(
        "https://nobody.auth.us-east-1.amazoncognito.com/oauth2/token", timeout=5
    )

    assert response.status_code == 404


def test_the_custom_domain_answers_too(
    cognito_idp: CognitoIdp, client: Any, m2m: AppClient
) -> None:
    pool = cognito_idp.create_pool(PoolName="other")
    url = pool.create_domain(custom_domain="auth.example.com")
    client.create_resource_server(
        UserPoolId=pool.id,
        Identifier="orders",
        Name="orders",
        Scopes=[{"ScopeName": "list", "ScopeDescription": "list"}],
    )
    service = pool.create_client(
        "service",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["orders/list"],
    )

    assert url == "https://auth.example.com" == pool.domain_url
    response = _token(url, {"grant_type": "client_credentials"}, auth=(service.id, service.secret))
    assert response.status_code == 200
    assert pool.verify_token(response.json()["access_token"])["scope"] == "orders/list"
    # The other pool's client is unknown to this domain.
    response = _token(url, {"grant_type": "client_credentials"}, auth=(m2m.id, m2m.secret))
    assert (response.status_code, response.json()) == (400, {"error": "invalid_client"})


def _form_and_basic(m2m: AppClient) -> Any:
    basic = base64.b64encode(f"{m2m.id}:{m2m.secret}".encode()).decode()
    headers = {"Authorization": f"Basic {basic}"}
    return {"grant_type": "client_credentials", "scope": READ}, headers


def test_httpx_reaches_the_domain_in_process(domain_pool: UserPool, m2m: AppClient) -> None:
    httpx = pytest.importorskip("httpx")
    data, headers = _form_and_basic(m2m)
    assert domain_pool.domain_url is not None

    response = httpx.post(f"{domain_pool.domain_url}/oauth2/token", data=data, headers=headers)

    assert response.status_code == 200
    assert domain_pool.verify_token(response.json()["access_token"])["scope"] == READ


def test_async_clients_reach_the_domain_in_process(domain_pool: UserPool, m2m: AppClient) -> None:
    httpx = pytest.importorskip("httpx")
    aiohttp = pytest.importorskip("aiohttp")
    data, headers = _form_and_basic(m2m)
    url = f"{domain_pool.domain_url}/oauth2/token"

    async def both() -> Any:
        async with httpx.AsyncClient() as client:
            first = (await client.post(url, data=data, headers=headers)).json()
        async with (
            aiohttp.ClientSession() as session,
            session.post(url, data=data, headers=headers) as response,
        ):
            second = await response.json()
        return first, second

    import asyncio

    for body in asyncio.run(both()):
        assert domain_pool.verify_token(body["access_token"])["scope"] == READ


def test_httpx_gets_the_tokens_error_body(domain_pool: UserPool, m2m: AppClient) -> None:
    httpx = pytest.importorskip("httpx")
    response = httpx.post(
        f"{domain_pool.domain_url}/oauth2/token",
        data={"grant_type": "client_credentials"},
        auth=(m2m.id, "not-the-secret"),
    )

    assert response.status_code == 400
    assert response.json() == {"error": "invalid_client"}
