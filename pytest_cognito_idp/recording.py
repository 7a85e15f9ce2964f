"""What the code under test asked of the fake: ``Call`` records and assertion helpers."""

from __future__ import annotations

import datetime as _dt
import functools
import pprint
import re
from typing import Any, Iterable, Iterator, List, Optional, overload

import attrs

from . import _wire, clock


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


class CallList(Iterable[Call]):
    """The calls a fake received, oldest first, with ``unittest.mock``-style assertions."""

    def __init__(self) -> None:
        self._calls: List[Call] = []

    def append(self, call: Call) -> None:
        self._calls.append(call)

    def clear(self) -> None:
        self._calls.clear()

    def __iter__(self) -> Iterator[Call]:
        return iter(list(self._calls))

    def __len__(self) -> int:
        return len(self._calls)

    @overload
    def __getitem__(self, i: int) -> Call: ...
    @overload
    def __getitem__(self, i: slice) -> List[Call]: ...
    def __getitem__(self, i: int | slice) -> Call | List[Call]:
        return self._calls[i]

    def __repr__(self) -> str:
        return f"CallList({pprint.pformat(self._calls)})"

    @property
    def call_count(self) -> int:
        return len(self._calls)

    @property
    def last(self) -> Optional[Call]:
        return self._calls[-1] if self._calls else None

    def get_calls(self, operation: Optional[str] = None, **params_subset: Any) -> List[Call]:
        """The calls of ``operation`` (any, if None) whose params include ``params_subset``."""
        calls = self._calls
        if operation is not None:
            calls = [c for c in calls if c.operation == operation]
        if not params_subset:
            return list(calls)
        # A call whose JSON lacks a key (or a plain string value) of the subset cannot match:
        # it is passed over without decoding its params, which would stay in memory.
        needles = _needles(params_subset)
        for needle in needles:  # the values first: they are the rarer
            calls = [c for c in calls if needle in c.request_json]
        return [c for c in calls if c.matches(None, params_subset)]

    def describe(self) -> str:
        if not self._calls:
            return "  (no cognito-idp calls were made)"
        return "\n".join(f"  {i}. {c.describe()}" for i, c in enumerate(self._calls, 1))

    def _expected(self, operation: str, params_subset: dict[str, Any]) -> str:
        wanted = f"{operation}({_short(params_subset)})" if params_subset else operation
        return f"{wanted}\nRecorded calls:\n{self.describe()}"

    def assert_called(self, operation: str, **params_subset: Any) -> Call:
        """At least one call of ``operation`` with ``params_subset``; returns the last such."""
        __tracebackhide__ = True
        found = self.get_calls(operation, **params_subset)
        if not found:
            raise AssertionError(f"Expected a call {self._expected(operation, params_subset)}")
        return found[-1]

    def assert_called_once(self, operation: str, **params_subset: Any) -> Call:
        """Exactly one call of ``operation`` with ``params_subset``; returns it."""
        __tracebackhide__ = True
        found = self.get_calls(operation, **params_subset)
        if len(found) != 1:
            raise AssertionError(
                f"Expected exactly one call, got {len(found)}: "
                f"{self._expected(operation, params_subset)}"
            )
        return found[0]

    def assert_not_called(self, operation: str, **params_subset: Any) -> None:
        """No call of ``operation`` (with ``params_subset``, if given)."""
        __tracebackhide__ = True
        found = self.get_calls(operation, **params_subset)
        if found:
            raise AssertionError(
                f"Expected no call, got {len(found)}: {self._expected(operation, params_subset)}"
            )
