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


def _users(bucket: Union[Bucket, User]) -> Collection[User]:
    if isinstance(bucket, tuple):
        return (bucket[1],)
    if isinstance(bucket, dict):
        return bucket.values()
    return (bucket,)  # the pool's own users dict, keyed by username


class _Chain:
    """The users of several buckets, in value order; iterable any number of times."""

    __slots__ = ("_buckets", "_values")

    def __init__(self, buckets: Mapping[str, Union[Bucket, User]], values: List[str]) -> None:
        self._buckets = buckets
        self._values = values

    def __iter__(self) -> Iterator[User]:
        buckets = map(self._buckets.__getitem__, self._values)
        return itertools.chain.from_iterable(map(_users, buckets))


class UserIndex:
    """Users by normalised attribute value; keys are the pool's user keys.

    ``username`` has no buckets of its own: the pool's users dict is keyed by the normalised
    username already, and is read in their place.
    """

    __slots__ = ("_buckets", "_sorted", "_users")

    def __init__(self, users: Dict[str, User]) -> None:
        self._users = users
        self._buckets: Dict[str, Dict[str, Bucket]] = {
            name: {} for name in FILTERABLE if name != "username"
        }
        self._sorted: Dict[str, List[str]] = {}

    def __repr__(self) -> str:
        return f"UserIndex({len(self._buckets['sub'])} users)"

    def add(self, key: str, values: Mapping[str, str], user: User) -> None:
        """Index a new user (already in the pool's users dict) by ``values``."""
        if self._sorted:
            self._sorted.pop("username", None)  # a new user is a new username
        self._insert(key, values, user)

    def discard(self, key: str, values: Mapping[str, str]) -> None:
        """Forget a user (gone from the pool's users dict) and its ``values``."""
        self._sorted.pop("username", None)
        self._remove(key, values)

    def update(
        self, key: str, before: Mapping[str, str], after: Mapping[str, str], user: User
    ) -> None:
        """Move ``user`` from the buckets of ``before`` to those of ``after`` (its username, which
        never changes, keeps its place)."""
        self._remove(key, {n: v for n, v in before.items() if after.get(n) != v})
        self._insert(key, {n: v for n, v in after.items() if before.get(n) != v}, user)

    def _insert(self, key: str, values: Mapping[str, str], user: User) -> None:
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

    def _remove(self, key: str, values: Mapping[str, str]) -> None:
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

    def _by_value(self, name: str) -> Mapping[str, Union[Bucket, User]]:
        return self._users if name == "username" else self._buckets[name]

    def equal(self, name: str, value: str) -> Collection[User]:
        bucket = self._by_value(name).get(value)
        return _users(bucket) if bucket is not None else ()

    def prefix(self, name: str, prefix: str) -> Iterable[User]:
        by_value = self._by_value(name)
        values = self._sorted.get(name)
        if values is None:
            values = self._sorted[name] = sorted(by_value)
        lo = bisect.bisect_left(values, prefix)
        # Values sharing the prefix are contiguous from ``lo``; step over them by bisection.
        hi = bisect.bisect_left(values, prefix + "\U0010ffff", lo)
        while hi < len(values) and values[hi].startswith(prefix):
            hi += 1
        return _Chain(by_value, values[lo:hi])
