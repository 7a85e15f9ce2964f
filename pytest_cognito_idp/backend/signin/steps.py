"""What every step of a sign-in is made of: where the sign-in happens (``SignIn``), what a step
answers (``Outcome``: a ``Challenge`` the client must answer, with a new Session, the ``Tokens`` of
a completed sign-in, or a managed login's ``SignedIn``), and the primitives the flows and the
factor modules share: a new challenge session, the device a client names, sending a challenge,
starting SRP.

This module sits below the flows (backend/signin/flows.py, challenges.py) and the factor modules
(custom_auth.py, passwordless.py, passkey_signin.py), which all build on it. A factor module never
calls back up into the flows: once its factor passed it returns a record (``FirstFactorPassed``,
``ChallengesPassed``) and ``flows.proceed`` turns it into the sign-in's next step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Callable, Dict, List, Optional, Union

import attrs

from ... import clock
from ...errors import InvalidParameterException
from .. import lambdas
from ..core import srp
from ..model.clients import AppClient
from ..model.pools import UserPool
from ..model.users import User
from ..tokens import issuing
from . import checks
from .challenge_sessions import ChallengeSession

if TYPE_CHECKING:
    from ..state import Backend

# USER_AUTH's password factors, in the order the service lists them (observed).
PASSWORD_FACTORS = ("PASSWORD_SRP", "PASSWORD")


@attrs.frozen
class Challenge:
    name: str
    parameters: Dict[str, str]
    session: str
    available: Optional[List[str]] = None


@attrs.frozen
class SignedIn:
    """A managed login sign-in that passed every challenge: the domain issues the tokens (an
    authorization code or the implicit grant), not the sign-in."""

    user: User
    auth_time: float


Outcome = Union[Challenge, issuing.Tokens, SignedIn]


@attrs.frozen
class SignIn:
    """Where a sign-in happens: the fake, the pool, the app client, and which API."""

    backend: Backend
    pool: UserPool
    client: AppClient
    admin: bool
    # The request's ClientMetadata: InitiateAuth's reaches PreAuthentication and UserMigration as
    # ``validationData``, RespondToAuthChallenge's the other triggers as ``clientMetadata``.
    validation_data: Optional[Dict[str, str]] = None
    client_metadata: Optional[Dict[str, str]] = None
    # Managed login (backend/oauth/managed_login.py): once every challenge passed, the domain
    # takes over (an authorization code, its own triggers) instead of ``finish`` issuing tokens.
    hosted: Optional[Callable[[ChallengeSession, User], SignedIn]] = None

    def trigger(
        self,
        name: str,
        source: str,
        user_name: Optional[str],
        request: Dict[str, Any],
        response: Optional[Dict[str, Any]] = None,
    ) -> Dict[str, Any]:
        """Run the pool's ``name`` trigger for this sign-in's app client (``lambdas.invoke``)."""
        return lambdas.invoke(
            self.backend,
            self.pool,
            name,
            source,
            user_name=user_name,
            client_id=self.client.id,
            request=request,
            response=response,
        )


@attrs.frozen
class FirstFactorPassed:
    """A factor module's word that the sign-in's first factor passed (a sign-in code, a passkey,
    the sign-up hand-over): the flow goes on with DefineAuthChallenge (CUSTOM_AUTH) or the shared
    steps (new password, device, MFA, tokens). ``previous``: the Session used up."""

    state: ChallengeSession
    user: User
    factor: str
    previous: Optional[str] = None


@attrs.frozen
class ChallengesPassed:
    """Every challenge of custom authentication passed (DefineAuthChallenge issues tokens): the
    shared steps follow (new password, device, MFA, tokens). ``previous``: the Session used up."""

    state: ChallengeSession
    user: User
    previous: Optional[str] = None


# A factor module's word that its part passed, which ``flows.proceed`` carries on from.
Passed = Union[FirstFactorPassed, ChallengesPassed]


def new_state(
    si: SignIn, flow: str, user: Optional[User], name: str, device_key: Optional[str]
) -> ChallengeSession:
    """The challenge session of a sign-in that starts (a simulated one for an unknown user)."""
    if user is None:
        simulated_id, _ = srp.simulated_identity(si.pool.id, name)
        return ChallengeSession(
            si.pool.id, si.client.id, simulated_id, flow, si.admin, "", 0.0, user_exists=False
        )
    state = ChallengeSession(si.pool.id, si.client.id, user.username, flow, si.admin, "", 0.0)
    note_device(si, state, user, device_key)
    return state


def note_device(si: SignIn, state: ChallengeSession, user: User, device_key: Optional[str]) -> None:
    """Remember the DEVICE_KEY a client sent when it names a confirmed device of the user.

    A key the pool does not know is ignored: the sign-in gets a new device (unconfirmed).
    """
    if device_key and si.pool.config.devices is not None:
        device = user.devices.by_key.get(device_key)
        if device is not None and device.confirmed:
            state.device_key = device_key


def open_challenge(
    si: SignIn,
    state: ChallengeSession,
    name: str,
    parameters: Dict[str, str],
    previous: Optional[str] = None,
    available: Optional[List[str]] = None,
) -> Challenge:
    """Send ``name``: the state is kept under a new Session; ``previous`` is used up."""
    store = si.backend.challenge_sessions
    if previous is not None:
        store.close(previous)
    state.challenge = name
    state.parameters = parameters
    state.expires = clock.now() + si.client.auth_session_seconds
    return Challenge(name, parameters, store.open(state), available)


def start_srp(
    si: SignIn,
    state: ChallengeSession,
    user: Optional[User],
    srp_a: str,
    previous: Optional[str] = None,
) -> Challenge:
    """USER_SRP_AUTH's first step: PASSWORD_VERIFIER with the server's half of the exchange."""
    a = srp.parse_a(srp_a)
    if a is None:
        raise InvalidParameterException("Invalid SRP_A value.")  # the wording is unconfirmed
    if user is not None:
        checks.check_may_try(si.client, user)
    if user is not None and user.password is not None:
        verifier = srp.password_verifier(si.pool.id, user.username, user.password)
    else:
        # Unknown users get a stable simulated challenge no proof can answer.
        verifier = srp.simulated_identity(si.pool.id, state.username)[1]
    exchange = srp.start(a, verifier)
    state.srp = exchange
    parameters = {
        "SALT": exchange.salt_hex,
        "SECRET_BLOCK": srp.new_secret_block(),
        "SRP_B": exchange.b_hex,
        "USERNAME": state.username,
        "USER_ID_FOR_SRP": state.username,
    }
    return open_challenge(si, state, "PASSWORD_VERIFIER", parameters, previous)
