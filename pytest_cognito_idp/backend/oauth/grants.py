"""The token endpoint's grants: ``authorization_code``, ``refresh_token`` and
``client_credentials``, and how a client authenticates to it.

Evidence (AWS's "Token endpoint" page, and the fact sheet, section 9): client authentication by
HTTP Basic (``client_id:client_secret``) or the ``client_id``/``client_secret`` form fields;
``client_credentials`` for confidential clients only, with custom scopes of the pool's resource
servers (all the client's allowed custom scopes when ``scope`` is omitted) and an access token
only; a client without the flow is answered ``invalid_grant`` (observed). Codes and refresh
tokens that do not hold give ``invalid_grant``.
"""

from __future__ import annotations

import hmac
from typing import TYPE_CHECKING, Dict, Optional, Union

import attrs

from ...errors import CognitoError
from ..tokens import client_tokens, issuing, jws, pre_token_generation
from . import authorization, client_oauth
from .refusals import (
    INVALID_CLIENT,
    INVALID_GRANT,
    INVALID_REQUEST,
    INVALID_SCOPE,
    UNAUTHORIZED_CLIENT,
    UNSUPPORTED_TOKEN_TYPE,
    OAuthError,
)

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..model.users import User
    from ..state import Backend


@attrs.frozen
class TokenGrant:
    """What the token endpoint answers: the tokens and the access token's lifetime."""

    access_token: str
    expires_in: int
    id_token: Optional[str] = None
    refresh_token: Optional[str] = None


def _grant(result: Union[issuing.Tokens, client_tokens.ClientToken]) -> TokenGrant:
    if isinstance(result, client_tokens.ClientToken):
        return TokenGrant(access_token=result.access_token, expires_in=result.expires_in)
    return TokenGrant(
        access_token=result.access_token,
        expires_in=result.expires_in,
        id_token=result.id_token,
        refresh_token=result.refresh_token,
    )


def authenticate_client(
    pool: UserPool,
    client_id: Optional[str],
    secret: Optional[str],
    form_client_id: Optional[str] = None,
) -> AppClient:
    """The app client the request authenticates as (``client_id``/``secret`` from the Basic
    header, else from the form). ``invalid_client`` for an unknown client, a wrong or missing
    secret of a confidential client, or a secret sent by a public one."""
    if client_id is None:
        client_id = form_client_id
    elif form_client_id is not None and form_client_id != client_id:
        raise OAuthError(INVALID_CLIENT)  # two identities in one request
    if not client_id:
        raise OAuthError(INVALID_REQUEST, "client_id is required")
    client = pool.clients.get(client_id)
    if client is None:
        raise OAuthError(INVALID_CLIENT)
    if not client.secrets:
        if secret:
            raise OAuthError(INVALID_CLIENT)
        return client
    given = (secret or "").encode()
    if not any(hmac.compare_digest(given, s.value.encode()) for s in client.secrets):
        raise OAuthError(INVALID_CLIENT)
    return client


def client_credentials(
    backend: Backend, pool: UserPool, client: AppClient, scope: Optional[str]
) -> TokenGrant:
    if not client.secrets:
        raise OAuthError(UNAUTHORIZED_CLIENT)  # a public client has no credentials to grant on
    oauth = client_oauth.oauth_of(client)
    if not oauth.allows(client_oauth.CLIENT_CREDENTIALS):
        raise OAuthError(INVALID_GRANT)  # observed for a client without the flow
    custom = client_tokens.custom_scopes(pool)
    allowed = [s for s in oauth.scopes if s in custom]
    requested = list(dict.fromkeys(scope.split())) if scope else allowed
    if not requested or any(s not in allowed for s in requested):
        raise OAuthError(INVALID_SCOPE)
    return _grant(client_tokens.issue_client_token(backend, pool, client, requested))


