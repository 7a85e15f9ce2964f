"""The ``AppClient`` handle."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

from ..backend.model import clients
from ._handle import PoolPart

if TYPE_CHECKING:
    pass


class AppClient(PoolPart[clients.AppClient]):
    """An app client of a pool: ``secret`` is ``None`` unless it was created with one."""

    @property
    def secret(self) -> Optional[str]:
        return self._state.secret

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
