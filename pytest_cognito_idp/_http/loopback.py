"""A loopback HTTP server for what real clients fetch or send over HTTP: presigned import
uploads and JWKS documents.

One server per process, started on the first request for a URL and serving every fake: a route
is looked up at request time in the active fake, so a URL of a stopped fake answers 404. Domains
register routes with ``route(method, prefix, handler)``; a handler gets a ``HttpRequest`` and
returns ``(status, headers, body)``.
"""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Dict, List, Optional, Tuple
from urllib.parse import parse_qs, urlsplit

import attrs

HttpResponse = Tuple[int, Dict[str, str], bytes]
# The largest request body read: S3's single PUT limit (5 GiB), the most any route accepts.
MAX_BODY = 5 * 1024**3


@attrs.frozen
class HttpRequest:
    method: str
    path: str
    query: Dict[str, str]
    headers: Dict[str, str]  # lower-case names
    body: bytes


Route = Callable[[HttpRequest], Optional[HttpResponse]]
_routes: List[Tuple[str, str, Route]] = []


def route(method: str, prefix: str, handler: Route) -> None:
    """Serve ``method`` requests whose path starts with ``prefix``; ``None`` from it means 404."""
    _routes.append((method.upper(), prefix, handler))


def dispatch(request: HttpRequest) -> HttpResponse:
    for method, prefix, handler in _routes:
        if method == request.method and request.path.startswith(prefix):
            answer = handler(request)
            if answer is not None:
                return answer
    return 404, {"Content-Type": "text/plain"}, b"Not found"


def parse(method: str, target: str, headers: Dict[str, str], body: bytes) -> HttpRequest:
    parts = urlsplit(target)
    query = {k: v[-1] for k, v in parse_qs(parts.query, keep_blank_values=True).items()}
    lowered = {k.lower(): v for k, v in headers.items()}
    return HttpRequest(method.upper(), parts.path, query, lowered, body)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self) -> None:
        declared = self.headers.get("Content-Length") or "0"
        if not (declared.isascii() and declared.isdigit()):
            self.close_connection = True
            self._answer(400, {"Content-Type": "text/plain"}, b"Bad Content-Length")
            return
        length = int(declared)
        # A body over MAX_BODY is never read (routes refuse it from its Content-Length); one
        # shorter than declared (the client stopped sending) reaches the route as it is. Either
        # way the connection cannot carry another request.
        body = self.rfile.read(length) if 0 < length <= MAX_BODY else b""
        if len(body) < length:
            self.close_connection = True
        request = parse(self.command, self.path, dict(self.headers.items()), body)
        try:
            status, headers, payload = dispatch(request)
        except Exception as exc:  # a bug of ours must not hang the client
            status, headers, payload = 500, {"Content-Type": "text/plain"}, str(exc).encode()
        self._answer(status, headers, payload)

    def _answer(self, status: int, headers: Dict[str, str], payload: bytes) -> None:
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_HEAD = do_DELETE = do_PATCH = _serve

    def log_message(self, format: str, *args: object) -> None:
        pass


_server: Optional[ThreadingHTTPServer] = None
_lock = threading.Lock()


def base_url() -> str:
    """``http://127.0.0.1:<port>``, starting the server on first use."""
    global _server
    with _lock:
        if _server is None:
            server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
            server.daemon_threads = True
            threading.Thread(
                target=server.serve_forever, name="cognito-idp-http", daemon=True
            ).start()
            _server = server
        port = _server.server_address[1]
    return f"http://127.0.0.1:{port}"


def shutdown() -> None:
    global _server
    with _lock:
        if _server is not None:
            _server.shutdown()
            _server.server_close()
            _server = None
