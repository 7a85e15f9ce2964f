"""Point-in-time recovery of a pool's user data: the history that makes it possible, and the
recoveries (``Restoration``) that walk through their statuses as the clock moves.

History. A pool on the Essentials or Plus plan keeps an undo log: before a write operation
changes a user or a group it names, the record as it was is copied into the log, stamped with
the time of the change (copy-on-write: one copy per change, of the changed record only). Users
and groups created after a point are recognised by their creation date, so creating needs no
copy. Entries older than the longest recovery period (14 days) are dropped as new ones arrive.
The state of a record at time T is the copy taken by its first change after T, or the record
itself if it has not changed since.

Timeline of a recovery (AWS publishes no durations; these are plausible):

* ``PREVIEW_GENERATING`` for ``PREVIEW_SECONDS`` after InitiatePointInTimeRecovery, then
  ``PREVIEW_GENERATED``; ``PREVIEW_EXPIRED`` 24 hours after the start if neither started nor
  cancelled. CancelPointInTimeRecovery: ``PREVIEW_CANCELLED``.
* StartPointInTimeRecovery: ``RESTORING`` for ``RESTORE_SECONDS``, then ``RESTORE_COMPLETED``;
  the user data changes at that moment (applied by the first call after it).
* From the start until it ends, writes to the pool are paused (operations/_gates.py). Since
  nothing can change meanwhile, the plan and its preview are computed at the start.
"""

from __future__ import annotations

import collections
from typing import (
    TYPE_CHECKING,
    Any,
    Deque,
    Dict,
    Iterable,
    List,
    NamedTuple,
    Optional,
    Set,
    Tuple,
    Union,
)

import attrs

from ... import clock
from ...errors import InvalidParameterException
from ..core import ids
from ..core.pending import Pending
from ..model.groups import Group
from ..model.users import User
from ..users import directory

if TYPE_CHECKING:
    from ..model.pools import UserPool

PREVIEW_SECONDS = 60.0
RESTORE_SECONDS = 120.0
PREVIEW_LIFETIME = 24 * 3600.0
MINIMUM_AGE = 15 * 60.0  # the recovery point must be at least 15 minutes old (documented)
DAY = 24 * 3600.0
# How far back each feature plan can recover (documented); Lite keeps no history.
RECOVERY_PERIOD = {"ESSENTIALS": DAY, "PLUS": 14 * DAY}
LONGEST_PERIOD = max(RECOVERY_PERIOD.values())

ACTIVE = ("PREVIEW_GENERATING", "PREVIEW_GENERATED", "RESTORING")
ENTITIES = ("Users", "Groups", "User MFAs", "Passkeys")


def tier_of(pool: UserPool) -> str:
    return pool.tier


# -- history ----------------------------------------------------------------------------------


class Change(NamedTuple):
    """One undo-log entry: ``before`` is the record as it was just before the change at ``at``
    (a copy), None if it did not exist."""

    at: float
    kind: str  # "user" or "group"
    key: str  # the user key (``UserPool.user_key``) or the group name
    before: Optional[object]


@attrs.define(eq=False)
class History:
    changes: Deque[Change] = attrs.field(factory=collections.deque)
    # The pool's feature plan over time: (since, tier), oldest first.
    tiers: List[Tuple[float, str]] = attrs.field(factory=list)

    def record(self, change: Change) -> None:
        changes = self.changes
        changes.append(change)
        cutoff = change.at - LONGEST_PERIOD
        while changes[0].at < cutoff:
            changes.popleft()

    def note_tier(self, tier: str, now: float) -> None:
        if not self.tiers or self.tiers[-1][1] != tier:
            self.tiers.append((now, tier))

    def tiers_since(self, moment: float) -> List[str]:
        """Every plan the pool was on from ``moment`` until now."""
        out = [tier for since, tier in self.tiers if since > moment]
        earlier = [tier for since, tier in self.tiers if since <= moment]
        return earlier[-1:] + out


def history_of(pool: UserPool) -> Optional[History]:
    """The pool's history, started on first need while its plan can recover (None on Lite)."""
    if pool.history is None and tier_of(pool) in RECOVERY_PERIOD:
        pool.history = History()
        pool.history.note_tier(tier_of(pool), pool.created)
    return pool.history


class UserRecord(NamedTuple):
    """The restorable part of a user (profile, groups, password, MFA, passkeys), copied. A
    tuple, not a ``User``: one is made for every write to a user, and tuples are cheap."""

    username: str
    sub: str
    created: float
    last_modified: float
    status: str
    enabled: bool
    attributes: Dict[str, str]
    password: Optional[str]
    password_set_at: float
    password_history: List[str]
    groups: Set[str]
    mfa_preferred: Optional[str]
    mfa_enabled: Set[str]
    totp_secret: Optional[str]
    sms_mfa_option: bool
    passkeys: Dict[str, Any]
    identities: List[Any]


