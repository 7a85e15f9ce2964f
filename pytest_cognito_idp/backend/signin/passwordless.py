"""Passwordless first factors of choice-based sign-in (USER_AUTH): a one-time code by email
(``EMAIL_OTP``) or SMS (``SMS_OTP``), and the sign-in a confirmed sign-up hands over.

Facts this module follows:

- The first factors offered (``AvailableChallenges``) are those the pool's SignInPolicy allows
  and the user can use: a password (``PASSWORD_SRP``, ``PASSWORD``), a registered passkey
  (``WEB_AUTHN``), a verified email (``EMAIL_OTP``), a verified phone (``SMS_OTP``)
  [DG:authentication-flows-selection-sdk].
- Sign-in codes are 8 digits, a length the pool cannot change (Cognito's answer in
  aws-amplify/amplify-js#14428); MFA codes stay 6 digits (backend/signin/mfa.py).
- The code lives as long as the auth session that asked for it (the app client's
  AuthSessionValidity, 3 minutes by default); a wrong code is CodeMismatchException with the MFA
  wording, and the challenge can be answered again while the session lives, up to
  ``MAX_WRONG_CODES`` wrong codes (the limit is unconfirmed).
- A passwordless first factor is not followed by MFA: MFA is an additional factor "for users
  who have passwords as their primary authentication factor" [DG:user-pool-settings-mfa].
- SignUp returns a Session that ConfirmSignUp takes (optionally: "the optional session ID from
  a SignUp API request"); ConfirmSignUp returns a Session that InitiateAuth ``USER_AUTH`` takes
  (its top-level ``Session``) to sign the user in with the sign-up code as the first factor,
  "for users who have confirmed their sign-up and are signing in for the first time within the
  authentication flow session duration" (InitiateAuth's ``Session`` in the service model).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Tuple

from ... import clock
from ...errors import CodeMismatchException, NotAuthorizedException, UserNotConfirmedException
from ..core.outbox import mask_phone
from ..model.users import User
from ..users import delivery
from . import checks, sign_in_policy, steps
from .challenge_sessions import EXPIRED, ChallengeSession

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..state import Backend
    from .steps import Challenge, FirstFactorPassed, SignIn

EMAIL = "EMAIL_OTP"
SMS = "SMS_OTP"
WEB_AUTHN = "WEB_AUTHN"
FACTORS = frozenset({EMAIL, SMS, WEB_AUTHN})
ATTRIBUTE = {EMAIL: "email", SMS: "phone_number"}
CODE_KEY = {EMAIL: "EMAIL_OTP_CODE", SMS: "SMS_OTP_CODE"}
CODE_DIGITS = 8
MAX_WRONG_CODES = 3
MISMATCH = "Invalid code or auth state for the user."
# The user.codes purpose of a sign-in code.
PURPOSE = "SignIn:{}"
# Internal challenge names of the sign-up hand-over sessions (never sent to a client).
SIGNED_UP = "@SignUp"
CONFIRMED = "@ConfirmSignUp"


def first_factors(pool: UserPool, user: Optional[User]) -> List[str]:
    """USER_AUTH's AvailableChallenges for ``user`` (None: an unknown user of a client that
    hides existence, who is offered what the pool allows, as if they could use it)."""
    allowed = sign_in_policy.allowed(pool)
    out: List[str] = []
    if "PASSWORD" in allowed and (user is None or user.password is not None):
        out.extend(steps.PASSWORD_FACTORS)
    if WEB_AUTHN in allowed and user is not None and user.passkeys:
        out.append(WEB_AUTHN)
    for factor in (EMAIL, SMS):
        if factor in allowed and (user is None or user.is_verified(ATTRIBUTE[factor])):
            out.append(factor)
    return out


def configured_factors(pool: UserPool, user: User) -> List[str]:
    """GetUserAuthFactors' ConfiguredUserAuthFactors: "the authentication types that are
    available to the user with USER_AUTH sign-in", ``PASSWORD`` for both password factors (the
    order beyond the documented example ``["PASSWORD", "WEB_AUTHN"]`` is unconfirmed)."""
    factors = first_factors(pool, user)
    password = ["PASSWORD"] if any(f in steps.PASSWORD_FACTORS for f in factors) else []
    return password + [f for f in factors if f not in steps.PASSWORD_FACTORS]


def is_first_factor(state: ChallengeSession) -> bool:
    """Whether the open challenge of ``state`` is its first factor (nothing passed yet)."""
    return not any(ok for _, ok in state.history)


# -- EMAIL_OTP / SMS_OTP -------------------------------------------------------------------------


def send_code(
    si: SignIn,
    state: ChallengeSession,
    user: Optional[User],
    factor: str,
    name: str,
    previous: Optional[str] = None,
) -> Challenge:
    """Send a sign-in code by email or SMS; the EMAIL_OTP / SMS_OTP challenge that asks for it.
    ``name`` is the USERNAME the client gave."""
    if user is None:
        # An unknown user (existence hidden): a delivery that looks real, and no code.
        parameters = _delivery_parameters(_simulated(si.pool, name, factor))
        return steps.open_challenge(si, state, factor, parameters, previous)
    checks.check_may_try(si.client, user)
    if user.status == "UNCONFIRMED":
        raise UserNotConfirmedException(checks.NOT_CONFIRMED)
    code = f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"
    user.codes[PURPOSE.format(factor)] = (code, clock.now() + si.client.auth_session_seconds)
    sent = delivery.send(
        si.backend,
        si.pool,
        user,
        delivery.AUTHENTICATION_KIND,
        ATTRIBUTE[factor],
        code,
        si.client.id,
        client_metadata=si.validation_data or si.client_metadata,
    )
    state.wrong_answers = 0
    return steps.open_challenge(si, state, factor, _delivery_parameters(sent), previous)


def _simulated(pool: UserPool, name: str, factor: str) -> delivery.CodeDelivery:
    """A made-up destination of the factor's medium, the same each time for the same name."""
    sent = delivery.simulated(pool, name)
    if sent.medium == delivery.MEDIUM_OF[ATTRIBUTE[factor]]:
        return sent
    digest = hashlib.sha256(f"{pool.id}:{name}".encode()).hexdigest()
    if factor == SMS:
        return delivery.CodeDelivery("phone_number", "SMS", mask_phone(f"+1{int(digest, 16)}"[:12]))
    return delivery.CodeDelivery("email", "EMAIL", f"{name[:1]}***@{digest[0]}***")


