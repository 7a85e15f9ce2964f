"""A pool's JWKS and OpenID configuration, over HTTP, while a fake is active.

Code under test usually verifies tokens by fetching
``https://cognito-idp.{region}.amazonaws.com/{poolId}/.well-known/jwks.json``. While a fake is
active, GETs of that URL and of ``.../.well-known/openid-configuration`` are answered in-process,
for ``urllib.request`` (PyJWT's ``PyJWKClient``) and for urllib3 (``requests``, ``httpx`` is not
covered). The patch is narrow: any other request goes through untouched, and the patch is
installed when the first fake starts and removed when the last one stops. The same documents are
served on the loopback server at ``UserPool.jwks_url``.
"""

from __future__ import annotations

import email.message
import http
import io
import json
import re
import urllib.request
import urllib.response
from typing import Any, Callable, Dict, Optional, Tuple
from urllib.parse import urlsplit

from .. import _hook
from ..backend.tokens.keys import keys_of
from . import domain, hosts, loopback

_HOST = re.compile(r"cognito-idp\.([a-z0-9-]+)\.amazonaws\.com", re.IGNORECASE)
_PATH = re.compile(r"/([\w-]+_[0-9a-zA-Z]+)/\.well-known/(jwks\.json|openid-configuration)")

Document = Tuple[int, bytes]


def document(region: str, path: str, base: Optional[str] = None) -> Optional[Document]:
    """(status, JSON body) for a well-known ``path`` of a pool in ``region`` of the active fake.

    None when ``path`` is not a well-known document path. ``base`` is where the documents are
    served (the real endpoint unless given), for the ``jwks_uri`` of the OpenID configuration.
    """
    match = _PATH.fullmatch(path)
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


def _answer(method: str, host: Optional[str], path: str) -> Optional[Document]:
    if method.upper() != "GET" or not host:
        return None
    match = _HOST.fullmatch(host.split(":")[0])
    return document(match.group(1).lower(), path) if match else None


# -- the loopback server ----------------------------------------------------------------------


def _serve(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    match = _PATH.fullmatch(request.path)
    if match is None:
        return None
    pool_id = match.group(1)
    base = f"{loopback.base_url()}/{pool_id}"
    answer = document(pool_id.partition("_")[0], request.path, base)
    if answer is None:
        return None
    status, body = answer
    return status, {"Content-Type": "application/json"}, body


loopback.route("GET", "/", _serve)


# -- urllib.request ---------------------------------------------------------------------------

_original_https_open: Optional[Callable[..., Any]] = None


class _Response(urllib.response.addinfourl):
    msg: str  # the reason phrase, read by urllib's HTTPErrorProcessor


def _https_open(self: urllib.request.HTTPSHandler, req: urllib.request.Request) -> Any:
    parts = urlsplit(req.full_url)
    if hosts.is_domain_host(parts.hostname):
        return _domain_urllib(req)
    answer = _answer(req.get_method(), parts.hostname, parts.path)
    if answer is None:
        assert _original_https_open is not None
        return _original_https_open(self, req)
    status, body = answer
    headers = email.message.Message()
    headers["Content-Type"] = "application/json"
    headers["Content-Length"] = str(len(body))
    response = _Response(io.BytesIO(body), headers, req.full_url, status)
    response.msg = "OK" if status == 200 else "Not Found"
    return response


# -- urllib3 (requests) -----------------------------------------------------------------------

_original_urlopen: Optional[Callable[..., Any]] = None


def _urlopen(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
    if hosts.is_domain_host(getattr(self, "host", None)):
        return _domain_urllib3(self, method, url, *args, **kwargs)
    answer = _answer(method, getattr(self, "host", None), urlsplit(url).path)
    if answer is None:
        assert _original_urlopen is not None
        return _original_urlopen(self, method, url, *args, **kwargs)
    import urllib3

    status, body = answer
    return urllib3.HTTPResponse(
        body=io.BytesIO(body),
        headers={"Content-Type": "application/json", "Content-Length": str(len(body))},
        status=status,
        reason="OK" if status == 200 else "Not Found",
        preload_content=kwargs.get("preload_content", True),
        decode_content=kwargs.get("decode_content", True),
        request_method=method,
        request_url=url,
    )


def update() -> None:
    """Install the interception while a fake is active; remove it once none is."""
    global _original_https_open, _original_urlopen
    from urllib3 import connectionpool

    pool_class = connectionpool.HTTPConnectionPool
    if _hook.active() is not None:
        if _original_https_open is None:
            _original_https_open = urllib.request.HTTPSHandler.https_open
            urllib.request.HTTPSHandler.https_open = _https_open  # type: ignore[method-assign]
        if _original_urlopen is None:
            _original_urlopen = pool_class.urlopen
            pool_class.urlopen = _urlopen  # type: ignore[method-assign]
    else:
        if _original_https_open is not None:
            urllib.request.HTTPSHandler.https_open = _original_https_open  # type: ignore[method-assign]
            _original_https_open = None
        if _original_urlopen is not None:
            pool_class.urlopen = _original_urlopen  # type: ignore[method-assign]
            _original_urlopen = None


# -- the user pool domain (_http/domain.py) ----------------------------------------------------
# For a registry of host matchers: match with ``hosts.is_domain_host(host)``, answer with
# ``domain.answer(loopback.parse(method, path_and_query, headers, body), f"https://{host}")``.


def _domain_request(method: str, target: str, headers: Dict[str, str], body: Any) -> Any:
    if body is None:
        data = b""
    elif isinstance(body, str):
        data = body.encode("utf-8")
    elif isinstance(body, (bytes, bytearray)):
        data = bytes(body)
    else:  # an iterable of chunks
        data = b"".join(c.encode() if isinstance(c, str) else bytes(c) for c in body)
    parts = urlsplit(target)
    path = parts.path + (f"?{parts.query}" if parts.query else "")
    return loopback.parse(method, path or "/", headers, data)


def _message(headers: Dict[str, str], length: int) -> email.message.Message:
    message = email.message.Message()
    for name, value in headers.items():
        message[name] = value
    message["Content-Length"] = str(length)
    return message


def _domain_urllib(req: urllib.request.Request) -> Any:
    host = urlsplit(req.full_url).hostname or ""
    request = _domain_request(req.get_method(), req.full_url, dict(req.header_items()), req.data)
    status, headers, body = domain.answer(request, f"https://{host}")
    response = _Response(io.BytesIO(body), _message(headers, len(body)), req.full_url, status)
    response.msg = http.HTTPStatus(status).phrase
    return response


class _OriginalResponse:
    """What ``requests`` reads cookies from (``_original_response.msg``)."""

    def __init__(self, message: email.message.Message) -> None:
        self.msg = message

    def isclosed(self) -> bool:
        return True


def _domain_urllib3(pool: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
    import urllib3

    body = kwargs.get("body", args[0] if args else None)
    headers = dict(kwargs.get("headers", args[1] if len(args) > 1 else None) or {})
    request = _domain_request(method, url, headers, body)
    status, answer_headers, payload = domain.answer(request, f"https://{pool.host}")
    message = _message(answer_headers, len(payload))
    return urllib3.HTTPResponse(
        body=io.BytesIO(payload),
        headers=urllib3.HTTPHeaderDict(message.items()),
        status=status,
        reason=http.HTTPStatus(status).phrase,
        preload_content=kwargs.get("preload_content", True),
        decode_content=kwargs.get("decode_content", True),
        original_response=_OriginalResponse(message),  # type: ignore[arg-type]
        request_method=method,
        request_url=url,
    )
