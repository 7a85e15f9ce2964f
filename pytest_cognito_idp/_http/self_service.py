"""Managed login's self-service pages: sign-up and its confirmation, forgotten password.

Each page does what its API operation does (SignUp, ConfirmSignUp, ForgotPassword,
ConfirmForgotPassword, run through the fake unrecorded, with the client's SECRET_HASH when it
has a secret), so validation, codes in ``cognito_idp.outbox`` and triggers (PreSignUp_SignUp,
PostConfirmation...) are the API's; a refusal shows the page again with the API's message. A
confirmed account, or a changed password, goes back to the sign-in form (AWS's classic pages
sign the user in at once after a confirmation; the fake asks for the password again).
"""

from __future__ import annotations

from typing import Any, Dict, List

from ..backend.oauth import authorization, managed_login
from ..backend.oauth.refusals import OAuthError
from ..errors import CognitoError
from . import login_pages as pages
from .exchange import Exchange, html_response, redirect
from .loopback import HttpResponse
from .managed_login import csrf_token, posted, refused, signed_in


def _attributes(x: Exchange) -> List[str]:
    """The attributes the sign-up form asks for: the pool's required ones, and the email or
    phone number its codes go to."""
    wanted = list(x.pool.required_attributes)
    for name in x.pool.auto_verified_attributes:
        if name not in wanted:
            wanted.append(name)
    return wanted


def _with_secret(
    x: Exchange, client_id: str, username: str, params: Dict[str, Any]
) -> Dict[str, Any]:
    client = x.pool.clients[client_id]
    params = {"ClientId": client_id, "Username": username, **params}
    if client.secret is not None:
        params["SecretHash"] = client.secret_hashes(username)[0]
    return params


def _where(details: Dict[str, Any]) -> str:
    destination = details.get("CodeDeliveryDetails", {}).get("Destination")
    return f"We sent a code to {destination}." if destination else "Enter the code we sent you."


def _show(x: Exchange, render: Any) -> HttpResponse:
    try:
        authorization.check_request(x.pool, x.query)
    except OAuthError as exc:
        return refused(x, exc)
    csrf, headers = csrf_token(x)
    return html_response(200, render(csrf), headers)


def show_sign_up(x: Exchange) -> HttpResponse:
    action = x.url("/signup", x.query)
    return _show(x, lambda csrf: pages.sign_up(action, csrf, None, _attributes(x)))


def post_sign_up(x: Exchange) -> HttpResponse:
    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        username, password = form.get("username", ""), form.get("password", "")
        given = [{"Name": n, "Value": form[n]} for n in _attributes(x) if form.get(n)]
        try:
            out = x.api(
                "SignUp",
                _with_secret(
                    x, request.client_id, username, {"Password": password, "UserAttributes": given}
                ),
            )
        except CognitoError as exc:
            action = x.url("/signup", x.query)
            return html_response(200, pages.sign_up(action, csrf, str(exc), _attributes(x)))
        if out.get("UserConfirmed"):
            # Confirmed by PreSignUp: signed in at once, as managed login does.
            client = x.pool.clients[request.client_id]
            step = managed_login.sign_in(x.backend, x.pool, client, username, password)
            if isinstance(step, managed_login.SignedIn):
                return signed_in(x, request, step.user, step.auth_time)
            return redirect(x.url("/login", x.query))
        action = x.url("/confirmUser", x.query)
        return html_response(200, pages.confirm(action, csrf, None, username, _where(out)))

    return posted(x, handle)


def post_confirm(x: Exchange) -> HttpResponse:
    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        username = form.get("username", "")
        try:
            x.api(
                "ConfirmSignUp",
                _with_secret(
                    x, request.client_id, username, {"ConfirmationCode": form.get("code", "")}
                ),
            )
        except CognitoError as exc:
            action = x.url("/confirmUser", x.query)
            page = pages.confirm(action, csrf, str(exc), username, "Enter the code we sent you.")
            return html_response(200, page)
        return redirect(x.url("/login", x.query))

    return posted(x, handle)


def show_forgot_password(x: Exchange) -> HttpResponse:
    action = x.url("/forgotPassword", x.query)
    return _show(x, lambda csrf: pages.forgot_password(action, csrf, None))


def post_forgot_password(x: Exchange) -> HttpResponse:
    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        username = form.get("username", "")
        try:
            out = x.api("ForgotPassword", _with_secret(x, request.client_id, username, {}))
        except CognitoError as exc:
            action = x.url("/forgotPassword", x.query)
            return html_response(200, pages.forgot_password(action, csrf, str(exc)))
        action = x.url("/confirmForgotPassword", x.query)
        page = pages.confirm_forgot_password(action, csrf, None, username, _where(out))
        return html_response(200, page)

    return posted(x, handle)


def post_confirm_forgot_password(x: Exchange) -> HttpResponse:
    def handle(
        request: authorization.AuthorizeRequest, form: Dict[str, str], csrf: str
    ) -> HttpResponse:
        username = form.get("username", "")
        params = {
            "ConfirmationCode": form.get("code", ""),
            "Password": form.get("new_password", ""),
        }
        try:
            x.api("ConfirmForgotPassword", _with_secret(x, request.client_id, username, params))
        except CognitoError as exc:
            action = x.url("/confirmForgotPassword", x.query)
            page = pages.confirm_forgot_password(
                action, csrf, str(exc), username, "Enter the code we sent you."
            )
            return html_response(200, page)
        return redirect(x.url("/login", x.query))

    return posted(x, handle)
