"""Signing in with a passkey (USER_AUTH's WEB_AUTHN factor) through a real boto3 client, with the
project's VirtualAuthenticator as the user's device."""

from __future__ import annotations

import base64
import hashlib
import json
import struct
from typing import Any, Dict

import pytest
from botocore.exceptions import ClientError
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from pytest_cognito_idp import VirtualAuthenticator
from pytest_cognito_idp.resources import AppClient, User, UserPool
from tests.conftest import error_of

RP = "auth.example.com"
PASSKEY_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
)
REFUSED = ("NotAuthorizedException", "The passkey credential could not be verified.")


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def register(client: Any, pool: UserPool, user: User, app: AppClient) -> VirtualAuthenticator:
    """A device holding a passkey registered for ``user``."""
    device = VirtualAuthenticator()
    token = pool.sign_in(user.username, user.password or "", app)["AccessToken"]
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    client.complete_web_authn_registration(AccessToken=token, Credential=device.create(options))
    return device


def start(client: Any, app: AppClient, username: str = "jane") -> Dict[str, Any]:
    started: Dict[str, Any] = client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": username, "PREFERRED_CHALLENGE": "WEB_AUTHN"},
    )
    return started


def answer(
    client: Any, app: AppClient, session: str, credential: Any, username: str = "jane"
) -> Any:
    return client.respond_to_auth_challenge(
        ClientId=app.id,
        ChallengeName="WEB_AUTHN",
        Session=session,
        ChallengeResponses={"USERNAME": username, "CREDENTIAL": json.dumps(credential)},
    )


def refused(call: Any, *args: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(*args)
    return error_of(excinfo)


@pytest.fixture
def device(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> VirtualAuthenticator:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, WebAuthnConfiguration={"RelyingPartyId": RP}
    )
    return register(client, cognito_pool, cognito_user, cognito_app_client)


@PASSKEY_POOL
def test_a_registered_passkey_signs_in(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    assert started["ChallengeName"] == "WEB_AUTHN"
    options = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert options["rpId"] == RP
    assert options["userVerification"] == "preferred"
    credential_id = b64url(device.credentials[0].id)
    assert options["allowCredentials"] == [
        {"id": credential_id, "type": "public-key", "transports": ["internal"]}
    ]
    assert len(base64.urlsafe_b64decode(options["challenge"] + "==")) == 32

    done = answer(client, cognito_app_client, started["Session"], device.get(options))
    claims = cognito_app_client.pool.verify_token(done["AuthenticationResult"]["AccessToken"])
    assert claims["username"] == "jane"


@PASSKEY_POOL
def test_web_authn_is_offered_once_a_passkey_is_registered(
    client: Any, cognito_app_client: AppClient, cognito_user: User, device: VirtualAuthenticator
) -> None:
    started = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "jane"}
    )
    assert started["AvailableChallenges"] == ["PASSWORD_SRP", "PASSWORD", "WEB_AUTHN"]
    challenge = client.respond_to_auth_challenge(
        ClientId=cognito_app_client.id,
        ChallengeName="SELECT_CHALLENGE",
        Session=started["Session"],
        ChallengeResponses={"USERNAME": "jane", "ANSWER": "WEB_AUTHN"},
    )
    assert challenge["ChallengeName"] == "WEB_AUTHN"
    options = challenge["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    done = answer(client, cognito_app_client, challenge["Session"], device.get(options))
    assert "IdToken" in done["AuthenticationResult"]


@PASSKEY_POOL
def test_no_passkey_no_web_authn(
    client: Any, cognito_app_client: AppClient, cognito_user: User
) -> None:
    started = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="USER_AUTH", AuthParameters={"USERNAME": "jane"}
    )
    assert started["AvailableChallenges"] == ["PASSWORD_SRP", "PASSWORD"]


