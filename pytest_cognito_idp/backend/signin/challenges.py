"""RespondToAuthChallenge / AdminRespondToAuthChallenge: one handler per challenge."""

from __future__ import annotations

from typing import Callable, Dict, Mapping, Optional, Tuple, Union

from ... import clock
from ...errors import InvalidParameterException, NotAuthorizedException, UserNotFoundException
from ..core import srp
from ..model import attributes
from ..model.users import User
from ..users import directory
from . import checks, custom_auth, mfa, passkey_signin, passwordless
from .challenge_sessions import EXPIRED, ChallengeSession
from .flows import advance, answer_first_factor, passed_first_factor, proceed, send_mfa
from .steps import Outcome, Passed, SignIn, note_device, open_challenge

# A handler answers the outcome, or (the factor modules' handlers) that their factor passed.
Step = Union[Outcome, Passed]
Handler = Callable[[SignIn, str, ChallengeSession, Optional[User], Mapping[str, str]], Step]
NEW_PASSWORD_KEY = "Invalid attributes given, new password should be given with key NEW_PASSWORD."


def respond(
    si: SignIn, name: str, session_id: Optional[str], responses: Mapping[str, str]
) -> Outcome:
    session_id, state = _find_session(si, name, session_id, responses)
    if name != state.challenge:
        # The service's wording is unconfirmed.
        raise InvalidParameterException(
            f"Invalid challenge name {name}: expected {state.challenge}."
        )
    checks.require(responses, ("USERNAME",))
    user = _user_of(si, state, responses["USERNAME"])
    # SELECT_CHALLENGE comes before the client learnt the internal username: its hash is over
    # the name the sign-in started with. Every later answer hashes the internal username.
    hashed = responses["USERNAME"] if name == "SELECT_CHALLENGE" else state.username
    checks.check_secret_hash(si.client, responses, hashed)
    return proceed(si, HANDLERS[name](si, session_id, state, user, responses))


def _find_session(
    si: SignIn, name: str, session_id: Optional[str], responses: Mapping[str, str]
) -> Tuple[str, ChallengeSession]:
    store = si.backend.challenge_sessions
    if session_id:
        return store.find(session_id, si.client.id)
    # Clients such as pycognito send no Session with SRP answers: the secret block, or the user
    # and device, say which sign-in they continue.
    found = None
    if name in ("PASSWORD_VERIFIER", "DEVICE_PASSWORD_VERIFIER"):
        checks.require(responses, ("PASSWORD_CLAIM_SECRET_BLOCK",))
        found = store.find_by_secret_block(responses["PASSWORD_CLAIM_SECRET_BLOCK"], si.client.id)
        if found is None:
            raise NotAuthorizedException(EXPIRED)
    elif name == "DEVICE_SRP_AUTH":
        checks.require(responses, ("USERNAME", "DEVICE_KEY"))
        user = directory.lookup(si.pool, responses["USERNAME"])
        if user is not None:
            found = store.find_waiting(si.client.id, user.username, name, responses["DEVICE_KEY"])
        if found is None:
            raise NotAuthorizedException(EXPIRED)
    if found is None:
        raise InvalidParameterException("Missing required parameter Session")
    return found


def _user_of(si: SignIn, state: ChallengeSession, given: str) -> Optional[User]:
    """The user of the session (None for a simulated one); USERNAME must designate them."""
    if not state.user_exists:
        return None
    user = si.pool.users.get(si.pool.user_key(state.username))
    if user is None:  # deleted since the sign-in started
        if checks.prevents_user_existence_errors(si.client):
            raise checks.unknown_user()
        raise UserNotFoundException(checks.USER_NOT_FOUND)
    if directory.lookup(si.pool, given) is not user:
        raise NotAuthorizedException(checks.INCORRECT)  # the wording is unconfirmed
    return user


def _known(user: Optional[User]) -> User:
    if user is None:
        raise checks.unknown_user()
    return user


# -- the handlers --------------------------------------------------------------------------------


