"""Identifiers shaped like AWS's, so code that parses them keeps working."""

from __future__ import annotations

import random
import string
import uuid

_rng = random.SystemRandom()
_ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits


def _pick(alphabet: str, n: int) -> str:
    return "".join(_rng.choices(alphabet, k=n))


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
