"""The pytest side of users: ``UserPool.create_user``, ``user``, ``users`` and ``cognito_user``."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import CognitoError, CognitoIdp, User, UserPool


def test_cognito_user(cognito_user: User, cognito_pool: UserPool) -> None:
    assert cognito_user.status == "CONFIRMED"
    assert cognito_user.enabled is True
    assert cognito_user.attributes["email"] == "jane@example.com"
    assert cognito_user.password
    assert cognito_user.pool == cognito_pool
    assert cognito_pool.users == [cognito_user]
    assert cognito_pool.user("jane") == cognito_user
    assert cognito_user.describe()["UserStatus"] == "CONFIRMED"


@pytest.mark.parametrize(
    "status", ["CONFIRMED", "FORCE_CHANGE_PASSWORD", "UNCONFIRMED", "RESET_REQUIRED"]
)
def test_create_user_in_each_status(cognito_pool: UserPool, status: str) -> None:
    user = cognito_pool.create_user("sam", password="Passw0rd!", status=status)
    assert user.status == status
    assert user.password == "Passw0rd!"


def test_create_user_options(cognito_idp: CognitoIdp, cognito_pool: UserPool) -> None:
    user = cognito_pool.create_user("sam", enabled=False, groups=["a", "b"])
    assert user.enabled is False
    assert user.groups == ["a", "b"]
    assert len(cognito_idp.outbox) == 0
    # Read live: an API change shows at once.
    cognito_idp.client().admin_enable_user(UserPoolId=cognito_pool.id, Username="sam")
    assert user.enabled is True


def test_create_user_is_validated_and_leaves_nothing_behind(cognito_pool: UserPool) -> None:
    with pytest.raises(CognitoError) as excinfo:
        cognito_pool.create_user("sam", password="weak")
    assert excinfo.value.code == "InvalidPasswordException"
    with pytest.raises(CognitoError):
        cognito_pool.create_user("sam", attributes={"email": "nope"})
    with pytest.raises(ValueError, match="status must be one of"):
        cognito_pool.create_user("sam", status="ARCHIVED")
    assert cognito_pool.users == []


def test_user_lookup_error_lists_the_users(cognito_pool: UserPool, cognito_user: Any) -> None:
    with pytest.raises(LookupError, match="'jane'"):
        cognito_pool.user("nobody")
