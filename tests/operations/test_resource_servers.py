"""Resource servers and app clients' custom scopes through a real boto3 client."""

from __future__ import annotations

from typing import Any, Dict, List

import pytest

from pytest_cognito_idp import UserPool
from pytest_cognito_idp.backend.oauth import resource_servers
from tests.conftest import error_of

READ = {"ScopeName": "read", "ScopeDescription": "Read things"}
WRITE = {"ScopeName": "write", "ScopeDescription": "Write things"}


def _create(client: Any, pool: UserPool, identifier: str, scopes: List[Dict[str, str]]) -> Any:
    return client.create_resource_server(
        UserPoolId=pool.id, Identifier=identifier, Name="Example API", Scopes=scopes
    )["ResourceServer"]


def test_create_and_describe(client: Any, cognito_pool: UserPool) -> None:
    created = _create(client, cognito_pool, "https://api.example.com", [READ, WRITE])
    assert created == {
        "UserPoolId": cognito_pool.id,
        "Identifier": "https://api.example.com",
        "Name": "Example API",
        "Scopes": [READ, WRITE],
    }
    described = client.describe_resource_server(
        UserPoolId=cognito_pool.id, Identifier="https://api.example.com"
    )["ResourceServer"]
    assert described == created


def test_a_server_without_scopes_is_described_without_the_key(
    client: Any, cognito_pool: UserPool
) -> None:
    created = client.create_resource_server(UserPoolId=cognito_pool.id, Identifier="a", Name="a")
    expected = {"UserPoolId": cognito_pool.id, "Identifier": "a", "Name": "a"}
    assert created["ResourceServer"] == expected
    described = client.describe_resource_server(UserPoolId=cognito_pool.id, Identifier="a")
    assert described["ResourceServer"] == expected
    listed = client.list_resource_servers(UserPoolId=cognito_pool.id, MaxResults=5)
    assert listed["ResourceServers"] == [expected]


def test_duplicates_are_refused(client: Any, cognito_pool: UserPool) -> None:
    _create(client, cognito_pool, "api", [READ])
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, "api", [WRITE])
    assert error_of(excinfo) == (
        "InvalidParameterException",
        f"api already exists in user pool {cognito_pool.id}.",
    )
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, "other", [READ, READ])
    assert error_of(excinfo)[1] == "Scope names must be unique within a resource server."
    listed = client.list_resource_servers(UserPoolId=cognito_pool.id, MaxResults=50)
    assert [s["Scopes"] for s in listed["ResourceServers"]] == [[READ]]


def test_update_replaces_name_and_scopes(client: Any, cognito_pool: UserPool) -> None:
    _create(client, cognito_pool, "api", [READ, WRITE])
    updated = client.update_resource_server(
        UserPoolId=cognito_pool.id, Identifier="api", Name="renamed"
    )["ResourceServer"]
    assert updated == {"UserPoolId": cognito_pool.id, "Identifier": "api", "Name": "renamed"}


def test_unknown_server(client: Any, cognito_pool: UserPool) -> None:
    calls = (
        lambda: client.describe_resource_server(UserPoolId=cognito_pool.id, Identifier="nope"),
        lambda: client.update_resource_server(
            UserPoolId=cognito_pool.id, Identifier="nope", Name="n"
        ),
        lambda: client.delete_resource_server(UserPoolId=cognito_pool.id, Identifier="nope"),
    )
    for call in calls:
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            call()
        assert error_of(excinfo) == (
            "ResourceNotFoundException",
            "Resource server nope does not exist.",
        )


def test_list_pages_and_delete(client: Any, cognito_pool: UserPool) -> None:
    for name in ("a", "b", "c"):
        _create(client, cognito_pool, name, [READ])
    first = client.list_resource_servers(UserPoolId=cognito_pool.id, MaxResults=2)
    second = client.list_resource_servers(
        UserPoolId=cognito_pool.id, MaxResults=2, NextToken=first["NextToken"]
    )
    assert [s["Identifier"] for s in first["ResourceServers"]] == ["a", "b"]
    assert [s["Identifier"] for s in second["ResourceServers"]] == ["c"]
    assert "NextToken" not in second

    client.delete_resource_server(UserPoolId=cognito_pool.id, Identifier="b")
    listed = client.list_resource_servers(UserPoolId=cognito_pool.id, MaxResults=50)
    assert [s["Identifier"] for s in listed["ResourceServers"]] == ["a", "c"]


def test_resource_servers_per_pool_quota(
    client: Any, cognito_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(resource_servers, "RESOURCE_SERVERS_PER_POOL", 1)
    _create(client, cognito_pool, "a", [])
    with pytest.raises(client.exceptions.LimitExceededException) as excinfo:
        _create(client, cognito_pool, "b", [])
    assert error_of(excinfo)[1] == (
        "The number of resource servers in this user pool has reached the limit of 1."
    )


def test_more_than_100_scopes_are_refused(client: Any, cognito_pool: UserPool) -> None:
    scopes = [{"ScopeName": f"s{i}", "ScopeDescription": "d"} for i in range(101)]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _create(client, cognito_pool, "api", scopes)
    assert "Member must have length less than or equal to 100" in error_of(excinfo)[1]


def test_app_clients_allow_existing_scopes_only(client: Any, cognito_pool: UserPool) -> None:
    standard = ["phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"]
    with pytest.raises(client.exceptions.ScopeDoesNotExistException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="m2m",
            AllowedOAuthScopes=[*standard, "https://api.example.com/read"],
        )
    assert error_of(excinfo) == (
        "ScopeDoesNotExistException",
        "Invalid scope requested: https://api.example.com/read",
    )
    assert client.list_user_pool_clients(UserPoolId=cognito_pool.id)["UserPoolClients"] == []

    _create(client, cognito_pool, "https://api.example.com", [READ])
    app = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="m2m",
        AllowedOAuthScopes=[*standard, "https://api.example.com/read"],
    )["UserPoolClient"]
    with pytest.raises(client.exceptions.ScopeDoesNotExistException) as excinfo:
        client.update_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientId=app["ClientId"],
            AllowedOAuthScopes=["https://api.example.com/write"],
        )
    assert error_of(excinfo)[1] == "Invalid scope requested: https://api.example.com/write"
    described = client.describe_user_pool_client(
        UserPoolId=cognito_pool.id, ClientId=app["ClientId"]
    )["UserPoolClient"]
    assert described["AllowedOAuthScopes"] == [*standard, "https://api.example.com/read"]
