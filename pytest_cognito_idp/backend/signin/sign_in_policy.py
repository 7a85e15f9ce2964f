"""A user pool's SignInPolicy: which first factors choice-based sign-in (USER_AUTH) may offer.

``Policies.SignInPolicy.AllowedFirstAuthFactors`` lists ``PASSWORD``, ``EMAIL_OTP``, ``SMS_OTP``
and ``WEB_AUTHN`` (the service model: 1 to 4 of them). ``PASSWORD`` must stay in the list (the
CDK's AllowedFirstAuthFactors: "password ... This must be true"), and anything beyond it needs the
Essentials tier or higher (SignInPolicyType: "your user pool must be in the Essentials tier or
higher"). A pool that sets no policy allows ``PASSWORD`` only.
"""

from __future__ import annotations

from typing import Any, List, Mapping, Optional

from ...errors import InvalidParameterException
from ..model.pools import UserPool, require_tier
from ..model.settings import Tier

PASSWORD = "PASSWORD"
PASSWORDLESS = ("EMAIL_OTP", "SMS_OTP", "WEB_AUTHN")
DEFAULT: List[str] = [PASSWORD]


def check(policy: Optional[Mapping[str, Any]], tier: Tier) -> None:
    """What CreateUserPool and UpdateUserPool accept as a SignInPolicy on a pool of ``tier``."""
    if policy is None:
        return
    factors = list(policy.get("AllowedFirstAuthFactors") or [])
    if PASSWORD not in factors:
        # The rule is documented; the service's wording is unconfirmed.
        raise InvalidParameterException("AllowedFirstAuthFactors must include PASSWORD.")
    extra = [f for f in factors if f != PASSWORD]
    if extra:
        # Documented: the Essentials tier or higher.
        require_tier(tier, "ESSENTIALS", f"Sign-in with {', '.join(extra)}")


def allowed(pool: UserPool) -> List[str]:
    """The first factors the pool allows."""
    return list(pool.config.first_auth_factors)


def allows_passwordless(pool: UserPool) -> bool:
    """Whether a user may sign up or be created without a password (an OTP factor is allowed)."""
    return any(f in ("EMAIL_OTP", "SMS_OTP") for f in allowed(pool))
