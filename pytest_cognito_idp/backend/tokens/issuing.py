"""ID, access and refresh tokens: issuing, refreshing, checking and revoking them.

The sign-in flows call ``issue_tokens`` and ``refresh``; every token-authenticated operation calls
``authenticate``; ``UserPool.verify_token`` calls ``verify``. Token lifetimes come from the app
client; revocation state lives in the user's ledger (backend/tokens/ledger.py).
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Tuple

import attrs

from ... import clock
from ...errors import (
    CognitoError,
    InvalidParameterException,
    NotAuthorizedException,
    PasswordResetRequiredException,
    RefreshTokenReuseException,
    UserNotConfirmedException,
    UserNotFoundException,
)
from ..core import ids
from . import jws, oidc_claims, user_sessions
from .keys import keys_of
from .ledger import RefreshRecord, SignInSession

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.devices import Device
    from ..model.pools import UserPool
    from ..model.users import User
    from ..state import Backend, Region

ClaimsOverride = Callable[[Dict[str, Any], Dict[str, Any]], Tuple[Dict[str, Any], Dict[str, Any]]]
"""Called with the (ID, access) claims about to be signed; returns the claims to sign instead
(how a PreTokenGeneration trigger adds, overrides or suppresses claims)."""

SCOPE = "aws.cognito.signin.user.admin"
BOOLEAN_ATTRIBUTES = ("email_verified", "phone_number_verified")

INVALID_ACCESS_TOKEN = "Invalid Access Token"  # observed: aws-cognito-angular-quickstart#137
INVALID_REFRESH_TOKEN = "Invalid Refresh Token."


class InvalidToken(ValueError):
    """``UserPool.verify_token`` refused a token; the message says why."""


@attrs.frozen
class Tokens:
    """What a sign-in or a refresh returns: an ``AuthenticationResult``'s content.

    ``id_token`` is None when none is issued (a domain sign-in without the ``openid`` scope),
    ``refresh_token`` when none is issued (a refresh without rotation); ``new_device`` is the
    device the sign-in remembered, when the pool tracks devices.
    """

    id_token: Optional[str]
    access_token: str
    expires_in: int
    refresh_token: Optional[str] = None
    token_type: str = "Bearer"
    new_device: Optional[Device] = None


# -- claims ---------------------------------------------------------------------------------------


def _claim_value(name: str, value: str) -> Any:
    if name in BOOLEAN_ATTRIBUTES:
        return value == "true"
    if name == "updated_at" and value.isdigit():
        return int(value)  # OIDC's updated_at is a number
    if name == "address":
        return {"formatted": value}  # OIDC's address claim is an object (observed in AWS tokens)
    if name == "identities":
        return oidc_claims.identities_claim(value)
    return value  # custom attributes are always strings


def attribute_claims(client: AppClient, user: User) -> Dict[str, Any]:
    """The user's attributes the client may read, as ID token claims."""
    readable = None if client.read_attributes is None else set(client.read_attributes)
    return {
        name: _claim_value(name, value)
        for name, value in user.attributes.items()
        if name != "sub" and not name.startswith("dev:") and (readable is None or name in readable)
    }


def _groups(pool: UserPool, user: User) -> List[Any]:
    """The user's groups, lowest precedence value first (unconfirmed order), then by name."""
    found = [pool.groups[name] for name in user.groups if name in pool.groups]
    big = float("inf")
    return sorted(found, key=lambda g: (g.precedence if g.precedence is not None else big, g.name))


def _group_claims(pool: UserPool, user: User, with_roles: bool) -> Dict[str, Any]:
    groups = _groups(pool, user)
    if not groups:
        return {}
    out: Dict[str, Any] = {"cognito:groups": [g.name for g in groups]}
    roles = [g for g in groups if g.role_arn]
    if with_roles and roles:
        out["cognito:roles"] = [g.role_arn for g in roles]
        # The preferred role is the role of the group with the lowest precedence, and only
        # exists when exactly one group holds that precedence [DG:cognito-user-pools-user-groups].
        ranked = [g for g in roles if g.precedence is not None]
        if ranked:
            best = min(g.precedence for g in ranked)
            top = [g for g in ranked if g.precedence == best]
            if len(top) == 1:
                out["cognito:preferred_role"] = top[0].role_arn
    return out


