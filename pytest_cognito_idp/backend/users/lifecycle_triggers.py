"""The user lifecycle triggers: PreSignUp, PostConfirmation and UserMigration.

(CustomMessage is a step of sending a message: delivery.py.)

Each function builds its trigger's request, runs it through ``triggers.invoke`` and reads the
response with the service's rules; the operations call them at the moments the service does.
The request's ``ValidationData`` and ``ClientMetadata`` arrive as the maps a trigger event
carries (operations/_users.py reads them).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Tuple

import attrs

from ...errors import InvalidLambdaResponseException, InvalidParameterException
from .. import lambdas
from ..model.attributes import is_email, is_phone
from . import delivery, directory

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from ..model.users import User
    from ..state import Backend

PRE_SIGN_UP = "PreSignUp_SignUp"
PRE_SIGN_UP_ADMIN = "PreSignUp_AdminCreateUser"
CONFIRM_SIGN_UP = "PostConfirmation_ConfirmSignUp"
CONFIRM_FORGOT_PASSWORD = "PostConfirmation_ConfirmForgotPassword"
MIGRATE_AUTHENTICATION = "UserMigration_Authentication"
MIGRATE_FORGOT_PASSWORD = "UserMigration_ForgotPassword"

# Observed text; the exception type is unconfirmed.
VERIFY_NEEDS_CONFIRM = (
    "Phone or email cannot be auto verified, when user is not being auto confirmed."
)


# -- PreSignUp -----------------------------------------------------------------------------------


@attrs.frozen
class SignUpDecision:
    """What PreSignUp decided: confirm the new user, and which attributes to mark verified."""

    auto_confirm: bool = False
    auto_verify: Tuple[str, ...] = ()

    @property
    def status(self) -> str:
        return "CONFIRMED" if self.auto_confirm else "UNCONFIRMED"


_NO_DECISION = SignUpDecision()  # frozen, so one serves every sign-up without a trigger


def pre_sign_up(
    backend: Backend,
    pool: UserPool,
    source: str,
    username: str,
    attributes: Mapping[str, str],
    client_id: Optional[str],
    validation_data: Optional[Dict[str, str]],
    client_metadata: Optional[Dict[str, str]],
) -> SignUpDecision:
    """Run PreSignUp before the user exists: an exception refuses the sign-up. Its flags count
    for SignUp only (AdminCreateUser ignores them, as documented)."""
    if not pool.triggers.arns or not lambdas.configured(pool, "PreSignUp"):
        return _NO_DECISION
    given = dict(attributes)
    # In email/phone-as-username pools the username is the attribute's value.
    if "email" in pool.username_attributes and is_email(username):
        given.setdefault("email", username)
    if "phone_number" in pool.username_attributes and is_phone(username):
        given.setdefault("phone_number", username)
    request = lambdas.with_maps({"userAttributes": given}, validation_data, client_metadata)
    response = lambdas.invoke(
        backend,
        pool,
        "PreSignUp",
        source,
        user_name=username,
        client_id=client_id,
        request=request,
        response={"autoConfirmUser": False, "autoVerifyEmail": False, "autoVerifyPhone": False},
    )
    confirm = lambdas.flag(response, "autoConfirmUser")
    verify = [
        attribute
        for attribute, key in (("email", "autoVerifyEmail"), ("phone_number", "autoVerifyPhone"))
        if lambdas.flag(response, key)
    ]
    if source == PRE_SIGN_UP_ADMIN:
        return SignUpDecision()
    for attribute in verify:
        if not given.get(attribute):
            # Documented as an error that stops the sign-up; the wording is unconfirmed.
            raise InvalidParameterException(
                f"Cannot auto verify {attribute}: the user has no {attribute} attribute."
            )
    if verify and not confirm:
        raise InvalidParameterException(VERIFY_NEEDS_CONFIRM)
    return SignUpDecision(confirm, tuple(verify))


def after_sign_up(
    backend: Backend,
    pool: UserPool,
    user: User,
    decision: SignUpDecision,
    client_id: Optional[str],
    client_metadata: Optional[Dict[str, str]],
) -> None:
    """Apply PreSignUp's decision to the new user: auto-verified attributes (their alias moves
    to the new user, as documented) and, for an auto-confirmed user, PostConfirmation."""
    for attribute in decision.auto_verify:
        directory.verify_attribute(pool, user, attribute, force_alias=True)
    if decision.auto_confirm:
        post_confirmation(backend, pool, user, CONFIRM_SIGN_UP, client_id, client_metadata)


# -- PostConfirmation ----------------------------------------------------------------------------


def post_confirmation(
    backend: Backend,
    pool: UserPool,
    user: User,
    source: str,
    client_id: Optional[str],
    client_metadata: Optional[Mapping[str, str]] = None,
) -> None:
    """Run PostConfirmation once the user is confirmed: a failure reaches the caller, but the
    confirmation stands (observed: the user is confirmed although the call failed)."""
    if not lambdas.configured(pool, "PostConfirmation"):
        return
    attributes = lambdas.user_attributes(pool, user)
    request = lambdas.with_maps({"userAttributes": attributes}, None, client_metadata)
    lambdas.invoke(
        backend,
        pool,
        "PostConfirmation",
        source,
        user_name=user.username,
        client_id=client_id,
        request=request,
    )


# -- UserMigration -------------------------------------------------------------------------------


def migrate(
    backend: Backend,
    pool: UserPool,
    source: str,
    username: str,
    client_id: Optional[str],
    *,
    password: Optional[str] = None,
    validation_data: Optional[Mapping[str, str]] = None,
    client_metadata: Optional[Mapping[str, str]] = None,
) -> Optional[User]:
    """Ask UserMigration for a user the pool does not know; create and return them (None when
    the pool has no UserMigration trigger). The function refuses by raising."""
    if not lambdas.configured(pool, "UserMigration"):
        return None
    request: Dict[str, Any] = {"password": password} if password is not None else {}
    response = lambdas.invoke(
        backend,
        pool,
        "UserMigration",
        source,
        user_name=username,
        client_id=client_id,
        request=lambdas.with_maps(request, validation_data, client_metadata),
        response={
            "userAttributes": None,
            "finalUserStatus": None,
            "messageAction": None,
            "desiredDeliveryMediums": None,
            "forceAliasCreation": None,
        },
    )
    attributes = lambdas.string_map(response, "userAttributes")
    status = lambdas.text(response, "finalUserStatus") or "CONFIRMED"
    action = lambdas.text(response, "messageAction")
    mediums = lambdas.string_list(response, "desiredDeliveryMediums") or ["SMS"]
    force = lambdas.flag(response, "forceAliasCreation")
    if (
        attributes is None
        or status not in ("CONFIRMED", "RESET_REQUIRED")
        or action not in (None, "SUPPRESS")
        or any(m not in delivery.ATTRIBUTE_OF for m in mediums)
    ):
        raise InvalidLambdaResponseException(lambdas.UNRECOGNIZABLE)
    if password is None:
        # Without the password (forgot-password) the user must set one.
        status = "RESET_REQUIRED"
    user = directory.create_user(
        pool,
        username,
        attributes,
        status=status,
        exists_message="User account already exists",
        force_alias=force,
    )
    if password is not None:
        # The pool's password policy is not enforced on migrated passwords (documented).
        directory._store_password(user, password)
    if action != "SUPPRESS" and password is not None:
        _welcome(backend, pool, user, password, mediums, client_id)
    return user


def migrate_unknown(
    backend: Backend,
    pool: UserPool,
    username: str,
    client_id: Optional[str],
    client_metadata: Optional[Dict[str, str]],
) -> None:
    """ForgotPassword for a user the pool does not know: UserMigration_ForgotPassword may bring
    them in (with RESET_REQUIRED), so the code goes out as for any user."""
    if directory.lookup(pool, username) is None:
        migrate(
            backend,
            pool,
            MIGRATE_FORGOT_PASSWORD,
            username,
            client_id,
            client_metadata=client_metadata,
        )


def _welcome(
    backend: Backend,
    pool: UserPool,
    user: User,
    password: str,
    mediums: List[str],
    client_id: Optional[str],
) -> None:
    # The "welcome message" is the pool's invitation (the AdminCreateUser message); what it
    # carries for a migrated user is unconfirmed: here, the password the user signed in with.
    for medium in mediums:
        attribute = delivery.ATTRIBUTE_OF[medium]
        if user.attributes.get(attribute):
            delivery.send(
                backend, pool, user, delivery.ADMIN_CREATE_USER, attribute, password, client_id
            )
