"""Linking external identities to users: AdminLinkProviderForUser, AdminDisableProviderForUser."""

from __future__ import annotations

from .. import clock
from ..backend.federation.identity_links import ProviderUser, disable, link
from . import Context, Params, Result, operation


def provider_user(given: Params) -> ProviderUser:
    return ProviderUser(
        given.get("ProviderName", ""),
        given.get("ProviderAttributeName", ""),
        given.get("ProviderAttributeValue", ""),
    )


@operation("AdminLinkProviderForUser")
def admin_link_provider_for_user(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    link(
        pool,
        provider_user(params["DestinationUser"]),
        provider_user(params["SourceUser"]),
        clock.now(),
    )
    return {}


@operation("AdminDisableProviderForUser")
def admin_disable_provider_for_user(ctx: Context, params: Params) -> Result:
    disable(ctx.pool(params), provider_user(params["User"]))
    return {}
