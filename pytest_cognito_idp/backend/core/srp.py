"""Cognito's SRP-6a, server side: the math behind PASSWORD_VERIFIER and DEVICE_PASSWORD_VERIFIER.

Cognito's clients (amazon-cognito-identity-js, pycognito, Amplify) agree on the details, which
are not RFC 5054's: ``padHex`` is minimal big-endian hex (not padded to the group size), ``x``
hashes the pool ID's suffix (or a device's group key) with the identity and password, and the
session key is 16 bytes of HKDF-SHA256 with the info "Caldera Derived Key". Plain ints and
``pow()`` are fast enough: one sign-in costs the server three 3072-bit exponentiations.
"""

from __future__ import annotations

import base64
import binascii
import datetime as _dt
import functools
import hashlib
import hmac
import os
import re
import secrets
import uuid
from typing import Optional, Tuple

import attrs

# RFC 3526's 3072-bit MODP group, as every Cognito client hard-codes it.
N_HEX = (
    "FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A0879"
    "8E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B"
    "0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA4836"
    "1C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804"
    "F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6"
    "955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64"
    "ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D226"
    "1AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E2"
    "08E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF"
)
N = int(N_HEX, 16)
G = 2
INFO = b"Caldera Derived Key\x01"
# How far a client's TIMESTAMP may be from the service's clock. Cognito's tolerance is not
# documented; a few minutes covers the clock skew clients see in practice (unconfirmed).
TIMESTAMP_TOLERANCE = 5 * 60

_HEX = re.compile(r"[0-9a-fA-F]+")
_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
# "Tue Sep 3 07:13:52 UTC 2024": no leading zero on the day; a padded day is rejected.
_TIMESTAMP = re.compile(
    r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) "
    r"([1-9]|[12][0-9]|3[01]) ([01][0-9]|2[0-3]):([0-5][0-9]):([0-5][0-9]) UTC ([0-9]{4})"
)


def pad_hex(value: int) -> str:
    """Minimal big-endian hex, with a leading zero byte when the top bit is set (Cognito's)."""
    text = f"{value:x}"
    if len(text) % 2:
        return "0" + text
    if text[0] in "89abcdef":
        return "00" + text
    return text


def _hash_hex(hex_text: str) -> str:
    return hashlib.sha256(bytes.fromhex(hex_text)).hexdigest()


K = int(_hash_hex(pad_hex(N) + pad_hex(G)), 16)


def compute_x(salt: int, prefix: str, identity: str, password: str) -> int:
    """``x = H(padHex(salt) || hex(H(prefix || identity || ":" || password)))``."""
    inner = hashlib.sha256(f"{prefix}{identity}:{password}".encode()).hexdigest()
    return int(_hash_hex(pad_hex(salt) + inner), 16)


@attrs.frozen
class Verifier:
    """What the server keeps of a password: the salt and ``v = g^x mod N``."""

    salt: int
    v: int

    @property
    def salt_hex(self) -> str:
        return pad_hex(self.salt)


# Salts of password verifiers are derived from this process-wide key, so that one user and
# password always get the same salt (and the verifier can be cached) without storing it.
_SALT_KEY = os.urandom(32)


@functools.lru_cache(maxsize=1024)
def password_verifier(pool_id: str, user_id: str, password: str) -> Verifier:
    """The verifier of a user's password (cached per user and password)."""
    digest = hmac.new(_SALT_KEY, f"{pool_id}\0{user_id}\0{password}".encode(), "sha256")
    salt = int.from_bytes(digest.digest()[:16], "big")
    x = compute_x(salt, pool_suffix(pool_id), user_id, password)
    return Verifier(salt, pow(G, x, N))


def simulated_identity(pool_id: str, username: str) -> Tuple[str, Verifier]:
    """A stable internal ID and verifier for a user that does not exist (no password matches)."""
    digest = hmac.new(_SALT_KEY, f"unknown\0{pool_id}\0{username}".encode(), "sha256").digest()
    user_id = str(uuid.UUID(bytes=digest[:16], version=4))
    return user_id, Verifier(int.from_bytes(digest[16:], "big"), pow(G, secrets.randbits(256), N))


