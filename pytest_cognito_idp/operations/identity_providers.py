"""Identity providers: CreateIdentityProvider, DescribeIdentityProvider, UpdateIdentityProvider,
DeleteIdentityProvider, ListIdentityProviders, GetIdentityProviderByIdentifier."""

from __future__ import annotations

from .. import clock
from .._wire import timestamp
from ..backend.federation.identity_providers import (
    IdentityProvider,
    add_provider,
    provider_by_identifier,
    provider_of,
    remove_provider,
    update_provider,
)
from . import Context, Params, Result, operation
from ._paging import listed


def describe(pool_id: str, provider: IdentityProvider) -> Params:
    return {
        "UserPoolId": pool_id,
        "ProviderName": provider.name,
        "ProviderType": provider.type,
        "ProviderDetails": provider.described_details,
        "AttributeMapping": dict(provider.attribute_mapping),
        "IdpIdentifiers": list(provider.idp_identifiers),
        "LastModifiedDate": timestamp(provider.last_modified),
        "CreationDate": timestamp(provider.created),
    }


@operation("CreateIdentityProvider")
def create_identity_provider(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    now = clock.now()
    provider = add_provider(
        pool,
        IdentityProvider(
            name=params["ProviderName"],
            type=params["ProviderType"],
            created=now,
            last_modified=now,
            details=dict(params["ProviderDetails"]),
            attribute_mapping=dict(params.get("AttributeMapping") or {}),
            idp_identifiers=list(params.get("IdpIdentifiers") or []),
        ),
    )
    return {"IdentityProvider": describe(pool.id, provider)}


@operation("DescribeIdentityProvider")
def describe_identity_provider(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return {"IdentityProvider": describe(pool.id, provider_of(pool, params["ProviderName"]))}


@operation("UpdateIdentityProvider")
def update_identity_provider(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    provider = update_provider(
        pool,
        provider_of(pool, params["ProviderName"]),
        params.get("ProviderDetails"),
        params.get("AttributeMapping"),
        params.get("IdpIdentifiers"),
        clock.now(),
    )
    return {"IdentityProvider": describe(pool.id, provider)}


@operation("DeleteIdentityProvider")
def delete_identity_provider(ctx: Context, params: Params) -> Result:
    remove_provider(ctx.pool(params), params["ProviderName"])
    return {}


@operation("ListIdentityProviders")
def list_identity_providers(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    # MaxResults 0 or omitted: the service's default page (60 assumed, unconfirmed).
    return listed(
        "Providers",
        pool.identity_providers.values(),
        lambda p: p.name,
        lambda p: {
            "ProviderName": p.name,
            "ProviderType": p.type,
            "LastModifiedDate": timestamp(p.last_modified),
            "CreationDate": timestamp(p.created),
        },
        params.get("NextToken"),
        params.get("MaxResults") or 60,
    )


@operation("GetIdentityProviderByIdentifier")
def get_identity_provider_by_identifier(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    provider = provider_by_identifier(pool, params["IdpIdentifier"])
    return {"IdentityProvider": describe(pool.id, provider)}
