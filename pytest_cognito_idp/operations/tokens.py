"""Token lifecycle: GetTokensFromRefreshToken, RevokeToken, GlobalSignOut,
AdminUserGlobalSignOut."""

from __future__ import annotations

import hmac
from typing import Optional, Type

from ..backend.model.clients import AppClient
from ..backend.tokens import issuing, pre_token_generation
from ..backend.tokens.jws import looks_like_jws
from ..errors import (
    CognitoError,
    NotAuthorizedException,
    UnauthorizedException,
    UnsupportedOperationException,
    UnsupportedTokenTypeException,
)
from . import Context, Params, Result, operation
from ._users import pool_user


def authentication_result(issued: issuing.Tokens) -> Params:
    """The wire ``AuthenticationResultType`` of tokens a sign-in or a refresh issued."""
    out: Params = {
        "AccessToken": issued.access_token,
        "ExpiresIn": issued.expires_in,
        "TokenType": issued.token_type,
    }
    if issued.id_token is not None:
        out["IdToken"] = issued.id_token
    if issued.refresh_token is not None:
        out["RefreshToken"] = issued.refresh_token
    if issued.new_device is not None:
        out["NewDeviceMetadata"] = {
            "DeviceKey": issued.new_device.key,
            "DeviceGroupKey": issued.new_device.group_key,
        }
    return out


def check_client_secret(client: AppClient, given: Optional[str], error: Type[CognitoError]) -> None:
    """A client with a secret must send it as ``ClientSecret`` (either of its active secrets)."""
    if not client.secrets:
        return
    if not given:
        raise error(f"Client {client.id} is configured for secret but secret was not received")
    if not any(hmac.compare_digest(s.value.encode(), given.encode()) for s in client.secrets):
        # The service's wording for a wrong ClientSecret is unconfirmed.
        raise error(f"ClientSecret does not match for the client: {client.id}")


@operation("GetTokensFromRefreshToken")
def get_tokens_from_refresh_token(ctx: Context, params: Params) -> Result:
    client = ctx.region.client(params["ClientId"])
    check_client_secret(client, params.get("ClientSecret"), NotAuthorizedException)
    pool = ctx.region.pool_of(client)
    user, _ = issuing.refresh_token_of(pool, client, params["RefreshToken"])
    override = pre_token_generation.claims_override(
        ctx.backend,
        pool,
        client,
        user,
        pre_token_generation.REFRESH_TOKENS,
        params.get("ClientMetadata"),
        lazy=True,
    )
    result = issuing.refresh(
        ctx.backend,
        pool,
        client,
        params["RefreshToken"],
        device_key=params.get("DeviceKey"),
        rotate=True,
        claims_override=override,
    )
    return {"AuthenticationResult": authentication_result(result)}


@operation("RevokeToken")
def revoke_token(ctx: Context, params: Params) -> Result:
    # RevokeToken declares no ResourceNotFoundException or NotAuthorizedException: client and
    # token problems are UnauthorizedException. The messages are unconfirmed.
    client = ctx.region.clients.get(params["ClientId"])
    if client is None or client.pool_id not in ctx.region.pools:
        raise UnauthorizedException(f"Client {params['ClientId']} does not exist.")
    check_client_secret(client, params.get("ClientSecret"), UnauthorizedException)
    if not client.enable_token_revocation:
        raise UnsupportedOperationException("Token revocation is not enabled for this client.")
    token = params["Token"]
    if looks_like_jws(token):
        raise UnsupportedTokenTypeException("Only refresh tokens can be revoked.")
    if not issuing.revoke(ctx.region.pool_of(client), client, token):
        raise UnauthorizedException("Invalid token.")
    return {}


@operation("GlobalSignOut")
def global_sign_out(ctx: Context, params: Params) -> Result:
    _, user, _ = issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])
    issuing.global_sign_out(user)
    return {}


@operation("AdminUserGlobalSignOut")
def admin_user_global_sign_out(ctx: Context, params: Params) -> Result:
    _, user = pool_user(ctx, params)
    issuing.global_sign_out(user)
    return {}
