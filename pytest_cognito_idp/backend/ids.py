"""Identifiers shaped like AWS's, so code that parses them keeps working."""

from __future__ import annotations

import os
import random
import string
import uuid

ALNUM = string.ascii_letters + string.digits
_ALNUM = ALNUM
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def pick(alphabet: str, n: int) -> str:
    """``n`` characters drawn uniformly from ``alphabet`` with the OS's randomness.

    One ``os.urandom`` read serves the whole string (``SystemRandom.choices`` reads once per
    character, which showed in the cost of every AdminCreateUser); bytes past the largest
    multiple of the alphabet's size are rejected, so no character is favoured.
    """
    size = len(alphabet)
    limit = 256 - 256 % size
    out: list[str] = []
    while len(out) < n:
        out.extend(alphabet[b % size] for b in os.urandom(2 * (n - len(out))) if b < limit)
    return "".join(out[:n])


def shuffled(items: list[str]) -> list[str]:
    """A uniformly random permutation of ``items``."""
    rng = random.Random(os.urandom(16))
    copy = list(items)
    rng.shuffle(copy)
    return copy


_pick = pick


def pool_id(region: str) -> str:
    """``us-east-1_mrk4RyjYz``: the region, ``_``, 9 letters and digits."""
    return f"{region}_{_pick(_ALNUM, 9)}"


def client_id() -> str:
    """26 lowercase letters and digits, like ``5cj9ag4nvskjkv0dg3sade5fd5``."""
    return _pick(_LOWER_ALNUM, 26)


def client_secret() -> str:
    return _pick(_LOWER_ALNUM, 51)


def import_job_id() -> str:
    """``import-`` and 10 letters and digits."""
    return f"import-{_pick(_ALNUM, 10)}"


def uuid4() -> str:
    return str(uuid.uuid4())
