"""Group CRUD through a real boto3 client."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from pytest_cognito_idp import UserPool
from pytest_cognito_idp.backend.model.users import User
from tests.conftest import error_of

ROLE = "arn:aws:iam::123456789012:role/admins"


def test_create_and_get_group(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_group(
        UserPoolId=cognito_pool.id,
        GroupName="admins",
        Description="Administrators",
        RoleArn=ROLE,
        Precedence=1,
    )["Group"]
    got = client.get_group(UserPoolId=cognito_pool.id, GroupName="admins")["Group"]

    assert created == got
    assert isinstance(got.pop("CreationDate"), dt.datetime)
    assert isinstance(got.pop("LastModifiedDate"), dt.datetime)
    assert got == {
        "GroupName": "admins",
        "UserPoolId": cognito_pool.id,
        "Description": "Administrators",
        "RoleArn": ROLE,
        "Precedence": 1,
    }


def test_a_minimal_group_has_no_optional_fields(client: Any, cognito_pool: UserPool) -> None:
    group = cognito_pool.create_group("readers")
    assert set(group) == {"GroupName", "UserPoolId", "CreationDate", "LastModifiedDate"}


def test_duplicate_group(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_group("admins", Description="first")
    with pytest.raises(client.exceptions.GroupExistsException) as excinfo:
        client.create_group(UserPoolId=cognito_pool.id, GroupName="admins", Description="second")
    assert error_of(excinfo) == (
        "GroupExistsException",
        "A group with the name admins already exists.",
    )
    got = client.get_group(UserPoolId=cognito_pool.id, GroupName="admins")["Group"]
    assert got["Description"] == "first"


def test_group_names_are_case_sensitive(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_group("admins")
    cognito_pool.create_group("Admins")
    listed = client.list_groups(UserPoolId=cognito_pool.id)["Groups"]
    assert [g["GroupName"] for g in listed] == ["admins", "Admins"]


def test_unknown_group(client: Any, cognito_pool: UserPool) -> None:
    calls = (
        client.get_group,
        client.update_group,
        client.delete_group,
    )
    for call in calls:
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            call(UserPoolId=cognito_pool.id, GroupName="nope")
        assert error_of(excinfo) == ("ResourceNotFoundException", "Group not found.")


def test_unknown_pool(client: Any) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
        client.create_group(UserPoolId="us-east-1_nope", GroupName="g")
    assert error_of(excinfo)[1] == "User pool us-east-1_nope does not exist."


def test_update_group_changes_only_what_it_names(client: Any, cognito_pool: UserPool) -> None:
    created = cognito_pool.create_group("admins", Description="d", RoleArn=ROLE, Precedence=3)
    updated = client.update_group(UserPoolId=cognito_pool.id, GroupName="admins", Precedence=0)[
        "Group"
    ]
    assert updated["Precedence"] == 0
    assert updated["Description"] == "d"
    assert updated["RoleArn"] == ROLE
    assert updated["LastModifiedDate"].timestamp() >= created["LastModifiedDate"]
    assert client.get_group(UserPoolId=cognito_pool.id, GroupName="admins")["Group"] == updated


def test_group_input_is_validated(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_group(
            UserPoolId=cognito_pool.id, GroupName="g", RoleArn="this-is-not-an-arn-at-all"
        )
    assert "roleArn" in error_of(excinfo)[1]
    assert client.list_groups(UserPoolId=cognito_pool.id)["Groups"] == []


def test_delete_group_takes_it_off_its_members(client: Any, cognito_pool: UserPool) -> None:
    cognito_pool.create_group("admins")
    cognito_pool.create_group("readers")
    state = cognito_pool._state
    # Membership is kept by the users domain; set it up the way AdminAddUserToGroup does.
    jane = User("jane", "sub-1", 0.0, 0.0, groups={"admins", "readers"})
    state.users[state.user_key("jane")] = jane
    for name in ("admins", "readers"):
        state.groups[name].members[state.user_key("jane")] = None

    client.delete_group(UserPoolId=cognito_pool.id, GroupName="admins")

    assert jane.groups == {"readers"}
    assert list(state.groups) == ["readers"]
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.get_group(UserPoolId=cognito_pool.id, GroupName="admins")


def test_list_groups_pages(client: Any, cognito_pool: UserPool) -> None:
    names = [f"g{i:02d}" for i in range(7)]
    for name in names:
        cognito_pool.create_group(name)

    paginator = client.get_paginator("list_groups")
    pages = list(paginator.paginate(UserPoolId=cognito_pool.id, Limit=3))
    assert [len(p["Groups"]) for p in pages] == [3, 3, 1]
    assert [g["GroupName"] for p in pages for g in p["Groups"]] == names
    everything = client.list_groups(UserPoolId=cognito_pool.id, Limit=0)
    assert len(everything["Groups"]) == 7
    assert "NextToken" not in everything


def test_list_groups_validates_limit_and_token(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_groups(UserPoolId=cognito_pool.id, Limit=61)
    assert "Member must have value less than or equal to 60" in error_of(excinfo)[1]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_groups(UserPoolId=cognito_pool.id, NextToken="garbage")
    assert error_of(excinfo)[1] == "Invalid pagination token."


def test_groups_per_pool_quota(
    client: Any, cognito_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_cognito_idp.backend.model import groups

    monkeypatch.setattr(groups, "GROUPS_PER_POOL", 2)
    cognito_pool.create_group("a")
    cognito_pool.create_group("b")
    with pytest.raises(client.exceptions.LimitExceededException):
        client.create_group(UserPoolId=cognito_pool.id, GroupName="c")
    assert list(cognito_pool._state.groups) == ["a", "b"]
