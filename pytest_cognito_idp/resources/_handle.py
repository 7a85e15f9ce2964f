"""What every handle shares."""

from __future__ import annotations

from typing import Generic, TypeVar

State = TypeVar("State")


class Handle(Generic[State]):
    """Handles are equal when they stand for the same backend object, however they were got."""

    _state: State

    def __eq__(self, other: object) -> bool:
        return (
            isinstance(other, Handle) and type(other) is type(self) and other._state is self._state
        )

    def __hash__(self) -> int:
        return id(self._state)
