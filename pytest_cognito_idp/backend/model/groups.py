"""User pool groups: their settings and members."""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, Optional

import attrs

from ...errors import GroupExistsException, LimitExceededException, ResourceNotFoundException

if TYPE_CHECKING:
    from .pools import UserPool
    from .users import User

GROUPS_PER_POOL = 10000
GROUPS_PER_USER = 100


@attrs.define
class Group:
    name: str
    created: float
    last_modified: float
    description: Optional[str] = None
    role_arn: Optional[str] = None
    precedence: Optional[int] = None
    # The members as an insertion-ordered set of user keys (``UserPool.user_key``), so listing
    # members pages in the order they were added and membership tests are O(1).
    members: Dict[str, None] = attrs.field(factory=dict)


def group_of(pool: UserPool, name: str) -> Group:
    found = pool.groups.get(name)
    if found is None:
        raise ResourceNotFoundException("Group not found.")
    return found


def add_group(pool: UserPool, group: Group) -> Group:
    if group.name in pool.groups:
        raise GroupExistsException(f"A group with the name {group.name} already exists.")
    if len(pool.groups) >= GROUPS_PER_POOL:
        # The quota is documented; the service's wording is unconfirmed.
        raise LimitExceededException(
            f"The number of groups in this user pool has reached the limit of {GROUPS_PER_POOL}."
        )
    pool.groups[group.name] = group
    return group


def update_group(
    group: Group,
    description: Optional[str],
    role_arn: Optional[str],
    precedence: Optional[int],
    now: float,
) -> None:
    """UpdateGroup: only what is given (not None) changes ("updates any of the properties")."""
    if description is not None:
        group.description = description
    if role_arn is not None:
        group.role_arn = role_arn
    if precedence is not None:
        group.precedence = precedence
    group.last_modified = now


def add_member(pool: UserPool, group: Group, user: User) -> None:
    """AdminAddUserToGroup; adding a member again changes nothing."""
    if group.name in user.groups:
        return
    if len(user.groups) >= GROUPS_PER_USER:
        # The quota is documented (groups per user); the service's wording is unconfirmed.
        raise LimitExceededException(f"A user can be a member of at most {GROUPS_PER_USER} groups.")
    user.groups.add(group.name)
    group.members[pool.user_key(user.username)] = None


def remove_member(pool: UserPool, group: Group, user: User) -> None:
    user.groups.discard(group.name)
    group.members.pop(pool.user_key(user.username), None)


def remove_group(pool: UserPool, name: str) -> None:
    """Delete the group and take it off its members' ``User.groups``."""
    group = group_of(pool, name)
    for key in group.members:
        user = pool.users.get(key)
        if user is not None:
            user.groups.discard(name)
    del pool.groups[name]
