"""Session tracking: the sign-ins of a user that a pool lists and revokes one by one.

Every sign-in already opens a ``SignInSession`` in the user's token ledger (tokens/ledger.py),
which RevokeToken and GlobalSignOut revoke. While the pool tracks sessions
(SetUserPoolSessionConfiguration), a sign-in's session also gets a token session ID (``tkn`` and
25 lowercase letters and digits, the model's pattern) and counts against the pool's MaxPerUser:
the sign-in that would exceed it first evicts the user's least recently used session. Sessions
opened while tracking was off have no ID and are never listed, as the service keeps no record of
them. Revoking a session is the ledger's revocation, so its refresh token and every token it
issued fail exactly as after RevokeToken.

The fake has no managed login, hence no SSO sessions (``sso...``): every session is a token
session, and revoking LINKED sessions revokes the targeted one only.
"""

from __future__ import annotations

import string
from typing import TYPE_CHECKING, List

import attrs

from ...errors import OperationNotEnabledException, ResourceNotFoundException
from ..core import ids
from .ledger import SignInSession

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..model.users import User

TOKEN_SESSION_PREFIX = "tkn"
DEFAULT_MAX_PER_USER = 20  # documented default of MaxPerUser


@attrs.define
class SessionConfiguration:
    """A pool's session tracking settings (SetUserPoolSessionConfiguration)."""

    tracking: bool = False
    max_per_user: int = DEFAULT_MAX_PER_USER


def configure(pool: UserPool, tracking: bool, max_per_user: int) -> None:
    """SetUserPoolSessionConfiguration: a full replacement."""
    pool.session_configuration = SessionConfiguration(tracking, max_per_user)


def configure_client(client: AppClient, sso_max_validity_minutes: int) -> None:
    """SetUserPoolClientSessionConfiguration (the pool must track sessions)."""
    client.sso_session_max_validity_minutes = sso_max_validity_minutes


def require_tracking(pool: UserPool) -> None:
    if not pool.session_configuration.tracking:
        # The service's wording is unconfirmed.
        raise OperationNotEnabledException(
            f"Session tracking is not enabled for user pool {pool.id}."
        )


def new_session_id() -> str:
    return TOKEN_SESSION_PREFIX + ids.pick(string.ascii_lowercase + string.digits, 25)


def expires(user: User, session: SignInSession) -> float:
    """When the session ends: when the last refresh token it holds expires."""
    return max(
        (
            r.expires
            for r in user.tokens.refresh_tokens.values()
            if r.origin_jti == session.origin_jti
        ),
        default=0.0,
    )


def active(user: User, now: float) -> List[SignInSession]:
    """The user's tracked sessions that are neither revoked nor expired, oldest first."""
    return [
        s
        for s in user.tokens
        if s.session_id is not None and not s.revoked and expires(user, s) > now
    ]


def opened(pool: UserPool, user: User, session: SignInSession, now: float) -> None:
    """A sign-in opened ``session``: track it if the pool tracks sessions, within MaxPerUser."""
    config = pool.session_configuration
    if not config.tracking:
        return
    live = active(user, now)
    # Documented: lowering MaxPerUser evicts nothing by itself; the next sign-in brings the user
    # back within the limit, least recently used first.
    while live and len(live) >= config.max_per_user:
        least = min(live, key=lambda s: s.last_active)
        user.tokens.revoke(least.origin_jti)
        live.remove(least)
    session.session_id = new_session_id()
    session.last_active = now


def find(user: User, session_id: str, now: float) -> SignInSession:
    """The active session ``session_id`` of ``user``; a revoked, expired or other user's session
    (or an SSO session ID, which the fake never issues) is not found."""
    for session in active(user, now):
        if session.session_id == session_id:
            return session
    # The service's wording is unconfirmed.
    raise ResourceNotFoundException(f"Session {session_id} does not exist.")