def _password_verifier(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    checks.require(r, ("PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"))
    user = _known(user)
    checks.check_may_try(si.client, user)
    if not _proof_ok(state, srp.pool_suffix(si.pool.id), user.username, r):
        raise checks.record_failure(si.pool, user)
    checks.passed(si.pool, user)
    note_device(si, state, user, r.get("DEVICE_KEY"))
    return passed_first_factor(si, state, user, "PASSWORD_VERIFIER", sid)


def _proof_ok(state: ChallengeSession, prefix: str, identity: str, r: Mapping[str, str]) -> bool:
    block = r["PASSWORD_CLAIM_SECRET_BLOCK"]
    return (
        state.srp is not None
        and block == state.secret_block
        and srp.timestamp_valid(r["TIMESTAMP"], clock.now())
        and srp.signature_matches(
            state.srp.key, prefix, identity, block, r["TIMESTAMP"], r["PASSWORD_CLAIM_SIGNATURE"]
        )
    )


def _new_password(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    if not r.get("NEW_PASSWORD"):
        raise InvalidParameterException(NEW_PASSWORD_KEY)
    given = {
        k[len("userAttributes.") :]: v for k, v in r.items() if k.startswith("userAttributes.")
    }
    for name in si.pool.required_attributes:
        if not user.attributes.get(name) and not given.get(name):
            raise InvalidParameterException(f"Invalid attributes given, {name} is missing")
    attributes.check_client_writes(si.client.id, given, si.client.write_attributes)
    attributes.check_values(si.pool, given, user)
    directory.check_password(si.pool, user, r["NEW_PASSWORD"])
    if given:
        directory.update_attributes(si.pool, user, given)
    directory.set_password(si.pool, user, r["NEW_PASSWORD"], permanent=True)
    state.history.append(("NEW_PASSWORD_REQUIRED", True))
    return advance(si, state, user, sid)


def _mfa_code(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    key = mfa.CODE_KEY[state.challenge]
    checks.require(r, (key,))
    mfa.check_factor(user, state.challenge, r[key])
    state.history.append((state.challenge, True))
    return advance(si, state, user, sid)


def _email_otp(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Step:
    """EMAIL_OTP is a passwordless first factor (USER_AUTH) or MFA after a password."""
    if passwordless.is_first_factor(state):
        return passwordless.answer_code(si, sid, state, user, r)
    return _mfa_code(si, sid, state, user, r)


def _select_mfa_type(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    checks.require(r, ("ANSWER",))
    if r["ANSWER"] not in state.choices:
        raise InvalidParameterException(f"Invalid MFA type {r['ANSWER']}.")  # unconfirmed
    return send_mfa(si, state, user, r["ANSWER"], sid)


def _mfa_setup(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    if not state.totp_verified:
        # The service's wording is unconfirmed.
        raise InvalidParameterException("Software token MFA has not been set up for this session.")
    user.mfa_enabled.add(mfa.SOFTWARE_TOKEN)
    if user.mfa_preferred is None:
        user.mfa_preferred = mfa.SOFTWARE_TOKEN
    state.history.append(("MFA_SETUP", True))
    return advance(si, state, user, sid)


def _device_srp(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    checks.require(r, ("DEVICE_KEY", "SRP_A"))
    device = user.devices.confirmed(r["DEVICE_KEY"])
    a = srp.parse_a(r["SRP_A"])
    if device.key != state.device_key or a is None or device.verifier is None:
        raise NotAuthorizedException(checks.INCORRECT)  # the wording is unconfirmed
    exchange = srp.start(a, device.verifier)
    state.srp = exchange
    parameters = {
        "SALT": exchange.salt_hex,
        "SECRET_BLOCK": srp.new_secret_block(),
        "SRP_B": exchange.b_hex,
        "USERNAME": user.username,
        "DEVICE_KEY": device.key,
    }
    return open_challenge(si, state, "DEVICE_PASSWORD_VERIFIER", parameters, sid)


def _device_verifier(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    user = _known(user)
    checks.require(r, ("PASSWORD_CLAIM_SIGNATURE", "PASSWORD_CLAIM_SECRET_BLOCK", "TIMESTAMP"))
    device = user.devices.confirmed(state.device_key or "")
    if not _proof_ok(state, device.group_key, device.key, r):
        raise NotAuthorizedException(checks.INCORRECT)
    state.device_authenticated = True
    state.history.append(("DEVICE_PASSWORD_VERIFIER", True))
    return advance(si, state, user, sid)


def _select_challenge(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> Outcome:
    checks.require(r, ("ANSWER",))
    if r["ANSWER"] not in state.choices:
        raise InvalidParameterException(f"Invalid challenge answer {r['ANSWER']}.")  # unconfirmed
    return answer_first_factor(si, state, user, r["ANSWER"], r, sid)


HANDLERS: Dict[str, Handler] = {
    "PASSWORD_VERIFIER": _password_verifier,
    "NEW_PASSWORD_REQUIRED": _new_password,
    "SMS_MFA": _mfa_code,
    "EMAIL_OTP": _email_otp,
    "SMS_OTP": passwordless.answer_code,
    "WEB_AUTHN": passkey_signin.answer,
    "SOFTWARE_TOKEN_MFA": _mfa_code,
    "SELECT_MFA_TYPE": _select_mfa_type,
    "MFA_SETUP": _mfa_setup,
    "DEVICE_SRP_AUTH": _device_srp,
    "DEVICE_PASSWORD_VERIFIER": _device_verifier,
    "SELECT_CHALLENGE": _select_challenge,
    "CUSTOM_CHALLENGE": custom_auth.answer,
}
