"""GetClientToken (machine-to-machine access tokens) and GetDerivedToken (token exchange) through
boto3: real RS256 tokens that the pool's JWKS verifies, and the service's refusals."""

from __future__ import annotations

from typing import Any, Dict

import jwt
import pytest
from botocore.exceptions import ClientError

from pytest_cognito_idp import UserPool
from pytest_cognito_idp._model.service import service_model
from pytest_cognito_idp.backend.tokens.issuing import InvalidToken
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests._tokens import claims, header
from tests.conftest import error_of

pytestmark = pytest.mark.skipif(
    "GetClientToken" not in service_model().operation_names,
    reason="this botocore's model has no GetClientToken or GetDerivedToken",
)

# Token exchange (GetDerivedToken) came with a later model than GetClientToken.
EXCHANGE = pytest.mark.skipif(
    "GetDerivedToken" not in service_model().operation_names,
    reason="this botocore's model has no GetDerivedToken",
)

EXCHANGE_FLOWS = [
    "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ALLOW_REFRESH_TOKEN_AUTH",
    "ALLOW_TOKEN_EXCHANGE_IMPERSONATION",
    "ALLOW_TOKEN_EXCHANGE_DELEGATION",
]


def failure(call: Any, **kwargs: Any) -> tuple[str, str]:
    with pytest.raises(ClientError) as excinfo:
        call(**kwargs)
    return error_of(excinfo)


def jwks_claims(pool: UserPool, token: str, **options: Any) -> Dict[str, Any]:
    """The claims of ``token`` as PyJWT verifies them with the pool's published JWKS."""
    key = jwt.PyJWKSet.from_dict(pool.jwks)[header(token)["kid"]]
    return jwt.decode(token, key.key, algorithms=["RS256"], issuer=pool.issuer, **options)  # type: ignore[no-any-return]


@pytest.fixture
def api(client: Any, cognito_pool: UserPool) -> str:
    client.create_resource_server(
        UserPoolId=cognito_pool.id,
        Identifier="api",
        Name="API",
        Scopes=[
            {"ScopeName": "read", "ScopeDescription": "read"},
            {"ScopeName": "write", "ScopeDescription": "write"},
        ],
    )
    return "api"


@pytest.fixture
def m2m(client: Any, cognito_pool: UserPool, api: str) -> Dict[str, Any]:
    """An M2M app client as AWS's own example sets one up."""
    return client.create_user_pool_client(  # type: ignore[no-any-return]
        UserPoolId=cognito_pool.id,
        ClientName="m2m",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"],
        AllowedOAuthFlowsUserPoolClient=True,
        AllowedOAuthFlows=["client_credentials"],
        AllowedOAuthScopes=["api/read", "api/write"],
    )["UserPoolClient"]


# -- GetClientToken ---------------------------------------------------------------------------


def test_client_token_is_a_real_access_token(
    client: Any, cognito_pool: UserPool, m2m: Dict[str, Any]
) -> None:
    result = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])[
        "ClientAuthenticationResult"
    ]
    token = result["AccessToken"]
    verified = jwks_claims(cognito_pool, token)

    assert result["ExpiresIn"] == 3600
    assert result["TokenType"] == "Bearer"
    assert list(verified) == [
        "sub",
        "token_use",
        "scope",
        "auth_time",
        "iss",
        "exp",
        "iat",
        "version",
        "jti",
        "client_id",
    ]
    assert verified["sub"] == verified["client_id"] == m2m["ClientId"]
    assert verified["scope"] == "api/read api/write"
    assert verified["exp"] - verified["iat"] == 3600
    assert header(token)["kid"] == cognito_pool.jwks["keys"][1]["kid"]  # the access-token key
    assert cognito_pool.verify_token(token) == verified
    assert m2m["ExplicitAuthFlows"] == ["ALLOW_CLIENT_TOKEN_AUTH"]


def test_client_token_with_requested_scopes(client: Any, m2m: Dict[str, Any]) -> None:
    token = client.get_client_token(
        ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"], Scopes=["api/write", "api/write"]
    )["ClientAuthenticationResult"]["AccessToken"]

    assert claims(token)["scope"] == "api/write"


def test_client_token_scopes_must_be_allowed(
    client: Any, cognito_pool: UserPool, m2m: Dict[str, Any]
) -> None:
    for scope in ("api/admin", "openid"):
        assert failure(
            client.get_client_token,
            ClientId=m2m["ClientId"],
            Secret=m2m["ClientSecret"],
            Scopes=["api/read", scope],
        ) == ("InvalidParameterException", f"Invalid scope requested: {scope}")


