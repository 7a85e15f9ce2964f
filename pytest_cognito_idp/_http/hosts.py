"""The user pool domains' host names, and which pool of the active fake a host is."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Optional

from .. import _hook

if TYPE_CHECKING:
    from ..backend.model.pools import UserPool
    from ..backend.state import Backend

PREFIX_HOST = re.compile(
    r"([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.([a-z0-9-]+)\.amazoncognito\.com"
)


def host_of(pool: UserPool) -> Optional[str]:
    """The domain's host name: the custom domain when the pool has one (as AWS's console shows
    it), else the prefix domain."""
    if pool.custom_domain is not None:
        return pool.custom_domain.domain
    if pool.prefix_domain is not None:
        return f"{pool.prefix_domain.domain}.auth.{pool.region}.amazoncognito.com"
    return None


def prefix_host(pool: UserPool) -> Optional[str]:
    if pool.prefix_domain is None:
        return None
    return f"{pool.prefix_domain.domain}.auth.{pool.region}.amazoncognito.com"


def pool_of_host(backend: Backend, host: str) -> Optional[UserPool]:
    """The pool whose prefix or custom domain ``host`` is, in the active fake."""
    host = host.split(":")[0].lower().rstrip(".")
    match = PREFIX_HOST.fullmatch(host)
    if match is not None:
        prefix, region_name = match.groups()
        region = backend.regions.get(region_name)
        for pool in region.pools.values() if region is not None else ():
            if pool.prefix_domain is not None and pool.prefix_domain.domain == prefix:
                return pool
        return None
    for region in backend.regions.values():
        for pool in region.pools.values():
            if pool.custom_domain is not None and pool.custom_domain.domain == host:
                return pool
    return None


def is_domain_host(host: Optional[str]) -> bool:
    """Whether the interception layer should answer ``host``: every prefix domain (an AWS host
    nothing must reach while a fake is active) and the custom domains of the active fake."""
    if not host:
        return False
    name = host.split(":")[0].lower()
    if PREFIX_HOST.fullmatch(name):
        return True
    fake = _hook.active()
    if fake is None:
        return False
    with fake._state(locked=False) as backend:
        return pool_of_host(backend, name) is not None