def record_of(user: Union[User, UserRecord]) -> UserRecord:
    return UserRecord(
        user.username,
        user.sub,
        user.created,
        user.last_modified,
        user.status,
        user.enabled,
        dict(user.attributes),
        user.password,
        user.password_set_at,
        list(user.password_history),
        set(user.groups),
        user.mfa_preferred,
        set(user.mfa_enabled),
        user.totp_secret,
        user.sms_mfa_option,
        dict(user.passkeys),
        list(user.identities),
    )


def user_from(record: UserRecord) -> User:
    return User(**record_of(record)._asdict())


def copy_group(group: Group) -> Group:
    return attrs.evolve(group, members=dict(group.members))


# -- planning ---------------------------------------------------------------------------------


@attrs.define
class Plan:
    """What a recovery to ``moment`` changes: each differing record's state at ``moment``
    (None: it did not exist then), and the preview counts by entity."""

    moment: float
    users: Dict[str, Optional[UserRecord]]
    groups: Dict[str, Optional[Group]]
    preview: Dict[str, List[int]]  # entity -> [create, update, delete]


def plan(pool: UserPool, history: History, moment: float) -> Plan:
    users: Dict[str, Optional[UserRecord]] = {}
    groups: Dict[str, Optional[Group]] = {}
    for change in history.changes:
        if change.at <= moment:
            continue
        before = change.before
        if isinstance(before, UserRecord) and change.key not in users:
            users[change.key] = before if before.created <= moment else None
        elif isinstance(before, Group) and change.key not in groups:
            groups[change.key] = before if before.created <= moment else None
    for key, user in pool.users.items():
        if user.created > moment:
            users.setdefault(key, None)
    for name, group in pool.groups.items():
        if group.created > moment:
            groups.setdefault(name, None)
    preview = {entity: [0, 0, 0] for entity in ENTITIES}
    for key, then in users.items():
        now_user = pool.users.get(key)
        _count(
            preview["Users"],
            then is not None,
            now_user is not None,
            _profile_differs(then, now_user),
        )
        _count(
            preview["User MFAs"],
            then is not None and _has_mfa(then),
            now_user is not None and _has_mfa(now_user),
            _mfa(then) != _mfa(now_user),
        )
        before_keys = dict(then.passkeys) if then is not None else {}
        after_keys = dict(now_user.passkeys) if now_user is not None else {}
        counts = preview["Passkeys"]
        counts[0] += len(before_keys.keys() - after_keys.keys())
        counts[2] += len(after_keys.keys() - before_keys.keys())
        counts[1] += sum(
            1 for k in before_keys.keys() & after_keys.keys() if before_keys[k] != after_keys[k]
        )
    for name, then_group in groups.items():
        now_group = pool.groups.get(name)
        _count(
            preview["Groups"],
            then_group is not None,
            now_group is not None,
            _definition(then_group) != _definition(now_group),
        )
    return Plan(moment, users, groups, preview)


def _count(counts: List[int], then: bool, now: bool, differs: bool) -> None:
    if then and not now:
        counts[0] += 1
    elif now and not then:
        counts[2] += 1
    elif then and now and differs:
        counts[1] += 1


def _profile_differs(then: Optional[UserRecord], now: Optional[User]) -> bool:
    if then is None or now is None:
        return (then is None) != (now is None)
    return (then.attributes, then.status, then.enabled, then.groups) != (
        now.attributes,
        now.status,
        now.enabled,
        now.groups,
    )


def _has_mfa(user: Union[User, UserRecord]) -> bool:
    return bool(user.mfa_enabled or user.totp_secret or user.sms_mfa_option or user.mfa_preferred)


def _mfa(user: Union[User, UserRecord, None]) -> object:
    if user is None:
        return None
    return (user.mfa_preferred, user.mfa_enabled, user.totp_secret, user.sms_mfa_option)


def _definition(group: Optional[Group]) -> object:
    if group is None:
        return None
    return (group.description, group.role_arn, group.precedence)


# -- applying ---------------------------------------------------------------------------------


def apply(pool: UserPool, recovery: Plan) -> None:
    """Put the planned records back as they were at the recovery point."""
    for name, then_group in recovery.groups.items():
        current = pool.groups.get(name)
        if then_group is None:
            if current is not None:
                for key in current.members:
                    member = pool.users.get(key)
                    if member is not None:
                        member.groups.discard(name)
                del pool.groups[name]
        elif current is None:
            pool.groups[name] = attrs.evolve(then_group, members={})
        else:
            current.description = then_group.description
            current.role_arn = then_group.role_arn
            current.precedence = then_group.precedence
    for key, then in recovery.users.items():
        present = pool.users.get(key)
        if present is not None:
            directory.remove_user(pool, present)
        if then is not None:
            restored = user_from(then)
            if present is not None:
                _keep_current(restored, present, recovery.moment)
            directory.add_user(pool, restored)
            restored.groups = {name for name in restored.groups if name in pool.groups}
            for name in restored.groups:
                pool.groups[name].members[key] = None
    # A group put back gets the members it had, among the users there are now.
    for name, then_group in recovery.groups.items():
        if then_group is not None:
            for key in then_group.members:
                member = pool.users.get(key)
                if member is not None and key not in recovery.users:
                    member.groups.add(name)
                    pool.groups[name].members[key] = None


