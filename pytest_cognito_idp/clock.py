"""Time as the fake sees it, and the ``cognito_clock`` control built on time-machine or freezegun.

Everything in the fake that expires or progresses (codes, tokens, sessions, import jobs) reads
``now()`` at call time and stores plain epoch seconds. Because ``now()`` goes through
``time.time`` on every call, freezegun or time-machine started directly by a test move the fake's
time too; ``Clock`` is a convenience on top, not a second source of truth.

``Clock`` runs on time-machine when it is installed, else on freezegun. time-machine changes what
the clock functions return and nothing else; freezegun swaps ``datetime.date`` and
``datetime.datetime`` for subclasses of its own, so a module first imported while it runs and
subclassing ``date`` with a metaclass (pydantic.v1, which FastAPI apps import) fails with
"metaclass conflict", and time-machine refuses to start inside it. When freezegun is already
running (a test's own ``freeze_time``), the clock runs on freezegun too, as time-machine cannot
start then.
"""

from __future__ import annotations

import datetime as _dt
import importlib.util
import time
from typing import Any, Callable, List, Optional, Tuple

from freezegun import freeze_time

UTC = _dt.timezone.utc


def now() -> float:
    """The current time in epoch seconds, as patched by freezegun or time-machine if active."""
    return time.time()


def controlled() -> bool:
    """Whether a test controls time: a running ``Clock`` (``cognito_clock``), or freezegun
    started directly."""
    return running() is not None or _freezegun_factory() is not None


def jump_to(epoch: float) -> None:
    """Move controlled time to ``epoch``; ``RuntimeError`` when time is not controlled."""
    clock = running()
    if clock is not None:
        clock.move_to(epoch)
        return
    factory = _freezegun_factory()
    if factory is None:
        raise RuntimeError("time is not controlled: use the cognito_clock fixture or freezegun")
    factory.move_to(to_datetime(epoch))


def _freezegun_factory() -> Any:
    # freezegun keeps its active time factories, innermost last, in a module-level list: the one
    # place this package reads freezegun's internals.
    from freezegun import api

    return api.freeze_factories[-1] if api.freeze_factories else None


def to_datetime(epoch: float) -> _dt.datetime:
    return _dt.datetime.fromtimestamp(epoch, UTC)


def _parse(when: str | _dt.datetime | _dt.date | float | int) -> _dt.datetime:
    if isinstance(when, (int, float)):
        return to_datetime(float(when))
    if isinstance(when, str):
        text = when.strip()
        if text.endswith("Z"):
            text = text[:-1] + "+00:00"
        when = _dt.datetime.fromisoformat(text)
    if not isinstance(when, _dt.datetime):
        when = _dt.datetime(when.year, when.month, when.day, tzinfo=UTC)
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return when.astimezone(UTC)


_running: List[Clock] = []


def running() -> Optional[Clock]:
    """The innermost running ``Clock`` (``cognito_clock``), or None."""
    return _running[-1] if _running else None


def _time_machine_can_start() -> bool:
    if _dt.datetime.__name__ == "FakeDatetime":  # freezegun is running: time-machine would refuse
        return False
    return importlib.util.find_spec("time_machine") is not None


class Clock:
    """Frozen time shared by the fake and the code under test (the ``cognito_clock`` fixture).

    Starts frozen at ``start`` (default: the current instant). ``advance`` and ``move_to`` move
    it; nothing moves on its own, so a test sees exactly the expiries it asks for.
    """

    def __init__(self, start: str | _dt.datetime | float | None = None) -> None:
        self._start = _parse(start) if start is not None else to_datetime(time.time())
        self._freezer: Any = None
        # (shift by a timedelta, move to an aware datetime) on the running backend
        self._factory: Optional[Tuple[Callable[[_dt.timedelta], Any], Callable[[Any], Any]]] = None
        self.backend: Optional[str] = None
        """``"time-machine"`` or ``"freezegun"`` while running, else None."""

    def start(self) -> Clock:
        if self._freezer is not None:
            raise RuntimeError("cognito_clock is already running")
        if _time_machine_can_start():
            import time_machine

            self._freezer = time_machine.travel(self._start, tick=False)
            coordinates = self._freezer.start()
            self._factory = (coordinates.shift, coordinates.move_to)
            self.backend = "time-machine"
            _running.append(self)
            return self
        # pytest keeps its own references to the time functions in _pytest.timing to time tests;
        # freezing them would report test durations in days (--durations, JUnit XML).
        self._freezer = freeze_time(self._start, ignore=["_pytest.timing"])
        factory = self._freezer.start()
        self._factory = (factory.tick, factory.move_to)
        self.backend = "freezegun"
        _running.append(self)
        return self

    def stop(self) -> None:
        if self._freezer is not None:
            self._freezer.stop()
            self._freezer = self._factory = self.backend = None
            if self in _running:
                _running.remove(self)

    def __enter__(self) -> Clock:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def _require_running(self) -> Tuple[Callable[[_dt.timedelta], Any], Callable[[Any], Any]]:
        if self._factory is None:
            raise RuntimeError(
                "the clock is not running: use the cognito_clock fixture, or `with Clock():`"
            )
        return self._factory

    def now(self) -> _dt.datetime:
        """The frozen instant, as an aware UTC datetime."""
        self._require_running()
        return to_datetime(time.time())

    def advance(
        self,
        delta: _dt.timedelta | float | None = None,
        *,
        seconds: float = 0,
        minutes: float = 0,
        hours: float = 0,
        days: float = 0,
    ) -> _dt.datetime:
        """Move time forward by ``delta`` (a timedelta or seconds) plus the keyword amounts."""
        factory = self._require_running()
        if isinstance(delta, (int, float)):
            delta = _dt.timedelta(seconds=delta)
        step = (delta or _dt.timedelta()) + _dt.timedelta(
            seconds=seconds, minutes=minutes, hours=hours, days=days
        )
        if step < _dt.timedelta():
            raise ValueError(f"advance() moves time forward only; got {step}. Use move_to().")
        factory[0](step)
        return self.now()

    def move_to(self, when: str | _dt.datetime | _dt.date | float) -> _dt.datetime:
        """Jump to ``when`` (ISO string, datetime, date or epoch seconds); naive means UTC."""
        factory = self._require_running()
        factory[1](_parse(when))
        return self.now()
