"""The sign-in triggers around every flow: UserMigration for unknown users, PreAuthentication
before any password or proof is checked, PostAuthentication and PreTokenGeneration at the end.

flows.py calls ``migrate_or_find_user`` where a flow looks its user up, and ``before_tokens``
where it issues tokens; custom_auth.py runs the custom challenge loop.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, Mapping, Optional

from .. import lambdas
from ..tokens import pre_token_generation
from ..tokens.issuing import ClaimsOverride
from ..users import directory, lifecycle_triggers
from . import checks

if TYPE_CHECKING:
    from ..model.users import User
    from .challenge_sessions import ChallengeSession
    from .steps import SignIn

PRE_AUTHENTICATION = "PreAuthentication_Authentication"
POST_AUTHENTICATION = "PostAuthentication_Authentication"
# The flows that carry the password, so UserMigration can check it (SRP never sends it).
MIGRATING_FLOWS = frozenset({"USER_PASSWORD_AUTH", "ADMIN_USER_PASSWORD_AUTH", "ADMIN_NO_SRP_AUTH"})


def migrate_or_find_user(
    si: SignIn, flow: str, name: str, params: Mapping[str, str]
) -> Optional[User]:
    """The user signing in, migrated by UserMigration when the pool does not know them and the
    flow carries a password; then PreAuthentication. None for an unknown user the client hides
    (``checks.user_signing_in`` raises otherwise)."""
    user = directory.lookup(si.pool, name)
    if user is None and flow in MIGRATING_FLOWS:
        user = lifecycle_triggers.migrate(
            si.backend,
            si.pool,
            lifecycle_triggers.MIGRATE_AUTHENTICATION,
            name,
            si.client.id,
            password=params.get("PASSWORD"),
            validation_data=si.validation_data,
        )
    if user is None:
        user = checks.user_signing_in(si.pool, si.client, name)
    pre_authentication(si, user, name)
    return user


def user_event_fields(si: SignIn, user: Optional[User]) -> Dict[str, Any]:
    """``userAttributes``, and ``userNotFound`` where the client hides unknown users."""
    fields: Dict[str, Any] = {
        "userAttributes": lambdas.user_attributes(si.pool, user) if user is not None else {}
    }
    if checks.prevents_user_existence_errors(si.client):
        fields["userNotFound"] = user is None
    return fields


def pre_authentication(si: SignIn, user: Optional[User], name: str) -> None:
    """PreAuthentication: before the password is looked at, so its refusal wins over a wrong
    password (observed). InitiateAuth's ClientMetadata arrives as ``validationData``."""
    if not lambdas.configured(si.pool, "PreAuthentication"):
        return
    request = user_event_fields(si, user)
    if si.validation_data is not None:
        request["validationData"] = dict(si.validation_data)
    si.trigger(
        "PreAuthentication",
        PRE_AUTHENTICATION,
        user.username if user is not None else name,
        request,
    )


def post_authentication(si: SignIn, user: User, new_device_used: bool) -> None:
    if not lambdas.configured(si.pool, "PostAuthentication"):
        return
    request: Dict[str, Any] = {
        "userAttributes": lambdas.user_attributes(si.pool, user),
        "newDeviceUsed": new_device_used,
    }
    if si.client_metadata is not None:
        request["clientMetadata"] = dict(si.client_metadata)
    si.trigger("PostAuthentication", POST_AUTHENTICATION, user.username, request)


def token_source(state: ChallengeSession) -> str:
    """The PreTokenGeneration triggerSource of a sign-in that passed its challenges."""
    if any(name == "NEW_PASSWORD_REQUIRED" for name, _ in state.history):
        return pre_token_generation.NEW_PASSWORD_CHALLENGE
    if state.device_authenticated:
        return pre_token_generation.AUTHENTICATE_DEVICE
    return pre_token_generation.AUTHENTICATION


def before_tokens(si: SignIn, state: ChallengeSession, user: User) -> Optional[ClaimsOverride]:
    """PostAuthentication, then PreTokenGeneration, before anything is issued: a failure of
    either ends the sign-in with nothing changed. Returns the claims override for the tokens."""
    tracked = si.pool.config.devices is not None
    post_authentication(si, user, new_device_used=tracked and not state.device_authenticated)
    return pre_token_generation.claims_override(
        si.backend, si.pool, si.client, user, token_source(state), si.client_metadata
    )
