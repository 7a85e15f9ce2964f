"""Passkeys: StartWebAuthnRegistration, CompleteWebAuthnRegistration, ListWebAuthnCredentials,
DeleteWebAuthnCredential (all authorized by the user's access token)."""

from __future__ import annotations

from typing import Any, Dict, Tuple

from .. import clock
from .._wire import timestamp
from ..backend.branding import styles
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.signin import passkeys
from ..backend.tokens import issuing
from ..errors import InvalidParameterException
from . import Context, Params, Result, operation
from ._paging import page

DEFAULT_PAGE = 20


def _signed_in(ctx: Context, params: Params) -> Tuple[UserPool, User, Dict[str, Any]]:
    return issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])


@operation("StartWebAuthnRegistration")
def start_web_authn_registration(ctx: Context, params: Params) -> Result:
    pool, user, claims = _signed_in(ctx, params)
    options = passkeys.start(
        pool, user, str(claims["client_id"]), styles.hosting_domain(pool), clock.now()
    )
    return {"CredentialCreationOptions": options}


@operation("CompleteWebAuthnRegistration")
def complete_web_authn_registration(ctx: Context, params: Params) -> Result:
    pool, user, claims = _signed_in(ctx, params)
    # The pool may have turned passkeys off since the registration started.
    passkeys.relying_party(pool, styles.hosting_domain(pool))
    credential = params["Credential"]
    if not isinstance(credential, dict):
        raise InvalidParameterException("Invalid passkey credential: not a JSON object.")
    passkeys.complete(user, str(claims["client_id"]), credential, clock.now())
    return {}


@operation("ListWebAuthnCredentials")
def list_web_authn_credentials(ctx: Context, params: Params) -> Result:
    _, user, _ = _signed_in(ctx, params)
    limit = params.get("MaxResults") or DEFAULT_PAGE
    found, token = page(
        list(user.passkeys.values()), lambda p: p.id, params.get("NextToken"), limit
    )
    credentials = []
    for passkey in found:
        described: Params = {
            "CredentialId": passkey.id,
            "FriendlyCredentialName": passkey.friendly_name,
            "RelyingPartyId": passkey.relying_party_id,
            "AuthenticatorTransports": list(passkey.transports),
            "CreatedAt": timestamp(passkey.created),
        }
        if passkey.attachment is not None:
            described["AuthenticatorAttachment"] = passkey.attachment
        credentials.append(described)
    out: Params = {"Credentials": credentials}
    if token:
        out["NextToken"] = token
    return out


@operation("DeleteWebAuthnCredential")
def delete_web_authn_credential(ctx: Context, params: Params) -> Result:
    _, user, _ = _signed_in(ctx, params)
    passkeys.delete(user, params["CredentialId"])
    return {}
