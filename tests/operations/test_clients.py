"""App clients and their secrets through a real boto3 client."""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import hmac
import re
from typing import Any

import pytest

from pytest_cognito_idp import AppClient, CognitoIdp, UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.backend.model.clients import ALL_ALLOW_FLOWS
from tests.conftest import error_of

# Client secret rotation and custom secrets came with botocore 1.41's model.
SECRETS = pytest.mark.skipif(
    "AddUserPoolClientSecret" not in service_model().operation_names,
    reason="this botocore's model has no client secret rotation or custom client secrets",
)


def _describe(client: Any, pool: UserPool, client_id: str) -> dict[str, Any]:
    return client.describe_user_pool_client(UserPoolId=pool.id, ClientId=client_id)[
        "UserPoolClient"
    ]


def test_create_fills_in_the_service_defaults(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="web")[
        "UserPoolClient"
    ]

    assert re.fullmatch(r"[a-z0-9]{26}", created["ClientId"])
    assert "ClientSecret" not in created
    assert isinstance(created["CreationDate"], dt.datetime)
    assert {k: v for k, v in created.items() if k not in ("CreationDate", "LastModifiedDate")} == {
        "UserPoolId": cognito_pool.id,
        "ClientName": "web",
        "ClientId": created["ClientId"],
        "RefreshTokenValidity": 30,
        "TokenValidityUnits": {},
        "AllowedOAuthFlowsUserPoolClient": False,
        "EnableTokenRevocation": True,
        "EnablePropagateAdditionalUserContextData": False,
        "AuthSessionValidity": 3,
    }
    assert _describe(client, cognito_pool, created["ClientId"]) == created
    state = cognito_pool._state.clients[created["ClientId"]]
    assert state.explicit_auth_flows == [
        "ALLOW_REFRESH_TOKEN_AUTH",
        "ALLOW_USER_SRP_AUTH",
        "ALLOW_CUSTOM_AUTH",
    ]
    assert (state.access_token_seconds, state.id_token_seconds) == (3600, 3600)
    assert state.refresh_token_seconds == 30 * 86400
    assert state.auth_session_seconds == 180
    assert state.prevent_user_existence_errors == "LEGACY"
    assert state.read_attributes is None
    assert state.write_attributes is None


def test_create_keeps_and_echoes_what_it_is_given(client: Any, cognito_pool: UserPool) -> None:
    given = {
        "RefreshTokenValidity": 10,
        "AccessTokenValidity": 30,
        "IdTokenValidity": 2,
        "TokenValidityUnits": {"AccessToken": "minutes", "IdToken": "hours"},
        "ReadAttributes": ["email", "name"],
        "WriteAttributes": ["name"],
        "ExplicitAuthFlows": ["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        "SupportedIdentityProviders": ["COGNITO"],
        "CallbackURLs": ["https://app.example.com/cb"],
        "LogoutURLs": ["https://app.example.com/"],
        "AllowedOAuthFlows": ["code"],
        "AllowedOAuthScopes": ["openid", "email"],
        "AllowedOAuthFlowsUserPoolClient": True,
        "PreventUserExistenceErrors": "ENABLED",
        "EnableTokenRevocation": False,
        "AuthSessionValidity": 10,
    }
    created = client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="web", **given)[
        "UserPoolClient"
    ]

    for key, value in given.items():
        assert created[key] == value, key
    state = cognito_pool._state.clients[created["ClientId"]]
    assert state.access_token_seconds == 30 * 60
    assert state.id_token_seconds == 2 * 3600
    assert state.refresh_token_seconds == 10 * 86400
    assert state.auth_session_seconds == 600
    assert state.read_attributes == ["email", "name"]
    assert state.prevent_user_existence_errors == "ENABLED"
    assert state.enable_token_revocation is False
    assert state.allows("ALLOW_USER_PASSWORD_AUTH")
    assert not state.allows("ALLOW_USER_SRP_AUTH")


def test_generate_secret(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id, ClientName="server", GenerateSecret=True
    )["UserPoolClient"]

    assert re.fullmatch(r"[\w+]{24,64}", created["ClientSecret"])
    assert (
        _describe(client, cognito_pool, created["ClientId"])["ClientSecret"]
        == (created["ClientSecret"])
    )


@SECRETS
def test_a_custom_client_secret_is_kept(client: Any, cognito_pool: UserPool) -> None:
    secret = "a" * 30
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id, ClientName="c", ClientSecret=secret
    )["UserPoolClient"]
    assert created["ClientSecret"] == secret


@SECRETS
def test_generate_secret_and_a_client_secret_are_exclusive(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id, ClientName="c", GenerateSecret=True, ClientSecret="a" * 30
        )
    assert cognito_pool.clients == []


