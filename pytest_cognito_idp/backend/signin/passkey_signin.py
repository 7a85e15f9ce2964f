"""Signing in with a passkey: USER_AUTH's ``WEB_AUTHN`` first factor.

The challenge carries ``CREDENTIAL_REQUEST_OPTIONS``, the JSON of PublicKeyCredentialRequestOptions
(a fresh random challenge, the relying party, the user's passkeys as ``allowCredentials``, the
pool's ``UserVerification``); the client answers with ``CREDENTIAL``, the JSON of the browser's
AuthenticationResponseJSON. The answer is verified as a relying party must (W3C WebAuthn level 2,
section 7.2): the credential is one of the user's registered passkeys and one the options allowed,
the client data is a ``webauthn.get`` for this challenge from an origin of the relying party, the
authenticator data hashes the relying party ID and says the user was present (and verified, when
the pool requires it), the signature over authenticator data and client data hash verifies with the
registered key, and the signature counter went up (when the authenticator keeps one).

The service model lists no WebAuthn* error for RespondToAuthChallenge: a refused passkey is
NotAuthorizedException (the wordings are unconfirmed), a malformed answer InvalidParameterException.
"""

from __future__ import annotations

import hashlib
import json
import os
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional

from ...errors import InvalidParameterException, NotAuthorizedException
from ..model.users import User
from . import checks, passkeys, steps
from .challenge_sessions import ChallengeSession

if TYPE_CHECKING:
    from ..model.pools import UserPool
    from .steps import Challenge, FirstFactorPassed, SignIn

WEB_AUTHN = "WEB_AUTHN"
OPTIONS_KEY = "CREDENTIAL_REQUEST_OPTIONS"
REFUSED = "The passkey credential could not be verified."  # unconfirmed wording


def relying_party_id(pool: UserPool, user: User) -> str:
    """The relying party the sign-in asks for: the pool's ``RelyingPartyId``, else the one the
    user's passkeys were registered for (the pool's domain at the time)."""
    configured = pool.mfa_factors.relying_party_id
    if configured:
        return configured
    return next(iter(user.passkeys.values())).relying_party_id


def user_verification(pool: UserPool) -> str:
    return pool.mfa_factors.user_verification


def request_options(
    si: SignIn, state: ChallengeSession, user: Optional[User], previous: Optional[str] = None
) -> Challenge:
    """The WEB_AUTHN challenge: request options naming the user's passkeys."""
    if user is None or not user.passkeys:
        raise NotAuthorizedException(checks.INCORRECT)  # the wording is unconfirmed
    checks.check_may_try(si.client, user)
    rp_id = relying_party_id(si.pool, user)
    options = {
        "challenge": passkeys.b64url(os.urandom(32)),
        "timeout": si.client.auth_session_seconds * 1000,
        "rpId": rp_id,
        "allowCredentials": [
            {"id": p.id, "type": "public-key", "transports": list(p.transports)}
            for p in user.passkeys.values()
            if p.relying_party_id == rp_id
        ],
        "userVerification": user_verification(si.pool),
    }
    parameters = {OPTIONS_KEY: json.dumps(options, separators=(",", ":"))}
    return steps.open_challenge(si, state, WEB_AUTHN, parameters, previous)


def answer(
    si: SignIn, sid: str, state: ChallengeSession, user: Optional[User], r: Mapping[str, str]
) -> FirstFactorPassed:
    """RespondToAuthChallenge WEB_AUTHN: verify the assertion; the sign-in goes on without MFA."""
    checks.require(r, ("CREDENTIAL",))
    if user is None:
        raise NotAuthorizedException(REFUSED)
    checks.check_may_try(si.client, user)
    options = json.loads(state.parameters[OPTIONS_KEY])
    verify(user, options, _credential(r["CREDENTIAL"]), user_verification(si.pool))
    checks.passed(si.pool, user)
    return steps.FirstFactorPassed(state, user, WEB_AUTHN, sid)


