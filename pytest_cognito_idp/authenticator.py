"""The user's devices, for tests: an authenticator app's TOTP codes (software-token MFA) and a
passkey device (``VirtualAuthenticator``)."""

from __future__ import annotations

import base64
import datetime as _dt
import hashlib
import json
import os
import struct
from typing import Any, Dict, List, Mapping, Optional, Union

import attrs
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec

from . import clock
from .backend.core import cbor, totp
from .backend.signin import passkeys


def totp_code(secret: str, at: Optional[Union[_dt.datetime, float]] = None) -> str:
    """The 6-digit RFC 6238 code for ``secret`` (the ``SecretCode`` of AssociateSoftwareToken)
    at ``at`` (a datetime or epoch seconds; default: the fake's current time)."""
    if at is None:
        when = clock.now()
    elif isinstance(at, _dt.datetime):
        when = at.timestamp()
    else:
        when = float(at)
    return totp.now_code(secret, when)


# -- passkeys ------------------------------------------------------------------------------------


@attrs.define
class VirtualCredential:
    """One passkey the device holds: its ID, key, relying party, user handle and counter."""

    id: bytes
    key: ec.EllipticCurvePrivateKey = attrs.field(repr=False)
    rp_id: str
    user_handle: bytes
    sign_count: int = 0


class VirtualAuthenticator:
    """A software passkey device for tests: what ``navigator.credentials`` would give a browser.

    ``create(options)`` answers the ``CredentialCreationOptions`` of StartWebAuthnRegistration with
    a new ES256 (P-256) passkey and a ``none`` attestation, in the JSON form to send as
    CompleteWebAuthnRegistration's ``Credential``. ``get(options)`` answers the request options of
    a ``WEB_AUTHN`` challenge (``CREDENTIAL_REQUEST_OPTIONS``, parsed or as the JSON string) with
    an assertion, to send JSON-encoded as the ``CREDENTIAL`` challenge response. ``origin``
    defaults to ``https://`` + the options' relying party ID. The device holds several passkeys
    and answers with the newest one the options allow.

    ``attestation="packed"`` gives a packed self attestation instead; ``user_verified=False`` is
    a device that checks presence but not the user (no PIN or biometrics).
    """

    def __init__(
        self, origin: Optional[str] = None, *, attestation: str = "none", user_verified: bool = True
    ) -> None:
        if attestation not in ("none", "packed"):
            raise ValueError(f"attestation must be 'none' or 'packed', not {attestation!r}")
        self.origin = origin
        self.attestation = attestation
        self.user_verified = user_verified
        self.credentials: List[VirtualCredential] = []

    def create(self, options: Union[str, Mapping[str, Any]]) -> Dict[str, Any]:
        """A new passkey for the relying party and user of ``options``: the
        RegistrationResponseJSON."""
        opts = _public_key(options)
        if not any(p.get("alg") == passkeys.ES256 for p in opts.get("pubKeyCredParams") or []):
            raise ValueError("the creation options do not accept ES256 (alg -7) keys")
        rp_id = str(opts["rp"]["id"])
        excluded = {c.get("id") for c in opts.get("excludeCredentials") or []}
        if any(_b64url(c.id) in excluded for c in self.credentials if c.rp_id == rp_id):
            raise ValueError("the device already holds a passkey the options exclude")
        credential = VirtualCredential(
            id=os.urandom(16),
            key=ec.generate_private_key(ec.SECP256R1()),
            rp_id=rp_id,
            user_handle=_unb64url(str(opts["user"]["id"])),
        )
        client_data = self._client_data("webauthn.create", str(opts["challenge"]), rp_id)
        numbers = credential.key.public_key().public_numbers()
        cose_key = cbor.encode(
            {
                1: 2,  # kty: EC2
                3: passkeys.ES256,
                -1: 1,  # crv: P-256
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags() | _ATTESTED])
            + struct.pack(">I", credential.sign_count)
            + bytes(16)  # AAGUID: none attestation names no model
            + struct.pack(">H", len(credential.id))
            + credential.id
            + cose_key
        )
        statement: Dict[str, Any] = {}
        if self.attestation == "packed":  # self attestation: signed with the new key itself
            signed = auth_data + hashlib.sha256(client_data).digest()
            signature = credential.key.sign(signed, ec.ECDSA(hashes.SHA256()))
            statement = {"alg": passkeys.ES256, "sig": signature}
        attestation = cbor.encode(
            {"fmt": self.attestation, "attStmt": statement, "authData": auth_data}
        )
        self.credentials.append(credential)
        return _public_key_credential(
            credential,
            {
                "clientDataJSON": _b64url(client_data),
                "attestationObject": _b64url(attestation),
                "transports": ["internal"],
            },
        )

    def get(self, options: Union[str, Mapping[str, Any]]) -> Dict[str, Any]:
        """An assertion for ``options`` (AuthenticationResponseJSON), signed with the newest
        passkey of the relying party that the options allow."""
        opts = _public_key(options)
        rp_id = str(opts["rpId"])
        allowed = {c.get("id") for c in opts.get("allowCredentials") or []}
        usable = [
            c
            for c in self.credentials
            if c.rp_id == rp_id and (not allowed or _b64url(c.id) in allowed)
        ]
        if not usable:
            raise ValueError(f"the device holds no passkey for {rp_id} that the options allow")
        credential = usable[-1]
        credential.sign_count += 1
        client_data = self._client_data("webauthn.get", str(opts["challenge"]), rp_id)
        auth_data = (
            hashlib.sha256(rp_id.encode()).digest()
            + bytes([self._flags()])
            + struct.pack(">I", credential.sign_count)
        )
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = credential.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return _public_key_credential(
            credential,
            {
                "clientDataJSON": _b64url(client_data),
                "authenticatorData": _b64url(auth_data),
                "signature": _b64url(signature),
                "userHandle": _b64url(credential.user_handle),
            },
        )

    def _flags(self) -> int:
        return _PRESENT | _VERIFIED if self.user_verified else _PRESENT

    def _client_data(self, kind: str, challenge: str, rp_id: str) -> bytes:
        origin = self.origin or f"https://{rp_id}"
        data = {"type": kind, "challenge": challenge, "origin": origin, "crossOrigin": False}
        return json.dumps(data, separators=(",", ":")).encode()


# Authenticator data flags: user present, user verified, attested credential data.
_PRESENT = 0x01
_VERIFIED = 0x04
_ATTESTED = 0x40


def _public_key(options: Union[str, Mapping[str, Any]]) -> Mapping[str, Any]:
    """The options themselves, from a JSON string or a ``{"publicKey": ...}`` wrapper too."""
    parsed: Any = json.loads(options) if isinstance(options, str) else options
    if isinstance(parsed, Mapping) and isinstance(parsed.get("publicKey"), Mapping):
        parsed = parsed["publicKey"]
    if not isinstance(parsed, Mapping) or "challenge" not in parsed:
        raise ValueError("not WebAuthn options: no challenge")
    return parsed


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64url(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _public_key_credential(
    credential: VirtualCredential, response: Dict[str, Any]
) -> Dict[str, Any]:
    """A PublicKeyCredential as the browser's ``toJSON()`` gives it, around ``response``."""
    return {
        "id": _b64url(credential.id),
        "rawId": _b64url(credential.id),
        "type": "public-key",
        "authenticatorAttachment": "platform",
        "clientExtensionResults": {},
        "response": response,
    }