def authorization_code(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    code: Optional[str],
    redirect_uri: Optional[str],
    code_verifier: Optional[str],
) -> TokenGrant:
    if not code or not redirect_uri:
        # Both are required for this grant (token endpoint page).
        raise OAuthError(INVALID_REQUEST, "code and redirect_uri are required")
    if not client_oauth.oauth_of(client).allows(client_oauth.CODE):
        raise OAuthError(UNAUTHORIZED_CLIENT)
    found = authorization.redeem_code(
        backend.domain.codes, pool, client, code, redirect_uri, code_verifier
    )
    user = pool.users.get(pool.user_key(found.username))
    if user is None or user.sub != found.sub:
        raise OAuthError(INVALID_GRANT)  # the user was deleted since signing in
    try:
        issuing.check_user_may_sign_in(user)
    except CognitoError:
        raise OAuthError(INVALID_GRANT) from None
    return _grant(hosted_tokens(backend, pool, client, user, found.request, found.auth_time))


def refresh_token(
    backend: Backend, pool: UserPool, client: AppClient, token: Optional[str]
) -> TokenGrant:
    if not token:
        raise OAuthError(INVALID_REQUEST, "refresh_token is required")
    try:
        user, record = issuing.refresh_token_of(pool, client, token)
        scope = user.tokens.sessions[record.origin_jti].scope
        override = pre_token_generation.claims_override(
            backend,
            pool,
            client,
            user,
            pre_token_generation.REFRESH_TOKENS,
            lazy=True,
            scopes=scope.split() if scope is not None else None,
        )
        # With rotation on, the token endpoint hands out a new refresh token (documented).
        result = issuing.refresh(
            backend, pool, client, token, claims_override=override, rotate=True
        )
    except CognitoError:
        raise OAuthError(INVALID_GRANT) from None
    return _grant(result)


def revoke(pool: UserPool, client: AppClient, token: Optional[str]) -> None:
    """The revocation endpoint: a refresh token and the tokens issued from it. An ID or access
    token is ``unsupported_token_type``; a token the pool does not know is no error (RFC 7009)."""
    if not token:
        raise OAuthError(INVALID_REQUEST, "token is required")
    if not client.enable_token_revocation:
        # The endpoint's answer for a client without revocation is unconfirmed (the API says
        # UnsupportedOperationException).
        raise OAuthError(INVALID_REQUEST, "Token revocation is not enabled for this client")
    if jws.looks_like_jws(token):
        raise OAuthError(UNSUPPORTED_TOKEN_TYPE)
    issuing.revoke(pool, client, token)


def hosted_tokens(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    user: User,
    request: authorization.AuthorizeRequest,
    auth_time: float,
    with_refresh: bool = True,
) -> issuing.Tokens:
    """The tokens of a sign-in through the domain: PreTokenGeneration with the hosted trigger
    source and the granted scopes, then the request's scope and nonce in the tokens."""
    override = pre_token_generation.claims_override(
        backend,
        pool,
        client,
        user,
        pre_token_generation.HOSTED_AUTH,
        scopes=list(request.scopes),
    )
    return issuing.issue_tokens(
        backend,
        pool,
        client,
        user,
        auth_time=auth_time,
        with_refresh=with_refresh,
        claims_override=override,
        scope=request.scope,
        nonce=request.nonce,
    )


def authorized(
    backend: Backend,
    pool: UserPool,
    request: authorization.AuthorizeRequest,
    user: User,
    auth_time: float,
) -> Dict[str, str]:
    """What the redirect to the client's callback carries once the user signed in: a code
    (``response_type=code``) or, for the implicit grant, the tokens (no refresh token)."""
    out: Dict[str, str] = {}
    if request.response_type == "code":
        code = authorization.issue_code(
            backend.domain.codes, pool, request, user.username, user.sub, auth_time
        )
        out["code"] = code.value
    else:
        client = pool.clients[request.client_id]
        result = hosted_tokens(backend, pool, client, user, request, auth_time, with_refresh=False)
        if result.id_token is not None:
            out["id_token"] = result.id_token
        out.update(
            access_token=result.access_token,
            expires_in=str(result.expires_in),
            token_type="Bearer",
        )
    if request.state is not None:
        out["state"] = request.state
    return out