def device_verifier(password_verifier_b64: str, salt_b64: str) -> Optional[Verifier]:
    """A device's verifier from ConfirmDevice's ``DeviceSecretVerifierConfig``; None if invalid."""
    try:
        v = int.from_bytes(base64.b64decode(password_verifier_b64, validate=True), "big")
        salt = int.from_bytes(base64.b64decode(salt_b64, validate=True), "big")
    except (binascii.Error, ValueError):
        return None
    if not 1 < v < N or salt <= 0:
        return None
    return Verifier(salt, v)


def pool_suffix(pool_id: str) -> str:
    """The part of a pool ID after ``_``: what Cognito mixes into ``x`` and the signature."""
    return pool_id.partition("_")[2]


def parse_a(srp_a: str) -> Optional[int]:
    """The client's public value ``A`` from hex, or None if it is not a valid one.

    Plain hex digits only: ``int(..., 16)`` alone would take a sign ("-5"), a "0x" prefix,
    underscores and whitespace, and a negative ``A`` cannot be hex-encoded again later.
    """
    if _HEX.fullmatch(srp_a) is None:
        return None
    a = int(srp_a, 16)
    return a if a % N else None


@attrs.frozen
class Exchange:
    """One server side of an SRP exchange: ``B`` is sent, the key is kept for the signature."""

    salt_hex: str
    b_hex: str
    key: bytes


def start(a: int, verifier: Verifier) -> Exchange:
    """Pick ``b``, send ``B = k*v + g^b``, and derive the key ``HKDF(S, u)``."""
    while True:
        # A 256-bit exponent keeps the exchange secure enough for a fake and 10x cheaper than
        # a full-size one (the client picks its own ``a``; nothing it checks depends on |b|).
        b = secrets.randbits(256) | 1
        big_b = (K * verifier.v + pow(G, b, N)) % N
        u = int(_hash_hex(pad_hex(a) + pad_hex(big_b)), 16)
        if big_b and u:
            break
    s = pow(a * pow(verifier.v, u, N), b, N)
    prk = hmac.new(bytes.fromhex(pad_hex(u)), bytes.fromhex(pad_hex(s)), "sha256").digest()
    key = hmac.new(prk, INFO, "sha256").digest()[:16]
    return Exchange(verifier.salt_hex, f"{big_b:x}", key)


def new_secret_block() -> str:
    """An opaque SECRET_BLOCK: random bytes, base64, as long as the service's are."""
    return base64.b64encode(os.urandom(720)).decode()


def signature(key: bytes, prefix: str, identity: str, secret_block: str, timestamp: str) -> str:
    """``PASSWORD_CLAIM_SIGNATURE`` as a client computes it (tests use this too)."""
    message = (
        prefix.encode() + identity.encode() + base64.b64decode(secret_block) + timestamp.encode()
    )
    return base64.b64encode(hmac.new(key, message, "sha256").digest()).decode()


def signature_matches(
    key: bytes, prefix: str, identity: str, secret_block: str, timestamp: str, claimed: str
) -> bool:
    expected = signature(key, prefix, identity, secret_block, timestamp)
    return hmac.compare_digest(expected.encode(), claimed.encode())


def format_timestamp(when: _dt.datetime) -> str:
    """Cognito's TIMESTAMP: ``Tue Sep 3 07:13:52 UTC 2024`` (UTC, no leading zero on the day)."""
    when = when.astimezone(_dt.timezone.utc)
    return (
        f"{_DAYS[when.weekday()]} {_MONTHS[when.month - 1]} {when.day} "
        f"{when:%H:%M:%S} UTC {when.year}"
    )


def timestamp_valid(text: str, now: float) -> bool:
    """Whether ``text`` is in Cognito's format and within the tolerance of ``now``."""
    m = _TIMESTAMP.fullmatch(text)
    if m is None:
        return False
    day, month, date, hh, mm, ss, year = m.groups()
    try:
        when = _dt.datetime(
            int(year),
            _MONTHS.index(month) + 1,
            int(date),
            int(hh),
            int(mm),
            int(ss),
            tzinfo=_dt.timezone.utc,
        )
    except ValueError:
        return False
    if _DAYS[when.weekday()] != day:
        return False
    return abs(when.timestamp() - now) <= TIMESTAMP_TOLERANCE
