"""In-process answers for the hosts the fake serves, for every HTTP client a Python app uses.

One layer: each supported client (``urllib.request``, urllib3 and so ``requests``, httpx sync
and async through httpcore, aiohttp) is patched at one point that hands a request for a claimed
host to ``dispatch(method, url, headers, body)``; requests for any other host go their way,
untouched. The patches are installed when the first fake starts and removed when the last one
stops; while no fake is active nothing is patched.

Hosts are claimed by routes: ``register(matcher, handler)`` where ``matcher(host)`` says whether
a host (lower case, no port) is served and ``handler(request)`` answers a
``loopback.HttpRequest`` (its ``host`` header names the host asked for) with a
``loopback.HttpResponse`` or None to leave it to the next route. The issuer's JWKS and OpenID
configuration (``well_known``) are one route; the user pool domain's endpoints plug in the same
way. A claimed host never reaches the network while a fake is active: a request no route answers
gets a 404.

How the other mocking libraries sit with it (see the README): pytest-httpx and respx see httpx
requests before httpcore does, so a test using them lets the Cognito hosts through to the real
transport (which reaches this layer); ``responses`` patches requests' adapter above urllib3 in
the same way; pytest-socket is never reached, as nothing here opens a socket (aiohttp's requests
are answered by the loopback server on 127.0.0.1, which ``--allow-hosts=127.0.0.1`` permits).
"""

from __future__ import annotations

import email.message
import http
import http.client
import importlib.util
import io
import sys
import urllib.request
import urllib.response
from typing import Any, Callable, Dict, List, Mapping, Optional, Tuple
from urllib.parse import urlencode, urljoin, urlsplit

from .. import _hook
from . import loopback

Matcher = Callable[[str], bool]
_routes: List[Tuple[Matcher, loopback.Route]] = []


def register(matcher: Matcher, handler: loopback.Route) -> None:
    """Serve the hosts ``matcher`` accepts with ``handler`` (tried in registration order).

    ``matcher`` runs for every request of every patched client while a fake is active, before
    anything else is read: keep it cheap (a regex, a set lookup). ``handler`` runs outside the
    fake's lock, on the caller's thread (on the loopback server's for aiohttp); register once, at
    import or on first use, as ``well_known.install`` does.
    """
    _routes.append((matcher, handler))


def host_of(request: loopback.HttpRequest) -> str:
    """The host a request was sent to, lower case and without its port."""
    return request.headers.get("host", "").rpartition("@")[2].split(":")[0].lower()


def claims(host: Optional[str]) -> bool:
    """Whether a fake is active and a route serves ``host``: cheap, read before any body is."""
    if not host or _hook.active() is None:
        return False
    host = host.lower()
    return any(matcher(host) for matcher, _ in _routes)


def dispatch(
    method: str, url: str, headers: Mapping[str, str], body: bytes
) -> Optional[loopback.HttpResponse]:
    """The answer for a request, or None when it is not for a host an active fake serves."""
    parts = urlsplit(url)
    host = (parts.hostname or "").lower()
    if not claims(host):
        return None
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    request = loopback.parse(method, target, {**headers, "Host": host}, body)
    for matcher, handler in _routes:
        if matcher(host):
            answer = handler(request)
            if answer is not None:
                return answer
    text = f"pytest-cognito-idp serves no {method.upper()} {parts.scheme}://{host}{parts.path}"
    return 404, {"Content-Type": "text/plain"}, text.encode()


def _reason(status: int) -> str:
    try:
        return http.HTTPStatus(status).phrase
    except ValueError:
        return ""


def _read(body: Any) -> bytes:
    if body is None:
        return b""
    if isinstance(body, str):
        return body.encode()
    if isinstance(body, (bytes, bytearray, memoryview)):
        return bytes(body)
    if hasattr(body, "read"):
        data = body.read()
        return data.encode() if isinstance(data, str) else bytes(data)
    return b"".join(c.encode() if isinstance(c, str) else bytes(c) for c in body)


# -- urllib.request ---------------------------------------------------------------------------


class _UrllibResponse(urllib.response.addinfourl):
    msg: str  # the reason phrase, read by urllib's HTTPErrorProcessor


