"""Self-service sign-up (unsigned): SignUp, ConfirmSignUp, ResendConfirmationCode."""

from __future__ import annotations

from .. import clock
from ..backend.model.attributes import check_client_writes
from ..backend.signin import passwordless, sign_in_policy
from ..backend.users import codes, delivery, directory, lifecycle_triggers, quotas
from ..errors import CodeMismatchException, InvalidParameterException, NotAuthorizedException
from . import Context, Params, Result, operation
from ._users import (
    app_client,
    attributes_in,
    client_user,
    delivery_details,
    metadata,
    send_code,
)


@operation("SignUp")
def sign_up(ctx: Context, params: Params) -> Result:
    client, pool = app_client(ctx, params)
    if (pool.settings.get("AdminCreateUserConfig") or {}).get("AllowAdminCreateUserOnly"):
        raise NotAuthorizedException("SignUp is not permitted for this user pool")
    attributes = attributes_in(params.get("UserAttributes"))
    check_client_writes(client.id, attributes, client.write_attributes)
    password = params.get("Password") or None  # a blank password is no password
    if password is None and not sign_in_policy.allows_passwordless(pool):
        # A password is optional only where passwordless sign-in is allowed (wording unconfirmed).
        raise InvalidParameterException("Password is required for this user pool.")
    # The PreSignUp trigger may refuse the sign-up, confirm the user and verify attributes.
    decision = lifecycle_triggers.pre_sign_up(
        ctx.backend,
        pool,
        lifecycle_triggers.PRE_SIGN_UP,
        params["Username"],
        attributes,
        client.id,
        metadata(params, "ValidationData"),
        metadata(params),
    )
    user = directory.create_user(
        pool,
        params["Username"],
        attributes,
        status=decision.status,
        exists_message="User already exists",
        password=password,
        self_service=True,
    )
    lifecycle_triggers.after_sign_up(ctx.backend, pool, user, decision, client.id, metadata(params))
    out: Params = {"UserConfirmed": decision.auto_confirm, "UserSub": user.sub}
    if client.allows("ALLOW_USER_AUTH"):
        # For ConfirmSignUp, to sign the user in right after (backend/signin/passwordless.py).
        out["Session"] = passwordless.sign_up_session(ctx.backend, pool, client, user)
    target = None if decision.auto_confirm else delivery.verification_attribute(pool, user)
    if target is not None:
        out["CodeDeliveryDetails"] = send_code(
            ctx,
            pool,
            user,
            codes.SIGN_UP,
            codes.SIGN_UP_TTL,
            delivery.SIGN_UP,
            target,
            client.id,
            params,
        )
    return out


@operation("ConfirmSignUp")
def confirm_sign_up(ctx: Context, params: Params) -> Result:
    client, pool = app_client(ctx, params)
    user = client_user(client, pool, params["Username"])
    if user is None:
        # PreventUserExistenceErrors: a code for nobody is a wrong code (unconfirmed detail).
        raise CodeMismatchException(codes.MISMATCH)
    quotas.attempt(user, "ConfirmSignUp", clock.now())
    if user.status != "UNCONFIRMED":
        raise NotAuthorizedException(f"User cannot be confirmed. Current status is {user.status}")
    codes.check(user, codes.SIGN_UP, params["ConfirmationCode"], consume=False)
    sign_up = None
    if params.get("Session"):
        sign_up = passwordless.find_sign_up(ctx.backend, client, user, params["Session"])
    # The code went to the attribute it proves; confirming verifies it.
    verified = delivery.verification_attribute(pool, user)
    force = bool(params.get("ForceAliasCreation"))
    directory.confirm(pool, user, verified=verified, force_alias=force)
    codes.discard(user, codes.SIGN_UP)
    lifecycle_triggers.post_confirmation(
        ctx.backend,
        pool,
        user,
        lifecycle_triggers.CONFIRM_SIGN_UP,
        client.id,
        metadata(params),
    )
    if client.allows("ALLOW_USER_AUTH"):
        # To sign in right away with InitiateAuth USER_AUTH; SignUp's Session is optional.
        session = passwordless.confirmed_session(ctx.backend, client, user, sign_up, verified)
        return {"Session": session}
    return {}


@operation("ResendConfirmationCode")
def resend_confirmation_code(ctx: Context, params: Params) -> Result:
    client, pool = app_client(ctx, params)
    user = client_user(client, pool, params["Username"])
    if user is None:
        return {
            "CodeDeliveryDetails": delivery_details(delivery.simulated(pool, params["Username"]))
        }
    quotas.attempt(user, "ResendConfirmationCode", clock.now())
    if user.status != "UNCONFIRMED":
        # observed: amplify-ui#219 (text), amplify-js#14762 (InvalidParameterException)
        raise InvalidParameterException("User is already confirmed.")
    target = delivery.verification_attribute(pool, user)
    if target is None:
        # No auto-verified attribute to send the code to (observed: amplify-cli#3646).
        raise InvalidParameterException("Cannot resend codes. Auto verification not turned on.")
    details = send_code(
        ctx,
        pool,
        user,
        codes.SIGN_UP,
        codes.SIGN_UP_TTL,
        delivery.RESEND_CODE,
        target,
        client.id,
        params,
    )
    return {"CodeDeliveryDetails": details}
