"""Multi-Region replication: a secondary replica of a pool in another region of the same fake.

A replica shares the pool's ID and user directory. The fake serves it from the primary's own
``UserPool`` object, registered in the other region's ``Region.replicas``, so users and settings
written in the primary are seen there at once (the service replicates with a short lag). Which
operations a replica accepts is decided in operations/_gates.py.

Timeline (durations unpublished; these are plausible): ``CREATING`` for ``CREATING_SECONDS``,
then ``INACTIVE`` (documented: new replicas start inactive) until UpdateUserPoolReplica makes it
``ACTIVE``; DeleteUserPoolReplica: ``DELETING`` for ``DELETING_SECONDS``, then gone.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Dict, List, Optional

import attrs

from ...errors import (
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from ..model.pools import require_tier

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..state import Backend

CREATING_SECONDS = 60.0
DELETING_SECONDS = 60.0
SECONDARIES_PER_POOL = 1  # documented: at most one secondary replica
_REGION = re.compile(r"[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}")


@attrs.define
class Replica:
    region: str
    created: float
    tags: Dict[str, str] = attrs.field(factory=dict)
    chosen_status: str = "INACTIVE"
    deleting_since: Optional[float] = None

    def status(self, now: float) -> str:
        if self.deleting_since is not None:
            return "DELETING"
        if now < self.created + CREATING_SECONDS:
            return "CREATING"
        return self.chosen_status

    def gone(self, now: float) -> bool:
        return self.deleting_since is not None and now >= self.deleting_since + DELETING_SECONDS


def arn(pool: UserPool, region: str) -> str:
    return f"arn:aws:cognito-idp:{region}:{pool.account_id}:userpool/{pool.id}"


def settle(backend: Backend, pool: UserPool, now: float) -> None:
    """Forget the replicas whose deletion has finished."""
    for region, replica in list(pool.replicas.items()):
        if replica.gone(now):
            del pool.replicas[region]
            backend.region(region).replicas.pop(pool.id, None)


def create(
    backend: Backend, pool: UserPool, region: str, tags: Dict[str, str], now: float
) -> Replica:
    # Every wording here is unconfirmed.
    if region == pool.region:
        raise InvalidParameterException(
            f"The replica region must differ from the primary region {pool.region}."
        )
    if not _REGION.fullmatch(region):
        raise InvalidParameterException(f"Invalid region name {region}.")
    # Documented: replication needs the Essentials or Plus plan.
    require_tier(pool.tier, "ESSENTIALS", "Multi-Region replication")
    if len(pool.replicas) >= SECONDARIES_PER_POOL:
        raise LimitExceededException(
            f"User pool {pool.id} already has the maximum of {SECONDARIES_PER_POOL} replica."
        )
    replica = Replica(region, now, dict(tags))
    pool.replicas[region] = replica
    backend.region(region).replicas[pool.id] = pool
    return replica


def replica_of(pool: UserPool, region: str) -> Replica:
    found = pool.replicas.get(region)
    if found is None:
        raise ResourceNotFoundException(
            f"User pool {pool.id} has no replica in region {region}."  # unconfirmed
        )
    return found


def delete(pool: UserPool, region: str, now: float) -> Replica:
    replica = replica_of(pool, region)
    status = replica.status(now)
    if status != "INACTIVE":
        # Documented: only INACTIVE replicas can be deleted; wording unconfirmed.
        raise InvalidParameterException(
            f"Only an INACTIVE replica can be deleted; the replica in {region} is {status}."
        )
    replica.deleting_since = now
    return replica


def set_status(pool: UserPool, region: str, status: str, now: float) -> Replica:
    if region == pool.region:
        raise InvalidParameterException(  # unconfirmed
            f"The status of the primary user pool in {region} cannot be changed."
        )
    replica = replica_of(pool, region)
    current = replica.status(now)
    if current in ("CREATING", "DELETING"):
        raise InvalidParameterException(  # unconfirmed
            f"The replica in {region} is {current} and cannot be updated."
        )
    replica.chosen_status = status
    return replica


def listing(pool: UserPool, now: float) -> List[Dict[str, str]]:
    """The primary, then its secondaries, as ``UserPoolReplicaType`` values."""
    out = [_entry(pool, pool.region, "ACTIVE", "PRIMARY")]
    for region, replica in pool.replicas.items():
        out.append(_entry(pool, region, replica.status(now), "SECONDARY"))
    return out


def entry(pool: UserPool, replica: Replica, now: float) -> Dict[str, str]:
    return _entry(pool, replica.region, replica.status(now), "SECONDARY")


def _entry(pool: UserPool, region: str, status: str, role: str) -> Dict[str, str]:
    return {"RegionName": region, "Status": status, "Role": role, "UserPoolArn": arn(pool, region)}
