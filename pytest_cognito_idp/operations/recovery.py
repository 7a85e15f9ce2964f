"""Point-in-time recovery: InitiatePointInTimeRecovery, DescribePointInTimeRecovery,
ListPointInTimeRecoveries, StartPointInTimeRecovery, CancelPointInTimeRecovery.

The limits are the documented ones; the messages are unconfirmed.
"""

from __future__ import annotations

from typing import Iterable, List

from .. import clock
from .._wire import timestamp
from ..backend.model.pools import UserPool, require_tier
from ..backend.resilience import recovery
from ..backend.resilience.recovery import DAY, Restoration
from ..errors import (
    ConcurrentModificationException,
    InvalidParameterException,
    LimitExceededException,
    ResourceNotFoundException,
)
from . import Context, Params, Result, operation
from ._paging import page

DEFAULT_PAGE = 60
ACTIVE_PER_ACCOUNT = 5
COMPLETED_PER_POOL_PER_DAY = 1
PREVIEWS_PER_POOL_PER_DAY = 3
PREVIEWS_PER_ACCOUNT_PER_DAY = 10
PREVIEWS_PER_POOL_PER_30_DAYS = 10


def _restoration(pool: UserPool, restore_id: str) -> Restoration:
    found = pool.restorations.get(restore_id)
    if found is None:
        raise ResourceNotFoundException(f"Point-in-time recovery {restore_id} does not exist.")
    return found


def _describe(restoration: Restoration, now: float) -> Params:
    out: Params = {
        "RestoreId": restoration.id,
        "RestoreStatus": restoration.status(now),
        "RestoreTimestamp": timestamp(restoration.restore_time),
        "TriggerTimestamp": timestamp(restoration.trigger_time),
    }
    preview = restoration.preview(now)
    if preview is not None:
        out["RestorePreview"] = [
            {"Entity": entity, "CreateCount": c, "UpdateCount": u, "DeleteCount": d}
            for entity, (c, u, d) in preview.items()
        ]
    return {"Restoration": out}


def _all_restorations(ctx: Context) -> List[Restoration]:
    pools: Iterable[UserPool] = (
        p for region in ctx.backend.regions.values() for p in region.pools.values()
    )
    return list(recovery.restorations_of(pools))


def _check_limits(ctx: Context, pool: UserPool, now: float) -> None:
    if recovery.active_restoration(pool, now) is not None:
        raise ConcurrentModificationException(
            f"User pool {pool.id} already has a point-in-time recovery in progress."
        )
    everywhere = _all_restorations(ctx)
    if sum(1 for r in everywhere if r.active(now)) >= ACTIVE_PER_ACCOUNT:
        raise LimitExceededException(
            f"This account has reached the limit of {ACTIVE_PER_ACCOUNT} active point-in-time "
            "recoveries."
        )
    mine = list(pool.restorations.values())
    completed = [r.completed_at() for r in mine if r.status(now) == "RESTORE_COMPLETED"]
    if sum(1 for at in completed if at is not None and at > now - DAY) >= (
        COMPLETED_PER_POOL_PER_DAY
    ):
        raise LimitExceededException(
            f"User pool {pool.id} can complete only one point-in-time recovery in 24 hours."
        )
    for previews, limit, period, whose in (
        (mine, PREVIEWS_PER_POOL_PER_DAY, DAY, f"user pool {pool.id}"),
        (everywhere, PREVIEWS_PER_ACCOUNT_PER_DAY, DAY, "this account"),
        (mine, PREVIEWS_PER_POOL_PER_30_DAYS, 30 * DAY, f"user pool {pool.id}"),
    ):
        if sum(1 for r in previews if r.initiated > now - period) >= limit:
            days = int(period // DAY)
            raise LimitExceededException(
                f"The limit of {limit} recovery previews in {days} day(s) for {whose} has been "
                "reached."
            )


def _check_point(pool: UserPool, moment: float, now: float) -> None:
    require_tier(pool.tier, "ESSENTIALS", "Point-in-time recovery")
    if moment > now - recovery.MINIMUM_AGE:
        raise InvalidParameterException("RestoreTimestamp must be at least 15 minutes in the past.")
    if moment < pool.created:
        raise InvalidParameterException(
            "RestoreTimestamp cannot be earlier than the creation time of the user pool."
        )
    history = recovery.history_of(pool)
    assert history is not None  # the pool's plan can recover
    for tier in history.tiers_since(moment):
        if now - moment > recovery.RECOVERY_PERIOD.get(tier, 0.0):
            raise InvalidParameterException(
                "RestoreTimestamp is outside the recovery period of the user pool's feature "
                f"plan ({tier})."
            )


def _check_quiet(ctx: Context, pool: UserPool, now: float) -> None:
    if any(job.running(now) for job in pool.import_jobs.values()):
        raise ConcurrentModificationException(
            f"A user import job is in progress for user pool {pool.id}."
        )
    if any(r.status(now) == "CREATING" for r in pool.replicas.values()):
        raise ConcurrentModificationException(
            f"Replication of user pool {pool.id} is not complete."
        )


def _moment(value: object) -> float:
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    raise InvalidParameterException("RestoreTimestamp is not a valid timestamp.")


@operation("InitiatePointInTimeRecovery")
def initiate_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    now = clock.now()
    moment = _moment(params["RestoreTimestamp"])
    _check_point(pool, moment, now)
    _check_quiet(ctx, pool, now)
    _check_limits(ctx, pool, now)
    return _describe(recovery.initiate(pool, moment, now), now)


@operation("DescribePointInTimeRecovery")
def describe_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return _describe(_restoration(pool, params["RestoreId"]), clock.now())


@operation("StartPointInTimeRecovery")
def start_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    restoration = _restoration(pool, params["RestoreId"])
    now = clock.now()
    recovery.start(restoration, now)
    return _describe(restoration, now)


@operation("CancelPointInTimeRecovery")
def cancel_point_in_time_recovery(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    restoration = _restoration(pool, params["RestoreId"])
    now = clock.now()
    recovery.cancel(restoration, now)
    return _describe(restoration, now)


@operation("ListPointInTimeRecoveries")
def list_point_in_time_recoveries(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    now = clock.now()
    newest_first = list(reversed(pool.restorations.values()))
    found, token = page(
        newest_first,
        lambda r: r.id,
        params.get("NextToken"),
        params.get("MaxResults", DEFAULT_PAGE),
    )
    out: Params = {
        "Restorations": [
            {
                "RestoreId": r.id,
                "RestoreStatus": r.status(now),
                "RestoreTimestamp": timestamp(r.restore_time),
            }
            for r in found
        ]
    }
    if token:
        out["NextToken"] = token
    return out
