"""RFC 6238 TOTP as Cognito's software token MFA uses it: SHA-1, 30-second steps, 6 digits."""

from __future__ import annotations

import base64
import hmac
import os
import struct
from typing import Optional

STEP = 30
DIGITS = 6
# Codes of the step before and after the current one are accepted too (clock drift).
WINDOW = 1


def new_secret() -> str:
    """A base32 secret without padding, as AssociateSoftwareToken returns it (52 characters)."""
    return base64.b32encode(os.urandom(32)).decode().rstrip("=")


def _key(secret: str) -> bytes:
    return base64.b32decode(secret + "=" * (-len(secret) % 8), casefold=True)


def code_at(secret: str, counter: int) -> str:
    """The code of time step ``counter``."""
    digest = hmac.new(_key(secret), struct.pack(">Q", counter), "sha1").digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**DIGITS).zfill(DIGITS)


def now_code(secret: str, now: float) -> str:
    """The code an authenticator app shows at ``now`` (epoch seconds)."""
    return code_at(secret, int(now // STEP))


def matching_step(secret: str, code: str, now: float) -> Optional[int]:
    """The time step ``code`` belongs to, within the window around ``now``; None if none."""
    current = int(now // STEP)
    for counter in range(current - WINDOW, current + WINDOW + 1):
        if hmac.compare_digest(code_at(secret, counter), code):
            return counter
    return None