def _keep_current(restored: User, current: User, moment: float) -> None:
    """What a recovery leaves as it is: sign-in state, devices, and a password set after the
    recovery point (documented: those users keep their current password)."""
    restored.tokens = current.tokens
    restored.devices = current.devices
    restored.auth_events = current.auth_events
    restored.codes = current.codes
    restored.failed_sign_ins = current.failed_sign_ins
    restored.locked_until = current.locked_until
    restored.last_failed_at = current.last_failed_at
    if current.password_set_at > moment:
        restored.password = current.password
        restored.password_set_at = current.password_set_at
        restored.password_history = list(current.password_history)
        if restored.status in ("FORCE_CHANGE_PASSWORD", "RESET_REQUIRED"):
            restored.status = current.status


# -- recoveries -------------------------------------------------------------------------------


@attrs.define(eq=False)
class Restoration:
    id: str
    pool_id: str
    restore_time: float
    initiated: float
    plan: Plan
    # The pool it recovers, for applying it when its time comes.
    pool: UserPool = attrs.field(repr=False)
    started: Optional[float] = None
    cancelled: Optional[float] = None
    applied: bool = False

    @property
    def trigger_time(self) -> float:
        # The end of the reverted period: writes are paused from the moment of initiation.
        return self.initiated

    def status(self, now: float) -> str:
        if self.cancelled is not None:
            return "PREVIEW_CANCELLED"
        if self.started is not None:
            return "RESTORING" if now < self.started + RESTORE_SECONDS else "RESTORE_COMPLETED"
        if now >= self.initiated + PREVIEW_LIFETIME:
            return "PREVIEW_EXPIRED"
        if now < self.initiated + PREVIEW_SECONDS:
            return "PREVIEW_GENERATING"
        return "PREVIEW_GENERATED"

    def active(self, now: float) -> bool:
        return self.status(now) in ACTIVE

    def completed_at(self) -> Optional[float]:
        return None if self.started is None else self.started + RESTORE_SECONDS

    def preview(self, now: float) -> Optional[Dict[str, List[int]]]:
        """The preview counts once generated (discarded by a cancel or expiry)."""
        if self.status(now) in ("PREVIEW_GENERATED", "RESTORING", "RESTORE_COMPLETED"):
            return self.plan.preview
        return None

    def settle(self, now: float) -> bool:
        """Apply the recovery if its time has come; True once it has been applied."""
        if not self.applied and self.status(now) == "RESTORE_COMPLETED":
            self.applied = True
            apply(self.pool, self.plan)
        return self.applied


def active_restoration(pool: UserPool, now: float) -> Optional[Restoration]:
    for restoration in reversed(list(pool.restorations.values())):
        if restoration.active(now):
            return restoration
    return None


def restorations_of(pools: Iterable[UserPool]) -> Iterable[Restoration]:
    for pool in pools:
        yield from pool.restorations.values()


# Started recoveries not yet applied, across fakes; settled before each call.
started_restorations: Pending[Restoration] = Pending()


def initiate(pool: UserPool, moment: float, now: float) -> Restoration:
    """InitiatePointInTimeRecovery (the caller checked the point and the pool's state): a new
    recovery of ``pool`` to ``moment``, generating its preview."""
    history = history_of(pool)
    assert history is not None
    restoration = Restoration(
        id=ids.uuid4(),
        pool_id=pool.id,
        restore_time=moment,
        initiated=now,
        plan=plan(pool, history, moment),
        pool=pool,
    )
    pool.restorations[restoration.id] = restoration
    return restoration


def _in_status(restoration: Restoration, now: float, allowed: Tuple[str, ...], verb: str) -> None:
    status = restoration.status(now)
    if status not in allowed:
        raise InvalidParameterException(
            f"Point-in-time recovery {restoration.id} cannot be {verb} in status {status}."
        )


def start(restoration: Restoration, now: float) -> None:
    """StartPointInTimeRecovery: a generated preview starts restoring."""
    _in_status(restoration, now, ("PREVIEW_GENERATED",), "started")
    restoration.started = now
    started_restorations.add(restoration)


def cancel(restoration: Restoration, now: float) -> None:
    """CancelPointInTimeRecovery, before it starts."""
    _in_status(restoration, now, ("PREVIEW_GENERATING", "PREVIEW_GENERATED"), "cancelled")
    restoration.cancelled = now


def settle_restorations() -> None:
    """Apply every started recovery whose time has come."""
    if started_restorations:
        now = clock.now()
        for restoration in started_restorations.alive():
            if restoration.settle(now):
                started_restorations.discard(restoration)
