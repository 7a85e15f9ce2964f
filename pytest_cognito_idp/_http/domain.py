"""The user pool domain over HTTP: one entry point, ``answer(request, base_url)``, for both ways
the endpoints are reached.

- in-process (``intercept.py``): a request for ``https://{prefix}.auth.{region}.amazoncognito.com``
  or a pool's custom domain; ``base_url`` is ``https://{host}``;
- on loopback: ``{loopback}/domain/{host}`` + the same paths (``UserPool.local_domain_url``);
  ``base_url`` is that prefix and ``request.path`` the part after it.

Routes: ``/oauth2/authorize``, the managed login pages (managed_login.py), ``/oauth2/token``,
``/oauth2/userInfo``, ``/oauth2/revoke`` (oauth_endpoints.py), ``/logout`` and ``/error``.
"""

from __future__ import annotations

from typing import Any, Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

from .. import _hook
from ..backend.oauth import authorization, client_oauth
from ..backend.oauth import managed_login as login
from ..backend.oauth.hosted_sessions import SESSION_COOKIE
from ..backend.oauth.refusals import INVALID_REQUEST, REDIRECT_MISMATCH, OAuthError, PageError
from . import federation, hosts, intercept, loopback, managed_login, oauth_endpoints, self_service
from . import login_pages as pages
from .exchange import Exchange, html_response, json_response, redirect
from .hosts import pool_of_host

LOOPBACK_PREFIX = "/domain/"
# prompt values that show the sign-in form even with a live session (documented for "login";
# "select_account" and "consent" assumed to do the same: the fake has no account chooser).
REAUTHENTICATE = frozenset({"login", "select_account", "consent"})
LOGIN_REQUIRED = "login_required"
Handler = Callable[[Exchange], loopback.HttpResponse]


# -- the entry point ------------------------------------------------------------------------------


def answer(request: loopback.HttpRequest, base_url: str) -> loopback.HttpResponse:
    """The domain's answer to ``request`` (its path relative to ``base_url``)."""
    fake = _hook.active()
    parts = urlsplit(base_url)
    host = (
        parts.path[len(LOOPBACK_PREFIX) :]
        if parts.path.startswith(LOOPBACK_PREFIX)
        else parts.hostname
    )
    if fake is None or not host:
        return 404, {"Content-Type": "text/plain"}, b"Not found"
    with fake._state() as backend:
        pool = pool_of_host(backend, host)
        if pool is None:
            return 404, {"Content-Type": "text/plain"}, b"Not found"
        handler = ROUTES.get((request.method, request.path))
        if handler is None:
            if any(path == request.path for _, path in ROUTES):
                return 405, {"Content-Type": "text/plain"}, b"Method not allowed"
            return 404, {"Content-Type": "text/plain"}, b"Not found"
        region = pool.region

        def api(operation: str, params: Dict[str, Any]) -> Dict[str, Any]:
            return fake.invoke(operation, params, region)

        return handler(Exchange(backend, pool, request, base_url.rstrip("/"), api))


# -- authorize, logout, error ---------------------------------------------------------------------


def authorize(x: Exchange) -> loopback.HttpResponse:
    try:
        request = authorization.check_request(x.pool, x.query)
        provider = federation.provider_for(x.pool, request)
    except OAuthError as exc:
        return managed_login.refused(x, exc)
    if provider is not None:
        return federation.go_to_provider(x, request, provider)
    session = x.backend.domain.session(x.cookie(SESSION_COOKIE), x.pool.id)
    if session is not None and request.prompt not in REAUTHENTICATE:
        # Signed in on this domain already: no form until /logout (or the session ends).
        user = login.user_of(x.pool, session.username, session.sub)
        if user is not None:
            return managed_login.signed_in(x, request, user, session.auth_time)
    if request.prompt == "none":
        # Silent sign-in only: without a live session, OIDC's login_required (documented).
        return managed_login.refused(x, OAuthError(LOGIN_REQUIRED))
    return redirect(x.url("/login", x.query))


def logout(x: Exchange) -> loopback.HttpResponse:
    """Signs the browser out; then ``logout_uri`` (one of the client's LogoutURLs) or, with
    ``redirect_uri`` and ``response_type``, the sign-in page again."""
    try:
        client = authorization.client_of(x.pool, x.query.get("client_id"))
        logout_uri = x.query.get("logout_uri")
        if logout_uri is not None:
            if logout_uri not in client_oauth.oauth_of(client).logout_urls:
                raise PageError(REDIRECT_MISMATCH)
            location = logout_uri
        elif x.query.get("redirect_uri") is not None and x.query.get("response_type"):
            authorization.check_redirect(x.pool, x.query)
            location = x.url("/login", x.query)
        else:
            raise PageError(INVALID_REQUEST)
    except OAuthError as exc:
        return managed_login.refused(x, exc)
    x.backend.domain.close_session(x.cookie(SESSION_COOKIE))
    return redirect(location, {"Set-Cookie": x.set_cookie(SESSION_COOKIE, "", 0)})


