"""Passkey registration through a real boto3 client, with real attestations from a software
authenticator (tests/_webauthn.py)."""

from __future__ import annotations

import base64
from typing import Any, Dict, Tuple

import pytest

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests._webauthn import Authenticator, b64url, cbor
from tests.conftest import error_of

PASSKEY_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
)
RP = "auth.example.com"


def _set_rp(client: Any, pool: UserPool, **config: str) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=pool.id, WebAuthnConfiguration={"RelyingPartyId": RP, **config}
    )


def _token(pool: UserPool, user: User, app: AppClient) -> str:
    assert user.password is not None
    return str(pool.sign_in(user.username, user.password, app)["AccessToken"])


@pytest.fixture
def signed_in(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> Tuple[str, Dict[str, Any]]:
    """An access token, and the creation options of a registration it started."""
    _set_rp(client, cognito_pool)
    token = _token(cognito_pool, cognito_user, cognito_app_client)
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    return token, options


@PASSKEY_POOL
def test_start_returns_creation_options_for_the_relying_party(
    signed_in: Tuple[str, Dict[str, Any]], cognito_user: User
) -> None:
    _, options = signed_in
    assert options["rp"] == {"id": RP, "name": RP}
    assert options["user"]["name"] == cognito_user.username
    assert options["user"]["id"] == b64url(cognito_user.sub.encode())
    assert len(base64.urlsafe_b64decode(options["challenge"] + "==")) == 32
    assert {p["alg"] for p in options["pubKeyCredParams"]} == {-7, -257}
    assert options["authenticatorSelection"]["userVerification"] == "preferred"
    assert options["excludeCredentials"] == []


@PASSKEY_POOL
def test_a_packed_self_attestation_registers_and_lists(
    client: Any, signed_in: Tuple[str, Dict[str, Any]]
) -> None:
    token, options = signed_in
    authenticator = Authenticator()
    client.complete_web_authn_registration(
        AccessToken=token, Credential=authenticator.register(options)
    )

    listed = client.list_web_authn_credentials(AccessToken=token)["Credentials"]
    assert len(listed) == 1
    assert listed[0]["CredentialId"] == b64url(authenticator.credential_id)
    assert listed[0]["RelyingPartyId"] == RP
    assert listed[0]["AuthenticatorAttachment"] == "platform"
    assert listed[0]["AuthenticatorTransports"] == ["internal", "hybrid"]
    again = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    assert again["excludeCredentials"] == [{"id": listed[0]["CredentialId"], "type": "public-key"}]

    client.delete_web_authn_credential(AccessToken=token, CredentialId=listed[0]["CredentialId"])
    assert client.list_web_authn_credentials(AccessToken=token)["Credentials"] == []


@PASSKEY_POOL
def test_a_none_attestation_registers_once(
    client: Any, signed_in: Tuple[str, Dict[str, Any]]
) -> None:
    token, options = signed_in
    credential = Authenticator().register(options, fmt="none")
    client.complete_web_authn_registration(AccessToken=token, Credential=credential)

    # The challenge is used up.
    with pytest.raises(client.exceptions.WebAuthnChallengeNotFoundException):
        client.complete_web_authn_registration(AccessToken=token, Credential=credential)


BAD_ANSWERS = [
    (
        {"challenge": b64url(b"another challenge")},
        "WebAuthnChallengeNotFoundException",
        "The passkey credential does not answer the registration challenge.",
    ),
    (
        {"origin": "https://evil.example.net"},
        "WebAuthnOriginNotAllowedException",
        f"The origin https://evil.example.net is not allowed for relying party {RP}.",
    ),
    (
        {"origin": f"http://{RP}"},
        "WebAuthnOriginNotAllowedException",
        f"The origin http://{RP} is not allowed for relying party {RP}.",
    ),
    (
        {"rp_id": "example.org", "origin": f"https://{RP}"},
        "WebAuthnRelyingPartyMismatchException",
        f"The passkey credential is not for relying party {RP}.",
    ),
    (
        {"type_": "webauthn.get"},
        "InvalidParameterException",
        "Invalid passkey credential: clientDataJSON is not of type webauthn.create.",
    ),
    (
        {"bad_signature": True},
        "InvalidParameterException",
        "Invalid passkey credential: the attestation signature does not verify.",
    ),
    (
        {"flags": 0x44},
        "InvalidParameterException",
        "Invalid passkey credential: the user was not present.",
    ),
    (
        {"fmt": "tpm"},
        "WebAuthnCredentialNotSupportedException",
        "The passkey attestation format tpm is not supported.",
    ),
    (
        {"cose_key": cbor({1: 1, 3: -8, -1: 6, -2: b"k" * 32})},  # Ed25519
        "WebAuthnCredentialNotSupportedException",
        "The passkey's key type 1 with algorithm -8 is not supported; use ES256 (P-256) or RS256.",
    ),
]


@PASSKEY_POOL
@pytest.mark.parametrize(("change", "code", "message"), BAD_ANSWERS)
def test_a_bad_answer_is_refused_and_registers_nothing(
    client: Any,
    signed_in: Tuple[str, Dict[str, Any]],
    change: Dict[str, Any],
    code: str,
    message: str,
) -> None:
    token, options = signed_in
    credential = Authenticator().register(options, **change)
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        client.complete_web_authn_registration(AccessToken=token, Credential=credential)

    assert error_of(excinfo) == (code, message)
    assert client.list_web_authn_credentials(AccessToken=token)["Credentials"] == []
    # The challenge survives a refused answer.
    client.complete_web_authn_registration(
        AccessToken=token, Credential=Authenticator().register(options)
    )


@PASSKEY_POOL
def test_malformed_credentials_are_invalid_parameters(
    client: Any, signed_in: Tuple[str, Dict[str, Any]]
) -> None:
    token, options = signed_in
    credential = Authenticator().register(options)
    credential["response"]["attestationObject"] = b64url(b"\xff\x00")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.complete_web_authn_registration(AccessToken=token, Credential=credential)
    assert error_of(excinfo)[1].startswith("Invalid passkey credential: the attestation object")
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.complete_web_authn_registration(AccessToken=token, Credential={"response": {}})


@PASSKEY_POOL
def test_required_user_verification_refuses_an_unverified_authenticator(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _set_rp(client, cognito_pool, UserVerification="required")
    token = _token(cognito_pool, cognito_user, cognito_app_client)
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    assert options["authenticatorSelection"]["userVerification"] == "required"

    with pytest.raises(client.exceptions.WebAuthnCredentialNotSupportedException):
        client.complete_web_authn_registration(
            AccessToken=token, Credential=Authenticator().register(options, flags=0x41)
        )


@PASSKEY_POOL
def test_the_answer_must_come_from_the_client_that_started(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    _set_rp(client, cognito_pool)
    token = _token(cognito_pool, cognito_user, cognito_app_client)
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    other = cognito_pool.create_client(
        "other", explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )

    with pytest.raises(client.exceptions.WebAuthnClientMismatchException):
        client.complete_web_authn_registration(
            AccessToken=_token(cognito_pool, cognito_user, other),
            Credential=Authenticator().register(options),
        )


@PASSKEY_POOL
def test_the_challenge_expires(
    client: Any, signed_in: Tuple[str, Dict[str, Any]], cognito_clock: Any
) -> None:
    token, options = signed_in
    cognito_clock.advance(minutes=5)
    with pytest.raises(client.exceptions.WebAuthnChallengeNotFoundException) as excinfo:
        client.complete_web_authn_registration(
            AccessToken=token, Credential=Authenticator().register(options)
        )
    assert error_of(excinfo)[1] == (
        "The passkey registration challenge was not found or has expired."
    )


def test_passkeys_must_be_enabled(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    token = _token(cognito_pool, cognito_user, cognito_app_client)
    with pytest.raises(client.exceptions.WebAuthnNotEnabledException) as excinfo:
        client.start_web_authn_registration(AccessToken=token)
    assert error_of(excinfo)[1] == "Passkeys are not enabled for this user pool."


@PASSKEY_POOL
def test_a_relying_party_or_a_domain_is_needed(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> None:
    token = _token(cognito_pool, cognito_user, cognito_app_client)
    with pytest.raises(client.exceptions.WebAuthnConfigurationMissingException) as excinfo:
        client.start_web_authn_registration(AccessToken=token)
    assert error_of(excinfo)[1] == "The user pool has no passkey relying party ID and no domain."

    client.create_user_pool_domain(Domain="my-app-login", UserPoolId=cognito_pool.id)
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    assert options["rp"]["id"] == "my-app-login.auth.us-east-1.amazoncognito.com"


@PASSKEY_POOL
def test_delete_of_an_unknown_passkey(client: Any, signed_in: Tuple[str, Dict[str, Any]]) -> None:
    token, _ = signed_in
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.delete_web_authn_credential(AccessToken=token, CredentialId="nope")
    assert error_of(excinfo)[1] == "The passkey credential does not exist."


@PASSKEY_POOL
def test_list_pages(
    client: Any,
    cognito_idp: CognitoIdp,
    cognito_pool: UserPool,
    signed_in: Tuple[str, Dict[str, Any]],
) -> None:
    token, options = signed_in
    for _ in range(3):
        client.complete_web_authn_registration(
            AccessToken=token, Credential=Authenticator().register(options)
        )
        options = client.start_web_authn_registration(AccessToken=token)[
            "CredentialCreationOptions"
        ]
    first = client.list_web_authn_credentials(AccessToken=token, MaxResults=2)
    rest = client.list_web_authn_credentials(AccessToken=token, NextToken=first["NextToken"])
    ids = [c["CredentialId"] for c in first["Credentials"] + rest["Credentials"]]
    assert len(set(ids)) == 3 and "NextToken" not in rest


def test_a_bad_access_token_is_refused(client: Any) -> None:
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.start_web_authn_registration(AccessToken="not-a-token")