@pytest.mark.parametrize(
    "validity",
    [
        {"AccessTokenValidity": 4, "TokenValidityUnits": {"AccessToken": "minutes"}},
        {"IdTokenValidity": 2, "TokenValidityUnits": {"IdToken": "days"}},
        {"AccessTokenValidity": 25},  # hours by default
        {"RefreshTokenValidity": 3651},  # days by default
        {"RefreshTokenValidity": 59, "TokenValidityUnits": {"RefreshToken": "minutes"}},
        # A unit without its value applies to the default count (1 minute here).
        {"TokenValidityUnits": {"AccessToken": "minutes"}},
        # Access and ID tokens may not outlive the refresh token.
        {
            "RefreshTokenValidity": 1,
            "IdTokenValidity": 2,
            "TokenValidityUnits": {"RefreshToken": "hours"},
        },
    ],
)
def test_token_validity_ranges(
    client: Any, cognito_pool: UserPool, validity: dict[str, Any]
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="c", **validity)
    assert error_of(excinfo) == ("InvalidParameterException", "Invalid range for token validity.")
    assert cognito_pool.clients == []


def test_token_validity_bounds_are_inclusive(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="c",
        AccessTokenValidity=300,
        IdTokenValidity=1,
        RefreshTokenValidity=60,
        TokenValidityUnits={
            "AccessToken": "seconds",
            "IdToken": "hours",
            "RefreshToken": "minutes",
        },
    )["UserPoolClient"]
    state = cognito_pool._state.clients[created["ClientId"]]
    assert (state.access_token_seconds, state.id_token_seconds) == (300, 3600)
    assert state.refresh_token_seconds == 3600


def test_refresh_token_validity_zero_means_the_default(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id, ClientName="c", RefreshTokenValidity=0
    )["UserPoolClient"]
    assert created["RefreshTokenValidity"] == 30
    assert cognito_pool._state.clients[created["ClientId"]].refresh_token_seconds == 30 * 86400


def test_legacy_and_allow_flows_cannot_be_mixed(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="c",
            ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )
    assert "cannot combine" in error_of(excinfo)[1]
    assert cognito_pool.clients == []


def test_allow_flows_must_keep_refresh(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id, ClientName="c", ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"]
        )
    assert error_of(excinfo) == (
        "InvalidParameterException",
        "REFRESH_TOKEN_AUTH should always be allowed.",
    )
    # With refresh token rotation, GetTokensFromRefreshToken replaces the refresh flow.
    client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="c",
        ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED"},
    )


def test_legacy_flows_are_kept_as_given(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="c",
        ExplicitAuthFlows=["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY"],
    )["UserPoolClient"]

    assert created["ExplicitAuthFlows"] == ["ADMIN_NO_SRP_AUTH", "CUSTOM_AUTH_FLOW_ONLY"]
    state = cognito_pool._state.clients[created["ClientId"]]
    assert state.allows("ALLOW_ADMIN_USER_PASSWORD_AUTH")
    assert state.custom_auth_only


CREATING_READ = "Invalid read attributes specified while creating a client"
CREATING_WRITE = "Invalid write attributes specified while creating a client"


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ({"ReadAttributes": ["shoe_size"]}, CREATING_READ),
        ({"WriteAttributes": ["custom:nope"]}, CREATING_WRITE),
        ({"WriteAttributes": ["sub"]}, CREATING_WRITE),
        ({"WriteAttributes": ["email_verified"]}, CREATING_WRITE),
    ],
)
def test_read_and_write_attributes_must_be_in_the_schema(
    client: Any, cognito_pool: UserPool, attributes: dict[str, Any], message: str
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="c", **attributes)
    assert error_of(excinfo) == ("InvalidParameterException", message)
    assert cognito_pool.clients == []


@pytest.mark.cognito_pool(
    Schema=[
        {"Name": "email", "AttributeDataType": "String", "Required": True},
        {"Name": "tier", "AttributeDataType": "String"},
    ]
)
def test_write_attributes_must_include_the_required_ones(
    client: Any, cognito_pool: UserPool
) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id, ClientName="c", WriteAttributes=["name"]
        )
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id, ClientName="c", WriteAttributes=["email", "custom:tier"]
    )["UserPoolClient"]
    assert created["WriteAttributes"] == ["email", "custom:tier"]


def test_client_credentials_rules(client: Any, cognito_pool: UserPool) -> None:
    client.create_resource_server(
        UserPoolId=cognito_pool.id,
        Identifier="api",
        Name="api",
        Scopes=[{"ScopeName": "read", "ScopeDescription": "read"}],
    )
    oauth = {"AllowedOAuthFlowsUserPoolClient": True, "AllowedOAuthScopes": ["api/read"]}
    with pytest.raises(client.exceptions.InvalidOAuthFlowException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="m2m",
            AllowedOAuthFlows=["client_credentials"],
            **oauth,
        )
    assert error_of(excinfo)[1] == (
        "client_credentials flow can not be selected if client does not have a client secret."
    )
    with pytest.raises(client.exceptions.InvalidOAuthFlowException) as excinfo:
        client.create_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientName="m2m",
            GenerateSecret=True,
            AllowedOAuthFlows=["client_credentials", "code"],
            **oauth,
        )
    assert error_of(excinfo)[1] == (
        "client_credentials flow can not be selected along with code flow or implicit flow."
    )
    client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="m2m",
        GenerateSecret=True,
        AllowedOAuthFlows=["client_credentials"],
        **oauth,
    )


