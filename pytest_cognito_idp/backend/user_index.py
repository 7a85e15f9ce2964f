"""The ListUsers index of a pool: its users by the value of each filterable attribute.

An equality filter reads one bucket; a prefix filter bisects the sorted distinct values (sorted
lazily, once per change) and chains the matching buckets. Both hand back collections that can be
iterated again and sliced in C, which is what the shared pagination needs to stay cheap.
"""

from __future__ import annotations

import bisect
import itertools
from typing import Collection, Dict, Iterable, Iterator, List, Mapping, Tuple, Union

from .users import User

# The attributes ListUsers can filter on (names as the Filter spells them).
FILTERABLE = (
    "username",
    "email",
    "phone_number",
    "name",
    "given_name",
    "family_name",
    "preferred_username",
    "cognito:user_status",
    "status",
    "sub",
)


# A bucket holds the users sharing one value. Most values are unique (an email, a sub), so a
# bucket of one user is a (key, user) pair, and only becomes a dict when a second user shares the
# value: that saves a dict per user and attribute, a third of an imported user's memory.
Bucket = Union[Tuple[str, User], Dict[str, User]]


def _users(bucket: Bucket) -> Collection[User]:
    return (bucket[1],) if isinstance(bucket, tuple) else bucket.values()


class _Chain:
    """The users of several buckets, in value order; iterable any number of times."""

    __slots__ = ("_buckets", "_values")

    def __init__(self, buckets: Dict[str, Bucket], values: List[str]) -> None:
        self._buckets = buckets
        self._values = values

    def __iter__(self) -> Iterator[User]:
        buckets = map(self._buckets.__getitem__, self._values)
        return itertools.chain.from_iterable(map(_users, buckets))


class UserIndex:
    """Users by normalised attribute value; keys are the pool's user keys."""

    __slots__ = ("_buckets", "_sorted")

    def __init__(self) -> None:
        self._buckets: Dict[str, Dict[str, Bucket]] = {name: {} for name in FILTERABLE}
        self._sorted: Dict[str, List[str]] = {}

    def __repr__(self) -> str:
        return f"UserIndex({len(self._buckets['sub'])} users)"

    def add(self, key: str, values: Mapping[str, str], user: User) -> None:
        # Runs for every user created, imports included: one dict operation for a new value
        # (``setdefault``), one pair shared by all the user's values, and the sorted values
        # touched only when some were sorted.
        buckets, sorted_values, pair = self._buckets, self._sorted, (key, user)
        for name, value in values.items():
            by_value = buckets[name]
            bucket = by_value.setdefault(value, pair)
            if bucket is pair:
                if sorted_values:
                    sorted_values.pop(name, None)
            elif isinstance(bucket, tuple):
                by_value[value] = (
                    (key, user) if bucket[0] == key else {bucket[0]: bucket[1], key: user}
                )
            else:
                bucket[key] = user

    def discard(self, key: str, values: Mapping[str, str]) -> None:
        for name, value in values.items():
            by_value = self._buckets[name]
            bucket = by_value.get(value)
            if bucket is None:
                continue
            if isinstance(bucket, tuple):
                if bucket[0] != key:
                    continue
            else:
                bucket.pop(key, None)
                if bucket:
                    continue
            del by_value[value]
            self._sorted.pop(name, None)

    def update(
        self, key: str, before: Mapping[str, str], after: Mapping[str, str], user: User
    ) -> None:
        """Move ``user`` from the buckets of ``before`` to those of ``after``."""
        self.discard(key, {n: v for n, v in before.items() if after.get(n) != v})
        self.add(key, {n: v for n, v in after.items() if before.get(n) != v}, user)

    def equal(self, name: str, value: str) -> Collection[User]:
        bucket = self._buckets[name].get(value)
        return _users(bucket) if bucket is not None else ()

    def prefix(self, name: str, prefix: str) -> Iterable[User]:
        values = self._sorted.get(name)
        if values is None:
            values = self._sorted[name] = sorted(self._buckets[name])
        lo = bisect.bisect_left(values, prefix)
        # Values sharing the prefix are contiguous from ``lo``; step over them by bisection.
        hi = bisect.bisect_left(values, prefix + "\U0010ffff", lo)
        while hi < len(values) and values[hi].startswith(prefix):
            hi += 1
        return _Chain(self._buckets[name], values[lo:hi])
