"""Passkeys (WebAuthn): registering a user's authenticator and keeping its public key.

StartWebAuthnRegistration issues creation options with a random challenge for the relying party
(the pool's ``WebAuthnConfiguration.RelyingPartyId``, else its domain); CompleteWebAuthnRegistration
verifies the browser's answer as a relying party must (W3C WebAuthn level 2, section 7.1): the
client data (type, challenge, origin), the attestation object (CBOR: relying party hash, flags,
the credential and its COSE key) and the attestation statement of format ``none`` or ``packed``
(self attestation, or an x5c certificate whose chain is not judged: Cognito does not enforce
attestation).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple, Union
from urllib.parse import urlsplit

import attrs
from cryptography import x509
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

from ...errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
    WebAuthnChallengeNotFoundException,
    WebAuthnClientMismatchException,
    WebAuthnConfigurationMissingException,
    WebAuthnCredentialNotSupportedException,
    WebAuthnNotEnabledException,
    WebAuthnOriginNotAllowedException,
    WebAuthnRelyingPartyMismatchException,
)
from ..core import cbor

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..model.users import User

PublicKey = Union[ec.EllipticCurvePublicKey, rsa.RSAPublicKey]

ES256 = -7
RS256 = -257
MAX_PASSKEYS = 20  # per user [DG:amazon-cognito-user-pools-authentication-flow-methods]
TIMEOUT_MS = 60_000  # the creation options' timeout (unconfirmed)
CHALLENGE_SECONDS = 300  # how long a registration challenge can be answered (unconfirmed)

# Flags of the authenticator data.
USER_PRESENT = 0x01
USER_VERIFIED = 0x04
ATTESTED_DATA = 0x40


@attrs.define
class PasskeyRegistration:
    """A StartWebAuthnRegistration waiting for its answer (a later start replaces it)."""

    challenge: str  # base64url, unpadded, as sent in the options
    client_id: str
    relying_party_id: str
    user_verification: str  # required | preferred
    expires: float


@attrs.define
class Passkey:
    id: str  # the credential ID, base64url
    cose_key: bytes
    algorithm: int
    sign_count: int
    relying_party_id: str
    transports: List[str]
    attachment: Optional[str]
    created: float
    # The service names passkeys after the authenticator model when it knows the AAGUID;
    # the fake knows none, so every passkey gets the generic name (unconfirmed).
    friendly_name: str = "Passkey"


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def unb64url(text: Any, what: str) -> bytes:
    if not isinstance(text, str):
        raise _malformed(f"{what} is missing")
    try:
        return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError):
        raise _malformed(f"{what} is not base64url") from None


def _malformed(why: str) -> InvalidParameterException:
    return InvalidParameterException(f"Invalid passkey credential: {why}.")  # unconfirmed wording


# -- starting -----------------------------------------------------------------------------------


def relying_party(pool: UserPool, domain: Optional[str]) -> Tuple[str, str]:
    """The relying party ID and user verification passkeys of ``pool`` use.

    Raises WebAuthnNotEnabledException when the pool does not allow passkeys (WEB_AUTHN among
    its first factors), WebAuthnConfigurationMissingException when it names no relying party
    and has no domain. Both messages are unconfirmed.
    """
    if "WEB_AUTHN" not in pool.config.first_auth_factors:
        raise WebAuthnNotEnabledException("Passkeys are not enabled for this user pool.")
    factors = pool.mfa_factors
    rp_id = factors.relying_party_id or domain
    if not rp_id:
        raise WebAuthnConfigurationMissingException(
            "The user pool has no passkey relying party ID and no domain."
        )
    return rp_id, factors.user_verification


def start(
    pool: UserPool, user: User, client_id: str, domain: Optional[str], now: float
) -> Dict[str, Any]:
    """StartWebAuthnRegistration: the CredentialCreationOptions, remembered for the answer."""
    rp_id, verification = relying_party(pool, domain)
    if len(user.passkeys) >= MAX_PASSKEYS:
        raise LimitExceededException(
            f"The user has reached the limit of {MAX_PASSKEYS} passkeys."  # unconfirmed
        )
    challenge = b64url(os.urandom(32))
    user.passkey_registration = PasskeyRegistration(
        challenge, client_id, rp_id, verification, now + CHALLENGE_SECONDS
    )
    return {
        "authenticatorSelection": {
            "requireResidentKey": True,
            "residentKey": "required",
            "userVerification": verification,
        },
        "challenge": challenge,
        "excludeCredentials": [{"id": k, "type": "public-key"} for k in user.passkeys],
        "pubKeyCredParams": [
            {"alg": ES256, "type": "public-key"},
            {"alg": RS256, "type": "public-key"},
        ],
        "rp": {"id": rp_id, "name": rp_id},
        "timeout": TIMEOUT_MS,
        "user": {
            "displayName": user.username,
            "id": b64url(user.sub.encode()),
            "name": user.username,
        },
    }


# -- completing ----------------------------------------------------------------------------------


def complete(user: User, client_id: str, credential: Dict[str, Any], now: float) -> Passkey:
    """CompleteWebAuthnRegistration: verify the answer; the new passkey (stored on success)."""
    pending = user.passkey_registration
    if pending is None or now >= pending.expires:
        raise WebAuthnChallengeNotFoundException(
            "The passkey registration challenge was not found or has expired."  # unconfirmed
        )
    if pending.client_id != client_id:
        raise WebAuthnClientMismatchException(
            "The access token is for a different app client than the one that started the "
            "passkey registration."  # unconfirmed
        )
    response = credential.get("response")
    if not isinstance(response, dict):
        raise _malformed("response is missing")
    client_data_raw = unb64url(response.get("clientDataJSON"), "clientDataJSON")
    _check_client_data(client_data_raw, pending)
    attestation = _decode_map(unb64url(response.get("attestationObject"), "attestationObject"))
    auth_data = attestation.get("authData")
    if not isinstance(auth_data, bytes):
        raise _malformed("the attestation object has no authData")
    credential_id, cose_raw, sign_count = _check_auth_data(auth_data, pending)
    algorithm, key = public_key(cose_raw)
    _check_statement(
        attestation, auth_data, hashlib.sha256(client_data_raw).digest(), algorithm, key
    )
    new_id = b64url(credential_id)
    if credential.get("id", new_id) != new_id:
        raise _malformed("id is not the credential ID of the attestation")
    if new_id in user.passkeys:
        raise InvalidParameterException("The passkey is already registered.")  # unconfirmed
    transports = response.get("transports") or []
    attachment = credential.get("authenticatorAttachment")
    passkey = Passkey(
        id=new_id,
        cose_key=cose_raw,
        algorithm=algorithm,
        sign_count=sign_count,
        relying_party_id=pending.relying_party_id,
        transports=[str(t) for t in transports if isinstance(t, str)],
        attachment=attachment if isinstance(attachment, str) else None,
        created=now,
    )
    user.passkeys[new_id] = passkey
    user.passkey_registration = None
    return passkey


def delete(user: User, credential_id: str) -> None:
    """DeleteWebAuthnCredential."""
    if credential_id not in user.passkeys:
        # The service's wording is unconfirmed.
        raise ResourceNotFoundException("The passkey credential does not exist.")
    del user.passkeys[credential_id]


def _decode_map(raw: bytes) -> Dict[Any, Any]:
    try:
        value = cbor.decode(raw)
    except cbor.CborError as exc:
        raise _malformed(f"the attestation object is not CBOR ({exc})") from None
    if not isinstance(value, dict):
        raise _malformed("the attestation object is not a CBOR map")
    return value


def _check_client_data(raw: bytes, pending: PasskeyRegistration) -> None:
    try:
        data = json.loads(raw)
    except ValueError:
        raise _malformed("clientDataJSON is not JSON") from None
    if not isinstance(data, dict) or data.get("type") != "webauthn.create":
        raise _malformed("clientDataJSON is not of type webauthn.create")
    if data.get("challenge") != pending.challenge:
        raise WebAuthnChallengeNotFoundException(
            "The passkey credential does not answer the registration challenge."  # unconfirmed
        )
    origin = data.get("origin")
    if not isinstance(origin, str) or not origin_allowed(origin, pending.relying_party_id):
        raise WebAuthnOriginNotAllowedException(
            f"The origin {origin} is not allowed for relying party "
            f"{pending.relying_party_id}."  # unconfirmed
        )


def origin_allowed(origin: str, rp_id: str) -> bool:
    """An https origin on the relying party's domain or a subdomain (http only for localhost)."""
    try:
        parts = urlsplit(origin)
        host = parts.hostname or ""
        parts.port  # noqa: B018 -- a malformed port raises here
    except ValueError:
        return False
    on_domain = host == rp_id or host.endswith("." + rp_id)
    if parts.scheme == "https":
        return on_domain
    return parts.scheme == "http" and host == "localhost" and on_domain