def test_update_resets_what_it_omits(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="c",
        GenerateSecret=True,
        AccessTokenValidity=2,
        PreventUserExistenceErrors="ENABLED",
        ExplicitAuthFlows=["ALLOW_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )["UserPoolClient"]
    updated = client.update_user_pool_client(
        UserPoolId=cognito_pool.id, ClientId=created["ClientId"], ClientName="renamed"
    )["UserPoolClient"]

    assert updated["ClientName"] == "renamed"
    assert updated["ClientSecret"] == created["ClientSecret"]
    for key in ("AccessTokenValidity", "PreventUserExistenceErrors", "ExplicitAuthFlows"):
        assert key not in updated
    assert updated["LastModifiedDate"] >= created["LastModifiedDate"]
    state = cognito_pool._state.clients[created["ClientId"]]
    assert state.access_token_seconds == 3600
    assert state.prevent_user_existence_errors == "LEGACY"
    assert state.allows("ALLOW_USER_SRP_AUTH")


def test_a_failed_update_changes_nothing(client: Any, cognito_pool: UserPool) -> None:
    created = client.create_user_pool_client(
        UserPoolId=cognito_pool.id, ClientName="c", AccessTokenValidity=2
    )["UserPoolClient"]
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.update_user_pool_client(
            UserPoolId=cognito_pool.id,
            ClientId=created["ClientId"],
            ClientName="renamed",
            WriteAttributes=["sub"],
        )
    assert error_of(excinfo)[1] == "Invalid write attributes specified while updating a client"
    assert _describe(client, cognito_pool, created["ClientId"]) == created


def test_unknown_clients(client: Any, cognito_pool: UserPool) -> None:
    for call in (client.describe_user_pool_client, client.delete_user_pool_client):
        with pytest.raises(client.exceptions.ResourceNotFoundException) as excinfo:
            call(UserPoolId=cognito_pool.id, ClientId="nosuchclient")
        assert error_of(excinfo) == (
            "ResourceNotFoundException",
            "User pool client nosuchclient does not exist.",
        )


def test_a_client_belongs_to_its_pool(cognito_idp: CognitoIdp, client: Any) -> None:
    one, two = cognito_idp.create_pool(PoolName="one"), cognito_idp.create_pool(PoolName="two")
    app = one.create_client()
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.describe_user_pool_client(UserPoolId=two.id, ClientId=app.id)


def test_delete_removes_the_client_everywhere(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client()
    with cognito_idp._state() as backend:
        region = backend.region(cognito_idp.region)
    assert region.client(app.id) is app._state

    client.delete_user_pool_client(UserPoolId=cognito_pool.id, ClientId=app.id)

    assert cognito_pool.clients == []
    assert app.id not in region.clients


def test_deleting_the_pool_drops_its_clients_from_the_region(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool
) -> None:
    app = cognito_pool.create_client()
    client.delete_user_pool(UserPoolId=cognito_pool.id)
    with cognito_idp._state() as backend:
        assert app.id not in backend.region(cognito_idp.region).clients


def test_list_user_pool_clients_pages(client: Any, cognito_pool: UserPool) -> None:
    created = [cognito_pool.create_client(f"c{i}").id for i in range(5)]

    paginator = client.get_paginator("list_user_pool_clients")
    pages = list(paginator.paginate(UserPoolId=cognito_pool.id, MaxResults=2))
    assert [len(p["UserPoolClients"]) for p in pages] == [2, 2, 1]
    listed = [c for p in pages for c in p["UserPoolClients"]]
    assert [c["ClientId"] for c in listed] == created
    assert listed[0] == {"ClientId": created[0], "UserPoolId": cognito_pool.id, "ClientName": "c0"}
    everything = client.list_user_pool_clients(UserPoolId=cognito_pool.id)
    assert len(everything["UserPoolClients"]) == 5
    assert "NextToken" not in everything


def test_list_user_pool_clients_validates_max_results(client: Any, cognito_pool: UserPool) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        client.list_user_pool_clients(UserPoolId=cognito_pool.id, MaxResults=61)
    assert "Member must have value less than or equal to 60" in error_of(excinfo)[1]


def test_clients_per_pool_quota(
    client: Any, cognito_pool: UserPool, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pytest_cognito_idp.operations import clients

    monkeypatch.setattr(clients, "CLIENTS_PER_POOL", 2)
    cognito_pool.create_client("a")
    cognito_pool.create_client("b")
    with pytest.raises(client.exceptions.LimitExceededException):
        client.create_user_pool_client(UserPoolId=cognito_pool.id, ClientName="c")
    assert len(cognito_pool.clients) == 2


# -- client secrets ----------------------------------------------------------------------------


@SECRETS
def test_client_secret_rotation(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client(generate_secret=True)
    first = client.list_user_pool_client_secrets(UserPoolId=cognito_pool.id, ClientId=app.id)[
        "ClientSecrets"
    ]
    assert len(first) == 1
    assert "ClientSecretValue" not in first[0]
    assert first[0]["ClientSecretId"].startswith(f"{app.id}--")

    added = client.add_user_pool_client_secret(UserPoolId=cognito_pool.id, ClientId=app.id)[
        "ClientSecretDescriptor"
    ]
    assert re.fullmatch(r"[\w+]{24,64}", added["ClientSecretValue"])
    assert added["ClientSecretId"] != first[0]["ClientSecretId"]
    # Both secrets sign requests while both exist.
    assert len(app._state.secret_hashes("jane")) == 2

    client.delete_user_pool_client_secret(
        UserPoolId=cognito_pool.id, ClientId=app.id, ClientSecretId=first[0]["ClientSecretId"]
    )
    left = client.list_user_pool_client_secrets(UserPoolId=cognito_pool.id, ClientId=app.id)
    assert [s["ClientSecretId"] for s in left["ClientSecrets"]] == [added["ClientSecretId"]]
    assert app.secret == added["ClientSecretValue"]


@SECRETS
def test_a_given_secret_value_is_not_returned(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client(generate_secret=True)
    added = client.add_user_pool_client_secret(
        UserPoolId=cognito_pool.id, ClientId=app.id, ClientSecret="b" * 40
    )["ClientSecretDescriptor"]
    assert "ClientSecretValue" not in added
    assert app._state.secrets[-1].value == "b" * 40


@SECRETS
def test_client_secret_limits(client: Any, cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client(generate_secret=True)
    client.add_user_pool_client_secret(UserPoolId=cognito_pool.id, ClientId=app.id)
    with pytest.raises(client.exceptions.LimitExceededException):
        client.add_user_pool_client_secret(UserPoolId=cognito_pool.id, ClientId=app.id)
    assert len(app._state.secrets) == 2

    client.delete_user_pool_client_secret(
        UserPoolId=cognito_pool.id, ClientId=app.id, ClientSecretId=app._state.secrets[0].id
    )
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.delete_user_pool_client_secret(
            UserPoolId=cognito_pool.id, ClientId=app.id, ClientSecretId=app._state.secrets[0].id
        )
    with pytest.raises(client.exceptions.ResourceNotFoundException):
        client.delete_user_pool_client_secret(
            UserPoolId=cognito_pool.id, ClientId=app.id, ClientSecretId="nope"
        )
    assert len(app._state.secrets) == 1


@SECRETS
def test_a_public_client_takes_no_secret(client: Any, cognito_app_client: AppClient) -> None:
    with pytest.raises(client.exceptions.InvalidParameterException):
        client.add_user_pool_client_secret(
            UserPoolId=cognito_app_client.pool.id, ClientId=cognito_app_client.id
        )
    assert cognito_app_client.secret is None


# -- the pytest side ---------------------------------------------------------------------------


def test_cognito_app_client_fixture(client: Any, cognito_app_client: AppClient) -> None:
    described = cognito_app_client.describe()
    assert described["ExplicitAuthFlows"] == list(ALL_ALLOW_FLOWS)
    assert "ClientSecret" not in described
    assert cognito_app_client.pool.clients == [cognito_app_client]
    with pytest.raises(ValueError, match="has no secret"):
        cognito_app_client.secret_hash("jane")


def test_secret_hash_helper(cognito_pool: UserPool) -> None:
    app = cognito_pool.create_client("server", generate_secret=True)
    assert app.secret is not None
    expected = base64.b64encode(
        hmac.new(app.secret.encode(), ("jane" + app.id).encode(), hashlib.sha256).digest()
    ).decode()
    assert app.secret_hash("jane") == expected
    assert app.name == "server"
    assert app.pool == cognito_pool


def test_create_client_is_validated_like_the_api(cognito_pool: UserPool) -> None:
    from pytest_cognito_idp import CognitoError

    with pytest.raises(CognitoError, match="REFRESH_TOKEN_AUTH"):
        cognito_pool.create_client(explicit_auth_flows=["ALLOW_USER_PASSWORD_AUTH"])
    with pytest.raises(CognitoError, match="clientName"):
        cognito_pool.create_client("bad/name")
