"""Federated sign-in through the domain: the stand-in provider for identities the test
declares, AWS's federated users, links, triggers, and the real OIDC exchange with another pool."""

from __future__ import annotations

import json
from typing import Any, Dict, List

import pytest
import requests

from pytest_cognito_idp import AppClient, CognitoIdp, User, UserPool

from ._browser import Browser, forms_of
from .conftest import CALLBACK


@pytest.fixture
def google(domain_pool: UserPool, client: Any) -> str:
    client.create_identity_provider(
        UserPoolId=domain_pool.id,
        ProviderName="Google",
        ProviderType="Google",
        ProviderDetails={
            "client_id": "g",
            "client_secret": "s",
            "authorize_scopes": "openid email",
        },
        AttributeMapping={"email": "email", "name": "name"},
    )
    return "Google"


@pytest.fixture
def fed_client(domain_pool: UserPool, google: str) -> AppClient:
    return domain_pool.create_client(
        "fed",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["COGNITO", google],
    )


def _federate(base: str, client: AppClient, *others: str, **params: str) -> Browser:
    browser = Browser(base, *others)
    browser.get(
        "/oauth2/authorize",
        response_type="code",
        client_id=client.id,
        redirect_uri=CALLBACK,
        scope="openid email",
        state="st",
        **params,
    )
    return browser


def _tokens(base: str, client: AppClient, browser: Browser) -> Dict[str, Any]:
    params = browser.callback_params()
    assert params.get("state") == "st", params
    response = requests.post(
        f"{base}/oauth2/token",
        data={"grant_type": "authorization_code", "code": params["code"], "redirect_uri": CALLBACK},
        auth=(client.id, client.secret),
        timeout=5,
    )
    assert response.status_code == 200, response.text
    return response.json()  # type: ignore[no-any-return]


def test_a_declared_google_identity_signs_in(
    base: str, client: Any, domain_pool: UserPool, fed_client: AppClient
) -> None:
    domain_pool.add_external_identity(
        "Google", "1234567890", {"email": "jane@gmail.com", "name": "Jane", "locale": "en"}
    )
    browser = _federate(base, fed_client, identity_provider="Google")
    body = _tokens(base, fed_client, browser)

    user = domain_pool.user("Google_1234567890")
    assert user.status == "EXTERNAL_PROVIDER"
    described = client.admin_get_user(UserPoolId=domain_pool.id, Username="Google_1234567890")
    assert described["UserStatus"] == "EXTERNAL_PROVIDER"
    assert user.attributes["email"] == "jane@gmail.com" and user.attributes["name"] == "Jane"
    assert "locale" not in user.attributes  # not mapped
    assert user.groups == [f"{domain_pool.id}_Google"]
    identities = json.loads(user.attributes["identities"])
    assert [
        (i["userId"], i["providerName"], i["providerType"], i["primary"]) for i in identities
    ] == [("1234567890", "Google", "Google", True)]

    claims = domain_pool.verify_token(body["id_token"])
    assert claims["cognito:username"] == "Google_1234567890"
    assert claims["cognito:groups"] == [f"{domain_pool.id}_Google"]
    identity = claims["identities"][0]
    assert identity["primary"] == "true" and identity["userId"] == "1234567890"
    assert len(identity["dateCreated"]) == 13


def test_attribute_mapping_applies_on_every_sign_in(
    base: str, domain_pool: UserPool, fed_client: AppClient
) -> None:
    domain_pool.add_external_identity("Google", "42", {"email": "old@gmail.com"})
    _tokens(base, fed_client, _federate(base, fed_client, identity_provider="Google"))
    domain_pool.add_external_identity("Google", "42", {"email": "new@gmail.com"})
    _tokens(base, fed_client, _federate(base, fed_client, identity_provider="Google"))

    assert domain_pool.user("Google_42").attributes["email"] == "new@gmail.com"
    assert len([u for u in domain_pool.users if u.username.startswith("Google_")]) == 1


