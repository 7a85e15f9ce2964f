"""Signing in: InitiateAuth's flows, and the steps every flow shares once the first factor passed
(new password, device, MFA, tokens).

A step returns an ``Outcome``: a ``Challenge`` the client must answer (with a new Session), or
the ``Tokens`` of a completed sign-in (backend/signin/steps.py). Challenge answers are in
backend/signin/challenges.py. The factor modules (custom_auth.py, passwordless.py,
passkey_signin.py) sit below this one: they say that their part passed, and ``proceed`` goes on.

Lambda triggers run at these points: PreAuthentication in ``initiate`` once the user is known
(before any password or proof is checked); DefineAuthChallenge and friends in
backend/signin/custom_auth.py; PostAuthentication and then PreTokenGeneration in ``finish``.
"""

from __future__ import annotations

import json
from typing import Dict, List, Mapping, Optional, Union

import attrs

from ... import clock
from ...errors import InvalidParameterException
from ..model.pools import UserPool
from ..model.users import User
from ..tokens import issuing, pre_token_generation
from . import auth_events, auth_triggers, checks, custom_auth, mfa, passkey_signin, passwordless
from .challenge_sessions import ChallengeSession
from .steps import (
    Challenge,
    ChallengesPassed,
    FirstFactorPassed,
    Outcome,
    Passed,
    SignedIn,
    SignIn,
    new_state,
    open_challenge,
    start_srp,
)

REFRESH_FLOWS = frozenset({"REFRESH_TOKEN_AUTH", "REFRESH_TOKEN"})
MFA_CHALLENGES = frozenset({mfa.SMS, mfa.EMAIL, mfa.SOFTWARE_TOKEN, "MFA_SETUP"})


def initiate(
    si: SignIn, flow: str, params: Mapping[str, str], session: Optional[str] = None
) -> Outcome:
    """InitiateAuth / AdminInitiateAuth (``session``: ConfirmSignUp's, for USER_AUTH)."""
    checks.check_flow(si.client, flow, si.admin)
    checks.require(params, checks.REQUIRED[flow])
    if flow in REFRESH_FLOWS:
        return _refresh(si, params)
    name = params["USERNAME"]
    checks.check_secret_hash(si.client, params, name)
    if flow == "CUSTOM_AUTH":
        return proceed(si, custom_auth.start(si, params))
    # UserMigration (for an unknown user) and PreAuthentication run in there.
    user = auth_triggers.migrate_or_find_user(si, flow, name, params)
    state = new_state(si, flow, user, name, params.get("DEVICE_KEY"))
    if flow == "USER_SRP_AUTH":
        return start_srp(si, state, user, params["SRP_A"])
    if flow == "USER_AUTH" and session:
        return proceed(si, passwordless.sign_in_after_sign_up(si, user, session))
    if flow == "USER_AUTH":
        return _user_auth(si, state, user, params)
    if user is None:
        raise checks.unknown_user()
    checks.check_password(si.pool, si.client, user, params["PASSWORD"])
    return passed_first_factor(si, state, user, "PASSWORD")


# -- first factors -------------------------------------------------------------------------------


def first_factors(pool: UserPool, user: Optional[User]) -> List[str]:
    """USER_AUTH's AvailableChallenges: the pool's AllowedFirstAuthFactors the user can use."""
    return passwordless.first_factors(pool, user)


def _user_auth(
    si: SignIn, state: ChallengeSession, user: Optional[User], params: Mapping[str, str]
) -> Outcome:
    if user is not None:
        checks.check_may_try(si.client, user)
    available = first_factors(si.pool, user)
    if not available:
        raise InvalidParameterException("No available challenges for the user.")  # unconfirmed
    preferred = params.get("PREFERRED_CHALLENGE")
    if preferred in available:
        return answer_first_factor(si, state, user, str(preferred), params)
    state.choices = available
    return open_challenge(si, state, "SELECT_CHALLENGE", {}, available=available)


def answer_first_factor(
    si: SignIn,
    state: ChallengeSession,
    user: Optional[User],
    factor: str,
    params: Mapping[str, str],
    previous: Optional[str] = None,
) -> Outcome:
    """USER_AUTH's chosen factor (PREFERRED_CHALLENGE, or the answer to SELECT_CHALLENGE)."""
    if factor == "PASSWORD_SRP":
        checks.require(params, ("SRP_A",))
        return start_srp(si, state, user, params["SRP_A"], previous)
    if factor in passwordless.ATTRIBUTE:
        return passwordless.send_code(si, state, user, factor, params["USERNAME"], previous)
    if factor == passkey_signin.WEB_AUTHN:
        return passkey_signin.request_options(si, state, user, previous)
    checks.require(params, ("PASSWORD",))
    if user is None:
        raise checks.unknown_user()
    checks.check_password(si.pool, si.client, user, params["PASSWORD"])
    return passed_first_factor(si, state, user, "PASSWORD", previous)


# -- after the first factor ----------------------------------------------------------------------


def passed_first_factor(
    si: SignIn, state: ChallengeSession, user: User, factor: str, previous: Optional[str] = None
) -> Outcome:
    state.history.append((factor, True))
    if state.flow == "CUSTOM_AUTH":  # SRP first: DefineAuthChallenge decides what follows
        return proceed(si, custom_auth.define_next(si, state, user, previous))
    return advance(si, state, user, previous)


