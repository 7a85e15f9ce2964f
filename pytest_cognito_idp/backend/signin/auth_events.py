"""Threat protection's user event history: one event per sign-in attempt, recorded only while
the pool's threat protection is on (AUDIT or ENFORCED), as in AWS.

The sign-in code calls ``record_sign_in``; AdminListUserAuthEvents lists the events and the two
feedback operations mark one valid or invalid. The fake rates no attempt as risky.
"""

from __future__ import annotations

import hmac
import secrets
from typing import TYPE_CHECKING, List, Optional, Tuple

import attrs

from ...errors import NotAuthorizedException
from ..core import ids
from .threat_protection import threat_protection_on

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..model.users import User

# How many events the service keeps per user is unconfirmed; the fake keeps the latest ones.
KEPT_PER_USER = 1000


@attrs.define
class Feedback:
    value: str  # Valid | Invalid
    provider: str  # who gave it: "Admin" (AdminUpdateAuthEventFeedback) or "User"
    at: float


@attrs.define
class AuthEvent:
    id: str
    type: str  # SignIn (the only type the fake records)
    created: float
    response: str  # Pass | Fail
    # (ChallengeName, ChallengeResponse): ("Password", "Success"), ("Mfa", "Failure")...
    challenges: List[Tuple[str, str]]
    # The token Cognito puts in the links of its notification emails, for UpdateAuthEventFeedback.
    feedback_token: str = attrs.field(factory=lambda: secrets.token_urlsafe(32))
    feedback: Optional[Feedback] = None


def record_sign_in(
    pool: UserPool, user: User, passed: bool, challenges: List[Tuple[str, str]], now: float
) -> Optional[AuthEvent]:
    """Note a sign-in attempt of ``user``; nothing happens while threat protection is off."""
    if not threat_protection_on(pool):
        return None
    event = AuthEvent(ids.uuid4(), "SignIn", now, "Pass" if passed else "Fail", challenges)
    user.auth_events.append(event)
    del user.auth_events[:-KEPT_PER_USER]
    return event


PASSWORD_STEPS = frozenset({"PASSWORD", "PASSWORD_VERIFIER", "NEW_PASSWORD_REQUIRED"})
MFA_STEPS = frozenset({"SMS_MFA", "SOFTWARE_TOKEN_MFA", "EMAIL_OTP", "MFA_SETUP"})


def challenges_of(history: List[Tuple[str, bool]]) -> List[Tuple[str, str]]:
    """A sign-in's steps in the event's words: ``Password`` and ``Mfa``, each once."""
    out: List[Tuple[str, str]] = []
    for step, ok in history:
        name = "Password" if step in PASSWORD_STEPS else "Mfa" if step in MFA_STEPS else None
        if name is not None and all(seen != name for seen, _ in out):
            out.append((name, "Success" if ok else "Failure"))
    return out


def find(user: User, event_id: str) -> Optional[AuthEvent]:
    for event in user.auth_events:
        if event.id == event_id:
            return event
    return None


def give_feedback(event: AuthEvent, value: str, now: float, token: Optional[str] = None) -> None:
    """Mark ``event`` Valid or Invalid: by an administrator (AdminUpdateAuthEventFeedback), or
    by the user with the ``token`` of Cognito's notification email (UpdateAuthEventFeedback)."""
    if token is not None and not hmac.compare_digest(event.feedback_token.encode(), token.encode()):
        raise NotAuthorizedException("Invalid feedback token.")  # unconfirmed wording
    event.feedback = Feedback(value, "Admin" if token is None else "User", now)
