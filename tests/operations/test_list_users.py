"""ListUsers, through a real boto3 client."""

from __future__ import annotations

from typing import Any, List

import pytest

from pytest_cognito_idp import UserPool
from tests.conftest import error_of


@pytest.fixture
def people(cognito_pool: UserPool) -> UserPool:
    cognito_pool.create_user("jane", attributes={"email": "jane@example.com", "given_name": "Jane"})
    cognito_pool.create_user(
        "james", attributes={"email": "james@example.org", "given_name": "James"}
    )
    cognito_pool.create_user("sam", attributes={"email": "sam@example.com"}, status="UNCONFIRMED")
    cognito_pool.create_user("ann", enabled=False)
    return cognito_pool


def names(client: Any, pool: UserPool, **kwargs: Any) -> List[str]:
    return [u["Username"] for u in client.list_users(UserPoolId=pool.id, **kwargs)["Users"]]


def test_list_users_returns_everyone(client: Any, people: UserPool) -> None:
    users = client.list_users(UserPoolId=people.id)["Users"]
    assert [u["Username"] for u in users] == ["jane", "james", "sam", "ann"]
    assert "PaginationToken" not in client.list_users(UserPoolId=people.id)
    assert users[0]["UserStatus"] == "CONFIRMED"
    assert {a["Name"] for a in users[0]["Attributes"]} == {"sub", "email", "given_name"}


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ('username = "jane"', ["jane"]),
        ('username ^= "ja"', ["james", "jane"]),
        ('email = "sam@example.com"', ["sam"]),
        ('email ^= "ja"', ["james", "jane"]),
        ('given_name = "Jane"', ["jane"]),
        ('cognito:user_status = "unconfirmed"', ["sam"]),
        ('status = "Disabled"', ["ann"]),
        ('status = "disabled"', []),
        ('username = "Jane"', []),
        ('family_name = "x"', []),
        ("", ["jane", "james", "sam", "ann"]),
    ],
)
def test_filters(client: Any, people: UserPool, expression: str, expected: List[str]) -> None:
    assert names(client, people, Filter=expression) == expected


def test_filter_by_sub_and_escaped_quotes(client: Any, cognito_pool: UserPool) -> None:
    user = cognito_pool.create_user("q", attributes={"name": 'say "hi"'})
    assert names(client, cognito_pool, Filter=f'sub = "{user.sub}"') == ["q"]
    assert names(client, cognito_pool, Filter='name = "say \\"hi\\""') == ["q"]


@pytest.mark.parametrize(
    "expression",
    ['custom:tier = "gold"', "email = jane", 'email == "x"', 'locale = "en"', 'email = "a" extra'],
)
def test_bad_filters(client: Any, people: UserPool, expression: str) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_users(UserPoolId=people.id, Filter=expression)
    assert error_of(excinfo)[1] == "Error while parsing filter."


def test_attributes_to_get(client: Any, people: UserPool) -> None:
    users = client.list_users(UserPoolId=people.id, AttributesToGet=["email"], Limit=1)["Users"]
    assert users[0]["Attributes"] == [{"Name": "email", "Value": "jane@example.com"}]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_users(UserPoolId=people.id, AttributesToGet=["sub"])
    assert error_of(excinfo)[1] == "Input fails to satisfy the constraints."


def test_limit_is_checked_by_the_service(client: Any, people: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_users(UserPoolId=people.id, Limit=61)
    assert error_of(excinfo)[1].endswith("Member must have value less than or equal to 60")


def test_paging(client: Any, cognito_pool: UserPool) -> None:
    created = [cognito_pool.create_user(f"u{i:02}").username for i in range(25)]
    paginator = client.get_paginator("list_users")
    pages = list(paginator.paginate(UserPoolId=cognito_pool.id, Limit=10))
    assert [len(p["Users"]) for p in pages] == [10, 10, 5]
    assert [u["Username"] for p in pages for u in p["Users"]] == created

    filtered = paginator.paginate(UserPoolId=cognito_pool.id, Filter='username ^= "u1"', Limit=4)
    assert [u["Username"] for p in filtered for u in p["Users"]] == created[10:20]


def test_index_follows_changes(client: Any, people: UserPool) -> None:
    client.admin_update_user_attributes(
        UserPoolId=people.id, Username="jane", UserAttributes=[{"Name": "email", "Value": "j@x.io"}]
    )
    client.admin_disable_user(UserPoolId=people.id, Username="jane")
    client.admin_delete_user(UserPoolId=people.id, Username="sam")

    assert names(client, people, Filter='email = "jane@example.com"') == []
    assert names(client, people, Filter='email = "j@x.io"') == ["jane"]
    assert names(client, people, Filter='status = "Disabled"') == ["ann", "jane"]
    assert names(client, people, Filter='email ^= "sam"') == []


def test_case_insensitive_pool_filters_ignore_case(client: Any) -> None:
    pool_id = client.create_user_pool(PoolName="p", UsernameConfiguration={"CaseSensitive": False})[
        "UserPool"
    ]["Id"]
    client.admin_create_user(
        UserPoolId=pool_id,
        Username="Jane",
        MessageAction="SUPPRESS",
        UserAttributes=[{"Name": "email", "Value": "Jane@Example.com"}],
    )
    users = client.list_users(UserPoolId=pool_id, Filter='email = "jane@example.com"')["Users"]
    assert [u["Username"] for u in users] == ["Jane"]
    users = client.list_users(UserPoolId=pool_id, Filter='username ^= "JA"')["Users"]
    assert [u["Username"] for u in users] == ["Jane"]
