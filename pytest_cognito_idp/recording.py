"""What the code under test asked of the fake: ``Call`` records and assertion helpers."""

from __future__ import annotations

import datetime as _dt
import functools
import pprint
import re
from typing import (
    TYPE_CHECKING,
    Any,
    Generic,
    Iterator,
    List,
    Optional,
    Protocol,
    TypeVar,
    overload,
)

import attrs

from . import _wire, clock

if TYPE_CHECKING:
    from .backend.lambdas import TriggerCall


@attrs.frozen
class CallError:
    """The modeled error a call ended with."""

    code: str
    message: str


@attrs.frozen(repr=False)
class Call:
    """One cognito-idp call: ``params`` as sent; ``response`` (wire form) or ``error``.

    A call keeps the JSON that went over the wire and decodes ``params`` and ``response`` when
    they are first read: a test that makes thousands of calls keeps thousands of byte strings,
    not thousands of dict trees for the garbage collector to walk again and again.
    """

    operation: str
    request_json: bytes
    response_json: Optional[bytes]
    error: Optional[CallError]
    at_epoch: float
    region: str = "us-east-1"

    @functools.cached_property
    def at(self) -> _dt.datetime:
        """When the call was answered, on the fake's clock (aware UTC)."""
        return clock.to_datetime(self.at_epoch)

    @functools.cached_property
    def params(self) -> dict[str, Any]:
        """The request's parameters, as sent."""
        return _wire.loads(self.request_json)

    @functools.cached_property
    def response(self) -> Optional[dict[str, Any]]:
        """The response as the service sent it (epoch-second timestamps), or None on error."""
        return None if self.response_json is None else _wire.loads(self.response_json)

    def __repr__(self) -> str:
        return (
            f"Call(operation={self.operation!r}, params={self.params!r}, "
            f"response={self.response!r}, error={self.error!r}, at={self.at!r})"
        )

    def matches(self, operation: Optional[str], subset: dict[str, Any]) -> bool:
        if operation is not None and self.operation != operation:
            return False
        if not subset:
            return True
        # Decoded for the comparison only: matching against thousands of calls keeps no trees.
        params = _wire.loads(self.request_json)
        return all(k in params and params[k] == v for k, v in subset.items())

    def describe(self) -> str:
        outcome = f"-> {self.error.code}: {self.error.message}" if self.error else "-> ok"
        return f"{self.operation}({_short(self.params)}) {outcome}"


# Characters no JSON encoder escapes (some escape "/", "<", ">" or "&", all escape quotes,
# backslashes, control characters, and some non-ASCII): a key or string made only of these
# appears in any encoding of the request between double quotes, as is.
_PLAIN = re.compile(r"[A-Za-z0-9 _.:@+=,#%!*~$()\[\]{}|^`';?-]*")


def _needles(subset: dict[str, Any]) -> List[bytes]:
    """Byte strings every request matching ``subset`` has in its JSON."""
    values = [v for v in subset.values() if isinstance(v, str)]
    return [f'"{text}"'.encode() for text in [*values, *subset] if _PLAIN.fullmatch(text)]


def _short(params: dict[str, Any]) -> str:
    text = ", ".join(f"{k}={v!r}" for k, v in params.items())
    return text if len(text) <= 200 else text[:197] + "..."


class CognitoIdpAssertionError(AssertionError):
    """The test's expectation of the fake did not hold (a failed ``assert_called``, an injected
    error never raised, a call made with no fake active): the test's own failure, never one the
    service would send. An ``AssertionError``, so pytest reports it as a failed check."""


class _Record(Protocol):
    def matches(self, name: Optional[str], subset: dict[str, Any]) -> bool: ...

    def describe(self) -> str: ...


R = TypeVar("R", bound=_Record)


class RecordList(Generic[R]):
    """Records of one kind (calls, trigger calls), oldest first, with ``unittest.mock``-style
    assertions. A record is selected by its name (an operation, a trigger) and a subset of what
    was sent (the request's params, the trigger's event); a failed assertion lists them all.

    Subclasses name the record (``_noun``) and give the public methods their parameter names.
    """

    _noun = "record"
    _none = "(nothing was recorded)"

    def __init__(self, records: Optional[List[R]] = None) -> None:
        # A list shared with its owner (the backend appends trigger calls to its own list).
        self._records: List[R] = [] if records is None else records

    def append(self, record: R) -> None:
        self._records.append(record)

    def clear(self) -> None:
        self._records.clear()

    def __iter__(self) -> Iterator[R]:
        return iter(list(self._records))

    def __len__(self) -> int:
        return len(self._records)

    @overload
    def __getitem__(self, i: int) -> R: ...
    @overload
    def __getitem__(self, i: slice) -> List[R]: ...
    def __getitem__(self, i: int | slice) -> R | List[R]:
        return self._records[i]

    def __eq__(self, other: object) -> bool:
        # ``cognito_idp.trigger_calls == []`` reads as it did when the attribute was a list.
        if isinstance(other, RecordList):
            return self._records == other._records
        if isinstance(other, list):
            return self._records == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({pprint.pformat(self._records)})"

    @property
    def call_count(self) -> int:
        return len(self._records)

    @property
    def last(self) -> Optional[R]:
        return self._records[-1] if self._records else None

    def describe(self) -> str:
        if not self._records:
            return f"  {self._none}"
        return "\n".join(f"  {i}. {r.describe()}" for i, r in enumerate(self._records, 1))

    def _select(self, name: Optional[str], subset: dict[str, Any]) -> List[R]:
        return [r for r in self._records if r.matches(name, subset)]

    def _expected(self, name: str, subset: dict[str, Any]) -> str:
        wanted = f"{name}({_short(subset)})" if subset else name
        return f"{wanted}\nRecorded {self._noun}s:\n{self.describe()}"

    def _assert_called(self, name: str, subset: dict[str, Any]) -> R:
        __tracebackhide__ = True
        found = self._select(name, subset)
        if not found:
            raise CognitoIdpAssertionError(
                f"Expected {_article(self._noun)} {self._noun} {self._expected(name, subset)}"
            )
        return found[-1]

    def _assert_called_once(self, name: str, subset: dict[str, Any]) -> R:
        __tracebackhide__ = True
        found = self._select(name, subset)
        if len(found) != 1:
            raise CognitoIdpAssertionError(
                f"Expected exactly one {self._noun}, got {len(found)}: "
                f"{self._expected(name, subset)}"
            )
        return found[0]

    def _assert_not_called(self, name: str, subset: dict[str, Any]) -> None:
        __tracebackhide__ = True
        found = self._select(name, subset)
        if found:
            raise CognitoIdpAssertionError(
                f"Expected no {self._noun}, got {len(found)}: {self._expected(name, subset)}"
            )


