"""The ``User`` handle: a user of a pool, read live."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Dict, List, Optional

from ..backend.model import users
from ._handle import Handle

if TYPE_CHECKING:
    from .pool import UserPool


class User(Handle[users.User]):
    """A user of a pool, read live: ``attributes`` and ``status`` are always current."""

    def __init__(self, pool: UserPool, state: users.User) -> None:
        self._pool = pool
        self._state = state

    def __repr__(self) -> str:
        return f"<User {self.username!r} {self.status} of {self._pool.id}>"

    @property
    def username(self) -> str:
        """The internal username (a UUID equal to ``sub`` in email/phone-as-username pools)."""
        return self._state.username

    @property
    def sub(self) -> str:
        return self._state.sub

    @property
    def attributes(self) -> Dict[str, str]:
        """A copy of the attributes, as the API shows them (strings, ``sub`` included)."""
        return dict(self._state.attributes)

    @property
    def status(self) -> str:
        return self._state.status

    @property
    def enabled(self) -> bool:
        return self._state.enabled

    @property
    def password(self) -> Optional[str]:
        """The current password, when it was set through the fake."""
        return self._state.password

    @property
    def groups(self) -> List[str]:
        """The names of the user's groups, sorted."""
        return sorted(self._state.groups)

    @property
    def pool(self) -> UserPool:
        return self._pool

    def describe(self) -> dict[str, Any]:
        """The response of ``AdminGetUser``, in wire form."""
        return self._pool._invoke("AdminGetUser", Username=self.username)
