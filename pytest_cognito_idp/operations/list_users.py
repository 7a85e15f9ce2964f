"""ListUsers: every user of a pool, or those one attribute matches, a page at a time."""

from __future__ import annotations

import re
from typing import Iterable, List, Optional

from ..backend.model.pools import UserPool
from ..backend.model.user_index import FILTERABLE
from ..backend.model.users import User
from ..backend.users import directory
from ..errors import InvalidParameterException
from . import Context, Params, Result, operation
from ._paging import page
from ._users import user_type

# ``name = "value"`` or ``name ^= "value"``; inside the quotes a backslash escapes a character.
_FILTER = re.compile(r'\s*([\w:]+)\s*(\^?=)\s*"((?:[^"\\]|\\.)*)"\s*')
_ESCAPE = re.compile(r"\\(.)")
DEFAULT_LIMIT = 60


def matching(pool: UserPool, expression: Optional[str]) -> Iterable[User]:
    """The users ``expression`` selects, from the index (no scan of the pool)."""
    if not expression or not expression.strip():
        return pool.users.values()
    m = _FILTER.fullmatch(expression)
    if m is None or m.group(1) not in FILTERABLE:
        # Custom and other attributes are not searchable; the service reports them the same way
        # as a malformed filter.
        raise InvalidParameterException("Error while parsing filter.")
    name, operator, raw = m.groups()
    value = directory.normalise(pool, name, _ESCAPE.sub(r"\1", raw))
    if operator == "=":
        return pool.user_index.equal(name, value)
    return pool.user_index.prefix(name, value)


def _attributes_to_get(pool: UserPool, names: Optional[List[str]]) -> Optional[List[str]]:
    if names is None:
        return None
    # Observed: asking for sub (always returned as the username's identity) is refused.
    if any(n == "sub" or n not in pool.schema for n in names):
        raise InvalidParameterException("Input fails to satisfy the constraints.")
    return names


@operation("ListUsers")
def list_users(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    names = _attributes_to_get(pool, params.get("AttributesToGet"))
    users = matching(pool, params.get("Filter"))
    # Limit 0 is taken as "no limit given" (unconfirmed; a page of nothing would never end).
    limit = params.get("Limit") or DEFAULT_LIMIT
    found, token = page(
        users, lambda u: pool.user_key(u.username), params.get("PaginationToken"), limit
    )
    out: Params = {"Users": [user_type(u, names) for u in found]}
    if token:
        out["PaginationToken"] = token
    return out
