"""Group membership, through a real boto3 client."""

from __future__ import annotations

from typing import Any

import pytest

from pytest_cognito_idp import User, UserPool
from pytest_cognito_idp.backend.model.groups import GROUPS_PER_USER
from tests.conftest import error_of


def test_add_list_remove(client: Any, cognito_pool: UserPool, cognito_user: User) -> None:
    for name in ("editors", "admins"):
        cognito_pool.create_group(name)
        client.admin_add_user_to_group(UserPoolId=cognito_pool.id, Username="jane", GroupName=name)
    client.admin_add_user_to_group(UserPoolId=cognito_pool.id, Username="jane", GroupName="admins")

    groups = client.admin_list_groups_for_user(UserPoolId=cognito_pool.id, Username="jane")[
        "Groups"
    ]
    assert [g["GroupName"] for g in groups] == ["admins", "editors"]
    assert cognito_user.groups == ["admins", "editors"]
    members = client.list_users_in_group(UserPoolId=cognito_pool.id, GroupName="admins")["Users"]
    assert [u["Username"] for u in members] == ["jane"]

    client.admin_remove_user_from_group(
        UserPoolId=cognito_pool.id, Username="jane", GroupName="admins"
    )
    assert cognito_user.groups == ["editors"]
    assert client.list_users_in_group(UserPoolId=cognito_pool.id, GroupName="admins")["Users"] == []


def test_unknown_group_and_user(client: Any, cognito_pool: UserPool, cognito_user: User) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.admin_add_user_to_group(UserPoolId=cognito_pool.id, Username="jane", GroupName="x")
    assert error_of(excinfo)[1] == "Group not found."
    cognito_pool.create_group("x")
    with pytest.raises(client.exceptions.UserNotFoundException):
        client.admin_add_user_to_group(UserPoolId=cognito_pool.id, Username="nobody", GroupName="x")
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.list_users_in_group(UserPoolId=cognito_pool.id, GroupName="y")


def test_deleting_a_user_leaves_its_groups(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_user("jane", groups=["g"])
    cognito_pool.create_user("sam", groups=["g"])
    client.admin_delete_user(UserPoolId=cognito_pool.id, Username="jane")
    members = client.list_users_in_group(UserPoolId=cognito_pool.id, GroupName="g")["Users"]
    assert [u["Username"] for u in members] == ["sam"]


def test_members_page_in_joining_order(client: Any, cognito_pool: UserPool) -> None:
    names = [f"user{i}" for i in range(7)]
    for name in names:
        cognito_pool.create_user(name, groups=["g"])
    paginator = client.get_paginator("list_users_in_group")
    pages = list(paginator.paginate(UserPoolId=cognito_pool.id, GroupName="g", Limit=3))
    assert [len(p["Users"]) for p in pages] == [3, 3, 1]
    assert [u["Username"] for p in pages for u in p["Users"]] == names


def test_groups_per_user_limit(client: Any, cognito_pool: UserPool, cognito_user: User) -> None:
    for i in range(GROUPS_PER_USER):
        cognito_pool.create_group(f"g{i:03}")
        client.admin_add_user_to_group(
            UserPoolId=cognito_pool.id, Username="jane", GroupName=f"g{i:03}"
        )
    cognito_pool.create_group("one-too-many")
    with pytest.raises(client.exceptions.LimitExceededException):
        client.admin_add_user_to_group(
            UserPoolId=cognito_pool.id, Username="jane", GroupName="one-too-many"
        )
    assert len(cognito_user.groups) == GROUPS_PER_USER
    paginator = client.get_paginator("admin_list_groups_for_user")
    pages = list(paginator.paginate(UserPoolId=cognito_pool.id, Username="jane", Limit=60))
    assert sum(len(p["Groups"]) for p in pages) == GROUPS_PER_USER
