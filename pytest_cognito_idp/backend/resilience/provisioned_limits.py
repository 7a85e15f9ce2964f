"""Provisioned request-rate limits: the rate an account pays for above the free rate of an API
category, per region (GetProvisionedLimit, UpdateProvisionedLimit).

The fake does not throttle; it keeps the provisioned rates so that code managing them can be
tested. The free rates are the documented defaults (fact sheet, section 8).
"""

from __future__ import annotations

from typing import Dict, Iterable, Optional

from ...errors import InvalidParameterException, ServiceQuotaExceededException
from ..model.pools import UserPool

# Requests per second included at no cost, by category.
FREE_LIMITS: Dict[str, int] = {
    "UserAuthentication": 120,
    "UserCreation": 50,
    "UserFederation": 25,  # not in the fact sheet; the documented default as recalled (unconfirmed)
    "UserAccountRecovery": 30,
    "UserRead": 120,
    "UserUpdate": 25,
    "UserToken": 120,
    "UserResourceRead": 50,
    "UserResourceUpdate": 25,
    "UserList": 30,
    "UserPoolRead": 15,
    "UserPoolUpdate": 15,
    "UserPoolResourceRead": 20,
    "UserPoolResourceUpdate": 15,
    "UserPoolClientRead": 15,
    "UserPoolClientUpdate": 15,
}
# The categories whose rate can be bought (the "User..." ones, as AWS announced provisioned
# capacity for user operations; the exact list is unconfirmed).
ADJUSTABLE = frozenset(c for c in FREE_LIMITS if not c.startswith("UserPool"))
# The account-level maximum in Service Quotas is per account and unpublished: ten times the
# free rate stands for it (unconfirmed).
MAXIMUM_FACTOR = 10
# Categories managed login pools cannot raise through this API (documented).
NOT_FOR_MANAGED_LOGIN = frozenset({"UserAuthentication", "UserFederation"})


def check_category(category: Optional[str], other_attributes: bool) -> str:
    """The API category a ``LimitDefinition`` names (``other_attributes``: it names more)."""
    if category is None:
        raise InvalidParameterException("LimitDefinition attributes must include Category.")
    if category not in FREE_LIMITS or other_attributes:
        raise InvalidParameterException(f"Invalid limit definition: unknown category {category}.")
    return category


def provisioned(limits: Dict[str, int], category: str) -> int:
    """The rate enforced for ``category``: what was provisioned, else the free rate."""
    return limits.get(category, FREE_LIMITS[category])


def maximum(category: str) -> int:
    return FREE_LIMITS[category] * MAXIMUM_FACTOR


def update(limits: Dict[str, int], category: str, value: int, pools: Iterable[UserPool]) -> None:
    """Provision ``value`` requests per second for ``category``; the messages are unconfirmed."""
    free = FREE_LIMITS[category]
    if category not in ADJUSTABLE:
        raise InvalidParameterException(f"The limit for category {category} is not adjustable.")
    if category in NOT_FOR_MANAGED_LOGIN and any(_managed_login(p) for p in pools):
        raise InvalidParameterException(
            f"The {category} limit cannot be adjusted for user pools with managed login. "
            "Submit a Service Quotas increase request instead."
        )
    if value < free:
        raise InvalidParameterException(
            f"RequestedLimitValue must be at least the default limit of {free} for {category}."
        )
    if value > maximum(category):
        raise ServiceQuotaExceededException(
            f"RequestedLimitValue exceeds the maximum limit of {maximum(category)} for "
            f"{category} in this account."
        )
    if value == free:
        limits.pop(category, None)
    else:
        limits[category] = value


def _managed_login(pool: UserPool) -> bool:
    return any(
        d is not None and d.managed_login_version == 2
        for d in (pool.prefix_domain, pool.custom_domain)
    )
