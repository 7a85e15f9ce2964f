"""The one module that touches botocore internals.

At import, three handlers are added to botocore's builtin handlers, so every session created later
(boto3's default session, ``boto3.Session()``, ``botocore.session.get_session()``) carries them:

* ``before-send``: while a fake is active, answers the request in-process; otherwise blocks it
  (the default under pytest) or lets it through (``cognito_idp_real_calls = allow``). Blocking
  stops only calls bound for AWS's own endpoints that no other mock answers: a client with another
  ``endpoint_url`` (LocalStack, any server) and calls moto's ``mock_aws`` answers go their way.
* ``before-call``, last: the fast path (``_fast``), answering a plain botocore client's call
  before botocore signs, sends and parses it, wherever that is safe.
* ``before-sign``: a client created with no credentials at all (say at import time of the code
  under test, before any fixture ran) signs with dummy ones while a fake is active, instead of
  failing with ``NoCredentialsError``. It also notes whether the client is an aiobotocore one
  (aioboto3 clients are aiobotocore clients): aiobotocore awaits the answer's body, so the
  ``before-send`` answer is then an ``AioAWSResponse``.

aiobotocore sessions register botocore's builtin handlers too, so both kinds of client reach the
same handlers. Sessions that existed before the import get the handlers registered on them.
"""

from __future__ import annotations

import contextvars
import sys
import weakref
from typing import TYPE_CHECKING, Any, Dict, List, Optional
from urllib.parse import urlsplit

from botocore import handlers as _handlers
from botocore.credentials import Credentials

from . import _fast
from .recording import CognitoIdpAssertionError

if TYPE_CHECKING:
    from .fake import CognitoIdp

EVENT_SERVICE = "cognito-identity-provider"
_DUMMY = Credentials("testing", "testing")


class RealCallBlocked(CognitoIdpAssertionError, RuntimeError):
    """A cognito-idp call bound for AWS was made while no fake was active (the test's misuse: one
    family with the other failed expectations; still a ``RuntimeError``, as it was)."""


# The DNS suffixes of AWS's partitions (botocore's endpoints.json ``dnsSuffix`` and
# ``dualStackDnsSuffix`` values): a request for any other host is not a real call to AWS.
AWS_DNS_SUFFIXES = (
    ".amazonaws.com",
    ".amazonaws.com.cn",
    ".api.aws",
    ".api.amazonwebservices.com.cn",
    ".c2s.ic.gov",
    ".sc2s.sgov.gov",
    ".cloud.adc-e.uk",
    ".csp.hci.ic.gov",
    ".amazonaws.eu",
)


# The active fakes, innermost last; shared by all threads, as a client may live in any thread.
_active: List[CognitoIdp] = []
real_calls = "allow"
"""``block`` under pytest unless the ini option says ``allow``; ``allow`` elsewhere."""


def active() -> Optional[CognitoIdp]:
    return _active[-1] if _active else None


def push(fake: CognitoIdp) -> None:
    _register_on_default_session()
    _active.append(fake)


def pop(fake: CognitoIdp) -> None:
    if fake in _active:
        _active.remove(fake)


# Whether the request being signed and sent comes from an aiobotocore client. Signing and
# sending one attempt happen in the same thread (sync) or task (async), one after the other, so a
# context variable carries the answer from ``before-sign`` to ``before-send``.
_async_client: contextvars.ContextVar[bool] = contextvars.ContextVar(
    "cognito_idp_async_client", default=False
)
_async_signers: Dict[type, bool] = {}


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    if _active:
        # The event is ``before-send.cognito-identity-provider.<Operation>``: the operation's
        # name, without reading it back from the request's headers.
        answer = _active[-1].handle(request, event_name.rpartition(".")[2] or None)
        return _aio_response(answer) if _async_client.get() else answer
    if real_calls == "allow" or not _bound_for_aws(request.url) or _moto_answers():
        return None
    target = request.headers.get("X-Amz-Target", b"")
    operation = (target.decode() if isinstance(target, bytes) else target).rpartition(".")[2]
    raise RealCallBlocked(
        f"pytest-cognito-idp blocked a real call to cognito-idp {operation} at {request.url}: "
        "no fake is active and the call was bound for AWS. Use the `cognito_idp` fixture (or "
        "`with fake_cognito_idp():`) so the call reaches the fake, or set "
        "`cognito_idp_real_calls = allow` in your pytest ini options to let real calls through. "
        "Clients with another endpoint_url (LocalStack, a local server) and calls moto's "
        "mock_aws answers are never blocked."
    )