def _urllib_open(original: Callable[..., Any]) -> Callable[..., Any]:
    def open_(self: Any, req: urllib.request.Request) -> Any:
        if not claims(urlsplit(req.full_url).hostname):
            return original(self, req)
        answer = dispatch(req.get_method(), req.full_url, dict(req.header_items()), _read(req.data))
        assert answer is not None
        status, headers, body = answer
        message = email.message.Message()
        for name, value in headers.items():
            message[name] = value
        message["Content-Length"] = str(len(body))
        response = _UrllibResponse(io.BytesIO(body), message, req.full_url, status)
        response.msg = _reason(status)
        return response

    return open_


# -- urllib3 (requests) -----------------------------------------------------------------------


class _HttplibResponse:
    """What urllib3 and requests read of the ``http.client`` response under a urllib3 one:
    requests takes cookies from its ``msg``, so a ``requests.Session`` keeps them."""

    def __init__(self, method: str, headers: Mapping[str, str]) -> None:
        self.msg = http.client.HTTPMessage()
        for name, value in headers.items():
            self.msg[name] = value
        self._method = method
        self._closed = False

    def close(self) -> None:
        self._closed = True

    def isclosed(self) -> bool:
        return self._closed


def _urllib3_urlopen(original: Callable[..., Any]) -> Callable[..., Any]:
    def urlopen(self: Any, method: str, url: str, *args: Any, **kwargs: Any) -> Any:
        if not claims(getattr(self, "host", None)):
            return original(self, method, url, *args, **kwargs)
        import urllib3

        body = kwargs.get("body", args[0] if args else None)
        sent = kwargs.get("headers", args[1] if len(args) > 1 else None) or self.headers
        full = url if "://" in url else f"{self.scheme}://{self.host}{url}"
        answer = dispatch(method, full, dict(sent), _read(body))
        assert answer is not None
        status, headers, payload = answer
        return urllib3.HTTPResponse(
            body=io.BytesIO(payload),
            headers={**headers, "Content-Length": str(len(payload))},
            status=status,
            reason=_reason(status),
            preload_content=kwargs.get("preload_content", True),
            decode_content=kwargs.get("decode_content", True),
            request_method=method,
            request_url=full,
            original_response=_HttplibResponse(method, headers),  # type: ignore[arg-type]
        )

    return urlopen


# -- httpx, through httpcore (below pytest-httpx and respx's transports) ----------------------


def _httpcore_parts(request: Any) -> Tuple[str, str, Dict[str, str]]:
    url = request.url
    full = f"{url.scheme.decode()}://{url.host.decode()}{url.target.decode()}"
    headers = {k.decode("latin-1"): v.decode("latin-1") for k, v in request.headers}
    return request.method.decode(), full, headers


def _httpcore_response(answer: Optional[loopback.HttpResponse]) -> Any:
    import httpcore

    assert answer is not None
    status, headers, body = answer
    return httpcore.Response(
        status,
        headers=[*headers.items(), ("Content-Length", str(len(body)))],
        content=body,
        extensions={"http_version": b"HTTP/1.1", "reason_phrase": _reason(status).encode()},
    )


def _httpcore_sync(original: Callable[..., Any]) -> Callable[..., Any]:
    def handle_request(self: Any, request: Any) -> Any:
        if not claims(request.url.host.decode()):
            return original(self, request)
        method, url, headers = _httpcore_parts(request)
        return _httpcore_response(dispatch(method, url, headers, b"".join(request.stream)))

    return handle_request


def _httpcore_async(original: Callable[..., Any]) -> Callable[..., Any]:
    async def handle_async_request(self: Any, request: Any) -> Any:
        if not claims(request.url.host.decode()):
            return await original(self, request)
        method, url, headers = _httpcore_parts(request)
        body = b"".join([chunk async for chunk in request.stream])
        return _httpcore_response(dispatch(method, url, headers, body))

    return handle_async_request


# -- aiohttp, through the loopback server ------------------------------------------------------
#
# An aiohttp response cannot be built without a connection, so a request for a claimed host is
# sent to the loopback server instead, under FORWARDED/{scheme}/{host}{path}, where it reaches
# ``dispatch``: aiohttp then reads a real HTTP answer. Redirects are followed here, so that one
# to another claimed host is forwarded too.

FORWARDED = "/__cognito_idp_intercepted__"
_REDIRECTS = (301, 302, 303, 307, 308)


