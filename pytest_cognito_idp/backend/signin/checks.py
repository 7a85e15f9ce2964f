"""What every sign-in step checks: the flow, SECRET_HASH, the user and the password.

The checks run in the service's order (flow, parameters, secret hash, user, password, status)
and raise its errors with its messages (fact sheet, sections 4 and 6).
"""

from __future__ import annotations

import hmac
from typing import Mapping, Optional, Sequence

from ... import clock
from ...errors import (
    InvalidParameterException,
    NotAuthorizedException,
    PasswordResetRequiredException,
    UserNotConfirmedException,
    UserNotFoundException,
)
from ..model.clients import AppClient
from ..model.pools import UserPool
from ..model.users import User
from ..users import directory
from . import auth_events

INCORRECT = "Incorrect username or password."
USER_NOT_FOUND = "User does not exist."
DISABLED = "User is disabled."
NOT_CONFIRMED = "User is not confirmed."
RESET_REQUIRED = "Password reset required for the user"
TEMPORARY_EXPIRED = "Temporary password has expired and must be reset by an administrator."
ATTEMPTS_EXCEEDED = "Password attempts exceeded"
NOT_SUPPORTED = "Initiate Auth method not supported."

# The ExplicitAuthFlows value each AuthFlow needs.
PERMISSION = {
    "USER_SRP_AUTH": "ALLOW_USER_SRP_AUTH",
    "REFRESH_TOKEN_AUTH": "ALLOW_REFRESH_TOKEN_AUTH",
    "REFRESH_TOKEN": "ALLOW_REFRESH_TOKEN_AUTH",
    "CUSTOM_AUTH": "ALLOW_CUSTOM_AUTH",
    "ADMIN_NO_SRP_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "ADMIN_USER_PASSWORD_AUTH": "ALLOW_ADMIN_USER_PASSWORD_AUTH",
    "USER_PASSWORD_AUTH": "ALLOW_USER_PASSWORD_AUTH",
    "USER_AUTH": "ALLOW_USER_AUTH",
}
ADMIN_ONLY = frozenset({"ADMIN_NO_SRP_AUTH", "ADMIN_USER_PASSWORD_AUTH"})
CLIENT_ONLY = frozenset({"USER_PASSWORD_AUTH"})
REQUIRED = {
    "USER_SRP_AUTH": ("USERNAME", "SRP_A"),
    "REFRESH_TOKEN_AUTH": ("REFRESH_TOKEN",),
    "REFRESH_TOKEN": ("REFRESH_TOKEN",),
    "CUSTOM_AUTH": ("USERNAME",),
    "ADMIN_NO_SRP_AUTH": ("USERNAME", "PASSWORD"),
    "ADMIN_USER_PASSWORD_AUTH": ("USERNAME", "PASSWORD"),
    "USER_PASSWORD_AUTH": ("USERNAME", "PASSWORD"),
    "USER_AUTH": ("USERNAME",),
}

# Lockout: after 5 consecutive failures, 1 s doubling with each further failure, at most 15 min;
# 15 minutes without a failure forgets the count.
LOCK_AFTER = 5
LOCK_MAX = 15 * 60
FORGET_AFTER = 15 * 60


def check_flow(client: AppClient, flow: str, admin: bool) -> None:
    """The flow is valid on this operation and enabled on the client."""
    if (flow in ADMIN_ONLY and not admin) or (flow in CLIENT_ONLY and admin):
        raise InvalidParameterException(NOT_SUPPORTED)
    if client.allows(PERMISSION[flow]):
        return
    if client.custom_auth_only:
        raise InvalidParameterException(
            "Only custom auth (lambda driven) is enabled for this client."
        )
    if flow == "USER_PASSWORD_AUTH":
        raise InvalidParameterException("USER_PASSWORD_AUTH flow not enabled for this client")
    # Observed for the admin password flow; assumed for the other flows (unconfirmed).
    raise InvalidParameterException("Auth flow not enabled for this client")


def require(params: Mapping[str, str], names: Sequence[str]) -> None:
    for name in names:
        if not params.get(name):
            raise InvalidParameterException(f"Missing required parameter {name}")


def check_secret_hash(client: AppClient, params: Mapping[str, str], username: str) -> None:
    """SECRET_HASH is required when the client has a secret, computed over ``username``."""
    if client.secret is None:
        return
    given = params.get("SECRET_HASH")
    if not given:
        raise NotAuthorizedException(
            f"Client {client.id} is configured for secret but secret was not received"
        )
    if not any(hmac.compare_digest(given, h) for h in client.secret_hashes(username)):
        raise NotAuthorizedException(f"Unable to verify secret hash for client {client.id}")


def prevents_user_existence_errors(client: AppClient) -> bool:
    return client.prevent_user_existence_errors == "ENABLED"


def user_signing_in(pool: UserPool, client: AppClient, name: str) -> Optional[User]:
    """The user signing in; None for an unknown user when the client hides existence."""
    user = directory.lookup(pool, name)
    if user is None and not prevents_user_existence_errors(client):
        raise UserNotFoundException(USER_NOT_FOUND)
    return user


def unknown_user() -> NotAuthorizedException:
    """What a client that hides existence answers when the user does not exist."""
    return NotAuthorizedException(INCORRECT)


def check_may_try(client: AppClient, user: User) -> None:
    """Before the password (or SRP proof) is looked at: disabled, reset, locked out."""
    if not user.enabled:
        raise NotAuthorizedException(DISABLED)
    if user.status == "RESET_REQUIRED":
        if prevents_user_existence_errors(client):
            raise NotAuthorizedException(INCORRECT)
        raise PasswordResetRequiredException(RESET_REQUIRED)
    if clock.now() < user.locked_until:
        raise NotAuthorizedException(ATTEMPTS_EXCEEDED)


def record_failure(pool: UserPool, user: User) -> NotAuthorizedException:
    """Count a wrong password (or SRP proof), note it in the user's event history; the error to
    raise."""
    now = clock.now()
    auth_events.record_sign_in(pool, user, False, [("Password", "Failure")], now)
    if now - user.last_failed_at >= FORGET_AFTER:
        user.failed_sign_ins = 0
    user.failed_sign_ins += 1
    user.last_failed_at = now
    if user.failed_sign_ins >= LOCK_AFTER:
        user.locked_until = now + min(2 ** (user.failed_sign_ins - LOCK_AFTER), LOCK_MAX)
    return NotAuthorizedException(INCORRECT)


def passed(pool: UserPool, user: User) -> None:
    """The password (or SRP proof) was right: what the user's status still forbids."""
    user.failed_sign_ins = 0
    user.locked_until = 0.0
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException(NOT_CONFIRMED)
    if user.status == "FORCE_CHANGE_PASSWORD":
        validity = pool.password_policy.temporary_password_validity_days * 86400
        if clock.now() > user.password_set_at + validity:
            raise NotAuthorizedException(TEMPORARY_EXPIRED)


def check_password(pool: UserPool, client: AppClient, user: User, password: str) -> None:
    """USER_PASSWORD_AUTH and friends: the whole password check."""
    check_may_try(client, user)
    if user.password is None or not hmac.compare_digest(user.password.encode(), password.encode()):
        raise record_failure(pool, user)
    passed(pool, user)
