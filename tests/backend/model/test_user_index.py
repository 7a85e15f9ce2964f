"""The ListUsers index: equality reads one bucket, prefixes bisect, changes move users."""

from __future__ import annotations

from typing import Any, Dict, Iterator

import pytest

from pytest_cognito_idp import CognitoIdp
from pytest_cognito_idp.backend.model.user_index import UserIndex
from pytest_cognito_idp.backend.model.users import User


def _user(name: str) -> User:
    return User(username=name, sub=f"sub-{name}", created=0.0, last_modified=0.0)


def test_equal_prefix_and_update() -> None:
    users = {n: _user(n) for n in ("ab", "abc", "b", "a")}
    index = UserIndex({})
    for name, user in users.items():
        index.add(name, {"email": f"{name}@example.com"}, user)

    assert [u.username for u in index.equal("email", "ab@example.com")] == ["ab"]
    assert [u.username for u in index.prefix("email", "a")] == ["a", "ab", "abc"]
    assert list(index.prefix("email", "z")) == []
    index.update("ab", {"email": "ab@example.com"}, {"email": "zz@example.com"}, users["ab"])
    assert list(index.equal("email", "ab@example.com")) == []
    assert [u.username for u in index.prefix("email", "a")] == ["a", "abc"]
    assert [u.username for u in index.prefix("email", "z")] == ["ab"]
    index.discard("b", {"email": "b@example.com"})
    assert list(index.equal("email", "b@example.com")) == []


def test_usernames_are_read_from_the_pools_own_users() -> None:
    users: Dict[str, User] = {}
    index = UserIndex(users)
    for name in ("ab", "abc", "b", "a"):
        users[name] = _user(name)
        index.add(name, {"sub": f"sub-{name}"}, users[name])
    assert [u.username for u in index.equal("username", "ab")] == ["ab"]
    assert [u.username for u in index.prefix("username", "a")] == ["a", "ab", "abc"]
    users["aa"] = _user("aa")
    index.add("aa", {"sub": "sub-aa"}, users["aa"])  # a new user: sorted usernames made again
    assert [u.username for u in index.prefix("username", "a")] == ["a", "aa", "ab", "abc"]
    del users["ab"]
    index.discard("ab", {"sub": "sub-ab"})
    assert list(index.equal("username", "ab")) == []
    assert [u.username for u in index.prefix("username", "a")] == ["a", "aa", "abc"]


class _NoScan(Dict[str, Any]):
    """A user table that fails the test if anything iterates it."""

    def __iter__(self) -> Iterator[str]:
        raise AssertionError("the pool was scanned")

    def values(self) -> Any:
        raise AssertionError("the pool was scanned")


def test_equality_filter_does_not_scan_the_pool(client: Any, cognito_idp: CognitoIdp) -> None:
    pool = cognito_idp.create_pool()
    for i in range(50):
        pool.create_user(f"user{i}", attributes={"email": f"user{i}@example.com"})
    pool._state.users = _NoScan(pool._state.users)

    found = client.list_users(UserPoolId=pool.id, Filter='email = "user7@example.com"')["Users"]
    assert [u["Username"] for u in found] == ["user7"]
    found = client.list_users(UserPoolId=pool.id, Filter='username ^= "user4"')["Users"]
    assert len(found) == 1 + 10
    with pytest.raises(AssertionError):
        client.list_users(UserPoolId=pool.id)
