"""Attributes changed by an administrator: AdminUpdateUserAttributes, AdminDeleteUserAttributes."""

from __future__ import annotations

from ..backend.users import codes, delivery, directory
from . import Context, Params, Result, operation
from ._users import attributes_in, pool_user


@operation("AdminUpdateUserAttributes")
def admin_update_user_attributes(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    changed = directory.update_attributes(pool, user, attributes_in(params["UserAttributes"]))
    # A new email or phone number the pool auto-verifies gets a code, unless the same call
    # marked it verified.
    for attribute in changed:
        if attribute in pool.auto_verified_attributes and user.attributes.get(attribute):
            code = codes.issue(user, codes.verify_attribute(attribute), codes.ATTRIBUTE_TTL)
            delivery.send(ctx.backend, pool, user, delivery.UPDATE_USER_ATTRIBUTE, attribute, code)
    return {}


@operation("AdminDeleteUserAttributes")
def admin_delete_user_attributes(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    directory.delete_attributes(pool, user, params["UserAttributeNames"])
    return {}
