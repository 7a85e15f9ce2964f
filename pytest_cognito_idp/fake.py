"""``CognitoIdp``: the fake service, and ``fake_cognito_idp`` to run it outside fixtures."""

from __future__ import annotations

import contextlib
import os
import threading
from typing import Any, Callable, Dict, Iterator, List, Optional, Tuple, Union

from . import _arguments, _decorate, _faults, _hook, _model, _wire, clock
from ._http import domain, intercept, well_known
from ._model import service
from .backend import lambdas
from .backend.core.outbox import Outbox
from .backend.state import Backend
from .backend.users import quotas
from .errors import ERRORS, CognitoError, OperationNotSupported
from .operations import REGISTRY, Context, load, settle_due_work
from .recording import Call, CallError, CallList, CognitoIdpAssertionError, TriggerCallList
from .resources import UserPool

load()
well_known.install()
domain.install()

DEFAULT_ACCOUNT_ID = "123456789012"
_DUMMY_ENV = {
    "AWS_ACCESS_KEY_ID": "testing",
    "AWS_SECRET_ACCESS_KEY": "testing",
}
_DEFAULT_MESSAGES = {
    "TooManyRequestsException": "Rate exceeded",
    "InternalErrorException": "Internal server error.",
    "LimitExceededException": quotas.EXCEEDED,
}