def error(x: Exchange) -> loopback.HttpResponse:
    # Observed: 400 Bad Request, "An error was encountered with the requested page."
    return html_response(400, pages.error_page(x.query.get("error", "")))


def discovery(x: Exchange) -> loopback.HttpResponse:
    # Observed: discovery is served on the issuer, not on the domain (400 here).
    return json_response(400, {"error": INVALID_REQUEST})


ROUTES: Dict[Tuple[str, str], Handler] = {
    ("GET", "/oauth2/authorize"): authorize,
    ("GET", "/login"): managed_login.show_login,
    ("POST", "/login"): managed_login.post_login,
    ("POST", "/oauth2/token"): oauth_endpoints.token,
    ("GET", "/oauth2/userInfo"): oauth_endpoints.user_info,
    ("POST", "/oauth2/userInfo"): oauth_endpoints.user_info,
    ("POST", "/oauth2/revoke"): oauth_endpoints.revoke,
    ("GET", "/logout"): logout,
    ("GET", "/error"): error,
    ("GET", "/.well-known/openid-configuration"): discovery,
    ("GET", "/oauth2/idpresponse"): federation.idp_response,
    ("POST", "/saml2/idpresponse"): federation.idp_response,
    ("GET", federation.STAND_IN): federation.stand_in,
    ("POST", federation.STAND_IN): federation.stand_in,
    ("GET", "/signup"): self_service.show_sign_up,
    ("POST", "/signup"): self_service.post_sign_up,
    ("POST", "/confirmUser"): self_service.post_confirm,
    ("GET", "/forgotPassword"): self_service.show_forgot_password,
    ("POST", "/forgotPassword"): self_service.post_forgot_password,
    ("POST", "/confirmForgotPassword"): self_service.post_confirm_forgot_password,
}
for _path in set(managed_login.CHALLENGE_PATHS.values()):
    ROUTES[("POST", _path)] = managed_login.post_challenge


# -- loopback -------------------------------------------------------------------------------------


def _serve(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    host, _, rest = request.path[len(LOOPBACK_PREFIX) :].partition("/")
    if not host:
        return None
    origin = _origin(request)
    inner = loopback.HttpRequest(
        request.method, "/" + rest, request.query, request.headers, request.body
    )
    status, headers, body = answer(inner, f"{origin}{LOOPBACK_PREFIX}{host}")
    location = headers.get("Location")
    if location is not None:
        headers = {**headers, "Location": _on_loopback(location, origin)}
    return status, headers, body


def _origin(request: loopback.HttpRequest) -> str:
    """The loopback origin the browser used: ``http://localhost:<port>`` keeps it on
    ``localhost`` (a secure context whose name a passkey's relying party ID can be, which an IP
    address cannot), any other Host the server's own ``http://127.0.0.1:<port>``."""
    base = loopback.base_url()
    port = urlsplit(base).port
    if request.headers.get("host", "").lower() == f"localhost:{port}":
        return f"http://localhost:{port}"
    return base


def _on_loopback(location: str, origin: str) -> str:
    """A redirect to a domain of the fake (a federated sign-in through another pool, and back),
    kept on loopback: the browser never leaves it for an address only the test process knows."""
    parts = urlsplit(location)
    fake = _hook.active()
    if parts.scheme != "https" or not parts.hostname or fake is None:
        return location
    with fake._state(locked=False) as backend:
        if pool_of_host(backend, parts.hostname) is None:
            return location
    rest = parts.path + (f"?{parts.query}" if parts.query else "")
    return f"{origin}{LOOPBACK_PREFIX}{parts.hostname}{rest}"


for _method in ("GET", "POST"):
    loopback.route(_method, LOOPBACK_PREFIX, _serve)


# -- in-process -----------------------------------------------------------------------------------


def _serve_in_process(request: loopback.HttpRequest) -> loopback.HttpResponse:
    return answer(request, f"https://{intercept.host_of(request)}")


_installed = False


def install() -> None:
    """Answer the domains' hosts in-process, for every client the interception layer patches."""
    global _installed
    if not _installed:
        intercept.register(hosts.is_domain_host, _serve_in_process)
        _installed = True
