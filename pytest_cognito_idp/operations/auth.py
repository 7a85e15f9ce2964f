"""Signing in: InitiateAuth, AdminInitiateAuth, RespondToAuthChallenge,
AdminRespondToAuthChallenge."""

from __future__ import annotations

from typing import Dict

from ..backend.signin.challenges import respond
from ..backend.signin.flows import initiate
from ..backend.signin.steps import Challenge, Outcome, SignedIn, SignIn
from ..errors import ResourceNotFoundException
from . import Context, Params, Result, operation
from .tokens import authentication_result


def _sign_in(ctx: Context, params: Params, admin: bool) -> SignIn:
    if admin:
        pool = ctx.pool(params)
        client = ctx.region.client(params["ClientId"])
        if client.pool_id != pool.id:
            raise ResourceNotFoundException(f"User pool client {client.id} does not exist.")
    else:
        client = ctx.region.client(params["ClientId"])
        pool = ctx.region.pool_of(client)
    metadata = params.get("ClientMetadata")
    if "ChallengeName" in params:  # RespondToAuthChallenge / AdminRespondToAuthChallenge
        return SignIn(ctx.backend, pool, client, admin, client_metadata=metadata)
    return SignIn(ctx.backend, pool, client, admin, validation_data=metadata)


def _response(outcome: Outcome) -> Result:
    if isinstance(outcome, Challenge):
        out: Params = {
            "ChallengeName": outcome.name,
            "Session": outcome.session,
            "ChallengeParameters": outcome.parameters,
        }
        if outcome.available is not None:
            out["AvailableChallenges"] = outcome.available
        return out
    # ``SignedIn`` ends managed login's sign-ins only, never the API's.
    assert not isinstance(outcome, SignedIn)
    return {"ChallengeParameters": {}, "AuthenticationResult": authentication_result(outcome)}


def _strings(params: Params, key: str) -> Dict[str, str]:
    return dict(params.get(key) or {})


@operation("InitiateAuth")
def initiate_auth(ctx: Context, params: Params) -> Result:
    si = _sign_in(ctx, params, admin=False)
    auth_parameters = _strings(params, "AuthParameters")
    return _response(initiate(si, params["AuthFlow"], auth_parameters, params.get("Session")))


@operation("AdminInitiateAuth")
def admin_initiate_auth(ctx: Context, params: Params) -> Result:
    si = _sign_in(ctx, params, admin=True)
    auth_parameters = _strings(params, "AuthParameters")
    return _response(initiate(si, params["AuthFlow"], auth_parameters, params.get("Session")))


@operation("RespondToAuthChallenge")
def respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    si = _sign_in(ctx, params, admin=False)
    responses = _strings(params, "ChallengeResponses")
    return _response(respond(si, params["ChallengeName"], params.get("Session"), responses))


@operation("AdminRespondToAuthChallenge")
def admin_respond_to_auth_challenge(ctx: Context, params: Params) -> Result:
    si = _sign_in(ctx, params, admin=True)
    responses = _strings(params, "ChallengeResponses")
    return _response(respond(si, params["ChallengeName"], params.get("Session"), responses))
