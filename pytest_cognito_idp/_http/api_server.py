"""``CognitoServer``: one fake's API over loopback HTTP, for other processes and languages.

``POST /`` speaks the service's JSON 1.1 protocol (``front_door`` checks what the service's front
end checks, then ``CognitoIdp._answer_call`` applies the call under the fake's lock, recorded
like an in-process call). GETs of ``/{poolId}/.well-known/jwks.json`` and
``openid-configuration`` serve the pool's documents; any other path goes to the loopback routes
(presigned uploads and whatever else ``loopback.route`` serves), so a browser or a subprocess
reaches them on this URL too.

Each server is its own ``ThreadingHTTPServer``: a thread per connection and a listen backlog of
1024, so hundreds of clients connecting at once are accepted without connect retries.
"""

from __future__ import annotations

import base64
import re
import socket
import sys
import threading
import traceback
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Set

import orjson

from .. import _wire
from ..backend.core import ids
from ..errors import CognitoError
from . import front_door, loopback, well_known
from .front_door import FrontEndError

if TYPE_CHECKING:
    from ..fake import CognitoIdp

MAX_BODY = 16 * 1024 * 1024
"""The largest request body served; the service's own limit is unconfirmed (this is
DynamoDB's, as dynalite has it), and no cognito-idp request comes near it."""
_DRAIN_LIMIT = 4 * MAX_BODY

# CORS as the service's front end answers it. Observed: a preflight answer of
# Access-Control-Max-Age 172800 from Cognito's endpoints (github.com/aws-amplify/amplify-js/
# issues/4346); the echo of the requested method and headers, and Access-Control-Allow-Origin *
# on every answer to a request with an Origin, are the same front end's behaviour on DynamoDB
# (dynalite). The exposed headers are those the SDKs read from an error; unconfirmed.
_EXPOSE = "x-amzn-RequestId,x-amzn-ErrorType,x-amzn-ErrorMessage,Date"
_ISSUER = re.compile(r"https://cognito-idp\.([a-z0-9-]+)\.amazonaws\.com/")
_REGION_PREFIX = re.compile(r"([a-z]{2}(?:-[a-z]+)+-\d+)_")