def test_client_token_needs_custom_scopes(client: Any, cognito_pool: UserPool) -> None:
    app = client.create_user_pool_client(
        UserPoolId=cognito_pool.id,
        ClientName="bare",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"],
    )["UserPoolClient"]

    assert failure(
        client.get_client_token, ClientId=app["ClientId"], Secret=app["ClientSecret"]
    ) == (
        "InvalidParameterException",
        f"Client {app['ClientId']} has no custom scopes of a resource server to authorize.",
    )


def test_client_token_checks_the_secret(client: Any, m2m: Dict[str, Any]) -> None:
    assert failure(client.get_client_token, ClientId=m2m["ClientId"], Secret="x" * 51) == (
        "NotAuthorizedException",
        f"ClientSecret does not match for the client: {m2m['ClientId']}",
    )


def test_client_token_needs_the_flow_and_a_secret(
    client: Any, cognito_pool: UserPool, cognito_app_client: AppClient, api: str
) -> None:
    with_secret = cognito_pool.create_client("secret", generate_secret=True)

    assert failure(client.get_client_token, ClientId=with_secret.id, Secret=with_secret.secret) == (
        "NotAuthorizedException",
        "CLIENT_TOKEN_AUTH flow not enabled for this client",
    )
    assert failure(client.get_client_token, ClientId=cognito_app_client.id, Secret="x" * 51) == (
        "NotAuthorizedException",
        f"Client {cognito_app_client.id} is not configured with a client secret.",
    )
    assert failure(client.get_client_token, ClientId="a" * 26, Secret="x" * 51) == (
        "ResourceNotFoundException",
        f"User pool client {'a' * 26} does not exist.",
    )


def test_client_token_flow_is_alone_and_needs_a_secret(client: Any, cognito_pool: UserPool) -> None:
    combined = failure(
        client.create_user_pool_client,
        UserPoolId=cognito_pool.id,
        ClientName="mixed",
        GenerateSecret=True,
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
    )
    public = failure(
        client.create_user_pool_client,
        UserPoolId=cognito_pool.id,
        ClientName="public",
        ExplicitAuthFlows=["ALLOW_CLIENT_TOKEN_AUTH"],
    )

    assert combined == (
        "InvalidParameterException",
        "ALLOW_CLIENT_TOKEN_AUTH cannot be combined with other ExplicitAuthFlows.",
    )
    assert public == (
        "InvalidParameterException",
        "ALLOW_CLIENT_TOKEN_AUTH can not be selected if client does not have a client secret.",
    )
    assert client.list_user_pool_clients(UserPoolId=cognito_pool.id)["UserPoolClients"] == []


def test_client_token_authorises_no_user_operation(client: Any, m2m: Dict[str, Any]) -> None:
    token = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])[
        "ClientAuthenticationResult"
    ]["AccessToken"]

    assert failure(client.get_user, AccessToken=token) == (
        "NotAuthorizedException",
        "Access Token does not have required scopes",
    )


def test_client_token_expires_and_dies_with_its_client(
    client: Any, cognito_clock: Clock, cognito_pool: UserPool, m2m: Dict[str, Any]
) -> None:
    first = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])
    cognito_clock.advance(hours=1)
    second = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])

    with pytest.raises(InvalidToken, match="expired"):
        cognito_pool.verify_token(first["ClientAuthenticationResult"]["AccessToken"])
    token = second["ClientAuthenticationResult"]["AccessToken"]
    cognito_pool.verify_token(token)
    client.delete_user_pool_client(UserPoolId=cognito_pool.id, ClientId=m2m["ClientId"])
    with pytest.raises(InvalidToken, match="app client no longer exists"):
        cognito_pool.verify_token(token)


# -- GetDerivedToken --------------------------------------------------------------------------


@pytest.fixture
def exchanger(cognito_pool: UserPool, api: str) -> AppClient:
    return cognito_pool.create_client(
        "exchanger",
        explicit_auth_flows=EXCHANGE_FLOWS,
        AllowedOAuthScopes=["api/read", "openid"],
    )


@pytest.fixture
def signed_in(cognito_pool: UserPool, exchanger: AppClient, cognito_user: User) -> Dict[str, Any]:
    return cognito_pool.sign_in("jane", cognito_user.password or "", exchanger)


