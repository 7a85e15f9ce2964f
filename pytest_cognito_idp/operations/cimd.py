"""Client ID metadata document policies: CreateCIMDPolicy, DescribeCIMDPolicy, UpdateCIMDPolicy,
DeleteCIMDPolicy, ListCIMDPolicies, ListClientMetadataURLs, UpdateClientMetadataURLState."""

from __future__ import annotations

from .. import clock
from .._wire import timestamp
from ..backend.model.pools import UserPool, require_tier
from ..backend.oauth import cimd
from ..backend.oauth.cimd import CachedDocument, CIMDPolicy
from . import Context, Params, Result, operation
from ._paging import listed
from .clients import client_of

DEFAULT_PAGE = 60


def _check_tier(pool: UserPool) -> None:
    # The error is modeled on the operations that configure CIMD; that the Lite plan is the one
    # refused is unconfirmed.
    require_tier(pool.tier, "ESSENTIALS", "Client ID metadata documents", plural=True)


def _summary(pool: UserPool, policy: CIMDPolicy) -> Params:
    out: Params = {"CIMDPolicyId": policy.id}
    if policy.client_id in pool.clients:  # omitted once the app client is gone (documented)
        out["ClientId"] = policy.client_id
    out.update(
        {
            "PolicyName": policy.name,
            "CacheDuration": policy.cache_duration,
            "CreationDate": timestamp(policy.created),
            "LastModifiedDate": timestamp(policy.last_modified),
        }
    )
    return out


def _describe(pool: UserPool, policy: CIMDPolicy) -> Result:
    out = {"UserPoolId": pool.id, **_summary(pool, policy), "URLPatterns": policy.url_patterns}
    return {"CIMDPolicy": out}


@operation("CreateCIMDPolicy")
def create_cimd_policy(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    _check_tier(pool)
    policy = cimd.create_policy(
        pool,
        client.id,
        params["PolicyName"],
        params.get("CacheDuration"),
        params["URLPatterns"],
        clock.now(),
    )
    return _describe(pool, policy)


@operation("DescribeCIMDPolicy")
def describe_cimd_policy(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return _describe(pool, cimd.policy_of(pool, params["CIMDPolicyId"]))


@operation("UpdateCIMDPolicy")
def update_cimd_policy(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    policy = cimd.policy_of(pool, params["CIMDPolicyId"])
    client = client_of(pool, params["ClientId"])
    _check_tier(pool)
    cimd.update_policy(
        policy,
        client.id,
        params.get("PolicyName"),
        params.get("CacheDuration"),
        params["URLPatterns"],
        clock.now(),
    )
    return _describe(pool, policy)


@operation("DeleteCIMDPolicy")
def delete_cimd_policy(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    cimd.delete_policy(pool, cimd.policy_of(pool, params["CIMDPolicyId"]))
    return {}


@operation("ListCIMDPolicies")
def list_cimd_policies(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return listed(
        "CIMDPolicies",
        list(pool.cimd_policies.values()),
        lambda p: p.id,
        lambda p: _summary(pool, p),
        params.get("NextToken"),
        params.get("MaxResults", DEFAULT_PAGE),
    )


@operation("ListClientMetadataURLs")
def list_client_metadata_urls(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    policy = cimd.policy_of(pool, params["CIMDPolicyId"])
    return listed(
        "ClientMetadataURLs",
        list(policy.documents.values()),
        lambda d: d.url,
        _metadata_url,
        params.get("NextToken"),
        params.get("MaxResults", DEFAULT_PAGE),
    )


def _metadata_url(document: CachedDocument) -> Params:
    entry: Params = {"URL": document.url}
    if document.cached is not None and document.expires is not None:
        entry["CachedDate"] = timestamp(document.cached)
        entry["ExpirationDate"] = timestamp(document.expires)
    return entry


@operation("UpdateClientMetadataURLState")
def update_client_metadata_url_state(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    policy = cimd.policy_of(pool, params["CIMDPolicyId"])
    _check_tier(pool)
    if params["Action"] == "REFRESH":
        cimd.refresh(policy, params["URL"], clock.now())
    else:
        cimd.invalidate(policy, params["URL"])
    return {}
