"""The fast path: a plain botocore client's call answered at ``before-call``, where it is safe.

botocore's ``BaseClient._make_api_call`` validates and serialises the parameters, then emits
``before-call.<service>.<Operation>``; a handler's ``(http_response, parsed)`` answer stands in
for ``_make_request``: signing, ``request-created``, ``before-send``, the HTTP response's parse,
``needs-retry`` and its back-off, and the debug logging of the exchange. ``after-call`` is still
emitted and an error status still raises ``client.exceptions.<Code>``. ``before_call`` answers
there, with the very request the wire would carry (the serialised JSON body) and the result
botocore's parser would give (``_parsed``), unless the call needs what it skips; then it returns
None and the call goes the ``before-send`` way (``_hook``), as every call did before:

* no fake is active, or the client is not plain botocore (aiobotocore's, say: its
  ``_make_api_call`` is not the frame that emitted the event) or its session changed botocore's
  parser defaults (``set_parser_defaults``);
* the client has handlers of its own on an event the fast path skips (a ``before-send`` handler,
  the adaptive retry mode's rate limiter, a custom ``needs-retry``...);
* botocore's loggers are on at DEBUG, or botocore's history recorder is on;
* an error is injected for the operation, or the answer is one botocore retries (throttling,
  ``LimitExceededException``, a 5xx status): errors leave the fake untouched, so the attempt is
  dropped unrecorded and the ``before-send`` path makes it again, with the retries and back-off
  of the client's retry mode, recording every attempt.

``_hook`` registers the handler last on the bare ``before-call`` event, so ``Stubber`` (on
``before-call.*.*``) and every handler users register on ``before-call`` run before it.
"""

from __future__ import annotations

import inspect
import logging
import sys
from typing import TYPE_CHECKING, Any, Dict, Optional, Tuple

from botocore import handlers as _handlers
from botocore import retryhandler
from botocore.awsrequest import AWSResponse, HeadersDict
from botocore.client import BaseClient
from botocore.endpoint import Endpoint
from botocore.history import get_global_history_recorder
from botocore.retries import standard
from botocore.signers import RequestSigner
from botocore.useragent import UserAgentString

from . import _parsed, _wire, clock
from .backend.core import ids
from .errors import CognitoError, OperationNotSupported
from .recording import Call

if TYPE_CHECKING:
    from .fake import CognitoIdp

EVENT_SERVICE = "cognito-identity-provider"
PREFIX = f"before-call.{EVENT_SERVICE}."

check_against_botocore = False
"""Compare every result with botocore's own parse of the same bytes (the test suite sets it)."""

# What _make_request emits (and the fast path therefore skips) for each call.
_SKIPPED_EVENTS = (
    "choose-signer",
    "request-created",
    "before-sign",
    "before-send",
    "response-received",
    "before-parse",
    "needs-retry",
    "after-call-error",
)
# Bound methods botocore registers on them for every client: signing, the User-Agent header,
# the standard retry mode's retry decision (the legacy mode's is a RetryHandler instance).
_KNOWN_METHODS = tuple(
    method
    for method in (
        RequestSigner.handler,
        # (recent botocore only: older versions set the header without a handler)
        getattr(UserAgentString, "rebuild_and_replace_user_agent_handler", None),
        standard.RetryHandler.needs_retry,
    )
    if method is not None
)
_DEBUG_LOGGERS = tuple(
    logging.getLogger(f"botocore.{name}") for name in ("endpoint", "parsers", "hooks", "auth")
)
_history = get_global_history_recorder()
# What the retry modes retry (botocore.retries.standard and the legacy _retry.json).
_RETRIED_CODES = frozenset(
    getattr(standard.ThrottledRetryableChecker, "_THROTTLED_ERROR_CODES", [])
    + getattr(standard.TransientRetryableChecker, "_TRANSIENT_ERROR_CODES", [])
    + ["TooManyRequestsException", "LimitExceededException", "ThrottlingException"]
)
# botocore wraps the method (with_current_context): the frame runs the wrapped function's code.
_MAKE_API_CALL = inspect.unwrap(BaseClient._make_api_call).__code__


def answer(
    fake: CognitoIdp,
    model: Any = None,
    params: Any = None,
    request_signer: Any = None,
    context: Any = None,
    **kwargs: Any,
) -> Optional[Tuple[AWSResponse, Dict[str, Any]]]:
    """``fake``'s answer to the ``before-call`` event of a cognito-idp call, or None."""
    operation = model.name
    if params is None or type(request_signer) is not RequestSigner:
        return None
    if fake._injected and fake._injected.queued_for(operation):
        return None
    if not _from_botocore() or _observed() or not _plain(request_signer._event_emitter, operation):
        return None
    url = params["url"]
    body = params["body"]
    if not isinstance(body, bytes):
        return None
    signing = context.get("signing") if context else None
    default = (signing or {}).get("region") or request_signer._region_name
    region = _wire._url_regions.get(url) or _wire.region_of(_Url(url), default or fake.region)
    return _answer(fake, model, operation, url, body, region)