@EXCHANGE
def test_impersonation_issues_a_token_for_the_same_user(
    client: Any, cognito_pool: UserPool, exchanger: AppClient, signed_in: Dict[str, Any]
) -> None:
    response = client.get_derived_token(
        ClientId=exchanger.id,
        SubjectToken=signed_in["AccessToken"],
        SubjectTokenType="ACCESS_TOKEN",
        Audiences=["billing"],
    )
    issued = jwks_claims(cognito_pool, response["IssuedToken"], audience="billing")
    subject = claims(signed_in["AccessToken"])

    assert response["IssuedTokenType"] == "ACCESS_TOKEN"
    assert response["TokenType"] == "Bearer"
    assert response["ExpiresIn"] == 3600
    assert response["Scopes"] == ["aws.cognito.signin.user.admin"]
    assert issued["aud"] == "billing"
    assert "act" not in issued
    for claim in ("sub", "username", "origin_jti", "auth_time", "client_id"):
        assert issued[claim] == subject[claim]
    assert issued["jti"] != subject["jti"]
    client.get_user(AccessToken=response["IssuedToken"])


@EXCHANGE
def test_delegation_names_the_actor(
    client: Any,
    cognito_pool: UserPool,
    exchanger: AppClient,
    signed_in: Dict[str, Any],
    m2m: Dict[str, Any],
) -> None:
    actor = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])[
        "ClientAuthenticationResult"
    ]["AccessToken"]
    delegated = client.get_derived_token(
        ClientId=exchanger.id,
        SubjectToken=signed_in["AccessToken"],
        SubjectTokenType="ACCESS_TOKEN",
        ActorToken=actor,
        ActorTokenType="ACCESS_TOKEN",
        Resources=["api"],
    )["IssuedToken"]
    again = client.get_derived_token(
        ClientId=exchanger.id,
        SubjectToken=delegated,
        SubjectTokenType="ACCESS_TOKEN",
        ActorToken=signed_in["AccessToken"],
        ActorTokenType="ACCESS_TOKEN",
    )["IssuedToken"]

    first = jwks_claims(cognito_pool, delegated, audience="api")
    assert first["act"] == {"sub": m2m["ClientId"]}
    assert claims(again)["act"] == {"sub": first["sub"], "act": {"sub": m2m["ClientId"]}}


@EXCHANGE
def test_exchange_for_an_id_token(
    client: Any, cognito_pool: UserPool, exchanger: AppClient, signed_in: Dict[str, Any]
) -> None:
    response = client.get_derived_token(
        ClientId=exchanger.id,
        SubjectToken=signed_in["IdToken"],
        SubjectTokenType="ID_TOKEN",
        RequestedTokenType="ID_TOKEN",
    )
    issued = jwks_claims(cognito_pool, response["IssuedToken"], audience=exchanger.id)

    assert response["IssuedTokenType"] == "ID_TOKEN"
    assert response["TokenType"] == "N_A"
    assert "Scopes" not in response
    assert issued["token_use"] == "id"
    assert issued["cognito:username"] == "jane"
    assert issued["email"] == "jane@example.com"
    assert header(response["IssuedToken"])["kid"] == cognito_pool.jwks["keys"][0]["kid"]


@EXCHANGE
def test_requested_scopes_narrow_the_subject_scopes(
    client: Any, exchanger: AppClient, signed_in: Dict[str, Any]
) -> None:
    kwargs = {
        "ClientId": exchanger.id,
        "SubjectToken": signed_in["AccessToken"],
        "SubjectTokenType": "ACCESS_TOKEN",
    }
    granted = client.get_derived_token(
        Scopes=["api/read", "aws.cognito.signin.user.admin"], **kwargs
    )

    assert granted["Scopes"] == ["aws.cognito.signin.user.admin"]
    assert failure(client.get_derived_token, Scopes=["api/read"], **kwargs) == (
        "InvalidParameterException",
        "None of the requested scopes can be granted.",
    )


@EXCHANGE
def test_derived_tokens_are_revoked_with_the_session(
    client: Any, cognito_pool: UserPool, exchanger: AppClient, signed_in: Dict[str, Any]
) -> None:
    issued = client.get_derived_token(
        ClientId=exchanger.id,
        SubjectToken=signed_in["AccessToken"],
        SubjectTokenType="ACCESS_TOKEN",
    )["IssuedToken"]
    client.revoke_token(Token=signed_in["RefreshToken"], ClientId=exchanger.id)

    expected = ("NotAuthorizedException", "Access Token has been revoked")
    assert failure(client.get_user, AccessToken=issued) == expected
    assert (
        failure(
            client.get_derived_token,
            ClientId=exchanger.id,
            SubjectToken=signed_in["AccessToken"],
            SubjectTokenType="ACCESS_TOKEN",
        )
        == expected
    )


