"""The token formats: RS256 JWS for ID and access tokens, a JWE-shaped refresh token.

Both are built with ``cryptography`` directly. The refresh token looks like AWS's (five
base64url segments under ``{"cty":"JWT","enc":"A256GCM","alg":"RSA-OAEP"}``) and is really
sealed: its payload is AES-GCM encrypted under a key of this process, so a tampered or invented
token fails to open, and only the service can read what it names.
"""

from __future__ import annotations

import base64
import binascii
import json
import os
from typing import Any, Dict, Optional

import attrs
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from .keys import SigningKey, b64url


class MalformedToken(ValueError):
    """The string is not a token of the expected shape."""


def b64url_decode(segment: str) -> bytes:
    try:
        return base64.urlsafe_b64decode(segment + "=" * (-len(segment) % 4))
    except (binascii.Error, ValueError) as exc:
        raise MalformedToken("a segment is not base64url") from exc


def _json_segment(data: Dict[str, Any]) -> str:
    return b64url(json.dumps(data, separators=(",", ":")).encode())


@attrs.frozen
class Jws:
    """A decoded (not yet verified) compact JWS."""

    header: Dict[str, Any]
    claims: Dict[str, Any]
    signing_input: bytes
    signature: bytes
    signature_segment: str


_headers: Dict[str, str] = {}  # kid -> its header segment, the same for every token it signs


def sign(key: SigningKey, claims: Dict[str, Any]) -> str:
    header = _headers.get(key.kid)
    if header is None:
        header = _headers[key.kid] = _json_segment({"kid": key.kid, "alg": "RS256"})
    signing_input = f"{header}.{_json_segment(claims)}"
    return f"{signing_input}.{b64url(key.sign(signing_input.encode()))}"


def parse(token: str) -> Jws:
    """Split and decode a compact JWS; raise ``MalformedToken`` if it is not one."""
    parts = token.split(".")
    if len(parts) != 3 or not all(parts):
        raise MalformedToken("not a JWS")
    try:
        header = json.loads(b64url_decode(parts[0]))
        claims = json.loads(b64url_decode(parts[1]))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise MalformedToken("a segment is not JSON") from exc
    if not isinstance(header, dict) or not isinstance(claims, dict):
        raise MalformedToken("a segment is not a JSON object")
    signing_input = f"{parts[0]}.{parts[1]}".encode()
    return Jws(header, claims, signing_input, b64url_decode(parts[2]), parts[2])


REFRESH_HEADER = {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}
_REFRESH_HEADER_SEGMENT = _json_segment(REFRESH_HEADER)
# One sealing key per process: refresh tokens never outlive it.
_SEAL_KEY = AESGCM(AESGCM.generate_key(bit_length=256))


def seal(payload: Dict[str, str]) -> str:
    """An opaque refresh token carrying ``payload``."""
    iv = os.urandom(12)
    # The second segment stands where AWS has the RSA-OAEP wrapped content key (256 bytes); it
    # is authenticated with the header, so that no segment can change unnoticed.
    protected = f"{_REFRESH_HEADER_SEGMENT}.{b64url(os.urandom(256))}"
    sealed = _SEAL_KEY.encrypt(iv, json.dumps(payload).encode(), protected.encode())
    ciphertext, tag = sealed[:-16], sealed[-16:]
    return ".".join((protected, b64url(iv), b64url(ciphertext), b64url(tag)))


def unseal(token: str) -> Optional[Dict[str, Any]]:
    """The payload of a refresh token this process sealed, or None."""
    parts = token.split(".")
    if len(parts) != 5 or parts[0] != _REFRESH_HEADER_SEGMENT:
        return None
    try:
        iv, ciphertext, tag = (_canonical_decode(p) for p in parts[2:])
        _canonical_decode(parts[1])
        plain = _SEAL_KEY.decrypt(iv, ciphertext + tag, f"{parts[0]}.{parts[1]}".encode())
        payload = json.loads(plain)
    except (MalformedToken, InvalidTag, ValueError):
        return None
    return payload if isinstance(payload, dict) else None


def _canonical_decode(segment: str) -> bytes:
    """A segment's bytes, provided the segment is exactly how they encode: base64 decoding
    skips stray characters and ignores a last character's spare bits, and an edited token
    must not decode to the same bytes."""
    decoded = b64url_decode(segment)
    if b64url(decoded) != segment:
        raise MalformedToken("a segment is not canonical base64url")
    return decoded


def looks_like_jws(token: str) -> bool:
    return token.count(".") == 2
