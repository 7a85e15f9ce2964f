"""Managed login: signing a user in on the domain's pages, whatever the client's
ExplicitAuthFlows (those govern the API).

The pages run the API's sign-in machinery (backend/signin/): the password check with its lockout,
UserMigration and PreAuthentication, then the challenges AWS raises on the pages (new password
for FORCE_CHANGE_PASSWORD, SMS / email / TOTP codes, MFA setup where the pool requires MFA).
Once every challenge passed, PostAuthentication runs and the domain takes over (an authorization
code or, for the implicit grant, tokens) instead of the API's ``finish``.

Choice-based sign-in: where the app client allows ``ALLOW_USER_AUTH`` and the pool's SignInPolicy
allows a first factor besides the password, "Amazon Cognito prompts users to select a sign-in
method from the available options" [DG:authentication-flows-selection-managedlogin]: the sign-in
form asks for the username only, and ``start_choice`` runs the API's ``USER_AUTH`` (the same
AvailableChallenges, codes, passkey checks and retry rules as InitiateAuth): the choice page
(SELECT_CHALLENGE) when several factors are available, else the only one straight away. The
password factors (PASSWORD, PASSWORD_SRP) are one choice on the page: a browser sends the password.

A step answers ``Page`` (what to show next: a challenge and its Session, or the sign-in form
again with the error the API would have given) or ``SignedIn``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Dict, List, Mapping, Optional, Union

import attrs

from ... import clock
from ...errors import CognitoError
from ..core import totp
from ..model.users import User
from ..signin import (
    auth_events,
    auth_triggers,
    challenges,
    checks,
    flows,
    mfa,
    passwordless,
    sign_in_policy,
    steps,
)
from ..signin.challenge_sessions import ChallengeSession

if TYPE_CHECKING:
    from ..model.clients import AppClient
    from ..model.pools import UserPool
    from ..state import Backend

LOGIN = "login"
SELECT_CHALLENGE = "SELECT_CHALLENGE"
# The page that asks for the password once it was chosen (no challenge of its own: the answer to
# SELECT_CHALLENGE carries ANSWER=PASSWORD and the PASSWORD).
PASSWORD = "PASSWORD"
# What each challenge page's form field answers.
ANSWER_KEYS = {
    "NEW_PASSWORD_REQUIRED": "NEW_PASSWORD",
    "SMS_MFA": "SMS_MFA_CODE",
    "EMAIL_OTP": "EMAIL_OTP_CODE",
    "SMS_OTP": "SMS_OTP_CODE",
    "SOFTWARE_TOKEN_MFA": "SOFTWARE_TOKEN_MFA_CODE",
    "SELECT_MFA_TYPE": "ANSWER",
    SELECT_CHALLENGE: "ANSWER",
    "WEB_AUTHN": "CREDENTIAL",
}
PAGES = frozenset(ANSWER_KEYS) | {"MFA_SETUP"}


@attrs.frozen
class Page:
    name: str  # LOGIN or a challenge name
    session: Optional[str] = None
    parameters: Dict[str, str] = attrs.field(factory=dict)
    error: Optional[str] = None
    # SELECT_CHALLENGE's factors as the page offers them (one PASSWORD for both password factors).
    choices: List[str] = attrs.field(factory=list)


# Every challenge passed: the user and when they signed in (backend/signin/steps.py).
SignedIn = steps.SignedIn

Step = Union[Page, SignedIn]


def _sign_in(backend: Backend, pool: UserPool, client: AppClient) -> steps.SignIn:
    def hosted(state: ChallengeSession, user: User) -> SignedIn:
        si = steps.SignIn(backend, pool, client, admin=False)
        auth_triggers.post_authentication(si, user, new_device_used=False)
        now = clock.now()
        auth_events.record_sign_in(pool, user, True, auth_events.challenges_of(state.history), now)
        return SignedIn(user, now)

    return steps.SignIn(backend, pool, client, admin=False, hosted=hosted)


def _step(outcome: steps.Outcome) -> Step:
    if isinstance(outcome, steps.Challenge):
        if outcome.name not in PAGES:
            # Custom challenges and device SRP have no managed login page.
            return Page(LOGIN, error=f"The {outcome.name} challenge is not supported here.")
        choices = page_choices(outcome.available or [])
        return Page(outcome.name, outcome.session, dict(outcome.parameters), choices=choices)
    # Managed login's sign-ins end in ``hosted``, never in tokens.
    assert isinstance(outcome, SignedIn)
    return outcome


def sign_in(
    backend: Backend, pool: UserPool, client: AppClient, username: str, password: str
) -> Step:
    """The sign-in form: a wrong password, a locked-out or disabled user... give the form again
    with the API's message."""
    if not username or not password:
        return Page(LOGIN, error="Username and password are required.")  # unconfirmed wording
    si = _sign_in(backend, pool, client)
    try:
        user = auth_triggers.migrate_or_find_user(
            si, "USER_PASSWORD_AUTH", username, {"PASSWORD": password}
        )
        if user is None:
            raise checks.unknown_user()
        checks.check_password(pool, client, user, password)
        state = ChallengeSession(
            pool.id, client.id, user.username, "USER_PASSWORD_AUTH", False, "", 0.0
        )
        return _step(flows.passed_first_factor(si, state, user, "PASSWORD"))
    except CognitoError as exc:
        return Page(LOGIN, error=str(exc))


