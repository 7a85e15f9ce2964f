"""``@fake_cognito_idp()`` on what is not a plain function: classes and coroutine functions.

A class decorated the way ``contextlib.ContextDecorator`` decorates functions would become a
function, and its tests would silently vanish. Instead, as moto's ``mock_aws`` does:

- a ``unittest.TestCase`` gets a fresh fake started before ``setUp`` and stopped after
  ``tearDown`` (through ``addCleanup``, so a failing ``setUp`` stops it too): each test, with its
  set-up and tear-down, sees one fake;
- any other class (a pytest test class) gets each ``test*`` method wrapped;
- a class with nothing to wrap is an error, never a silent no-op.

``async def`` functions are wrapped by an ``async def``, so the fake is active while the
coroutine runs, not only while it is created.
"""

from __future__ import annotations

import functools
import inspect
import unittest
from typing import Any, Callable, ContextManager

Fresh = Callable[[], ContextManager[Any]]


def function(fn: Callable[..., Any], fresh: Fresh) -> Callable[..., Any]:
    if inspect.iscoroutinefunction(fn):

        @functools.wraps(fn)
        async def coroutine(*args: Any, **kwargs: Any) -> Any:
            with fresh():
                return await fn(*args, **kwargs)

        return coroutine

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with fresh():
            return fn(*args, **kwargs)

    return wrapper


def test_class(cls: type, fresh: Fresh) -> type:
    if issubclass(cls, unittest.TestCase):
        _wrap_test_case(cls, fresh)
        return cls
    names = [
        name
        for name, member in vars(cls).items()
        if name.startswith("test") and inspect.isfunction(member)
    ]
    if not names:
        raise TypeError(
            f"@fake_cognito_idp() found no test methods on {cls.__qualname__}: decorate a "
            "unittest.TestCase, a class with test* methods, or a function"
        )
    for name in names:
        setattr(cls, name, function(vars(cls)[name], fresh))
    return cls


def _wrap_test_case(cls: type[unittest.TestCase], fresh: Fresh) -> None:
    original = cls.setUp

    @functools.wraps(original)
    def setUp(self: unittest.TestCase) -> None:
        manager = fresh()
        manager.__enter__()
        self.addCleanup(manager.__exit__, None, None, None)
        original(self)

    cls.setUp = setUp  # type: ignore[method-assign]
