"""Federated sign-in over HTTP: the authorize request's trip to the provider and back.

``/oauth2/authorize`` with ``identity_provider`` (or ``idp_identifier``) sends the browser to the
provider with a state the domain remembers; the provider answers at ``/oauth2/idpresponse``
(OIDC and social: ``code`` and ``state``) or ``/saml2/idpresponse`` (a POSTed ``SAMLResponse``
and ``RelayState``), and the user lands on the client's callback as after a password sign-in.

Providers:
- an OIDC provider whose ``oidc_issuer`` is another pool of the fake: the real OIDC exchange,
  the other pool's ``/oauth2/authorize`` with the provider's ``client_id`` and this domain's
  ``/oauth2/idpresponse`` as redirect URI (list it in that client's CallbackURLs, as on AWS),
  then its token endpoint, and the ID token's claims;
- every other provider (social, SAML, outside OIDC): the stand-in at ``/stand-in-idp``, which
  signs in an identity the test declared with ``UserPool.add_external_identity`` (one: at once;
  several: a page with a ``subject`` field to pick one).
Errors after the provider answered go to the callback as ``error=invalid_request`` with an
``error_description`` (observed for federation failures such as a PreSignUp refusal).
"""

from __future__ import annotations

from html import escape
from typing import Any, Dict, Optional, Tuple

from .. import clock
from ..backend.federation import federated_sign_in
from ..backend.federation.identity_providers import IdentityProvider
from ..backend.model.pools import UserPool
from ..backend.oauth import authorization, client_oauth, grants
from ..backend.oauth.refusals import INVALID_REQUEST, OAuthError
from ..backend.tokens import issuing, jws
from ..errors import CognitoError
from . import login_pages as pages
from .exchange import Exchange, html_response, redirect, with_params
from .hosts import host_of
from .loopback import HttpResponse
from .managed_login import csrf_token, signed_in

STAND_IN = "/stand-in-idp"


def provider_for(
    pool: UserPool, request: authorization.AuthorizeRequest
) -> Optional[IdentityProvider]:
    """The third-party provider an authorize request names, or None for the pool's users."""
    name = request.identity_provider
    if name is None and request.idp_identifier is not None:
        found = [
            p
            for p in pool.identity_providers.values()
            if request.idp_identifier in p.idp_identifiers
        ]
        if not found:
            raise OAuthError(INVALID_REQUEST, "Invalid idp_identifier")  # unconfirmed wording
        name = found[0].name
    if name is None or name == client_oauth.COGNITO:
        return None
    supported = client_oauth.oauth_of(pool.clients[request.client_id]).identity_providers
    provider = pool.identity_providers.get(name)
    if provider is None or name not in supported:
        raise OAuthError(INVALID_REQUEST, "Invalid identity provider")  # unconfirmed wording
    return provider


def _other_pool(x: Exchange, provider: IdentityProvider) -> Optional[UserPool]:
    """The pool of the fake whose issuer an OIDC provider names, if it has a domain."""
    if provider.type != "OIDC":
        return None
    issuer = provider.details.get("oidc_issuer", "").rstrip("/")
    for region in x.backend.regions.values():
        for pool in region.pools.values():
            if pool.issuer == issuer and (pool.prefix_domain or pool.custom_domain):
                return pool
    return None


def _idp_response_uri(x: Exchange) -> str:
    """This domain's ``/oauth2/idpresponse`` as AWS names it (its real https URL)."""
    return f"https://{host_of(x.pool)}/oauth2/idpresponse"


def go_to_provider(
    x: Exchange, request: authorization.AuthorizeRequest, provider: IdentityProvider
) -> HttpResponse:
    state = x.backend.domain.open_federation(x.pool.id, request, provider.name)
    other = _other_pool(x, provider)
    if other is not None:
        query = {
            "client_id": provider.details.get("client_id", ""),
            "redirect_uri": _idp_response_uri(x),
            "response_type": "code",
            "scope": provider.details.get("authorize_scopes", "openid"),
            "state": state,
        }
        return redirect(with_params(f"https://{host_of(other)}/oauth2/authorize", query))
    return redirect(x.url(STAND_IN, {"provider": provider.name, "state": state}))


# -- the stand-in provider ------------------------------------------------------------------------


def stand_in(x: Exchange) -> HttpResponse:
    """The stand-in's sign-in: the declared identity, or a choice among several."""
    params = x.query if x.request.method == "GET" else x.form()
    provider = x.pool.identity_providers.get(params.get("provider", ""))
    state = params.get("state", "")
    if provider is None or state not in x.backend.domain.federations:
        return html_response(400, pages.error_page("invalid_request"))
    declared = x.backend.domain.external_identities.of(x.pool.id, provider.name)
    if not declared:
        text = (
            f"No identity of {provider.name} to sign in: declare one with "
            f"pool.add_external_identity({provider.name!r}, subject, attributes)."
        )
        return html_response(400, pages.message("Stand-in identity provider", text))
    subject = params.get("subject") if x.request.method == "POST" else None
    if subject is None and len(declared) == 1:
        subject = next(iter(declared))
    if x.request.method == "POST":
        csrf = x.cookie("XSRF-TOKEN")
        if not x.backend.domain.csrf_ok(csrf, params.get("_csrf")):
            return html_response(403, pages.error_page("invalid_csrf_token"))
    if subject is None or subject not in declared:
        csrf, headers = csrf_token(x)
        return html_response(200, _pick_page(x, provider, state, csrf, list(declared)), headers)
    assertion = jws.seal({"pool": x.pool.id, "provider": provider.name, "subject": subject})
    if provider.type == "SAML":
        return html_response(200, _saml_post(x, assertion, state))
    return redirect(x.url("/oauth2/idpresponse", {"code": assertion, "state": state}))