def _delivery_parameters(sent: delivery.CodeDelivery) -> Dict[str, str]:
    return {
        "CODE_DELIVERY_DELIVERY_MEDIUM": sent.medium,
        "CODE_DELIVERY_DESTINATION": sent.destination,
    }


def answer_code(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> FirstFactorPassed:
    """RespondToAuthChallenge EMAIL_OTP / SMS_OTP as the first factor: the code sent."""
    factor = state.challenge
    checks.require(r, (CODE_KEY[factor],))
    if user is None:  # no code was sent: every answer is wrong
        raise CodeMismatchException(MISMATCH)
    checks.check_may_try(si.client, user)
    pending = user.codes.get(PURPOSE.format(factor))
    if pending is None or clock.now() >= pending[1]:
        si.backend.challenge_sessions.close(sid)
        raise NotAuthorizedException(EXPIRED)
    if not hmac.compare_digest(pending[0].encode(), r[CODE_KEY[factor]].encode()):
        state.wrong_answers += 1
        if state.wrong_answers >= MAX_WRONG_CODES:
            # The code and the session are used up: the user must start again.
            del user.codes[PURPOSE.format(factor)]
            si.backend.challenge_sessions.close(sid)
        raise CodeMismatchException(MISMATCH)
    del user.codes[PURPOSE.format(factor)]
    checks.passed(si.pool, user)
    return steps.FirstFactorPassed(state, user, factor, sid)


# -- sign-up, then sign-in -----------------------------------------------------------------------


def sign_up_session(backend: Backend, pool: UserPool, client: AppClient, user: User) -> str:
    """SignUp's Session: ConfirmSignUp takes it to hand over a sign-in session."""
    state = ChallengeSession(pool.id, client.id, user.username, "USER_AUTH", False, SIGNED_UP, 0.0)
    state.expires = clock.now() + client.auth_session_seconds
    return backend.challenge_sessions.open(state)


def find_sign_up(
    backend: Backend, client: AppClient, user: User, session_id: str
) -> Tuple[str, ChallengeSession]:
    """The sign-up session SignUp gave for ``user`` (ConfirmSignUp checks it before it
    confirms), or NotAuthorizedException."""
    return _find(backend, client, session_id, SIGNED_UP, user)


def confirmed_session(
    backend: Backend,
    client: AppClient,
    user: User,
    found: Optional[Tuple[str, ChallengeSession]],
    verified: Optional[str],
) -> str:
    """ConfirmSignUp's Session: InitiateAuth USER_AUTH takes it to sign in. ``found`` is
    SignUp's session when the request carried it (it is used up). The sign-up code the user just
    gave counts as the first factor: EMAIL_OTP or SMS_OTP after the attribute it ``verified``."""
    if found is not None:
        backend.challenge_sessions.close(found[0])
    expires = clock.now() + client.auth_session_seconds
    state = ChallengeSession(
        client.pool_id, client.id, user.username, "USER_AUTH", False, CONFIRMED, expires
    )
    state.choices = [SMS if verified == "phone_number" else EMAIL]
    return backend.challenge_sessions.open(state)


def sign_in_after_sign_up(si: SignIn, user: Optional[User], session_id: str) -> FirstFactorPassed:
    """InitiateAuth USER_AUTH with ConfirmSignUp's Session: signed in without another code."""
    if user is None:
        raise NotAuthorizedException(EXPIRED)
    sid, state = _find(si.backend, si.client, session_id, CONFIRMED, user)
    checks.check_may_try(si.client, user)
    state.admin = si.admin
    return steps.FirstFactorPassed(state, user, state.choices[0], sid)


def _find(
    backend: Backend, client: AppClient, session_id: str, stage: str, user: User
) -> Tuple[str, ChallengeSession]:
    sid, state = backend.challenge_sessions.find(session_id, client.id)
    if state.challenge != stage or state.username != user.username:
        raise NotAuthorizedException(EXPIRED)  # the wording for another user is unconfirmed
    return sid, state
