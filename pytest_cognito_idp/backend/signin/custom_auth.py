"""CUSTOM_AUTH: the DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse loop.

InitiateAuth (or AdminInitiateAuth) with ``CUSTOM_AUTH`` asks DefineAuthChallenge what comes
first. ``CUSTOM_CHALLENGE`` runs CreateAuthChallenge: its public parameters (with ``USERNAME``)
go to the client, its private ones wait for VerifyAuthChallengeResponse, which judges the
client's ``ANSWER``; DefineAuthChallenge then sees the whole session and decides again, until it
issues tokens (the sign-in's usual end: new password, MFA, PostAuthentication, tokens) or fails
the sign-in. With ``CHALLENGE_NAME: SRP_A`` the session starts with ``SRP_A`` passed, and
DefineAuthChallenge may ask for ``PASSWORD_VERIFIER`` (the user's password, by SRP) first.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Union

from ...errors import (
    InvalidLambdaResponseException,
    InvalidParameterException,
    NotAuthorizedException,
    UserNotConfirmedException,
)
from .. import lambdas
from . import auth_triggers, checks, steps

if TYPE_CHECKING:
    from ..model.users import User
    from .challenge_sessions import ChallengeSession

DEFINE = "DefineAuthChallenge_Authentication"
CREATE = "CreateAuthChallenge_Authentication"
VERIFY = "VerifyAuthChallengeResponse_Authentication"
CUSTOM_CHALLENGE = "CUSTOM_CHALLENGE"
# observed: amplify-js#5623 (text); InvalidParameterException per client code matching it.
NOT_CONFIGURED = "Custom auth lambda trigger is not configured for the user pool."
# A step of the loop: the next challenge, or DefineAuthChallenge's word that the challenges passed
# (backend/signin/flows.py's ``proceed`` goes on from there).
Step = Union[steps.Challenge, steps.ChallengesPassed]


def start(si: steps.SignIn, params: Mapping[str, str]) -> Step:
    """InitiateAuth's CUSTOM_AUTH, once the flow, parameters and secret hash passed."""
    if not lambdas.configured(si.pool, "DefineAuthChallenge"):
        raise InvalidParameterException(NOT_CONFIGURED)
    name = params["USERNAME"]
    srp_first = params.get("CHALLENGE_NAME") == "SRP_A"
    if srp_first:
        checks.require(params, ("SRP_A",))
    user = auth_triggers.migrate_or_find_user(si, "CUSTOM_AUTH", name, params)
    if user is not None:
        checks.check_may_try(si.client, user)
        if user.status == "UNCONFIRMED":
            raise UserNotConfirmedException(checks.NOT_CONFIRMED)
    state = steps.new_state(si, "CUSTOM_AUTH", user, name, params.get("DEVICE_KEY"))
    if srp_first:
        state.history.append(("SRP_A", True))
    return _define(si, state, user, None, params.get("SRP_A") if srp_first else None)


def define_next(
    si: steps.SignIn, state: ChallengeSession, user: Optional[User], previous: Optional[str]
) -> Step:
    """A challenge of the loop was answered (a custom one, or PASSWORD_VERIFIER): ask
    DefineAuthChallenge what follows."""
    return _define(si, state, user, previous, None)


def answer(
    si: steps.SignIn,
    session_id: str,
    state: ChallengeSession,
    user: Optional[User],
    responses: Mapping[str, str],
) -> Step:
    """RespondToAuthChallenge's CUSTOM_CHALLENGE: VerifyAuthChallengeResponse judges ``ANSWER``."""
    checks.require(responses, ("ANSWER",))
    request = _common(si, state, user)
    request["privateChallengeParameters"] = dict(state.private_parameters)
    request["challengeAnswer"] = responses["ANSWER"]
    response = si.trigger(
        "VerifyAuthChallengeResponse", VERIFY, state.username, request, {"answerCorrect": False}
    )
    correct = lambdas.flag(response, "answerCorrect")
    if state.challenge_metadata is not None:
        state.history_metadata[len(state.history)] = state.challenge_metadata
    state.history.append((CUSTOM_CHALLENGE, correct))
    return _define(si, state, user, session_id, None)


# -- the loop ------------------------------------------------------------------------------------


def _session(state: ChallengeSession) -> List[Dict[str, Any]]:
    return [
        {
            "challengeName": name,
            "challengeResult": passed,
            "challengeMetadata": state.history_metadata.get(i),
        }
        for i, (name, passed) in enumerate(state.history)
    ]


def _common(si: steps.SignIn, state: ChallengeSession, user: Optional[User]) -> Dict[str, Any]:
    request = auth_triggers.user_event_fields(si, user)
    request["session"] = _session(state)
    if si.client_metadata is not None:
        request["clientMetadata"] = dict(si.client_metadata)
    return request


def _define(
    si: steps.SignIn,
    state: ChallengeSession,
    user: Optional[User],
    previous: Optional[str],
    srp_a: Optional[str],
) -> Step:
    response = si.trigger(
        "DefineAuthChallenge",
        DEFINE,
        state.username,
        _common(si, state, user),
        {"challengeName": None, "issueTokens": False, "failAuthentication": False},
    )
    challenge = lambdas.text(response, "challengeName")
    if lambdas.flag(response, "failAuthentication"):
        _end(si, previous)
        raise NotAuthorizedException(checks.INCORRECT)  # the wording is unconfirmed
    if lambdas.flag(response, "issueTokens"):
        if user is None:
            _end(si, previous)
            raise checks.unknown_user()
        return steps.ChallengesPassed(state, user, previous)
    if challenge == CUSTOM_CHALLENGE:
        return _create(si, state, user, previous)
    if challenge == "PASSWORD_VERIFIER" and srp_a is not None:
        return steps.start_srp(si, state, user, srp_a, previous)
    # Neither tokens, nor failure, nor a challenge this point of the flow can send.
    raise InvalidLambdaResponseException(lambdas.UNRECOGNIZABLE)


def _create(
    si: steps.SignIn, state: ChallengeSession, user: Optional[User], previous: Optional[str]
) -> Step:
    request = _common(si, state, user)
    request["challengeName"] = CUSTOM_CHALLENGE
    response = si.trigger(
        "CreateAuthChallenge",
        CREATE,
        state.username,
        request,
        {
            "publicChallengeParameters": None,
            "privateChallengeParameters": None,
            "challengeMetadata": None,
        },
    )
    public = lambdas.string_map(response, "publicChallengeParameters") or {}
    private = lambdas.string_map(response, "privateChallengeParameters") or {}
    state.private_parameters = private
    state.challenge_metadata = lambdas.text(response, "challengeMetadata")
    parameters = {**public, "USERNAME": state.username}
    return steps.open_challenge(si, state, CUSTOM_CHALLENGE, parameters, previous)


def _end(si: steps.SignIn, previous: Optional[str]) -> None:
    if previous is not None:
        si.backend.challenge_sessions.close(previous)
