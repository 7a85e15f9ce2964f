"""The fake's whole state: one ``Backend`` per fake, one ``Region`` per region it has served."""

from __future__ import annotations

from typing import Any, Callable, Dict, List

import attrs

from ..errors import LimitExceededException, ResourceNotFoundException
from .core.outbox import Outbox
from .lambdas import TriggerCall
from .model.clients import AppClient
from .model.pools import UserPool
from .oauth.hosted_sessions import DomainState
from .signin.challenge_sessions import ChallengeSessionStore

USER_POOLS_PER_REGION = 1000


@attrs.define
class Region:
    name: str
    account_id: str
    pools: Dict[str, UserPool] = attrs.field(factory=dict)
    # Every app client of the region by ID: unsigned operations name only the client.
    clients: Dict[str, AppClient] = attrs.field(factory=dict)
    # Pools of other regions replicated here, by their (shared) ID: the primary's own object,
    # so the replica sees its users and settings (backend/resilience/replicas.py).
    replicas: Dict[str, UserPool] = attrs.field(factory=dict)
    # Provisioned request rates by API category (backend/resilience/provisioned_limits.py).
    provisioned_limits: Dict[str, int] = attrs.field(factory=dict)

    def pool(self, pool_id: str) -> UserPool:
        found = self.pools.get(pool_id) or self.replicas.get(pool_id)
        if found is None:
            raise ResourceNotFoundException(f"User pool {pool_id} does not exist.")
        return found

    def client(self, client_id: str) -> AppClient:
        found = self.clients.get(client_id)
        if found is None and self.replicas:
            found = next(
                (p.clients[client_id] for p in self.replicas.values() if client_id in p.clients),
                None,
            )
        if found is None or (
            found.pool_id not in self.pools and found.pool_id not in self.replicas
        ):
            raise ResourceNotFoundException(f"User pool client {client_id} does not exist.")
        return found

    def pool_of(self, client: AppClient) -> UserPool:
        return self.pools.get(client.pool_id) or self.replicas[client.pool_id]

    def add_pool(self, pool: UserPool) -> UserPool:
        if len(self.pools) >= USER_POOLS_PER_REGION:
            raise LimitExceededException(
                f"The number of user pools in this account and region has reached the limit of "
                f"{USER_POOLS_PER_REGION}."
            )
        self.pools[pool.id] = pool
        return pool

    def remove_pool(self, pool: UserPool) -> None:
        """Forget ``pool`` and its app clients."""
        del self.pools[pool.id]
        for client_id in pool.clients:
            self.clients.pop(client_id, None)

    def add_client(self, pool: UserPool, client: AppClient) -> None:
        """File a new app client in its pool and in the region's index of every client."""
        pool.clients[client.id] = client
        self.clients[client.id] = client

    def remove_client(self, pool: UserPool, client: AppClient) -> None:
        del pool.clients[client.id]
        self.clients.pop(client.id, None)


@attrs.define
class Backend:
    account_id: str
    regions: Dict[str, Region] = attrs.field(factory=dict)
    lambdas: Dict[str, Callable[..., Any]] = attrs.field(factory=dict)
    outbox: Outbox = attrs.field(factory=Outbox)
    # Sign-ins waiting for a challenge answer (backend/signin/challenge_sessions.py).
    challenge_sessions: ChallengeSessionStore = attrs.field(factory=ChallengeSessionStore)
    # Every Lambda trigger invocation, oldest first (backend/lambdas.py).
    trigger_calls: List[TriggerCall] = attrs.field(factory=list)
    # The user pool domains' codes, managed login sessions and CSRF tokens (backend/oauth/).
    domain: DomainState = attrs.field(factory=DomainState)

    def region(self, name: str) -> Region:
        found = self.regions.get(name)
        if found is None:
            found = self.regions[name] = Region(name, self.account_id)
        return found