def _check_auth_data(auth_data: bytes, pending: PasskeyRegistration) -> Tuple[bytes, bytes, int]:
    """The credential ID, its COSE key (raw CBOR) and the signature counter."""
    if len(auth_data) < 37 + 18:
        raise _malformed("authData is too short")
    if auth_data[:32] != hashlib.sha256(pending.relying_party_id.encode()).digest():
        raise WebAuthnRelyingPartyMismatchException(
            f"The passkey credential is not for relying party "
            f"{pending.relying_party_id}."  # unconfirmed
        )
    flags = auth_data[32]
    if not flags & USER_PRESENT:
        raise _malformed("the user was not present")
    if pending.user_verification == "required" and not flags & USER_VERIFIED:
        raise WebAuthnCredentialNotSupportedException(
            "The passkey authenticator did not verify the user, and the user pool requires "
            "user verification."  # unconfirmed
        )
    if not flags & ATTESTED_DATA:
        raise _malformed("authData has no attested credential data")
    sign_count = int.from_bytes(auth_data[33:37], "big")
    id_length = int.from_bytes(auth_data[53:55], "big")
    credential_id = auth_data[55 : 55 + id_length]
    if len(credential_id) != id_length or not credential_id:
        raise _malformed("authData is truncated")
    key_start = 55 + id_length
    try:
        _, key_end = cbor.decode_first(auth_data, key_start)
    except cbor.CborError as exc:
        raise _malformed(f"the credential public key is not CBOR ({exc})") from None
    return credential_id, auth_data[key_start:key_end], sign_count


