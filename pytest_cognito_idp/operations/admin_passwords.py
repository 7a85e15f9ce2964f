"""Passwords set by an administrator: AdminSetUserPassword, AdminResetUserPassword."""

from __future__ import annotations

from ..backend.users import codes, delivery, directory
from . import Context, Params, Result, operation
from ._users import pool_user


@operation("AdminSetUserPassword")
def admin_set_user_password(ctx: Context, params: Params) -> Result:
    pool, user = pool_user(ctx, params)
    directory.set_password(pool, user, params["Password"], bool(params.get("Permanent", False)))
    return {}


@operation("AdminResetUserPassword")
def admin_reset_user_password(ctx: Context, params: Params) -> Result:
    """The password stops working (sign-in answers PasswordResetRequiredException) until the user
    completes ConfirmForgotPassword; the code goes out only when the user has a verified
    email or phone number to send it to."""
    pool, user = pool_user(ctx, params)
    directory.set_status(pool, user, "RESET_REQUIRED")
    code = codes.issue(user, codes.FORGOT_PASSWORD, codes.FORGOT_PASSWORD_TTL)
    target = delivery.recovery_attribute(pool, user)
    if target is not None:
        delivery.send(ctx.backend, pool, user, delivery.FORGOT_PASSWORD, target, code)
    return {}
