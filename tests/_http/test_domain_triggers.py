"""The triggers a sign-in through the domain runs, with the hosted trigger sources."""

from __future__ import annotations

from typing import Any, Dict, List

import requests

from pytest_cognito_idp import AppClient, CognitoIdp, User, UserPool

from ._browser import Browser
from .conftest import CALLBACK


def _sign_in(base: str, client: AppClient, user: User, password: str) -> Browser:
    browser = Browser(base)
    browser.get(
        "/oauth2/authorize",
        response_type="code",
        client_id=client.id,
        redirect_uri=CALLBACK,
        scope="openid",
    )
    browser.submit(username=user.username, password=password)
    return browser


def test_pre_and_post_authentication_and_pre_token_generation(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    seen: List[str] = []

    def record(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        seen.append(event["triggerSource"])
        if event["triggerSource"].startswith("TokenGeneration"):
            event["response"]["claimsOverrideDetails"] = {
                "claimsToAddOrOverride": {"tenant": "acme"}
            }
        return event

    for name in ("PreAuthentication", "PostAuthentication", "PreTokenGeneration"):
        domain_pool.set_trigger(name, record)

    browser = _sign_in(base, web_client, cognito_user, str(cognito_user.password))
    code = browser.callback_params()["code"]
    assert seen == ["PreAuthentication_Authentication", "PostAuthentication_Authentication"]

    body = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK},
        auth=(web_client.id, web_client.secret),
        timeout=5,
    ).json()
    assert seen[-1] == "TokenGeneration_HostedAuth"
    assert domain_pool.verify_token(body["id_token"])["tenant"] == "acme"


def test_pre_authentication_refusal_is_shown_and_nothing_issued(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    @domain_pool.trigger("PreAuthentication")
    def refuse(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        raise Exception("Sign-in is closed")

    browser = _sign_in(base, web_client, cognito_user, str(cognito_user.password))

    assert browser.callback is None
    assert browser.page is not None
    assert "PreAuthentication failed with error Sign-in is closed." in browser.page.text


def test_the_openid_configuration_lists_the_domain(
    cognito_idp: CognitoIdp, domain_pool: UserPool
) -> None:
    config = requests.get(
        f"{domain_pool.issuer}/.well-known/openid-configuration", timeout=5
    ).json()
    domain = domain_pool.domain_url

    assert config["authorization_endpoint"] == f"{domain}/oauth2/authorize"
    assert config["token_endpoint"] == f"{domain}/oauth2/token"
    assert config["userinfo_endpoint"] == f"{domain}/oauth2/userInfo"
    assert config["revocation_endpoint"] == f"{domain}/oauth2/revoke"
    assert config["end_session_endpoint"] == f"{domain}/logout"
    assert config["issuer"] == domain_pool.issuer

    local = requests.get(
        domain_pool.jwks_url.replace("jwks.json", "openid-configuration"), timeout=5
    ).json()
    assert local["token_endpoint"] == f"{domain_pool.local_domain_url}/oauth2/token"


def test_no_domain_no_endpoints(cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    config = requests.get(
        f"{cognito_pool.issuer}/.well-known/openid-configuration", timeout=5
    ).json()

    assert "token_endpoint" not in config
    assert cognito_pool.domain_url is None and cognito_pool.local_domain_url is None


def test_a_failing_pre_token_generation_in_the_implicit_grant(
    base: str, domain_pool: UserPool, spa_client: AppClient, cognito_user: User
) -> None:
    @domain_pool.trigger("PreTokenGeneration")
    def fail(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        raise Exception("no tokens today")

    browser = Browser(base)
    browser.get(
        "/oauth2/authorize",
        response_type="token",
        client_id=spa_client.id,
        redirect_uri=CALLBACK,
        state="s",
    )
    browser.submit(username=cognito_user.username, password=str(cognito_user.password))

    params = browser.callback_params(fragment=True)
    assert params == {
        "error": "invalid_request",
        "error_description": "PreTokenGeneration failed with error no tokens today.",
        "state": "s",
    }
    # No session was opened: the next authorize shows the form again.
    page = browser.get(
        "/oauth2/authorize", response_type="token", client_id=spa_client.id, redirect_uri=CALLBACK
    )
    assert browser.callback is None and page.url.startswith(f"{base}/login")


def test_a_failing_pre_token_generation_at_the_code_exchange(
    base: str, domain_pool: UserPool, web_client: AppClient, cognito_user: User
) -> None:
    @domain_pool.trigger("PreTokenGeneration")
    def fail(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        raise Exception("no tokens today")

    browser = _sign_in(base, web_client, cognito_user, str(cognito_user.password))
    response = requests.post(
        f"{base}/oauth2/token",
        data={
            "grant_type": "authorization_code",
            "code": browser.callback_params()["code"],
            "redirect_uri": CALLBACK,
        },
        auth=(web_client.id, web_client.secret),
        timeout=5,
    )

    assert (response.status_code, response.json()) == (400, {"error": "invalid_request"})
