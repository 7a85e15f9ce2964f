"""Log export: SetLogDeliveryConfiguration, GetLogDeliveryConfiguration.

The documented rules [AR:LogConfigurationType]: ``userNotification`` logs are ERROR-level and go
to CloudWatch Logs only; ``userAuthEvents`` logs (threat protection's user activity) are
INFO-level, go to CloudWatch Logs, Firehose or S3, and need the Plus feature plan. The fake
delivers no logs; it keeps and echoes the configuration. The error messages are unconfirmed.
"""

from __future__ import annotations

from typing import List

from ..backend.model import pools
from ..backend.model.pools import UserPool, require_tier
from ..errors import InvalidParameterException
from . import Context, Params, Result, operation

DESTINATIONS = ("CloudWatchLogsConfiguration", "S3Configuration", "FirehoseConfiguration")
RULES = {
    # event source: (log level, allowed destinations)
    "userNotification": ("ERROR", ("CloudWatchLogsConfiguration",)),
    "userAuthEvents": ("INFO", DESTINATIONS),
}


def _check(pool: UserPool, configurations: List[Params]) -> None:
    seen = set()
    for config in configurations:
        source = config["EventSource"]
        if source in seen:
            raise InvalidParameterException(f"Duplicate log configuration for {source}.")
        seen.add(source)
        level, allowed = RULES[source]
        if config["LogLevel"] != level:
            raise InvalidParameterException(f"EventSource {source} supports LogLevel {level} only.")
        given = [d for d in DESTINATIONS if config.get(d)]
        if len(given) != 1:
            raise InvalidParameterException(
                f"Exactly one log destination is required for EventSource {source}."
            )
        if given[0] not in allowed:
            raise InvalidParameterException(f"EventSource {source} does not support {given[0]}.")
        if source == "userAuthEvents":
            require_tier(pool.tier, "PLUS", "Exporting userAuthEvents logs")


def _describe(pool: UserPool) -> Params:
    return {
        "LogDeliveryConfiguration": {
            "UserPoolId": pool.id,
            "LogConfigurations": [dict(c) for c in pool.log_configurations],
        }
    }


@operation("SetLogDeliveryConfiguration")
def set_log_delivery_configuration(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    configurations = params["LogConfigurations"]
    _check(pool, configurations)
    pools.set_log_configurations(pool, configurations)
    return _describe(pool)


@operation("GetLogDeliveryConfiguration")
def get_log_delivery_configuration(ctx: Context, params: Params) -> Result:
    return _describe(ctx.pool(params))