def public_key(cose_raw: bytes) -> Tuple[int, PublicKey]:
    """The algorithm and key of a COSE_Key: ES256 on P-256, or RS256."""
    try:
        cose = cbor.decode(cose_raw)
    except cbor.CborError as exc:
        raise _malformed(f"the credential public key is not CBOR ({exc})") from None
    if not isinstance(cose, dict):
        raise _malformed("the credential public key is not a COSE key")
    kty, alg = cose.get(1), cose.get(3)
    try:
        if kty == 2 and alg == ES256 and cose.get(-1) == 1:
            x, y = cose.get(-2), cose.get(-3)
            if isinstance(x, bytes) and isinstance(y, bytes) and len(x) == len(y) == 32:
                point = ec.EllipticCurvePublicNumbers(
                    int.from_bytes(x, "big"), int.from_bytes(y, "big"), ec.SECP256R1()
                )
                return ES256, point.public_key()
        if kty == 3 and alg == RS256:
            n, e = cose.get(-1), cose.get(-2)
            if isinstance(n, bytes) and isinstance(e, bytes):
                numbers = rsa.RSAPublicNumbers(int.from_bytes(e, "big"), int.from_bytes(n, "big"))
                return RS256, numbers.public_key()
    except ValueError:
        raise _malformed("the credential public key is not a valid key") from None
    raise WebAuthnCredentialNotSupportedException(
        f"The passkey's key type {kty} with algorithm {alg} is not supported; use ES256 (P-256) "
        "or RS256."  # unconfirmed
    )


def _check_statement(
    attestation: Dict[Any, Any],
    auth_data: bytes,
    client_data_hash: bytes,
    algorithm: int,
    key: PublicKey,
) -> None:
    fmt = attestation.get("fmt")
    statement = attestation.get("attStmt")
    if not isinstance(statement, dict):
        raise _malformed("the attestation object has no attStmt")
    if fmt == "none":
        if statement:
            raise _malformed("a none attestation carries a statement")
        return
    if fmt != "packed":
        raise WebAuthnCredentialNotSupportedException(
            f"The passkey attestation format {fmt} is not supported."  # unconfirmed
        )
    signature, alg = statement.get("sig"), statement.get("alg")
    if not isinstance(signature, bytes) or alg not in (ES256, RS256):
        raise _malformed("the packed attestation statement is incomplete")
    signer: PublicKey = key
    chain = statement.get("x5c")
    if chain is not None:
        try:
            cert = x509.load_der_x509_certificate(chain[0])
            cert_key = cert.public_key()
        except (ValueError, TypeError, IndexError, KeyError):
            raise _malformed("the attestation certificate is not valid") from None
        if not isinstance(cert_key, (ec.EllipticCurvePublicKey, rsa.RSAPublicKey)):
            raise _malformed("the attestation certificate key is not EC or RSA")
        signer = cert_key
    elif alg != algorithm:
        raise _malformed("the self attestation's algorithm is not the credential's")
    if not verifies(signer, alg, signature, auth_data + client_data_hash):
        raise _malformed("the attestation signature does not verify")


def verifies(key: PublicKey, alg: int, signature: bytes, message: bytes) -> bool:
    try:
        if isinstance(key, ec.EllipticCurvePublicKey) and alg == ES256:
            key.verify(signature, message, ec.ECDSA(hashes.SHA256()))
            return True
        if isinstance(key, rsa.RSAPublicKey) and alg == RS256:
            key.verify(signature, message, padding.PKCS1v15(), hashes.SHA256())
            return True
    except InvalidSignature:
        return False
    return False
