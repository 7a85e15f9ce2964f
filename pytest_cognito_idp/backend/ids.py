"""Identifiers shaped like AWS's, so code that parses them keeps working."""

from __future__ import annotations

import os
import string

ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def pick(alphabet: str, n: int) -> str:
    """``n`` characters drawn uniformly from ``alphabet`` with the OS's randomness.

    One ``os.urandom`` read serves the whole string (``SystemRandom.choices`` reads once per
    character, which showed in the cost of every AdminCreateUser); bytes past the largest
    multiple of the alphabet's size are rejected, so no character is favoured.
    """
    size = len(alphabet)
    limit = 256 - 256 % size
    out = [alphabet[b % size] for b in os.urandom(n + n // 2 + 8) if b < limit]
    if len(out) >= n:
        return "".join(out[:n])
    return "".join(out) + pick(alphabet, n - len(out))


def password(classes: tuple[str, ...], length: int) -> str:
    """A random password of ``length`` with at least one character of each of ``classes``.

    The guaranteed characters and their places come from one read, by modulo (a bias of at most
    a few percent between characters, harmless for a temporary password).
    """
    chars = list(pick("".join(classes), length - len(classes)))
    raw = os.urandom(2 * len(classes))
    for i, alphabet in enumerate(classes):
        chars.insert(raw[2 * i + 1] % (len(chars) + 1), alphabet[raw[2 * i] % len(alphabet)])
    return "".join(chars)


def pool_id(region: str) -> str:
    """``us-east-1_mrk4RyjYz``: the region, ``_``, 9 letters and digits."""
    return f"{region}_{pick(ALNUM, 9)}"


def client_id() -> str:
    """26 lowercase letters and digits, like ``5cj9ag4nvskjkv0dg3sade5fd5``."""
    return pick(_LOWER_ALNUM, 26)


def client_secret() -> str:
    return pick(_LOWER_ALNUM, 51)


def import_job_id() -> str:
    """``import-`` and 10 letters and digits."""
    return f"import-{pick(ALNUM, 10)}"


def uuid4() -> str:
    """A random (version 4) UUID string, built from one read without ``uuid.UUID``'s checks."""
    h = os.urandom(16).hex()
    return f"{h[:8]}-{h[8:12]}-4{h[13:16]}-{_VARIANT[int(h[16], 16) & 3]}{h[17:20]}-{h[20:]}"


_VARIANT = "89ab"
