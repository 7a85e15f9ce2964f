"""One interception layer for every HTTP client a Python app uses: requests for a host the fake
serves reach ``intercept.dispatch`` in-process, any other host is left alone, and nothing is
patched while no fake is active."""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple

import pytest
import requests
import urllib3

from pytest_cognito_idp import CognitoIdp, UserPool, fake_cognito_idp
from pytest_cognito_idp._http import intercept, loopback

try:
    import httpx
except ImportError:  # pragma: no cover - the `test` extra installs it
    httpx = None  # type: ignore[assignment]
try:
    import aiohttp
except ImportError:  # pragma: no cover - the `test` extra installs it
    aiohttp = None  # type: ignore[assignment]

_NO_HTTPX = pytest.mark.skipif(httpx is None, reason="httpx is not installed (the `test` extra)")
_NO_AIOHTTP = pytest.mark.skipif(
    aiohttp is None, reason="aiohttp is not installed (the `test` extra)"
)

Answer = Tuple[int, Dict[str, str], bytes]


# Each client as an app uses it: fetch(method, url, headers, body) -> (status, headers, body).
def _urllib(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, dict(error.headers), error.read()


def _requests(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    response = requests.request(method, url, headers=headers, data=body, timeout=5)
    return response.status_code, dict(response.headers), response.content


def _urllib3(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    response = urllib3.PoolManager().request(method, url, headers=headers, body=body)
    return response.status, dict(response.headers), response.data


def _httpx(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    with httpx.Client(follow_redirects=True) as client:
        response = client.request(method, url, headers=headers, content=body)
    return response.status_code, dict(response.headers), response.content


def _httpx_async(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    async def fetch() -> Answer:
        async with httpx.AsyncClient(follow_redirects=True) as client:
            response = await client.request(method, url, headers=headers, content=body)
        return response.status_code, dict(response.headers), response.content

    return asyncio.run(fetch())


def _aiohttp(method: str, url: str, headers: Dict[str, str], body: Optional[bytes]) -> Answer:
    async def fetch() -> Answer:
        async with aiohttp.ClientSession() as session:
            response = await session.request(method, url, headers=headers, data=body)
            async with response:
                # The URL asked for (or redirected to), not the loopback detour.
                assert response.url.host != "127.0.0.1" or "127.0.0.1" in url
                return response.status, dict(response.headers), await response.read()

    return asyncio.run(fetch())


CLIENTS = [
    pytest.param(_urllib, id="urllib.request"),
    pytest.param(_requests, id="requests"),
    pytest.param(_urllib3, id="urllib3"),
    pytest.param(_httpx, id="httpx", marks=_NO_HTTPX),
    pytest.param(_httpx_async, id="httpx-async", marks=_NO_HTTPX),
    pytest.param(_aiohttp, id="aiohttp", marks=_NO_AIOHTTP),
]
Fetch = Callable[[str, str, Dict[str, str], Optional[bytes]], Answer]


@pytest.mark.parametrize("fetch", CLIENTS)
def test_every_client_gets_the_pools_jwks(fetch: Fetch, cognito_pool: UserPool) -> None:
    status, headers, body = fetch("GET", f"{cognito_pool.issuer}/.well-known/jwks.json", {}, None)

    assert status == 200
    assert {k.lower(): v for k, v in headers.items()}["content-type"] == "application/json"
    assert json.loads(body) == cognito_pool.jwks


@pytest.mark.parametrize("fetch", CLIENTS)
def test_every_client_gets_the_openid_configuration(fetch: Fetch, cognito_pool: UserPool) -> None:
    url = f"{cognito_pool.issuer}/.well-known/openid-configuration"

    status, _, body = fetch("GET", url, {}, None)

    assert status == 200
    assert json.loads(body)["jwks_uri"] == f"{cognito_pool.issuer}/.well-known/jwks.json"


@pytest.mark.parametrize("fetch", CLIENTS)
def test_an_unknown_pool_is_a_404(fetch: Fetch, cognito_pool: UserPool) -> None:
    url = cognito_pool.issuer.replace(cognito_pool.id, "us-east-1_000000000")

    status, _, body = fetch("GET", f"{url}/.well-known/jwks.json", {}, None)

    assert status == 404
    assert json.loads(body) == {"message": "User pool us-east-1_000000000 does not exist."}


@pytest.mark.parametrize("fetch", CLIENTS)
def test_a_path_no_route_serves_is_a_404_not_a_real_request(
    fetch: Fetch, cognito_pool: UserPool
) -> None:
    status, _, body = fetch("GET", f"{cognito_pool.issuer}/nothing-here", {}, None)

    assert status == 404
    assert body == (
        b"pytest-cognito-idp serves no GET https://cognito-idp.us-east-1.amazonaws.com/"
        + cognito_pool.id.encode()
        + b"/nothing-here"
    )


# -- the registry: how the user pool domain's endpoints (and anything else) plug in ------------


@pytest.fixture
def echo_host(monkeypatch: pytest.MonkeyPatch) -> List[loopback.HttpRequest]:
    """A route serving ``*.auth.example.test``: it answers every request with what it got."""
    seen: List[loopback.HttpRequest] = []
    monkeypatch.setattr(intercept, "_routes", list(intercept._routes))

    def handler(request: loopback.HttpRequest) -> Optional[loopback.HttpResponse]:
        seen.append(request)
        if request.path == "/redirect":
            return 302, {"Location": "/landed?from=redirect"}, b""
        if request.path == "/decline":
            return None
        if request.path == "/set-cookie":
            return 200, {"Set-Cookie": "session=abc; Path=/; Secure; HttpOnly"}, b""
        echoed = {
            "method": request.method,
            "host": intercept.host_of(request),
            "path": request.path,
            "query": request.query,
            "body": request.body.decode(),
            "x-test": request.headers.get("x-test"),
            "cookie": request.headers.get("cookie"),
        }
        return 201, {"Content-Type": "application/json"}, json.dumps(echoed).encode()

    intercept.register(lambda host: host.endswith(".auth.example.test"), handler)
    return seen


@pytest.mark.parametrize("fetch", CLIENTS)
def test_a_registered_route_gets_method_url_headers_and_body(
    fetch: Fetch, cognito_idp: CognitoIdp, echo_host: List[loopback.HttpRequest]
) -> None:
    status, _, body = fetch(
        "POST",
        "https://shop.auth.example.test/oauth2/token?x=1",
        {"X-Test": "yes", "Content-Type": "application/x-www-form-urlencoded"},
        b"grant_type=client_credentials",
    )

    assert status == 201
    assert json.loads(body) == {
        "method": "POST",
        "host": "shop.auth.example.test",
        "path": "/oauth2/token",
        "query": {"x": "1"},
        "body": "grant_type=client_credentials",
        "x-test": "yes",
        "cookie": None,
    }


@pytest.mark.parametrize("fetch", CLIENTS)
def test_redirects_between_served_urls_are_followed(
    fetch: Fetch, cognito_idp: CognitoIdp, echo_host: List[loopback.HttpRequest]
) -> None:
    status, _, body = fetch("GET", "https://shop.auth.example.test/redirect", {}, None)

    assert status == 201
    assert json.loads(body)["path"] == "/landed"
    assert json.loads(body)["query"] == {"from": "redirect"}


@_NO_HTTPX
def test_sessions_keep_the_cookies_a_route_sets(
    cognito_idp: CognitoIdp, echo_host: List[loopback.HttpRequest]
) -> None:
    # Managed login pages rely on it: the browser-like client sends the cookie back.
    base = "https://shop.auth.example.test"
    with requests.Session() as session:
        session.get(f"{base}/set-cookie", timeout=5)
        assert session.get(f"{base}/echo", timeout=5).json()["cookie"] == "session=abc"
    with httpx.Client() as client:
        client.get(f"{base}/set-cookie")
        assert client.get(f"{base}/echo").json()["cookie"] == "session=abc"
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor())
    opener.open(f"{base}/set-cookie", timeout=5).close()
    with opener.open(f"{base}/echo", timeout=5) as response:
        assert json.load(response)["cookie"] == "session=abc"


def test_a_route_declining_leaves_the_request_to_the_next_or_a_404(
    cognito_idp: CognitoIdp, echo_host: List[loopback.HttpRequest]
) -> None:
    answer = intercept.dispatch("GET", "https://shop.auth.example.test/decline", {}, b"")

    assert answer == (
        404,
        {"Content-Type": "text/plain"},
        b"pytest-cognito-idp serves no GET https://shop.auth.example.test/decline",
    )
    assert intercept.dispatch("GET", "https://other.example.test/", {}, b"") is None


def test_no_host_is_served_while_no_fake_is_active(echo_host: List[loopback.HttpRequest]) -> None:
    assert not intercept.claims("shop.auth.example.test")
    assert intercept.dispatch("GET", "https://shop.auth.example.test/x", {}, b"") is None
    assert echo_host == []


# -- everything else goes its way ---------------------------------------------------------------


@pytest.fixture
def local_server() -> Iterator[str]:
    """A plain HTTP server on 127.0.0.1 that says who it is."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body = b"local " + self.path.encode()
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("fetch", CLIENTS)
def test_other_hosts_are_untouched(
    fetch: Fetch, cognito_idp: CognitoIdp, local_server: str
) -> None:
    status, _, body = fetch("GET", f"{local_server}/.well-known/jwks.json", {}, None)

    assert (status, body) == (200, b"local /.well-known/jwks.json")


def _patched() -> List[Any]:
    methods = [
        urllib.request.HTTPSHandler.https_open,
        urllib.request.HTTPHandler.http_open,
        urllib3.connectionpool.HTTPConnectionPool.urlopen,
    ]
    if httpx is not None:
        import httpcore

        methods += [
            httpcore.ConnectionPool.handle_request,
            httpcore.AsyncConnectionPool.handle_async_request,
        ]
    if aiohttp is not None:
        methods.append(aiohttp.ClientSession._request)
    return methods


def test_nothing_is_patched_while_no_fake_is_active() -> None:
    before = _patched()

    with fake_cognito_idp():
        during = _patched()
        with fake_cognito_idp():
            assert _patched() == during
        assert _patched() == during

    assert all(a is not b for a, b in zip(before, during))
    assert _patched() == before