def proceed(si: SignIn, step: Union[Outcome, Passed]) -> Outcome:
    """Where a factor module's step leads (backend/signin/steps.py): a first factor passed, or
    custom authentication's challenges passed, go on to the sign-in's next step; anything else
    is already the outcome."""
    if isinstance(step, FirstFactorPassed):
        return passed_first_factor(si, step.state, step.user, step.factor, step.previous)
    if isinstance(step, ChallengesPassed):
        return advance(si, step.state, step.user, step.previous)
    return step


def advance(
    si: SignIn, state: ChallengeSession, user: User, previous: Optional[str] = None
) -> Outcome:
    """The next step once a challenge passed: new password, device, MFA, then tokens."""
    done = {name for name, ok in state.history if ok}
    if user.status == "FORCE_CHANGE_PASSWORD":
        return open_challenge(
            si, state, "NEW_PASSWORD_REQUIRED", new_password_parameters(si.pool, user), previous
        )
    if state.device_key and not state.device_authenticated:
        return open_challenge(si, state, "DEVICE_SRP_AUTH", {"USERNAME": user.username}, previous)
    # MFA follows a password only: a passwordless first factor stands alone.
    mfa_done = done & (MFA_CHALLENGES | passwordless.FACTORS)
    if not mfa_done and not _remembered_device(state, user):
        methods = mfa.user_methods(si.pool, user)
        if methods:
            return ask_mfa(si, state, user, methods, previous)
        if si.pool.mfa_configuration == "ON":
            parameters = {"MFAS_CAN_SETUP": mfa.setup_choices(si.pool)}
            return open_challenge(si, state, "MFA_SETUP", parameters, previous)
    return finish(si, state, user, previous)


def _remembered_device(state: ChallengeSession, user: User) -> bool:
    if not state.device_authenticated or state.device_key is None:
        return False
    device = user.devices.by_key.get(state.device_key)
    return device is not None and device.remembered


def ask_mfa(
    si: SignIn, state: ChallengeSession, user: User, methods: List[str], previous: Optional[str]
) -> Challenge:
    method = mfa.choose(user, methods)
    if method is None:
        state.choices = methods
        parameters = {"MFAS_CAN_CHOOSE": mfa.choices(methods)}
        return open_challenge(si, state, "SELECT_MFA_TYPE", parameters, previous)
    return send_mfa(si, state, user, method, previous)


def send_mfa(
    si: SignIn, state: ChallengeSession, user: User, method: str, previous: Optional[str]
) -> Challenge:
    parameters = mfa.start_factor(si.backend, si.pool, si.client, user, method)
    return open_challenge(si, state, method, parameters, previous)


def new_password_parameters(pool: UserPool, user: User) -> Dict[str, str]:
    shown = {k: v for k, v in user.attributes.items() if k != "sub"}
    missing = [a for a in pool.required_attributes if not user.attributes.get(a)]
    return {
        "USER_ID_FOR_SRP": user.username,
        "requiredAttributes": json.dumps([f"userAttributes.{a}" for a in missing]),
        "userAttributes": json.dumps(shown),
    }


def finish(
    si: SignIn, state: ChallengeSession, user: User, previous: Optional[str] = None
) -> Union[issuing.Tokens, SignedIn]:
    """Every challenge passed: the tokens, with the new device when devices are tracked (or, in
    managed login, what the domain carries on with)."""
    if si.hosted is not None:
        if previous is not None:
            si.backend.challenge_sessions.close(previous)
        return si.hosted(state, user)
    claims_override = auth_triggers.before_tokens(si, state, user)
    now = clock.now()
    device_key = None
    new_device = None
    if state.device_authenticated and state.device_key is not None:
        device_key = state.device_key
        user.devices.by_key[device_key].last_authenticated = now
    elif si.pool.config.devices is not None:
        new_device = user.devices.new(si.pool.region, now)
        device_key = new_device.key
    result = issuing.issue_tokens(
        si.backend,
        si.pool,
        si.client,
        user,
        auth_time=now,
        device_key=device_key,
        claims_override=claims_override,
    )
    if new_device is not None:
        result = attrs.evolve(result, new_device=new_device)
    if previous is not None:
        si.backend.challenge_sessions.close(previous)
    auth_events.record_sign_in(si.pool, user, True, auth_events.challenges_of(state.history), now)
    return result


# -- other flows ---------------------------------------------------------------------------------


def _refresh(si: SignIn, params: Mapping[str, str]) -> issuing.Tokens:
    if si.client.secret is not None and not params.get("SECRET_HASH"):
        checks.check_secret_hash(si.client, params, "")  # raises: no hash was sent
    user, _ = issuing.refresh_token_of(si.pool, si.client, params["REFRESH_TOKEN"])
    # The hash is over the token owner's username (the sub-like UUID in email pools).
    checks.check_secret_hash(si.client, params, user.username)
    source = pre_token_generation.REFRESH_TOKENS
    override = pre_token_generation.claims_override(
        si.backend, si.pool, si.client, user, source, lazy=True
    )
    return issuing.refresh(
        si.backend,
        si.pool,
        si.client,
        params["REFRESH_TOKEN"],
        device_key=params.get("DEVICE_KEY"),
        claims_override=override,
    )
