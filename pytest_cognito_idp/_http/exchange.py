"""One request to a user pool domain, and the answers its endpoints build: JSON, HTML pages,
redirects and cookies.

``base_url`` is where the domain is reached: ``https://{domain}`` in-process, or
``pool.local_domain_url`` on loopback (a path prefix on the loopback server). Every redirect and
form action is built on it, so a browser stays on whichever it came through.
"""

from __future__ import annotations

import json
from http.cookies import SimpleCookie
from typing import TYPE_CHECKING, Any, Callable, Dict, Mapping, Optional
from urllib.parse import parse_qs, urlencode, urlsplit

import attrs

from .loopback import HttpRequest, HttpResponse

if TYPE_CHECKING:
    from ..backend.model.pools import UserPool
    from ..backend.state import Backend

HTML = "text/html; charset=UTF-8"
JSON = "application/json;charset=UTF-8"


@attrs.frozen
class Exchange:
    backend: Backend
    pool: UserPool
    request: HttpRequest
    base_url: str
    # Runs an API operation of the fake, unrecorded, in the pool's region (the self-service
    # pages do what SignUp, ConfirmSignUp and ForgotPassword do, and fail as they fail).
    api: Callable[[str, Dict[str, Any]], Dict[str, Any]]

    @property
    def query(self) -> Dict[str, str]:
        return self.request.query

    def form(self) -> Dict[str, str]:
        """The form-encoded body (last value of a repeated field)."""
        try:
            text = self.request.body.decode("utf-8")
        except UnicodeDecodeError:
            return {}
        return {k: v[-1] for k, v in parse_qs(text, keep_blank_values=True).items()}

    def cookie(self, name: str) -> Optional[str]:
        jar: SimpleCookie = SimpleCookie()
        try:
            jar.load(self.request.headers.get("cookie", ""))
        except Exception:  # a malformed Cookie header is ignored, as browsers' servers do
            return None
        morsel = jar.get(name)
        return morsel.value if morsel is not None else None

    def url(self, path: str, query: Optional[Mapping[str, str]] = None) -> str:
        return self.base_url + path + (f"?{urlencode(query)}" if query else "")

    def set_cookie(self, name: str, value: str, max_age: Optional[int] = None) -> str:
        """A Set-Cookie value scoped to the domain (and to its path prefix on loopback)."""
        parts = urlsplit(self.base_url)
        attributes = [f"{name}={value}", f"Path={parts.path or '/'}", "HttpOnly", "SameSite=Lax"]
        if max_age is not None:
            attributes.append(f"Max-Age={max_age}")
        if parts.scheme == "https":
            attributes.append("Secure")
        return "; ".join(attributes)


def json_response(status: int, body: Any, headers: Optional[Dict[str, str]] = None) -> HttpResponse:
    out = {"Content-Type": JSON, "Cache-Control": "no-store", **(headers or {})}
    return status, out, json.dumps(body, separators=(",", ":")).encode()


def html_response(status: int, page: str, headers: Optional[Dict[str, str]] = None) -> HttpResponse:
    return (
        status,
        {"Content-Type": HTML, "Cache-Control": "no-store", **(headers or {})},
        (page.encode()),
    )


def redirect(location: str, headers: Optional[Dict[str, str]] = None) -> HttpResponse:
    return 302, {"Location": location, "Cache-Control": "no-store", **(headers or {})}, b""


def with_params(uri: str, params: Mapping[str, str], fragment: bool = False) -> str:
    """``uri`` with ``params`` added to its query (or, for the implicit grant, its fragment)."""
    if fragment:
        return f"{uri.split('#')[0]}#{urlencode(params)}"
    joiner = "&" if urlsplit(uri).query else "?"
    return f"{uri}{joiner}{urlencode(params)}" if params else uri