def choice_based(pool: UserPool, client: AppClient) -> bool:
    """Whether the pages sign in by choice (USER_AUTH): the client allows it and the pool allows a
    first factor besides the password."""
    factors = sign_in_policy.allowed(pool)
    return client.allows("ALLOW_USER_AUTH") and any(f in passwordless.FACTORS for f in factors)


def page_choices(available: List[str]) -> List[str]:
    """AvailableChallenges as the choice page offers them: the password factors as one."""
    out: List[str] = []
    for factor in available:
        shown = PASSWORD if factor in steps.PASSWORD_FACTORS else factor
        if shown not in out:
            out.append(shown)
    return out


def start_choice(backend: Backend, pool: UserPool, client: AppClient, username: str) -> Step:
    """The username of a choice-based sign-in form: InitiateAuth USER_AUTH. Several factors give
    the choice page; a single one is chosen for the user (the password page, a code sent, the
    passkey page)."""
    if not username:
        return Page(LOGIN, error="Username is required.")  # unconfirmed wording
    si = _sign_in(backend, pool, client)
    params = {"USERNAME": username}
    if client.secret is not None:  # the domain signs in on the client's behalf
        params["SECRET_HASH"] = client.secret_hashes(username)[0]
    try:
        step = _step(flows.initiate(si, "USER_AUTH", params))
    except CognitoError as exc:
        return Page(LOGIN, error=str(exc))
    if isinstance(step, Page) and step.name == SELECT_CHALLENGE and step.session is not None:
        if step.choices == [PASSWORD]:
            return attrs.evolve(step, name=PASSWORD)
        if len(step.choices) == 1:
            return respond(backend, pool, client, SELECT_CHALLENGE, step.session, step.choices[0])
    return step


def respond(
    backend: Backend,
    pool: UserPool,
    client: AppClient,
    name: str,
    session: str,
    answer: str,
    attributes: Optional[Mapping[str, str]] = None,
    password: str = "",
) -> Step:
    """A challenge page's form: ``answer`` is its field (``code``, ``new_password``, the MFA
    type or first factor picked, the passkey ``credential``). A wrong answer shows the page
    again, with the same Session, and the error (the API's retry rules decide how often)."""
    try:
        session, state = backend.challenge_sessions.find(session, client.id)
    except CognitoError as exc:
        return Page(LOGIN, error=str(exc))
    if state.challenge != name or name not in PAGES:
        return Page(LOGIN, error="Invalid session for the user.")
    choices = page_choices(state.choices) if name == SELECT_CHALLENGE else []
    if name == SELECT_CHALLENGE and answer == PASSWORD and not password:
        return Page(PASSWORD, session, choices=choices)  # chosen: now the password page
    si = _sign_in(backend, pool, client)
    try:
        if name == "MFA_SETUP":
            _verify_setup(pool, state, answer)
            responses = {"USERNAME": state.username}
        else:
            responses = {"USERNAME": state.username, ANSWER_KEYS[name]: answer}
            for key, value in (attributes or {}).items():
                if name == "NEW_PASSWORD_REQUIRED" and value:
                    responses[f"userAttributes.{key}"] = value
        if name == SELECT_CHALLENGE and answer == PASSWORD:
            responses["PASSWORD"] = password
        if client.secret is not None:  # the domain signs in on the client's behalf
            responses["SECRET_HASH"] = client.secret_hashes(state.username)[0]
        return _step(challenges.respond(si, name, session, responses))
    except CognitoError as exc:
        shown = PASSWORD if name == SELECT_CHALLENGE and answer == PASSWORD else name
        if challenge_of(backend, client, session) is None:
            # The API closed the session (too many wrong codes, an expired code): start again.
            return Page(LOGIN, error=str(exc))
        return Page(shown, session, dict(state.parameters), str(exc), choices)


def challenge_of(backend: Backend, client: AppClient, session: str) -> Optional[str]:
    """The challenge a live Session of ``client`` waits for."""
    try:
        return backend.challenge_sessions.find(session, client.id)[1].challenge
    except CognitoError:
        return None


def setup_secret(backend: Backend, session: str) -> str:
    """The TOTP secret the MFA setup page shows (AssociateSoftwareToken for the session)."""
    _, state = backend.challenge_sessions.find(session, None)
    if state.totp_secret is None:
        state.totp_secret = totp.new_secret()
        state.totp_verified = False
    return state.totp_secret


def _verify_setup(pool: UserPool, state: ChallengeSession, code: str) -> None:
    """VerifySoftwareToken for the session: the code enrols the secret as the user's."""
    user = pool.users.get(pool.user_key(state.username))
    if user is None:
        raise checks.unknown_user()
    step = mfa.verify_new_secret(state.totp_secret, code)
    mfa.enroll(user, str(state.totp_secret), step)
    state.totp_verified = True


def user_of(pool: UserPool, username: str, sub: str) -> Optional[User]:
    """The user a managed login session names, if still there and allowed to sign in."""
    user = pool.users.get(pool.user_key(username))
    if user is None or user.sub != sub or not user.enabled:
        return None
    if user.status not in ("CONFIRMED", "EXTERNAL_PROVIDER"):
        return None
    return user


def answers(name: str, form: Mapping[str, str]) -> str:
    """The form field of a challenge page (contract names: ``code``, ``new_password``)."""
    if name == "NEW_PASSWORD_REQUIRED":
        return form.get("new_password", "")
    if name == "SELECT_MFA_TYPE":
        return form.get("mfa_type", "")
    if name == SELECT_CHALLENGE:
        return form.get("challenge", "")
    if name == "WEB_AUTHN":
        return form.get("credential", "")
    return form.get("code", "")
