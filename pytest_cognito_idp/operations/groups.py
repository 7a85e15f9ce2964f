"""Groups: CreateGroup, GetGroup, UpdateGroup, DeleteGroup, ListGroups."""

from __future__ import annotations

from .. import clock
from .._wire import timestamp
from ..backend.model import groups as pool_groups
from ..backend.model.groups import Group, add_group, group_of, remove_group
from . import Context, Params, Result, operation
from ._paging import listed


def describe(pool_id: str, group: Group) -> Params:
    out: Params = {"GroupName": group.name, "UserPoolId": pool_id}
    if group.description is not None:
        out["Description"] = group.description
    if group.role_arn is not None:
        out["RoleArn"] = group.role_arn
    if group.precedence is not None:
        out["Precedence"] = group.precedence
    out["LastModifiedDate"] = timestamp(group.last_modified)
    out["CreationDate"] = timestamp(group.created)
    return out


@operation("CreateGroup")
def create_group(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    now = clock.now()
    group = add_group(
        pool,
        Group(
            name=params["GroupName"],
            created=now,
            last_modified=now,
            description=params.get("Description"),
            role_arn=params.get("RoleArn"),
            precedence=params.get("Precedence"),
        ),
    )
    return {"Group": describe(pool.id, group)}


@operation("GetGroup")
def get_group(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return {"Group": describe(pool.id, group_of(pool, params["GroupName"]))}


@operation("UpdateGroup")
def update_group(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    group = group_of(pool, params["GroupName"])
    pool_groups.update_group(
        group,
        params.get("Description"),
        params.get("RoleArn"),
        params.get("Precedence"),
        clock.now(),
    )
    return {"Group": describe(pool.id, group)}


@operation("DeleteGroup")
def delete_group(ctx: Context, params: Params) -> Result:
    remove_group(ctx.pool(params), params["GroupName"])
    return {}


@operation("ListGroups")
def list_groups(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    # Limit 0 or omitted: the service's default page (60 assumed, unconfirmed).
    return listed(
        "Groups",
        pool.groups.values(),
        lambda g: g.name,
        lambda g: describe(pool.id, g),
        params.get("NextToken"),
        params.get("Limit") or 60,
    )
