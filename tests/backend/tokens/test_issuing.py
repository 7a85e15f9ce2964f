"""Tokens as the sign-in flows get them: claims, refresh tokens, refreshing and checking."""

from __future__ import annotations

import re
import uuid
from typing import Any, Dict, Tuple

import pytest

from pytest_cognito_idp import CognitoIdp, UserPool
from pytest_cognito_idp.backend.tokens import issuing
from pytest_cognito_idp.clock import Clock
from pytest_cognito_idp.errors import (
    CognitoError,
    InvalidParameterException,
    NotAuthorizedException,
    RefreshTokenReuseException,
)
from pytest_cognito_idp.operations.tokens import authentication_result
from pytest_cognito_idp.resources import AppClient, User
from tests._tokens import claims, header, issue

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")


@pytest.fixture
def pool(cognito_idp: CognitoIdp) -> UserPool:
    return cognito_idp.create_pool(
        Schema=[{"Name": "tier", "AttributeDataType": "String", "Mutable": True}]
    )


@pytest.fixture
def user(pool: UserPool) -> User:
    return pool.create_user(
        "jane",
        attributes={
            "email": "jane@example.com",
            "email_verified": "true",
            "given_name": "Jane",
            "custom:tier": "7",
        },
    )


def _refresh(
    fake: CognitoIdp, pool: UserPool, client: AppClient, token: str, **kwargs: Any
) -> Dict[str, Any]:
    with fake._state() as backend:
        refreshed = issuing.refresh(backend, pool._state, client._state, token, **kwargs)
    return authentication_result(refreshed)


def _error(error: pytest.ExceptionInfo[CognitoError]) -> Tuple[str, str]:
    return error.value.code, error.value.message


def test_the_id_token_carries_the_identity_and_the_readable_attributes(
    cognito_idp: CognitoIdp, cognito_clock: Clock, pool: UserPool, user: User
) -> None:
    app = pool.create_client("app")
    now = int(cognito_clock.now().timestamp())

    result = issue(cognito_idp, pool, app, user)
    id_claims = claims(result["IdToken"])

    assert header(result["IdToken"]) == {"kid": pool.jwks["keys"][0]["kid"], "alg": "RS256"}
    assert id_claims == {
        "sub": user.sub,
        "email": "jane@example.com",
        "email_verified": True,
        "given_name": "Jane",
        "custom:tier": "7",
        "iss": pool.issuer,
        "cognito:username": "jane",
        "origin_jti": id_claims["origin_jti"],
        "aud": app.id,
        "event_id": id_claims["event_id"],
        "token_use": "id",
        "auth_time": now,
        "exp": now + 3600,
        "iat": now,
        "jti": id_claims["jti"],
    }
    assert UUID.fullmatch(id_claims["origin_jti"]) and UUID.fullmatch(id_claims["jti"])
    assert UUID.fullmatch(id_claims["event_id"])


def test_the_access_token_carries_what_the_api_needs(
    cognito_idp: CognitoIdp, cognito_clock: Clock, pool: UserPool, user: User
) -> None:
    app = pool.create_client("app")
    now = int(cognito_clock.now().timestamp())

    result = issue(cognito_idp, pool, app, user, device_key="us-east-1_" + str(uuid.uuid4()))
    access = claims(result["AccessToken"])
    id_claims = claims(result["IdToken"])

    assert header(result["AccessToken"])["kid"] == pool.jwks["keys"][1]["kid"]
    assert access == {
        "sub": user.sub,
        "device_key": access["device_key"],
        "iss": pool.issuer,
        "client_id": app.id,
        "origin_jti": id_claims["origin_jti"],
        "event_id": id_claims["event_id"],
        "token_use": "access",
        "scope": "aws.cognito.signin.user.admin",
        "auth_time": now,
        "exp": now + 3600,
        "iat": now,
        "jti": access["jti"],
        "username": "jane",
    }
    assert access["jti"] != id_claims["jti"]
    assert "aud" not in access
    assert (result["ExpiresIn"], result["TokenType"]) == (3600, "Bearer")


