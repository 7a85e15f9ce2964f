"""A software authenticator for the passkey tests: it answers CredentialCreationOptions with a
real attestation (an EC P-256 key, CBOR, ``none`` or ``packed`` self attestation)."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import struct
from typing import Any, Dict, Optional

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def cbor(value: Any) -> bytes:
    """A minimal CBOR encoder (ints, bytes, text, lists, dicts), for building test data."""

    def head(major: int, n: int) -> bytes:
        if n < 24:
            return bytes([major << 5 | n])
        for info, size in ((24, 1), (25, 2), (26, 4), (27, 8)):
            if n < 1 << (8 * size):
                return bytes([major << 5 | info]) + n.to_bytes(size, "big")
        raise ValueError(n)

    if isinstance(value, bool):
        return bytes([0xF5 if value else 0xF4])
    if isinstance(value, int):
        return head(0, value) if value >= 0 else head(1, -1 - value)
    if isinstance(value, bytes):
        return head(2, len(value)) + value
    if isinstance(value, str):
        raw = value.encode()
        return head(3, len(raw)) + raw
    if isinstance(value, list):
        return head(4, len(value)) + b"".join(cbor(v) for v in value)
    if isinstance(value, dict):
        return head(5, len(value)) + b"".join(cbor(k) + cbor(v) for k, v in value.items())
    raise TypeError(value)


class Authenticator:
    def __init__(self) -> None:
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(16)

    def cose_key(self) -> bytes:
        numbers = self.key.public_key().public_numbers()
        return cbor(
            {
                1: 2,
                3: -7,
                -1: 1,
                -2: numbers.x.to_bytes(32, "big"),
                -3: numbers.y.to_bytes(32, "big"),
            }
        )

    def register(
        self,
        options: Dict[str, Any],
        *,
        origin: Optional[str] = None,
        rp_id: Optional[str] = None,
        challenge: Optional[str] = None,
        fmt: str = "packed",
        flags: int = 0x45,  # user present, user verified, attested data
        type_: str = "webauthn.create",
        bad_signature: bool = False,
        cose_key: Optional[bytes] = None,
    ) -> Dict[str, Any]:
        """The RegistrationResponseJSON a browser sends after navigator.credentials.create()."""
        rp = rp_id or options["rp"]["id"]
        client_data = json.dumps(
            {
                "type": type_,
                "challenge": challenge or options["challenge"],
                "origin": origin or f"https://{rp}",
                "crossOrigin": False,
            }
        ).encode()
        auth_data = (
            hashlib.sha256(rp.encode()).digest()
            + bytes([flags])
            + struct.pack(">I", 0)
            + bytes(16)  # AAGUID
            + struct.pack(">H", len(self.credential_id))
            + self.credential_id
            + (cose_key or self.cose_key())
        )
        statement: Dict[str, Any] = {}
        if fmt == "packed":
            signed = auth_data + hashlib.sha256(client_data).digest()
            signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
            if bad_signature:
                signature = self.key.sign(b"something else", ec.ECDSA(hashes.SHA256()))
            statement = {"alg": -7, "sig": signature}
        attestation = cbor({"fmt": fmt, "attStmt": statement, "authData": auth_data})
        return {
            "id": b64url(self.credential_id),
            "rawId": b64url(self.credential_id),
            "type": "public-key",
            "authenticatorAttachment": "platform",
            "clientExtensionResults": {},
            "response": {
                "clientDataJSON": b64url(client_data),
                "attestationObject": b64url(attestation),
                "transports": ["internal", "hybrid"],
            },
        }
