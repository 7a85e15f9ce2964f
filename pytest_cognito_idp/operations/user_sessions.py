"""Session management: ListUserSessions, RevokeUserSession, AdminListUserSessions,
AdminRevokeUserSession, and the pool and app client session configurations
(Get/SetUserPoolSessionConfiguration, Get/SetUserPoolClientSessionConfiguration)."""

from __future__ import annotations

from typing import List, Optional

from .. import clock
from .._wire import timestamp
from ..backend.model.pools import UserPool, require_tier
from ..backend.model.users import User
from ..backend.tokens import issuing, jws, user_sessions
from ..backend.tokens.ledger import SignInSession
from ..errors import (
    InvalidParameterException,
)
from . import Context, Params, Result, operation
from ._paging import page
from ._users import pool_user
from .clients import client_of

# Documented: all of a user's sessions come in one page of up to 125.
PAGE_SIZE = 125


def _check_tier(pool: UserPool) -> None:
    # Documented: Essentials or Plus only.
    require_tier(pool.tier, "ESSENTIALS", "Session management")


def _description(session: SignInSession, current: Optional[SignInSession]) -> Params:
    # No user agent or IP address reaches the fake, so DeviceType, LastIPAddress and
    # LastLocation (all optional) are left out; no SSO session, so no OriginSessionId.
    return {
        "SessionId": session.session_id,
        "SessionType": "TOKEN",
        "ClientId": session.client_id,
        "CreateDate": timestamp(session.auth_time),
        "LastActiveDate": timestamp(session.last_active),
        "IsCurrentSession": session is current,
    }


def _list(pool: UserPool, user: User, params: Params, current: Optional[SignInSession]) -> Result:
    user_sessions.require_tracking(pool)
    sessions: List[SignInSession] = user_sessions.active(user, clock.now())
    found, token = page(sessions, lambda s: str(s.session_id), params.get("NextToken"), PAGE_SIZE)
    out: Params = {"Sessions": [_description(s, current) for s in found]}
    if token:
        out["NextToken"] = token
    return out


def _revoke(pool: UserPool, user: User, session_id: str) -> SignInSession:
    """Find the session to revoke (RevokeAssociatedSessions LINKED reaches SSO sessions, which
    the fake never has, so it revokes the same)."""
    user_sessions.require_tracking(pool)
    return user_sessions.find(user, session_id, clock.now())


def _caller(ctx: Context, params: Params) -> tuple[UserPool, User, Optional[SignInSession]]:
    """The pool and user of the access token, and the session it belongs to."""
    pool, user, _ = issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])
    signature = jws.parse(params["AccessToken"]).signature_segment
    return pool, user, user.tokens.session_of(signature)


@operation("ListUserSessions")
def list_user_sessions(ctx: Context, params: Params) -> Result:
    pool, user, current = _caller(ctx, params)
    return _list(pool, user, params, current)


@operation("AdminListUserSessions")
def admin_list_user_sessions(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    # Documented: no access token, so IsCurrentSession is always false.
    return _list(pool, user, params, None)


@operation("RevokeUserSession")
def revoke_user_session(ctx: Context, params: Params) -> Result:
    pool, user, current = _caller(ctx, params)
    session = _revoke(pool, user, params["SessionId"])
    if session is current:
        # Documented rule; the wording is unconfirmed.
        raise InvalidParameterException(
            "You can't revoke the session that the access token belongs to."
        )
    user.tokens.revoke(session.origin_jti)
    return {}


@operation("AdminRevokeUserSession")
def admin_revoke_user_session(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    session = _revoke(pool, user, params["SessionId"])
    user.tokens.revoke(session.origin_jti)
    return {}


def _pool_configuration(pool: UserPool) -> Params:
    config = pool.session_configuration
    return {
        "UserPoolId": pool.id,
        "UserSessionTracking": "ENABLED" if config.tracking else "DISABLED",
        "TokenSession": {"MaxPerUser": config.max_per_user},
    }


@operation("GetUserPoolSessionConfiguration")
def get_user_pool_session_configuration(ctx: Context, params: Params) -> Result:
    return _pool_configuration(ctx.pool(params))


@operation("SetUserPoolSessionConfiguration")
def set_user_pool_session_configuration(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    _check_tier(pool)
    # A full replacement: every member is required (the model checked that).
    user_sessions.configure(
        pool, params["UserSessionTracking"] == "ENABLED", params["TokenSession"]["MaxPerUser"]
    )
    return _pool_configuration(pool)


def _client_configuration(pool: UserPool, client_id: str) -> Params:
    client = client_of(pool, client_id)
    return {
        "UserPoolId": pool.id,
        "ClientId": client.id,
        "SSOSession": {"MaxValidityMinutes": client.sso_session_max_validity_minutes},
    }


@operation("GetUserPoolClientSessionConfiguration")
def get_user_pool_client_session_configuration(ctx: Context, params: Params) -> Result:
    return _client_configuration(ctx.pool(params), params["ClientId"])


@operation("SetUserPoolClientSessionConfiguration")
def set_user_pool_client_session_configuration(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    _check_tier(pool)
    user_sessions.require_tracking(
        pool
    )  # documented: session tracking must be enabled for the pool
    user_sessions.configure_client(client, params["SSOSession"]["MaxValidityMinutes"])
    return _client_configuration(pool, client.id)
