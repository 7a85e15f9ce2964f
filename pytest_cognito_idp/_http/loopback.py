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
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        if self.headers.get("Expect", "").lower() == "100-continue" and not length:
            body = b""
        request = parse(self.command, self.path, dict(self.headers.items()), body)
        try:
            status, headers, payload = dispatch(request)
        except Exception as exc:  # a bug of ours must not hang the client
            status, headers, payload = 500, {"Content-Type": "text/plain"}, str(exc).encode()
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(payload)

    do_GET = do_PUT = do_POST = do_HEAD = _serve

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
