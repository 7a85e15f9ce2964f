"""Token exchange (GetDerivedToken, RFC 8693): a token the caller holds for a narrower one.

The subject token (and the actor token of a delegation) must be a live ID or access token of the
requesting client's pool: a user's, or a client token. The issued token is a real pool token,
signed with the pool's ID- or access-token key; one derived from a user's token belongs to that
user's sign-in session, so revoking the session (RevokeToken, GlobalSignOut, RevokeUserSession)
revokes it too. Its ``act`` claim names the actor, nesting the subject's own ``act`` (the
delegation chain of RFC 8693, section 4.1); ``aud`` names the audience or resource server.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence

import attrs

from ... import clock
from ...errors import InvalidParameterException
from ..core import ids
from . import jws
from .client_tokens import sign_access_token
from .issuing import SCOPE, attribute_claims
from .keys import keys_of
from .ledger import SignInSession

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..model.users import User
    from ..state import Backend

ACCESS_TOKEN = "ACCESS_TOKEN"
ID_TOKEN = "ID_TOKEN"
USE = {ACCESS_TOKEN: "access", ID_TOKEN: "id"}
# Claims the issued token takes over from a user's subject token.
SUBJECT_CLAIMS = ("sub", "cognito:groups", "device_key")


@attrs.frozen
class Presented:
    """A verified token presented in an exchange: its claims, and its user and session (None
    for a client token)."""

    claims: Dict[str, Any]
    user: Optional[User] = None
    session: Optional[SignInSession] = None


def granted_scopes(
    client: AppClient, subject: Presented, requested: Optional[Sequence[str]]
) -> List[str]:
    """Documented: the subject's scopes, narrowed to the requested ones the client allows."""
    held = str(subject.claims.get("scope", "")).split()
    if not requested:
        return held
    # Every API client may hold the self-service scope (sign-ins through the API get it) besides
    # its AllowedOAuthScopes; that this counts as allowed for the exchange is an assumption.
    allowed = set(client.oauth.scopes) | {SCOPE}
    granted = [s for s in dict.fromkeys(requested) if s in held and s in allowed]
    if not granted:
        # The service's answer to an empty intersection (and its wording) is unconfirmed.
        raise InvalidParameterException("None of the requested scopes can be granted.")
    return granted


def _act(subject: Presented, actor: Optional[Presented]) -> Dict[str, Any]:
    if actor is None:
        # Impersonation: the issued token looks as if the subject acted directly.
        return {"act": subject.claims["act"]} if "act" in subject.claims else {}
    act: Dict[str, Any] = {"sub": actor.claims.get("sub")}
    if "act" in subject.claims:
        act["act"] = subject.claims["act"]
    return {"act": act}


def _access_claims(
    pool: UserPool, client: AppClient, subject: Presented, scopes: List[str], iat: int
) -> Dict[str, Any]:
    claims: Dict[str, Any] = {k: subject.claims[k] for k in SUBJECT_CLAIMS if k in subject.claims}
    claims["iss"] = pool.issuer
    claims["client_id"] = client.id
    session = subject.session
    if session is not None and client.enable_token_revocation:
        claims["origin_jti"] = session.origin_jti
    claims.update(event_id=ids.uuid4(), token_use="access", scope=" ".join(scopes))
    claims["auth_time"] = subject.claims.get("auth_time", iat)
    claims.update(exp=iat + client.access_token_seconds, iat=iat, jti=ids.uuid4())
    if subject.user is not None:
        claims["username"] = subject.user.username
    return claims


def _id_claims(
    pool: UserPool, client: AppClient, subject: Presented, user: User, iat: int
) -> Dict[str, Any]:
    claims: Dict[str, Any] = {
        k: subject.claims[k] for k in SUBJECT_CLAIMS[:2] if k in subject.claims
    }
    claims.update(attribute_claims(client, user))
    claims["iss"] = pool.issuer
    claims["cognito:username"] = user.username
    if subject.session is not None and client.enable_token_revocation:
        claims["origin_jti"] = subject.session.origin_jti
    claims.update(aud=client.id, event_id=ids.uuid4(), token_use="id")
    claims["auth_time"] = subject.claims.get("auth_time", iat)
    claims.update(exp=iat + client.id_token_seconds, iat=iat, jti=ids.uuid4())
    return claims


@attrs.frozen
class DerivedToken:
    """The issued token of an exchange (GetDerivedToken's response content)."""

    token: str
    token_type: str  # ACCESS_TOKEN or ID_TOKEN
    expires_in: int
    # The access token's scopes; None for an ID token.
    scopes: Optional[List[str]] = None


def derive(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    subject: Presented,
    actor: Optional[Presented],
    *,
    scopes: List[str],
    audience: Optional[str],
    token_type: str,
) -> DerivedToken:
    """The issued token of an exchange."""
    iat = int(clock.now())
    if token_type == ID_TOKEN:
        if subject.user is None:
            # An ID token describes a user; the service's wording is unconfirmed.
            raise InvalidParameterException("An ID token can be issued only for a user's token.")
        claims = _id_claims(pool, client, subject, subject.user, iat)
    else:
        claims = _access_claims(pool, client, subject, scopes, iat)
    if audience is not None:
        claims["aud"] = audience
    claims.update(_act(subject, actor))
    keys = keys_of(backend, pool)
    if token_type == ID_TOKEN:
        token = jws.sign(keys.id_token, claims)
    else:
        token = sign_access_token(backend, pool, claims)
    if subject.user is not None and subject.session is not None:
        subject.user.tokens.record(token.rpartition(".")[2], subject.session)
    if token_type == ACCESS_TOKEN:
        return DerivedToken(token, token_type, client.access_token_seconds, scopes)
    return DerivedToken(token, token_type, client.id_token_seconds)
