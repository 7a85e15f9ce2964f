"""The userInfo endpoint: the signed-in user's attributes that an access token's scopes allow.

Evidence (AWS's "userInfo endpoint" page and the fact sheet, section 9): a Bearer access token of
the pool with ``openid`` (or ``aws.cognito.signin.user.admin``, which reads every attribute);
``sub`` always, and a ``username`` key (observed); ``email`` and ``phone`` add their attribute and
its ``_verified`` flag, ``profile`` the other attributes; ``openid`` alone returns every
attribute the client may read. Values are the attribute strings (``email_verified`` is the
string ``"true"``, observed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Set

from ...errors import CognitoError
from ..tokens import issuing
from .refusals import INVALID_TOKEN, OAuthError

if TYPE_CHECKING:
    from ..model.pools import UserPool

BY_SCOPE = {
    "email": ("email", "email_verified"),
    "phone": ("phone_number", "phone_number_verified"),
}


def user_info(pool: UserPool, access_token: str) -> Dict[str, str]:
    try:
        user, _, claims = issuing.check(pool, access_token, "access")
        if user is not None:
            issuing.check_user_may_sign_in(user)
    except CognitoError as exc:
        raise OAuthError(INVALID_TOKEN, str(exc)) from None
    scopes = set(str(claims.get("scope", "")).split())
    if user is None or not scopes & {"openid", issuing.SCOPE}:
        # The description is unconfirmed.
        raise OAuthError(INVALID_TOKEN, "Access token does not contain openid scope")
    client = pool.clients.get(str(claims.get("client_id")))
    readable = None if client is None or client.read_attributes is None else client.read_attributes
    attributes = {
        k: v
        for k, v in user.attributes.items()
        if k != "sub" and not k.startswith("dev:") and (readable is None or k in readable)
    }
    wanted = _wanted(scopes, set(attributes))
    out = {"sub": user.sub}
    out.update({k: v for k, v in attributes.items() if k in wanted})
    out["username"] = user.username
    return out


def _wanted(scopes: Set[str], names: Set[str]) -> Set[str]:
    narrowing = scopes & {"email", "phone", "profile"}
    if issuing.SCOPE in scopes or not narrowing:
        return names
    wanted: Set[str] = set()
    for scope, attributes in BY_SCOPE.items():
        if scope in scopes:
            wanted.update(attributes)
    if "profile" in scopes:
        other = {a for pair in BY_SCOPE.values() for a in pair}
        wanted.update(names - other)
    return wanted