class CognitoIdp:
    """The fake cognito-idp service. Every boto3 call reaches it while it is active."""

    def __init__(self, region: str = "us-east-1", account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self.region = region
        self.account_id = account_id
        self.calls = CallList()
        self._backend = Backend(account_id)
        # One lock for the whole fake: calls from any thread are applied one at a time. It is
        # reentrant because a trigger may call the fake again from inside a call.
        self._lock = threading.RLock()
        self._injected = _faults.InjectedErrors()

    @property
    def outbox(self) -> Outbox:
        """Every message Cognito would have sent (sign-up, recovery, invitations, MFA...)."""
        return self._backend.outbox

    @contextlib.contextmanager
    def _state(self, *, locked: bool = True) -> Iterator[Backend]:
        """The fake's state for its own handles and HTTP routes, under the fake's lock unless
        ``locked=False`` (a read on the loopback server's thread while a call holds the lock)."""
        if not locked:
            yield self._backend
            return
        with self._lock:
            yield self._backend

    # -- activation ---------------------------------------------------------------------------

    def start(self) -> CognitoIdp:
        _hook.push(self)
        intercept.update()
        return self

    def stop(self) -> None:
        _hook.pop(self)
        intercept.update()

    # -- the call path ------------------------------------------------------------------------

    def handle(self, request: Any, operation: Optional[str] = None) -> Any:
        """Answer one botocore request (called by the ``before-send`` hook, which knows the
        ``operation``; without it, the request's ``X-Amz-Target`` header names it)."""
        operation, body, params = _wire.decode(request, operation)
        answer = self._answer_call(operation, body, params, _wire.region_of(request, self.region))
        if isinstance(answer, CognitoError):
            return _wire.failure(request.url, answer)
        return _wire.response(request.url, answer)

    def _answer_call(
        self, operation: str, body: bytes, params: Dict[str, Any], region: str
    ) -> Union[bytes, CognitoError]:
        """Apply and record one call that arrived over the wire (from a botocore client or the
        HTTP server): the JSON of its result, or the modeled error it failed with."""
        with self._lock:
            try:
                # Injected faults stand for the service failing the code under test's calls, so
                # only calls that arrive over the wire take them, not the test's own helpers.
                if self._injected:
                    self._raise_injected(operation)
                answer = _wire.dumps(self.invoke(operation, params, region))
            except CognitoError as error:
                self._record(operation, body, error, region)
                return error
            except OperationNotSupported as error:
                self._record(operation, body, error, region)
                raise
            self.calls.append(Call(operation, body, answer, None, clock.now(), region))
            return answer

    def invoke(
        self, operation: str, params: Dict[str, Any], region: Optional[str] = None
    ) -> Dict[str, Any]:
        """Run ``operation`` as the service would, without recording it; raise ``CognitoError``."""
        with self._lock:
            handler = REGISTRY.get(operation)
            if handler is None:
                raise OperationNotSupported(
                    f"pytest-cognito-idp does not implement cognito-idp {operation} yet. "
                    "The README lists the operations it supports; use "
                    f"cognito_idp.inject_error({operation!r}, ...) to fake its failures."
                )
            _model.validate(operation, params)
            name = region or self.region
            served = self._backend.regions.get(name) or self._backend.region(name)
            settle_due_work(served)
            return handler(Context(self._backend, served), params) or {}

    def _record(
        self, operation: str, request_json: bytes, error: BaseException, region: str
    ) -> None:
        """Record a call that failed (a successful one is recorded where it is answered)."""
        if isinstance(error, CognitoError):
            failure = CallError(error.code, error.message)
        else:
            failure = CallError(type(error).__name__, str(error))
        self.calls.append(Call(operation, request_json, None, failure, clock.now(), region))

    # -- assertions on recorded calls (see ``CallList``) ----------------------------------------

    def get_calls(self, operation: Optional[str] = None, **params_subset: Any) -> List[Call]:
        return self.calls.get_calls(operation, **params_subset)

    def assert_called(self, operation: str, **params_subset: Any) -> Call:
        __tracebackhide__ = True
        return self.calls.assert_called(operation, **params_subset)

    def assert_called_once(self, operation: str, **params_subset: Any) -> Call:
        __tracebackhide__ = True
        return self.calls.assert_called_once(operation, **params_subset)

    def assert_not_called(self, operation: str, **params_subset: Any) -> None:
        __tracebackhide__ = True
        self.calls.assert_not_called(operation, **params_subset)

    # -- faults ---------------------------------------------------------------------------------

    def inject_error(
        self, operation: str, code: str, message: Optional[str] = None, times: int = 1
    ) -> None:
        """Make the next ``times`` calls of ``operation`` fail with the modeled error ``code``."""
        if operation not in service.service_model().operation_names:
            raise ValueError(f"{operation!r} is not a cognito-idp operation")
        cls = ERRORS.get(code)
        if cls is None:
            raise ValueError(
                f"{code!r} is not a cognito-idp error code; use one of: {', '.join(sorted(ERRORS))}"
            )
        if times < 1:
            raise ValueError("times must be at least 1")
        text = message if message is not None else _DEFAULT_MESSAGES.get(code, f"{code} (injected)")
        with self._lock:
            self._injected.add(operation, cls(text), times)

    def _raise_injected(self, operation: str) -> None:
        self._injected.raise_next(operation)

    def assert_all_injected_errors_raised(self) -> None:
        """Fail if an error queued with ``inject_error`` was not raised as many times as asked
        (the ``cognito_idp`` fixture checks this at teardown)."""
        __tracebackhide__ = True
        with self._lock:
            message = self._injected.unraised_message()
        if message:
            raise CognitoIdpAssertionError(message)

    # -- helpers for tests ----------------------------------------------------------------------

    def client(self, **kwargs: Any) -> Any:
        """A boto3 ``cognito-idp`` client for this fake (region defaults to ``self.region``)."""
        kwargs.setdefault("region_name", self.region)
        kwargs.setdefault("aws_access_key_id", "testing")
        kwargs.setdefault("aws_secret_access_key", "testing")
        return _boto3_session().client("cognito-idp", **kwargs)

    def create_pool(self, **create_user_pool_kwargs: Any) -> UserPool:
        """A new pool, from ``CreateUserPool`` arguments (``PoolName`` defaults to ``"pool"``)."""
        params = {"PoolName": "pool", **create_user_pool_kwargs}
        _arguments.check("CreateUserPool", params)
        created = self.invoke("CreateUserPool", params)
        return self.pool(created["UserPool"]["Id"])

    @property
    def pools(self) -> List[UserPool]:
        """Every pool of the default region."""
        return [UserPool(self, p) for p in self._backend.region(self.region).pools.values()]

    def pool(self, pool_id: str) -> UserPool:
        """The pool ``pool_id`` (in whatever region its ID names)."""
        region = pool_id.partition("_")[0]
        return UserPool(self, self._backend.region(region).pool(pool_id))

    def register_lambda(self, arn: str, fn: Callable[..., Any]) -> None:
        """Run ``fn(event, context)`` wherever a pool's ``LambdaConfig`` names ``arn``."""
        with self._lock:
            lambdas.register(self._backend, arn, fn)

    @property
    def trigger_calls(self) -> TriggerCallList:
        """Every Lambda trigger invocation, oldest first: ``TriggerCall(trigger, trigger_source,
        pool_id, arn, event, response, error, at)``, with the assertions of ``calls``."""
        return TriggerCallList(self._backend.trigger_calls)


_session: Any = None


def _boto3_session() -> Any:
    # Creating a boto3 session costs milliseconds; one shared by every fake is enough.
    global _session
    if _session is None:
        import boto3

        _session = boto3.session.Session()
    return _session


class fake_cognito_idp(contextlib.ContextDecorator):
    """Run a fresh fake: ``with fake_cognito_idp() as idp:`` or ``@fake_cognito_idp()``.

    Dummy credentials and the region are put in the environment for the duration
    (``AWS_DEFAULT_REGION`` and ``AWS_REGION``), so clients created inside need no setup. The
    fixtures' region follows the environment; this one is explicit, ``us-east-1`` by default.
    As a decorator the wrapped function gets no extra argument; on a class it wraps each test
    method (a ``unittest.TestCase``: each test with its ``setUp`` and ``tearDown``), as moto's
    ``mock_aws`` does.
    """

    def __init__(self, region: str = "us-east-1", account_id: str = DEFAULT_ACCOUNT_ID) -> None:
        self.region = region
        self.account_id = account_id
        self._stack: List[Tuple[CognitoIdp, Dict[str, Optional[str]]]] = []

    def __enter__(self) -> CognitoIdp:
        fake = CognitoIdp(self.region, self.account_id)
        # Both region variables: botocore reads AWS_DEFAULT_REGION, apps often AWS_REGION.
        wanted = {**_DUMMY_ENV, "AWS_DEFAULT_REGION": self.region, "AWS_REGION": self.region}
        saved = {k: os.environ.get(k) for k in (*wanted, "AWS_SESSION_TOKEN", "AWS_PROFILE")}
        os.environ.update(wanted)
        os.environ.pop("AWS_SESSION_TOKEN", None)
        os.environ.pop("AWS_PROFILE", None)
        self._stack.append((fake, saved))
        return fake.start()

    def __exit__(self, *exc: object) -> None:
        fake, saved = self._stack.pop()
        fake.stop()
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value

    def __call__(self, target: Any) -> Any:
        if isinstance(target, type):
            return _decorate.test_class(target, self._fresh)
        if not callable(target):
            raise TypeError(f"@fake_cognito_idp() decorates a function or a class, not {target!r}")
        return _decorate.function(target, self._fresh)

    def _fresh(self) -> fake_cognito_idp:
        # One decorator object serves every call of what it wraps (and every test of a class);
        # each gets its own context manager so that nested or concurrent calls stay apart.
        return fake_cognito_idp(self.region, self.account_id)