def _serve_forwarded(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
    scheme, _, rest = request.path[len(FORWARDED) + 1 :].partition("/")
    host, _, path = rest.partition("/")
    url = f"{scheme}://{host}/{path}"
    if request.query:
        url = f"{url}?{urlencode(request.query)}"
    headers = {k: v for k, v in request.headers.items() if k != "host"}
    return dispatch(request.method, url, headers, request.body) or (
        404,
        {"Content-Type": "text/plain"},
        b"no fake is active",
    )


for _method in ("GET", "HEAD", "POST", "PUT"):
    loopback.route(_method, FORWARDED + "/", _serve_forwarded)


def _aiohttp_request(original: Callable[..., Any]) -> Callable[..., Any]:
    async def _request(self: Any, method: str, str_or_url: Any, **kwargs: Any) -> Any:
        build = getattr(self, "_build_url", None)
        url = str(build(str_or_url) if build is not None else str_or_url)
        if not claims(urlsplit(url).hostname):
            return await original(self, method, str_or_url, **kwargs)
        follow = kwargs.pop("allow_redirects", True)
        left = kwargs.get("max_redirects", 10)
        while True:
            parts = urlsplit(url)
            forwarded = f"{loopback.base_url()}{FORWARDED}/{parts.scheme}/{parts.hostname}"
            forwarded += parts.path or "/"
            if parts.query:
                forwarded += f"?{parts.query}"
            response = await original(self, method, forwarded, allow_redirects=False, **kwargs)
            _show_url(response, url)
            location = response.headers.get("Location")
            if not (follow and response.status in _REDIRECTS and location and left > 0):
                return response
            response.release()
            left -= 1
            url = urljoin(url, location)
            if response.status == 303 or (response.status in (301, 302) and method == "POST"):
                method = "GET"
                kwargs = {k: v for k, v in kwargs.items() if k not in ("data", "json")}
            if not claims(urlsplit(url).hostname):
                return await original(self, method, url, allow_redirects=follow, **kwargs)

    return _request


def _show_url(response: Any, url: str) -> None:
    # The response says where the request was meant to go, not the loopback detour.
    from yarl import URL

    for name in ("_url", "_real_url"):
        if hasattr(response, name):
            setattr(response, name, URL(url))


# -- installing and removing the patches -------------------------------------------------------

Patch = Tuple[str, str, str, Callable[[Callable[..., Any]], Callable[..., Any]]]
# (module to import, attribute path of the class, method, wrapper factory)
_PATCHES: Tuple[Patch, ...] = (
    ("urllib.request", "HTTPSHandler", "https_open", _urllib_open),
    ("urllib.request", "HTTPHandler", "http_open", _urllib_open),
    ("urllib3.connectionpool", "HTTPConnectionPool", "urlopen", _urllib3_urlopen),
    ("httpcore", "ConnectionPool", "handle_request", _httpcore_sync),
    ("httpcore", "AsyncConnectionPool", "handle_async_request", _httpcore_async),
    ("aiohttp", "ClientSession", "_request", _aiohttp_request),
)
_saved: Dict[Tuple[str, str, str], Any] = {}
_wrappers: Dict[Tuple[str, str, str], Tuple[Any, Any]] = {}  # the last (original, wrapper)
_targets: Optional[List[Tuple[Tuple[str, str, str], Any, Any]]] = None


def _patch_targets() -> List[Tuple[Tuple[str, str, str], Any, Any]]:
    """The classes to patch, found once: every installed client library is imported then, as an
    app may import one lazily after the fake started and its first request must be answered."""
    global _targets
    if _targets is None:
        _targets = []
        for module, cls_name, method, factory in _PATCHES:
            top = module.partition(".")[0]
            if module not in sys.modules and importlib.util.find_spec(top) is None:
                continue
            try:
                cls = getattr(importlib.import_module(module), cls_name)
            except (ImportError, AttributeError):  # pragma: no cover - a library moved its class
                continue
            if method in vars(cls):
                _targets.append(((module, cls_name, method), cls, factory))
    return _targets


def update() -> None:
    """Install the interception while a fake is active; remove it once none is."""
    active = _hook.active() is not None
    if active == bool(_saved):
        return  # a nested fake starting or stopping: nothing changes
    for key, cls, factory in _patch_targets():
        method = key[2]
        if active:
            _saved[key] = original = vars(cls)[method]
            cached = _wrappers.get(key)
            if cached is None or cached[0] is not original:
                cached = _wrappers[key] = (original, factory(original))
            setattr(cls, method, cached[1])
        elif key in _saved:
            setattr(cls, method, _saved.pop(key))
