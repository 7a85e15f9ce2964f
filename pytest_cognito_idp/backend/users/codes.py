"""One-time codes: real, random, 6 digits, one live code per user and purpose, with an expiry.

Issuing again replaces the code (a resend invalidates the previous one). Expiry is read from
``clock.now()`` at check time, so moving the test's clock expires codes.
"""

from __future__ import annotations

import hmac
import secrets

from ... import clock
from ...errors import CodeMismatchException, ExpiredCodeException
from ..model.users import User

# Purposes, and how long their codes live (the service's limits page).
SIGN_UP = "SignUp"
FORGOT_PASSWORD = "ForgotPassword"
SIGN_UP_TTL = 24 * 3600
ATTRIBUTE_TTL = 24 * 3600
FORGOT_PASSWORD_TTL = 3600

MISMATCH = "Invalid verification code provided, please try again."
EXPIRED = "Invalid code provided, please request a code again."


def verify_attribute(attribute: str) -> str:
    """The purpose of a code that verifies ``attribute`` (``email`` or ``phone_number``)."""
    return f"VerifyUserAttribute:{attribute}"


def issue(user: User, purpose: str, ttl_seconds: float) -> str:
    """A new random 6-digit code for ``purpose``, replacing any earlier one."""
    code = f"{secrets.randbelow(1_000_000):06d}"
    user.codes[purpose] = (code, clock.now() + ttl_seconds)
    return code


def check(user: User, purpose: str, code: str, consume: bool = True) -> None:
    """Accept ``code`` or raise CodeMismatchException / ExpiredCodeException.

    No live code (never issued, already used, or expired) is ExpiredCodeException, as the
    service answers ConfirmForgotPassword when no code was requested. A right code is used up
    unless ``consume`` is false.
    """
    pending = user.codes.get(purpose)
    if pending is None:
        raise ExpiredCodeException(EXPIRED)
    expected, expires_at = pending
    if clock.now() >= expires_at:
        raise ExpiredCodeException(EXPIRED)
    if not hmac.compare_digest(expected.encode(), code.encode()):
        raise CodeMismatchException(MISMATCH)
    if consume:
        del user.codes[purpose]


def discard(user: User, purpose: str) -> None:
    user.codes.pop(purpose, None)
