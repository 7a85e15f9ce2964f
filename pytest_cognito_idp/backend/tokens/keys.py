"""The RSA keys that sign a pool's tokens, as its JWKS publishes them.

Generating an RSA 2048 key takes tens of milliseconds, too slow to pay per test. Keys therefore
come from a process-wide stock, generated on first need and reused by every fake afterwards: a
pool takes the first two stock keys no other pool of its fake holds (one for ID tokens, one for
access tokens, as in AWS), so keys are distinct within a fake and shared across fakes. Nothing is
generated until a pool issues a token or shows its JWKS.
"""

from __future__ import annotations

import base64
import hashlib
import threading
from typing import TYPE_CHECKING, Any, Dict, Iterator, List, Optional

import attrs
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..state import Backend


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _uint(n: int) -> str:
    return b64url(n.to_bytes((n.bit_length() + 7) // 8, "big"))


@attrs.frozen(eq=False)
class SigningKey:
    """One RSA key pair of the stock; ``index`` is its place in the stock."""

    index: int
    private: rsa.RSAPrivateKey = attrs.field(repr=False)
    # Like AWS's: standard base64 of a 32-byte digest (``...=``).
    kid: str

    @property
    def jwk(self) -> Dict[str, str]:
        numbers = self.private.public_key().public_numbers()
        return {
            "alg": "RS256",
            "e": _uint(numbers.e),
            "kid": self.kid,
            "kty": "RSA",
            "n": _uint(numbers.n),
            "use": "sig",
        }

    @property
    def public_pem(self) -> bytes:
        return self.private.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        )

    def sign(self, data: bytes) -> bytes:
        """RS256: RSASSA-PKCS1-v1_5 with SHA-256."""
        return self.private.sign(data, padding.PKCS1v15(), hashes.SHA256())

    def verifies(self, signature: bytes, data: bytes) -> bool:
        try:
            self.private.public_key().verify(signature, data, padding.PKCS1v15(), hashes.SHA256())
        except InvalidSignature:
            return False
        return True


@attrs.frozen(eq=False)
class PoolKeys:
    """A pool's two keys: ID tokens and access tokens are signed with different ``kid``s."""

    id_token: SigningKey
    access_token: SigningKey

    def __iter__(self) -> Iterator[SigningKey]:
        return iter((self.id_token, self.access_token))

    def by_kid(self, kid: Any) -> Optional[SigningKey]:
        return next((k for k in self if k.kid == kid), None)

    @property
    def jwks(self) -> Dict[str, List[Dict[str, str]]]:
        return {"keys": [k.jwk for k in self]}


_stock: List[SigningKey] = []
_stock_lock = threading.Lock()


def _generate(index: int) -> SigningKey:
    private = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    der = private.public_key().public_bytes(
        serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    kid = base64.b64encode(hashlib.sha256(der).digest()).decode()
    return SigningKey(index, private, kid)


def stock_key(index: int) -> SigningKey:
    """The ``index``-th key of the process-wide stock, generating keys up to it if needed."""
    with _stock_lock:
        while len(_stock) <= index:
            _stock.append(_generate(len(_stock)))
        return _stock[index]


def stock_size() -> int:
    return len(_stock)


# Handing keys out has a lock of its own rather than the fake's, so the loopback server's thread
# can serve a JWKS while a call holds the fake (a trigger fetching its pool's JWKS).
_assign_lock = threading.Lock()


def keys_of(backend: Backend, pool: UserPool) -> PoolKeys:
    """The pool's keys; on first use, two stock keys no other pool of ``backend`` holds."""
    if pool.signing_keys is not None:
        return pool.signing_keys
    with _assign_lock:
        if pool.signing_keys is not None:
            return pool.signing_keys
        taken = {
            key.index
            for region in list(backend.regions.values())
            for other in list(region.pools.values())
            if other.signing_keys is not None
            for key in other.signing_keys
        }
        free = (i for i in range(len(taken) + 2) if i not in taken)
        pool.signing_keys = PoolKeys(stock_key(next(free)), stock_key(next(free)))
        return pool.signing_keys
