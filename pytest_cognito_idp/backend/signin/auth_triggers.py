"""The sign-in triggers around every flow: UserMigration for unknown users, PreAuthentication
before any password or proof is checked, PostAuthentication and PreTokenGeneration at the end.

signin/flows.py calls ``find_user`` where a flow looks its user up, and ``before_tokens`` where
it issues tokens; backend/signin/custom_auth.py runs the custom challenge loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from .. import lambdas as triggers
from ..tokens import pre_token_generation as triggers_tokens
from ..tokens.issuing import ClaimsOverride
from ..users import directory
from ..users import lifecycle_triggers as triggers_events
from . import checks as checks

if TYPE_CHECKING:
    from ..model.users import User
    from .challenge_sessions import AuthSession
    from .flows import SignIn

PRE_AUTHENTICATION = "PreAuthentication_Authentication"
POST_AUTHENTICATION = "PostAuthentication_Authentication"
# The flows that carry the password, so UserMigration can check it (SRP never sends it).
MIGRATING_FLOWS = frozenset({"USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"})


def find_user(si: SignIn, flow: str, name: str, params: Mapping[str, str]) -> Optional[User]:
    """The user signing in, migrated by UserMigration when the pool does not know them and the
    flow carries a password; then PreAuthentication. None for an unknown user the client hides
    (``checks.find_user`` raises otherwise)."""
    user = directory.lookup(si.pool, name)
    if user is None and flow in MIGRATING_FLOWS:
        user = triggers_events.migrate(
            si.backend,
            si.pool,
            triggers_events.MIGRATE_AUTHENTICATION,
            name,
            si.client.id,
            password=params.get("PASSWORD"),
            validation_data=si.validation_data,
        )
    if user is None:
        user = checks.find_user(si.pool, si.client, name)
    pre_authentication(si, user, name)
    return user


def user_event_fields(si: SignIn, user: Optional[User]) -> Dict[str, Any]:
    """``userAttributes``, and ``userNotFound`` where the client hides unknown users."""
    fields: Dict[str, Any] = {
        "userAttributes": triggers.user_attributes(si.pool, user) if user is not None else {}
    }
    if checks.hides_existence(si.client):
        fields["userNotFound"] = user is None
    return fields


def pre_authentication(si: SignIn, user: Optional[User], name: str) -> None:
    """PreAuthentication: before the password is looked at, so its refusal wins over a wrong
    password (observed). InitiateAuth's ClientMetadata arrives as ``validationData``."""
    if not triggers.configured(si.pool, "PreAuthentication"):
        return
    request = user_event_fields(si, user)
    if si.validation_data is not None:
        request["validationData"] = dict(si.validation_data)
    triggers.invoke(
        si.backend,
        si.pool,
        "PreAuthentication",
        PRE_AUTHENTICATION,
        user_name=user.username if user is not None else name,
        client_id=si.client.id,
        request=request,
    )


def post_authentication(si: SignIn, user: User, new_device_used: bool) -> None:
    if not triggers.configured(si.pool, "PostAuthentication"):
        return
    request: Dict[str, Any] = {
        "userAttributes": triggers.user_attributes(si.pool, user),
        "newDeviceUsed": new_device_used,
    }
    if si.client_metadata is not None:
        request["clientMetadata"] = dict(si.client_metadata)
    triggers.invoke(
        si.backend,
        si.pool,
        "PostAuthentication",
        POST_AUTHENTICATION,
        user_name=user.username,
        client_id=si.client.id,
        request=request,
    )


def token_source(state: AuthSession) -> str:
    """The PreTokenGeneration triggerSource of a sign-in that passed its challenges."""
    if any(name == "NEW_PASSWORD_REQUIRED" for name, _ in state.history):
        return triggers_tokens.NEW_PASSWORD_CHALLENGE
    if state.device_authenticated:
        return triggers_tokens.AUTHENTICATE_DEVICE
    return triggers_tokens.AUTHENTICATION


def before_tokens(si: SignIn, state: AuthSession, user: User) -> Optional[ClaimsOverride]:
    """PostAuthentication, then PreTokenGeneration, before anything is issued: a failure of
    either ends the sign-in with nothing changed. Returns the claims override for the tokens."""
    tracked = si.pool.config.devices is not None
    post_authentication(si, user, new_device_used=tracked and not state.device_authenticated)
    return triggers_tokens.claims_override(
        si.backend, si.pool, si.client, user, token_source(state), si.client_metadata
    )