def _article(noun: str) -> str:
    return "an" if noun[:1] in "aeiou" else "a"


class CallList(RecordList[Call]):
    """The calls a fake received, oldest first, with ``unittest.mock``-style assertions."""

    _noun = "call"
    _none = "(no cognito-idp calls were made)"

    def _select(self, name: Optional[str], subset: dict[str, Any]) -> List[Call]:
        calls = self._records
        if name is not None:
            calls = [c for c in calls if c.operation == name]
        if not subset:
            return list(calls)
        # A call whose JSON lacks a key (or a plain string value) of the subset cannot match:
        # it is passed over without decoding its params, which would stay in memory.
        for needle in _needles(subset):  # the values first: they are the rarer
            calls = [c for c in calls if needle in c.request_json]
        return [c for c in calls if c.matches(None, subset)]

    def get_calls(self, operation: Optional[str] = None, **params_subset: Any) -> List[Call]:
        """The calls of ``operation`` (any, if None) whose params include ``params_subset``."""
        return self._select(operation, params_subset)

    def assert_called(self, operation: str, **params_subset: Any) -> Call:
        """At least one call of ``operation`` with ``params_subset``; returns the last such."""
        __tracebackhide__ = True
        return self._assert_called(operation, params_subset)

    def assert_called_once(self, operation: str, **params_subset: Any) -> Call:
        """Exactly one call of ``operation`` with ``params_subset``; returns it."""
        __tracebackhide__ = True
        return self._assert_called_once(operation, params_subset)

    def assert_not_called(self, operation: str, **params_subset: Any) -> None:
        """No call of ``operation`` (with ``params_subset``, if given)."""
        __tracebackhide__ = True
        self._assert_not_called(operation, params_subset)


class TriggerCallList(RecordList["TriggerCall"]):
    """The Lambda trigger invocations, oldest first: the same assertions as ``CallList``, by
    trigger (the ``LambdaConfig`` key, e.g. ``"PreSignUp"``) and a subset of the event's top
    level (``triggerSource``, ``userName``, ``request``...)."""

    _noun = "trigger call"
    _none = "(no Lambda trigger was invoked)"

    def get_calls(self, trigger: Optional[str] = None, **event_subset: Any) -> List[TriggerCall]:
        """The invocations of ``trigger`` (any, if None) whose event includes ``event_subset``."""
        return self._select(trigger, event_subset)

    def assert_called(self, trigger: str, **event_subset: Any) -> TriggerCall:
        """At least one invocation of ``trigger`` with ``event_subset``; returns the last such."""
        __tracebackhide__ = True
        return self._assert_called(trigger, event_subset)

    def assert_called_once(self, trigger: str, **event_subset: Any) -> TriggerCall:
        """Exactly one invocation of ``trigger`` with ``event_subset``; returns it."""
        __tracebackhide__ = True
        return self._assert_called_once(trigger, event_subset)

    def assert_not_called(self, trigger: str, **event_subset: Any) -> None:
        """No invocation of ``trigger`` (with ``event_subset``, if given)."""
        __tracebackhide__ = True
        self._assert_not_called(trigger, event_subset)

    def tracebacks(self) -> str:
        """The traceback of every function that raised, numbered as in ``describe``."""
        return "\n".join(
            f"Trigger call {i} ({c.trigger}) raised:\n{_indent(c.traceback())}"
            for i, c in enumerate(self._records, 1)
            if c.error is not None
        )


def _indent(text: str) -> str:
    return "".join(f"  {line}" for line in text.splitlines(keepends=True)).rstrip("\n")


def report(calls: CallList, trigger_calls: TriggerCallList) -> str:
    """The "cognito-idp calls" section of a failed test's report: the calls, then the trigger
    calls and the traceback of each trigger function that raised (the client saw only the
    service's one-line error)."""
    parts = [calls.describe()]
    if len(trigger_calls):
        parts += ["Lambda trigger calls:", trigger_calls.describe()]
        tracebacks = trigger_calls.tracebacks()
        if tracebacks:
            parts.append(tracebacks)
    return "\n".join(parts)