class CognitoServer:
    """A loopback HTTP endpoint of ``fake``: ``url`` for clients, ``env`` for subprocesses."""

    def __init__(self, fake: CognitoIdp, host: str = "127.0.0.1", port: int = 0) -> None:
        self.fake = fake
        self._http = _Server((host, port), _Handler)
        self._http.api = self
        self.errors: List[BaseException] = []
        """Exceptions of ours (bugs) a request ran into; the fixture fails the test with them."""
        bound_host, bound_port = self._http.server_address[:2]
        shown = bound_host if isinstance(bound_host, str) else bound_host.decode()
        self._address = ("127.0.0.1" if shown in ("", "0.0.0.0") else shown, int(bound_port))
        self.url = f"http://{self._address[0]}:{self._address[1]}"
        self._thread: Optional[threading.Thread] = None

    @property
    def region(self) -> str:
        return self.fake.region

    @property
    def env(self) -> Dict[str, str]:
        """The environment variables a subprocess needs to call this server with any AWS SDK."""
        return {
            "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER": self.url,
            "AWS_ACCESS_KEY_ID": "testing",
            "AWS_SECRET_ACCESS_KEY": "testing",
            "AWS_REGION": self.region,
            "AWS_DEFAULT_REGION": self.region,
        }

    def start(self) -> CognitoServer:
        self._thread = threading.Thread(
            target=self._http.serve_forever, name=f"cognito-idp-server {self.url}", daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop accepting, close the connections still open and release the port."""
        if self._thread is not None:
            stopping = threading.Thread(target=self._http.shutdown)
            stopping.start()
            # serve_forever notices the request between two waits for a connection (half a
            # second each): a connection of our own ends the wait, so a test's teardown doesn't.
            while stopping.is_alive():
                try:
                    socket.create_connection(self._address, timeout=1).close()
                except OSError:
                    pass
                stopping.join(0.01)
            self._thread.join()
            self._thread = None
        self._http.close_connections()
        self._http.server_close()

    def __enter__(self) -> CognitoServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"CognitoServer({self.url!r}, region={self.region!r})"

    # -- answering --------------------------------------------------------------------------

    def respond(self, request: loopback.HttpRequest) -> loopback.HttpResponse:
        """The answer to one request: the API, a well-known document or a loopback route."""
        if request.method == "POST" and (request.path == "/" or "x-amz-target" in request.headers):
            return self._api(request)
        if request.method in ("GET", "HEAD"):
            document = self._document(request.path)
            if document is not None:
                return document
        status, headers, body = loopback.dispatch(request)
        if status == 404 and request.method == "POST":
            return self._api(request)
        if status == 404:
            return 404, {"Content-Type": _wire.CONTENT_TYPE}, front_door.NOT_UNDERSTOOD
        return status, headers, body

    def _api(self, request: loopback.HttpRequest) -> loopback.HttpResponse:
        headers = request.headers
        if not front_door.content_type_accepted(headers.get("content-type")):
            return 404, {"Content-Type": _wire.CONTENT_TYPE}, front_door.NOT_UNDERSTOOD
        try:
            params = front_door.parse_body(request.body)
            operation = front_door.operation_of(headers.get("x-amz-target"))
            region = front_door.signature_region(operation, headers)
        except FrontEndError as error:
            return _error(error)
        if region is None:
            region = self._named_region(params)
        answer = self.fake._answer_call(operation, request.body, params, region)
        if isinstance(answer, CognitoError):
            return _error(answer)
        return 200, {"Content-Type": _wire.CONTENT_TYPE}, answer

    def _named_region(self, params: Dict[str, Any]) -> str:
        """The region serving an unsigned call: the one its pool ID, app client or access token
        names, else the server's (an unknown client then fails there as it would anywhere)."""
        pool_id = params.get("UserPoolId")
        if isinstance(pool_id, str):
            match = _REGION_PREFIX.match(pool_id)
            if match:
                return match.group(1)
        client_id = params.get("ClientId")
        if isinstance(client_id, str):
            with self.fake._state() as backend:
                regions = backend.regions
                names = sorted(regions, key=lambda name: name != self.region)
                for name in names:
                    region = regions[name]
                    if client_id in region.clients or any(
                        client_id in pool.clients for pool in region.replicas.values()
                    ):
                        return name
        token = params.get("AccessToken")
        if isinstance(token, str):
            found = _issuer_region(token)
            if found:
                return found
        return self.region

    def _document(self, path: str) -> Optional[loopback.HttpResponse]:
        match = well_known.PATH.fullmatch(path)
        if match is None:
            return None
        pool_id = match.group(1)
        with self.fake._state():
            answer = well_known.document(pool_id.partition("_")[0], path, f"{self.url}/{pool_id}")
        if answer is None:
            return None
        status, body = answer
        return status, {"Content-Type": "application/json"}, body


def _error(error: CognitoError) -> loopback.HttpResponse:
    headers = {"Content-Type": _wire.CONTENT_TYPE}
    if not error.message:  # the front end's bare errors: the type alone
        headers["x-amzn-ErrorType"] = f"{error.code}:"
        return error.status, headers, _wire.dumps({"__type": error.code})
    headers.update(_wire.error_headers(error))
    return error.status, headers, _wire.dumps(_wire.error_payload(error))


def _issuer_region(token: str) -> Optional[str]:
    """The region in an access token's ``iss``, read without checking the token: it only picks
    where the call is served, and the call itself checks the token."""
    parts = token.split(".")
    if len(parts) != 3:
        return None
    try:
        claims = orjson.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except (ValueError, orjson.JSONDecodeError):
        return None
    issuer = claims.get("iss") if isinstance(claims, dict) else None
    match = _ISSUER.match(issuer) if isinstance(issuer, str) else None
    return match.group(1) if match else None


def _header_value(value: str) -> str:
    # Messages can quote what the client sent: no line breaks, and only what HTTP/1.1 carries.
    return (
        value.replace("\r", " ").replace("\n", " ").encode("latin-1", "replace").decode("latin-1")
    )


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 1024  # the listen backlog: bursts of connections are not refused
    api: CognitoServer

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._open: Set[socket.socket] = set()
        self._open_lock = threading.Lock()

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        with self._open_lock:
            self._open.add(request)
        try:
            super().process_request_thread(request, client_address)
        finally:
            with self._open_lock:
                self._open.discard(request)

    def close_connections(self) -> None:
        with self._open_lock:
            for connection in list(self._open):
                try:
                    connection.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that went away mid-request is not our failure; anything else is shown.
        if not isinstance(sys.exc_info()[1], (ConnectionError, TimeoutError)):
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Headers and body leave in separate writes: with Nagle's algorithm, a keep-alive client's
    # delayed ACK would hold each answer back ~40 ms.
    disable_nagle_algorithm = True
    server: _Server

    def _serve(self) -> None:
        api = self.server.api
        body = self._read_body()
        if body is None:
            return
        request = loopback.parse(self.command, self.path, dict(self.headers.items()), body)
        try:
            status, headers, payload = api.respond(request)
        except Exception as bug:  # a bug of ours: answered, shown, and failed in the test
            api.errors.append(bug)
            traceback.print_exc()
            status, headers, payload = _bug(bug)
        self._send(status, headers, payload)

    def do_OPTIONS(self) -> None:
        if self._read_body() is None:
            return
        if "Origin" not in self.headers:
            self._send(404, {"Content-Type": _wire.CONTENT_TYPE}, front_door.NOT_UNDERSTOOD)
            return
        headers = {"Access-Control-Max-Age": "172800"}
        wanted_headers = self.headers.get("Access-Control-Request-Headers")
        if wanted_headers:
            headers["Access-Control-Allow-Headers"] = wanted_headers
        wanted_method = self.headers.get("Access-Control-Request-Method")
        if wanted_method:
            headers["Access-Control-Allow-Methods"] = wanted_method
        self._send(200, headers, b"")

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = _serve

    def _read_body(self) -> Optional[bytes]:
        """The request body; None once an error was sent for it (too large, or unreadable)."""
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            return self._read_chunked()
        declared = self.headers.get("Content-Length") or "0"
        length = int(declared) if declared.isascii() and declared.isdigit() else -1
        if length < 0:
            self.close_connection = True
            self._send(400, {"Content-Type": "text/plain"}, b"Bad Content-Length")
            return None
        if length > MAX_BODY:
            self._too_large(length)
            return None
        return self.rfile.read(length) if length else b""

    def _read_chunked(self) -> Optional[bytes]:
        chunks: List[bytes] = []
        size = 0
        while True:
            line = self.rfile.readline(1024).split(b";")[0].strip()
            try:
                length = int(line, 16)
            except ValueError:
                self.close_connection = True
                self._send(400, {"Content-Type": "text/plain"}, b"Bad chunk")
                return None
            if length == 0:
                while self.rfile.readline(1024).strip():  # trailers
                    pass
                return b"".join(chunks)
            size += length
            if size > MAX_BODY:
                self.close_connection = True
                self._send(413, {"Content-Type": "text/plain"}, b"Request Entity Too Large")
                return None
            chunks.append(self.rfile.read(length))
            self.rfile.readline(8)

    def _too_large(self, length: int) -> None:
        # The body is read and dropped first: a client still sending would otherwise see its
        # connection reset instead of the answer.
        left = length if length <= _DRAIN_LIMIT else 0
        while left > 0:
            got = self.rfile.read(min(left, 1 << 20))
            if not got:
                break
            left -= len(got)
        self.close_connection = True
        self._send(413, {"Content-Type": "text/plain"}, b"Request Entity Too Large")

    def _send(self, status: int, headers: Dict[str, str], payload: bytes) -> None:
        self.send_response(status)
        self.send_header("x-amzn-RequestId", ids.request_id())
        if "Origin" in self.headers:
            self.send_header("Access-Control-Allow-Origin", "*")
            self.send_header("Access-Control-Expose-Headers", _EXPOSE)
        for name, value in headers.items():
            self.send_header(name, _header_value(value))
        self.send_header("Content-Length", str(len(payload)))
        if self.close_connection:
            self.send_header("Connection", "close")
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    def log_message(self, format: str, *args: object) -> None:
        pass


def _bug(bug: BaseException) -> loopback.HttpResponse:
    message = f"pytest-cognito-idp failed on this request: {type(bug).__name__}: {bug}"
    return (
        500,
        {"Content-Type": _wire.CONTENT_TYPE},
        _wire.dumps({"__type": "InternalFailure", "message": message}),
    )
