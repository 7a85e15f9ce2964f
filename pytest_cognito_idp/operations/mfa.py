"""MFA: AssociateSoftwareToken, VerifySoftwareToken, AdminDeleteSoftwareToken,
SetUserMFAPreference, AdminSetUserMFAPreference, SetUserSettings, AdminSetUserSettings,
GetUserAuthFactors, AdminGetUserAuthFactors."""

from __future__ import annotations

from typing import Any, Dict, List, Optional, Tuple

from ..backend.core import totp
from ..backend.model.pools import UserPool
from ..backend.model.users import User
from ..backend.signin import mfa, passwordless
from ..backend.signin.challenge_sessions import ChallengeSession
from ..backend.tokens import issuing
from ..backend.users import directory
from ..errors import (
    InvalidParameterException,
    NotAuthorizedException,
)
from . import Context, Params, Result, operation

MFA_ORDER = (mfa.SMS, mfa.SOFTWARE_TOKEN, mfa.EMAIL)


def _token_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    pool, user, _ = issuing.authenticate(ctx.backend, ctx.region, params["AccessToken"])
    return pool, user


def _admin_user(ctx: Context, params: Params) -> Tuple[UserPool, User]:
    pool = ctx.pool(params)
    return pool, directory.get(pool, params["Username"])


def _setup_session(ctx: Context, params: Params) -> Tuple[str, ChallengeSession, User]:
    """The MFA_SETUP sign-in a Session continues, and its user."""
    session_id, state = ctx.backend.challenge_sessions.find(params["Session"], None)
    pool = ctx.region.pools.get(state.pool_id)
    user = pool.users.get(pool.user_key(state.username)) if pool is not None else None
    if state.challenge != "MFA_SETUP" or user is None:
        raise NotAuthorizedException("Invalid session for the user.")  # observed: amplify-js#6461
    return session_id, state, user


def _one_credential(params: Params) -> None:
    if bool(params.get("AccessToken")) == bool(params.get("Session")):
        # Exactly one of the two identifies the user; the wording is unconfirmed.
        raise InvalidParameterException("Exactly one of AccessToken or Session must be provided.")


@operation("AssociateSoftwareToken")
def associate_software_token(ctx: Context, params: Params) -> Result:
    _one_credential(params)
    secret = totp.new_secret()
    if params.get("AccessToken"):
        _, user = _token_user(ctx, params)
        mfa.associate(user, secret)
        return {"SecretCode": secret}
    session_id, state, _ = _setup_session(ctx, params)
    mfa.associate_in_sign_in(state, secret)
    return {"SecretCode": secret, "Session": ctx.backend.challenge_sessions.renew(session_id)}


@operation("VerifySoftwareToken")
def verify_software_token(ctx: Context, params: Params) -> Result:
    _one_credential(params)
    if params.get("AccessToken"):
        _, user = _token_user(ctx, params)
        step = mfa.verify_new_secret(user.totp_pending, params["UserCode"])
        mfa.enroll(user, str(user.totp_pending), step)
        return {"Status": "SUCCESS"}
    session_id, state, user = _setup_session(ctx, params)
    mfa.enroll_in_sign_in(state, user, params["UserCode"])
    return {"Status": "SUCCESS", "Session": ctx.backend.challenge_sessions.renew(session_id)}


@operation("AdminDeleteSoftwareToken")
def admin_delete_software_token(ctx: Context, params: Params) -> Result:
    mfa.delete_software_token(_admin_user(ctx, params)[1])
    return {}


def _set_preferences(params: Params, user: User) -> None:
    web_authn = params.get("WebAuthnMfaSettings") or {}
    if web_authn.get("Enabled"):
        # Passkeys are not a factor the fake offers; the service's wording is unconfirmed.
        raise InvalidParameterException("WebAuthn MFA is not configured for the user pool.")
    mfa.set_preferences(
        user,
        {
            mfa.SMS: _preference(params.get("SMSMfaSettings")),
            mfa.SOFTWARE_TOKEN: _preference(params.get("SoftwareTokenMfaSettings")),
            mfa.EMAIL: _preference(params.get("EmailMfaSettings")),
        },
    )


def _preference(given: Optional[Params]) -> Optional[mfa.Preference]:
    # An empty settings object sets nothing, as an omitted one.
    if not given:
        return None
    return mfa.Preference(given.get("Enabled"), given.get("PreferredMfa"))


def _legacy_options(params: Params) -> List[Tuple[Optional[str], Optional[str]]]:
    return [(o.get("DeliveryMedium"), o.get("AttributeName")) for o in params["MFAOptions"]]


@operation("SetUserMFAPreference")
def set_user_mfa_preference(ctx: Context, params: Params) -> Result:
    _, user = _token_user(ctx, params)
    _set_preferences(params, user)
    return {}


@operation("AdminSetUserMFAPreference")
def admin_set_user_mfa_preference(ctx: Context, params: Params) -> Result:
    _, user = _admin_user(ctx, params)
    _set_preferences(params, user)
    return {}


@operation("SetUserSettings")
def set_user_settings(ctx: Context, params: Params) -> Result:
    _, user = _token_user(ctx, params)
    mfa.set_legacy_options(user, _legacy_options(params))
    return {}


@operation("AdminSetUserSettings")
def admin_set_user_settings(ctx: Context, params: Params) -> Result:
    _, user = _admin_user(ctx, params)
    mfa.set_legacy_options(user, _legacy_options(params))
    return {}


def mfa_settings(user: User) -> Tuple[List[str], Optional[str]]:
    """``UserMFASettingList`` and ``PreferredMfaSetting`` of a user."""
    enabled = set(user.mfa_enabled)
    if user.sms_mfa_option:
        enabled.add(mfa.SMS)
    return [m for m in MFA_ORDER if m in enabled], user.mfa_preferred


def _auth_factors(pool: UserPool, user: User) -> Result:
    methods, preferred = mfa_settings(user)
    out: Dict[str, Any] = {"Username": user.username}
    if preferred:
        out["PreferredMfaSetting"] = preferred
    if methods:
        out["UserMFASettingList"] = methods
    out["ConfiguredUserAuthFactors"] = passwordless.configured_factors(pool, user)
    return out


@operation("GetUserAuthFactors")
def get_user_auth_factors(ctx: Context, params: Params) -> Result:
    return _auth_factors(*_token_user(ctx, params))


@operation("AdminGetUserAuthFactors")
def admin_get_user_auth_factors(ctx: Context, params: Params) -> Result:
    return _auth_factors(*_admin_user(ctx, params))