def _claims(
    pool: UserPool,
    client: AppClient,
    user: User,
    session: SignInSession,
    now: float,
) -> Tuple[Dict[str, Any], Dict[str, Any]]:
    iat = int(now)
    event_id = ids.uuid4()
    revocable = client.enable_token_revocation
    common = {"iss": pool.issuer}

    id_claims: Dict[str, Any] = {"sub": user.sub, **_group_claims(pool, user, True)}
    id_claims.update(attribute_claims(client, user))
    id_claims.update(common)
    id_claims["cognito:username"] = user.username
    if revocable:
        id_claims["origin_jti"] = session.origin_jti
    id_claims.update(
        aud=client.id,
        event_id=event_id,
        token_use="id",
        auth_time=int(session.auth_time),
        exp=iat + client.id_token_seconds,
        iat=iat,
    )
    if revocable:
        id_claims["jti"] = ids.uuid4()

    access: Dict[str, Any] = {"sub": user.sub, **_group_claims(pool, user, False)}
    if session.device_key is not None:
        access["device_key"] = session.device_key
    access.update(common)
    access["client_id"] = client.id
    if revocable:
        access["origin_jti"] = session.origin_jti
    access.update(
        event_id=event_id,
        token_use="access",
        scope=SCOPE if session.scope is None else session.scope,
        auth_time=int(session.auth_time),
        exp=iat + client.access_token_seconds,
        iat=iat,
    )
    if session.scope is not None:
        access["version"] = 2  # observed in access tokens of the user pool domain
    if revocable:
        access["jti"] = ids.uuid4()
    access["username"] = user.username
    return id_claims, access


def _mint(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    user: User,
    session: SignInSession,
    claims_override: Optional[ClaimsOverride],
    nonce: Optional[str] = None,
    refresh_token: Optional[str] = None,
) -> Tokens:
    id_claims, access_claims = _claims(pool, client, user, session, clock.now())
    if claims_override is not None:
        id_claims, access_claims = claims_override(id_claims, access_claims)
    keys = keys_of(backend, pool)
    access_token = jws.sign(keys.access_token, access_claims)
    user.tokens.record(access_token.rpartition(".")[2], session)
    if not oidc_claims.has_id_token(session):
        return Tokens(None, access_token, client.access_token_seconds, refresh_token)
    if session.scope is not None:
        # The domain's ID tokens carry at_hash, first (observed), and the authorize nonce.
        id_claims = {"at_hash": oidc_claims.at_hash(access_token), **id_claims}
        if nonce is not None:
            id_claims["nonce"] = nonce
    id_token = jws.sign(keys.id_token, id_claims)
    user.tokens.record(id_token.rpartition(".")[2], session)
    return Tokens(id_token, access_token, client.access_token_seconds, refresh_token)


def _new_refresh_token(
    pool: UserPool, client: AppClient, user: User, session: SignInSession
) -> str:
    record = RefreshRecord(
        id=ids.uuid4(),
        client_id=client.id,
        origin_jti=session.origin_jti,
        auth_time=session.auth_time,
        expires=clock.now() + client.refresh_token_seconds,
    )
    user.tokens.refresh_tokens[record.id] = record
    return jws.seal({"pool": pool.id, "username": user.username, "id": record.id})


# -- issuing and refreshing -----------------------------------------------------------------------


def issue_tokens(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    user: User,
    *,
    auth_time: float,
    with_refresh: bool = True,
    device_key: Optional[str] = None,
    claims_override: Optional[ClaimsOverride] = None,
    scope: Optional[str] = None,
    nonce: Optional[str] = None,
) -> Tokens:
    """A new sign-in session's tokens.

    ``scope`` (the domain's sign-ins) replaces the API's scope in the access token, gives an ID
    token only with ``openid``, and adds ``at_hash`` and ``nonce`` to it.
    """
    session = user.tokens.open(client.id, auth_time, device_key, scope)
    user_sessions.opened(pool, user, session, clock.now())
    tokens = _mint(backend, pool, client, user, session, claims_override, nonce)
    if with_refresh:
        return attrs.evolve(tokens, refresh_token=_new_refresh_token(pool, client, user, session))
    return tokens


