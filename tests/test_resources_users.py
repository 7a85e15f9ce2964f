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


def test_create_user_is_all_or_nothing(
    cognito_idp: CognitoIdp, cognito_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    with pytest.raises(CognitoError) as excinfo:
        cognito_pool.create_user("sam", groups=["ok", ""])
    assert excinfo.value.code == "InvalidParameterException"
    assert cognito_pool.users == []
    client = cognito_idp.client()
    assert client.list_groups(UserPoolId=cognito_pool.id)["Groups"] == []

    # A step failing after groups were made (disabling comes last) removes them too.
    cognito_pool.create_group("kept")
    invoke = cognito_pool._invoke

    def failing_disable(operation: str, **params: Any) -> Any:
        if operation == "AdminDisableUser":
            raise RuntimeError("disabling failed")
        return invoke(operation, **params)

    monkeypatch.setattr(cognito_pool, "_invoke", failing_disable)
    with pytest.raises(RuntimeError, match="disabling failed"):
        cognito_pool.create_user("sam", groups=["kept", "new"], enabled=False)
    assert cognito_pool.users == []
    groups = client.list_groups(UserPoolId=cognito_pool.id)["Groups"]
    assert [g["GroupName"] for g in groups] == ["kept"]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        (
            {"attributes": [("email", "sam@example.com")]},
            "create_user() attributes must be a mapping of attribute names to str values, such "
            "as {'email': 'jane@example.com'}, not list [('email', 'sam@example.com')]",
        ),
        (
            {"attributes": {"custom:age": 30}},
            "create_user() attributes must be a mapping of attribute names to str values, such "
            "as {'email': 'jane@example.com'}, not dict {'custom:age': 30}",
        ),
        (
            {"groups": "admins"},
            "create_user() groups must be an iterable of group names, such as ['admins'], not "
            "str 'admins'",
        ),
        ({"groups": [1]}, "create_user() groups must hold str group names only"),
        ({"password": 12345678}, "create_user() password must be a str or None, not int"),
        ({"enabled": "no"}, "create_user() enabled must be a bool, not str"),
    ],
)
def test_create_user_names_an_argument_of_the_wrong_type(
    cognito_pool: UserPool, kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(TypeError) as excinfo:
        cognito_pool.create_user("sam", **kwargs)
    assert str(excinfo.value) == message
    assert cognito_pool.users == []


def test_create_user_needs_a_str_username(cognito_pool: UserPool) -> None:
    with pytest.raises(TypeError, match=r"^create_user\(\) username must be a str, not int$"):
        cognito_pool.create_user(42)  # type: ignore[arg-type]


def test_user_lookup_error_lists_the_users(cognito_pool: UserPool, cognito_user: Any) -> None:
    with pytest.raises(LookupError, match="'jane'"):
        cognito_pool.user("nobody")
