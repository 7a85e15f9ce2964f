"""What the service remembers about the tokens it issued to a user, so it can revoke them.

(The ``Session`` strings of sign-in challenges are another thing: signin/challenge_sessions.py.)

Every sign-in opens a ``SignInSession`` (what the ``origin_jti`` claim names). The ID and access
tokens minted in it, at sign-in and at each refresh, are recorded by their signature, so revoking
the session (GlobalSignOut, RevokeToken) revokes exactly the tokens it issued, and a sign-in after
a sign-out is unaffected even within the same second. Tokens of clients with token revocation off
carry no ``jti``/``origin_jti`` claims, and are tracked the same way.
"""

from __future__ import annotations

from typing import Dict, Iterator, Optional

import attrs

from ..core import ids


@attrs.define
class SignInSession:
    origin_jti: str
    client_id: str
    auth_time: float
    device_key: Optional[str] = None
    revoked: bool = False
    # Session tracking (tokens/user_sessions.py): the ``tkn...`` ID of a session opened while
    # the pool tracked sessions, and when it last got tokens (its sign-in, then each refresh).
    session_id: Optional[str] = None
    last_active: float = 0.0
    # A sign-in through the user pool domain (backend/oauth/): the OAuth scopes granted (its
    # tokens carry them, and an ID token only with ``openid``); None for an API sign-in.
    scope: Optional[str] = None


@attrs.define
class RefreshRecord:
    """A refresh token: the opaque string carries only ``id``; the rest stays server-side."""

    id: str
    client_id: str
    origin_jti: str
    auth_time: float
    expires: float
    # With refresh token rotation, when the token that replaced it stops this one working.
    retired_at: Optional[float] = None


@attrs.define
class UserTokens:
    """The ledger of one user's tokens (``User.tokens``)."""

    sessions: Dict[str, SignInSession] = attrs.field(factory=dict)
    # ID and access tokens by their signature segment -> origin jti of their session.
    issued: Dict[str, str] = attrs.field(factory=dict)
    refresh_tokens: Dict[str, RefreshRecord] = attrs.field(factory=dict)

    def open(
        self,
        client_id: str,
        auth_time: float,
        device_key: Optional[str],
        scope: Optional[str] = None,
    ) -> SignInSession:
        session = SignInSession(ids.uuid4(), client_id, auth_time, device_key, scope=scope)
        self.sessions[session.origin_jti] = session
        return session

    def record(self, signature: str, session: SignInSession) -> None:
        self.issued[signature] = session.origin_jti

    def session_of(self, signature: str) -> Optional[SignInSession]:
        origin = self.issued.get(signature)
        return self.sessions.get(origin) if origin is not None else None

    def __iter__(self) -> Iterator[SignInSession]:
        return iter(self.sessions.values())

    def revoke(self, origin_jti: str) -> None:
        """One sign-in's refresh tokens and the ID and access tokens it issued (RevokeToken,
        RevokeUserSession and the eviction of a session beyond the pool's limit)."""
        self.sessions[origin_jti].revoked = True

    def sign_out(self) -> None:
        """GlobalSignOut: every refresh token, and every ID and access token issued so far."""
        for origin_jti in self.sessions:
            self.revoke(origin_jti)
