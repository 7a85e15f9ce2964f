"""Managed login over HTTP: the sign-in form and the challenge pages it leads to.

``/login`` takes the authorize request's query (AWS's ``/oauth2/authorize`` redirects there with
it) and keeps it in every form action, so each step can still redirect to the right callback.
A GET of ``/login`` sets the ``XSRF-TOKEN`` cookie that every form's ``_csrf`` field must equal.

For a client that signs in by choice (``ALLOW_USER_AUTH``, backend/oauth/managed_login.py) the
form asks for the username; ``/selectChallenge`` takes the factor chosen (and then the password),
``/mfa`` the one-time codes, ``/passkey`` the assertion (passkey_page.py).
"""

from __future__ import annotations

import json
from typing import Callable, Dict, Tuple, Union
from urllib.parse import quote

from ..backend.model.users import User
from ..backend.oauth import authorization, client_oauth, grants, managed_login
from ..backend.oauth.hosted_sessions import CSRF_COOKIE, SESSION_COOKIE, SESSION_SECONDS
from ..backend.oauth.refusals import OAuthError, PageError
from ..backend.signin import passkey_signin
from ..errors import CognitoError
from . import login_pages as pages
from . import passkey_page
from .exchange import Exchange, html_response, redirect, with_params
from .loopback import HttpResponse

# The page (path) of each challenge's form.
CHALLENGE_PATHS = {
    "NEW_PASSWORD_REQUIRED": "/forceChangePassword",
    "SMS_MFA": "/mfa",
    "EMAIL_OTP": "/mfa",
    "SMS_OTP": "/mfa",
    managed_login.SELECT_CHALLENGE: "/selectChallenge",
    managed_login.PASSWORD: "/selectChallenge",
    "WEB_AUTHN": "/passkey",
    "SOFTWARE_TOKEN_MFA": "/mfa",
    "SELECT_MFA_TYPE": "/selectMfa",
    "MFA_SETUP": "/mfaSetup",
}


def refused(x: Exchange, exc: OAuthError, request: Union[str, None] = None) -> HttpResponse:
    """A refused authorize request: the error page, or the callback with ``error``."""
    if isinstance(exc, PageError):
        query = {"error": exc.error}
        if x.query.get("client_id"):
            query["client_id"] = x.query["client_id"]
        return redirect(x.url("/error", query))
    params = {"error": exc.error}
    if exc.description:
        params["error_description"] = exc.description
    if x.query.get("state") is not None:
        params["state"] = x.query["state"]
    return redirect(with_params(request or x.query["redirect_uri"], params))


def signed_in(
    x: Exchange, request: authorization.AuthorizeRequest, user: User, auth_time: float
) -> HttpResponse:
    """Back to the client's callback with a code or tokens, and the session cookie set.

    A PreTokenGeneration failure (implicit grant) sends the error instead, with no session."""
    try:
        params = grants.authorized(x.backend, x.pool, request, user, auth_time)
    except CognitoError as exc:
        failed = {"error": "invalid_request", "error_description": str(exc)}
        if request.state is not None:
            failed["state"] = request.state
        fragment = request.response_type == "token"
        return redirect(with_params(request.redirect_uri, failed, fragment=fragment))
    key = x.backend.domain.open_session(x.pool.id, user.username, user.sub, auth_time)
    location = with_params(request.redirect_uri, params, fragment=request.response_type == "token")
    return redirect(location, {"Set-Cookie": x.set_cookie(SESSION_COOKIE, key, SESSION_SECONDS)})


def show_login(x: Exchange) -> HttpResponse:
    try:
        authorization.check_request(x.pool, x.query)
    except OAuthError as exc:
        return refused(x, exc)
    csrf, headers = csrf_token(x)
    return html_response(200, _sign_in_page(x, csrf, None), headers)


def csrf_token(x: Exchange) -> Tuple[str, Dict[str, str]]:
    """The browser's CSRF token, or a new one and the header that sets its cookie."""
    csrf = x.cookie(CSRF_COOKIE)
    if csrf is not None and csrf in x.backend.domain.csrf_tokens:
        return csrf, {}
    csrf = x.backend.domain.new_csrf_token()
    return csrf, {"Set-Cookie": x.set_cookie(CSRF_COOKIE, csrf)}


