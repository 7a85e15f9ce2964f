"""MFA: which factor a sign-in asks for, sending and checking its codes, TOTP enrolment and the
user's MFA preferences (SetUserMFAPreference, the legacy SetUserSettings)."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Tuple

import attrs

from ... import clock
from ...errors import (
    CodeMismatchException,
    EnableSoftwareTokenMFAException,
    ExpiredCodeException,
    InvalidParameterException,
    ResourceNotFoundException,
    SoftwareTokenMFANotFoundException,
    UserNotConfirmedException,
)
from ..core import totp
from ..model.clients import AppClient
from ..model.pools import UserPool
from ..model.users import User
from ..users import codes, delivery

if TYPE_CHECKING:
    from ..state import Backend
    from .challenge_sessions import ChallengeSession

SMS = "SMS_MFA"
SOFTWARE_TOKEN = "SOFTWARE_TOKEN_MFA"
EMAIL = "EMAIL_OTP"
CODE_MISMATCH = "Invalid code or auth state for the user."
TOKEN_REUSED = "Your software token has already been used once."
TOTP_MISMATCH = "Code mismatch and fail enable Software Token MFA"
# Where each code-based factor sends its code, and the challenge-response key of the code.
ATTRIBUTE = {SMS: "phone_number", EMAIL: "email"}
CODE_KEY = {SMS: "SMS_MFA_CODE", EMAIL: "EMAIL_OTP_CODE", SOFTWARE_TOKEN: "SOFTWARE_TOKEN_MFA_CODE"}


def user_methods(pool: UserPool, user: User) -> List[str]:
    """The factors this user can be challenged with, in the pool's order."""
    enabled = set(user.mfa_enabled)
    if user.sms_mfa_option:
        enabled.add(SMS)
    if pool.mfa_configuration == "ON":
        # MFA is required: whatever the user can receive counts, enabled or not.
        if user.totp_secret:
            enabled.add(SOFTWARE_TOKEN)
        for method, attribute in ATTRIBUTE.items():
            if user.attributes.get(attribute):
                enabled.add(method)
    return [m for m in pool.mfa_methods if m in enabled and _deliverable(user, m)]


def _deliverable(user: User, method: str) -> bool:
    if method == SOFTWARE_TOKEN:
        return user.totp_secret is not None
    return bool(user.attributes.get(ATTRIBUTE[method]))


def choose(user: User, methods: List[str]) -> Optional[str]:
    """The factor to ask for, or None when the user must pick one (SELECT_MFA_TYPE)."""
    if user.mfa_preferred in methods:
        return user.mfa_preferred
    return methods[0] if len(methods) == 1 else None


def setup_choices(pool: UserPool) -> str:
    """MFAS_CAN_SETUP: the factors a user without one can set up (JSON array string)."""
    return json.dumps([m for m in pool.mfa_methods if m == SOFTWARE_TOKEN] or pool.mfa_methods)


def choices(methods: List[str]) -> str:
    return json.dumps(methods)


def start_factor(
    backend: Backend, pool: UserPool, client: AppClient, user: User, method: str
) -> Dict[str, str]:
    """Send the code of a code-based factor; the challenge parameters that describe it."""
    if method == SOFTWARE_TOKEN:
        return {}
    # The code lives as long as the auth session that asks for it.
    code = codes.issue(user, method, client.auth_session_seconds)
    sent = delivery.send(
        backend, pool, user, delivery.AUTHENTICATION_KIND, ATTRIBUTE[method], code, client.id
    )
    return {
        "CODE_DELIVERY_DELIVERY_MEDIUM": sent.medium,
        "CODE_DELIVERY_DESTINATION": sent.destination,
    }


def check_factor(user: User, method: str, code: str) -> None:
    """Accept the answer to an MFA challenge or raise the service's error."""
    if method == SOFTWARE_TOKEN:
        check_totp(user, code)
        return
    try:
        codes.check(user, method, code)
    except CodeMismatchException:
        raise CodeMismatchException(CODE_MISMATCH) from None


def check_totp(user: User, code: str) -> None:
    if user.totp_secret is None:
        raise SoftwareTokenMFANotFoundException("Software Token MFA does not exist for the user.")
    step = totp.matching_step(user.totp_secret, code, clock.now())
    if step is None:
        raise CodeMismatchException(CODE_MISMATCH)
    if user.totp_last_step is not None and step <= user.totp_last_step:
        raise ExpiredCodeException(TOKEN_REUSED)
    user.totp_last_step = step


