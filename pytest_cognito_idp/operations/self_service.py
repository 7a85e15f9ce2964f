"""What a signed-in user does with their access token: GetUser, ChangePassword,
UpdateUserAttributes, DeleteUserAttributes, DeleteUser, GetUserAttributeVerificationCode,
VerifyUserAttribute."""

from __future__ import annotations

import hmac
from typing import Optional, Tuple

from .. import clock
from ..backend.model.attributes import check_client_writes
from ..backend.model.clients import AppClient
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.tokens import issuing
from ..backend.users import attribute_verification, directory, quotas
from ..errors import NotAuthorizedException
from . import Context, Params, Result, operation
from ._users import attributes_in, delivery_details, mfa_settings


def signed_in(ctx: Context, params: Params) -> Tuple[UserPool, User, Optional[AppClient]]:
    """The pool and user of the call's access token, and the app client it was issued to."""
    pool, user, claims = issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])
    return pool, user, pool.clients.get(str(claims.get("client_id")))


@operation("GetUser")
def get_user(ctx: Context, params: Params) -> Result:
    _, user, client = signed_in(ctx, params)
    # The access token lets the user read the attributes its app client may read; developer-only
    # attributes are for IAM-authorised (admin) operations only.
    readable = None if client is None or client.read_attributes is None else client.read_attributes
    out: Params = {
        "Username": user.username,
        "UserAttributes": [
            {"Name": name, "Value": value}
            for name, value in user.attributes.items()
            if not name.startswith("dev:")
            and (readable is None or name == "sub" or name in readable)
        ],
    }
    out.update(mfa_settings(user))
    return out


@operation("ChangePassword")
def change_password(ctx: Context, params: Params) -> Result:
    pool, user, _ = signed_in(ctx, params)
    quotas.attempt(user, "ChangePassword", clock.now())
    previous = params.get("PreviousPassword")
    # PreviousPassword may be left out only by a user without a password (passwordless sign-in);
    # the service's answer when it is missing for a user with one is unconfirmed.
    if user.password is not None and (
        previous is None or not hmac.compare_digest(previous.encode(), user.password.encode())
    ):
        raise NotAuthorizedException("Incorrect username or password.")
    directory.set_password(pool, user, params["ProposedPassword"], permanent=True)
    return {}


@operation("UpdateUserAttributes")
def update_user_attributes(ctx: Context, params: Params) -> Result:
    pool, user, client = signed_in(ctx, params)
    changes = attributes_in(params["UserAttributes"])
    if client is not None:
        check_client_writes(client.id, changes, client.write_attributes)
    deliveries = attribute_verification.update(
        ctx.backend,
        pool,
        user,
        changes,
        client_id=client.id if client else None,
        self_service=True,
    )
    if not deliveries:
        return {}
    return {"CodeDeliveryDetailsList": [delivery_details(d) for d in deliveries]}


@operation("DeleteUserAttributes")
def delete_user_attributes(ctx: Context, params: Params) -> Result:
    pool, user, client = signed_in(ctx, params)
    names = params["UserAttributeNames"]
    if client is not None:
        check_client_writes(client.id, names, client.write_attributes)
    attribute_verification.delete_attributes(pool, user, names)
    return {}


@operation("DeleteUser")
def delete_user(ctx: Context, params: Params) -> Result:
    pool, user, _ = signed_in(ctx, params)
    directory.remove_user(pool, user)
    return {}


@operation("GetUserAttributeVerificationCode")
def get_user_attribute_verification_code(ctx: Context, params: Params) -> Result:
    pool, user, client = signed_in(ctx, params)
    quotas.attempt(user, "GetUserAttributeVerificationCode", clock.now())
    sent = attribute_verification.send_code(
        ctx.backend, pool, user, params["AttributeName"], client_id=client.id if client else None
    )
    return {"CodeDeliveryDetails": delivery_details(sent)}


@operation("VerifyUserAttribute")
def verify_user_attribute(ctx: Context, params: Params) -> Result:
    pool, user, _ = signed_in(ctx, params)
    attribute_verification.verify(pool, user, params["AttributeName"], params["Code"])
    return {}
