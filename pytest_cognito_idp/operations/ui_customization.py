"""Hosted UI (classic) branding: SetUICustomization, GetUICustomization."""

from __future__ import annotations

from typing import Optional

from .. import clock
from .._wire import timestamp
from ..backend.branding import styles
from ..backend.branding.styles import ALL_CLIENTS, UICustomization
from ..backend.model.pools import UserPool
from ..errors import InvalidParameterException
from . import Context, Params, Result, operation
from .clients import client_of


def _checked_client(pool: UserPool, client_id: Optional[str]) -> Optional[str]:
    """The app client the call names (None or "ALL" for the pool), after the service's checks:
    the client exists, and the pool has a domain to serve the pages from."""
    if client_id is not None and client_id != ALL_CLIENTS:
        client_of(pool, client_id)
    if styles.hosting_domain(pool) is None:
        raise InvalidParameterException(
            "There has to be an existing domain associated with this user pool"
        )
    return None if client_id == ALL_CLIENTS else client_id


def _describe(pool: UserPool, ui: UICustomization) -> Params:
    out: Params = {"UserPoolId": pool.id, "ClientId": ui.client_id}
    url = styles.image_url(pool.id, ui)
    if url is not None:
        out["ImageUrl"] = url
    if ui.css is not None:
        out["CSS"] = ui.css
    out.update(
        CSSVersion=ui.css_version,
        LastModifiedDate=timestamp(ui.last_modified),
        CreationDate=timestamp(ui.created),
    )
    return out


@operation("SetUICustomization")
def set_ui_customization(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client_id = _checked_client(pool, params.get("ClientId")) or ALL_CLIENTS
    ui = styles.set_ui_customization(
        pool, client_id, params.get("CSS"), params.get("ImageFile"), clock.now()
    )
    return {"UICustomization": _describe(pool, ui)}


@operation("GetUICustomization")
def get_ui_customization(ctx: Context, params: Params) -> Result:
    pool = ctx.pool(params)
    client_id = _checked_client(pool, params.get("ClientId"))
    ui = styles.effective_ui(pool.ui_customizations, client_id)
    # Documented: an empty object when neither the client nor the pool has branding.
    return {"UICustomization": _describe(pool, ui) if ui is not None else {}}
