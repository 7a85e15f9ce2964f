"""Managed login styles: CreateManagedLoginBranding, DescribeManagedLoginBranding,
DescribeManagedLoginBrandingByClient, UpdateManagedLoginBranding, DeleteManagedLoginBranding.

An app client has at most one style. ``UseCognitoProvidedValues`` stands for Cognito's default
style and excludes Settings and Assets. The fake has no copy of Cognito's default style, so
``ReturnMergedResources`` returns what was set.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from .. import clock
from .._wire import timestamp
from ..backend.branding import styles
from ..backend.branding.styles import AssetKey, ManagedLoginBranding
from ..backend.model.pools import UserPool
from ..errors import (
    InvalidParameterException,
    ResourceNotFoundException,
)
from . import Context, Params, Result, operation
from .clients import client_of


def _asset_key(asset: Params) -> AssetKey:
    return (asset["Category"], asset["ColorMode"])


def _assets(params: Params) -> Optional[List[Tuple[AssetKey, Params]]]:
    given: Optional[List[Params]] = params.get("Assets")
    return None if given is None else [(_asset_key(a), a) for a in given]


def _check_style(params: Params) -> None:
    """What a create or update may carry; the messages are unconfirmed."""
    assets: List[Dict[str, Any]] = params.get("Assets") or []
    if params.get("UseCognitoProvidedValues") and ("Settings" in params or assets):
        raise InvalidParameterException(
            "Settings and Assets cannot be provided when UseCognitoProvidedValues is true."
        )
    seen = set()
    for asset in assets:
        key = _asset_key(asset)
        if key in seen:
            raise InvalidParameterException(
                f"Duplicate asset for category {key[0]} and color mode {key[1]}."
            )
        seen.add(key)
        if asset.get("Bytes") is None and asset.get("ResourceId") is None:
            raise InvalidParameterException(
                f"Asset {key[0]} ({key[1]}) needs either Bytes or a ResourceId."
            )


def _describe(pool: UserPool, style: ManagedLoginBranding) -> Params:
    return {
        "ManagedLoginBranding": {
            "ManagedLoginBrandingId": style.id,
            "UserPoolId": pool.id,
            "UseCognitoProvidedValues": style.use_cognito_provided_values,
            "Settings": style.settings,
            "Assets": [dict(a) for a in style.assets.values()],
            "CreationDate": timestamp(style.created),
            "LastModifiedDate": timestamp(style.last_modified),
        }
    }


@operation("CreateManagedLoginBranding")
def create_managed_login_branding(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    _check_style(params)
    style = styles.create_style(
        pool,
        client.id,
        bool(params.get("UseCognitoProvidedValues")),
        params.get("Settings"),
        _assets(params),
        clock.now(),
    )
    return _describe(pool, style)


@operation("DescribeManagedLoginBranding")
def describe_managed_login_branding(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    return _describe(pool, styles.find_style(pool, params["ManagedLoginBrandingId"]))


@operation("DescribeManagedLoginBrandingByClient")
def describe_managed_login_branding_by_client(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client = client_of(pool, params["ClientId"])
    style = styles.by_client(pool.brandings, client.id)
    if style is None:
        raise ResourceNotFoundException(  # the wording is unconfirmed
            f"Managed login branding does not exist for client {client.id}."
        )
    return _describe(pool, style)


@operation("UpdateManagedLoginBranding")
def update_managed_login_branding(ctx: Context, params: Params) -> Result:
    # Both identifiers are optional in the model; without them there is nothing to update.
    pool = ctx.pool({"UserPoolId": params.get("UserPoolId", "")})
    style = styles.find_style(pool, params.get("ManagedLoginBrandingId"))
    _check_style(params)
    styles.apply_style(
        style,
        bool(params.get("UseCognitoProvidedValues")),
        params.get("Settings"),
        _assets(params),
        clock.now(),
    )
    return _describe(pool, style)


@operation("DeleteManagedLoginBranding")
def delete_managed_login_branding(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    styles.delete_style(pool, styles.find_style(pool, params["ManagedLoginBrandingId"]))
    return {}
