"""GetTokensFromRefreshToken, RevokeToken, GlobalSignOut, AdminUserGlobalSignOut via boto3."""

from __future__ import annotations

from typing import Any, Dict

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.resources import AppClient, User
from tests._tokens import claims, issue
from tests.conftest import error_of


@pytest.fixture
def signed_in(
    cognito_pool: UserPool, cognito_app_client: AppClient, cognito_user: User
) -> Dict[str, Any]:
    return cognito_pool.sign_in("jane", cognito_user.password or "", cognito_app_client)


def _still_works(client: Any, result: Dict[str, Any]) -> None:
    client.get_user(AccessToken=result["AccessToken"])


# -- GetTokensFromRefreshToken ----------------------------------------------------------------


def test_get_tokens_from_refresh_token(
    client: Any, cognito_app_client: AppClient, signed_in: Dict[str, Any]
) -> None:
    result = client.get_tokens_from_refresh_token(
        RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
    )["AuthenticationResult"]

    assert set(result) == {"AccessToken", "ExpiresIn", "TokenType", "IdToken"}
    assert (
        claims(result["AccessToken"])["origin_jti"]
        == claims(signed_in["AccessToken"])["origin_jti"]
    )
    _still_works(client, result)


def test_get_tokens_from_refresh_token_rotates_when_configured(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client("rotating", RefreshTokenRotation={"Feature": "ENABLED"})
    first = issue(cognito_idp, cognito_pool, app, cognito_user)

    rotated = client.get_tokens_from_refresh_token(
        RefreshToken=first["RefreshToken"], ClientId=app.id
    )["AuthenticationResult"]
    with pytest.raises(client.exceptions.RefreshTokenReuseException) as error:
        client.get_tokens_from_refresh_token(RefreshToken=first["RefreshToken"], ClientId=app.id)

    assert rotated["RefreshToken"] != first["RefreshToken"]
    assert error_of(error) == (
        "RefreshTokenReuseException",
        "Refresh Token has already been used",
    )
    client.get_tokens_from_refresh_token(RefreshToken=rotated["RefreshToken"], ClientId=app.id)


def test_get_tokens_from_refresh_token_checks_the_client_secret(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client("backend", generate_secret=True)
    token = issue(cognito_idp, cognito_pool, app, cognito_user)["RefreshToken"]

    with pytest.raises(client.exceptions.NotAuthorizedException) as missing:
        client.get_tokens_from_refresh_token(RefreshToken=token, ClientId=app.id)
    with pytest.raises(client.exceptions.NotAuthorizedException) as wrong:
        client.get_tokens_from_refresh_token(
            RefreshToken=token, ClientId=app.id, ClientSecret="x" * 51
        )

    assert error_of(missing)[1] == (
        f"Client {app.id} is configured for secret but secret was not received"
    )
    assert error_of(wrong)[1] == f"ClientSecret does not match for the client: {app.id}"
    client.get_tokens_from_refresh_token(
        RefreshToken=token, ClientId=app.id, ClientSecret=app.secret
    )


@pytest.mark.parametrize(
    ("token", "message"),
    [
        ("eyJ.abc.def.ghi.jkl", "Invalid Refresh Token."),
        ("nonsense", "Invalid Refresh Token."),
    ],
)
def test_get_tokens_from_a_bad_refresh_token(
    client: Any, cognito_app_client: AppClient, token: str, message: str
) -> None:
    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.get_tokens_from_refresh_token(RefreshToken=token, ClientId=cognito_app_client.id)

    assert error_of(error) == ("NotAuthorizedException", message)


B64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"


def _edits(segment: str) -> list[str]:
    """Ways to change one segment: a character replaced, a padding character added, and the
    last character's spare bits flipped (lenient base64 decoders read the same bytes)."""
    first = B64URL[(B64URL.index(segment[0]) + 1) % 64]
    out = [first + segment[1:], segment + "="]
    if len(segment) % 4:
        out.append(segment[:-1] + B64URL[B64URL.index(segment[-1]) ^ 1])
    return out


@pytest.mark.parametrize("index", range(5))
def test_a_refresh_token_with_any_segment_changed_is_refused(
    client: Any, cognito_app_client: AppClient, signed_in: Dict[str, Any], index: int
) -> None:
    token = signed_in["RefreshToken"]
    segments = token.split(".")
    assert len(segments) == 5
    for edited in _edits(segments[index]):
        forged = ".".join([*segments[:index], edited, *segments[index + 1 :]])
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.initiate_auth(
                ClientId=cognito_app_client.id,
                AuthFlow="REFRESH_TOKEN_AUTH",
                AuthParameters={"REFRESH_TOKEN": forged},
            )
        assert error_of(error) == ("NotAuthorizedException", "Invalid Refresh Token.")
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.get_tokens_from_refresh_token(
                RefreshToken=forged, ClientId=cognito_app_client.id
            )
        assert error_of(error) == ("NotAuthorizedException", "Invalid Refresh Token.")
    # The genuine token still refreshes.
    client.initiate_auth(
        ClientId=cognito_app_client.id,
        AuthFlow="REFRESH_TOKEN_AUTH",
        AuthParameters={"REFRESH_TOKEN": token},
    )


def test_get_tokens_with_an_unknown_client(client: Any, signed_in: Dict[str, Any]) -> None:
    with pytest.raises(client.exceptions.ResourceNotFoundException) as error:
        client.get_tokens_from_refresh_token(
            RefreshToken=signed_in["RefreshToken"], ClientId="a" * 26
        )

    assert error_of(error)[1] == f"User pool client {'a' * 26} does not exist."


def test_refreshed_tokens_expire_on_their_own_clock(
    cognito_clock: Clock,
    client: Any,
    cognito_app_client: AppClient,
    signed_in: Dict[str, Any],
) -> None:
    cognito_clock.advance(hours=2)
    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.get_user(AccessToken=signed_in["AccessToken"])

    refreshed = client.get_tokens_from_refresh_token(
        RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
    )["AuthenticationResult"]

    assert error_of(error)[1] == "Access Token has expired"
    _still_works(client, refreshed)
    cognito_clock.advance(days=30)
    with pytest.raises(client.exceptions.NotAuthorizedException) as expired:
        client.get_tokens_from_refresh_token(
            RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
        )
    assert error_of(expired)[1] == "Refresh Token has expired"


# -- GlobalSignOut and AdminUserGlobalSignOut -------------------------------------------------


def test_global_sign_out_revokes_every_session(
    cognito_idp: CognitoIdp,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    signed_in: Dict[str, Any],
) -> None:
    other_device = issue(cognito_idp, cognito_pool, cognito_app_client, cognito_user)
    refreshed = client.get_tokens_from_refresh_token(
        RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
    )["AuthenticationResult"]

    client.global_sign_out(AccessToken=signed_in["AccessToken"])

    for result in (signed_in, other_device, refreshed):
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.get_user(AccessToken=result["AccessToken"])
        assert error_of(error)[1] == "Access Token has been revoked"
    for token in (signed_in["RefreshToken"], other_device["RefreshToken"]):
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.get_tokens_from_refresh_token(RefreshToken=token, ClientId=cognito_app_client.id)
        assert error_of(error)[1] == "Refresh Token has been revoked"


def test_global_sign_out_twice_is_refused(client: Any, signed_in: Dict[str, Any]) -> None:
    client.global_sign_out(AccessToken=signed_in["AccessToken"])

    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.global_sign_out(AccessToken=signed_in["AccessToken"])

    assert error_of(error) == ("NotAuthorizedException", "Access Token has been revoked")


def test_a_sign_in_after_a_sign_out_works_in_the_same_second(
    cognito_idp: CognitoIdp,
    cognito_clock: Clock,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    signed_in: Dict[str, Any],
) -> None:
    client.global_sign_out(AccessToken=signed_in["AccessToken"])

    again = issue(cognito_idp, cognito_pool, cognito_app_client, cognito_user)

    _still_works(client, again)


def test_admin_user_global_sign_out(
    client: Any, cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    client.admin_user_global_sign_out(UserPoolId=cognito_pool.id, Username="jane")

    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.get_user(AccessToken=signed_in["AccessToken"])
    assert error_of(error)[1] == "Access Token has been revoked"


def test_admin_user_global_sign_out_of_an_unknown_user(
    client: Any, cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    with pytest.raises(client.exceptions.UserNotFoundException) as error:
        client.admin_user_global_sign_out(UserPoolId=cognito_pool.id, Username="nobody")

    assert error_of(error)[1] == "User does not exist."
    _still_works(client, signed_in)


# -- RevokeToken ------------------------------------------------------------------------------


def test_revoke_token_revokes_its_session_only(
    cognito_idp: CognitoIdp,
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    cognito_user: User,
    signed_in: Dict[str, Any],
) -> None:
    other_device = issue(cognito_idp, cognito_pool, cognito_app_client, cognito_user)
    refreshed = client.get_tokens_from_refresh_token(
        RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
    )["AuthenticationResult"]

    assert client.revoke_token(Token=signed_in["RefreshToken"], ClientId=cognito_app_client.id)

    for result in (signed_in, refreshed):
        with pytest.raises(client.exceptions.NotAuthorizedException) as error:
            client.get_user(AccessToken=result["AccessToken"])
        assert error_of(error)[1] == "Access Token has been revoked"
    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.get_tokens_from_refresh_token(
            RefreshToken=signed_in["RefreshToken"], ClientId=cognito_app_client.id
        )
    assert error_of(error)[1] == "Refresh Token has been revoked"
    _still_works(client, other_device)
    # Revoking again is harmless.
    client.revoke_token(Token=signed_in["RefreshToken"], ClientId=cognito_app_client.id)


def test_revoke_token_needs_token_revocation(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client("legacy", EnableTokenRevocation=False)
    result = issue(cognito_idp, cognito_pool, app, cognito_user)

    with pytest.raises(client.exceptions.UnsupportedOperationException) as error:
        client.revoke_token(Token=result["RefreshToken"], ClientId=app.id)

    assert error_of(error)[1] == "Token revocation is not enabled for this client."
    _still_works(client, result)


def test_revoke_token_needs_the_client_that_got_it(
    client: Any, cognito_pool: UserPool, signed_in: Dict[str, Any]
) -> None:
    other = cognito_pool.create_client("other")

    with pytest.raises(client.exceptions.UnauthorizedException) as error:
        client.revoke_token(Token=signed_in["RefreshToken"], ClientId=other.id)

    assert error_of(error) == ("UnauthorizedException", "Invalid token.")
    _still_works(client, signed_in)


def test_revoke_token_refuses_access_and_id_tokens(
    client: Any, cognito_app_client: AppClient, signed_in: Dict[str, Any]
) -> None:
    for token in (signed_in["AccessToken"], signed_in["IdToken"]):
        with pytest.raises(client.exceptions.UnsupportedTokenTypeException) as error:
            client.revoke_token(Token=token, ClientId=cognito_app_client.id)
        assert error_of(error)[1] == "Only refresh tokens can be revoked."
    _still_works(client, signed_in)


def test_revoke_token_checks_the_client(
    cognito_idp: CognitoIdp, client: Any, cognito_pool: UserPool, cognito_user: User
) -> None:
    app = cognito_pool.create_client("backend", generate_secret=True)
    result = issue(cognito_idp, cognito_pool, app, cognito_user)
    token = result["RefreshToken"]

    errors = []
    for kwargs in (
        {"ClientId": "b" * 26},
        {"ClientId": app.id},
        {"ClientId": app.id, "ClientSecret": "y" * 51},
    ):
        with pytest.raises(client.exceptions.UnauthorizedException) as error:
            client.revoke_token(Token=token, **kwargs)
        errors.append(error_of(error)[1])

    assert errors == [
        f"Client {'b' * 26} does not exist.",
        f"Client {app.id} is configured for secret but secret was not received",
        f"ClientSecret does not match for the client: {app.id}",
    ]
    _still_works(client, result)
    client.revoke_token(Token=token, ClientId=app.id, ClientSecret=app.secret)
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(AccessToken=result["AccessToken"])


def test_refresh_token_auth_honours_revocation(
    client: Any, cognito_app_client: AppClient, signed_in: Dict[str, Any]
) -> None:
    refresh = {"REFRESH_TOKEN": signed_in["RefreshToken"]}
    refreshed = client.initiate_auth(
        ClientId=cognito_app_client.id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=refresh
    )["AuthenticationResult"]
    assert "RefreshToken" not in refreshed

    client.revoke_token(Token=signed_in["RefreshToken"], ClientId=cognito_app_client.id)

    with pytest.raises(client.exceptions.NotAuthorizedException) as error:
        client.initiate_auth(
            ClientId=cognito_app_client.id, AuthFlow="REFRESH_TOKEN_AUTH", AuthParameters=refresh
        )
    assert error_of(error) == ("NotAuthorizedException", "Refresh Token has been revoked")
    with pytest.raises(client.exceptions.NotAuthorizedException):
        client.get_user(AccessToken=refreshed["AccessToken"])


def test_get_tokens_from_refresh_token_runs_pre_token_generation(
    client: Any,
    cognito_pool: UserPool,
    cognito_app_client: AppClient,
    signed_in: Dict[str, Any],
) -> None:
    seen = []

    @cognito_pool.trigger("PreTokenGeneration")
    def add_plan(event: Dict[str, Any], context: Any) -> Dict[str, Any]:
        seen.append((event["triggerSource"], event["request"].get("clientMetadata")))
        event["response"]["claimsOverrideDetails"] = {"claimsToAddOrOverride": {"plan": "gold"}}
        return event

    result = client.get_tokens_from_refresh_token(
        RefreshToken=signed_in["RefreshToken"],
        ClientId=cognito_app_client.id,
        ClientMetadata={"app": "web"},
    )["AuthenticationResult"]

    assert claims(result["IdToken"])["plan"] == "gold"
    assert seen == [("TokenGeneration_RefreshTokens", {"app": "web"})]