@PASSKEY_POOL
def test_an_answer_to_another_challenge_is_refused(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    first = start(client, cognito_app_client)
    second = start(client, cognito_app_client)
    old = device.get(first["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert refused(answer, client, cognito_app_client, second["Session"], old) == REFUSED


@PASSKEY_POOL
def test_a_replayed_assertion_is_refused(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    assertion = device.get(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    answer(client, cognito_app_client, started["Session"], assertion)

    assert refused(answer, client, cognito_app_client, started["Session"], assertion) == (
        "NotAuthorizedException",
        "Invalid session for the user, session can only be used once.",
    )
    later = start(client, cognito_app_client)
    assert refused(answer, client, cognito_app_client, later["Session"], assertion) == REFUSED


@PASSKEY_POOL
def test_a_signature_counter_that_does_not_go_up_is_refused(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    options = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    answer(client, cognito_app_client, started["Session"], device.get(options))
    device.credentials[0].sign_count = 0  # a clone of the device, from before that sign-in
    again = start(client, cognito_app_client)
    clone = device.get(again["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert refused(answer, client, cognito_app_client, again["Session"], clone) == REFUSED


@PASSKEY_POOL
def test_another_users_passkey_is_refused(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    device: VirtualAuthenticator,
) -> None:
    bob = cognito_pool.create_user("bob", attributes={"email": "bob@example.com"})
    bobs_device = register(client, cognito_pool, bob, cognito_app_client)
    started = start(client, cognito_app_client)
    jane_options = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    # Jane's challenge, signed with Bob's passkey.
    forged = bobs_device.get({**jane_options, "allowCredentials": []})
    assert refused(answer, client, cognito_app_client, started["Session"], forged) == REFUSED
    assert (
        "AccessToken"
        in answer(client, cognito_app_client, started["Session"], device.get(jane_options))[
            "AuthenticationResult"
        ]
    )


@PASSKEY_POOL
def test_a_deleted_passkey_is_refused(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    device: VirtualAuthenticator,
) -> None:
    started = start(client, cognito_app_client)
    options = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    token = cognito_pool.sign_in("jane", cognito_user.password or "")["AccessToken"]
    credential_id = b64url(device.credentials[0].id)
    client.delete_web_authn_credential(AccessToken=token, CredentialId=credential_id)

    assert refused(answer, client, cognito_app_client, started["Session"], device.get(options)) == (
        REFUSED
    )


def _assertion(
    device: VirtualAuthenticator,
    options: Dict[str, Any],
    *,
    flags: int = 0x05,
    origin: str = f"https://{RP}",
    rp_id: str = RP,
    kind: str = "webauthn.get",
    counter: bool = True,
) -> Dict[str, Any]:
    """An assertion signed with the device's key, with what the device would not send changed
    (``counter``: false for an authenticator that keeps no signature counter, always 0)."""
    credential = device.credentials[0]
    credential.sign_count = credential.sign_count + 1 if counter else 0
    client_data = json.dumps(
        {"type": kind, "challenge": options["challenge"], "origin": origin}
    ).encode()
    auth_data = (
        hashlib.sha256(rp_id.encode()).digest()
        + bytes([flags])
        + struct.pack(">I", credential.sign_count)
    )
    signature = credential.key.sign(
        auth_data + hashlib.sha256(client_data).digest(), ec.ECDSA(hashes.SHA256())
    )
    return {
        "id": b64url(credential.id),
        "rawId": b64url(credential.id),
        "type": "public-key",
        "response": {
            "clientDataJSON": b64url(client_data),
            "authenticatorData": b64url(auth_data),
            "signature": b64url(signature),
        },
    }


BAD_ASSERTIONS = [
    ({"origin": "https://evil.example.net"}, REFUSED),
    ({"rp_id": "example.org"}, REFUSED),
    ({"flags": 0x04}, REFUSED),  # the user was not present
    (
        {"kind": "webauthn.create"},
        (
            "InvalidParameterException",
            "Invalid passkey credential: clientDataJSON is not of type webauthn.get.",
        ),
    ),
]


@PASSKEY_POOL
@pytest.mark.parametrize(("change", "error"), BAD_ASSERTIONS)
def test_a_bad_assertion_is_refused_and_the_session_survives(
    client: Any,
    cognito_app_client: AppClient,
    device: VirtualAuthenticator,
    change: Dict[str, Any],
    error: tuple[str, str],
) -> None:
    started = start(client, cognito_app_client)
    options = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    bad = _assertion(device, options, **change)
    assert refused(answer, client, cognito_app_client, started["Session"], bad) == error
    done = answer(client, cognito_app_client, started["Session"], device.get(options))
    assert "AccessToken" in done["AuthenticationResult"]


@PASSKEY_POOL
def test_a_forged_signature_is_refused(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    assertion = device.get(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    other = ec.generate_private_key(ec.SECP256R1()).sign(b"x", ec.ECDSA(hashes.SHA256()))
    assertion["response"]["signature"] = b64url(other)
    assert refused(answer, client, cognito_app_client, started["Session"], assertion) == REFUSED


@PASSKEY_POOL
def test_required_user_verification_refuses_an_unverified_assertion(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        WebAuthnConfiguration={"RelyingPartyId": RP, "UserVerification": "required"},
    )
    started = start(client, cognito_app_client)
    options = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    assert options["userVerification"] == "required"
    unverified = _assertion(device, options, flags=0x01)
    assert refused(answer, client, cognito_app_client, started["Session"], unverified) == REFUSED
    verified = _assertion(device, options, flags=0x05)
    assert (
        "AccessToken"
        in answer(client, cognito_app_client, started["Session"], verified)["AuthenticationResult"]
    )


@PASSKEY_POOL
def test_a_credential_that_is_not_json_is_an_invalid_parameter(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.respond_to_auth_challenge(
            ClientId=cognito_app_client.id,
            ChallengeName="WEB_AUTHN",
            Session=started["Session"],
            ChallengeResponses={"USERNAME": "jane", "CREDENTIAL": "not json"},
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "CREDENTIAL must be a JSON AuthenticationResponseJSON.",
    )


@PASSKEY_POOL
def test_no_mfa_after_a_passkey(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        SoftwareTokenMfaConfiguration={"Enabled": True},
        WebAuthnConfiguration={"RelyingPartyId": RP},
        MfaConfiguration="ON",
    )
    started = start(client, cognito_app_client)
    options = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    done = answer(client, cognito_app_client, started["Session"], device.get(options))
    assert "AccessToken" in done["AuthenticationResult"]


@PASSKEY_POOL
def test_get_user_auth_factors_lists_the_passkey(
    client: Any, cognito_pool: UserPool, cognito_user: User, device: VirtualAuthenticator
) -> None:
    token = cognito_pool.sign_in("jane", cognito_user.password or "")["AccessToken"]
    factors = client.get_user_auth_factors(AccessToken=token)
    assert factors["ConfiguredUserAuthFactors"] == ["PASSWORD", "WEB_AUTHN"]


@PASSKEY_POOL
def test_an_authenticator_without_a_counter_signs_in_again_and_again(
    client: Any, cognito_pool: UserPool, cognito_user: User, cognito_app_client: AppClient
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, WebAuthnConfiguration={"RelyingPartyId": RP}
    )
    device = register(client, cognito_pool, cognito_user, cognito_app_client)
    for _ in range(2):
        started = start(client, cognito_app_client)
        request = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
        zero = _assertion(device, request, counter=False)
        done = answer(client, cognito_app_client, started["Session"], zero)
        assert "AccessToken" in done["AuthenticationResult"]


@PASSKEY_POOL
def test_a_device_without_user_verification_once_the_pool_requires_it(
    client: Any, cognito_pool: UserPool, cognito_user: User, cognito_app_client: AppClient
) -> None:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, WebAuthnConfiguration={"RelyingPartyId": RP}
    )
    device = VirtualAuthenticator(user_verified=False)
    token = cognito_pool.sign_in("jane", cognito_user.password or "")["AccessToken"]
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    client.complete_web_authn_registration(AccessToken=token, Credential=device.create(options))
    started = start(client, cognito_app_client)
    request = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    assert (
        "AccessToken"
        in answer(client, cognito_app_client, started["Session"], device.get(request))[
            "AuthenticationResult"
        ]
    )

    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id,
        WebAuthnConfiguration={"RelyingPartyId": RP, "UserVerification": "required"},
    )
    started = start(client, cognito_app_client)
    request = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    assert refused(answer, client, cognito_app_client, started["Session"], device.get(request)) == (
        REFUSED
    )


def _without_response(c: Dict[str, Any]) -> None:
    del c["response"]


def _not_base64(c: Dict[str, Any]) -> None:
    c["response"]["clientDataJSON"] = 42


def _short_auth_data(c: Dict[str, Any]) -> None:
    c["response"]["authenticatorData"] = b64url(b"too short")


def _other_type(c: Dict[str, Any]) -> None:
    c["type"] = "password"


def _id_not_raw_id(c: Dict[str, Any]) -> None:
    c["id"] = b64url(b"another id")


def _other_user_handle(c: Dict[str, Any]) -> None:
    c["response"]["userHandle"] = b64url(b"someone else")


MALFORMED = [
    (_without_response, "response is missing"),
    (_not_base64, "clientDataJSON is missing"),
    (_short_auth_data, "authData is too short"),
    (_other_type, "type is not public-key"),
    (_id_not_raw_id, "id is not rawId"),
]


@PASSKEY_POOL
@pytest.mark.parametrize(("spoil", "why"), MALFORMED)
def test_malformed_assertions_are_invalid_parameters(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator, spoil: Any, why: str
) -> None:
    started = start(client, cognito_app_client)
    assertion = device.get(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    spoil(assertion)
    assert refused(answer, client, cognito_app_client, started["Session"], assertion) == (
        "InvalidParameterException",
        f"Invalid passkey credential: {why}.",
    )


@PASSKEY_POOL
def test_another_users_handle_is_refused(
    client: Any, cognito_app_client: AppClient, device: VirtualAuthenticator
) -> None:
    started = start(client, cognito_app_client)
    assertion = device.get(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
    _other_user_handle(assertion)
    assert refused(answer, client, cognito_app_client, started["Session"], assertion) == REFUSED
