"""Errors a test injects (``CognitoIdp.inject_error``): queued per operation, raised in order, and
those never raised listed, so a test cannot pass while a failure it set up never happened."""

from __future__ import annotations

from typing import List

import attrs

from .errors import CognitoError

# The marker option that turns the fixture's teardown check off (named as pytest_httpx names its
# own: ``assert_all_responses_were_requested``).
OPT_OUT = "assert_all_injected_errors_raised"


@attrs.define
class InjectedError:
    """``error`` for the next ``left`` calls of ``operation`` (``times`` when injected)."""

    operation: str
    error: CognitoError
    times: int
    left: int

    def describe(self) -> str:
        text = f"{self.operation} -> {self.error.code}: {self.error.message}"
        if self.times == 1:
            return text
        return f"{text} (raised {self.times - self.left} of {self.times} times)"


@attrs.define
class InjectedErrors:
    """The errors waiting to be raised, in the order they were injected."""

    _queued: List[InjectedError] = attrs.field(factory=list)

    def __bool__(self) -> bool:
        return bool(self._queued)

    def queued_for(self, operation: str) -> bool:
        return any(e.operation == operation for e in self._queued)

    def add(self, operation: str, error: CognitoError, times: int) -> None:
        self._queued.append(InjectedError(operation, error, times, times))

    def raise_next(self, operation: str) -> None:
        """Raise the error queued first for ``operation`` (a fresh one each time), if any."""
        first = next((e for e in self._queued if e.operation == operation), None)
        if first is None:
            return
        first.left -= 1
        if first.left == 0:
            self._queued.remove(first)
        raise type(first.error)(first.error.message)

    def pending(self) -> List[InjectedError]:
        """The errors not raised yet (in full or in part), in the order they were injected."""
        return list(self._queued)

    def unraised_message(self) -> str:
        """Why the test fails at teardown, or '' when every injected error was raised."""
        pending = self.pending()
        if not pending:
            return ""
        count, them = ("1 error", "it") if len(pending) == 1 else (f"{len(pending)} errors", "them")
        lines = "\n".join(f"  - {e.describe()}" for e in pending)
        return (
            f"{count} injected with inject_error() never raised:\n{lines}\n"
            f"Make the calls that should meet {them}, or allow this with "
            f"@pytest.mark.cognito_idp({OPT_OUT}=False)."
        )
