"""Self-service password recovery (unsigned): ForgotPassword, ConfirmForgotPassword."""

from __future__ import annotations

from .. import clock
from ..backend.users import codes, delivery, directory, lifecycle_triggers, quotas
from ..errors import CodeMismatchException, InvalidParameterException, NotAuthorizedException
from . import Context, Params, Result, operation
from ._users import (
    app_client,
    client_user,
    delivery_details,
    hides_unknown_users,
    metadata,
    send_code,
)

NO_RECOVERY = (
    "Cannot reset password for the user as there is no registered/verified email or phone_number"
)


@operation("ForgotPassword")
def forgot_password(ctx: Context, params: Params) -> Result:
    client, pool = app_client(ctx, params)
    lifecycle_triggers.migrate_unknown(
        ctx.backend, pool, params["Username"], client.id, metadata(params)
    )
    user = client_user(client, pool, params["Username"])
    target = None if user is None else delivery.recovery_attribute(pool, user)
    if user is None or target is None or not user.enabled:
        # With PreventUserExistenceErrors the service answers an unknown, disabled or
        # unreachable user with a simulated delivery (cognito-user-pool-managing-errors).
        if hides_unknown_users(client):
            simulated = delivery.simulated(pool, params["Username"])
            return {"CodeDeliveryDetails": delivery_details(simulated)}
        if user is not None and not user.enabled:
            raise NotAuthorizedException("User is disabled.")
        raise InvalidParameterException(NO_RECOVERY)
    details = send_code(
        ctx,
        pool,
        user,
        codes.FORGOT_PASSWORD,
        codes.FORGOT_PASSWORD_TTL,
        delivery.FORGOT_PASSWORD,
        target,
        client.id,
        params,
    )
    return {"CodeDeliveryDetails": details}


@operation("ConfirmForgotPassword")
def confirm_forgot_password(ctx: Context, params: Params) -> Result:
    client, pool = app_client(ctx, params)
    user = client_user(client, pool, params["Username"])
    if user is None:
        raise CodeMismatchException(codes.MISMATCH)
    quotas.attempt(user, "ConfirmForgotPassword", clock.now())
    codes.check(user, codes.FORGOT_PASSWORD, params["ConfirmationCode"], consume=False)
    directory.set_password(pool, user, params["Password"], permanent=True)
    codes.discard(user, codes.FORGOT_PASSWORD)
    source = lifecycle_triggers.CONFIRM_FORGOT_PASSWORD
    client_metadata = metadata(params)
    lifecycle_triggers.post_confirmation(
        ctx.backend, pool, user, source, client.id, client_metadata
    )
    return {}