def _sign_in_page(x: Exchange, csrf: str, error: Union[str, None]) -> str:
    """The form for the pool's own users (when the client supports COGNITO), and a link to each
    third-party provider the client supports."""
    client = x.pool.clients[x.query["client_id"]]
    supported = client_oauth.oauth_of(client).identity_providers
    links = {
        f"Sign in with {name}": x.url("/oauth2/authorize", {**x.query, "identity_provider": name})
        for name in supported
        if name != client_oauth.COGNITO
    }
    if client_oauth.COGNITO not in supported:
        # Observed (classic hosted UI) for a client with no way to sign in.
        none = "Login option is not available. Please try another one"
        return pages.providers_only(error or (None if links else none), links)
    links["Sign up"] = x.url("/signup", x.query)
    links["Forgot your password?"] = x.url("/forgotPassword", x.query)
    if managed_login.choice_based(x.pool, client):
        return pages.username_first(x.url("/login", x.query), csrf, error, links)
    return pages.sign_in(x.url("/login", x.query), csrf, error, links)


def posted(
    x: Exchange,
    handle: Callable[[authorization.AuthorizeRequest, Dict[str, str], str], HttpResponse],
) -> HttpResponse:
    try:
        request = authorization.check_request(x.pool, x.query)
    except OAuthError as exc:
        return refused(x, exc)
    form = x.form()
    csrf = x.cookie(CSRF_COOKIE)
    if not x.backend.domain.csrf_ok(csrf, form.get("_csrf")):
        # A form without the token the domain set: refused before anything is looked at.
        return html_response(403, pages.error_page("invalid_csrf_token"))
    return handle(request, form, str(csrf))


def post_login(x: Exchange) -> HttpResponse:
    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        client = x.pool.clients[request.client_id]
        if client_oauth.COGNITO not in client_oauth.oauth_of(client).identity_providers:
            # The client signs in through its providers only (wording unconfirmed).
            error = "The app client does not allow sign-in with a username and password."
            return html_response(400, _sign_in_page(x, csrf, error))
        username, password = form.get("username", ""), form.get("password", "")
        if not password and managed_login.choice_based(x.pool, client):
            return _render(
                x, request, managed_login.start_choice(x.backend, x.pool, client, username), csrf
            )
        step = managed_login.sign_in(x.backend, x.pool, client, username, password)
        return _render(x, request, step, csrf)

    return posted(x, handle)


def post_challenge(x: Exchange) -> HttpResponse:
    names = [n for n, p in CHALLENGE_PATHS.items() if p == x.request.path]

    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        client = x.pool.clients[request.client_id]
        session = form.get("session", "")
        found = managed_login.challenge_of(x.backend, client, session)
        name = found if found in names else names[0]
        extra = {
            k[len("requiredAttributes[") : -1]: v
            for k, v in form.items()
            if k.startswith("requiredAttributes[") and k.endswith("]")
        }
        answer, password = managed_login.answers(name, form), form.get("password", "")
        step = managed_login.respond(
            x.backend, x.pool, client, name, session, answer, extra, password
        )
        return _render(x, request, step, csrf)

    return posted(x, handle)


def _render(
    x: Exchange, request: authorization.AuthorizeRequest, step: managed_login.Step, csrf: str
) -> HttpResponse:
    if isinstance(step, managed_login.SignedIn):
        return signed_in(x, request, step.user, step.auth_time)
    if step.name == managed_login.LOGIN or step.session is None:
        return html_response(200, _sign_in_page(x, csrf, step.error))
    action = x.url(CHALLENGE_PATHS[step.name], x.query)
    session, error, p = step.session, step.error, step.parameters
    if step.name == "NEW_PASSWORD_REQUIRED":
        page = pages.new_password(action, csrf, session, error, pages.required_attributes(p))
    elif step.name == managed_login.SELECT_CHALLENGE:
        page = pages.select_challenge(action, csrf, session, error, step.choices)
    elif step.name == managed_login.PASSWORD:
        page = pages.password(action, csrf, session, error)
    elif step.name == "WEB_AUTHN":
        options = p.get(passkey_signin.OPTIONS_KEY, "{}")
        page = passkey_page.passkey(action, csrf, session, error, options)
    elif step.name == "SELECT_MFA_TYPE":
        choices = [str(c) for c in json.loads(p.get("MFAS_CAN_CHOOSE", "[]"))]
        page = pages.select_mfa(action, csrf, session, error, choices)
    elif step.name == "MFA_SETUP":
        secret = managed_login.setup_secret(x.backend, session)
        label = quote(f"{x.pool.name}:{request.client_id}")
        uri = f"otpauth://totp/{label}?secret={secret}&issuer={quote(x.pool.name)}"
        page = pages.mfa_setup(action, csrf, session, error, secret, uri)
    else:
        where = p.get("CODE_DELIVERY_DESTINATION") or "your authenticator app"
        page = pages.code(action, csrf, session, error, f"We sent a code to {where}.")
    return html_response(200, page)
