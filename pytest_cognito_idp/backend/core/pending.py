"""Objects with work still due, across fakes: running import jobs, started recoveries.

Before every call the fake asks whether there is any such work. A ``weakref.WeakSet`` would
answer in Python code; ``Pending`` is a dict (id -> weak reference), so ``if pending:`` is one
C-level test, and an entry still drops out when its object is collected (a fake discarded with
a job running).
"""

from __future__ import annotations

import weakref
from typing import Dict, Generic, List, TypeVar

T = TypeVar("T")


class Pending(Dict[int, "weakref.ref[T]"], Generic[T]):
    def add(self, item: T) -> None:
        key = id(item)
        # (A discarded entry's reference dies with it, so this never drops a newer entry.)
        self[key] = weakref.ref(item, lambda _: self.pop(key, None))

    def discard(self, item: T) -> None:
        self.pop(id(item), None)

    def alive(self) -> List[T]:
        """The objects, as a list the caller may iterate while adding or discarding."""
        found = (ref() for ref in list(self.values()))
        return [item for item in found if item is not None]
