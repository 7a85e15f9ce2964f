"""AdminLinkProviderForUser and AdminDisableProviderForUser through a real boto3 client."""

from __future__ import annotations

import json
from typing import Any, Dict, Optional

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from tests.conftest import error_of

GOOGLE = {"client_id": "gid", "client_secret": "gsecret", "authorize_scopes": "email openid"}
OIDC = {
    "client_id": "oid",
    "attributes_request_method": "GET",
    "oidc_issuer": "https://idp.example.com",
    "authorize_scopes": "openid email",
}


@pytest.fixture
def pool(client: Any, cognito_pool: UserPool) -> UserPool:
    for name, type_, details in (("Google", "Google", GOOGLE), ("Corp", "OIDC", OIDC)):
        client.create_identity_provider(
            UserPoolId=cognito_pool.id,
            ProviderName=name,
            ProviderType=type_,
            ProviderDetails=details,
            AttributeMapping={"email": "email"},
        )
    cognito_pool.create_user("jane", attributes={"email": "jane@example.com"})
    return cognito_pool


def _user(name: str = "jane", provider: str = "Cognito") -> Dict[str, str]:
    return {"ProviderName": provider, "ProviderAttributeValue": name}


def _source(provider: str, value: str, attribute: str = "Cognito_Subject") -> Dict[str, str]:
    return {
        "ProviderName": provider,
        "ProviderAttributeName": attribute,
        "ProviderAttributeValue": value,
    }


def _link(client: Any, pool: UserPool, source: Dict[str, str], destination: Any = None) -> None:
    client.admin_link_provider_for_user(
        UserPoolId=pool.id, DestinationUser=destination or _user(), SourceUser=source
    )


def _identities(client: Any, pool: UserPool, username: str = "jane") -> Optional[Any]:
    attributes = client.admin_get_user(UserPoolId=pool.id, Username=username)["UserAttributes"]
    found = [a["Value"] for a in attributes if a["Name"] == "identities"]
    return json.loads(found[0]) if found else None


def test_link_shows_in_the_identities_attribute(
    client: Any, pool: UserPool, cognito_idp: CognitoIdp
) -> None:
    _link(client, pool, _source("Google", "1234567890"))
    _link(client, pool, _source("Corp", "jane@corp.example", "email"))

    identities = _identities(client, pool)
    assert [{k: v for k, v in i.items() if k != "dateCreated"} for i in identities] == [
        {
            "userId": "1234567890",
            "providerName": "Google",
            "providerType": "Google",
            "issuer": None,
            "primary": False,
        },
        {
            "userId": "jane@corp.example",
            "providerName": "Corp",
            "providerType": "OIDC",
            "issuer": None,
            "primary": False,
        },
    ]
    assert all(isinstance(i["dateCreated"], int) for i in identities)


@pytest.mark.parametrize(
    ("destination", "source", "error"),
    [
        (
            _user("nobody"),
            _source("Google", "1"),
            ("UserNotFoundException", "User does not exist."),
        ),
        (
            _user(),
            _source("Nope", "1"),
            ("ResourceNotFoundException", "Identity provider Nope does not exist."),
        ),
        (
            _user(),
            _source("Cognito", "jane"),
            (
                "InvalidParameterException",
                "Invalid SourceUser: Cognito users with a username/password may not be passed in "
                "as a SourceUser, only as a DestinationUser",
            ),
        ),
        (
            _user(),
            _source("Google", "1", "email"),
            (
                "InvalidParameterException",
                "Invalid SourceUser: ProviderAttributeName email is not Cognito_Subject for "
                "provider Google.",
            ),
        ),
        (
            _user(),
            _source("Corp", "1", "phone_number"),
            (
                "InvalidParameterException",
                "Invalid SourceUser: ProviderAttributeName phone_number is not mapped for "
                "provider Corp.",
            ),
        ),
    ],
)
def test_invalid_links(
    client: Any, pool: UserPool, destination: Any, source: Any, error: Any
) -> None:
    with pytest.raises(client.exceptions.ClientError) as excinfo:
        _link(client, pool, source, destination)
    assert error_of(excinfo) == error
    assert _identities(client, pool) is None


def test_an_identity_links_to_one_user(client: Any, pool: UserPool) -> None:
    pool.create_user("john")
    _link(client, pool, _source("Google", "1"))
    _link(client, pool, _source("Google", "1"))  # again: nothing changes
    with pytest.raises(client.exceptions.AliasExistsException) as excinfo:
        _link(client, pool, _source("Google", "1"), _user("john"))
    assert error_of(excinfo)[1] == "The SourceUser is already linked to another user."
    assert len(_identities(client, pool)) == 1
    assert _identities(client, pool, "john") is None


def test_a_signed_up_federated_user_cannot_be_merged(client: Any, pool: UserPool) -> None:
    pool.create_user("Google_42")
    with pytest.raises(client.exceptions.InvalidParameterException) as excinfo:
        _link(client, pool, _source("Google", "42"))
    assert error_of(excinfo)[1] == (
        "Merging is not currently supported, provide a SourceUser that has not been signed up "
        "in order to link"
    )


def test_at_most_five_identities(client: Any, pool: UserPool) -> None:
    for i in range(5):
        _link(client, pool, _source("Google", str(i)))
    with pytest.raises(client.exceptions.LimitExceededException) as excinfo:
        _link(client, pool, _source("Google", "5"))
    assert error_of(excinfo)[1] == "A user can be linked to at most 5 identities."
    assert len(_identities(client, pool)) == 5


def test_disable_provider_unlinks(client: Any, pool: UserPool) -> None:
    _link(client, pool, _source("Google", "1"))
    _link(client, pool, _source("Corp", "jane@corp.example", "email"))

    client.admin_disable_provider_for_user(UserPoolId=pool.id, User=_source("Google", "1"))
    assert [i["providerName"] for i in _identities(client, pool)] == ["Corp"]
    client.admin_disable_provider_for_user(
        UserPoolId=pool.id, User=_source("Corp", "jane@corp.example")
    )
    assert _identities(client, pool) is None

    with pytest.raises(client.exceptions.UserNotFoundException) as excinfo:
        client.admin_disable_provider_for_user(UserPoolId=pool.id, User=_source("Google", "1"))
    assert error_of(excinfo) == ("UserNotFoundException", "User does not exist.")


def test_disable_provider_for_a_local_user(client: Any, pool: UserPool) -> None:
    client.admin_disable_provider_for_user(UserPoolId=pool.id, User=_source("Cognito", "jane"))
    assert client.admin_get_user(UserPoolId=pool.id, Username="jane")["Enabled"] is False
