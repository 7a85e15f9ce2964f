"""Machine-to-machine access tokens (GetClientToken): an app client authorises itself, no user.

The token is what the token endpoint's client credentials grant issues: an RS256 JWT signed with
the pool's access-token key (so the pool's JWKS verifies it), whose ``sub`` and ``client_id`` are
the app client and whose ``scope`` holds custom scopes of the pool's resource servers. No user
and no sign-in session stand behind it: it works until it expires, as long as its client exists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional, Sequence, Set

import attrs

from ... import clock
from ...errors import InvalidParameterException
from ..core import ids
from . import jws
from .keys import keys_of

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..state import Backend


def custom_scopes(pool: UserPool) -> Set[str]:
    """Every ``<resource server>/<scope>`` of the pool."""
    out: Set[str] = set()
    for server in pool.resource_servers.values():
        out |= server.custom_scopes
    return out


def granted_scopes(
    pool: UserPool, client: AppClient, requested: Optional[Sequence[str]]
) -> List[str]:
    """The scopes a client token gets: those requested, each a custom scope of the pool that the
    client allows; the client's allowed custom scopes when none are requested (documented)."""
    allowed = [s for s in client.oauth.scopes if s in custom_scopes(pool)]
    if not requested:
        if not allowed:
            # A token without scopes would authorise nothing; the service's answer (and wording)
            # for a client with no custom scope is unconfirmed.
            raise InvalidParameterException(
                f"Client {client.id} has no custom scopes of a resource server to authorize."
            )
        return allowed
    for scope in requested:
        if scope not in allowed:
            # Worded like the observed scope error of app client settings (unconfirmed here).
            raise InvalidParameterException(f"Invalid scope requested: {scope}")
    return list(dict.fromkeys(requested))


def sign_access_token(backend: Backend, pool: UserPool, claims: Dict[str, Any]) -> str:
    return jws.sign(keys_of(backend, pool).access_token, claims)


@attrs.frozen
class ClientToken:
    """GetClientToken's access token (a ``ClientAuthenticationResult``'s content)."""

    access_token: str
    expires_in: int
    token_type: str = "Bearer"


def issue_client_token(
    backend: Backend, pool: UserPool, client: AppClient, scopes: List[str]
) -> ClientToken:
    """A client token for ``scopes``."""
    iat = int(clock.now())
    # The claim set and order of the client credentials grant's access tokens.
    claims = {
        "sub": client.id,
        "token_use": "access",
        "scope": " ".join(scopes),
        "auth_time": iat,
        "iss": pool.issuer,
        "exp": iat + client.access_token_seconds,
        "iat": iat,
        "version": 2,
        "jti": ids.uuid4(),
        "client_id": client.id,
    }
    return ClientToken(sign_access_token(backend, pool, claims), client.access_token_seconds)
