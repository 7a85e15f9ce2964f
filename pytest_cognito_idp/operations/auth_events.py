"""Threat protection's user history: AdminListUserAuthEvents, AdminUpdateAuthEventFeedback,
UpdateAuthEventFeedback.

All three need the pool's threat protection on (``UserPoolAddOns.AdvancedSecurityMode`` AUDIT
or ENFORCED), else UserPoolAddOnNotEnabledException (observed for AdminListUserAuthEvents; the
message is unconfirmed).
"""

from __future__ import annotations

from typing import Tuple

from .. import clock
from .._wire import timestamp
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.signin import auth_events, threat_protection
from ..backend.signin.auth_events import AuthEvent
from ..backend.users import directory
from ..errors import (
    ResourceNotFoundException,
    UserPoolAddOnNotEnabledException,
)
from . import Context, Params, Result, operation
from ._paging import page

DEFAULT_PAGE = 60  # documented: MaxResults 0 or omitted returns 60 events


def _pool_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    pool = ctx.pool(params)
    if not threat_protection.threat_protection_on(pool):
        raise UserPoolAddOnNotEnabledException(
            f"Threat protection is not enabled for user pool {pool.id}."
        )
    return pool, directory.get(pool, params["Username"])


def _event(user: User, event_id: str) -> AuthEvent:
    found = auth_events.find(user, event_id)
    if found is None:
        raise ResourceNotFoundException(f"Auth event {event_id} does not exist.")  # unconfirmed
    return found


def _describe(event: AuthEvent) -> Params:
    out: Params = {
        "EventId": event.id,
        "EventType": event.type,
        "CreationDate": timestamp(event.created),
        "EventResponse": event.response,
        # The fake rates no sign-in as risky.
        "EventRisk": {"RiskDecision": "NoRisk", "CompromisedCredentialsDetected": False},
        "ChallengeResponses": [
            {"ChallengeName": name, "ChallengeResponse": outcome}
            for name, outcome in event.challenges
        ],
    }
    if event.feedback is not None:
        out["EventFeedback"] = {
            "FeedbackValue": event.feedback.value,
            "Provider": event.feedback.provider,
            "FeedbackDate": timestamp(event.feedback.at),
        }
    return out


@operation("AdminListUserAuthEvents")
def admin_list_user_auth_events(ctx: Context, params: Params) -> Result:
    _, user = _pool_user(ctx, params)
    newest_first = list(reversed(user.auth_events))
    limit = params.get("MaxResults") or DEFAULT_PAGE
    found, token = page(newest_first, lambda e: e.id, params.get("NextToken"), limit)
    out: Params = {"AuthEvents": [_describe(e) for e in found]}
    if token:
        out["NextToken"] = token
    return out


@operation("AdminUpdateAuthEventFeedback")
def admin_update_auth_event_feedback(ctx: Context, params: Params) -> Result:
    _, user = _pool_user(ctx, params)
    event = _event(user, params["EventId"])
    auth_events.give_feedback(event, params["FeedbackValue"], clock.now())
    return {}


@operation("UpdateAuthEventFeedback")
def update_auth_event_feedback(ctx: Context, params: Params) -> Result:
    _, user = _pool_user(ctx, params)
    event = _event(user, params["EventId"])
    auth_events.give_feedback(event, params["FeedbackValue"], clock.now(), params["FeedbackToken"])
    return {}
