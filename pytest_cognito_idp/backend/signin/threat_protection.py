"""Threat protection settings (SetRiskConfiguration): per pool, or per app client overriding the
pool's, and whether the pool's threat protection add-on is on.

The service stores the three parts as given and applies them to sign-ins it rates as risky; the
fake rates no sign-in as risky, so the parts are kept and echoed.
"""

from __future__ import annotations

import ipaddress
from typing import TYPE_CHECKING, Any, Dict, Iterable, Optional

import attrs

from ...errors import InvalidParameterException

if TYPE_CHECKING:
    from ..model.pools import UserPool

PARTS = (
    "CompromisedCredentialsRiskConfiguration",
    "AccountTakeoverRiskConfiguration",
    "RiskExceptionConfiguration",
)


@attrs.define
class RiskConfiguration:
    client_id: Optional[str]
    last_modified: float
    # The parts given (PARTS), as given.
    parts: Dict[str, Any] = attrs.field(factory=dict)


def security_mode(pool: UserPool) -> str:
    """``UserPoolAddOns.AdvancedSecurityMode``: OFF, AUDIT or ENFORCED."""
    return pool.config.advanced_security_mode


def threat_protection_on(pool: UserPool) -> bool:
    return security_mode(pool) in ("AUDIT", "ENFORCED")


def check_ip_ranges(ranges: Iterable[str]) -> None:
    """The allow- and denylists hold CIDR ranges (or single addresses)."""
    for value in ranges:
        try:
            ipaddress.ip_network(value, strict=False)
        except ValueError:
            # The service's wording is unconfirmed.
            raise InvalidParameterException(f"Invalid IP range: {value}") from None


def configure(
    pool: UserPool, client_id: Optional[str], parts: Dict[str, Any], now: float
) -> Optional[RiskConfiguration]:
    """SetRiskConfiguration: the pool's (``client_id`` None) or a client's parts, replaced.
    A client given no part inherits the pool's configuration again (documented); returns the
    configuration in force for it."""
    if client_id is not None and not parts:
        pool.risk_configurations.pop(client_id, None)
        return effective(pool, client_id)
    config = RiskConfiguration(client_id, now, parts)
    pool.risk_configurations[client_id] = config
    return config


def effective(pool: UserPool, client_id: Optional[str]) -> Optional[RiskConfiguration]:
    """A client's own configuration, else the pool's."""
    if client_id is not None and client_id in pool.risk_configurations:
        return pool.risk_configurations[client_id]
    return pool.risk_configurations.get(None)