def _bound_for_aws(url: str) -> bool:
    host = (urlsplit(url).hostname or "").lower()
    return host.endswith(AWS_DNS_SUFFIXES)


def _moto_answers() -> bool:
    # moto's ``mock_aws`` answers at ``before-send`` too, from a handler that runs after this one
    # (botocore runs the handlers of the most specific event first): leave the call to it.
    models = sys.modules.get("moto.core.models")
    stubber = getattr(models, "botocore_stubber", None)
    return bool(getattr(stubber, "enabled", False))


def before_call(event_name: str = "", **kwargs: Any) -> Any:
    if _active and event_name.startswith(_fast.PREFIX):
        return _fast.answer(_active[-1], **kwargs)
    return None


def before_sign(request: Any, request_signer: Any = None, **kwargs: Any) -> None:
    if not _active or request_signer is None:
        return
    kind = type(request_signer)
    is_async = _async_signers.get(kind)
    if is_async is None:
        is_async = _async_signers[kind] = kind.__module__.startswith("aiobotocore.")
    _async_client.set(is_async)
    if request_signer._credentials is None:
        request.context.setdefault("signing", {})["request_credentials"] = (
            _aio_dummy() if is_async else _DUMMY
        )


def _aio_dummy() -> Any:
    # aiobotocore's signer awaits the credentials' frozen form.
    from aiobotocore.credentials import AioCredentials

    return AioCredentials("testing", "testing")


class _AioBody:
    """The minimum of an aiohttp response that ``AioAWSResponse.content`` awaits."""

    __slots__ = ("_data",)

    def __init__(self, data: bytes) -> None:
        self._data = data

    async def read(self) -> bytes:
        return self._data


def _aio_response(answer: Any) -> Any:
    from aiobotocore.awsrequest import AioAWSResponse

    return AioAWSResponse(answer.url, answer.status_code, answer.headers, _AioBody(answer.content))


_HANDLERS: tuple[tuple[Any, ...], ...] = (
    (f"before-send.{EVENT_SERVICE}", before_send),
    (f"before-sign.{EVENT_SERVICE}", before_sign),
    # On the bare event, last: every other before-call handler (Stubber's, users') runs first.
    ("before-call", before_call, _handlers.REGISTER_LAST),
)
_registered: weakref.WeakSet[Any] = weakref.WeakSet()


def _has_handlers(session: Any) -> bool:
    # A session created after install() got the handlers from the builtins; registering them a
    # second time would answer every call twice.
    try:
        events = session._events
        events = getattr(events, "_emitter", events)
        found = events._handlers.prefix_search(f"before-send.{EVENT_SERVICE}.X")
    except AttributeError:  # pragma: no cover - botocore internals moved
        return False
    return before_send in list(found)


def _register(session: Any) -> None:
    if session is None or session in _registered:
        return
    if not _has_handlers(session):
        for event, handler, *last in _HANDLERS:
            if last:
                session._events.register_last(event, handler)  # as botocore does its own
            else:
                session.register(event, handler)
    _registered.add(session)


def _register_on_default_session() -> None:
    boto3 = sys.modules.get("boto3")
    default = getattr(boto3, "DEFAULT_SESSION", None)
    if default is not None:
        _register(default._session)


def install() -> None:
    """Add the handlers to botocore's builtins (once) and to boto3's existing default session."""
    for entry in _HANDLERS:
        if entry not in _handlers.BUILTIN_HANDLERS:
            _handlers.BUILTIN_HANDLERS.append(entry)
    _register_on_default_session()


install()
