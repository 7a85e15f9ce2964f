"""Resource servers: CreateResourceServer, DescribeResourceServer, UpdateResourceServer,
DeleteResourceServer, ListResourceServers."""

from __future__ import annotations

from typing import List, Optional

from ..backend.oauth.resource_servers import (
    ResourceServer,
    Scope,
    add_server,
    check_scopes,
    remove_server,
    server_of,
    update_server,
)
from . import Context, Params, Result, operation
from ._paging import listed


def scopes_in(given: Optional[List[Params]]) -> List[Scope]:
    return list(check_scopes(Scope(s["ScopeName"], s["ScopeDescription"]) for s in given or []))


def describe(pool_id: str, server: ResourceServer) -> Params:
    out: Params = {"UserPoolId": pool_id, "Identifier": server.identifier, "Name": server.name}
    # A server without scopes is described without the key (moto's AWS-faithful
    # test_create_resource_server_with_no_scopes), not with an empty list.
    if server.scopes:
        out["Scopes"] = [
            {"ScopeName": s.name, "ScopeDescription": s.description} for s in server.scopes
        ]
    return out


@operation("CreateResourceServer")
def create_resource_server(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    server = ResourceServer(
        params["Identifier"], params["Name"], tuple(scopes_in(params.get("Scopes")))
    )
    return {"ResourceServer": describe(pool.id, add_server(pool, server))}


@operation("DescribeResourceServer")
def describe_resource_server(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return {"ResourceServer": describe(pool.id, server_of(pool, params["Identifier"]))}


@operation("UpdateResourceServer")
def update_resource_server(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    server = server_of(pool, params["Identifier"])
    update_server(server, params["Name"], scopes_in(params.get("Scopes")))
    return {"ResourceServer": describe(pool.id, server)}


@operation("DeleteResourceServer")
def delete_resource_server(ctx: Context, params: Params) -> Result:
    remove_server(ctx.pool(params), params["Identifier"])
    return {}


@operation("ListResourceServers")
def list_resource_servers(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    # The page size when MaxResults is omitted is unconfirmed; 50 is the maximum.
    return listed(
        "ResourceServers",
        pool.resource_servers.values(),
        lambda s: s.identifier,
        lambda s: describe(pool.id, s),
        params.get("NextToken"),
        params.get("MaxResults", 50),
    )
