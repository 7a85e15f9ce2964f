"""Group membership: AdminAddUserToGroup, AdminRemoveUserFromGroup, AdminListGroupsForUser,
ListUsersInGroup."""

from __future__ import annotations

from typing import Iterator

from ..backend.model.groups import Group, add_member, group_of, remove_member
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from . import Context, Params, Result, operation
from ._paging import page
from ._users import pool_user, user_type
from .groups import describe


class _Members:
    """A group's members in the order they joined; iterable again for each page."""

    __slots__ = ("_group", "_pool")

    def __init__(self, pool: UserPool, group: Group) -> None:
        self._pool = pool
        self._group = group

    def __iter__(self) -> Iterator[User]:
        return map(self._pool.users.__getitem__, self._group.members)


@operation("AdminAddUserToGroup")
def admin_add_user_to_group(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    add_member(pool, group_of(pool, params["GroupName"]), user)
    return {}


@operation("AdminRemoveUserFromGroup")
def admin_remove_user_from_group(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    remove_member(pool, group_of(pool, params["GroupName"]), user)
    return {}


@operation("AdminListGroupsForUser")
def admin_list_groups_for_user(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    groups = [pool.groups[name] for name in sorted(user.groups) if name in pool.groups]
    found, token = page(
        groups, lambda g: g.name, params.get("NextToken"), params.get("Limit") or 60
    )
    out: Params = {"Groups": [describe(pool.id, g) for g in found]}
    if token:
        out["NextToken"] = token
    return out


@operation("ListUsersInGroup")
def list_users_in_group(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    group = group_of(pool, params["GroupName"])
    found, token = page(
        _Members(pool, group),
        lambda u: pool.user_key(u.username),
        params.get("NextToken"),
        params.get("Limit") or 60,
    )
    out: Params = {"Users": [user_type(u) for u in found]}
    if token:
        out["NextToken"] = token
    return out
