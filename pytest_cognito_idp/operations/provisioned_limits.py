"""Provisioned request-rate limits: GetProvisionedLimit, UpdateProvisionedLimit."""

from __future__ import annotations

from ..backend.resilience import provisioned_limits
from . import Context, Params, Result, operation


def _category(definition: Params) -> str:
    attributes: Params = definition["Attributes"]
    category = attributes.get("Category")
    return provisioned_limits.check_category(category, set(attributes) != {"Category"})


def _limit(ctx: Context, definition: Params) -> Result:
    category = _category(definition)
    return {
        "Limit": {
            "LimitDefinition": {
                "LimitClass": definition["LimitClass"],
                "Attributes": {"Category": category},
            },
            "ProvisionedLimitValue": provisioned_limits.provisioned(
                ctx.region.provisioned_limits, category
            ),
            "FreeLimitValue": provisioned_limits.FREE_LIMITS[category],
        }
    }


@operation("GetProvisionedLimit")
def get_provisioned_limit(ctx: Context, params: Params) -> Result:
    return _limit(ctx, params["LimitDefinition"])


@operation("UpdateProvisionedLimit")
def update_provisioned_limit(ctx: Context, params: Params) -> Result:
    definition = params["LimitDefinition"]
    category = _category(definition)
    provisioned_limits.update(
        ctx.region.provisioned_limits,
        category,
        params["RequestedLimitValue"],
        ctx.region.pools.values(),
    )
    return _limit(ctx, definition)
