"""Per-user hourly caps on the operations that send or check codes and change passwords.

The service allows each user only so many of these an hour (developer guide, quotas: "per-user
caps") and answers ``LimitExceededException`` past that. Every attempt counts, right or wrong,
as that is what the caps are for: guessing codes and passwords.
"""

from __future__ import annotations

import bisect

from ...errors import LimitExceededException
from ..model.users import User

HOUR = 3600.0
PER_USER_PER_HOUR = {
    "ResendConfirmationCode": 5,
    "ConfirmSignUp": 15,
    "ChangePassword": 5,
    "GetUserAttributeVerificationCode": 5,
    # The guide gives 5 to 20 an hour; the upper figure spares tests that retry a few times.
    "ConfirmForgotPassword": 20,
}
EXCEEDED = "Attempt limit exceeded, please try after some time."


def attempt(user: User, operation: str, now: float) -> None:
    """Count one ``operation`` by ``user`` at ``now``; refuse it past the hourly cap."""
    if user.attempts is None:
        user.attempts = {}
    times = user.attempts.setdefault(operation, [])
    del times[: bisect.bisect_right(times, now - HOUR)]
    if len(times) >= PER_USER_PER_HOUR[operation]:
        raise LimitExceededException(EXCEEDED)
    times.append(now)