def test_several_identities_get_a_choice(
    base: str, domain_pool: UserPool, fed_client: AppClient
) -> None:
    domain_pool.add_external_identity("Google", "a", {"email": "a@gmail.com"})
    domain_pool.add_external_identity("Google", "b", {"email": "b@gmail.com"})
    browser = _federate(base, fed_client, identity_provider="Google")

    assert browser.callback is None and browser.page is not None
    assert "subject" in forms_of(browser.page.text)[0].fields
    browser.submit(subject="b")
    body = _tokens(base, fed_client, browser)
    assert domain_pool.verify_token(body["id_token"])["email"] == "b@gmail.com"


def test_a_linked_identity_signs_the_native_user_in(
    base: str, client: Any, domain_pool: UserPool, fed_client: AppClient, cognito_user: User
) -> None:
    client.admin_link_provider_for_user(
        UserPoolId=domain_pool.id,
        DestinationUser={
            "ProviderName": "Cognito",
            "ProviderAttributeValue": cognito_user.username,
        },
        SourceUser={
            "ProviderName": "Google",
            "ProviderAttributeName": "Cognito_Subject",
            "ProviderAttributeValue": "777",
        },
    )
    domain_pool.add_external_identity("Google", "777", {"email": "jane@gmail.com"})
    body = _tokens(base, fed_client, _federate(base, fed_client, identity_provider="Google"))

    assert domain_pool.verify_token(body["id_token"])["cognito:username"] == cognito_user.username
    assert not any(u.username.startswith("Google_") for u in domain_pool.users)