def refresh_token_of(pool: UserPool, client: AppClient, token: str) -> Tuple[User, RefreshRecord]:
    """The user and record of a refresh token ``client`` got from ``pool``.

    Raises ``NotAuthorizedException: Invalid Refresh Token.`` for anything else, a token of another
    client included (documented: a refresh must use the client that got the token).
    """
    payload = jws.unseal(token)
    user = None
    if payload is not None and payload.get("pool") == pool.id:
        user = pool.users.get(pool.user_key(str(payload.get("username"))))
    record = user.tokens.refresh_tokens.get(str(payload.get("id"))) if user and payload else None
    if user is None or record is None or record.client_id != client.id:
        raise NotAuthorizedException(INVALID_REFRESH_TOKEN)
    return user, record


def refresh(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    refresh_token: str,
    *,
    device_key: Optional[str] = None,
    claims_override: Optional[ClaimsOverride] = None,
    rotate: bool = False,
) -> Tokens:
    """New ID and access tokens from a refresh token (REFRESH_TOKEN_AUTH and
    GetTokensFromRefreshToken).

    ``auth_time`` and ``origin_jti`` stay those of the sign-in. With ``rotate`` (only
    GetTokensFromRefreshToken may rotate) and refresh token rotation on the client, a new refresh
    token is returned and the given one retires after the client's grace period.
    """
    if client.refresh_token_rotation and not rotate:
        # Documented: with rotation on, refreshing must go through GetTokensFromRefreshToken.
        # The error the service returns for REFRESH_TOKEN_AUTH then is unconfirmed.
        raise InvalidParameterException(
            "Refresh token rotation is enabled for this client. "
            "Use GetTokensFromRefreshToken to refresh tokens."
        )
    user, record = refresh_token_of(pool, client, refresh_token)
    # The user's state is reported before the token's: a disabled user (whose tokens
    # AdminDisableUser also revoked) is told "User is disabled.", as commonly observed.
    check_user_may_sign_in(user)
    session = user.tokens.sessions[record.origin_jti]
    now = clock.now()
    if session.revoked:
        raise NotAuthorizedException("Refresh Token has been revoked")
    if record.retired_at is not None and now >= record.retired_at:
        # The service's wording for a rotated-out token is unconfirmed.
        raise RefreshTokenReuseException("Refresh Token has already been used")
    if now >= record.expires:
        raise NotAuthorizedException("Refresh Token has expired")  # observed: amplify-js#4542
    if session.device_key is not None and device_key != session.device_key:
        # Documented: with device tracking, a refresh must name the device the tokens went to.
        raise NotAuthorizedException(INVALID_REFRESH_TOKEN)
    tokens = _mint(backend, pool, client, user, session, claims_override)
    session.last_active = now
    if rotate and client.refresh_token_rotation:
        if record.retired_at is None:  # a retry within the grace period does not extend it
            record.retired_at = now + rotation_grace_seconds(client)
        return attrs.evolve(tokens, refresh_token=_new_refresh_token(pool, client, user, session))
    return tokens


def rotation_grace_seconds(client: AppClient) -> int:
    return client.refresh_retry_grace_seconds


def check_user_may_sign_in(user: User) -> None:
    if not user.enabled:
        raise NotAuthorizedException("User is disabled.")
    if user.status == "RESET_REQUIRED":
        raise PasswordResetRequiredException("Password reset required for the user")
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException("User is not confirmed.")


# -- checking -------------------------------------------------------------------------------------


class _Refused(Exception):
    def __init__(self, error: CognitoError, reason: str) -> None:
        super().__init__(reason)
        self.error = error
        self.reason = reason


def _invalid(reason: str) -> _Refused:
    return _Refused(NotAuthorizedException(INVALID_ACCESS_TOKEN), reason)


def is_client_token(claims: Dict[str, Any]) -> bool:
    """An access token an app client holds for itself (GetClientToken, client credentials):
    no user, no sign-in session; it lives as long as its app client and cannot be revoked."""
    return claims.get("token_use") == "access" and "username" not in claims


