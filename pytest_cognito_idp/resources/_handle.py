"""What every handle shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Generic, Protocol, TypeVar

if TYPE_CHECKING:
    from .pool import UserPool

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


class _Named(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


Named = TypeVar("Named", bound=_Named)


class NamedHandle(Handle[Named]):
    """A handle of an object with an ``id`` and a ``name`` (a pool, an app client, a job)."""

    @property
    def id(self) -> str:
        return self._state.id

    @property
    def name(self) -> str:
        return self._state.name

    def __repr__(self) -> str:
        return f"<{type(self).__name__} {self.id} {self.name!r}{self._where()}>"

    def _where(self) -> str:
        return ""


class PoolPart(NamedHandle[Named]):
    """A named object of a pool: an app client, an import job."""

    def __init__(self, pool: UserPool, state: Named) -> None:
        self._pool = pool
        self._state = state

    @property
    def pool(self) -> UserPool:
        return self._pool

    def _where(self) -> str:
        return f" of {self._pool.id}"