def _pick_page(
    x: Exchange, provider: IdentityProvider, state: str, csrf: str, subjects: list[str]
) -> str:
    options = "".join(
        f'<label><input type="radio" name="subject" value="{escape(s)}" required> '
        f"{escape(s)}</label>"
        for s in subjects
    )
    form = (
        f'<form method="post" action="{escape(x.url(STAND_IN))}">'
        f'<input type="hidden" name="_csrf" value="{escape(csrf)}">'
        f'<input type="hidden" name="provider" value="{escape(provider.name)}">'
        f'<input type="hidden" name="state" value="{escape(state)}">{options}'
        '<button type="submit">Sign in</button></form>'
    )
    return pages.message(f"Sign in with {provider.name}", "Choose an identity.").replace(
        "</body>", form + "</body>"
    )


def _saml_post(x: Exchange, assertion: str, state: str) -> str:
    # The HTTP-POST binding: a form the browser submits (by script, or a test's click).
    form = (
        f'<form method="post" action="{escape(x.url("/saml2/idpresponse"))}">'
        f'<input type="hidden" name="SAMLResponse" value="{escape(assertion)}">'
        f'<input type="hidden" name="RelayState" value="{escape(state)}">'
        '<button type="submit">Continue</button></form>'
        "<script>document.forms[0].submit()</script>"
    )
    return pages.message("Signing in", "Returning to the application.").replace(
        "</body>", form + "</body>"
    )


# -- the provider's answer ------------------------------------------------------------------------


def idp_response(x: Exchange) -> HttpResponse:
    if x.request.method == "POST":
        form = x.form()
        answer, state = form.get("SAMLResponse"), form.get("RelayState")
    else:
        answer, state = x.query.get("code"), x.query.get("state")
    federation = x.backend.domain.federation(state, x.pool.id)
    if federation is None or not answer:
        return redirect(x.url("/error", {"error": INVALID_REQUEST}))
    request = federation.request
    provider = x.pool.identity_providers.get(federation.provider)
    try:
        if provider is None:
            raise OAuthError(INVALID_REQUEST, "Invalid identity provider")
        subject, claims, issuer = _identity(x, provider, answer)
        user = federated_sign_in.sign_in(
            x.backend, x.pool, request.client_id, provider, subject, claims, issuer
        )
    except (CognitoError, OAuthError) as exc:
        params = {"error": INVALID_REQUEST, "error_description": str(exc)}
        if request.state is not None:
            params["state"] = request.state
        return redirect(with_params(request.redirect_uri, params))
    return signed_in(x, request, user, _now())


def _now() -> float:
    return clock.now()


def _identity(
    x: Exchange, provider: IdentityProvider, answer: str
) -> Tuple[str, Dict[str, Any], Optional[str]]:
    """(subject, claims, issuer) of the identity the provider signed in."""
    other = _other_pool(x, provider)
    if other is not None:
        return _oidc_exchange(x, other, provider, answer)
    sealed = jws.unseal(answer)
    if not sealed or sealed.get("pool") != x.pool.id or sealed.get("provider") != provider.name:
        raise OAuthError(INVALID_REQUEST, "Invalid identity provider response")
    subject = str(sealed["subject"])
    claims: Dict[str, Any] = dict(
        x.backend.domain.external_identities.of(x.pool.id, provider.name).get(subject, {})
    )
    claims.setdefault("sub", subject)
    issuer = provider.details.get("oidc_issuer") if provider.type == "OIDC" else None
    return subject, claims, issuer


def _oidc_exchange(
    x: Exchange, other: UserPool, provider: IdentityProvider, code: str
) -> Tuple[str, Dict[str, Any], Optional[str]]:
    """The token request a real OIDC provider gets, answered by the other pool's domain."""
    try:
        client = grants.authenticate_client(
            other, provider.details.get("client_id"), provider.details.get("client_secret")
        )
        grant = grants.authorization_code(
            x.backend, other, client, code, _idp_response_uri(x), None
        )
    except OAuthError as exc:
        raise OAuthError(INVALID_REQUEST, f"Bad token response: {exc.error}") from None
    if grant.id_token is None:
        raise OAuthError(INVALID_REQUEST, "The provider returned no ID token (scope openid)")
    claims = issuing.verify(other, grant.id_token)
    return str(claims["sub"]), dict(claims), other.issuer