def _answer(
    fake: CognitoIdp, model: Any, operation: str, url: str, body: bytes, region: str
) -> Optional[Tuple[AWSResponse, Dict[str, Any]]]:
    """``fake.handle``'s work, as the fast path does it: the same recording, a parsed result."""
    request_id = ids.request_id()
    headers = {"x-amzn-RequestId": request_id, "Content-Type": _wire.CONTENT_TYPE}
    with fake._lock:
        try:
            wire = fake.invoke(operation, _wire.loads(body), region)
        except CognitoError as error:
            if error.status >= 500 or error.code in _RETRIED_CODES:
                return None  # the before-send path makes this attempt again, and retries it
            fake._record(operation, body, error, region)
            return _failure(model, url, error, request_id, headers)
        except OperationNotSupported:  # the before-send path raises it, recorded, to the caller
            return None
        answer = _wire.dumps(wire)
        fake.calls.append(Call(operation, body, answer, None, clock.now(), region))
    parsed = _parsed.result(model, wire, answer, request_id, headers)
    return _respond(model, url, 200, headers, answer, parsed)


def _failure(
    model: Any, url: str, error: CognitoError, request_id: str, headers: Dict[str, str]
) -> Tuple[AWSResponse, Dict[str, Any]]:
    # The headers _wire.failure gives the before-send path's answer.
    headers["x-amzn-ErrorType"] = f"{error.code}:"
    headers["x-amzn-ErrorMessage"] = error.message
    payload = _wire.error_payload(error)
    answer = _wire.dumps(payload)
    parsed = _parsed.error(model, payload, answer, error.status, request_id, headers)
    return _respond(model, url, error.status, headers, answer, parsed)


def _respond(
    model: Any, url: str, status: int, headers: Dict[str, str], body: bytes, parsed: Any
) -> Tuple[AWSResponse, Dict[str, Any]]:
    if check_against_botocore:
        expected = _parsed.by_botocore(model, status, headers, body)
        assert parsed == expected, f"{model.name}: built {parsed!r}, botocore {expected!r}"
    return _Response(url, status, headers, _wire._Body(body)), parsed


class _Response(AWSResponse):  # type: ignore[misc]
    """The ``AWSResponse`` the ``before-send`` path would have had, its case-insensitive
    ``headers`` made when first read: botocore itself reads only ``status_code``."""

    def __init__(self, url: str, status_code: int, headers: Dict[str, str], raw: Any) -> None:
        self.url = url
        self.status_code = status_code
        self.raw = raw
        self._content = None
        self._plain_headers = headers
        self._headers: Optional[HeadersDict] = None

    @property
    def headers(self) -> HeadersDict:
        if self._headers is None:
            self._headers = HeadersDict(self._plain_headers)
        return self._headers

    @headers.setter
    def headers(self, value: Any) -> None:
        self._headers = HeadersDict(value)


class _Url:
    """What ``_wire.region_of`` reads of a request, before there is one: the URL (there is no
    signature yet to read a region from)."""

    __slots__ = ("url",)
    headers: Dict[str, str] = {}

    def __init__(self, url: str) -> None:
        self.url = url


def _from_botocore() -> bool:
    """The event comes from botocore's own ``_make_api_call``, a few frames up (the emitter and
    its aliasing wrapper between), not aiobotocore's or another caller's."""
    frame: Any = sys._getframe(3)
    for _ in range(6):
        if frame is None:
            return False
        if frame.f_code is _MAKE_API_CALL:
            return True
        frame = frame.f_back
    return False


def _calling_client() -> Any:
    """The client whose ``_make_api_call`` emitted the event."""
    frame: Any = sys._getframe(1)
    while frame is not None and frame.f_code is not _MAKE_API_CALL:
        frame = frame.f_back
    return None if frame is None else frame.f_locals.get("self")


def _observed() -> bool:
    """botocore's debug log or its history recorder would miss the exchange."""
    endpoint, parsers, hooks, auth = _DEBUG_LOGGERS
    return (
        _history._enabled
        or endpoint.isEnabledFor(logging.DEBUG)
        or parsers.isEnabledFor(logging.DEBUG)
        or hooks.isEnabledFor(logging.DEBUG)
        or auth.isEnabledFor(logging.DEBUG)
    )


def _plain(emitter: Any, operation: str) -> bool:
    """The client has botocore's parser defaults and nothing of its own on the events the fast
    path skips. What does not change with each call is kept in the emitter's own lookup cache,
    which botocore replaces whenever a handler is registered or unregistered (and which each
    client has its own of, from the handlers botocore registers on it at creation)."""
    inner = getattr(emitter, "_emitter", emitter)
    cache = inner._lookup_cache
    key = ("pytest-cognito-idp fast path", operation)
    found = cache.get(key)
    if found is None:
        client = _calling_client()
        endpoint: Any = getattr(client, "_endpoint", None)
        if type(endpoint) is Endpoint and _only_known_handlers(inner, operation):
            found = (True, endpoint._response_parser_factory)
        else:
            found = (False, None)
        cache[key] = found
    plain, parsers = found
    return bool(plain and not parsers._defaults)


def _only_known_handlers(emitter: Any, operation: str) -> bool:
    builtin = {spec[1] for spec in _handlers.BUILTIN_HANDLERS}
    for event in _SKIPPED_EVENTS:
        for handler in emitter._handlers.prefix_search(f"{event}.{EVENT_SERVICE}.{operation}"):
            if handler in builtin or isinstance(handler, retryhandler.RetryHandler):
                continue
            if getattr(handler, "__func__", None) in _KNOWN_METHODS:
                continue
            return False
    return True
