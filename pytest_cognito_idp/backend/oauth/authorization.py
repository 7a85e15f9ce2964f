"""The authorize endpoint's rules: which requests it takes, and the authorization codes it hands
out for the token endpoint to redeem.

Evidence (AWS's "Authorize endpoint" and "Token endpoint" pages, and the fact sheet, section 9):
an unknown client and a ``redirect_uri`` the client does not list never redirect (the domain's
error page, ``/error?error=invalid_request`` and ``/error?error=redirect_mismatch``, observed);
other refusals redirect to the callback with ``error`` and ``state``. Scopes must be among the
client's AllowedOAuthScopes (all of them when none are requested), and ``email``, ``phone`` and
``profile`` need ``openid``. PKCE takes ``S256`` only. A code is single use, lives five minutes,
and is bound to the client, the redirect URI and the PKCE challenge.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from typing import TYPE_CHECKING, Dict, Mapping, Optional, Tuple

import attrs

from ... import clock
from ..core import ids
from . import client_oauth
from .refusals import (
    INVALID_GRANT,
    INVALID_REQUEST,
    INVALID_SCOPE,
    REDIRECT_MISMATCH,
    UNAUTHORIZED_CLIENT,
    UNSUPPORTED_RESPONSE_TYPE,
    OAuthError,
    PageError,
)

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool

CODE_SECONDS = 5 * 60
RESPONSE_TYPES = {"code": client_oauth.CODE, "token": client_oauth.IMPLICIT}
NEED_OPENID = ("email", "phone", "profile")
PKCE_METHOD = "S256"


@attrs.frozen
class AuthorizeRequest:
    """A checked ``/oauth2/authorize`` request (also carried through the login pages)."""

    client_id: str
    redirect_uri: str
    response_type: str
    scopes: Tuple[str, ...]
    state: Optional[str] = None
    nonce: Optional[str] = None
    code_challenge: Optional[str] = None
    identity_provider: Optional[str] = None
    idp_identifier: Optional[str] = None
    prompt: Optional[str] = None

    @property
    def scope(self) -> str:
        return " ".join(self.scopes)


def client_of(pool: UserPool, client_id: Optional[str]) -> AppClient:
    """The pool's app client ``client_id`` names; the error page for anything else."""
    client = pool.clients.get(client_id or "")
    if client is None:
        raise PageError(INVALID_REQUEST, "Invalid client_id")
    return client


def check_redirect(pool: UserPool, query: Mapping[str, str]) -> Tuple[AppClient, str]:
    """The client and the redirect URI, if the request may redirect at all."""
    client = client_of(pool, query.get("client_id"))
    redirect_uri = query.get("redirect_uri") or ""
    # Exact string comparison: no prefix, no normalisation (AWS matches CallbackURLs exactly).
    if redirect_uri not in client_oauth.oauth_of(client).callback_urls:
        raise PageError(REDIRECT_MISMATCH)
    return client, redirect_uri


def check_request(pool: UserPool, query: Mapping[str, str]) -> AuthorizeRequest:
    """The request, checked in the service's order; ``PageError`` when it must not redirect,
    ``OAuthError`` for a refusal sent to the redirect URI."""
    client, redirect_uri = check_redirect(pool, query)
    oauth = client_oauth.oauth_of(client)
    response_type = query.get("response_type")
    if not response_type:
        raise OAuthError(INVALID_REQUEST, "response_type is required")
    flow = RESPONSE_TYPES.get(response_type)
    if flow is None:
        raise OAuthError(UNSUPPORTED_RESPONSE_TYPE)
    if not oauth.allows(flow):
        raise OAuthError(UNAUTHORIZED_CLIENT)
    scopes = _scopes(oauth, query.get("scope"))
    challenge = query.get("code_challenge")
    method = query.get("code_challenge_method")
    if (challenge or method) and (method != PKCE_METHOD or not challenge):
        raise OAuthError(INVALID_REQUEST, "Only S256 code_challenge_method is supported")
    return AuthorizeRequest(
        client_id=client.id,
        redirect_uri=redirect_uri,
        response_type=response_type,
        scopes=scopes,
        state=query.get("state"),
        nonce=query.get("nonce"),
        code_challenge=challenge if flow == client_oauth.CODE else None,
        identity_provider=query.get("identity_provider"),
        idp_identifier=query.get("idp_identifier"),
        prompt=query.get("prompt"),
    )


def _scopes(oauth: client_oauth.ClientOAuth, given: Optional[str]) -> Tuple[str, ...]:
    if not given:
        return oauth.scopes  # documented: every scope the client allows
    requested = tuple(dict.fromkeys(given.split()))
    for scope in requested:
        if scope not in oauth.scopes:
            raise OAuthError(INVALID_SCOPE)
    if "openid" not in requested and any(s in NEED_OPENID for s in requested):
        raise OAuthError(INVALID_SCOPE)
    return requested


# -- authorization codes --------------------------------------------------------------------------


@attrs.frozen
class AuthorizationCode:
    value: str
    pool_id: str
    request: AuthorizeRequest
    username: str
    sub: str
    auth_time: float
    expires: float


def issue_code(
    codes: Dict[str, AuthorizationCode],
    pool: UserPool,
    request: AuthorizeRequest,
    username: str,
    sub: str,
    auth_time: float,
) -> AuthorizationCode:
    now = clock.now()
    for value in [v for v, c in codes.items() if now >= c.expires]:
        del codes[value]
    # Real codes are UUIDs (observed in callback URLs).
    code = AuthorizationCode(
        ids.uuid4(), pool.id, request, username, sub, auth_time, now + CODE_SECONDS
    )
    codes[code.value] = code
    return code


def redeem_code(
    codes: Dict[str, AuthorizationCode],
    pool: UserPool,
    client: AppClient,
    value: str,
    redirect_uri: Optional[str],
    code_verifier: Optional[str],
) -> AuthorizationCode:
    """The code, used up; ``invalid_grant`` for an unknown, used, expired or misbound one."""
    code = codes.pop(value, None)  # single use, whatever the outcome
    if (
        code is None
        or code.pool_id != pool.id
        or clock.now() >= code.expires
        or code.request.client_id != client.id
        or redirect_uri != code.request.redirect_uri
        or not pkce_verifies(code.request.code_challenge, code_verifier)
    ):
        raise OAuthError(INVALID_GRANT)
    return code


def pkce_challenge(verifier: str) -> str:
    """RFC 7636's S256: base64url(SHA-256(verifier)) without padding."""
    digest = hashlib.sha256(verifier.encode("ascii", "replace")).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def pkce_verifies(challenge: Optional[str], verifier: Optional[str]) -> bool:
    if challenge is None:
        return True  # no PKCE on the authorize request: a verifier sent anyway is ignored
    if not verifier:
        return False
    return hmac.compare_digest(pkce_challenge(verifier), challenge)
