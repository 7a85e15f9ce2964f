"""The user's devices: the authenticator-app helper agrees with the fake's TOTP check, and the
VirtualAuthenticator answers WebAuthn options as a browser would."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any, Dict

import pytest

from pytest_cognito_idp import Clock, VirtualAuthenticator, totp_code
from pytest_cognito_idp.backend.core import cbor, totp

SECRET = "JBSWY3DPEHPK3PXP"


def test_code_at_a_given_instant_matches_rfc_6238_steps() -> None:
    when = dt.datetime(2024, 1, 1, tzinfo=dt.timezone.utc)
    assert totp_code(SECRET, when) == totp.code_at(SECRET, int(when.timestamp()) // 30)
    assert totp_code(SECRET, when.timestamp()) == totp_code(SECRET, when)


def test_default_is_the_fakes_current_time(cognito_clock: Clock) -> None:
    code = totp_code(SECRET)
    assert code == totp_code(SECRET, cognito_clock.now())
    cognito_clock.advance(seconds=30)
    assert totp_code(SECRET) == totp_code(SECRET, cognito_clock.now())
    assert len(code) == 6
    assert code.isdigit()


# -- VirtualAuthenticator ------------------------------------------------------------------------

CREATION = {
    "challenge": "Y2hhbGxlbmdl",
    "rp": {"id": "example.com", "name": "example.com"},
    "user": {"id": "dXNlcg", "name": "jane", "displayName": "jane"},
    "pubKeyCredParams": [{"alg": -7, "type": "public-key"}],
}


def _client_data(credential: Dict[str, Any]) -> Dict[str, Any]:
    raw = credential["response"]["clientDataJSON"]
    data: Dict[str, Any] = json.loads(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    return data


def test_create_answers_for_the_relying_party_with_a_none_attestation() -> None:
    device = VirtualAuthenticator()
    created = device.create(CREATION)

    assert _client_data(created) == {
        "type": "webauthn.create",
        "challenge": "Y2hhbGxlbmdl",
        "origin": "https://example.com",
        "crossOrigin": False,
    }
    raw = created["response"]["attestationObject"]
    attestation = cbor.decode(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    assert attestation["fmt"] == "none"
    assert attestation["attStmt"] == {}
    assert attestation["authData"][32] == 0x45  # user present and verified, attested data
    assert created["id"] == created["rawId"]
    assert [c.rp_id for c in device.credentials] == ["example.com"]
    assert device.credentials[0].user_handle == b"user"


def test_get_signs_with_the_newest_allowed_passkey_and_counts() -> None:
    device = VirtualAuthenticator(origin="https://app.example.com")
    first, second = device.create(CREATION), device.create(CREATION)
    request = {"challenge": "YWJj", "rpId": "example.com", "allowCredentials": []}

    assert device.get(request)["id"] == second["id"]
    only_first = {**request, "allowCredentials": [{"id": first["id"], "type": "public-key"}]}
    asserted = device.get(json.dumps(only_first))  # the JSON string is taken too
    assert asserted["id"] == first["id"]
    assert _client_data(asserted)["origin"] == "https://app.example.com"
    assert _client_data(asserted)["type"] == "webauthn.get"
    assert [c.sign_count for c in device.credentials] == [1, 1]
    device.get({"publicKey": only_first})  # and the navigator.credentials wrapper
    assert device.credentials[0].sign_count == 2


def test_misuse_is_a_value_error() -> None:
    device = VirtualAuthenticator()
    with pytest.raises(ValueError, match=r"no passkey for example\.com"):
        device.get({"challenge": "YWJj", "rpId": "example.com"})
    with pytest.raises(ValueError, match="do not accept ES256"):
        device.create({**CREATION, "pubKeyCredParams": [{"alg": -257, "type": "public-key"}]})
    created = device.create(CREATION)
    with pytest.raises(ValueError, match="already holds a passkey the options exclude"):
        device.create({**CREATION, "excludeCredentials": [{"id": created["id"]}]})
    with pytest.raises(ValueError, match="not WebAuthn options"):
        device.get({"rpId": "example.com"})


def test_a_packed_self_attestation_and_a_device_without_user_verification() -> None:
    device = VirtualAuthenticator(attestation="packed", user_verified=False)
    created = device.create(CREATION)
    raw = created["response"]["attestationObject"]
    attestation = cbor.decode(base64.urlsafe_b64decode(raw + "=" * (-len(raw) % 4)))
    assert attestation["fmt"] == "packed"
    assert attestation["attStmt"]["alg"] == -7
    assert attestation["authData"][32] == 0x41  # present, not verified, attested data
    asserted = device.get({"challenge": "YWJj", "rpId": "example.com"})
    data = asserted["response"]["authenticatorData"]
    assert base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))[32] == 0x01
    with pytest.raises(ValueError, match="attestation must be 'none' or 'packed'"):
        VirtualAuthenticator(attestation="tpm")
