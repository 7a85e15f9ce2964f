"""The ``AppClient`` handle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..backend import clients
from ._handle import Handle

if TYPE_CHECKING:
    from .pool import UserPool


class AppClient(Handle[clients.AppClient]):
    """An app client of a pool: ``secret`` is ``None`` unless it was created with one."""

    def __init__(self, pool: UserPool, state: clients.AppClient) -> None:
        self._pool = pool
        self._state = state

    def __repr__(self) -> str:
        return f"<AppClient {self.id} {self.name!r} of {self._pool.id}>"

    @property
    def id(self) -> str:
        return self._state.id

    @property
    def name(self) -> str:
        return self._state.name

    @property
    def secret(self) -> Optional[str]:
        return self._state.secret

    @property
    def pool(self) -> UserPool:
        return self._pool

    def secret_hash(self, username: str) -> str:
        """The ``SECRET_HASH`` (``SecretHash``) a request for ``username`` must carry."""
        if self._state.secret is None:
            raise ValueError(
                f"App client {self.id} has no secret, so its requests take no SECRET_HASH; "
                "create it with generate_secret=True to test secret hashes."
            )
        return self._state.secret_hashes(username)[0]

    def describe(self) -> dict[str, Any]:
        """The ``UserPoolClient`` of ``DescribeUserPoolClient``, in wire form."""
        described = self._pool._invoke("DescribeUserPoolClient", ClientId=self.id)
        return described["UserPoolClient"]  # type: ignore[no-any-return]