def associate(user: User, secret: str) -> None:
    """AssociateSoftwareToken with an access token: ``secret`` waits for VerifySoftwareToken."""
    user.totp_pending = secret


def associate_in_sign_in(state: ChallengeSession, secret: str) -> None:
    """AssociateSoftwareToken in an MFA_SETUP sign-in: the secret waits in the sign-in."""
    state.totp_secret = secret
    state.totp_verified = False


def enroll_in_sign_in(state: ChallengeSession, user: User, code: str) -> None:
    """VerifySoftwareToken in an MFA_SETUP sign-in: the sign-in's secret becomes the user's."""
    step = verify_new_secret(state.totp_secret, code)
    enroll(user, str(state.totp_secret), step)
    state.totp_verified = True


def delete_software_token(user: User) -> None:
    """AdminDeleteSoftwareToken: the authenticator goes, and with it TOTP as an enabled or
    preferred MFA method; the user can associate a new one."""
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException("User is not confirmed.")
    if user.totp_secret is None:
        # The model has no SoftwareTokenMFANotFoundException here; the code and the wording
        # (that of SoftwareTokenMFANotFoundException at sign-in) are unconfirmed.
        raise ResourceNotFoundException("Software Token MFA does not exist for the user.")
    user.totp_secret = user.totp_pending = None
    user.totp_last_step = None
    user.mfa_enabled.discard(SOFTWARE_TOKEN)
    if user.mfa_preferred == SOFTWARE_TOKEN:
        user.mfa_preferred = None


def verify_new_secret(secret: Optional[str], code: str) -> int:
    """VerifySoftwareToken: the step of ``code`` for the secret being enrolled."""
    if secret is None:
        # The service's wording is unconfirmed.
        raise SoftwareTokenMFANotFoundException("Software token has not been associated.")
    step = totp.matching_step(secret, code, clock.now())
    if step is None:
        raise EnableSoftwareTokenMFAException(TOTP_MISMATCH)
    return step


def enroll(user: User, secret: str, step: int) -> None:
    """A verified software token becomes the user's (its first code is used up)."""
    user.totp_secret = secret
    user.totp_pending = None
    user.totp_last_step = step


# -- preferences ---------------------------------------------------------------------------------


@attrs.frozen
class Preference:
    """One factor's setting in SetUserMFAPreference: Enabled and PreferredMfa, None when not
    given."""

    enabled: Optional[bool] = None
    preferred: Optional[bool] = None

    @property
    def turn_on(self) -> bool:
        # An omitted Enabled follows PreferredMfa.
        return self.enabled if self.enabled is not None else bool(self.preferred)


def set_preferences(user: User, settings: Mapping[str, Optional[Preference]]) -> None:
    """SetUserMFAPreference: ``settings`` maps a factor to its preference (None: not given)."""
    enabled = set(user.mfa_enabled)
    preferred = user.mfa_preferred
    wanted: List[Tuple[str, Preference]] = [(m, s) for m, s in settings.items() if s]
    for method, setting in wanted:
        turn_on = setting.turn_on
        if setting.preferred and not turn_on:
            # The service's wording is unconfirmed.
            raise InvalidParameterException(f"{method} cannot be preferred when it is disabled.")
        if turn_on and not _deliverable(user, method):
            raise InvalidParameterException(
                f"User does not have delivery config set to turn on {method}"
            )
    if sum(1 for _, s in wanted if s.preferred) > 1:
        raise InvalidParameterException("Only one MFA method can be preferred.")  # unconfirmed
    for method, setting in wanted:
        if setting.turn_on:
            enabled.add(method)
            if setting.preferred:
                preferred = method
            elif preferred == method and setting.preferred is False:
                preferred = None
        else:
            enabled.discard(method)
            if preferred == method:
                preferred = None
    user.mfa_enabled = enabled
    user.mfa_preferred = preferred


def set_legacy_options(user: User, options: List[Tuple[Optional[str], Optional[str]]]) -> None:
    """SetUserSettings: the 2016 API's MFAOptions, as (DeliveryMedium, AttributeName) pairs,
    which can only turn SMS MFA (to phone_number) on or off."""
    for medium, attribute in options:
        if medium != "SMS" or attribute != "phone_number":
            # The service's wording is unconfirmed.
            raise InvalidParameterException("Only phone_number with SMS delivery is supported.")
    if options and not user.attributes.get("phone_number"):
        raise InvalidParameterException(f"User does not have delivery config set to turn on {SMS}")
    user.sms_mfa_option = bool(options)