@EXCHANGE
def test_exchange_needs_the_client_flow(
    client: Any, cognito_pool: UserPool, cognito_user: User, m2m: Dict[str, Any]
) -> None:
    app = cognito_pool.create_client(
        "plain", explicit_auth_flows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"]
    )
    tokens = cognito_pool.sign_in("jane", cognito_user.password or "", app)
    base = {
        "ClientId": app.id,
        "SubjectToken": tokens["AccessToken"],
        "SubjectTokenType": "ACCESS_TOKEN",
    }

    assert failure(client.get_derived_token, **base) == (
        "NotAuthorizedException",
        "TOKEN_EXCHANGE_IMPERSONATION flow not enabled for this client",
    )
    assert failure(
        client.get_derived_token,
        ActorToken=tokens["AccessToken"],
        ActorTokenType="ACCESS_TOKEN",
        **base,
    ) == ("NotAuthorizedException", "TOKEN_EXCHANGE_DELEGATION flow not enabled for this client")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (
            {"ActorTokenType": "ACCESS_TOKEN"},
            "ActorToken and ActorTokenType must be provided together.",
        ),
        (
            {"Audiences": ["a"], "Resources": ["api"]},
            "You can't request both Audiences and Resources.",
        ),
        (
            {"SubjectTokenType": "SAML2"},
            "SubjectTokenProviderName is required for a SAML2 SubjectToken.",
        ),
    ],
)
@EXCHANGE
def test_exchange_parameter_rules(
    client: Any,
    exchanger: AppClient,
    signed_in: Dict[str, Any],
    extra: Dict[str, Any],
    message: str,
) -> None:
    kwargs = {
        "ClientId": exchanger.id,
        "SubjectToken": signed_in["AccessToken"],
        "SubjectTokenType": "ACCESS_TOKEN",
        **extra,
    }
    assert failure(client.get_derived_token, **kwargs) == ("InvalidParameterException", message)


@EXCHANGE
def test_exchange_refuses_bad_tokens_and_names(
    client: Any, exchanger: AppClient, signed_in: Dict[str, Any]
) -> None:
    base = {"ClientId": exchanger.id, "SubjectTokenType": "ACCESS_TOKEN"}

    assert failure(client.get_derived_token, SubjectToken=signed_in["IdToken"], **base) == (
        "NotAuthorizedException",
        "Invalid Access Token",
    )
    assert failure(
        client.get_derived_token,
        SubjectToken=signed_in["AccessToken"],
        Resources=["nope"],
        **base,
    ) == ("ResourceNotFoundException", "Resource server nope does not exist.")
    assert failure(
        client.get_derived_token,
        SubjectToken=signed_in["AccessToken"],
        SubjectTokenProviderName="Okta",
        **base,
    ) == ("ResourceNotFoundException", "Identity provider Okta does not exist.")
    assert failure(
        client.get_derived_token,
        SubjectToken=signed_in["AccessToken"],
        ClientSecret="x" * 51,
        **base,
    ) == ("NotAuthorizedException", f"ClientSecret does not match for the client: {exchanger.id}")


@EXCHANGE
def test_an_id_token_is_issued_for_users_only(
    client: Any, cognito_pool: UserPool, m2m: Dict[str, Any], exchanger: AppClient
) -> None:
    token = client.get_client_token(ClientId=m2m["ClientId"], Secret=m2m["ClientSecret"])[
        "ClientAuthenticationResult"
    ]["AccessToken"]
    kwargs = {"ClientId": exchanger.id, "SubjectToken": token, "SubjectTokenType": "ACCESS_TOKEN"}

    issued = client.get_derived_token(**kwargs)
    assert issued["Scopes"] == ["api/read", "api/write"]
    assert cognito_pool.verify_token(issued["IssuedToken"])["sub"] == m2m["ClientId"]
    assert failure(client.get_derived_token, RequestedTokenType="ID_TOKEN", **kwargs) == (
        "InvalidParameterException",
        "An ID token can be issued only for a user's token.",
    )
