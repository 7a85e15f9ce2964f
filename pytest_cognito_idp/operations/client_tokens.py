"""Tokens for services: GetClientToken (machine-to-machine) and GetDerivedToken (token
exchange)."""

from __future__ import annotations

from typing import Optional

from ..backend.federation.identity_providers import provider_of
from ..backend.model.clients import CLIENT_TOKEN_FLOW, AppClient
from ..backend.model.pools import UserPool
from ..backend.oauth.resource_servers import server_of
from ..backend.tokens import client_tokens, issuing, token_exchange
from ..backend.tokens.token_exchange import Presented
from ..errors import InvalidParameterException, NotAuthorizedException
from . import Context, Params, Result, operation
from .tokens import check_client_secret

IMPERSONATION_FLOW = "ALLOW_TOKEN_EXCHANGE_IMPERSONATION"
DELEGATION_FLOW = "ALLOW_TOKEN_EXCHANGE_DELEGATION"


def _require_flow(client: AppClient, flow: str) -> None:
    if not client.allows(flow):
        # The service's wording is unconfirmed: modelled on the observed
        # "USER_PASSWORD_AUTH flow not enabled for this client"; AWS's example of GetClientToken
        # expects NotAuthorizedException for a client without the flow.
        raise NotAuthorizedException(f"{flow[len('ALLOW_') :]} flow not enabled for this client")


@operation("GetClientToken")
def get_client_token(ctx: Context, params: Params) -> Result:
    client = ctx.region.client(params["ClientId"])
    if not client.secrets:
        # Documented: the client must have a secret; the wording is unconfirmed.
        raise NotAuthorizedException(f"Client {client.id} is not configured with a client secret.")
    check_client_secret(client, params["Secret"], NotAuthorizedException)
    _require_flow(client, CLIENT_TOKEN_FLOW)
    pool = ctx.region.pool_of(client)
    scopes = client_tokens.granted_scopes(pool, client, params.get("Scopes"))
    # ClientMetadata goes to Lambda triggers only; no trigger of the fake runs for this grant.
    issued = client_tokens.issue_client_token(ctx.backend, pool, client, scopes)
    return {
        "ClientAuthenticationResult": {
            "AccessToken": issued.access_token,
            "ExpiresIn": issued.expires_in,
            "TokenType": issued.token_type,
        }
    }


def _presented(
    pool: UserPool, token: str, token_type: Optional[str], provider: Optional[str], role: str
) -> Presented:
    """A subject or actor token, verified as a live token of ``pool``."""
    if token_type == "SAML2" and provider is None:
        # Documented: a third-party token names its provider; the wording is unconfirmed.
        raise InvalidParameterException(f"{role}ProviderName is required for a SAML2 {role}.")
    if provider is not None:
        provider_of(pool, provider)
        # The fake has no way to check a third-party IdP's signature (its keys and metadata live
        # outside the process), so it accepts no token from one; the wording is unconfirmed.
        raise NotAuthorizedException(f"Invalid {role}.")
    user, session, claims = issuing.check(pool, token, token_exchange.USE[str(token_type)])
    if user is not None:
        issuing.check_user_may_sign_in(user)
    return Presented(claims, user, session)


def _check_request(params: Params) -> None:
    if bool(params.get("ActorToken")) != bool(params.get("ActorTokenType")):
        # Documented: ActorTokenType is required with an ActorToken; the wording is unconfirmed.
        raise InvalidParameterException("ActorToken and ActorTokenType must be provided together.")
    if params.get("Audiences") and params.get("Resources"):
        # Documented rule; the wording is unconfirmed.
        raise InvalidParameterException("You can't request both Audiences and Resources.")


@operation("GetDerivedToken")
def get_derived_token(ctx: Context, params: Params) -> Result:
    client = ctx.region.client(params["ClientId"])
    # Documented: IAM credentials or the client's secret authorise the call. boto3 signs every
    # request with credentials, so the secret is checked only when it is sent.
    if params.get("ClientSecret") is not None:
        if not client.secrets:
            raise NotAuthorizedException(f"ClientSecret does not match for the client: {client.id}")
        check_client_secret(client, params["ClientSecret"], NotAuthorizedException)
    _check_request(params)
    delegation = bool(params.get("ActorToken"))
    _require_flow(client, DELEGATION_FLOW if delegation else IMPERSONATION_FLOW)
    pool = ctx.region.pool_of(client)
    audience = (params.get("Audiences") or [None])[0]
    resources = params.get("Resources") or []
    if resources:
        audience = server_of(pool, resources[0]).identifier
    subject = _presented(
        pool,
        params["SubjectToken"],
        params["SubjectTokenType"],
        params.get("SubjectTokenProviderName"),
        "SubjectToken",
    )
    actor = None
    if delegation:
        actor = _presented(
            pool,
            params["ActorToken"],
            params["ActorTokenType"],
            params.get("ActorTokenProviderName"),
            "ActorToken",
        )
    token_type = params.get("RequestedTokenType", token_exchange.ACCESS_TOKEN)
    scopes = []
    if token_type == token_exchange.ACCESS_TOKEN:
        scopes = token_exchange.granted_scopes(client, subject, params.get("Scopes"))
    issued = token_exchange.derive(
        ctx.backend,
        pool,
        client,
        subject,
        actor,
        scopes=scopes,
        audience=audience,
        token_type=token_type,
    )
    out: Params = {
        "IssuedToken": issued.token,
        "IssuedTokenType": issued.token_type,
        # RFC 8693: "N_A" when the issued token is not an access token.
        "TokenType": "Bearer" if issued.token_type == token_exchange.ACCESS_TOKEN else "N_A",
        "ExpiresIn": issued.expires_in,
    }
    if issued.scopes is not None:
        out["Scopes"] = issued.scopes
    return out
