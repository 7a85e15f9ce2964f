"""What the user pool domain remembers between requests: managed login's session cookies, the
CSRF tokens its forms carry, and the authorization codes waiting to be redeemed.

One ``DomainState`` per fake (``Backend.domain``). A session cookie lets a second authorize
request skip the sign-in form until ``/logout`` or its end: AWS's managed login session lasts one
hour (documented, "Managed login" cookies).
"""

from __future__ import annotations

import hmac
import secrets
from typing import Dict, Optional, Set

import attrs

from ... import clock
from ..federation.federated_sign_in import ExternalIdentities
from .authorization import AuthorizationCode, AuthorizeRequest

SESSION_SECONDS = 3600
# How long the domain waits for a provider's answer (unconfirmed; AWS does not document it).
FEDERATION_SECONDS = 15 * 60
SESSION_COOKIE = "cognito"
CSRF_COOKIE = "XSRF-TOKEN"


@attrs.define
class HostedSession:
    """A browser signed in to one pool's domain."""

    pool_id: str
    username: str
    sub: str
    auth_time: float
    expires: float


@attrs.frozen
class Federation:
    """An authorize request sent to a third-party provider, waiting for its answer."""

    pool_id: str
    request: AuthorizeRequest
    provider: str
    expires: float


@attrs.define
class DomainState:
    codes: Dict[str, AuthorizationCode] = attrs.field(factory=dict)
    sessions: Dict[str, HostedSession] = attrs.field(factory=dict)
    csrf_tokens: Set[str] = attrs.field(factory=set)
    # Federated sign-ins waiting for their provider's answer, by the state sent to it.
    federations: Dict[str, Federation] = attrs.field(factory=dict)
    external_identities: ExternalIdentities = attrs.field(factory=ExternalIdentities)

    # -- federation ------------------------------------------------------------------------------

    def open_federation(self, pool_id: str, request: AuthorizeRequest, provider: str) -> str:
        now = clock.now()
        for key in [k for k, f in self.federations.items() if now >= f.expires]:
            del self.federations[key]
        key = secrets.token_urlsafe(24)
        self.federations[key] = Federation(pool_id, request, provider, now + FEDERATION_SECONDS)
        return key

    def federation(self, key: Optional[str], pool_id: str) -> Optional[Federation]:
        """The federated sign-in ``key`` names, used up."""
        found = self.federations.pop(key or "", None)
        if found is None or found.pool_id != pool_id or clock.now() >= found.expires:
            return None
        return found

    # -- sessions --------------------------------------------------------------------------------

    def open_session(self, pool_id: str, username: str, sub: str, auth_time: float) -> str:
        now = clock.now()
        for key in [k for k, s in self.sessions.items() if now >= s.expires]:
            del self.sessions[key]
        key = secrets.token_urlsafe(32)
        self.sessions[key] = HostedSession(pool_id, username, sub, auth_time, now + SESSION_SECONDS)
        return key

    def session(self, key: Optional[str], pool_id: str) -> Optional[HostedSession]:
        found = self.sessions.get(key or "")
        if found is None or found.pool_id != pool_id or clock.now() >= found.expires:
            return None
        return found

    def close_session(self, key: Optional[str]) -> None:
        self.sessions.pop(key or "", None)

    # -- CSRF ------------------------------------------------------------------------------------

    def new_csrf_token(self) -> str:
        token = secrets.token_urlsafe(24)
        self.csrf_tokens.add(token)
        return token

    def csrf_ok(self, cookie: Optional[str], field: Optional[str]) -> bool:
        """The form's ``_csrf`` equals the browser's cookie, and the domain issued it."""
        if not cookie or not field or cookie not in self.csrf_tokens:
            return False
        return hmac.compare_digest(cookie.encode(), field.encode())
