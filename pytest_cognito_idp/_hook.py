"""The one module that touches botocore internals.

At import, two handlers are added to botocore's builtin handlers, so every session created later
(boto3's default session, ``boto3.Session()``, ``botocore.session.get_session()``) carries them:

* ``before-send``: while a fake is active, answers the request in-process; otherwise blocks it
  (the default under pytest) or lets it through (``cognito_idp_real_calls = allow``).
* ``before-sign``: a client created with no credentials at all (say at import time of the code
  under test, before any fixture ran) signs with dummy ones while a fake is active, instead of
  failing with ``NoCredentialsError``.

Sessions that existed before the import get the handlers registered on them directly.
"""

from __future__ import annotations

import sys
import weakref
from typing import TYPE_CHECKING, Any, List, Optional

from botocore import handlers as _handlers
from botocore.credentials import Credentials

from .recording import CognitoIdpAssertionError

if TYPE_CHECKING:
    from .fake import CognitoIdp

EVENT_SERVICE = "cognito-identity-provider"
_DUMMY = Credentials("testing", "testing")


class RealCallBlocked(CognitoIdpAssertionError, RuntimeError):
    """A cognito-idp call was made while no fake was active (the test's misuse: one family with
    the other failed expectations; still a ``RuntimeError``, as it was)."""


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


def before_send(request: Any, event_name: str = "", **kwargs: Any) -> Any:
    if _active:
        # The event is ``before-send.cognito-identity-provider.<Operation>``: the operation's
        # name, without reading it back from the request's headers.
        return _active[-1].handle(request, event_name.rpartition(".")[2] or None)
    if real_calls == "allow":
        return None
    target = request.headers.get("X-Amz-Target", b"")
    operation = (target.decode() if isinstance(target, bytes) else target).rpartition(".")[2]
    raise RealCallBlocked(
        f"pytest-cognito-idp blocked a real call to cognito-idp {operation}: no fake is active. "
        "Use the `cognito_idp` fixture (or `with fake_cognito_idp():`) so the call reaches the "
        "fake, or set `cognito_idp_real_calls = allow` in your pytest ini options to let real "
        "calls through."
    )


def before_sign(request: Any, request_signer: Any = None, **kwargs: Any) -> None:
    if _active and request_signer is not None and request_signer._credentials is None:
        request.context.setdefault("signing", {})["request_credentials"] = _DUMMY


_HANDLERS = (
    (f"before-send.{EVENT_SERVICE}", before_send),
    (f"before-sign.{EVENT_SERVICE}", before_sign),
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
        for event, handler in _HANDLERS:
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
