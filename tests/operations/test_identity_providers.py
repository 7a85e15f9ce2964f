"""Identity providers through a real boto3 client, and app clients naming them."""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any, Dict

import pytest
from cryptography import x509

from pytest_cognito_idp import UserPool
from pytest_cognito_idp.backend.federation import identity_providers
from tests.conftest import error_of

GOOGLE = {"client_id": "gid", "client_secret": "gsecret", "authorize_scopes": "email openid"}
OIDC = {
    "client_id": "oid",
    "client_secret": "osecret",
    "attributes_request_method": "GET",
    "oidc_issuer": "https://idp.example.com",
    "authorize_scopes": "openid email",
}
METADATA = """<?xml version="1.0"?>
<md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://idp.example.com">
  <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/slo"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
        Location="https://idp.example.com/sso/post"/>
    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
        Location="https://idp.example.com/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>"""


def _create(client: Any, pool: UserPool, name: str, type_: str, details: Dict[str, str], **kw: Any):
    return client.create_identity_provider(
        UserPoolId=pool.id, ProviderName=name, ProviderType=type_, ProviderDetails=details, **kw
    )["IdentityProvider"]


def _describe(client: Any, pool: UserPool, name: str) -> Dict[str, Any]:
    return client.describe_identity_provider(UserPoolId=pool.id, ProviderName=name)[
        "IdentityProvider"
    ]


def test_google_gets_its_endpoints(client: Any, cognito_pool: UserPool) -> None:
    created = _create(client, cognito_pool, "Google", "Google", GOOGLE)

    assert created == _describe(client, cognito_pool, "Google")
    assert isinstance(created.pop("CreationDate"), dt.datetime)
    assert isinstance(created.pop("LastModifiedDate"), dt.datetime)
    assert created == {
        "UserPoolId": cognito_pool.id,
        "ProviderName": "Google",
        "ProviderType": "Google",
        "ProviderDetails": {
            **GOOGLE,
            "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
            "attributes_url_add_attributes": "true",
            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
            "oidc_issuer": "https://accounts.google.com",
            "token_request_method": "POST",
            "token_url": "https://www.googleapis.com/oauth2/v4/token",
        },
        "AttributeMapping": {"username": "sub"},
        "IdpIdentifiers": [],
    }


def test_facebook_endpoints_follow_the_api_version(client: Any, cognito_pool: UserPool) -> None:
    details = _create(
        client, cognito_pool, "Facebook", "Facebook", {**GOOGLE, "api_version": "v19.0"}
    )["ProviderDetails"]
    assert details["authorize_url"] == "https://www.facebook.com/v19.0/dialog/oauth"
    assert details["token_url"] == "https://graph.facebook.com/v19.0/oauth/access_token"
    assert details["token_request_method"] == "GET"


def test_apple_never_shows_its_private_key(client: Any, cognito_pool: UserPool) -> None:
    given = {
        "client_id": "com.example",
        "team_id": "T",
        "key_id": "K",
        "private_key": "secret-key",
        "authorize_scopes": "email name",
    }
    details = _create(client, cognito_pool, "SignInWithApple", "SignInWithApple", given)[
        "ProviderDetails"
    ]
    assert "private_key" not in details
    assert details["oidc_issuer"] == "https://appleid.apple.com"


def test_oidc_endpoints_come_from_the_issuer_unless_given(
    client: Any, cognito_pool: UserPool
) -> None:
    given = {**OIDC, "token_url": "https://tokens.example.com/t"}
    details = _create(client, cognito_pool, "Corp", "OIDC", given)["ProviderDetails"]
    assert details == {
        **given,
        "authorize_url": "https://idp.example.com/authorize",
        "attributes_url": "https://idp.example.com/userinfo",
        "jwks_uri": "https://idp.example.com/.well-known/jwks.json",
        "attributes_url_add_attributes": "false",
    }


