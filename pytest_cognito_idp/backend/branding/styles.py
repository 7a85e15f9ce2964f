"""Branding of the pool's sign-in pages: hosted UI (classic) customization per app client, and
managed login styles (one per app client).

The service stores the CSS, images and style settings and serves them on its domain; the fake
keeps them and echoes them as the API does. Images stay in the base64 form they came in.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

import attrs

from ...errors import ManagedLoginBrandingExistsException, ResourceNotFoundException
from ..core import ids

if TYPE_CHECKING:
    from ..model.pools import UserPool

# The hosted UI serves customization images from a CloudFront distribution, observed URL shape:
# https://<distribution>.cloudfront.net/<pool id>/<client id or ALL>/<version>/assets/images/
# image.jpg
IMAGE_HOST = "https://d3oia8etllorh5.cloudfront.net"
ALL_CLIENTS = "ALL"


def hosting_domain(pool: UserPool) -> Optional[str]:
    """The host name the pool's sign-in pages are served on: its custom domain, else its prefix
    domain (backend/oauth/domains.py); None without a domain."""
    if pool.custom_domain is not None:
        return pool.custom_domain.domain
    if pool.prefix_domain is not None:
        return f"{pool.prefix_domain.domain}.auth.{pool.region}.amazoncognito.com"
    return None


@attrs.define
class UICustomization:
    client_id: str  # an app client ID, or "ALL" for the pool's default
    created: float
    last_modified: float
    css: Optional[str] = None
    image: Optional[str] = None  # base64, as sent
    css_version: str = ""


def css_version(now: float) -> str:
    """The version stamp the service gives each customization: its UTC time, to the second."""
    return time.strftime("%Y%m%d%H%M%S", time.gmtime(now))


def image_url(pool_id: str, ui: UICustomization) -> Optional[str]:
    if ui.image is None:
        return None
    return f"{IMAGE_HOST}/{pool_id}/{ui.client_id}/{ui.css_version}/assets/images/image.jpg"


def set_ui_customization(
    pool: UserPool,
    client_id: str,
    css: Optional[str],
    image: Optional[str],
    now: float,
) -> UICustomization:
    """SetUICustomization replaces the CSS and image of ``client_id`` (what is omitted goes)."""
    existing = pool.ui_customizations.get(client_id)
    created = existing.created if existing is not None else now
    ui = UICustomization(client_id, created, now, css, image, css_version(now))
    pool.ui_customizations[client_id] = ui
    return ui


def effective_ui(
    customizations: Dict[str, UICustomization], client_id: Optional[str]
) -> Optional[UICustomization]:
    """A client's own customization, else the pool's default."""
    if client_id is not None and client_id in customizations:
        return customizations[client_id]
    return customizations.get(ALL_CLIENTS)


# -- managed login ---------------------------------------------------------------------------------

AssetKey = Tuple[str, str]  # (Category, ColorMode): one asset of each per style


@attrs.define
class ManagedLoginBranding:
    id: str
    client_id: str
    created: float
    last_modified: float
    use_cognito_provided_values: bool = False
    settings: Dict[str, Any] = attrs.field(factory=dict)
    # The Assets as given, one per (Category, ColorMode), in the order they came.
    assets: Dict[AssetKey, Dict[str, Any]] = attrs.field(factory=dict)


def merge_settings(base: Dict[str, Any], given: Dict[str, Any]) -> Dict[str, Any]:
    """``given`` over ``base``, object by object: a style update keeps what it does not name."""
    out = dict(base)
    for key, value in given.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge_settings(out[key], value)
        else:
            out[key] = value
    return out


def apply_style(
    branding: ManagedLoginBranding,
    use_cognito_provided_values: bool,
    settings: Optional[Dict[str, Any]],
    assets: Optional[List[Tuple[AssetKey, Dict[str, Any]]]],
    now: float,
) -> None:
    """Create or update a style: Cognito's values reset it; otherwise settings merge in and each
    given asset (with its key) replaces the one of its category and color mode."""
    if use_cognito_provided_values:
        branding.use_cognito_provided_values = True
        branding.settings = {}
        branding.assets = {}
    else:
        branding.use_cognito_provided_values = False
        if settings is not None:
            branding.settings = merge_settings(branding.settings, settings)
        for key, asset in assets or []:
            branding.assets[key] = dict(asset)
    branding.last_modified = now


def by_client(
    brandings: Dict[str, ManagedLoginBranding], client_id: str
) -> Optional[ManagedLoginBranding]:
    for branding in brandings.values():
        if branding.client_id == client_id:
            return branding
    return None


def find_style(pool: UserPool, branding_id: Optional[str]) -> ManagedLoginBranding:
    found = pool.brandings.get(branding_id or "")
    if found is None or found.client_id not in pool.clients:
        # The service's wording is unconfirmed.
        raise ResourceNotFoundException(f"Managed login branding {branding_id} does not exist.")
    return found


def create_style(
    pool: UserPool,
    client_id: str,
    use_cognito_provided_values: bool,
    settings: Optional[Dict[str, Any]],
    assets: Optional[List[Tuple[AssetKey, Dict[str, Any]]]],
    now: float,
) -> ManagedLoginBranding:
    """CreateManagedLoginBranding: an app client has at most one style."""
    if by_client(pool.brandings, client_id) is not None:
        raise ManagedLoginBrandingExistsException(
            f"Managed login branding already exists for client {client_id}."  # unconfirmed
        )
    style = ManagedLoginBranding(ids.uuid4(), client_id, now, now)
    apply_style(style, use_cognito_provided_values, settings, assets, now)
    pool.brandings[style.id] = style
    return style


def delete_style(pool: UserPool, style: ManagedLoginBranding) -> None:
    del pool.brandings[style.id]