def _credential(text: str) -> Dict[str, Any]:
    try:
        value = json.loads(text)
    except ValueError:
        value = None
    if not isinstance(value, dict):
        # The service's wording is unconfirmed.
        raise InvalidParameterException("CREDENTIAL must be a JSON AuthenticationResponseJSON.")
    return value


def verify(
    user: User, options: Mapping[str, Any], credential: Mapping[str, Any], verification: str
) -> passkeys.Passkey:
    """Check an assertion against the request ``options``; the passkey, its counter updated."""
    passkey = _passkey_of(user, options, credential)
    response = credential.get("response")
    if not isinstance(response, dict):
        raise InvalidParameterException("Invalid passkey credential: response is missing.")
    client_data_raw = _bytes(response.get("clientDataJSON"), "clientDataJSON")
    auth_data = _bytes(response.get("authenticatorData"), "authenticatorData")
    signature = _bytes(response.get("signature"), "signature")
    _check_client_data(client_data_raw, options, passkey.relying_party_id)
    _check_user_handle(user, response.get("userHandle"))
    if len(auth_data) < 37:
        raise InvalidParameterException("Invalid passkey credential: authData is too short.")
    if auth_data[:32] != hashlib.sha256(passkey.relying_party_id.encode()).digest():
        raise NotAuthorizedException(REFUSED)  # signed for another relying party
    flags = auth_data[32]
    if not flags & passkeys.USER_PRESENT:
        raise NotAuthorizedException(REFUSED)
    if verification == "required" and not flags & passkeys.USER_VERIFIED:
        raise NotAuthorizedException(REFUSED)
    algorithm, key = passkeys.public_key(passkey.cose_key)
    signed = auth_data + hashlib.sha256(client_data_raw).digest()
    if not passkeys.verifies(key, algorithm, signature, signed):
        raise NotAuthorizedException(REFUSED)
    count = int.from_bytes(auth_data[33:37], "big")
    if (count or passkey.sign_count) and count <= passkey.sign_count:
        # A counter that did not go up: a cloned authenticator, or a replayed assertion.
        raise NotAuthorizedException(REFUSED)
    passkey.sign_count = count
    return passkey


def _passkey_of(
    user: User, options: Mapping[str, Any], credential: Mapping[str, Any]
) -> passkeys.Passkey:
    """The user's passkey the assertion names; another user's, a deleted or an unknown one is
    refused, and so is one the options did not allow."""
    if credential.get("type", "public-key") != "public-key":
        raise InvalidParameterException("Invalid passkey credential: type is not public-key.")
    raw_id = credential.get("rawId", credential.get("id"))
    credential_id = passkeys.b64url(_bytes(raw_id, "rawId"))
    if credential.get("id", credential_id) != credential_id:
        raise InvalidParameterException("Invalid passkey credential: id is not rawId.")
    allowed: List[str] = [str(c.get("id")) for c in options.get("allowCredentials") or []]
    passkey = user.passkeys.get(credential_id)
    if passkey is None or credential_id not in allowed:
        raise NotAuthorizedException(REFUSED)
    return passkey


def _bytes(text: Any, what: str) -> bytes:
    return passkeys.unb64url(text, what)  # InvalidParameterException when not base64url


def _check_client_data(raw: bytes, options: Mapping[str, Any], rp_id: str) -> None:
    try:
        data = json.loads(raw)
    except ValueError:
        data = None
    if not isinstance(data, dict) or data.get("type") != "webauthn.get":
        raise InvalidParameterException(
            "Invalid passkey credential: clientDataJSON is not of type webauthn.get."
        )
    if data.get("challenge") != options.get("challenge"):
        raise NotAuthorizedException(REFUSED)  # an answer to another challenge
    origin = data.get("origin")
    if not isinstance(origin, str) or not passkeys.origin_allowed(origin, rp_id):
        raise NotAuthorizedException(REFUSED)


def _check_user_handle(user: User, handle: Any) -> None:
    """A discoverable credential's user handle is the user ID registration gave: the sub."""
    if handle in (None, ""):
        return
    if _bytes(handle, "userHandle") != user.sub.encode():
        raise NotAuthorizedException(REFUSED)
