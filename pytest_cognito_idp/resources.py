"""Handles on the fake's state for tests: ``UserPool``, ``AppClient``, ``User``, ``ImportJob``.

A handle reads the backend live (``status`` is always current) and changes it through the same
operations a boto3 client would call, so a helper can never do what the service would refuse.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .backend import pools

if TYPE_CHECKING:
    from .fake import CognitoIdp


class UserPool:
    """A user pool of the fake."""

    def __init__(self, fake: CognitoIdp, state: pools.UserPool) -> None:
        self._fake = fake
        self._state = state

    def __repr__(self) -> str:
        return f"<UserPool {self.id} {self.name!r}>"

    def __eq__(self, other: object) -> bool:
        return isinstance(other, UserPool) and other._state is self._state

    def __hash__(self) -> int:
        return hash(self.id)

    @property
    def id(self) -> str:
        return self._state.id

    @property
    def name(self) -> str:
        return self._state.name

    @property
    def arn(self) -> str:
        return self._state.arn

    @property
    def issuer(self) -> str:
        return self._state.issuer

    @property
    def region(self) -> str:
        return self._state.region

    def _invoke(self, operation: str, **params: Any) -> dict[str, Any]:
        return self._fake.invoke(operation, {"UserPoolId": self.id, **params}, self.region)

    def describe(self) -> dict[str, Any]:
        """The ``UserPool`` of ``DescribeUserPool``, in wire form."""
        return self._invoke("DescribeUserPool")["UserPool"]  # type: ignore[no-any-return]