def test_saml_metadata_file_gives_the_redirect_bindings(
    client: Any, cognito_pool: UserPool
) -> None:
    created = _create(
        client,
        cognito_pool,
        "Okta",
        "SAML",
        {"MetadataFile": METADATA, "IDPSignout": "true"},
        AttributeMapping={"email": "http://schemas/email"},
    )
    assert created["ProviderDetails"] == {
        "IDPSignout": "true",
        "SSORedirectBindingURI": "https://idp.example.com/sso",
        "SLORedirectBindingURI": "https://idp.example.com/slo",
    }
    assert created["AttributeMapping"] == {"email": "http://schemas/email"}


def test_saml_encrypted_responses_get_a_certificate(client: Any, cognito_pool: UserPool) -> None:
    details = {"MetadataURL": "https://idp.example.com/md", "EncryptedResponses": "true"}
    created = _create(client, cognito_pool, "Okta", "SAML", details)["ProviderDetails"]
    certificate = x509.load_der_x509_certificate(
        base64.b64decode(created["ActiveEncryptionCertificate"])
    )
    assert cognito_pool.id in certificate.subject.rfc4514_string()
    updated = client.update_identity_provider(
        UserPoolId=cognito_pool.id, ProviderName="Okta", ProviderDetails=details
    )["IdentityProvider"]["ProviderDetails"]
    assert updated["ActiveEncryptionCertificate"] == created["ActiveEncryptionCertificate"]


@pytest.mark.parametrize(
    ("name", "type_", "details", "message"),
    [
        ("MyGoogle", "Google", GOOGLE, "Provider MyGoogle cannot be of type Google."),
        ("Google", "OIDC", OIDC, "Provider Google cannot be of type OIDC."),
        (
            "Google",
            "Google",
            {"client_id": "x"},
            "ProviderDetails of a Google provider require client_secret, authorize_scopes.",
        ),
        (
            "Corp",
            "OIDC",
            {**OIDC, "attributes_request_method": "PUT"},
            "attributes_request_method must be GET or POST.",
        ),
        (
            "Okta",
            "SAML",
            {},
            "ProviderDetails of a SAML provider require exactly one of MetadataFile and "
            "MetadataURL.",
        ),
        (
            "Okta",
            "SAML",
            {"MetadataFile": METADATA, "MetadataURL": "https://idp.example.com/md"},
            "ProviderDetails of a SAML provider require exactly one of MetadataFile and "
            "MetadataURL.",
        ),
        ("Okta", "SAML", {"MetadataFile": "<not xml"}, "Could not parse metadata file."),
    ],
)
def test_invalid_providers_are_refused(
    client: Any, cognito_pool: UserPool, name: str, type_: str, details: Any, message: str
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, name, type_, details)
    assert error_of(excinfo) == ("InvalidParameterException", message)
    assert client.list_identity_providers(UserPoolId=cognito_pool.id)["Providers"] == []


def test_attribute_mapping_names_pool_attributes(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, "Google", "Google", GOOGLE, AttributeMapping={"nope": "x"})
    assert error_of(excinfo)[1] == "Attribute mapping nope does not exist in the user pool schema."


def test_duplicate_name(client: Any, cognito_pool: UserPool) -> None:
    _create(client, cognito_pool, "Corp", "OIDC", OIDC)
    with pytest.raises(client.exceptions.DuplicateProviderException) as excinfo:
        _create(client, cognito_pool, "Corp", "OIDC", {**OIDC, "client_id": "other"})
    assert error_of(excinfo) == (
        "DuplicateProviderException",
        f"Corp already exists in user pool {cognito_pool.id}",
    )
    assert _describe(client, cognito_pool, "Corp")["ProviderDetails"]["client_id"] == "oid"


def test_identifiers_find_their_provider(client: Any, cognito_pool: UserPool) -> None:
    _create(client, cognito_pool, "Corp", "OIDC", OIDC, IdpIdentifiers=["example.com", "corp"])
    found = client.get_identity_provider_by_identifier(
        UserPoolId=cognito_pool.id, IdpIdentifier="corp"
    )["IdentityProvider"]
    assert found == _describe(client, cognito_pool, "Corp")

    with pytest.raises(client.exceptions.DuplicateProviderException) as excinfo:
        _create(client, cognito_pool, "Other", "OIDC", OIDC, IdpIdentifiers=["corp"])
    assert error_of(excinfo)[1] == f"Identifier corp already exists in user pool {cognito_pool.id}"
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.get_identity_provider_by_identifier(UserPoolId=cognito_pool.id, IdpIdentifier="x")
    assert error_of(excinfo)[1] == "Identity provider with identifier x not found."


