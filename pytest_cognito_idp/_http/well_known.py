"""A pool's JWKS and OpenID configuration: the issuer's well-known documents.

Code under test usually verifies tokens by fetching
``https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/jwks.json``. While a fake is
active, GETs of that URL and of ``.../.well-known/openid-configuration`` are answered in-process
through ``intercept`` (for every HTTP client it covers); the same documents are served on the
loopback server at ``UserPool.jwks_url``.
"""

from __future__ import annotations

import json
import re
from typing import Any, Dict, Optional, Tuple

from .. import _hook
from ..backend.tokens.keys import keys_of
from . import hosts, intercept, loopback

_HOST = re.compile(r"cognito-idp\.([a-z0-9-]+)\.amazonaws\.com")
PATH = re.compile(r"/([\w-]+_[0-9a-zA-Z]+)/\.well-known/(jwks\.json|openid-configuration)")

Document = Tuple[int, bytes]


def document(region: str, path: str, base: Optional[str] = None) -> Optional[Document]:
    """(status, JSON body) for a well-known ``path`` of a pool in ``region`` of the active fake.

    None when ``path`` is not a well-known document path. ``base`` is where the documents are
    served (the real endpoint unless given), for the ``jwks_uri`` of the OpenID configuration.
    """
    match = PATH.fullmatch(path)
    if match is None:
        return None
    pool_id, name = match.groups()
    fake = _hook.active()
    if fake is None:
        return None
    # No fake lock: this may run on the loopback server's thread while a call holds the fake.
    with fake._state(locked=False) as backend:
        found = backend.regions.get(region)
        pool = found.pools.get(pool_id) if found is not None else None
        if pool is None or pool_id.partition("_")[0] != region:
            # The service's body for an unknown pool is unconfirmed.
            return 404, _json({"message": f"User pool {pool_id} does not exist."})
        if name == "jwks.json":
            return 200, _json(keys_of(backend, pool).jwks)
    configuration = _openid_configuration(pool.issuer, base or pool.issuer)
    host = hosts.host_of(pool)
    if host is not None:
        # Once the pool has a domain, discovery lists its endpoints (observed keys); on loopback
        # they are the loopback domain's, so a browser or process there stays on it.
        at = f"https://{host}" if base is None else f"{loopback.base_url()}/domain/{host}"
        configuration.update(_domain_endpoints(at))
    return 200, _json(dict(sorted(configuration.items())))


def _json(data: Dict[str, Any]) -> bytes:
    return json.dumps(data, separators=(",", ":")).encode()


def _openid_configuration(issuer: str, base: str) -> Dict[str, Any]:
    # The parts of the service's document that do not depend on a hosted UI domain.
    return {
        "id_token_signing_alg_values_supported": ["RS256"],
        "issuer": issuer,
        "jwks_uri": f"{base}/.well-known/jwks.json",
        "response_types_supported": ["code", "token"],
        "scopes_supported": ["openid", "email", "phone", "profile"],
        "subject_types_supported": ["public"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
    }


def _domain_endpoints(at: str) -> Dict[str, str]:
    return {
        "authorization_endpoint": f"{at}/oauth2/authorize",
        "end_session_endpoint": f"{at}/logout",
        "revocation_endpoint": f"{at}/oauth2/revoke",
        "token_endpoint": f"{at}/oauth2/token",
        "userinfo_endpoint": f"{at}/oauth2/userInfo",
    }


def _response(answer: Optional[Document]) -> Optional[loopback.HttpResponse]:
    if answer is None:
        return None
    status, body = answer
    return status, {"Content-Type": "application/json"}, body


# -- in-process, at the issuer's host ---------------------------------------------------------


def _is_issuer_host(host: str) -> bool:
    return _HOST.fullmatch(host) is not None


def _serve_issuer(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    if request.method not in ("GET", "HEAD"):
        return None
    match = _HOST.fullmatch(intercept.host_of(request))
    return _response(document(match.group(1), request.path)) if match else None


# -- on the loopback server -------------------------------------------------------------------


def _serve_loopback(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    match = PATH.fullmatch(request.path)
    if match is None:
        return None
    pool_id = match.group(1)
    base = f"{loopback.base_url()}/{pool_id}"
    return _response(document(pool_id.partition("_")[0], request.path, base))


_installed = False


def install() -> None:
    """Serve the documents in-process at the issuer's host and on the loopback server (once)."""
    global _installed
    if not _installed:
        intercept.register(_is_issuer_host, _serve_issuer)
        loopback.route("GET", "/", _serve_loopback)
        _installed = True
