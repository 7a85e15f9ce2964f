"""Claims of the tokens the user pool domain issues, beyond the API's: ``at_hash``, the
``identities`` of federated users, and whether an ID token is issued at all."""

from __future__ import annotations

import base64
import hashlib
import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .ledger import SignInSession


def has_id_token(session: SignInSession) -> bool:
    """API sign-ins always get an ID token; the domain's only with the ``openid`` scope."""
    return session.scope is None or "openid" in session.scope.split()


def at_hash(access_token: str) -> str:
    """OIDC's ``at_hash``: the left half of the access token's SHA-256, base64url."""
    digest = hashlib.sha256(access_token.encode("ascii")).digest()
    return base64.urlsafe_b64encode(digest[:16]).decode().rstrip("=")


def identities_claim(value: str) -> Any:
    """A federated user's identities: a list in the ID token, with ``primary`` and
    ``dateCreated`` as strings (observed: ``"true"``, a 13-digit string)."""
    try:
        parsed = json.loads(value)
    except ValueError:
        return value
    if not isinstance(parsed, list):
        return value
    return [
        {**i, "primary": str(i.get("primary")).lower(), "dateCreated": str(i.get("dateCreated"))}
        for i in parsed
        if isinstance(i, dict)
    ]
