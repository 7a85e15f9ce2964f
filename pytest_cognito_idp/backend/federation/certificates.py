"""Self-signed X.509 certificates: a pool's SAML signing certificate (GetSigningCertificate) and
the encryption certificate of a SAML provider with encrypted responses.

The service returns them as base64 DER without PEM armour. Certificates are valid for 10 years
from issue (documented for the signing certificate). Their RSA keys come from the process-wide
stock of backend/tokens/keys.py, so making a certificate costs a signature, never a key generation
beyond the stock's first keys.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.x509.oid import NameOID

from ..tokens.keys import stock_key

if TYPE_CHECKING:
    from ..model.pools import UserPool

VALIDITY = dt.timedelta(days=3650)
# Stock keys of the two uses, so a signing and an encryption certificate never share a key.
SIGNING_KEY = 0
ENCRYPTION_KEY = 1


def self_signed(common_name: str, now: float, key_index: int = SIGNING_KEY) -> str:
    """A certificate for ``common_name`` issued at ``now``, as base64 DER."""
    private = stock_key(key_index).private
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    issued = dt.datetime.fromtimestamp(int(now), dt.timezone.utc)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(private.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(issued)
        .not_valid_after(issued + VALIDITY)
        .sign(private, hashes.SHA256())
    )
    return base64.b64encode(certificate.public_bytes(serialization.Encoding.DER)).decode()


def signing_certificate(pool: UserPool, now: float) -> str:
    """The pool's SAML signing certificate, issued on first request and kept."""
    if pool.signing_certificate is None:
        pool.signing_certificate = self_signed(pool.id, now)
    return pool.signing_certificate
