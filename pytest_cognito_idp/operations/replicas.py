"""Multi-Region replication: CreateUserPoolReplica, DeleteUserPoolReplica, ListUserPoolReplicas,
UpdateUserPoolReplica."""

from __future__ import annotations

from .. import clock
from ..backend.model.pools import UserPool
from ..backend.resilience import replicas
from ..errors import OperationNotEnabledException
from . import Context, Params, Result, operation
from ._paging import page

PAGE = 60  # the operation has no page size parameter; the usual 60 (unconfirmed)


def _primary(ctx: Context, params: Params) -> UserPool:
    """The pool, which these operations settle first (finished deletions disappear)."""
    pool = ctx.pool(params)
    replicas.settle(ctx.backend, pool, clock.now())
    return pool


@operation("CreateUserPoolReplica")
def create_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = _primary(ctx, params)
    now = clock.now()
    replica = replicas.create(
        ctx.backend, pool, params["RegionName"], params.get("UserPoolTags") or {}, now
    )
    return {"UserPoolReplica": replicas.entry(pool, replica, now)}


@operation("DeleteUserPoolReplica")
def delete_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = _primary(ctx, params)
    if ctx.region.name != pool.region:  # refused in a secondary by the gate already
        raise OperationNotEnabledException("Replicas can only be deleted from the primary region.")
    now = clock.now()
    replica = replicas.delete(pool, params["RegionName"], now)
    return {"UserPoolReplica": replicas.entry(pool, replica, now)}


@operation("UpdateUserPoolReplica")
def update_user_pool_replica(ctx: Context, params: Params) -> Result:
    pool = _primary(ctx, params)
    now = clock.now()
    replica = replicas.set_status(pool, params["RegionName"], params["Status"], now)
    return {"UserPoolReplica": replicas.entry(pool, replica, now)}


@operation("ListUserPoolReplicas")
def list_user_pool_replicas(ctx: Context, params: Params) -> Result:
    pool = _primary(ctx, params)
    found, token = page(
        replicas.listing(pool, clock.now()),
        lambda r: r["RegionName"],
        params.get("NextToken"),
        PAGE,
    )
    out: Params = {"UserPoolReplicas": found}
    if token:
        out["NextToken"] = token
    return out
