"""Identifiers shaped like AWS's, so code that parses them keeps working."""

from __future__ import annotations

import functools
import itertools
import os
import random
import string

ALNUM = string.ascii_letters + string.digits
_LOWER_ALNUM = string.ascii_lowercase + string.digits

# UUIDs and temporary passwords come from a generator seeded by the OS (and reseeded in a forked
# child, like the ``random`` module's own): nothing here guards a real secret, every user created
# needs both, and an ``os.urandom`` read costs more than the rest of making them. It is private,
# so a test seeding ``random`` does not make two fakes hand out the same ``sub``.
_fast = random.Random()


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
    """A random password of ``length`` with at least one character of each of ``classes``."""
    # Made in batches: the one made per user created is then a list pop, not a few dozen steps
    # through code that every other call has pushed out of the processor's caches.
    batch = _passwords.setdefault((classes, length), [])
    try:
        return batch.pop()
    except IndexError:  # (a pop, not a test first: another thread may take the last one)
        batch.extend(_password(classes, length) for _ in range(64))
        return batch.pop()


def _password(classes: tuple[str, ...], length: int) -> str:
    # One draw of random bytes serves it all: the bulk is translated from them without bias;
    # the guaranteed characters and their places are taken by modulo (a bias of a few percent
    # between characters, harmless for a temporary password).
    bulk = length - len(classes)
    size = length + len(classes)
    raw = _fast.getrandbits(8 * size).to_bytes(size, "little")
    chars = list(raw[:bulk].translate(_bulk_table(classes)).decode("ascii"))
    for i, alphabet in enumerate(classes):
        which, where = raw[bulk + 2 * i], raw[bulk + 2 * i + 1]
        chars.insert(where % (len(chars) + 1), alphabet[which % len(alphabet)])
    return "".join(chars)


_passwords: dict[tuple[tuple[str, ...], int], list[str]] = {}


@functools.lru_cache(maxsize=8)
def _bulk_table(classes: tuple[str, ...]) -> bytes:
    """A ``bytes.translate`` table from random bytes to characters of ``classes`` (ASCII), all
    equally likely: the first 64 (or fewer, a power of two) of them, each 256/size times."""
    alphabet = "".join(classes)
    size = 1 << (min(len(alphabet), 64).bit_length() - 1)
    return (alphabet[:size] * (256 // size)).encode("ascii")


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
    """A random (version 4) UUID string, without ``uuid.UUID``'s checks."""
    try:
        return _uuids.pop()
    except IndexError:  # made in batches, as passwords are
        _uuids.extend(_uuid4() for _ in range(256))
        return _uuids.pop()


def _uuid4() -> str:
    # 128 random bits with the version nibble (4) and the variant bits (10) set in place.
    h = (_fast.getrandbits(128) & _UUID_MASK | _UUID_MARKS).to_bytes(16, "big").hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


_uuids: list[str] = []
_UUID_MASK = ~((0xF << 76) | (0x3 << 62)) & ((1 << 128) - 1)
_UUID_MARKS = (0x4 << 76) | (0x2 << 62)


def request_id() -> str:
    """A UUID-shaped request ID: a random prefix per process, then a count. Every response
    carries one, and nothing reads more into it than its shape and that it differs."""
    return f"{_request_prefix}{next(_requests):012x}"


def _reseed() -> None:
    global _request_prefix, _requests
    _fast.seed()
    _uuids.clear()  # a forked child draws its own, not its parent's leftovers
    _passwords.clear()
    _request_prefix = uuid4()[:24]
    _requests = itertools.count(1)


_request_prefix = ""
_requests = itertools.count(1)
_reseed()
if hasattr(os, "register_at_fork"):  # a forked child must not repeat its parent's IDs
    os.register_at_fork(after_in_child=_reseed)