def test_the_triggers_aws_runs(base: str, domain_pool: UserPool, fed_client: AppClient) -> None:
    seen: List[str] = []

    def record(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        seen.append(event["triggerSource"])
        return event

    for name in ("PreSignUp", "PostConfirmation", "PreTokenGeneration"):
        domain_pool.set_trigger(name, record)
    domain_pool.add_external_identity("Google", "9", {"email": "n@gmail.com"})
    _tokens(base, fed_client, _federate(base, fed_client, identity_provider="Google"))

    assert seen == [
        "PreSignUp_ExternalProvider",
        "PostConfirmation_ConfirmSignUp",
        "TokenGeneration_HostedAuth",
    ]


def test_a_pre_sign_up_refusal_reaches_the_callback(
    base: str, domain_pool: UserPool, fed_client: AppClient
) -> None:
    @domain_pool.trigger("PreSignUp")
    def refuse(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        raise Exception("not invited")

    domain_pool.add_external_identity("Google", "9", {"email": "n@gmail.com"})
    browser = _federate(base, fed_client, identity_provider="Google")

    params = browser.callback_params()
    assert params["error"] == "invalid_request"
    assert params["error_description"] == "PreSignUp failed with error not invited."
    assert params["state"] == "st"
    assert not any(u.username.startswith("Google_") for u in domain_pool.users)


def test_a_provider_the_client_does_not_support(
    base: str, domain_pool: UserPool, web_client: AppClient, google: str
) -> None:
    browser = _federate(base, web_client, identity_provider="Google")

    assert browser.callback_params()["error"] == "invalid_request"


def test_saml_by_idp_identifier(base: str, client: Any, domain_pool: UserPool) -> None:
    metadata = (
        '<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" '
        'entityID="https://idp.example.com"><md:IDPSSODescriptor '
        'protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">'
        '<md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" '
        'Location="https://idp.example.com/sso"/></md:IDPSSODescriptor></md:EntityDescriptor>'
    )
    client.create_identity_provider(
        UserPoolId=domain_pool.id,
        ProviderName="Okta",
        ProviderType="SAML",
        ProviderDetails={"MetadataFile": metadata},
        AttributeMapping={"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/email"},
        IdpIdentifiers=["example.com"],
    )
    app = domain_pool.create_client(
        "saml",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["Okta"],
    )
    domain_pool.add_external_identity(
        "Okta",
        "jane@example.com",
        {"http://schemas.xmlsoap.org/ws/2005/05/identity/claims/email": "jane@example.com"},
    )
    browser = _federate(base, app, idp_identifier="example.com")
    assert browser.page is not None and "SAMLResponse" in forms_of(browser.page.text)[0].fields
    browser.submit()  # the HTTP-POST binding's form

    body = _tokens(base, app, browser)
    claims = domain_pool.verify_token(body["id_token"])
    assert claims["cognito:username"] == "Okta_jane@example.com"
    assert claims["email"] == "jane@example.com"


def test_oidc_provider_that_is_another_pool(
    base: str, cognito_idp: CognitoIdp, client: Any, domain_pool: UserPool
) -> None:
    upstream = cognito_idp.create_pool(PoolName="corporate")
    upstream.create_domain("corporate")
    upstream_user = upstream.create_user(
        "ann", password="Pass-word-1", attributes={"email": "ann@corp.example"}
    )
    idp_response = f"{domain_pool.domain_url}/oauth2/idpresponse"
    corporate_app = upstream.create_client(
        "federation",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[idp_response],
        SupportedIdentityProviders=["COGNITO"],
    )
    client.create_identity_provider(
        UserPoolId=domain_pool.id,
        ProviderName="Corporate",
        ProviderType="OIDC",
        ProviderDetails={
            "client_id": corporate_app.id,
            "client_secret": str(corporate_app.secret),
            "attributes_request_method": "GET",
            "oidc_issuer": upstream.issuer,
            "authorize_scopes": "openid email",
        },
        AttributeMapping={"email": "email"},
    )
    app = domain_pool.create_client(
        "fed",
        generate_secret=True,
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid", "email"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=["Corporate"],
    )

    local = base.startswith("http://")
    other = upstream.local_domain_url if local else upstream.domain_url
    assert other is not None
    browser = _federate(base, app, other, identity_provider="Corporate")
    assert browser.page is not None and browser.callback is None  # the other pool's sign-in form
    assert "/login?" in browser.page.url
    browser.submit(username="ann", password="Pass-word-1")

    body = _tokens(base, app, browser)
    claims = domain_pool.verify_token(body["id_token"])
    assert claims["cognito:username"] == f"Corporate_{upstream_user.sub}"
    assert claims["email"] == "ann@corp.example"
    assert claims["identities"][0]["issuer"] == upstream.issuer


def test_a_client_of_providers_only_shows_no_password_form(
    base: str, domain_pool: UserPool, google: str
) -> None:
    app = domain_pool.create_client(
        "google-only",
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["code"],
        AllowedOAuthScopes=["openid"],
        CallbackURLs=[CALLBACK],
        SupportedIdentityProviders=[google],
    )
    browser = Browser(base)
    page = browser.get(
        "/oauth2/authorize", response_type="code", client_id=app.id, redirect_uri=CALLBACK
    )

    assert forms_of(page.text) == []
    assert "Sign in with Google" in page.text


@pytest.mark.cognito_pool(UsernameConfiguration={"CaseSensitive": False})
def test_case_insensitive_pools_lower_the_provider_name(
    base: str, domain_pool: UserPool, fed_client: AppClient
) -> None:
    domain_pool.add_external_identity("Google", "ABC", {"email": "x@gmail.com"})
    body = _tokens(base, fed_client, _federate(base, fed_client, identity_provider="Google"))

    assert domain_pool.verify_token(body["id_token"])["cognito:username"] == "google_ABC"


def test_an_undeclared_provider_identity_is_explained(
    base: str, domain_pool: UserPool, fed_client: AppClient
) -> None:
    browser = _federate(base, fed_client, identity_provider="Google")

    assert browser.callback is None and browser.page is not None
    assert browser.page.status_code == 400
    assert "pool.add_external_identity(&#x27;Google&#x27;" in browser.page.text


def test_add_external_identity_needs_a_provider_of_the_pool(domain_pool: UserPool) -> None:
    with pytest.raises(LookupError, match="No identity provider 'Okta'"):
        domain_pool.add_external_identity("Okta", "x")
