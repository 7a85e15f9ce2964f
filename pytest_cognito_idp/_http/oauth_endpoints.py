"""The domain's JSON endpoints: ``/oauth2/token``, ``/oauth2/userInfo`` and ``/oauth2/revoke``.

Evidence (AWS's endpoint reference pages and the fact sheet, section 9): the token endpoint
takes a form-encoded POST and answers refusals ``400 {"error": "<code>"}``, ``invalid_client``
included; the revocation endpoint answers a failed client authentication ``401
{"error":"invalid_client"}`` and success with an empty 200; userInfo answers a token it refuses
``401`` with ``WWW-Authenticate: Bearer error="invalid_token"`` and a request without one 400
``invalid_request``.
"""

from __future__ import annotations

import base64
import binascii
from typing import Any, Dict, Optional, Tuple
from urllib.parse import unquote

from ..backend.oauth import grants, userinfo
from ..backend.oauth.refusals import (
    INVALID_CLIENT,
    INVALID_REQUEST,
    UNSUPPORTED_GRANT_TYPE,
    OAuthError,
)
from ..errors import CognitoError
from .exchange import Exchange, json_response
from .loopback import HttpResponse

FORM = "application/x-www-form-urlencoded"


def _error(status: int, error: str) -> HttpResponse:
    return json_response(status, {"error": error})


def _basic(x: Exchange) -> Tuple[Optional[str], Optional[str]]:
    """``client_id`` and secret from an HTTP Basic header (RFC 6749 2.3.1: each form-encoded
    before base64), or (None, None) without one."""
    header = x.request.headers.get("authorization", "")
    scheme, _, value = header.partition(" ")
    if scheme.lower() != "basic":
        return None, None
    try:
        decoded = base64.b64decode(value.strip(), validate=True).decode("utf-8")
    except (binascii.Error, UnicodeDecodeError):
        raise OAuthError(INVALID_CLIENT) from None
    client_id, sep, secret = decoded.partition(":")
    if not sep:
        raise OAuthError(INVALID_CLIENT)
    return unquote(client_id), unquote(secret)


def _form(x: Exchange) -> Dict[str, str]:
    content_type = x.request.headers.get("content-type", "").split(";")[0].strip().lower()
    if content_type != FORM:
        raise OAuthError(INVALID_REQUEST)
    return x.form()


def token(x: Exchange) -> HttpResponse:
    try:
        form = _form(x)
        basic_id, basic_secret = _basic(x)
        secret = basic_secret if basic_id is not None else form.get("client_secret")
        grant_type = form.get("grant_type")
        if not grant_type:
            raise OAuthError(INVALID_REQUEST)
        client = grants.authenticate_client(x.pool, basic_id, secret, form.get("client_id"))
        if grant_type == "client_credentials":
            grant = grants.client_credentials(x.backend, x.pool, client, form.get("scope"))
        elif grant_type == "authorization_code":
            grant = grants.authorization_code(
                x.backend,
                x.pool,
                client,
                form.get("code"),
                form.get("redirect_uri"),
                form.get("code_verifier"),
            )
        elif grant_type == "refresh_token":
            grant = grants.refresh_token(x.backend, x.pool, client, form.get("refresh_token"))
        else:
            raise OAuthError(UNSUPPORTED_GRANT_TYPE)
    except OAuthError as exc:
        return _error(400, exc.error)
    except CognitoError:
        # A trigger (PreTokenGeneration) refused or failed: no token is issued (unconfirmed code).
        return _error(400, INVALID_REQUEST)
    body: Dict[str, Any] = {}
    if grant.id_token is not None:
        body["id_token"] = grant.id_token
    body["access_token"] = grant.access_token
    if grant.refresh_token is not None:
        body["refresh_token"] = grant.refresh_token
    body["expires_in"] = grant.expires_in
    body["token_type"] = "Bearer"
    return json_response(200, body)


def user_info(x: Exchange) -> HttpResponse:
    scheme, _, value = x.request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not value.strip():
        return json_response(
            400,
            {"error": INVALID_REQUEST, "error_description": "Access token is missing"},
            {"WWW-Authenticate": 'Bearer error="invalid_request"'},
        )
    try:
        claims = userinfo.user_info(x.pool, value.strip())
    except OAuthError as exc:
        description = exc.description or exc.error
        challenge = f'Bearer error="{exc.error}", error_description="{description}"'
        return json_response(
            401,
            {"error": exc.error, "error_description": description},
            {"WWW-Authenticate": challenge},
        )
    return json_response(200, claims)


def revoke(x: Exchange) -> HttpResponse:
    try:
        form = _form(x)
        basic_id, basic_secret = _basic(x)
        secret = basic_secret if basic_id is not None else form.get("client_secret")
        client = grants.authenticate_client(x.pool, basic_id, secret, form.get("client_id"))
    except OAuthError as exc:
        return _error(401 if exc.error == INVALID_CLIENT else 400, exc.error)
    try:
        grants.revoke(x.pool, client, form.get("token"))
    except OAuthError as exc:
        return _error(400, exc.error)
    return 200, {}, b""
