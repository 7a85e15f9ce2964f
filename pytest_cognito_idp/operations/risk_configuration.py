"""Threat protection settings: SetRiskConfiguration, DescribeRiskConfiguration.

Configuration is accepted whatever the pool's feature plan and add-on mode (observed: the plan
gates what threat protection does, not what can be configured).
"""

from __future__ import annotations

from typing import Optional

from .. import clock
from .._wire import timestamp
from ..backend.model.pools import UserPool
from ..backend.signin import threat_protection
from ..backend.signin.threat_protection import PARTS, RiskConfiguration
from . import Context, Params, Result, operation
from .clients import client_of


def _client(pool: UserPool, params: Params) -> Optional[str]:
    client_id = params.get("ClientId")
    if client_id is not None:
        client_of(pool, client_id)
    return client_id


def _describe(pool: UserPool, config: Optional[RiskConfiguration]) -> Params:
    out: Params = {"UserPoolId": pool.id}
    if config is None:
        return out
    if config.client_id is not None:
        out["ClientId"] = config.client_id
    out.update(config.parts)
    out["LastModifiedDate"] = timestamp(config.last_modified)
    return out


@operation("SetRiskConfiguration")
def set_risk_configuration(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client_id = _client(pool, params)
    exceptions = params.get("RiskExceptionConfiguration") or {}
    for name in ("BlockedIPRangeList", "SkippedIPRangeList"):
        threat_protection.check_ip_ranges(exceptions.get(name) or [])
    parts = {k: params[k] for k in PARTS if k in params}
    config = threat_protection.configure(pool, client_id, parts, clock.now())
    return {"RiskConfiguration": _describe(pool, config)}


@operation("DescribeRiskConfiguration")
def describe_risk_configuration(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client_id = _client(pool, params)
    return {"RiskConfiguration": _describe(pool, threat_protection.effective(pool, client_id))}