def _check(
    pool: UserPool, token: str, token_use: Optional[str]
) -> Tuple[Optional[User], Optional[SignInSession], Dict[str, Any]]:
    """Signature, issuer, use, expiry, user and revocation, in the order the service checks.

    A client token has neither user nor session (both None)."""
    try:
        parsed = jws.parse(token)
    except jws.MalformedToken as exc:
        raise _invalid(f"it is not a JWT ({exc})") from exc
    claims = parsed.claims
    keys = pool.signing_keys
    key = keys.by_kid(parsed.header.get("kid")) if keys is not None else None
    if key is None or parsed.header.get("alg") != "RS256":
        raise _invalid(f"its kid is not one of pool {pool.id}'s keys")
    if not key.verifies(parsed.signature, parsed.signing_input):
        raise _invalid("its signature does not verify")
    if claims.get("iss") != pool.issuer:
        raise _invalid(f"its issuer is not {pool.issuer}")
    if token_use is not None and claims.get("token_use") != token_use:
        raise _invalid(f"it is not an {token_use} token")
    exp = claims.get("exp")
    if not isinstance(exp, (int, float)) or clock.now() >= exp:
        raise _Refused(
            NotAuthorizedException("Access Token has expired"), f"it expired at {exp} (epoch)"
        )
    if is_client_token(claims):
        if str(claims.get("client_id")) not in pool.clients:
            raise _invalid("its app client no longer exists")
        return None, None, claims
    username = claims.get("username", claims.get("cognito:username"))
    user = pool.users.get(pool.user_key(str(username)))
    if user is None or not hmac.compare_digest(user.sub, str(claims.get("sub"))):
        raise _Refused(UserNotFoundException("User does not exist."), "its user no longer exists")
    session = user.tokens.session_of(parsed.signature_segment)
    if session is None:
        raise _invalid("the pool did not issue it")
    if session.revoked:
        raise _Refused(NotAuthorizedException("Access Token has been revoked"), "it was revoked")
    return user, session, claims


def authenticate(
    backend: Backend, region: Region, access_token: str
) -> Tuple[UserPool, User, Dict[str, Any]]:
    """The pool, user and claims of an access token sent to ``region``'s endpoint.

    Raises the service's error for a malformed, forged, expired or revoked token, a token of a
    pool that does not exist, an ID token, a deleted user and a user who may not sign in.
    """
    try:
        parsed = jws.parse(access_token)
    except jws.MalformedToken as exc:
        raise NotAuthorizedException(INVALID_ACCESS_TOKEN) from exc
    prefix = f"https://cognito-idp.{region.name}.amazonaws.com/"
    issuer = str(parsed.claims.get("iss", ""))
    pool = region.pools.get(issuer[len(prefix) :]) if issuer.startswith(prefix) else None
    if pool is None:
        raise NotAuthorizedException(INVALID_ACCESS_TOKEN)
    try:
        user, _, claims = _check(pool, access_token, "access")
    except _Refused as refused:
        raise refused.error from None
    if user is None or SCOPE not in str(claims.get("scope", "")).split():
        # A client token never holds the scope: it stands for no user.
        raise NotAuthorizedException("Access Token does not have required scopes")
    check_user_may_sign_in(user)
    return pool, user, claims


def check(
    pool: UserPool, token: str, token_use: str
) -> Tuple[Optional[User], Optional[SignInSession], Dict[str, Any]]:
    """The user, session and claims of an ID or access token of ``pool`` (a client token has no
    user or session); raises the service's error for a token it refuses."""
    try:
        return _check(pool, token, token_use)
    except _Refused as refused:
        raise refused.error from None


def verify(pool: UserPool, token: str) -> Dict[str, Any]:
    """The claims of an ID or access token of ``pool``; ``InvalidToken`` says why it is refused."""
    try:
        return _check(pool, token, None)[2]
    except _Refused as refused:
        raise InvalidToken(f"token refused by user pool {pool.id}: {refused.reason}") from None


# -- revoking -------------------------------------------------------------------------------------


def revoke(pool: UserPool, client: AppClient, refresh_token: str) -> bool:
    """RevokeToken: the refresh token's session, with the ID and access tokens issued in it.

    Returns False when the token is not a refresh token ``client`` got from ``pool``.
    """
    try:
        user, record = refresh_token_of(pool, client, refresh_token)
    except NotAuthorizedException:
        return False
    user.tokens.revoke(record.origin_jti)
    return True


def global_sign_out(user: User) -> None:
    """GlobalSignOut / AdminUserGlobalSignOut: every token the user holds stops working."""
    user.tokens.sign_out()
