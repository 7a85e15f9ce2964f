"""Passkeys against WebAuthn code the project did not write, so that the fake is not only checked
against its own VirtualAuthenticator:

- ``soft-webauthn`` (a software authenticator) registers a passkey with the fake and signs in
  with it;
- ``webauthn`` (py_webauthn, Duo's relying-party library) parses the options the fake sends and
  verifies what VirtualAuthenticator answers, as a real relying party would.

Both come with the ``test`` extra; the tests are skipped where they are not installed.
"""

from __future__ import annotations

import base64
import json
from typing import Any, Dict

import pytest

from pytest_cognito_idp import VirtualAuthenticator
from pytest_cognito_idp.resources import AppClient, User, UserPool

RP = "auth.example.com"
ORIGIN = f"https://{RP}"
PASSKEY_POOL = pytest.mark.cognito_pool(
    Policies={"SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "WEB_AUTHN"]}}
)


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


@pytest.fixture
def token(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> str:
    client.set_user_pool_mfa_config(
        UserPoolId=cognito_pool.id, WebAuthnConfiguration={"RelyingPartyId": RP}
    )
    return str(cognito_pool.sign_in("jane", cognito_user.password or "")["AccessToken"])


def sign_in_options(client: Any, app: AppClient) -> Dict[str, Any]:
    started: Dict[str, Any] = client.initiate_auth(
        ClientId=app.id,
        AuthFlow="USER_AUTH",
        AuthParameters={"USERNAME": "jane", "PREFERRED_CHALLENGE": "WEB_AUTHN"},
    )
    return started


def respond(client: Any, app: AppClient, session: str, credential: Dict[str, Any]) -> Any:
    return client.respond_to_auth_challenge(
        ClientId=app.id,
        ChallengeName="WEB_AUTHN",
        Session=session,
        ChallengeResponses={"USERNAME": "jane", "CREDENTIAL": json.dumps(credential)},
    )


# -- soft-webauthn's authenticator against the fake ---------------------------------------------


@PASSKEY_POOL
def test_soft_webauthn_registers_and_signs_in(
    client: Any, cognito_app_client: AppClient, token: str
) -> None:
    soft = pytest.importorskip("soft_webauthn", reason="soft-webauthn is not installed")
    device = soft.SoftWebauthnDevice()
    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    # soft-webauthn takes the browser's binary form of the options and answers in it too.
    public_key = {
        **options,
        "challenge": unb64url(options["challenge"]),
        "user": {**options["user"], "id": unb64url(options["user"]["id"])},
    }
    created = device.create({"publicKey": public_key}, ORIGIN)
    client.complete_web_authn_registration(
        AccessToken=token,
        Credential={
            "id": b64url(created["rawId"]),
            "rawId": b64url(created["rawId"]),
            "type": "public-key",
            "response": {
                "clientDataJSON": b64url(created["response"]["clientDataJSON"]),
                "attestationObject": b64url(created["response"]["attestationObject"]),
            },
            "clientExtensionResults": {},
        },
    )
    listed = client.list_web_authn_credentials(AccessToken=token)["Credentials"]
    assert [c["CredentialId"] for c in listed] == [b64url(device.credential_id)]

    for _ in range(2):  # its counter goes up from one sign-in to the next
        started = sign_in_options(client, cognito_app_client)
        request = json.loads(started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"])
        asserted = device.get(
            {"publicKey": {**request, "challenge": unb64url(request["challenge"])}}, ORIGIN
        )
        response = asserted["response"]
        done = respond(
            client,
            cognito_app_client,
            started["Session"],
            {
                "id": b64url(asserted["rawId"]),
                "rawId": b64url(asserted["rawId"]),
                "type": "public-key",
                "response": {
                    "clientDataJSON": b64url(response["clientDataJSON"]),
                    "authenticatorData": b64url(response["authenticatorData"]),
                    "signature": b64url(response["signature"]),
                    "userHandle": b64url(response["userHandle"]),
                },
                "clientExtensionResults": {},
            },
        )
        claims = cognito_app_client.pool.verify_token(done["AuthenticationResult"]["IdToken"])
        assert claims["cognito:username"] == "jane"


# -- py_webauthn judges the fake's options and VirtualAuthenticator's answers --------------------


@PASSKEY_POOL
@pytest.mark.parametrize("attestation", ["none", "packed"])
def test_py_webauthn_verifies_virtual_authenticator_registration_and_sign_in(
    client: Any, cognito_app_client: AppClient, token: str, attestation: str
) -> None:
    webauthn = pytest.importorskip("webauthn", reason="webauthn (py_webauthn) is not installed")
    helpers = pytest.importorskip("webauthn.helpers")
    device = VirtualAuthenticator(attestation=attestation)

    options = client.start_web_authn_registration(AccessToken=token)["CredentialCreationOptions"]
    # py_webauthn wants ``attestation``, which the options leave to WebAuthn's default, none.
    parsed = helpers.parse_registration_options_json({"attestation": "none", **options})
    assert parsed.rp.id == RP
    created = device.create(options)
    registered = webauthn.verify_registration_response(
        credential=created,
        expected_challenge=parsed.challenge,
        expected_origin=ORIGIN,
        expected_rp_id=RP,
        require_user_verification=True,
    )
    assert b64url(registered.credential_id) == created["id"]
    assert registered.fmt == attestation
    client.complete_web_authn_registration(AccessToken=token, Credential=created)

    started = sign_in_options(client, cognito_app_client)
    text = started["ChallengeParameters"]["CREDENTIAL_REQUEST_OPTIONS"]
    request = helpers.parse_authentication_options_json(text)
    assert request.rp_id == RP
    assert [b64url(c.id) for c in request.allow_credentials] == [created["id"]]
    asserted = device.get(text)
    verified = webauthn.verify_authentication_response(
        credential=asserted,
        expected_challenge=request.challenge,
        expected_rp_id=RP,
        expected_origin=ORIGIN,
        credential_public_key=registered.credential_public_key,
        credential_current_sign_count=registered.sign_count,
        require_user_verification=True,
    )
    assert verified.new_sign_count == 1
    done = respond(client, cognito_app_client, started["Session"], asserted)
    assert "AccessToken" in done["AuthenticationResult"]
