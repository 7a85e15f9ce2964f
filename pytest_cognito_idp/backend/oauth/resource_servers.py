"""OAuth 2.0 resource servers of a pool and their custom scopes.

A custom scope is named ``<resource server identifier>/<scope name>``; app clients may allow only
the standard scopes and the custom scopes of the pool's resource servers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable, Set, Tuple

import attrs

from ...errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
    ScopeDoesNotExistException,
)

if TYPE_CHECKING:
    from ..model.pools import UserPool

RESOURCE_SERVERS_PER_POOL = 25
STANDARD_SCOPES = frozenset(
    {"phone", "email", "openid", "profile", "aws.cognito.signin.user.admin"}
)


@attrs.frozen
class Scope:
    name: str
    description: str


@attrs.define
class ResourceServer:
    identifier: str
    name: str
    scopes: Tuple[Scope, ...] = ()

    @property
    def custom_scopes(self) -> Set[str]:
        return {f"{self.identifier}/{s.name}" for s in self.scopes}


def server_of(pool: UserPool, identifier: str) -> ResourceServer:
    found = pool.resource_servers.get(identifier)
    if found is None:
        # The service's wording is unconfirmed.
        raise ResourceNotFoundException(f"Resource server {identifier} does not exist.")
    return found


def check_scopes(scopes: Iterable[Scope]) -> Tuple[Scope, ...]:
    """The scopes of a request, refusing a name given twice (wording unconfirmed)."""
    out = tuple(scopes)
    names = [s.name for s in out]
    if len(set(names)) != len(names):
        raise InvalidParameterException("Scope names must be unique within a resource server.")
    return out


def add_server(pool: UserPool, server: ResourceServer) -> ResourceServer:
    if server.identifier in pool.resource_servers:
        # With its period, as moto's AWS-faithful test_create_resource_server expects.
        raise InvalidParameterException(
            f"{server.identifier} already exists in user pool {pool.id}."
        )
    if len(pool.resource_servers) >= RESOURCE_SERVERS_PER_POOL:
        # The quota is documented; the wording is unconfirmed.
        raise LimitExceededException(
            f"The number of resource servers in this user pool has reached the limit of "
            f"{RESOURCE_SERVERS_PER_POOL}."
        )
    pool.resource_servers[server.identifier] = server
    return server


def remove_server(pool: UserPool, identifier: str) -> None:
    # App clients keep the scopes they allowed; the service does not touch them.
    del pool.resource_servers[server_of(pool, identifier).identifier]


def check_allowed_scopes(pool: UserPool, scopes: Iterable[str]) -> None:
    """App clients' AllowedOAuthScopes: standard scopes and the pool's custom scopes only."""
    custom: Set[str] = set()
    for server in pool.resource_servers.values():
        custom |= server.custom_scopes
    for scope in scopes:
        if scope not in STANDARD_SCOPES and scope not in custom:
            # Observed: "Invalid scope requested: Cognito".
            raise ScopeDoesNotExistException(f"Invalid scope requested: {scope}")