def test_lifetimes_come_from_the_client(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client(
        "short",
        AccessTokenValidity=5,
        IdTokenValidity=2,
        TokenValidityUnits={"AccessToken": "minutes", "IdToken": "hours"},
    )

    result = issue(cognito_idp, pool, app, user)

    access, id_claims = claims(result["AccessToken"]), claims(result["IdToken"])
    assert access["exp"] - access["iat"] == 300 == result["ExpiresIn"]
    assert id_claims["exp"] - id_claims["iat"] == 7200


def test_a_client_without_token_revocation_issues_no_jti(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client("legacy", EnableTokenRevocation=False)

    result = issue(cognito_idp, pool, app, user)

    for token in (result["IdToken"], result["AccessToken"]):
        assert "jti" not in claims(token) and "origin_jti" not in claims(token)


def test_read_attributes_limit_the_id_token(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client("narrow", ReadAttributes=["email", "custom:tier"])

    id_claims = claims(issue(cognito_idp, pool, app, user)["IdToken"])

    assert id_claims["email"] == "jane@example.com" and id_claims["custom:tier"] == "7"
    assert "given_name" not in id_claims and "email_verified" not in id_claims


def test_groups_and_roles_are_claims(cognito_idp: CognitoIdp, pool: UserPool) -> None:
    role = "arn:aws:iam::123456789012:role/{}"
    pool.create_group("staff", Precedence=5, RoleArn=role.format("staff"))
    pool.create_group("admins", Precedence=1, RoleArn=role.format("admins"))
    pool.create_group("readers")
    member = pool.create_user("bob", groups=["staff", "admins", "readers"])

    result = issue(cognito_idp, pool, pool.create_client("app"), member)
    id_claims, access = claims(result["IdToken"]), claims(result["AccessToken"])

    assert id_claims["cognito:groups"] == ["admins", "staff", "readers"]
    assert access["cognito:groups"] == ["admins", "staff", "readers"]
    assert id_claims["cognito:roles"] == [role.format("admins"), role.format("staff")]
    assert id_claims["cognito:preferred_role"] == role.format("admins")
    assert "cognito:roles" not in access


def test_a_user_in_no_group_has_no_group_claim(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    result = issue(cognito_idp, pool, pool.create_client("app"), user)

    assert "cognito:groups" not in claims(result["IdToken"])
    assert "cognito:groups" not in claims(result["AccessToken"])


def test_claims_override_changes_what_is_signed(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    def override(
        id_claims: Dict[str, Any], access: Dict[str, Any]
    ) -> Tuple[Dict[str, Any], Dict[str, Any]]:
        id_claims.pop("email")
        return {**id_claims, "plan": "gold"}, {**access, "scope": "openid extra"}

    result = issue(cognito_idp, pool, pool.create_client("app"), user, claims_override=override)

    assert claims(result["IdToken"])["plan"] == "gold"
    assert "email" not in claims(result["IdToken"])
    assert claims(result["AccessToken"])["scope"] == "openid extra"
    assert pool.verify_token(result["IdToken"])["plan"] == "gold"


def test_the_refresh_token_is_an_opaque_jwe(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    token = issue(cognito_idp, pool, pool.create_client("app"), user)["RefreshToken"]

    parts = token.split(".")
    assert len(parts) == 5 and all(re.fullmatch(r"[A-Za-z0-9_-]+", p) for p in parts)
    assert header(token) == {"cty": "JWT", "enc": "A256GCM", "alg": "RSA-OAEP"}
    assert "jane" not in token


def test_without_refresh_no_refresh_token(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    result = issue(cognito_idp, pool, pool.create_client("app"), user, with_refresh=False)

    assert "RefreshToken" not in result


def test_refresh_keeps_the_sign_in_time_and_session(
    cognito_idp: CognitoIdp, cognito_clock: Clock, pool: UserPool, user: User
) -> None:
    app = pool.create_client("app")
    first = issue(cognito_idp, pool, app, user)
    signed_in_at = claims(first["AccessToken"])["auth_time"]
    cognito_clock.advance(minutes=50)

    refreshed = _refresh(cognito_idp, pool, app, first["RefreshToken"])

    access = claims(refreshed["AccessToken"])
    assert "RefreshToken" not in refreshed
    assert access["auth_time"] == signed_in_at
    assert access["iat"] == signed_in_at + 3000
    assert access["origin_jti"] == claims(first["AccessToken"])["origin_jti"]
    assert access["jti"] != claims(first["AccessToken"])["jti"]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda t: t[:-4] + ("AAAA" if not t.endswith("AAAA") else "BBBB"),
        lambda t: "x" + t,
        lambda t: "not-a-token",
        lambda t: t.rsplit(".", 1)[0],
    ],
    ids=["tampered", "bad-base64-header", "garbage", "four-parts"],
)
def test_a_mangled_refresh_token_is_invalid(
    cognito_idp: CognitoIdp, pool: UserPool, user: User, mangle: Any
) -> None:
    app = pool.create_client("app")
    token = issue(cognito_idp, pool, app, user)["RefreshToken"]

    with pytest.raises(NotAuthorizedException) as error:
        _refresh(cognito_idp, pool, app, mangle(token))

    assert _error(error) == ("NotAuthorizedException", "Invalid Refresh Token.")


def test_a_refresh_token_works_only_with_its_client(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    token = issue(cognito_idp, pool, pool.create_client("a"), user)["RefreshToken"]

    with pytest.raises(NotAuthorizedException, match=r"^Invalid Refresh Token\.$"):
        _refresh(cognito_idp, pool, pool.create_client("b"), token)


def test_a_refresh_token_of_another_pool_is_invalid(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    token = issue(cognito_idp, pool, pool.create_client("a"), user)["RefreshToken"]
    other = cognito_idp.create_pool()
    other.create_user("jane")

    with pytest.raises(NotAuthorizedException, match=r"^Invalid Refresh Token\.$"):
        _refresh(cognito_idp, other, other.create_client("a"), token)


def test_an_expired_refresh_token_is_refused(
    cognito_idp: CognitoIdp, cognito_clock: Clock, pool: UserPool, user: User
) -> None:
    app = pool.create_client(
        "app", RefreshTokenValidity=60, TokenValidityUnits={"RefreshToken": "minutes"}
    )
    token = issue(cognito_idp, pool, app, user)["RefreshToken"]
    cognito_clock.advance(minutes=59)
    _refresh(cognito_idp, pool, app, token)
    cognito_clock.advance(minutes=1)

    with pytest.raises(NotAuthorizedException, match=r"^Refresh Token has expired$"):
        _refresh(cognito_idp, pool, app, token)


def test_refresh_for_a_disabled_user_is_refused(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client("app")
    token = issue(cognito_idp, pool, app, user)["RefreshToken"]
    cognito_idp.client().admin_disable_user(UserPoolId=pool.id, Username="jane")

    with pytest.raises(NotAuthorizedException, match=r"^User is disabled\.$"):
        _refresh(cognito_idp, pool, app, token)


def test_refresh_with_a_tracked_device_needs_its_key(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client("app")
    device = "us-east-1_" + str(uuid.uuid4())
    token = issue(cognito_idp, pool, app, user, device_key=device)["RefreshToken"]

    with pytest.raises(NotAuthorizedException, match=r"^Invalid Refresh Token\.$"):
        _refresh(cognito_idp, pool, app, token)
    refreshed = _refresh(cognito_idp, pool, app, token, device_key=device)
    assert claims(refreshed["AccessToken"])["device_key"] == device


def test_rotation_needs_get_tokens_from_refresh_token(
    cognito_idp: CognitoIdp, pool: UserPool, user: User
) -> None:
    app = pool.create_client(
        "rotating",
        explicit_auth_flows=["ALLOW_USER_SRP_AUTH"],
        RefreshTokenRotation={"Feature": "ENABLED"},
    )
    token = issue(cognito_idp, pool, app, user)["RefreshToken"]

    with pytest.raises(InvalidParameterException, match="GetTokensFromRefreshToken"):
        _refresh(cognito_idp, pool, app, token)
    rotated = _refresh(cognito_idp, pool, app, token, rotate=True)
    assert rotated["RefreshToken"] != token

    with pytest.raises(RefreshTokenReuseException):
        _refresh(cognito_idp, pool, app, token, rotate=True)
    _refresh(cognito_idp, pool, app, rotated["RefreshToken"], rotate=True)


def test_a_rotated_token_works_for_the_grace_period(
    cognito_idp: CognitoIdp, cognito_clock: Clock, pool: UserPool, user: User
) -> None:
    app = pool.create_client(
        "rotating", RefreshTokenRotation={"Feature": "ENABLED", "RetryGracePeriodSeconds": 30}
    )
    token = issue(cognito_idp, pool, app, user)["RefreshToken"]
    _refresh(cognito_idp, pool, app, token, rotate=True)
    cognito_clock.advance(seconds=29)
    _refresh(cognito_idp, pool, app, token, rotate=True)
    cognito_clock.advance(seconds=1)

    with pytest.raises(RefreshTokenReuseException) as error:
        _refresh(cognito_idp, pool, app, token, rotate=True)
    assert error.value.message == "Refresh Token has already been used"