def test_update_replaces_what_it_names(client: Any, cognito_pool: UserPool) -> None:
    created = _create(client, cognito_pool, "Corp", "OIDC", OIDC, IdpIdentifiers=["corp"])
    updated = client.update_identity_provider(
        UserPoolId=cognito_pool.id,
        ProviderName="Corp",
        ProviderDetails={**OIDC, "authorize_scopes": "openid"},
    )["IdentityProvider"]
    assert updated["ProviderDetails"]["authorize_scopes"] == "openid"
    assert updated["IdpIdentifiers"] == ["corp"]
    assert updated["CreationDate"] == created["CreationDate"]

    with pytest.raises(client.exceptions.InvalidParameterException):
        client.update_identity_provider(
            UserPoolId=cognito_pool.id, ProviderName="Corp", ProviderDetails={"client_id": "x"}
        )
    assert _describe(client, cognito_pool, "Corp") == updated


def test_unknown_provider(client: Any, cognito_pool: UserPool) -> None:
    for call in (
        client.describe_identity_provider,
        client.update_identity_provider,
        client.delete_identity_provider,
    ):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            call(UserPoolId=cognito_pool.id, ProviderName="Nope")
        assert error_of(excinfo) == (
            "ResourceNotFoundException",
            "Identity provider Nope does not exist.",
        )


def test_list_pages_and_delete(client: Any, cognito_pool: UserPool) -> None:
    for i in range(3):
        _create(client, cognito_pool, f"Corp{i}", "OIDC", OIDC)
    first = client.list_identity_providers(UserPoolId=cognito_pool.id, MaxResults=2)
    second = client.list_identity_providers(
        UserPoolId=cognito_pool.id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [p["ProviderName"] for p in first["Providers"]] == ["Corp0", "Corp1"]
    assert [p["ProviderName"] for p in second["Providers"]] == ["Corp2"]
    assert "NextToken" not in second
    assert set(first["Providers"][0]) == {
        "ProviderName",
        "ProviderType",
        "LastModifiedDate",
        "CreationDate",
    }

    client.delete_identity_provider(UserPoolId=cognito_pool.id, ProviderName="Corp1")
    everyone = client.list_identity_providers(UserPoolId=cognito_pool.id, MaxResults=0)
    assert [p["ProviderName"] for p in everyone["Providers"]] == ["Corp0", "Corp2"]


def test_providers_per_pool_quota(
    client: Any, cognito_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(identity_providers, "PROVIDERS_PER_POOL", 2)
    _create(client, cognito_pool, "Corp0", "OIDC", OIDC)
    _create(client, cognito_pool, "Corp1", "OIDC", OIDC)
    with pytest.raises(client.exceptions.LimitExceededException) as excinfo:
        _create(client, cognito_pool, "Corp2", "OIDC", OIDC)
    assert error_of(excinfo)[1] == (
        "The number of identity providers in this user pool has reached the limit of 2."
    )


def test_app_clients_name_existing_providers_only(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="web",
            SupportedIdentityProviders=["COGNITO", "Google"],
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"The provider Google does not exist for User Pool {cognito_pool.id}",
    )
    assert client.list_user_pool_clients(UserPoolId=cognito_pool.id)["UserPoolClients"] == []

    _create(client, cognito_pool, "Google", "Google", GOOGLE)
    app = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="web",
        SupportedIdentityProviders=["COGNITO", "Google"],
    )["UserPoolClient"]
    assert app["SupportedIdentityProviders"] == ["COGNITO", "Google"]

    # The provider can go while a client names it; the client's next update is then refused.
    client.delete_identity_provider(UserPoolId=cognito_pool.id, ProviderName="Google")
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.update_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientId=app["ClientId"],
            SupportedIdentityProviders=["COGNITO", "Google"],
        )
